"""Operations files that used to pass unseen: commands run on another machine (``ssh host
"..."``, ``gcloud ... ssh --command "..."``) and continued over several lines, their pip
installs, and the pip lists of build specs. Each positive has a look-alike that stays quiet.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.scanners.deps.image_installs import parse_script_installs
from secplan.scanners.platform_config.commands import check_command
from tests.helpers import findings_of, line_with, scan, write


def ids(cmd: str) -> list[str]:
    return sorted(h.rule.id for h in check_command(cmd))


@pytest.mark.parametrize(
    "cmd, expected",
    [
        (
            'gcloud compute tpus tpu-vm ssh "$TPU" --worker=all --command \\\n'
            '  "docker run --rm --privileged --net=host -v /dev:/dev img:1 python3 t.py"',
            ["CF105", "CF106", "CF110"],
        ),
        ('gcloud compute ssh vm --command="docker run --privileged img:1"', ["CF105"]),
        ('ssh -i key.pem -p 2222 ubuntu@gpu1 "docker run --pid=host img:1"', ["CF106"]),
        ("ssh gpu1 pip install --trusted-host pypi.corp.example torch==2.1.0", ["DP108"]),
        ("ssh -tt gpu1 'sudo docker run --cap-add SYS_ADMIN img:1'", ["CF109"]),
        # look-alikes: the words are the remote command's arguments, or no command at all
        ('ssh gpu1 "docker run --rm -p 127.0.0.1:8080:80 img:1"', []),
        ("ssh -o StrictHostKeyChecking=yes gpu1", []),
        ('gcloud compute ssh vm --command "echo --privileged"', []),
        ('echo "docker run --privileged img:1"', []),
        ("gcloud compute instances create vm --metadata=startup=--privileged", []),
    ],
)
def test_remote_and_continued_commands(cmd: str, expected: list[str]) -> None:
    assert ids(cmd) == expected


def test_continuation_inside_single_quotes_is_literal_text() -> None:
    assert ids("echo 'a \\\n docker run --privileged img'") == []


def test_remote_pip_installs_are_dependencies_at_their_line() -> None:
    text = (
        "#!/bin/sh\n"
        'gcloud compute tpus tpu-vm ssh "$TPU" --worker=all --command \\\n'
        "  \"pip install 'jax[tpu]' -f https://storage.example/jax.html\"\n"
        "ssh gpu1 'pip install numpy==1.26.4 && sh -c \"pip install einops\"'\n"
        'ssh gpu1 "ls /data"\n'
    )
    deps = parse_script_installs(text, "launch.sh").deps
    assert sorted((d.name, d.version, d.location.line) for d in deps) == [
        ("einops", None, 4),
        ("jax", None, 3),
        ("numpy", "1.26.4", 4),
    ]


def test_remote_docker_run_found_at_the_continued_line(tmp_path: Path) -> None:
    text = (
        "#!/usr/bin/env bash\nset -eu\n"
        'gcloud compute tpus tpu-vm ssh "$TPU" --zone "$ZONE" --worker=all --command \\\n'
        '  "docker run --rm --privileged --net=host img:1 python3 train.py"\n'
    )
    write(tmp_path, "scripts/launch.sh", text)
    found = findings_of(scan(tmp_path), "CF105")
    assert [f.location.line for f in found] == [line_with(text, "--privileged")]


BUILDSPEC = """\
version: 0.2
phases:
  install:
    commands:
      - pip install -r requirements.txt
      - pip install sagemaker-experiments
      - pip install boto3==1.34.10
  build:
    commands:
      - python deploy.py
"""

SERVE = """\
applications:
  - name: ranker
    import_path: serve.app:deployment
    runtime_env:
      pip:
        - torch==2.1.2
        - transformers
      env_vars: {MODE: prod}
  - name: embed
    import_path: embed.app:deployment
    runtime_env:
      pip:
        packages: [sentence-transformers, numpy==1.26.4]
"""


def test_build_spec_installs_are_dependencies(tmp_path: Path) -> None:
    from secplan.scanners.deps.image_installs import parse_cluster_installs

    deps = parse_cluster_installs(BUILDSPEC, "buildspec.yml").deps
    assert sorted((d.name, d.version, d.location.line) for d in deps) == [
        ("boto3", "1.34.10", 7),
        ("sagemaker-experiments", None, 6),
    ]
    write(tmp_path, "buildspec.yml", BUILDSPEC)
    found = findings_of(scan(tmp_path), "DP001")
    assert [f.location.line for f in found] == [line_with(BUILDSPEC, "sagemaker-experiments")]


def test_ray_runtime_env_pip_lists_in_any_yaml(tmp_path: Path) -> None:
    from secplan.scanners.deps.image_installs import parse_cluster_installs

    deps = parse_cluster_installs(SERVE, "deploy/config.yaml").deps
    assert sorted((d.name, d.version) for d in deps) == [
        ("numpy", "1.26.4"),
        ("sentence-transformers", None),
        ("torch", "2.1.2"),
        ("transformers", None),
    ]
    write(tmp_path, "deploy/config.yaml", SERVE)
    found = findings_of(scan(tmp_path), "DP001")
    assert sorted(f.location.line for f in found) == sorted(
        [line_with(SERVE, "sentence-transformers"), line_with(SERVE, "- transformers")]
    )


def test_runtime_env_of_a_serve_config_is_listed_once(tmp_path: Path) -> None:
    write(tmp_path, "serve_config.yaml", SERVE)
    found = findings_of(scan(tmp_path), "DP001")
    lines = [f.location.line for f in found]
    assert line_with(SERVE, "- transformers") in lines
    assert len(lines) == len(set(lines))


def test_yaml_without_runtime_env_or_phases_installs_nothing() -> None:
    from secplan.scanners.deps.image_installs import parse_cluster_installs

    text = "version: 1\nsteps:\n  - pip install torch\nruntime: {pip: [torch]}\n"
    assert parse_cluster_installs(text, "ci.yaml").deps == ()


RAY_COMPOSE = """\
services:
  ray-head:
    build: .
    command: ray start --head --dashboard-host=0.0.0.0 --block
    ports:
      - "127.0.0.1:8265:8265"
      - "8000:8000"
    mem_limit: 8g
"""


def _exposures(tmp_path: Path, text: str) -> list[tuple[str, int | None]]:
    write(tmp_path, "docker-compose.yml", text)
    a = scan(tmp_path)
    return sorted(
        (f.rule, f.location.line)
        for rule in ("CF117", "CF118", "CF120")
        for f in findings_of(a, rule)
    )


def test_ray_head_publishing_serve_on_all_addresses_dashboard_on_loopback(tmp_path: Path) -> None:
    assert _exposures(tmp_path, RAY_COMPOSE) == [("CF117", line_with(RAY_COMPOSE, '"8000:8000"'))]


def test_ray_dashboard_published_on_all_addresses_still_reported(tmp_path: Path) -> None:
    text = RAY_COMPOSE.replace('"127.0.0.1:8265:8265"', '"8265:8265"').replace(
        '"8000:8000"', '"127.0.0.1:8000:8000"'
    )
    assert _exposures(tmp_path, text) == [("CF120", line_with(text, "--dashboard-host"))]


def test_ray_dashboard_on_another_port_follows_the_port_option(tmp_path: Path) -> None:
    text = RAY_COMPOSE.replace("--block", "--dashboard-port 9999 --block").replace(
        '"127.0.0.1:8265:8265"', '"9999:9999"'
    )
    rules = [r for r, _ in _exposures(tmp_path, text)]
    assert rules == ["CF117", "CF120"]


FLOWER = """\
x-common: &common
  image: apache/airflow:2.9.3
  environment: &env
    AIRFLOW__API__AUTH_BACKENDS: airflow.api.auth.backend.default
  mem_limit: 2g
services:
  webserver:
    <<: *common
    command: webserver
    ports: ["8080:8080"]
  flower:
    <<: *common
    command: celery flower
    ports:
      - "5555:5555"
"""


def test_flower_and_airflow_api_without_authentication(tmp_path: Path) -> None:
    found = set(_exposures(tmp_path, FLOWER))
    assert found == {
        ("CF117", line_with(FLOWER, '"5555:5555"')),
        ("CF117", line_with(FLOWER, "AUTH_BACKENDS")),
    }


@pytest.mark.parametrize(
    "old, new",
    [
        ('"5555:5555"', '"127.0.0.1:5555:5555"'),  # Flower on loopback only
        (
            "airflow.api.auth.backend.default",
            "airflow.api.auth.backend.session,airflow.api.auth.backend.basic_auth",
        ),
    ],
)
def test_flower_on_loopback_and_authenticated_api_are_quiet(
    tmp_path: Path, old: str, new: str
) -> None:
    text = FLOWER.replace(old, new)
    found = set(_exposures(tmp_path, text))
    assert len(found) == 1


def test_flower_with_basic_auth_is_quiet(tmp_path: Path) -> None:
    text = FLOWER.replace(
        "airflow.api.auth.backend.default", "airflow.api.auth.backend.session"
    ).replace(
        "    <<: *common\n    command: celery flower",
        "    <<: *common\n    command: celery flower\n    environment:\n"
        "      FLOWER_BASIC_AUTH: admin:${FLOWER_PASSWORD}",
    )
    assert _exposures(tmp_path, text) == []


NGINX = """\
server {
    listen 443 ssl;
    server_name mlflow.example.com;
    location / {
        proxy_pass https://cards.example.com/;
        proxy_ssl_verify off;
    }
    location /grpc/ {
        grpc_pass grpcs://scorer.example.com:443;
        grpc_ssl_verify   off ; # a comment
    }
    location /ok/ {
        proxy_pass https://ok.example.com/;
        proxy_ssl_verify on;
        # proxy_ssl_verify off;
    }
}
"""


def test_nginx_upstream_certificate_checks_off(tmp_path: Path) -> None:
    write(tmp_path, "nginx/site.conf", NGINX)
    found = findings_of(scan(tmp_path), "CF123")
    assert sorted(f.location.line for f in found) == [
        line_with(NGINX, "proxy_ssl_verify off"),
        line_with(NGINX, "grpc_ssl_verify"),
    ]


DVC_CONFIG = """\
[core]
    remote = minio
['remote "minio"']
    url = s3://data/dvc
    endpointurl = http://minio.data.corp-example.com:9000
['remote "local"']
    url = s3://data/dvc
    endpointurl = http://localhost:9000
['remote "backup"']
    endpointurl = https://storage.corp-example.com
"""
DVC_LOCAL = """\
['remote "backup"']
    access_key_id = dvc-backup
    secret_access_key = Hq7Lm2Np5Rs9Tv3Wx6Zb1Cd4Ef8Gh0Jk
"""


def test_dvc_remote_over_http_and_local_config_secret(tmp_path: Path) -> None:
    write(tmp_path, ".dvc/config", DVC_CONFIG)
    write(tmp_path, ".dvc/config.local", DVC_LOCAL)
    write(tmp_path, ".dvc/.gitignore", "/config.local\n/tmp\n/cache\n")
    a = scan(tmp_path)
    http = findings_of(a, "CD131")
    assert [(f.location.path, f.location.line) for f in http] == [
        (".dvc/config", line_with(DVC_CONFIG, "minio.data"))
    ]
    secrets = [f for f in a.report.findings if f.rule.startswith("CD2")]
    assert [(f.location.path, f.location.line) for f in secrets] == [
        (".dvc/config.local", line_with(DVC_LOCAL, "secret_access_key"))
    ]


def test_other_ignored_local_configs_stay_ignored(tmp_path: Path) -> None:
    write(tmp_path, "tool/config.local", DVC_LOCAL)
    write(tmp_path, ".gitignore", "config.local\n")
    assert [f for f in scan(tmp_path).report.findings if f.rule.startswith("CD2")] == []


@pytest.mark.parametrize(
    "key, expected",
    [("endpointurl", {"url"}), ("baseurl", {"url"}), ("curl", set()), ("purl", set())],
)
def test_run_together_url_keys(key: str, expected: set[str]) -> None:
    from secplan.scanners.platform_config.endpoints import _words

    assert _words(key) & {"url", "uri"} == expected


def _svc(kind: str, selector: str, ports: str, extra: str = "") -> str:
    return (
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: ui\nspec:\n"
        f"  type: {kind}\n{extra}  selector:\n{selector}  ports:\n{ports}"
    )


KFP = "    app: ml-pipeline-ui\n"
RAY_HEAD = "    ray.io/node-type: head\n    ray.io/cluster: ranker\n"
DASHBOARD = "    - name: dashboard\n      port: 8265\n      targetPort: 8265\n"
CLIENT = "    - name: client\n      port: 10001\n"


@pytest.mark.parametrize(
    "text, expected",
    [
        (_svc("LoadBalancer", KFP, "    - port: 80\n      targetPort: 3000\n"), 1),
        (_svc("NodePort", RAY_HEAD, DASHBOARD), 1),
        (_svc("ClusterIP", KFP, "    - port: 80\n"), 0),
        (_svc("NodePort", RAY_HEAD, CLIENT), 0),  # the Ray client port, not the dashboard
        (_svc("LoadBalancer", "    app: ml-pipeline-api\n", "    - port: 80\n"), 0),
        (
            _svc(
                "LoadBalancer",
                KFP,
                "    - port: 80\n",
                "  loadBalancerSourceRanges: [10.0.0.0/8]\n",
            ),
            0,
        ),
        (_svc("LoadBalancer", KFP, "    - name: https\n      port: 443\n"), 0),
    ],
)
def test_service_in_front_of_an_unauthenticated_ui(
    tmp_path: Path, text: str, expected: int
) -> None:
    write(tmp_path, "k8s/svc.yaml", text)
    found = findings_of(scan(tmp_path), "CF117")
    assert [f.location.line for f in found] == [line_with(text, "type:")] * expected


KUSTOMIZATION = """\
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base
images:
  - name: registry.example.com/asr/transcribe
    newTag: latest
  - name: registry.example.com/asr/ui
    newTag: "2.0.1"
  - name: registry.example.com/asr/align
    newTag: latest
    digest: sha256:0f2b5c8e1a4d7f3b9c6e2a5d8f1b4c7e0a3d6f9b2c5e8a1d4f7b0c3e6a9d2f5b
"""


def test_kustomize_retag_to_latest(tmp_path: Path) -> None:
    write(tmp_path, "k8s/overlays/prod/kustomization.yaml", KUSTOMIZATION)
    found = findings_of(scan(tmp_path), "CF101")
    assert [f.location.line for f in found] == [line_with(KUSTOMIZATION, "newTag: latest")]


@pytest.mark.parametrize(
    "props, expected",
    [
        ("inference_address=https://0.0.0.0:8443\n", []),
        ("inference_address=http://0.0.0.0:8080\n", [1]),
        # TLS, but token authorization turned off: anyone reaching the port may call it
        ("inference_address=https://0.0.0.0:8443\ndisable_token_authorization=true\n", [1]),
    ],
)
def test_torchserve_inference_on_all_interfaces_over_tls(
    tmp_path: Path, props: str, expected: list[int]
) -> None:
    write(tmp_path, "torchserve/config.properties", props)
    assert [f.location.line for f in findings_of(scan(tmp_path), "CF118")] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "---\ntitle: demo\nsdk: gradio\nsdk_version: 3.50.2\n---\n# Demo\n",
            ("gradio", "3.50.2", 4),
        ),
        ("---\nsdk_version: '1.31.0'\nsdk: streamlit\n---\n", ("streamlit", "1.31.0", 2)),
        ("---\nsdk: docker\nsdk_version: 3.50.2\n---\n", None),  # not a Python SDK
        ("---\nsdk: gradio\n---\n", None),  # the runtime's current version
        ("# Demo\nsdk: gradio\nsdk_version: 3.50.2\n", None),  # not front matter
        ("---\nsdk: gradio\nsdk_version: 3.50.2\n", None),  # never closed
    ],
)
def test_space_readme_sdk_version(text: str, expected: tuple[str, str, int] | None) -> None:
    from secplan.scanners.deps.files import parse_space_readme

    parsed = parse_space_readme(text, "README.md")
    got = None if parsed is None else [(d.name, d.version, d.location.line) for d in parsed.deps]
    assert got == (None if expected is None else [expected])


RUNTIME_ENV = """\
applications:
  - name: ranker
    import_path: serve.app:deployment
    runtime_env:
      working_dir: https://github.com/acme/recsys/archive/refs/heads/main.zip
      py_modules:
        - https://gitlab.example.com/acme/feats/-/archive/main/feats-main.zip
        - https://github.com/acme/utils/archive/3f9c1b7e5a2d8f4c6e0b9a1d7c3e5f8b1a2c4d6e.zip
  - name: embed
    import_path: embed.app:deployment
    runtime_env:
      working_dir: https://github.com/acme/embed/archive/refs/tags/v1.4.0.zip
  - name: local
    import_path: local.app:deployment
    runtime_env:
      working_dir: s3://acme-artifacts/jobs/ranker-2024-05-01.zip
"""


def test_runtime_env_code_from_a_branch_archive(tmp_path: Path) -> None:
    write(tmp_path, "serve/config.yaml", RUNTIME_ENV)
    found = findings_of(scan(tmp_path), "CF103")
    assert sorted(f.location.line for f in found) == sorted(
        [line_with(RUNTIME_ENV, "refs/heads/main"), line_with(RUNTIME_ENV, "-/archive/main/")]
    )


DRONE = """\
kind: pipeline
type: docker
name: train
steps:
  - name: test
    image: python:3.11.9
    commands:
      - pip install -r requirements.txt
      - pip install pytest-xdist
      - pip install ruff==0.4.4
"""


def test_ci_pipeline_command_lists_install_dependencies(tmp_path: Path) -> None:
    write(tmp_path, ".drone.yml", DRONE)
    found = findings_of(scan(tmp_path), "DP001")
    assert [f.location.line for f in found] == [line_with(DRONE, "pytest-xdist")]
