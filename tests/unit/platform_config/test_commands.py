"""ML servers started from command lines."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secplan.model import Severity
from secplan.scanners.platform_config.commands import COMMAND_RULES, check_command


def ids(cmd: str | list[str], env: tuple[str, ...] = ()) -> list[str]:
    return [h.rule.id for h in check_command(cmd, env)]


@pytest.mark.parametrize(
    "cmd, expected",
    [
        ("jupyter lab --ip=0.0.0.0 --NotebookApp.token=''", ["CF117"]),
        ("jupyter notebook --ServerApp.token= --allow-root", ["CF117", "CF119"]),
        (["bash", "-c", "pip install x && jupyter lab --IdentityProvider.token=''"], ["CF117"]),
        ("mlflow server --host 0.0.0.0 --port 5000", ["CF117"]),
        ("mlflow ui -h 0.0.0.0", ["CF117"]),
        ("ray start --head --dashboard-host=0.0.0.0", ["CF120"]),
        ("torchserve --start --disable-token-auth --ncs", ["CF117"]),
        ("tritonserver --model-repository=/models --model-control-mode=explicit", ["CF120"]),
        ("tritonserver --model-control-mode explicit", ["CF120"]),
        ("tensorboard --logdir runs --bind_all", ["CF118"]),
        ("streamlit run app.py", ["CF117"]),  # all interfaces unless server.address says
        ("vllm serve org/model --trust-remote-code --api-key k", ["CF121", "CD112"]),
        ("python3 -m vllm.entrypoints.openai.api_server --model m", ["CF117"]),
        ("text-generation-launcher --model-id m --trust-remote-code", ["CF121", "CF117"]),
        ("text-generation-launcher --model-id m --hostname 127.0.0.1", []),
        ("start-notebook.py --IdentityProvider.token=''", ["CF117"]),
        ("OLLAMA_HOST=0.0.0.0:11434 ollama serve", ["CF117"]),
        ("OLLAMA_HOST=127.0.0.1:11434 ollama serve", []),
        ("""echo "app ALL=(ALL) NOPASSWD:ALL" >> /etc/sudoers""", ["CF125"]),
        ("export GRANT_SUDO=yes", ["CF125"]),
        ("export MLFLOW_TRACKING_INSECURE_TLS=true", ["CF123"]),
        ("streamlit run app.py --server.address=0.0.0.0", ["CF117"]),
        ("FOO=1 exec /usr/local/bin/ray start --head --dashboard-host 0.0.0.0", ["CF120"]),
    ],
)
def test_fires(cmd: str | list[str], expected: list[str]) -> None:
    assert ids(cmd) == expected


@pytest.mark.parametrize(
    "cmd",
    [
        "jupyter lab --ip=0.0.0.0",  # a random token is generated
        "jupyter lab --ServerApp.token='' --ServerApp.password=argon2:abc",
        "mlflow server --host 127.0.0.1",
        "mlflow server --host 0.0.0.0 --app-name basic-auth",
        "ray start --head --dashboard-host=127.0.0.1",
        "tritonserver --model-repository=/models --model-control-mode=none",
        "tensorboard --logdir runs",
        "vllm serve /models/org --api-key secret",
        "vllm serve ./model --host 127.0.0.1",
        "streamlit run app.py --server.address 127.0.0.1",
        "python train.py --host 0.0.0.0",
        "echo jupyter lab --ServerApp.token=",
    ],
)
def test_silent(cmd: str) -> None:
    assert ids(cmd) == []


def test_api_key_from_environment() -> None:
    assert ids("vllm serve m", env=("VLLM_API_KEY",)) == []
    assert ids("jupyter lab --ServerApp.token=''", env=("JUPYTER_TOKEN",)) == []


def test_ray_dashboard_is_critical() -> None:
    [hit] = check_command("ray start --head --dashboard-host=0.0.0.0")
    assert hit.severity is Severity.CRITICAL


@given(st.one_of(st.text(max_size=300), st.lists(st.text(max_size=40), max_size=20)))
def test_never_raises(cmd: str | list[str]) -> None:
    for hit in check_command(cmd):
        assert hit.rule in COMMAND_RULES


@pytest.mark.parametrize(
    "cmd, expected",
    [
        # downloads piped into an interpreter, however the line is written
        ("curl -fsSL https://get.example.org/i.sh | sh", ["CF103"]),
        ("curl -fsSL https://get.example.org/i.sh|sudo -E bash -s -- --yes", ["CF103"]),
        ("wget -qO- https://get.example.org/i.sh | bash", ["CF103"]),
        ("wget -O - https://get.example.org/i.sh | python3 -", ["CF103"]),
        ("set -e; cd /tmp && curl -sL https://x.example/i | tee log | bash", ["CF103"]),
        ('sh -c "$(curl -fsSL https://raw.example.org/install.sh)"', ["CF103"]),
        ("bash <(curl -s https://get.example.org/i.sh)", ["CF103"]),
        ('eval "$(wget -qO- https://x.example/env)"', ["CF103"]),
        ("if true; then curl -s https://x.example/i | sh; fi", ["CF103"]),
        (["bash", "-c", "curl -s https://x.example/i | sh"], ["CF103"]),
        # certificate checks off
        ("curl -k https://files.example.org/model.bin -o model.bin", ["CF123"]),
        ("curl -fsSLk https://files.example.org/m.bin -o m.bin", ["CF123"]),
        ("curl --insecure -O https://files.example.org/m.bin", ["CF123"]),
        ("wget --no-check-certificate https://files.example.org/data.tgz", ["CF123"]),
        ("git -c http.sslVerify=false clone https://git.example.org/r.git", ["CF123"]),
        ("git config --global http.sslVerify false", ["CF123"]),
        ("GIT_SSL_NO_VERIFY=1 git clone https://git.example.org/r.git", ["CF123"]),
        ("export PYTHONHTTPSVERIFY=0", ["CF123"]),
        ("export CURL_CA_BUNDLE=", ["CF123"]),
        ("conda config --set ssl_verify false", ["CF123"]),
        ("curl -k https://x.example/i.sh | sh", ["CF103", "CF123"]),
        # package indexes without TLS
        ("pip install --trusted-host pypi.internal torch", ["DP108"]),
        ("python3 -m pip install -i http://pypi.internal/simple torch", ["DP108"]),
        ("uv pip install --extra-index-url=http://mirror.corp/simple x", ["DP108"]),
        ("pip config set global.trusted-host pypi.internal", ["DP108"]),
        # world-writable permissions
        ("chmod 777 /app", ["CF124"]),
        ("chmod -R 0777 /models", ["CF124"]),
        ("sudo chmod -R a+rwX /data", ["CF124"]),
        ("chmod o+w run.sh", ["CF124"]),
        ("chmod 666 /var/run/app.sock", ["CF124"]),
        ("umask 000", ["CF124"]),
        # plain-HTTP endpoints for ML tools
        ("export MLFLOW_TRACKING_URI=http://mlflow.internal:5000", ["CD131"]),
        ("HF_ENDPOINT=http://hf-mirror.corp python train.py", ["CD131"]),
        # servers behind wrappers
        ("nohup mlflow server --host 0.0.0.0 > mlflow.log 2>&1 &", ["CF117"]),
        ("exec gosu app tini -- jupyter lab --NotebookApp.token=''", ["CF117"]),
        (
            "conda run -n serve --no-capture-output vllm serve m --api-key k --trust-remote-code",
            ["CF121"],
        ),
        ("mlflow models serve -m runs:/1/model --host 0.0.0.0", ["CF117"]),
    ],
)
def test_engine_fires(cmd: str | list[str], expected: list[str]) -> None:
    assert ids(cmd) == expected


@pytest.mark.parametrize(
    "cmd",
    [
        "curl -s https://api.example.org/v1/status | python3 -c 'import json,sys; print(1)'",
        "curl -s https://api.example.org/v1/status | python -m json.tool",
        "curl -fsSL https://x.example/i.sh -o i.sh && sha256sum -c i.sh.sha256",
        "curl -fsSLo i.sh https://x.example/i.sh | cat",
        "wget https://x.example/i.sh | sh",  # wget writes a file; nothing reaches sh
        "curl -s https://x.example/i.sh | bash i.sh",
        'bash -c "echo $(curl -s https://api.example.org/ip)"',
        "echo 'curl https://x.example | sh'",
        "curl -k https://localhost:8443/health",
        "curl -sk https://127.0.0.1:8443/ready || exit 1",
        "wget --no-check-certificate -qO /dev/null https://localhost/health",
        "git -c http.sslVerify=true clone https://git.example.org/r.git",
        "pip install --trusted-host localhost -i http://localhost:8080/simple pkg",
        "pip install -i https://pypi.internal/simple torch",
        "chmod 755 /app",
        "chmod +x run.sh",
        "chmod 1777 /tmp/shared",
        "chmod u+w,g-w file",
        "umask 022",
        "export MLFLOW_TRACKING_URI=http://localhost:5000",
        "export MLFLOW_TRACKING_URI=https://mlflow.internal",
        "export PYTHONHTTPSVERIFY=1",
        "# curl -k https://x.example | sh",
        "mlflow models serve -m runs:/1/model --host 127.0.0.1",
    ],
)
def test_engine_silent(cmd: str) -> None:
    assert ids(cmd) == []


def test_hub_downloads_and_served_models_without_a_commit() -> None:
    from secplan.scanners.platform_config.commands import check_command

    def ids(cmd: str) -> list[str]:
        return [h.rule.id for h in check_command(cmd)]

    sha = "0123456789abcdef0123456789abcdef01234567"
    assert ids("huggingface-cli download runwayml/stable-diffusion-v1-5 --local-dir w") == ["CD112"]
    assert ids(f"huggingface-cli download org/m --revision {sha}") == []
    assert ids("hf download org/m --revision $REV") == []
    assert ids("huggingface-cli download org/data --repo-type dataset") == []
    assert "CD112" in ids("vllm serve Qwen/Qwen2-7B-Instruct --api-key k")
    assert "CD112" not in ids(f"vllm serve Qwen/Qwen2-7B-Instruct --revision {sha} --api-key k")
    assert "CD112" not in ids("vllm serve /models/qwen --api-key k")
    assert "CD112" in ids("text-generation-launcher --model-id org/m --revision main")
    assert ids("python -m huggingfaceserver --model_id=org/m --trust_remote_code") == [
        "CF121",
        "CD112",
    ]


def test_triton_restricted_model_api_is_not_exposed() -> None:
    from secplan.scanners.platform_config.commands import check_command

    base = "tritonserver --model-repository=/m --model-control-mode=explicit"
    key = "model-repository,shared-memory:admin-key=${KEY}"
    restricted = f"{base} --http-restricted-api={key} --grpc-restricted-protocol={key}"
    assert [h.rule.id for h in check_command(restricted)] == []
    # one protocol left open still accepts model loads
    assert [h.rule.id for h in check_command(f"{base} --http-restricted-api={key}")] == ["CF120"]
    assert [
        h.rule.id for h in check_command(f"{base} --http-restricted-api={key} --allow-grpc=false")
    ] == []


def test_bentoml_and_clients_pointed_at_plain_http() -> None:
    from secplan.scanners.platform_config.commands import check_command

    def ids(cmd: str) -> list[str]:
        return [h.rule.id for h in check_command(cmd)]

    assert ids("bentoml serve service:Svc --host 0.0.0.0 --port 3000") == ["CF117"]
    assert ids("bentoml serve service:Svc --host 127.0.0.1") == []
    assert ids("ray job submit --address http://ray-head.corp-example.com:8265 -- python a.py") == [
        "CD131"
    ]
    # a compose or cluster service name, and an https URL, stay inside or are encrypted
    assert ids("ray job submit --address http://ray-head:8265 -- python a.py") == []
    assert ids("ray job submit --address https://ray.corp-example.com -- python a.py") == []
    assert ids("python -m pip install --index-url http://pypi.corp-example.com x==1") == ["DP108"]


def test_torchserve_token_authorization_off_in_the_environment() -> None:
    from secplan.scanners.platform_config.commands import check_env

    assert [h.rule.id for h in check_env("TS_DISABLE_TOKEN_AUTHORIZATION", "true")] == ["CF117"]
    assert check_env("TS_DISABLE_TOKEN_AUTHORIZATION", "false") == []


def test_flower_insecure() -> None:
    from secplan.model import Location
    from secplan.scanners.platform_config.commands import check_command
    from secplan.scanners.platform_config.common import command_findings

    assert [h.rule.id for h in check_command("flower-superlink --insecure")] == ["CD132"]
    assert check_command("flower-superlink --ssl-ca-certfile ca.crt") == []
    # a compose or pod command of options only runs the image's program
    found = command_findings(
        ["--insecure"], (), Location(path="c.yml"), image="flwr/superlink:1.8.0"
    )
    assert [f.rule for f in found] == ["CD132"]
