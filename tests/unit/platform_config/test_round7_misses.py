"""Round-7 misses in configuration: a workflow the runner would refuse for a ``key: text:
more`` value is still read, each such value taken as the text its writer meant."""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.engine import Assessment
from secplan.scanners.platform_config.yamlsafe import YamlError, load_all_lenient
from tests.helpers import scan, write


def found(a: Assessment, path: str) -> list[tuple[str, int | None]]:
    return sorted((f.rule, f.location.line) for f in a.report.findings if f.location.path == path)


COLON_WORKFLOW = """\
on:
  pull_request_target:
    types: [labeled]
jobs:
  train:
    runs-on: ubuntu-latest
    env:
      PIP_INDEX_URL: http://pypi.example.com/simple
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - name: Announce
        run: echo "Training for PR: ${{ github.event.pull_request.title }}"
      - name: Announce safely
        env:
          PR_TITLE: ${{ github.event.pull_request.title }}
        run: echo "PR - $PR_TITLE"
      - run: |
          pip install torch transformers
          pip install numpy==2.1.0
      - run: curl -k -fsSL -o eval.jsonl https://data.example.com/eval.jsonl
      - run: curl -fsSL -o eval.jsonl https://data.example.com/eval.jsonl
"""


def test_workflow_with_a_colon_in_a_plain_value_is_still_read(tmp_path: Path) -> None:
    write(tmp_path, ".github/workflows/train.yml", COLON_WORKFLOW)
    got = found(scan(tmp_path), ".github/workflows/train.yml")
    assert ("CF116", None) in got  # the runner refuses the file: still said
    assert ("DP108", 8) in got  # plain-HTTP package index
    assert ("CF128", 12) in got  # pull_request_target checks out the PR's code
    assert ("CF127", 14) in got  # the title expanded into the script
    assert ("DP001", 20) in got  # unpinned pip install
    assert ("CF123", 22) in got  # curl -k
    lines = {line for _, line in got}
    assert not lines & {17, 18, 21, 23}  # the safe look-alikes


def test_valid_workflow_reports_no_parse_problem(tmp_path: Path) -> None:
    text = COLON_WORKFLOW.replace(
        'run: echo "Training for PR: ${{ github.event.pull_request.title }}"',
        'run: echo "Training for PR ${{ github.event.pull_request.title }}"',
    )
    write(tmp_path, ".github/workflows/train.yml", text)
    got = found(scan(tmp_path), ".github/workflows/train.yml")
    assert ("CF116", None) not in got
    assert ("CF127", 14) in got


def test_lenient_load_quotes_only_the_refused_value() -> None:
    docs, why = load_all_lenient("a: 1\nb: say: hi # note\nc: 'it''s'\n")
    assert docs == [{"a": 1, "b": "say: hi", "c": "it's"}]
    assert "line 2" in why
    assert load_all_lenient("a: 1\n") == ([{"a": 1}], "")


@pytest.mark.parametrize("text", ["a: [1\n", "- a: b: c\n  - x\n", "a: 'x': y\n"])
def test_lenient_load_still_refuses_other_errors(text: str) -> None:
    with pytest.raises(YamlError):
        load_all_lenient(text)


MAKEFILE = """\
PYTHON ?= python3
SHELL_CMD := bash
FLAGS = -q
FLAGS += -v

setup:
\tcurl -sSL https://install.example.org | $(PYTHON) -
\tcurl -sSL https://install.example.org | ${SHELL_CMD}
\tcurl -sSL https://install.example.org | $(PYTHON) -c 'import sys; print(sys.stdin.read())'
\tcurl -sSL -o get.py https://install.example.org && $(PYTHON) get.py $(FLAGS)
"""


def test_makefile_variables_set_to_a_plain_value_are_read(tmp_path: Path) -> None:
    write(tmp_path, "Makefile", MAKEFILE)
    got = found(scan(tmp_path), "Makefile")
    assert ("CF103", 7) in got  # | $(PYTHON) -
    assert ("CF103", 8) in got  # | ${SHELL_CMD}
    assert ("CF103", 9) not in got  # python -c runs its own code, not the download
    assert ("CF103", 10) not in got


EVAL_SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail
CMD="$1"; shift
eval "$CMD $*"
eval "$(ssh-agent -s)"
MODE=train
eval "run_$MODE"
eval "$(pyenv init -)"
"""


def test_shell_script_evaluating_its_arguments(tmp_path: Path) -> None:
    write(tmp_path, "scripts/run.sh", EVAL_SCRIPT)
    got = found(scan(tmp_path), "scripts/run.sh")
    assert [g for g in got if g[0] == "CF136"] == [("CF136", 4)]


@pytest.mark.parametrize("line", ['eval "$@"', "eval $1", 'eval "${2:-true}"'])
def test_eval_of_positional_parameters(tmp_path: Path, line: str) -> None:
    write(tmp_path, "go.sh", f"#!/bin/sh\n{line}\n")
    assert ("CF136", 2) in found(scan(tmp_path), "go.sh")


def test_eval_in_a_makefile_recipe_is_not_an_argument(tmp_path: Path) -> None:
    # ``$*`` in a recipe is make's stem, not the arguments of a script
    write(tmp_path, "Makefile", "%.o:\n\teval echo $*\n")
    assert not [g for g in found(scan(tmp_path), "Makefile") if g[0] == "CF136"]


DVC = """\
stages:
  download:
    cmd: curl -k -fsSL -o data/raw.zip ${data.url}
    outs:
      - data/raw.zip
  verified:
    cmd: curl -fsSL --cacert certs/ca.pem -o data/b.json ${data.b_url}
  setup:
    cmd:
      - pip install --no-cache-dir scikit-learn
      - pip install pandas==2.2.2
  per_city:
    foreach: [paris, rome]
    do:
      cmd: wget --no-check-certificate -O data/${item}.csv https://data.example.com/${item}
"""


def test_dvc_stage_commands_go_through_the_command_rules(tmp_path: Path) -> None:
    write(tmp_path, "dvc.yaml", DVC)
    got = found(scan(tmp_path), "dvc.yaml")
    assert ("CF123", 3) in got  # curl -k
    assert ("CF123", 15) in got  # wget --no-check-certificate in a foreach stage
    assert ("DP001", 10) in got  # unpinned install in a list command
    lines = {line for _, line in got}
    assert not lines & {7, 11}


def test_stages_without_commands_are_not_a_dvc_pipeline(tmp_path: Path) -> None:
    write(tmp_path, "ci.yaml", "stages:\n  build:\n    script: curl -k https://x.example.com\n")
    assert not [g for g in found(scan(tmp_path), "ci.yaml") if g[0] == "CF123"]


NOTEBOOK = """\
apiVersion: kubeflow.org/v1
kind: Notebook
metadata:
  name: eda
spec:
  template:
    spec:
      containers:
        - name: eda
          image: kubeflownotebookswg/jupyter-scipy:v1.9.0
          command: ["jupyter", "lab"]
          args: ["--ip=0.0.0.0", "--ServerApp.token="]
---
apiVersion: v1
kind: Service
metadata:
  name: eda-direct
spec:
  type: LoadBalancer
  selector:
    notebook-name: eda
  ports:
    - port: 80
      targetPort: 8888
---
apiVersion: v1
kind: Service
metadata:
  name: eda-internal
spec:
  type: ClusterIP
  selector:
    notebook-name: eda
  ports:
    - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: other
spec:
  type: LoadBalancer
  selector:
    notebook-name: someone-else
  ports:
    - port: 80
"""


def test_service_in_front_of_a_kubeflow_notebooks_pods(tmp_path: Path) -> None:
    write(tmp_path, "k8s/notebook.yaml", NOTEBOOK)
    got = found(scan(tmp_path), "k8s/notebook.yaml")
    assert ("CF114", 19) in got  # LoadBalancer selecting the token-less notebook's pods
    assert ("CF114", 31) not in got  # ClusterIP
    assert ("CF114", 42) not in got  # selects no pod of this project
    assert not [g for g in got if g[0] == "CF115"]  # no NetworkPolicy finding for a CR alone


OVMS = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ovms
spec:
  selector:
    matchLabels: {app: ovms}
  template:
    metadata:
      labels: {app: ovms}
    spec:
      containers:
        - name: ovms
          image: openvino/model_server:2024.4
          args: ["--config_path=/config/config.json", "--port=9000"]
---
apiVersion: v1
kind: Service
metadata:
  name: ovms
spec:
  type: {kind}
  selector: {app: ovms}
  ports:
    - name: grpc
      port: 9000
"""


@pytest.mark.parametrize(("kind", "reported"), [("LoadBalancer", True), ("ClusterIP", False)])
def test_openvino_model_server_behind_a_load_balancer(
    tmp_path: Path, kind: str, reported: bool
) -> None:
    write(tmp_path, "k8s/ovms.yaml", OVMS.replace("{kind}", kind))
    assert (("CF114", 22) in found(scan(tmp_path), "k8s/ovms.yaml")) is reported


RAY_HEAD = """\
apiVersion: ray.io/v1
kind: RayCluster
metadata:
  name: train
spec:
  headGroupSpec:
    serviceType: {kind}
    rayStartParams:
      num-cpus: "0"
    template:
      spec:
        containers:
          - name: ray-head
            image: rayproject/ray:2.9.0
"""


@pytest.mark.parametrize(
    ("kind", "reported"), [("LoadBalancer", True), ("NodePort", True), ("ClusterIP", False)]
)
def test_kuberay_head_service_type(tmp_path: Path, kind: str, reported: bool) -> None:
    write(tmp_path, "k8s/ray.yaml", RAY_HEAD.replace("{kind}", kind))
    assert (("CF114", 7) in found(scan(tmp_path), "k8s/ray.yaml")) is reported


TERRAFORM = """\
resource "aws_sagemaker_model" "llm" {
  primary_container {
    image = "763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2.3.0"
    environment = {
      HF_MODEL_ID       = "acme/support-llm-8b"
      TRUST_REMOTE_CODE = "true"
    }
  }
}

resource "aws_sagemaker_model" "pinned" {
  primary_container {
    environment = {
      HF_MODEL_ID       = "acme/reranker"
      HF_MODEL_REVISION = "8d2f4a6c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f"
      TRUST_REMOTE_CODE = "false"
      BACKEND_API       = "https://api.example.com/v1"
    }
  }
}

resource "aws_ecs_task_definition" "scorer" {
  family = "scorer"
  container_definitions = jsonencode([
    {
      name        = "scorer"
      image       = "ghcr.io/example/scorer:latest"
      user        = "root"
      privileged  = true
      environment = [
        { name = "FEATURE_API", value = "http://features.example.com/v2" },
        { name = "LOCAL_API", value = "http://localhost:8080/v1" },
      ]
      secrets = [
        { name = "DB_PASSWORD", valueFrom = "arn:aws:ssm:eu-west-1:1:parameter/db" },
      ]
    },
    {
      name  = "proxy"
      image = "envoyproxy/envoy:v1.31.0"
      user  = "101"
    },
  ])
}
"""


def test_terraform_container_environments_and_ecs_definitions(tmp_path: Path) -> None:
    write(tmp_path, "infra/main.tf", TERRAFORM)
    got = found(scan(tmp_path), "infra/main.tf")
    assert ("CD112", 5) in got  # the Hub model with no revision
    assert ("CF121", 6) in got  # TRUST_REMOTE_CODE = "true"
    assert ("CF101", 27) in got  # :latest
    assert ("CF107", 28) in got  # root
    assert ("CF105", 29) in got  # privileged
    assert ("CD131", 31) in got  # plain-HTTP service address
    lines = {line for _, line in got}
    # pinned model, trust off, https, localhost, a Parameter Store ARN, the proxy
    assert not lines & {14, 15, 16, 17, 32, 35, 40, 41}


COMPONENT = """\
name: Score texts
inputs:
  - {name: model_name, type: String}
implementation:
  container:
    image: ghcr.io/example/scorer
    command:
      - sh
      - -c
      - |
        pip install -i http://pypi.example.com/simple scikit-learn
        pip install pandas==2.2.2
        curl -fsSL https://get.example.com/setup.sh | sh
        python score.py --model "$0"
      - {inputValue: model_name}
"""


def test_kubeflow_component_container_commands(tmp_path: Path) -> None:
    write(tmp_path, "components/score/component.yaml", COMPONENT)
    got = found(scan(tmp_path), "components/score/component.yaml")
    assert ("CF101", 6) in got  # image with no tag
    assert ("DP108", 11) in got  # plain-HTTP index
    assert ("DP001", 11) in got  # unpinned package
    assert ("CF103", 13) in got  # download piped into a shell
    assert not {line for _, line in got} & {12, 14}


def test_kubeflow_component_exec_form(tmp_path: Path) -> None:
    text = COMPONENT.replace(
        "    command:\n      - sh\n      - -c\n      - |\n",
        "    command: [curl, -k, -o, /tmp/x, https://data.example.com/x]\n    args:\n      - |\n",
    )
    write(tmp_path, "component.yaml", text)
    got = found(scan(tmp_path), "component.yaml")
    assert ("CF123", 7) in got


POD_OPERATORS = """\
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from kfp import dsl
from kubernetes.client import models as k8s

train = KubernetesPodOperator(
    task_id="train",
    image="registry.example.com/train:4.2.0",
    container_security_context={"privileged": True},
)
evaluate = KubernetesPodOperator(
    task_id="evaluate",
    image="registry.example.com/train:4.2.0",
    container_security_context={"allowPrivilegeEscalation": False, "privileged": False},
    host_network=True,
)
quiet = KubernetesPodOperator(task_id="quiet", image="registry.example.com/train:4.2.0")
ctx = k8s.V1SecurityContext(privileged=True)
spec = k8s.V1PodSpec(containers=[], host_pid=True)


@dsl.component(base_image="pytorch/pytorch")
def step() -> None: ...


@dsl.component(base_image="pytorch/pytorch:2.4.1-cuda12.1-cudnn9-runtime")
def pinned_step() -> None: ...
"""


def test_pods_started_from_python(tmp_path: Path) -> None:
    write(tmp_path, "dags/retrain.py", POD_OPERATORS)
    got = found(scan(tmp_path), "dags/retrain.py")
    assert ("CF105", 8) in got  # privileged security context
    assert ("CF106", 14) in got  # host_network=True
    assert ("CF105", 17) in got  # V1SecurityContext(privileged=True)
    assert ("CF106", 18) in got  # V1PodSpec(host_pid=True)
    assert ("CF101", 21) in got  # component base image with no tag
    assert not {line for _, line in got} & {13, 16, 25}


HUB_CONFIG = """\
c = get_config()  # noqa: F821
c.JupyterHub.spawner_class = "dockerspawner.DockerSpawner"
c.DockerSpawner.image = "quay.io/jupyter/scipy-notebook:2024-10-07"
c.DockerSpawner.extra_host_config = {"privileged": True, "runtime": "nvidia"}
c.DockerSpawner.extra_create_kwargs = {"user": "root"}
c.DockerSpawner.environment = {"GRANT_SUDO": "yes", "HF_HOME": "/data/hf"}
c.DockerSpawner.volumes = {"/var/run/docker.sock": "/var/run/docker.sock"}
c.DockerSpawner.volumes = {"jupyterhub-user-{username}": "/home/jovyan/work"}
c.DockerSpawner.extra_host_config = {"privileged": False, "runtime": "nvidia"}
c.DockerSpawner.extra_create_kwargs = {"user": "1000"}
c.DockerSpawner.environment = {"GRANT_SUDO": "no"}
c.GitHubOAuthenticator.allow_all = True
c.GitHubOAuthenticator.allowed_organizations = {"example-org"}
c.GitHubOAuthenticator.allow_all = False
"""


def test_dockerspawner_settings_for_every_users_server(tmp_path: Path) -> None:
    write(tmp_path, "jupyterhub_config.py", HUB_CONFIG)
    got = found(scan(tmp_path), "jupyterhub_config.py")
    assert ("CF105", 4) in got  # privileged
    assert ("CF107", 5) in got  # root
    assert ("CF125", 6) in got  # GRANT_SUDO
    assert ("CF110", 7) in got  # the Docker socket
    assert ("CF117", 12) in got  # every GitHub account may log in
    assert not {line for _, line in got} & {3, 8, 9, 10, 11, 13, 14}


Z2JH = """\
proxy:
  service:
    type: LoadBalancer
hub:
  config:
    JupyterHub:
      authenticator_class: {auth}
singleuser:
  image:
    name: quay.io/jupyter/scipy-notebook
    tag: "2024-10-07"
"""


@pytest.mark.parametrize(
    ("auth", "reported"), [("dummy", True), ("github", False), ("nativeauthenticator", False)]
)
def test_zero_to_jupyterhub_dummy_authenticator(tmp_path: Path, auth: str, reported: bool) -> None:
    write(tmp_path, "z2jh-values.yaml", Z2JH.replace("{auth}", auth))
    assert (("CF117", 7) in found(scan(tmp_path), "z2jh-values.yaml")) is reported


AIRFLOW_CFG = """\
[celery]
flower_host = {host}
flower_basic_auth =

[secrets]
backend = airflow.providers.hashicorp.secrets.vault.VaultBackend
backend_kwargs = {kwargs}
"""


@pytest.mark.parametrize(
    ("host", "kwargs", "expected"),
    [
        ("0.0.0.0", '{"url": "http://vault.example.com:8200"}', {("CF117", 3), ("CD131", 7)}),
        ("127.0.0.1", '{"url": "https://vault.example.com:8200"}', set()),
        ("0.0.0.0", '{"url": "http://127.0.0.1:8200", "mount_point": "airflow"}', {("CF117", 3)}),
    ],
)
def test_airflow_cfg_flower_and_secrets_backend(
    tmp_path: Path, host: str, kwargs: str, expected: set[tuple[str, int]]
) -> None:
    write(tmp_path, "airflow.cfg", AIRFLOW_CFG.format(host=host, kwargs=kwargs))
    got = {g for g in found(scan(tmp_path), "airflow.cfg") if g[0] in ("CF117", "CD131")}
    assert got == expected


def test_airflow_cfg_flower_with_basic_auth_is_clean(tmp_path: Path) -> None:
    text = AIRFLOW_CFG.format(host="0.0.0.0", kwargs="{}").replace(
        "flower_basic_auth =", "flower_basic_auth = admin:{FLOWER_PASSWORD}"
    )
    write(tmp_path, "airflow.cfg", text)
    assert not [g for g in found(scan(tmp_path), "airflow.cfg") if g[0] == "CF117"]
