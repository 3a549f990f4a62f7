"""Helm chart values and templates, Zero to JupyterHub and KubeSpawner configuration."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import findings_of, rules_of, scan, write

CHART = "apiVersion: v2\nname: gateway\nversion: 0.1.0\n"

VALUES = """\
server:
  image:
    repository: vllm/vllm-openai
    tag: latest
  model: meta-llama/Meta-Llama-3-8B-Instruct
  extraArgs:
    - --trust-remote-code
  service:
    type: LoadBalancer
  securityContext:
    privileged: true
    runAsUser: 0
    allowPrivilegeEscalation: true
  resources: {}
cache:
  hostPath: /mnt/hf-cache
"""

SAFE_VALUES = """\
server:
  image:
    repository: vllm/vllm-openai
    tag: v0.6.3
  model: meta-llama/Meta-Llama-3-8B-Instruct
  revision: 0123456789abcdef0123456789abcdef01234567
  service:
    type: ClusterIP
  securityContext:
    privileged: false
    runAsNonRoot: true
    runAsUser: 1000
    allowPrivilegeEscalation: false
  resources:
    limits: {cpu: "4", memory: 16Gi}
"""

TEMPLATE = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-tgi
spec:
  selector:
    matchLabels: {app: {{ .Release.Name }}-tgi}
  template:
    metadata:
      labels: {app: {{ .Release.Name }}-tgi}
    spec:
      {{- if .Values.hostNetwork }}
      hostNetwork: true
      {{- end }}
      containers:
        - name: tgi
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          args: ["--model-id", "{{ .Values.model }}", "--hostname", "0.0.0.0"]
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
"""


def test_chart_values(tmp_path: Path) -> None:
    write(tmp_path, "charts/gw/Chart.yaml", CHART)
    write(tmp_path, "charts/gw/values.yaml", VALUES)
    a = scan(tmp_path)
    lines = VALUES.splitlines()

    def at(rule: str) -> list[str]:
        return [lines[f.location.line - 1].strip() for f in findings_of(a, rule)]

    assert at("CF101") == ["tag: latest"]
    assert at("CF105") == ["privileged: true"]
    assert at("CF107") == ["runAsUser: 0"]
    assert at("CF108") == ["allowPrivilegeEscalation: true"]
    assert at("CF112") == ["resources: {}"]
    assert at("CF110") == ["hostPath: /mnt/hf-cache"]
    assert at("CF121") == ["- --trust-remote-code"]
    assert at("CF114") == ["type: LoadBalancer"]
    assert at("CD112") == ["model: meta-llama/Meta-Llama-3-8B-Instruct"]


def test_safe_chart_values_and_values_outside_a_chart(tmp_path: Path) -> None:
    write(tmp_path, "charts/gw/Chart.yaml", CHART)
    write(tmp_path, "charts/gw/values.yaml", SAFE_VALUES)
    write(tmp_path, "config/values.yaml", VALUES)  # no Chart.yaml: not a chart's values
    found = [f for f in scan(tmp_path).report.findings if f.rule.startswith(("CF1", "CD112"))]
    assert not found, [(f.rule, f.location) for f in found]


def test_template_literal_yaml_is_checked(tmp_path: Path) -> None:
    write(tmp_path, "charts/gw/Chart.yaml", CHART)
    write(tmp_path, "charts/gw/templates/tgi.yaml", TEMPLATE)
    a = scan(tmp_path)
    rules = set(rules_of(a))
    assert "CF116" not in rules
    [bind] = findings_of(a, "CF117")
    assert bind.location.line == 18
    assert findings_of(a, "CF106")  # both branches of an if are read
    # settings that toYaml may write, and the templated image, are not judged
    assert not {"CF107", "CF108", "CF112", "CF101"} & rules


def test_unparseable_template_is_reported_not_raised(tmp_path: Path) -> None:
    write(tmp_path, "charts/gw/Chart.yaml", CHART)
    write(
        tmp_path,
        "charts/gw/templates/x.yaml",
        "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: [\n{{ range .Values.x }}\n",
    )
    assert findings_of(scan(tmp_path), "CF116")


Z2JH = """\
proxy:
  service: {type: ClusterIP}
singleuser:
  image:
    name: quay.io/jupyter/pytorch-notebook
    tag: latest
  uid: 0
  extraEnv:
    GRANT_SUDO: "yes"
  allowPrivilegeEscalation: true
  storage:
    extraVolumes:
      - name: scratch
        hostPath:
          path: /scratch
"""


def test_zero_to_jupyterhub_config(tmp_path: Path) -> None:
    write(tmp_path, "helm/config.yaml", Z2JH)
    rules = set(rules_of(scan(tmp_path)))
    assert {"CF101", "CF107", "CF125", "CF108", "CF110"} <= rules
    safe = (
        Z2JH.replace("tag: latest", "tag: 2024-10-07")
        .replace("uid: 0", "uid: 1000")
        .replace('"yes"', '"no"')
        .replace("Escalation: true", "Escalation: false")
        .replace("hostPath:\n          path: /scratch", "emptyDir: {}")
    )
    write(tmp_path, "helm/config.yaml", safe)
    assert not {r for r in rules_of(scan(tmp_path)) if r.startswith("CF1")}


HUB = """\
c = get_config()  # noqa: F821
c.JupyterHub.authenticator_class = "dummy"
c.KubeSpawner.image = "quay.io/jupyter/pytorch-notebook:latest"
c.KubeSpawner.uid = 0
c.KubeSpawner.privileged = True
c.KubeSpawner.allow_privilege_escalation = True
c.KubeSpawner.volumes = [{"name": "d", "hostPath": {"path": "/mnt/datasets"}}]
"""


def test_jupyterhub_config(tmp_path: Path) -> None:
    write(tmp_path, "hub/jupyterhub_config.py", HUB)
    a = scan(tmp_path)
    got = {f.rule: f.location.line for f in a.report.findings if f.rule.startswith("CF1")}
    assert got == {"CF117": 2, "CF101": 3, "CF107": 4, "CF105": 5, "CF108": 6, "CF110": 7}
    write(
        tmp_path,
        "hub/jupyterhub_config.py",
        "c = get_config()  # noqa: F821\n"
        'c.JupyterHub.authenticator_class = "github"\n'
        'c.KubeSpawner.image = "quay.io/jupyter/pytorch-notebook:2024-10-07"\n'
        "c.KubeSpawner.uid = 1000\n"
        "c.KubeSpawner.allow_privilege_escalation = False\n",
    )
    assert not [r for r in rules_of(scan(tmp_path)) if r.startswith("CF1")]


def test_ray_serve_config_and_bentofile(tmp_path: Path) -> None:
    write(
        tmp_path,
        "serve_config.yaml",
        "http_options:\n  host: 0.0.0.0\n  port: 8000\napplications:\n  - name: a\n"
        "    import_path: app:app\n",
    )
    write(
        tmp_path,
        "bentofile.yaml",
        'service: "service:Svc"\nenvs:\n  - name: HF_TOKEN\n'
        "    value: hf_WbXyKzLmNqRsTvUpJoIhGfEd\n"
        "  - name: MODEL_DIR\n    value: /models\n",
    )
    a = scan(tmp_path)
    assert [(f.location.path, f.location.line) for f in findings_of(a, "CF118")] == [
        ("serve_config.yaml", 2)
    ]
    [secret] = findings_of(a, "CF113")
    assert secret.location.line == 4 and "WbXy" not in secret.evidence
    write(
        tmp_path,
        "serve_config.yaml",
        "http_options:\n  host: 127.0.0.1\napplications:\n  - name: a\n    import_path: app:app\n",
    )
    assert not findings_of(scan(tmp_path), "CF118")


def test_airflow_api_without_authentication(tmp_path: Path) -> None:
    write(
        tmp_path,
        "airflow/airflow.cfg",
        "[webserver]\nweb_server_host = 0.0.0.0\n[api]\n"
        "auth_backends = airflow.api.auth.backend.default\n",
    )
    [f] = findings_of(scan(tmp_path), "CF117")
    assert f.location.line == 4
    write(
        tmp_path,
        "airflow/airflow.cfg",
        "[api]\nauth_backends = airflow.api.auth.backend.session,"
        "airflow.api.auth.backend.basic_auth\n",
    )
    assert not findings_of(scan(tmp_path), "CF117")


def test_training_config_names_a_hub_model(tmp_path: Path) -> None:
    sha = "0123456789abcdef0123456789abcdef01234567"
    write(tmp_path, "configs/sft.yaml", "base_model: meta-llama/Llama-3.1-8B\nlr: 2e-5\n")
    write(
        tmp_path,
        "configs/pinned.yaml",
        f"model_name_or_path: org/model\nmodel_revision: {sha}\n",
    )
    write(tmp_path, "configs/local.yaml", "model_name_or_path: ./checkpoints/last\n")
    write(tmp_path, "configs/branch.yaml", "model_id: org/model\nrevision: main\n")
    found = {(f.location.path, f.location.line) for f in findings_of(scan(tmp_path), "CD112")}
    assert found == {("configs/sft.yaml", 1), ("configs/branch.yaml", 2)}
