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

CONTAINER_INCLUDE = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: x}
spec:
  template:
    spec:
      containers:
        - name: x
          image: example/x:1.0
          {{- include "edge.containerSettings" . | nindent 10 }}
"""


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
