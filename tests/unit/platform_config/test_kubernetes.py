"""Kubernetes workloads (CF105-CF113, commands), Services (CF114), NetworkPolicy (CF115)."""

from __future__ import annotations

from pathlib import Path

from secplan.model import Severity
from tests.helpers import findings_of, line_with, rules_of, scan, write

HARDENED = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  template:
    metadata: {labels: {app: api}}
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile: {type: RuntimeDefault}
      containers:
      - name: api
        image: example/api:1.0
        securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
        resources: {limits: {memory: 1Gi, cpu: "1"}}
        env:
        - {name: HF_TOKEN, valueFrom: {secretKeyRef: {name: hf, key: token}}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny}
spec: {podSelector: {}}
"""

RISKY = """\
apiVersion: batch/v1
kind: CronJob
metadata: {name: train}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          hostNetwork: true
          hostPID: true
          containers:
          - name: trainer
            image: example/train:1.0
            securityContext:
              privileged: true
              runAsUser: 0
              capabilities: {add: [SYS_ADMIN, CHOWN]}
            env:
            - name: WANDB_API_KEY
              value: 0123456789abcdef
            command: [jupyter, lab]
            args: ["--ServerApp.token=", "--allow-root"]
          volumes:
          - name: gpu
            hostPath: {path: /dev/nvidia0}
          - name: sock
            hostPath: {path: /var/run/docker.sock}
          - name: data
            hostPath: {path: /data/cache}
"""


def test_hardened_workload_is_silent(tmp_path: Path) -> None:
    write(tmp_path, "k8s/api.yaml", HARDENED)
    found = set(rules_of(scan(tmp_path)))
    assert not {r for r in found if r.startswith("CF")}


def test_risky_workload(tmp_path: Path) -> None:
    write(tmp_path, "k8s/train.yaml", RISKY)
    a = scan(tmp_path)
    rules = rules_of(a)
    for rule in (
        "CF105",
        "CF106",
        "CF107",
        "CF109",
        "CF111",
        "CF110",
        "CF112",
        "CF113",
        "CF117",
        "CF119",
        "CF115",
    ):
        assert rule in rules, rule
    # removing privileged alone still leaves escalation allowed: both are reported
    [escalation] = findings_of(a, "CF108")
    assert "privileged" in escalation.message
    assert {f.evidence for f in findings_of(a, "CF106")} == {"hostNetwork: true", "hostPID: true"}
    [sock] = [f for f in findings_of(a, "CF110") if "docker.sock" in f.evidence]
    assert sock.severity is Severity.CRITICAL
    [secret] = findings_of(a, "CF113")
    assert "0123456789abcdef" not in secret.evidence and secret.location.line == 20  # value:
    [cap] = findings_of(a, "CF109")
    assert "SYS_ADMIN" in cap.message and "CHOWN" not in cap.message


def test_root_defaults(tmp_path: Path) -> None:
    write(
        tmp_path,
        "pod.yaml",
        """\
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - {name: a, image: x:1}
          - {name: b, image: x:1, securityContext: {runAsNonRoot: false}}
          - {name: c, image: x:1, securityContext: {runAsUser: 1000}}
        """,
    )
    msgs = [f.message for f in findings_of(scan(tmp_path), "CF107")]
    assert len(msgs) == 2 and "neither" in msgs[0] and "false" in msgs[1]
    assert len(findings_of(scan(tmp_path), "CF108")) == 3


def test_list_kind_and_multiple_documents(tmp_path: Path) -> None:
    write(
        tmp_path,
        "all.yaml",
        """\
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Pod
          metadata: {name: p}
          spec: {containers: [{name: a, image: x:1, securityContext: {privileged: true}}]}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: d}
        spec: {template: {spec: {hostIPC: true, containers: []}}}
        """,
    )
    rules = rules_of(scan(tmp_path))
    assert "CF105" in rules and "CF106" in rules


SERVER = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: triton}
spec:
  template:
    metadata: {labels: {app: triton}}
    spec:
      containers:
      - {name: t, image: nvcr.io/nvidia/tritonserver:24.01-py3}
---
apiVersion: v1
kind: Service
metadata: {name: triton%s}
spec:
  type: %s
  selector: {app: triton}
  ports: [{name: %s, port: %d}]
"""


def test_model_server_exposed_without_tls(tmp_path: Path) -> None:
    write(tmp_path, "serve.yaml", SERVER % ("", "LoadBalancer", "http", 8000))
    [f] = findings_of(scan(tmp_path), "CF114")
    assert "triton" in f.message and f.location.line == 15  # the type: line


def test_model_server_exposure_silent(tmp_path: Path) -> None:
    write(tmp_path, "a/serve.yaml", SERVER % ("", "ClusterIP", "http", 8000))
    write(tmp_path, "b/serve.yaml", SERVER % ("-tls", "LoadBalancer", "https", 443))
    assert findings_of(scan(tmp_path), "CF114") == []


def test_network_policy_in_another_file_counts(tmp_path: Path) -> None:
    write(tmp_path, "deploy.yaml", SERVER % ("", "ClusterIP", "http", 8000))
    assert len(findings_of(scan(tmp_path), "CF115")) == 1
    write(tmp_path, "netpol.yaml", HARDENED.split("---\n")[1])
    assert findings_of(scan(tmp_path), "CF115") == []


def test_malformed_manifest_is_a_finding(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", "apiVersion: v1\nkind: Pod\nspec: [unclosed\n")
    [f] = findings_of(scan(tmp_path), "CF116")
    assert "line" in f.message and f.location.path == "bad.yaml"


def test_helm_template_is_reported_low(tmp_path: Path) -> None:
    write(
        tmp_path,
        "chart/templates/d.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: [{{ .Values.n }}}\n",
    )
    [f] = findings_of(scan(tmp_path), "CF116")
    assert f.severity is Severity.LOW


def test_findings_sit_on_the_offending_key(tmp_path: Path) -> None:
    write(tmp_path, "k8s/train.yaml", RISKY)
    a = scan(tmp_path)
    lines = {(f.rule, f.evidence): f.location.line for f in a.report.findings}
    assert lines["CF106", "hostNetwork: true"] == line_with(RISKY, "hostNetwork")
    assert lines["CF106", "hostPID: true"] == line_with(RISKY, "hostPID")
    assert lines["CF105", "privileged: true"] == line_with(RISKY, "privileged")
    assert lines["CF107", "runAsUser is 0 (root)"] == line_with(RISKY, "runAsUser")
    assert lines["CF109", "capabilities.add: ['SYS_ADMIN']"] == line_with(RISKY, "capabilities")
    assert lines["CF111", "/dev/nvidia0"] == line_with(RISKY, "/dev/nvidia0")
    [jupyter] = findings_of(a, "CF117")
    assert jupyter.location.line == line_with(RISKY, "command: [jupyter")


def test_environment_settings_in_manifests(tmp_path: Path) -> None:
    write(
        tmp_path,
        "k8s/job.yaml",
        """\
        apiVersion: batch/v1
        kind: Job
        metadata: {name: train}
        spec:
          template:
            spec:
              containers:
              - name: t
                image: example/train:1.0
                env:
                - name: MLFLOW_TRACKING_URI
                  value: http://mlflow.corp.example:5000
                - name: PYTHONHTTPSVERIFY
                  value: "0"
                - name: HF_ENDPOINT
                  value: https://hf.example.org
        """,
    )
    a = scan(tmp_path)
    assert [f.location.line for f in findings_of(a, "CD131")] == [12]
    assert [f.location.line for f in findings_of(a, "CF123")] == [14]


def test_images_args_and_profiles_are_placed_on_their_lines(tmp_path: Path) -> None:
    text = """\
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: llm}
        spec:
          template:
            metadata: {labels: {app: llm}}
            spec:
              securityContext:
                runAsNonRoot: true
                seccompProfile:
                  type: Unconfined
              containers:
                - name: vllm
                  image: vllm/vllm-openai:latest
                  args:
                    - "--model=org/model"
                    - "--host=0.0.0.0"
                    - "--trust-remote-code"
                  securityContext: {allowPrivilegeEscalation: false}
                  resources: {limits: {memory: 1Gi}}
                - name: exporter
                  image: example-corp/gpu-exporter
                  securityContext: {allowPrivilegeEscalation: false}
                  resources: {limits: {memory: 1Gi}}
                - name: sidecar
                  image: example-corp/sidecar:1.2.3
                  securityContext: {allowPrivilegeEscalation: false}
                  resources: {limits: {memory: 1Gi}}
        """
    write(tmp_path, "k8s/llm.yaml", text)
    a = scan(tmp_path)
    assert [f.location.line for f in findings_of(a, "CF101")] == [
        line_with(text, "vllm-openai:latest"),
        line_with(text, "gpu-exporter"),
    ]
    # args alone run the image's server (vllm): each finding at the argument it is about
    [trust] = findings_of(a, "CF121")
    assert trust.location.line == line_with(text, '"--trust-remote-code"')
    [open_] = findings_of(a, "CF117")
    assert open_.location.line == line_with(text, '"--host=0.0.0.0"')
    profiles = findings_of(a, "CF126")
    assert profiles and all(f.location.line == line_with(text, "Unconfined") for f in profiles)


def test_grant_sudo_and_empty_token(tmp_path: Path) -> None:
    text = """\
        apiVersion: v1
        kind: Pod
        metadata: {name: nb}
        spec:
          containers:
            - name: lab
              image: quay.io/jupyter/base-notebook:2024-10-14
              args: ["start-notebook.py", "--IdentityProvider.token="]
              env:
                - {name: GRANT_SUDO, value: "yes"}
                - {name: JUPYTER_TOKEN, value: ""}
        """
    write(tmp_path, "nb.yaml", text)
    a = scan(tmp_path)
    [sudo] = findings_of(a, "CF125")
    assert sudo.location.line == line_with(text, "GRANT_SUDO")
    lines = sorted(f.location.line for f in findings_of(a, "CF117"))
    # the empty JUPYTER_TOKEN sets no token, so the command's empty token is reported too
    assert lines == [line_with(text, "--IdentityProvider"), line_with(text, "JUPYTER_TOKEN")]


def test_a_pod_server_default_bind_is_not_exposure(tmp_path: Path) -> None:
    text = """\
        apiVersion: v1
        kind: Pod
        metadata: {name: tgi}
        spec:
          containers:
            - name: tgi
              image: ghcr.io/huggingface/text-generation-inference:2.4.1
              args: ["--model-id", "org/model", "--port", "8080"]
              env:
                - {name: AWS_ACCESS_KEY_ID, value: mlflow-admin}
        """
    write(tmp_path, "tgi.yaml", text)
    a = scan(tmp_path)
    assert findings_of(a, "CF117") == [] and findings_of(a, "CF113") == []


RAY_SERVICE = """\
apiVersion: ray.io/v1
kind: RayService
metadata: {name: ranker}
spec:
  serveService:
    spec:
      type: LoadBalancer
  rayClusterConfig:
    headGroupSpec:
      rayStartParams:
        dashboard-host: "0.0.0.0"
      template:
        spec:
          securityContext: {runAsNonRoot: true}
          containers:
          - name: head
            image: example/ray:2.9.3
            securityContext: {allowPrivilegeEscalation: false}
            resources: {limits: {cpu: "2", memory: 8Gi}}
    workerGroupSpecs:
    - groupName: gpu
      template:
        spec:
          securityContext: {runAsNonRoot: true}
          containers:
          - name: worker
            image: example/ray:latest
            securityContext:
              allowPrivilegeEscalation: true
            resources:
              limits:
                nvidia.com/gpu: 1
"""

ISVC = """\
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: {name: llm}
spec:
  predictor:
    model:
      modelFormat: {name: huggingface}
      image: kserve/huggingfaceserver:latest
      securityContext:
        privileged: true
      resources: {limits: {cpu: "2", memory: 8Gi}}
"""


def test_custom_resources_pod_templates(tmp_path: Path) -> None:
    write(tmp_path, "k8s/ray.yaml", RAY_SERVICE)
    a = scan(tmp_path)
    text = RAY_SERVICE.splitlines()
    # the worker group only: the head is hardened
    [image] = findings_of(a, "CF101")
    assert text[image.location.line - 1].strip() == "image: example/ray:latest"
    [esc] = findings_of(a, "CF108")
    assert text[esc.location.line - 1].strip() == "allowPrivilegeEscalation: true"
    [limits] = findings_of(a, "CF112")
    assert "worker" in limits.message and text[limits.location.line - 1].strip() == "resources:"
    assert not findings_of(a, "CF107")
    [dash] = findings_of(a, "CF120")
    assert "dashboard-host" in text[dash.location.line - 1]
    [lb] = findings_of(a, "CF114")
    assert text[lb.location.line - 1].strip() == "type: LoadBalancer"


def test_inference_service_container(tmp_path: Path) -> None:
    write(tmp_path, "isvc.yaml", ISVC)
    a = scan(tmp_path)
    assert findings_of(a, "CF105") and findings_of(a, "CF101")
    # the hardened look-alike: a ClusterIP serve service and a loopback dashboard
    write(
        tmp_path,
        "k8s/ray.yaml",
        RAY_SERVICE.replace("LoadBalancer", "ClusterIP")
        .replace('"0.0.0.0"', '"127.0.0.1"')
        .replace("example/ray:latest", "example/ray:2.9.3")
        .replace("allowPrivilegeEscalation: true", "allowPrivilegeEscalation: false")
        .replace("nvidia.com/gpu: 1", "memory: 8Gi"),
    )
    b = scan(tmp_path)
    ray = [f for f in b.report.findings if f.location.path.endswith("ray.yaml")]
    assert not [f.rule for f in ray if f.rule.startswith("CF") and f.rule not in ("CF115", "CF135")]


def test_absent_settings_placed_at_their_section(tmp_path: Path) -> None:
    write(
        tmp_path,
        "pod.yaml",
        """\
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: a
            image: x:1
            securityContext:
              privileged: true
            resources: {}
        """,
    )
    a = scan(tmp_path)
    assert [f.location.line for f in findings_of(a, "CF108")] == [8]
    assert [f.location.line for f in findings_of(a, "CF112")] == [10]


def test_restricted_profile_gaps_and_host_ports(tmp_path: Path) -> None:
    write(
        tmp_path,
        "pod.yaml",
        """\
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
          containers:
          - name: a
            image: x:1
            securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
            resources: {limits: {memory: 1Gi}}
          - name: b
            image: x:1
            ports:
            - {containerPort: 8888, hostPort: 8888}
            securityContext: {allowPrivilegeEscalation: false}
            resources: {limits: {memory: 1Gi}}
        """,
    )
    a = scan(tmp_path)
    [gap] = findings_of(a, "CF135")
    assert "container b" in gap.message and "drop" in gap.message and "seccomp" not in gap.message
    [port] = findings_of(a, "CF106")
    assert port.location.line == 14 and port.evidence == "hostPort: 8888"
