"""Servers, clients and installs that used to pass unseen: containers started with
``docker run``, Redis/Dagster/Prefect servers, ``kubectl port-forward``, MinIO's client,
Ray cluster-launcher files, CodeBuild specs, CloudFormation images, Makefile recipes,
KServe runtime arguments and Hub files fetched by URL. Each positive has a look-alike that
must stay quiet.

Known false negatives: a server's image known only through a variable (``docker run
$IMAGE``), Makefile recipes that call make's own functions, CloudFormation images built
with ``!Sub`` from parameters.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secplan.scanners.platform_config.commands import check_command
from secplan.scanners.platform_config.scripts import makefile_recipes
from secplan.scanners.platform_config.yamlsafe import YamlError, load_all
from tests.helpers import findings_of, rules_of, scan, write

TGI = "ghcr.io/huggingface/text-generation-inference:2.3.1"
COMMIT = "0123456789abcdef0123456789abcdef01234567"


def ids(cmd: str) -> list[str]:
    return sorted(h.rule.id for h in check_command(cmd))


@pytest.mark.parametrize(
    "cmd, expected",
    [
        # a server image run with its options: trust, pin and exposure judged
        (
            f"docker run -p 8080:80 {TGI} --model-id org/m --trust-remote-code",
            ["CD112", "CF117", "CF121"],
        ),
        # published on loopback only: the exposure goes, the rest stays
        (f"docker run -p 127.0.0.1:8080:80 {TGI} --model-id org/m --revision {COMMIT}", []),
        (
            f"docker run --network host {TGI} --model-id org/m --revision {COMMIT}",
            ["CF106", "CF117"],
        ),
        (f"podman run -d {TGI} --model-id org/m --revision {COMMIT}", []),
        ("docker run -p 8000:8000 vllm/vllm-openai:v0.6.3 --model org/m --api-key k", ["CD112"]),
        ("docker run -p 5000:5000 img:1 mlflow server --host 0.0.0.0", ["CF117"]),
        ("docker run --rm -v a:b python:3.12 python -c 'print(1)'", []),
        ("docker run -d -p 6379:6379 redis:7.4 --protected-mode no", ["CF117"]),
        ("docker run -d -p 127.0.0.1:6379:6379 redis:7.4 --protected-mode no", []),
        ("redis-server --protected-mode no", ["CF117"]),
        ("redis-server --protected-mode no --requirepass s3cret", []),
        ("redis-server --protected-mode yes", []),
        ("dagster-webserver -h 0.0.0.0 -p 3000", ["CF117"]),
        ("dagster dev -h 0.0.0.0", ["CF117"]),
        ("dagster-webserver -h 127.0.0.1", []),
        ("dagster job execute -f x.py", []),
        ("prefect server start --host 0.0.0.0", ["CF117"]),
        ("PREFECT_SERVER_API_AUTH_STRING=a:b prefect server start --host 0.0.0.0", []),
        ("prefect server start", []),
        ("kubectl port-forward svc/ui 8080:80 --address 0.0.0.0", ["CF118"]),
        ("kubectl port-forward svc/ui 8080:80 --address localhost,0.0.0.0", ["CF118"]),
        ("kubectl port-forward svc/ui 8080:80", []),
        ("kubectl port-forward svc/ui 8080:80 --address 127.0.0.1", []),
        ("kubectl --insecure-skip-tls-verify apply -f k8s/", ["CF123"]),
        ("kubectl apply -f k8s/", []),
        ("helm upgrade x . --insecure-skip-tls-verify", ["CF123"]),
        ("mc alias set store http://minio.example-corp.com:9000 k s", ["CD131"]),
        ("mc alias set store https://minio.example-corp.com k s", []),
        ("mc alias set local http://localhost:9000 k s", []),
        ("mc alias set local http://minio:9000 k s", []),  # a compose service name
        ("curl -L -o m.bin https://huggingface.co/org/m/resolve/main/model.bin", ["CD112"]),
        (f"wget https://huggingface.co/org/m/resolve/{COMMIT}/model.bin", []),
        ("curl -LO https://huggingface.co/datasets/org/d/resolve/main/x.csv", []),
        ("curl -LO https://example.org/org/m/resolve/main/x.bin", []),
    ],
)
def test_command_causes(cmd: str, expected: list[str]) -> None:
    assert ids(cmd) == sorted(expected)


def test_hf_trust_env() -> None:
    from secplan.scanners.platform_config.commands import check_env

    assert [h.rule.id for h in check_env("HF_MODEL_TRUST_REMOTE_CODE", "true")] == ["CF121"]
    assert check_env("HF_MODEL_TRUST_REMOTE_CODE", "false") == []


RAY_CLUSTER = """\
cluster_name: sweeps
provider:
  type: aws
docker:
  image: rayproject/ray:latest
  run_options:
    - --ulimit nofile=65536:65536
    - --privileged
setup_commands:
  - pip install -U "ray[default]" wandb
  - pip install torch==2.4.1
head_start_ray_commands:
  - ray stop
  - ray start --head --dashboard-host=0.0.0.0
worker_start_ray_commands:
  - ray start --address=$RAY_HEAD_IP:6379
"""

RAY_CLUSTER_SAFE = """\
cluster_name: sweeps
provider:
  type: aws
docker:
  image: rayproject/ray:2.9.3-py311
  run_options:
    - --ulimit nofile=65536:65536
setup_commands:
  - pip install "ray[default]==2.9.3" wandb==0.17.0
head_start_ray_commands:
  - ray start --head --dashboard-host=127.0.0.1
"""


def test_ray_cluster_launcher(tmp_path: Path) -> None:
    write(tmp_path, "cluster/ray.yaml", RAY_CLUSTER)
    a = scan(tmp_path)
    assert [f.location.line for f in findings_of(a, "CF120")] == [14]
    assert [f.location.line for f in findings_of(a, "CF101")] == [5]
    assert [f.location.line for f in findings_of(a, "CF105")] == [8]
    assert sorted(f.evidence for f in findings_of(a, "DP001")) == [
        "ray any version",
        "wandb any version",
    ]


def test_ray_cluster_look_alikes(tmp_path: Path) -> None:
    write(tmp_path, "cluster/ray.yaml", RAY_CLUSTER_SAFE)
    # the same keys outside a cluster file are nobody's commands
    write(tmp_path, "conf/other.yaml", "setup_commands:\n  - ray start --dashboard-host=0.0.0.0\n")
    found = set(rules_of(scan(tmp_path)))
    assert not found & {"CF120", "CF101", "CF105", "DP001"}


def test_buildspec_and_cloudformation(tmp_path: Path) -> None:
    write(
        tmp_path,
        "buildspec.yml",
        "version: 0.2\nphases:\n  build:\n    commands:\n      - echo hi\n"
        "      - wget --no-check-certificate -O m.tgz https://models.example-corp.com/m.tgz\n",
    )
    write(
        tmp_path,
        "infra/stack.yaml",
        'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n'
        "  M:\n    Type: AWS::SageMaker::Model\n"
        "    Properties:\n      ExecutionRoleArn: !Sub arn:aws:iam::${AWS::AccountId}:role/r\n"
        "      PrimaryContainer:\n        Image: 1234.dkr.ecr.eu-west-1.amazonaws.com/inf:latest\n"
        "  N:\n    Type: AWS::SageMaker::Model\n    Properties:\n"
        "      PrimaryContainer:\n        Image: 1234.dkr.ecr.eu-west-1.amazonaws.com/inf:1.4.2\n",
    )
    a = scan(tmp_path)
    assert [(f.location.path, f.location.line) for f in findings_of(a, "CF123")] == [
        ("buildspec.yml", 6)
    ]
    assert [(f.location.path, f.location.line) for f in findings_of(a, "CF101")] == [
        ("infra/stack.yaml", 8)
    ]


def test_local_yaml_tags_read_as_plain_values() -> None:
    docs = load_all("a: !Sub x${y}\nb: !GetAtt [r, Arn]\nc: !If {k: 1}\n")
    assert docs == [{"a": "x${y}", "b": ["r", "Arn"], "c": {"k": 1}}]
    with pytest.raises(YamlError):
        load_all("a: !!python/object/apply:os.system ['touch secplan-canary-ran']\n")


def test_makefile_recipes(tmp_path: Path) -> None:
    write(
        tmp_path,
        "Makefile",
        ".PHONY: data\n\ndata:\n"
        "\t@wget -q --no-check-certificate https://x.example-corp.com/d -O d\n"
        "\tcurl -fsSL https://x.example-corp.com/e -o e\n"
        "# wget --no-check-certificate in a comment\n"
        "NOTE = wget --no-check-certificate\n",
    )
    assert [f.location.line for f in findings_of(scan(tmp_path), "CF123")] == [4]


def test_makefile_recipes_join_continuations() -> None:
    text = "all:\n\t-echo a \\\n\t  $$HOME\nx = 1\n"
    assert list(makefile_recipes(text)) == [(2, "echo a $HOME")]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_makefile_text(text: str) -> None:
    assert all(n >= 1 for n, _ in makefile_recipes(text))


def test_kserve_runtime_args(tmp_path: Path) -> None:
    write(
        tmp_path,
        "k8s/isvc.yaml",
        "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: t\n"
        "spec:\n  predictor:\n    model:\n      modelFormat:\n        name: huggingface\n"
        "      args:\n        - --model_name=t\n        - --model_id=org/enc\n"
        "        - --trust_remote_code\n"
        "---\napiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
        "  name: u\nspec:\n  predictor:\n    model:\n      modelFormat:\n"
        "        name: huggingface\n"
        f"      args:\n        - --model_id=org/enc\n        - --model_revision={COMMIT}\n",
    )
    a = scan(tmp_path)
    assert [f.location.line for f in findings_of(a, "CF121")] == [13]
    assert [f.location.line for f in findings_of(a, "CD112")] == [12]


def test_dockerfile_add_of_a_hub_branch(tmp_path: Path) -> None:
    write(
        tmp_path,
        "Dockerfile",
        "FROM python:3.12.4-slim\n"
        "ADD https://huggingface.co/org/det/resolve/main/model.bin /m/a.bin\n"
        f"ADD https://huggingface.co/org/det/resolve/{COMMIT}/model.bin /m/b.bin\n"
        "USER 1000\n",
    )
    assert [f.location.line for f in findings_of(scan(tmp_path), "CD112")] == [2]


def test_shell_script_installs_are_dependencies(tmp_path: Path) -> None:
    write(
        tmp_path,
        "scripts/launch.sh",
        "#!/usr/bin/env bash\nset -e\npip install -U deepspeed\npip install torch==2.4.1\n"
        "pip install -r requirements.txt\n# pip install wandb\n",
    )
    write(tmp_path, "requirements.txt", "numpy==2.0.1\n")
    got = [(f.location.path, f.location.line) for f in findings_of(scan(tmp_path), "DP001")]
    assert got == [("scripts/launch.sh", 3)]


@pytest.mark.parametrize(
    "volume, fires",
    [
        ("/etc/shelfcam:/etc/shelfcam:ro", False),  # the application's own configuration
        ("/etc/shelfcam:/etc/shelfcam", True),  # writable: the host's /etc changes
        ("/etc:/host-etc:ro", True),
        ("/etc/ssl:/etc/ssl:ro", True),  # the host's own trust store
        ("/etc/kubernetes:/k8s:ro", True),
    ],
)
def test_read_only_own_config_under_etc(tmp_path: Path, volume: str, fires: bool) -> None:
    write(
        tmp_path,
        "docker-compose.yml",
        "services:\n  app:\n    image: app:1.2.3\n    mem_limit: 1g\n"
        f'    volumes:\n      - "{volume}"\n',
    )
    assert bool(findings_of(scan(tmp_path), "CF110")) is fires


def test_missing_limits_placed_at_the_request(tmp_path: Path) -> None:
    write(
        tmp_path,
        "k8s/d.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n"
        "    spec:\n      containers:\n        - name: c\n          image: app:1.2.3\n"
        "          resources:\n            requests:\n              cpu: 500m\n"
        "              memory: 1Gi\n"
        "        - name: e\n          image: app:1.2.3\n"
        "          resources:\n            requests:\n              memory: 1Gi\n"
        "            limits:\n              memory: 1Gi\n",
    )
    assert [f.location.line for f in findings_of(scan(tmp_path), "CF112")] == [14]


NGINX_PLAIN = """\
server {
    listen 80;
    server_name annotate.example-corp.io;
    location / {
        proxy_pass http://label-studio:8080;
    }
}
"""


@pytest.mark.parametrize(
    "conf, lines",
    [
        (NGINX_PLAIN, [2]),
        # redirected to TLS, TLS only, or a local name: nothing in clear
        (
            NGINX_PLAIN.replace(
                "    location", "    return 301 https://$host$request_uri;\n    location"
            ),
            [],
        ),
        (NGINX_PLAIN.replace("listen 80;", "listen 443 ssl;"), []),
        (NGINX_PLAIN.replace("annotate.example-corp.io", "localhost"), []),
        (NGINX_PLAIN.replace("annotate.example-corp.io", "_"), []),
        ("# server {\n#   listen 80;\n#   server_name a.example-corp.io;\n# }\n", []),
    ],
)
def test_nginx_plain_listeners(tmp_path: Path, conf: str, lines: list[int]) -> None:
    write(tmp_path, "nginx/default.conf", conf)
    assert [f.location.line for f in findings_of(scan(tmp_path), "CD131")] == lines


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="server{}listen80;_name a.b#\n ", max_size=300))
def test_any_nginx_text(text: str) -> None:
    from secplan.scanners.platform_config.endpoints import nginx_plain_listeners

    assert all(n >= 1 for n, _, _ in nginx_plain_listeners(text))
