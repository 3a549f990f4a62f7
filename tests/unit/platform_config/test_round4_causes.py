"""Pods, images and settings in configuration that used to pass unseen: a KServe model written
without an image, Helm templates whose inserted YAML only fills resources, image mappings of
chart values under other names, plain-HTTP services and storage in configuration files and
pod environments, ``trust_remote_code`` in training and serving configurations, and a TGI
model without a revision in a pod's environment. Each positive has a look-alike that must
stay quiet.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.scanners.platform_config.common import ANY_SETTING, detemplate
from tests.helpers import findings_of, line_with, rules_of, scan, write

CHART = "apiVersion: v2\nname: edge\nversion: 0.1.0\n"

ISVC_BARE = """\
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: {name: llm}
spec:
  predictor:
    model:
      modelFormat: {name: huggingface}
      args: [--model_name=llm, --model_id=org/llm-7b, --trust_remote_code]
      resources:
        requests: {nvidia.com/gpu: "1", memory: 8Gi}
"""

ISVC_HARDENED = """\
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: {name: churn}
spec:
  predictor:
    securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
    model:
      modelFormat: {name: sklearn}
      storageUri: gs://bucket/churn
      securityContext: {allowPrivilegeEscalation: false}
      resources: {limits: {cpu: "1", memory: 2Gi}}
"""


def test_kserve_model_without_image_gets_the_pod_checks(tmp_path: Path) -> None:
    write(tmp_path, "k8s/isvc.yaml", ISVC_BARE)
    a = scan(tmp_path)
    rules = rules_of(a)
    for rule in ("CF107", "CF108", "CF112"):
        assert rule in rules, rule
    [limits] = findings_of(a, "CF112")
    assert limits.location.line == line_with(ISVC_BARE, "requests:")
    # the runtime's arguments are judged once, as before
    assert len(findings_of(a, "CF121")) == 1
    assert len(findings_of(a, "CD112")) == 1


def test_hardened_kserve_model_is_quiet(tmp_path: Path) -> None:
    write(tmp_path, "k8s/isvc.yaml", ISVC_HARDENED)
    rules = set(rules_of(scan(tmp_path)))
    assert not {"CF107", "CF108", "CF112", "CF101"} & rules


DAEMONSET = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {{ .Release.Name }}-triton
spec:
  selector: {matchLabels: {app: t}}
  template:
    metadata:
      labels: {app: t}
    spec:
      containers:
        - name: triton
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          env:
            {{- toYaml .Values.env | nindent 12 }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
"""

SCAFFOLD = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "edge.fullname" . }}
spec:
  template:
    spec:
      securityContext:
        {{- toYaml .Values.podSecurityContext | nindent 8 }}
      containers:
        - name: {{ .Chart.Name }}
          securityContext: {{- toYaml .Values.securityContext | nindent 12 }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.Version }}"
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
"""

#: A Deployment whose one container the test's lines end.
CONTAINER = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: x}
spec:
  template:
    spec:
      containers:
        - name: x
          image: example/x:1.0
"""

CONTAINER_INCLUDE = (
    CONTAINER
    + """\
          {{- include "edge.containerSettings" . | nindent 10 }}
"""
)


def test_template_that_inserts_only_resources_is_judged_for_root(tmp_path: Path) -> None:
    write(tmp_path, "charts/edge/Chart.yaml", CHART)
    write(tmp_path, "charts/edge/templates/ds.yaml", DAEMONSET)
    a = scan(tmp_path)
    [root] = findings_of(a, "CF107")
    assert "triton" in root.message
    assert findings_of(a, "CF108")
    # the limits come from the values: not judged in the template
    assert not findings_of(a, "CF112")


@pytest.mark.parametrize("template", [SCAFFOLD, CONTAINER_INCLUDE])
def test_template_that_may_insert_the_security_context_is_not_judged(
    tmp_path: Path, template: str
) -> None:
    write(tmp_path, "charts/edge/Chart.yaml", CHART)
    write(tmp_path, "charts/edge/templates/dep.yaml", template)
    rules = set(rules_of(scan(tmp_path)))
    assert not {"CF107", "CF108", "CF112", "CF116"} & rules


def test_detemplate_names_what_inserted_yaml_may_set() -> None:
    assert detemplate(DAEMONSET)[1] == {"resources"}
    assert detemplate(SCAFFOLD)[1] == {"securityContext", "resources"}
    assert detemplate(CONTAINER_INCLUDE)[1] == {ANY_SETTING}
    text, _ = detemplate(DAEMONSET)
    assert len(text.splitlines()) == len(DAEMONSET.splitlines())  # lines are kept


VALUES = """\
image:
  repository: nvcr.io/nvidia/tritonserver
  tag: 24.01-py3
agentImage:
  repository: registry.example.com/edge/agent
  tag: latest
sidecar:
  image:
    repository: registry.example.com/edge/sidecar
    tag: ""
exporter:
  repository: registry.example.com/edge/exporter
  tag: 1.4.2
"""


def test_chart_images_under_any_name(tmp_path: Path) -> None:
    write(tmp_path, "charts/edge/Chart.yaml", CHART)
    write(tmp_path, "charts/edge/values.yaml", VALUES)
    write(tmp_path, "charts/edge/templates/ds.yaml", DAEMONSET)
    found = {f.location.line for f in findings_of(scan(tmp_path), "CF101")}
    # latest, and an empty tag that no template defaults to the chart's appVersion
    assert found == {line_with(VALUES, "tag: latest"), line_with(VALUES, 'tag: ""')}


def test_empty_tag_defaulted_to_app_version_is_pinned(tmp_path: Path) -> None:
    write(tmp_path, "charts/edge/Chart.yaml", CHART)
    write(tmp_path, "charts/edge/values.yaml", VALUES)
    write(tmp_path, "charts/edge/templates/dep.yaml", SCAFFOLD)
    found = {f.location.line for f in findings_of(scan(tmp_path), "CF101")}
    assert found == {line_with(VALUES, "tag: latest")}


SELDON = """\
apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata: {name: ranker}
spec:
  predictors:
    - name: default
      componentSpecs:
        - spec:
            securityContext: {runAsNonRoot: true}
            containers:
              - name: ranker
                image: registry.example.com/ml/ranker:4.1.0
                securityContext: {allowPrivilegeEscalation: false}
                resources: {limits: {cpu: "1", memory: 1Gi}}
                env:
                  - {name: MODEL_STORE, value: "http://models.corp-example.com/ranker"}
                  - {name: FEATURE_SVC, value: "http://feature-svc.ml.svc.cluster.local:6566"}
                  - {name: CACHE_URL, value: "http://redis:6379"}
                  - {name: METRICS_HOST, value: "http://127.0.0.1:9100"}
                  - {name: HTTPS_PROXY, value: "http://proxy.corp-example.com:3128"}
                  - {name: DOCS_URL, value: "http://docs.corp-example.com"}
                  - {name: TRACKING_URI, value: "https://mlflow.corp-example.com"}
      graph: {name: ranker, type: MODEL}
"""


def test_service_address_over_plain_http_in_a_pod_environment(tmp_path: Path) -> None:
    write(tmp_path, "k8s/seldon.yaml", SELDON)
    found = findings_of(scan(tmp_path), "CD131")
    # the corporate host only: cluster-local, single-label, loopback, proxy, docs and TLS left
    assert [f.location.line for f in found] == [line_with(SELDON, "MODEL_STORE")]


STORAGE_SECRET = """\
apiVersion: v1
kind: Secret
metadata:
  name: s3-store
  annotations:
    serving.kserve.io/s3-endpoint: s3.eu-west-1.amazonaws.com
    serving.kserve.io/s3-usehttps: "0"
    serving.kserve.io/s3-verifyssl: "0"
type: Opaque
---
apiVersion: v1
kind: Secret
metadata:
  name: s3-store-tls
  annotations:
    serving.kserve.io/s3-usehttps: "1"
    serving.kserve.io/s3-verifyssl: "1"
---
apiVersion: v1
kind: ConfigMap
metadata: {name: storage-env}
data:
  S3_USE_HTTPS: "0"
  AWS_S3_VERIFY_SSL: "false"
  MLFLOW_TRACKING_URI: http://mlflow.corp-example.com
  S3_ENDPOINT: http://minio:9000
"""


def test_storage_reached_without_tls_in_secrets_and_config_maps(tmp_path: Path) -> None:
    write(tmp_path, "k8s/storage.yaml", STORAGE_SECRET)
    a = scan(tmp_path)
    plain = sorted(f.location.line for f in findings_of(a, "CD131"))
    assert plain == [
        line_with(STORAGE_SECRET, "s3-usehttps"),
        line_with(STORAGE_SECRET, "S3_USE_HTTPS"),
        line_with(STORAGE_SECRET, "MLFLOW_TRACKING_URI"),
    ]
    tls = sorted(f.location.line for f in findings_of(a, "CF123"))
    assert tls == [line_with(STORAGE_SECRET, "s3-verifyssl"), line_with(STORAGE_SECRET, "AWS_S3")]


def test_env_file_and_compose_settings(tmp_path: Path) -> None:
    write(
        tmp_path,
        ".env",
        "AWS_S3_USE_HTTPS=0\nS3_USE_HTTPS=1\nFEATURE_API=http://features.corp-example.com\n"
        "LOCAL_API=http://localhost:8080\n",
    )
    a = scan(tmp_path)
    assert sorted(f.location.line for f in findings_of(a, "CD131")) == [1, 3]


def test_ci_job_environment_is_judged_on_known_variables_only(tmp_path: Path) -> None:
    write(
        tmp_path,
        ".github/workflows/ci.yml",
        "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    env:\n"
        "      API_URL: http://api.corp-example.com\n    steps:\n      - run: pytest\n",
    )
    assert not findings_of(scan(tmp_path), "CD131")


METAFLOW = """\
{
    "METAFLOW_DEFAULT_DATASTORE": "s3",
    "METAFLOW_SERVICE_URL": "http://metaflow-ui.corp-example.com/api",
    "METAFLOW_SERVICE_INTERNAL_URL": "http://metaflow-service.mf.svc.cluster.local:8080",
    "homepage": "http://www.corp-example.com",
    "$schema": "http://json-schema.org/draft-07/schema#",
    "s3_verify_ssl": false,
    "use_tls": true
}
"""


def test_json_configuration_files(tmp_path: Path) -> None:
    write(tmp_path, "config/metaflow_config.json", METAFLOW)
    write(tmp_path, "package.json", '{"name": "ui", "config": {"api_url": "http://a.corp.io"}}')
    write(tmp_path, ".vscode/settings.json", '{"proxy_url": "http://a.corp.io"}')
    a = scan(tmp_path)
    assert [(f.location.path, f.location.line) for f in findings_of(a, "CD131")] == [
        ("config/metaflow_config.json", 3)
    ]
    [tls] = findings_of(a, "CF123")
    assert tls.location.line == line_with(METAFLOW, "s3_verify_ssl")


SFT = """\
base_model: org/llama-3-8b-ft
base_revision: main
tokenizer_name_or_path: org/tokenizer
tokenizer_revision: 62bd457b6fe961a42a631306577e622c83876cb6
trust_remote_code: true
"""

SFT_SAFE = """\
base_model: org/llama-3-8b-ft
base_revision: 62bd457b6fe961a42a631306577e622c83876cb6
trust_remote_code: false
"""


def test_training_configuration_trust_and_revisions(tmp_path: Path) -> None:
    write(tmp_path, "configs/sft.yaml", SFT)
    write(tmp_path, "configs/safe.yaml", SFT_SAFE)
    write(
        tmp_path,
        "configs/args.json",
        '{\n  "model_name_or_path": "org/m",\n  "trustRemoteCode": "True"\n}\n',
    )
    a = scan(tmp_path)
    trust = sorted((f.location.path, f.location.line) for f in findings_of(a, "CF121"))
    assert trust == [("configs/args.json", 3), ("configs/sft.yaml", 5)]
    pins = sorted((f.location.path, f.location.line) for f in findings_of(a, "CD112"))
    # each model with its own revision: the base model at a branch, the tokenizer pinned
    assert pins == [("configs/args.json", 2), ("configs/sft.yaml", 2)]


TGI = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: llm}
spec:
  template:
    spec:
      containers:
        - name: tgi
          image: ghcr.io/huggingface/text-generation-inference:2.2.0
          env:
            - {name: MODEL_ID, value: org/summarizer-7b}
        - name: tgi-pinned
          image: ghcr.io/huggingface/text-generation-inference:2.2.0
          env:
            - {name: MODEL_ID, value: org/classifier-1b}
            - {name: REVISION, value: 7a1c9e3f5b2d8046e1a9c7f3b5d2e8046c1a9f7e}
        - name: tgi-secret-revision
          image: ghcr.io/huggingface/text-generation-inference:2.2.0
          env:
            - {name: MODEL_ID, value: org/classifier-1b}
            - name: REVISION
              valueFrom: {configMapKeyRef: {name: pins, key: classifier}}
        - name: tgi-local
          image: ghcr.io/huggingface/text-generation-inference:2.2.0
          env:
            - {name: MODEL_ID, value: /data/models/classifier}
"""

COMPOSE_TGI = """\
services:
  tgi:
    image: ghcr.io/huggingface/text-generation-inference:2.2.0
    environment:
      MODEL_ID: org/summarizer-7b
  tgi-args:
    image: ghcr.io/huggingface/text-generation-inference:2.2.0
    command: --model-id org/summarizer-7b --revision 7a1c9e3f5b2d8046e1a9c7f3b5d2e8046c1a9f7e
    environment:
      MODEL_ID: org/summarizer-7b
"""


def test_server_model_in_the_environment_without_a_revision(tmp_path: Path) -> None:
    write(tmp_path, "k8s/tgi.yaml", TGI)
    write(tmp_path, "docker-compose.yml", COMPOSE_TGI)
    found = sorted((f.location.path, f.location.line) for f in findings_of(scan(tmp_path), "CD112"))
    assert found == [
        ("docker-compose.yml", line_with(COMPOSE_TGI, "MODEL_ID")),
        ("k8s/tgi.yaml", line_with(TGI, "org/summarizer-7b")),
    ]


AZUREML = """\
$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json
name: blue
endpoint_name: fraud
model: azureml:fraud-gbm:7
environment:
  conda_file: environment/conda.yml
  image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest
"""

AZUREML_PINNED = """\
$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
command: python train.py
environment: azureml:training-env:3
compute: azureml:gpu
"""

VERTEX = """\
workerPoolSpecs:
  - machineSpec: {machineType: n1-standard-8}
    replicaCount: 1
    containerSpec:
      imageUri: europe-docker.pkg.dev/proj/train/trainer
"""


def test_ml_platform_job_images(tmp_path: Path) -> None:
    write(tmp_path, "deploy/deployment.yml", AZUREML)
    write(tmp_path, "deploy/job.yml", AZUREML_PINNED)
    write(tmp_path, "vertex/job.yaml", VERTEX)
    write(tmp_path, "config/other.yaml", "image: example/tool:latest\n")  # not a platform file
    found = sorted((f.location.path, f.location.line) for f in findings_of(scan(tmp_path), "CF101"))
    assert found == [
        ("deploy/deployment.yml", line_with(AZUREML, "image:")),
        ("vertex/job.yaml", line_with(VERTEX, "imageUri")),
    ]


SCAFFOLD_VALUES_EMPTY = """\
image: {repository: example/edge, tag: ""}
podSecurityContext: {}
securityContext: {}
resources: {}
"""

SCAFFOLD_VALUES_SET = """\
image: {repository: example/edge, tag: ""}
podSecurityContext: {runAsNonRoot: true, runAsUser: 10001}
securityContext: {allowPrivilegeEscalation: false}
resources: {limits: {cpu: "1", memory: 1Gi}}
"""

WITH_BLOCK = (
    CONTAINER
    + """\
          {{- with .Values.securityContext }}
          securityContext:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
"""
)


def test_template_writing_empty_chart_values_is_judged(tmp_path: Path) -> None:
    write(tmp_path, "charts/edge/Chart.yaml", CHART)
    write(tmp_path, "charts/edge/values.yaml", SCAFFOLD_VALUES_EMPTY)
    write(tmp_path, "charts/edge/templates/dep.yaml", SCAFFOLD)
    write(tmp_path, "charts/edge/templates/with.yaml", WITH_BLOCK)
    a = scan(tmp_path)
    for rule in ("CF107", "CF108"):
        found = {f.location.path for f in findings_of(a, rule)}
        assert found == {"charts/edge/templates/dep.yaml", "charts/edge/templates/with.yaml"}
    # the empty resources once, where they are written
    assert {f.location.path for f in findings_of(a, "CF112")} == {"charts/edge/values.yaml"}


def test_template_writing_chart_values_that_are_set_is_not_judged(tmp_path: Path) -> None:
    write(tmp_path, "charts/edge/Chart.yaml", CHART)
    write(tmp_path, "charts/edge/values.yaml", SCAFFOLD_VALUES_SET)
    write(tmp_path, "charts/edge/templates/dep.yaml", SCAFFOLD)
    write(tmp_path, "charts/edge/templates/with.yaml", WITH_BLOCK)
    rules = set(rules_of(scan(tmp_path)))
    assert not {"CF107", "CF108", "CF112"} & rules


ISVC_HF = """\
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: {name: llm}
spec:
  predictor:
    model:
      modelFormat: {name: huggingface}
      storageUri: hf://org/llm-7b
---
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: {name: llm-pinned}
spec:
  predictor:
    model:
      modelFormat: {name: huggingface}
      storageUri: hf://org/llm-7b:7a1c9e3f5b2d8046e1a9c7f3b5d2e8046c1a9f7e
"""


def test_kserve_hub_storage_without_a_commit(tmp_path: Path) -> None:
    write(tmp_path, "k8s/isvc.yaml", ISVC_HF)
    [pin] = findings_of(scan(tmp_path), "CD112")
    assert pin.location.line == line_with(ISVC_HF, "storageUri: hf://org/llm-7b")


VALUES_ENV_LIST = """\
image: {repository: example/ranker, tag: 1.2.0}
env:
  - name: MODEL_STORE
    value: http://models.corp-example.com/ranker
  - name: CACHE
    value: http://redis:6379
"""

SERVE_CONFIG = """\
http_options: {host: 127.0.0.1, port: 8000}
applications:
  - name: app
    import_path: app:deployment
    runtime_env:
      image_uri: registry.example.com/serve/app:latest
"""


def test_chart_env_lists_and_ray_serve_images(tmp_path: Path) -> None:
    write(tmp_path, "charts/r/Chart.yaml", CHART)
    write(tmp_path, "charts/r/values.yaml", VALUES_ENV_LIST)
    write(tmp_path, "serve/config.yaml", SERVE_CONFIG)
    a = scan(tmp_path)
    [plain] = findings_of(a, "CD131")
    assert (plain.location.path, plain.location.line) == (
        "charts/r/values.yaml",
        line_with(VALUES_ENV_LIST, "models.corp-example.com"),
    )
    [image] = findings_of(a, "CF101")
    assert (image.location.path, image.location.line) == (
        "serve/config.yaml",
        line_with(SERVE_CONFIG, "image_uri"),
    )


SELDON_HTTP_MODEL = """\
apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata: {name: iris}
spec:
  predictors:
    - name: default
      graph:
        name: clf
        implementation: SKLEARN_SERVER
        modelUri: http://models.corp-example.com/iris
    - name: canary
      graph:
        name: clf
        implementation: SKLEARN_SERVER
        modelUri: http://minio.ml.svc.cluster.local:9000/iris
"""


def test_model_fetched_over_plain_http_by_a_serving_resource(tmp_path: Path) -> None:
    write(tmp_path, "k8s/seldon.yaml", SELDON_HTTP_MODEL)
    [plain] = findings_of(scan(tmp_path), "CD131")
    assert plain.location.line == line_with(SELDON_HTTP_MODEL, "models.corp-example.com")


@pytest.mark.parametrize(
    "rel, text, line",
    [
        (
            "Dockerfile",
            "FROM ghcr.io/huggingface/text-generation-inference:2.2.0\n"
            "ENV MODEL_ID=org/summarizer-7b PORT=80\n",
            2,
        ),
        (".env", "PORT=80\nHF_MODEL_ID=org/summarizer-7b\n", 2),
        (
            "charts/t/values.yaml",
            "image: {repository: tgi, tag: 2.2.0}\n"
            "env:\n  - name: MODEL_ID\n    value: org/summarizer-7b\n",
            4,
        ),
    ],
)
def test_model_in_image_env_file_and_chart_environments(
    tmp_path: Path, rel: str, text: str, line: int
) -> None:
    write(tmp_path, "charts/t/Chart.yaml", CHART)
    write(tmp_path, rel, text)
    [pin] = findings_of(scan(tmp_path), "CD112")
    assert (pin.location.path, pin.location.line) == (rel, line)
    pinned = text.replace("org/summarizer-7b", "org/summarizer-7b REVISION=" + "ab12" * 10)
    if rel == ".env":
        pinned = text + "HF_MODEL_REVISION=" + "ab12" * 10 + "\n"
    elif rel.endswith("values.yaml"):
        pinned = text + "  - {name: REVISION, value: " + "ab12" * 10 + "}\n"
    write(tmp_path, rel, pinned)
    assert not findings_of(scan(tmp_path), "CD112")


def test_chart_environment_is_reported_once(tmp_path: Path) -> None:
    write(tmp_path, "charts/x/Chart.yaml", CHART)
    write(
        tmp_path,
        "charts/x/values.yaml",
        'image: {repository: a, tag: "1"}\nextraEnv:\n'
        '  MLFLOW_TRACKING_URI: http://mlflow.corp-example.com\n  TRUST_REMOTE_CODE: "true"\n',
    )
    a = scan(tmp_path)
    assert [f.location.line for f in findings_of(a, "CD131")] == [3]
    assert [f.location.line for f in findings_of(a, "CF121")] == [4]


def test_mail_and_api_document_settings_are_not_services(tmp_path: Path) -> None:
    write(
        tmp_path,
        "config/app.yaml",
        "MAIL_USE_SSL: false\nMAIL_USE_TLS: true\ntermsOfService: http://swagger.io/terms/\n",
    )
    write(tmp_path, "api/openapi.json", '{"info": {"termsOfService": "http://swagger.io/terms/"}}')
    rules = set(rules_of(scan(tmp_path)))
    assert not {"CD131", "CF123"} & rules
