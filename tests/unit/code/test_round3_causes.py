"""Python: server addresses held in constants, Ray client addresses, remote code trusted
through a lookup's default or a container environment, Hub models named in environments,
and packages that pipeline components install when they run."""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.scanners.code.python import analyze_source
from secplan.scanners.deps.image_installs import parse_python_installs
from tests.helpers import findings_of, scan, write

COMMIT = "0123456789abcdef0123456789abcdef01234567"


def found(src: str) -> list[tuple[int, str]]:
    return [(h.line, h.rule.id) for h in analyze_source(src)]


@pytest.mark.parametrize(
    "src, expected",
    [
        ('KFP_HOST = "http://kubeflow.example-corp.com/pipeline"\n', [(1, "CD131")]),
        ('JIRA_URL = "http://jira.example-corp.net/rest"\n', [(1, "CD131")]),
        # a local variable, not configuration: left to the calls that use it
        ('jiraUrl = "http://jira.example-corp.net/rest"\n', []),
        ('url = "http://jira.example-corp.net/rest"\n', []),
        ('SCHEMA_REGISTRY = "http://registry.data.example-corp.com:8081"\n', [(1, "CD131")]),
        (
            'import os\nREG = os.environ.get("X", "http://a.example-corp.com")\n'
            'REGISTRY_URL = os.environ.get("X", "http://a.example-corp.com")\n',
            [(3, "CD131")],
        ),
        # look-alikes: TLS, local, cluster-internal, compose names, links and schema ids
        ('KFP_HOST = "https://kubeflow.example-corp.com"\n', []),
        ('LOCAL_URL = "http://localhost:8081"\n', []),
        ('KFP_HOST = "http://ml-pipeline.kubeflow.svc.cluster.local:8888"\n', []),
        ('STATUS_URL = "http://status-page:8080/api"\n', []),
        ('DOCS_URL = "http://docs.example-corp.com/guide"\n', []),
        ('SCHEMA_URL = "http://json-schema.org/draft-07/schema#"\n', []),
        ('GREETING = "http://example-corp.com"\n', []),
        # passed to a known client: reported once, at the call
        (
            'import kfp\nKFP_HOST = "http://kubeflow.example-corp.com"\n'
            "c = kfp.Client(host=KFP_HOST)\n",
            [(3, "CD131")],
        ),
        ('import ray\nray.init(address="ray://head.example-corp.io:10001")\n', [(2, "CD131")]),
        ('import ray\nray.init(address="ray://ray-head:10001")\n', []),
        ('import ray\nray.init(address="auto")\n', []),
    ],
)
def test_endpoints(src: str, expected: list[tuple[int, str]]) -> None:
    assert [x for x in found(src) if x[1] == "CD131"] == expected


@pytest.mark.parametrize(
    "call, fires",
    [
        ('cfg.get("remote_code", True)', True),
        ('getattr(args, "trust", True)', True),
        ('cfg.get("remote_code", False)', False),
        ('cfg.get("remote_code")', False),
        ("cfg.trust", False),
    ],
)
def test_trust_through_a_lookup(call: str, fires: bool) -> None:
    src = (
        "from transformers import AutoModel\ndef f(cfg, args):\n"
        f"    AutoModel.from_pretrained(cfg['m'], trust_remote_code={call})\n"
    )
    assert ((3, "CD110") in found(src)) is fires


def test_container_environment_dict() -> None:
    src = (
        "HUB_ENV = {\n"
        '    "HF_MODEL_ID": "org/classifier",\n'
        '    "HF_TASK": "text-classification",\n'
        '    "HF_MODEL_TRUST_REMOTE_CODE": "true",\n'
        "}\n"
        "PINNED_ENV = {\n"
        '    "HF_MODEL_ID": "org/classifier",\n'
        f'    "HF_MODEL_REVISION": "{COMMIT}",\n'
        '    "HF_MODEL_TRUST_REMOTE_CODE": "false",\n'
        "}\n"
        'LOCAL = {"HF_MODEL_ID": "/opt/ml/model"}\n'
    )
    got = [x for x in found(src) if x[1] in ("CD110", "CD112")]
    assert got == [(2, "CD112"), (4, "CD110")]


def test_component_packages_to_install(tmp_path: Path) -> None:
    write(
        tmp_path,
        "pipelines/p.py",
        "from kfp import dsl\n"
        '@dsl.component(base_image="python:3.11",\n'
        '    packages_to_install=["pandas", "gcsfs==2024.6.1"])\n'
        "def a(): ...\n"
        '@dsl.component(packages_to_install=["pandas==2.2.3", f"x=={V}", "./local"])\n'
        "def b(): ...\n",
    )
    got = [(f.location.line, f.evidence) for f in findings_of(scan(tmp_path), "DP001")]
    assert got == [(3, "pandas any version")]


def test_component_packages_never_run_the_module(tmp_path: Path) -> None:
    canary = tmp_path / "secplan-canary-ran"
    text = f"open({str(canary)!r}, 'w')\nX = dict(packages_to_install=['a'])\n"
    parsed = parse_python_installs(text, "p.py")
    assert [d.name for d in parsed.deps] == ["a"]
    assert not canary.exists()
    assert parse_python_installs("packages_to_install = [\n", "p.py").deps == ()


@pytest.mark.parametrize(
    "text, kinds",
    [
        ("card on file 4539 1488 0343 6467", ["card"]),
        ("['4242 4242 4242 4242', '4000 0566 5566 5556']", []),  # Stripe's test numbers
        ("visa test 4111-1111-1111-1111", []),
    ],
)
def test_published_test_cards_are_not_personal_data(text: str, kinds: list[str]) -> None:
    from secplan.scanners.code.pii import BasicPiiDetector, DataPiiDetector

    assert [h.kind for h in DataPiiDetector().find(text) if h.kind == "card"] == kinds
    assert [h.kind for h in BasicPiiDetector().find(text) if h.kind == "card"] == kinds


@pytest.mark.parametrize(
    "line, fires",
    [
        (
            'c.ServerApp.hashed_password = "argon2:$argon2id$v=19$m=10240,t=10,p=8$'
            'c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"',
            False,
        ),
        ('ADMIN_PASSWORD = "$2b$12$KIXQJ1mZ0eV9h3yq8b1Fz.2q3W4e5R6t7Y8u9I0o1P2a3S4d5F6g7"', False),
        ('ADMIN_PASSWORD = "Tr0ub4dor&3-fraud-audit"', True),
    ],
)
def test_password_hashes_are_not_secrets(tmp_path: Path, line: str, fires: bool) -> None:
    write(tmp_path, "conf/server_config.py", line + "\n")
    assert bool(findings_of(scan(tmp_path), "CD208")) is fires


@pytest.mark.parametrize(
    "line, fires",
    [
        ("mc alias set store http://minio.example-corp.ai:9000 svc q8W3xZ9pLm2Rt7Vb", True),
        ("docker login -u bot -p Hunter2-Prod-99 registry.example-corp.com", True),
        ("sshpass -p S3cr3t-pass ssh host", True),
        ("curl -u admin:Adm1n-P4ss-2024 https://x.example-corp.com", True),
        ("htpasswd -bc .htpasswd admin Sup3r-S3cret", True),
        # variables, standard input, comments and placeholders are not credentials
        ("mc alias set store http://minio:9000 $MINIO_KEY $MINIO_SECRET", False),
        ("echo $TOKEN | docker login -u bot --password-stdin", False),
        ('curl -u "$USER:$PASS" https://x.example-corp.com', False),
        ("# mc alias set a http://x:9000 key q8W3xZ9pLm2Rt7Vb", False),
        ("docker login -u bot -p <your-password> registry.example-corp.com", False),
    ],
)
def test_credentials_given_as_arguments(tmp_path: Path, line: str, fires: bool) -> None:
    write(tmp_path, "scripts/ops.sh", "#!/bin/sh\n" + line + "\n")
    assert bool(findings_of(scan(tmp_path), "CD208")) is fires
