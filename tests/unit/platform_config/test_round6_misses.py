"""Round-6 misses in configuration: values files kept apart from their chart, Services in
front of a serving platform's pods or of a server without authentication, Argo's server
options, Spark's RPC settings, connection strings that turn TLS off, plain-HTTP parameters
of a Triton model configuration, Cloud Build step scripts, chart values no template reads,
and Bicep settings and container commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.engine import Assessment
from secplan.scanners.platform_config.commands import check_command
from tests.helpers import scan, write


def found(a: Assessment, path: str) -> list[tuple[str, int | None]]:
    return sorted((f.rule, f.location.line) for f in a.report.findings if f.location.path == path)


DETACHED = """\
scheduler:
  image:
    repository: ghcr.io/dask/dask
    tag: latest
  serviceType: LoadBalancer
worker:
  image:
    repository: ghcr.io/dask/dask
    tag: 2024.8.0
  resources:
    limits: {cpu: 4, memory: 16G}
  securityContext:
    privileged: true
jupyter:
  image:
    repository: ghcr.io/dask/dask-notebook
    tag: 2024.8.0
  serviceType: NodePort
  password: "sha1:3c91fe02b7d4:62e1a9b0c47f"
"""


def test_values_file_kept_apart_from_its_chart(tmp_path: Path) -> None:
    write(tmp_path, "deploy/dask-values.yaml", DETACHED)
    a = scan(tmp_path)
    got = found(a, "deploy/dask-values.yaml")
    assert ("CF101", 4) in got  # tag: latest
    assert ("CF114", 5) in got  # the scheduler (no authentication) behind a LoadBalancer
    assert ("CF105", 13) in got  # privileged
    # a component with a password beside its serviceType is not judged
    assert not [x for x in got if x[1] == 18]


@pytest.mark.parametrize("name", ["values.yaml", "dask-settings.yaml"])
def test_files_that_are_not_detached_values(tmp_path: Path, name: str) -> None:
    # a bare values.yaml outside a chart, or a file not named for values: not chart values
    write(tmp_path, f"deploy/{name}", DETACHED)
    got = found(scan(tmp_path), f"deploy/{name}")
    assert not [r for r, _ in got if r in ("CF101", "CF105", "CF114")], got


def test_values_named_file_without_a_helm_image_is_not_judged(tmp_path: Path) -> None:
    write(tmp_path, "eval-values.yaml", "securityContext:\n  privileged: true\n")
    assert not [r for r, _ in found(scan(tmp_path), "eval-values.yaml") if r == "CF105"]


SERVING_SERVICE = """\
apiVersion: v1
kind: Service
metadata: {name: churn-debug}
spec:
  type: {kind}
  selector:
    {label}: churn-xgb
  ports:
    - port: {port}
"""


@pytest.mark.parametrize(
    "kind, label, port, expected",
    [
        ("NodePort", "serving.kserve.io/inferenceservice", 5678, [("CF114", 5)]),
        ("LoadBalancer", "seldon-deployment-id", 9000, [("CF114", 5)]),
        ("ClusterIP", "serving.kserve.io/inferenceservice", 8080, []),
        ("LoadBalancer", "serving.kserve.io/inferenceservice", 443, []),  # TLS port
        ("LoadBalancer", "app", 8080, []),  # an application of unknown kind
    ],
)
def test_service_in_front_of_a_serving_platforms_pods(
    tmp_path: Path, kind: str, label: str, port: int, expected: list[tuple[str, int]]
) -> None:
    write(
        tmp_path,
        "k8s/svc.yaml",
        SERVING_SERVICE.replace("{kind}", kind)
        .replace("{label}", label)
        .replace("{port}", str(port)),
    )
    got = [x for x in found(scan(tmp_path), "k8s/svc.yaml") if x[0] == "CF114"]
    assert got == expected


ARGO = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: argo-server}
spec:
  selector: {matchLabels: {app: argo-server}}
  template:
    metadata: {labels: {app: argo-server}}
    spec:
      containers:
        - name: argo-server
          image: quay.io/argoproj/argocli:v3.5.8
          args: [ARGS]
          resources: {limits: {cpu: 500m, memory: 512Mi}}
---
apiVersion: v1
kind: Service
metadata: {name: argo-server}
spec:
  type: LoadBalancer
  selector: {app: argo-server}
  ports: [{port: 2746}]
"""


@pytest.mark.parametrize(
    "args, expected",
    [
        ('"server", "--auth-mode=server", "--secure=false"', {"CF117", "CD131", "CF114"}),
        ('"server", "--auth-mode", "client,server"', {"CF117", "CF114"}),
        ('"server", "--auth-mode=sso"', set()),
        ('"server", "--auth-mode=client", "--secure=true"', set()),
    ],
)
def test_argo_server_options(tmp_path: Path, args: str, expected: set[str]) -> None:
    write(tmp_path, "argo/server.yaml", ARGO.replace("ARGS", args))
    got = {r for r, _ in found(scan(tmp_path), "argo/server.yaml")}
    assert got & {"CF117", "CD131", "CF114"} == expected


@pytest.mark.parametrize(
    "cmd, expected",
    [
        ("argo server --auth-mode=server", ["CF117"]),
        ("argo server --secure=false --auth-mode=client", ["CD131"]),
        ("argo server --auth-mode=client", []),
        ("argo submit wf.yaml --auth-mode=server", []),  # not the server
    ],
)
def test_argo_server_command_lines(cmd: str, expected: list[str]) -> None:
    assert sorted(h.rule.id for h in check_command(cmd) if h.rule.id in ("CF117", "CD131")) == (
        expected
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "spark.master  spark://spark-master.corp.example.com:7077\nspark.authenticate  false\n",
            [("CD131", 1), ("CF117", 2)],
        ),
        # RPC encryption on: the master connection is not in clear; authentication on
        (
            "spark.master  spark://spark-master.corp.example.com:7077\n"
            "spark.authenticate  true\nspark.network.crypto.enabled  true\n",
            [],
        ),
        # a local or in-cluster master, and other masters
        ("spark.master=spark://localhost:7077\n", []),
        ("spark.master spark://spark-master:7077\n", []),
        ("spark.master  yarn\n", []),
    ],
)
def test_spark_defaults(tmp_path: Path, text: str, expected: list[tuple[str, int]]) -> None:
    write(tmp_path, "conf/spark-defaults.conf", text)
    got = found(scan(tmp_path), "conf/spark-defaults.conf")
    assert [x for x in got if x[0] in ("CD131", "CF117")] == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ('"redis.corp.example.com:6379,ssl=false,password=${REDIS_PASSWORD}"', [("CD131", 3)]),
        ("postgresql://feast@db.corp.example.com:5432/feast?sslmode=disable", [("CD131", 3)]),
        ('"redis.corp.example.com:6379,ssl=true"', []),
        ('"localhost:6379,ssl=false"', []),  # the machine itself
        ("postgresql://feast@db.corp.example.com/feast?sslmode=require", []),
    ],
)
def test_connection_strings_that_turn_tls_off(
    tmp_path: Path, value: str, expected: list[tuple[str, int]]
) -> None:
    write(tmp_path, "feature_store.yaml", f"online_store:\n  type: redis\n  connection: {value}\n")
    got = found(scan(tmp_path), "feature_store.yaml")
    assert [x for x in got if x[0] == "CD131"] == expected


PBTXT = """\
name: "preprocess"
backend: "python"
parameters: {
  key: "vocab_url"
  value: { string_value: "URL" }
}
parameters: {
  key: "schema_ref"
  value: { string_value: "http://json-schema.org/draft-07/schema#" }
}
"""


@pytest.mark.parametrize(
    "url, expected",
    [
        ("http://artifacts.corp.example.net/vocab.json", [("CD131", 5)]),
        ("https://artifacts.corp.example.net/vocab.json", []),
        ("http://localhost:8000/vocab.json", []),
    ],
)
def test_triton_model_parameters(tmp_path: Path, url: str, expected: list[tuple[str, int]]) -> None:
    write(tmp_path, "models/pre/config.pbtxt", PBTXT.replace("URL", url))
    got = found(scan(tmp_path), "models/pre/config.pbtxt")
    assert [x for x in got if x[0] == "CD131"] == expected


CLOUD_BUILD = """\
steps:
  - name: gcr.io/cloud-builders/docker
    args: ["build", "-t", "europe-docker.pkg.dev/p/r/app:$SHORT_SHA", "."]
  - name: gcr.io/cloud-builders/gcloud
    entrypoint: bash
    args: ["-c", "curl -sSL https://tools.example.com/helper.sh | bash"]
  - name: python:3.11
    script: |
      curl -fsSL https://get.example.com/i.sh | sh
  - name: gcr.io/cloud-builders/gcloud
    entrypoint: gcloud
    args: ["-c", "curl -sSL https://tools.example.com/helper.sh | bash"]
"""


def test_cloud_build_step_scripts(tmp_path: Path) -> None:
    write(tmp_path, "cloudbuild.yaml", CLOUD_BUILD)
    got = found(scan(tmp_path), "cloudbuild.yaml")
    # the shell entrypoint's -c script and the step's script; gcloud's args are not a script
    assert [x for x in got if x[0] == "CF103"] == [("CF103", 6), ("CF103", 9)]


_CHART = "apiVersion: v2\nname: triton\nversion: 0.1.0\n"
_CHART_VALUES = "image:\n  repository: nvcr.io/nvidia/tritonserver\n  tag: 24.05-py3\n" + (
    "resources:\n  limits:\n    nvidia.com/gpu: 1\n"
)
_TEMPLATE = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: triton}
spec:
  template:
    spec:
      containers:
        - name: triton
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
RESOURCES"""


@pytest.mark.parametrize(
    "resources, expected",
    [
        # the template reads the values' resources: their missing CPU/memory limit is reported
        ("          resources:\n            {{- toYaml .Values.resources | nindent 12 }}\n", [4]),
        # no template reads them: they configure nothing (the template is judged itself)
        ("", []),
    ],
)
def test_chart_values_resources_no_template_reads(
    tmp_path: Path, resources: str, expected: list[int]
) -> None:
    write(tmp_path, "chart/Chart.yaml", _CHART)
    write(tmp_path, "chart/values.yaml", _CHART_VALUES)
    write(tmp_path, "chart/templates/deployment.yaml", _TEMPLATE.replace("RESOURCES", resources))
    a = scan(tmp_path)
    assert [n for r, n in found(a, "chart/values.yaml") if r == "CF112"] == expected


BICEP = """\
resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stml'
  properties: {
    supportsHttpsTrafficOnly: HTTPS
  }
}
resource aci 'Microsoft.ContainerInstance/containerGroups@2023-05-01' = {
  name: 'mlflow-ui'
  properties: {
    containers: [
      {
        name: 'mlflow'
        properties: {
          command: [
            'mlflow', 'server', '--host', 'HOST', '--port', '5000'
          ]
        }
      }
    ]
  }
}
"""


@pytest.mark.parametrize(
    "https, host, expected",
    [
        ("false", "0.0.0.0", [("CF117", 14), ("CF134", 4)]),
        ("true", "127.0.0.1", []),
    ],
)
def test_bicep_plain_http_and_container_commands(
    tmp_path: Path, https: str, host: str, expected: list[tuple[str, int]]
) -> None:
    write(tmp_path, "infra/main.bicep", BICEP.replace("HTTPS", https).replace("HOST", host))
    got = found(scan(tmp_path), "infra/main.bicep")
    assert [x for x in got if x[0] in ("CF117", "CF134")] == expected
