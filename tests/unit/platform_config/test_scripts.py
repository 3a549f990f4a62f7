"""Shell scripts and .env files through the command-line rules.

Known false negatives: commands assembled from variables (``$SERVER --host 0.0.0.0``),
functions and aliases defined in the script, and here-document bodies fed to a shell.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secplan.scanners.platform_config.scripts import dotenv_pairs
from tests.helpers import findings_of, rules_of, scan, write

CANARY = "secplan-canary-ran"


def _canary_lines(tmp_path: Path) -> str:
    return f'touch {tmp_path / CANARY}\npython3 -c \'open("{tmp_path / CANARY}", "w")\'\n'


def test_sh_file_fires_at_the_line(tmp_path: Path) -> None:
    write(
        tmp_path,
        "scripts/serve.sh",
        "#!/usr/bin/env bash\n"
        "set -euo pipefail\n"
        + _canary_lines(tmp_path)
        + "mlflow server \\\n    --backend-store-uri sqlite:///m.db \\\n    --host 0.0.0.0 &\n"
        "jupyter lab --NotebookApp.token='' --ip=0.0.0.0 --allow-root\n"
        "ray start --head --dashboard-host=0.0.0.0\n"
        'vllm serve org/model --trust-remote-code --api-key "$KEY"\n'
        "curl -k https://get.example.org/setup.sh | sudo bash\n"
        "wget --no-check-certificate https://files.example.org/w.bin\n"
        "pip install --trusted-host pypi.internal -r requirements.txt\n"
        "chmod -R 777 /srv/models\n",
    )
    a = scan(tmp_path)
    got = sorted(
        (f.rule, f.location.line) for f in a.report.findings if f.location.path.endswith(".sh")
    )
    assert got == [
        ("CD112", 10),  # a Hub model served without --revision
        ("CF103", 11),
        ("CF117", 7),  # the --host line of the continued command
        ("CF117", 8),
        ("CF119", 8),
        ("CF120", 9),
        ("CF121", 10),
        ("CF123", 11),
        ("CF123", 12),
        ("CF124", 14),
        ("DP108", 13),
        ("GD001", 10),  # the model server no guard policy covers
    ]
    assert not (tmp_path / CANARY).exists()


@pytest.mark.parametrize(
    "name, first",
    [
        ("start", "#!/bin/sh"),
        ("entrypoint", "#!/usr/bin/env bash"),
        ("run.bash", ""),
        ("launch", "#!/usr/bin/env -S bash -e"),
    ],
)
def test_scripts_recognised_by_name_or_shebang(tmp_path: Path, name: str, first: str) -> None:
    write(tmp_path, name, f"{first}\nmlflow server --host 0.0.0.0\n")
    [f] = findings_of(scan(tmp_path), "CF117")
    assert f.location.path == name


def test_script_environment_counts_for_servers(tmp_path: Path) -> None:
    write(
        tmp_path,
        "serve.sh",
        'export VLLM_API_KEY="$(cat /run/secrets/key)"\nvllm serve org/model\n'
        "JUPYTER_TOKEN=$(openssl rand -hex 32)\nexport JUPYTER_TOKEN\n"
        "jupyter lab --ServerApp.token=''\n",
    )
    assert "CF117" not in rules_of(scan(tmp_path))


def test_dev_script_hard_negatives_are_silent(tmp_path: Path) -> None:
    write(
        tmp_path,
        "dev/run_local.sh",
        "#!/bin/bash\n"
        "# mlflow server --host 0.0.0.0   (never in production)\n"
        "mlflow server --host 127.0.0.1 --port 5000 &\n"
        "jupyter lab --ip=127.0.0.1\n"
        "ray start --head\n"
        "tensorboard --logdir runs\n"
        "curl -fsSk https://localhost:8443/health\n"
        "curl -fsSL https://get.example.org/i.sh -o /tmp/i.sh\n"
        "echo 'sha256  /tmp/i.sh' | sha256sum -c - && sh /tmp/i.sh\n"
        "curl -s https://api.example.org/v1/models | python3 -m json.tool\n"
        "chmod 755 bin/*\n"
        "chmod 1777 /tmp/shared\n"
        "cat <<'EOF' > notes.txt\ncurl -k https://x.example | sh\nchmod 777 /\nEOF\n"
        "export MLFLOW_TRACKING_URI=http://localhost:5000\n"
        "pip install -i https://pypi.internal/simple torch==2.6.0\n",
    )
    findings = scan(tmp_path).report.findings
    # DP104 (no vulnerability database) is the project's, placed on its first file with
    # dependencies: here the script, whose pinned install is a dependency
    got = [f.rule for f in findings if f.location.path.startswith("dev/") and f.rule != "DP104"]
    assert got == []


def test_test_fixture_scripts_are_silent_for_safe_commands(tmp_path: Path) -> None:
    write(
        tmp_path,
        "tests/fixtures/start_server.sh",
        '#!/bin/sh\nexec mlflow server --host 127.0.0.1 --port "$PORT"\n'
        "curl --retry 5 -sf http://127.0.0.1:$PORT/health\n",
    )
    assert [f for f in scan(tmp_path).report.findings if f.location.path.startswith("tests/")] == []


def test_dotenv_settings(tmp_path: Path) -> None:
    write(
        tmp_path,
        "deploy/.env",
        "# settings\nMLFLOW_TRACKING_URI=http://mlflow.corp:5000\nLOG_LEVEL=info\n"
        "export GIT_SSL_NO_VERIFY=true\nHF_ENDPOINT=https://hf.example.org\n",
    )
    a = scan(tmp_path)
    assert [(f.rule, f.location.line) for f in findings_of(a, "CD131")] == [("CD131", 2)]
    assert [(f.rule, f.location.line) for f in findings_of(a, "CF123")] == [("CF123", 4)]


def test_secrets_in_exports_are_found_and_masked(tmp_path: Path) -> None:
    value = "Zq8" + "xK2mP9vL4nR7tW1yB6cD3fG5hJ0"
    write(tmp_path, "env.sh", f"export SERVICE_API_KEY={value}\nexport DB_PASSWORD='Tr0ub4dor&3'\n")
    a = scan(tmp_path)
    got = [(f.rule, f.location.line) for f in a.report.findings if f.rule.startswith("CD2")]
    assert got == [("CD208", 1), ("CD208", 2)]
    assert all(value not in f.evidence and value not in f.message for f in a.report.findings)


def test_oversized_script_is_not_verified(tmp_path: Path) -> None:
    write(tmp_path, "big.sh", "echo x\n" + "x" * ((4 << 20) + 1))
    assert any(
        f.rule == "SX001" and f.location.path == "big.sh" for f in scan(tmp_path).report.findings
    )


@given(st.text(alphabet="AB_=#'\" \n\texport.h:/", max_size=200))
def test_dotenv_reader_never_raises(text: str) -> None:
    lines = text.splitlines()
    for number, name, value in dotenv_pairs(text):
        assert 1 <= number <= len(lines) and name in lines[number - 1]
        assert "\n" not in value


def test_findings_of_a_continued_line_sit_on_their_option(tmp_path: Path) -> None:
    text = (
        "#!/bin/sh\n"
        "python -m vllm.entrypoints.openai.api_server \\\n"
        '    --model "$M" \\\n'
        "    --host 0.0.0.0 \\\n"
        "    --trust-remote-code \\\n"
        "    --port 8000\n"
        "curl -fsSL http://downloads.corp.example/w.safetensors -o w.safetensors\n"
        "wget -q http://minio:9000/bucket/w.bin\n"  # a compose service: inside the network
        "aws s3 cp x s3://b/ --no-verify-ssl\n"
    )
    write(tmp_path, "serve.sh", text)
    a = scan(tmp_path)
    assert [f.location.line for f in findings_of(a, "CF117")] == [4]
    assert [f.location.line for f in findings_of(a, "CF121")] == [5]
    assert [f.location.line for f in findings_of(a, "CD131")] == [7]
    assert [f.location.line for f in findings_of(a, "CF123")] == [9]
