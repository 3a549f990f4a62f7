"""Which class of the corpus each tool's rule reports, and why.

A rule maps to one or more classes, and rules about container and pod settings also to a
*topic* (``root-user``, ``privileged``, ...): such a finding matches only a label of the same
topic, so a tool's "no memory limit" cannot be counted as finding "runs as root" in the same
file. Rules that do not map are counted apart ("outside the classes"); they neither help nor
hurt a tool here. The mapping was written from each tool's documentation of its rules (for
secplan, from ``secplan rules``), never from its code.
"""

from __future__ import annotations

DESER = "unsafe-deserialization"
EXEC = "code-execution"
TRUST = "remote-code-trust"
MODEL_PIN = "unpinned-model-download"
SECRET = "hardcoded-secret"
TLS = "tls-verification-off"
HTTP = "plaintext-http-endpoint"
EXPOSE = "service-exposure"
CONTAINER = "container-hardening"
K8S = "kubernetes-hardening"
UNPINNED = "unpinned-dependency"
VULN = "vulnerable-dependency"
PII = "notebook-output-pii"
PLATFORM = (CONTAINER, K8S)  # the same setting is judged in Dockerfiles, compose files and pods

CLASSES = (
    DESER,
    EXEC,
    TRUST,
    MODEL_PIN,
    SECRET,
    TLS,
    HTTP,
    EXPOSE,
    CONTAINER,
    K8S,
    UNPINNED,
    VULN,
    PII,
)

Mapped = tuple[tuple[str, ...], str]  # classes, topic ("" for none)

SECPLAN: dict[str, Mapped] = {
    **{f"CD{n}": ((DESER,), "") for n in range(101, 110)},  # pickle family ... shelve
    "CD110": ((TRUST,), ""),  # trust_remote_code
    "CD111": ((TRUST,), ""),  # torch.hub.load unpinned / trust_repo
    "CF121": ((TRUST,), ""),  # --trust-remote-code on a server; trust_remote_code in configs
    "CD112": ((MODEL_PIN,), ""),
    "CD120": ((EXEC,), ""),  # eval / exec / compile
    "CD121": ((EXEC,), ""),  # command through a shell
    "CD122": ((EXEC,), ""),  # Jinja2 template from data without a sandbox (template injection)
    "CD303": ((EXEC,), ""),  # download piped into an interpreter (notebook)
    "CF103": ((EXEC,), ""),  # remote script piped into a shell (Dockerfile)
    "CD130": ((TLS,), ""),
    "DP108": ((TLS, HTTP), ""),  # http:// index, --trusted-host, verify_ssl = false
    "CD131": ((HTTP,), ""),
    # rules added after the corpus was written, mapped by what `secplan rules` says they report
    "CD132": ((HTTP,), ""),  # gRPC without TLS: insecure_channel / add_insecure_port / Triton
    "CF123": ((TLS,), ""),  # certificate checks off: curl -k, wget, git, env, verify_ssl keys
    "CD140": ((EXPOSE,), ""),  # debug mode
    "CD141": ((EXPOSE,), ""),  # all interfaces without authentication
    "CD142": ((EXPOSE,), ""),  # Gradio share link
    "CD143": ((EXPOSE,), ""),  # Streamlit without authentication
    "CF117": ((EXPOSE,), ""),  # ML server without authentication
    "CF118": ((EXPOSE,), ""),  # ML server bound to all addresses
    "CF120": ((EXPOSE,), ""),  # management / job API exposed
    "CF114": ((EXPOSE, HTTP), ""),  # model server Service exposed without TLS
    **{f"CD20{n}": ((SECRET,), "") for n in range(1, 9)},
    "CF104": ((SECRET,), ""),  # secret in ENV/ARG of an image
    "CF113": ((SECRET,), ""),  # literal secret in a container's environment
    "CD302": ((PII,), ""),
    "CD304": ((UNPINNED,), ""),
    "DP001": ((UNPINNED,), ""),
    "DP101": ((VULN,), ""),
    "CF001": (PLATFORM, "root-user"),
    "CF101": (PLATFORM, "image-tag"),
    "CF102": (PLATFORM, "remote-add"),
    "CF105": (PLATFORM, "privileged"),
    "CF106": (PLATFORM, "host-namespace"),
    "CF107": (PLATFORM, "root-user"),
    "CF108": (PLATFORM, "privilege-escalation"),
    "CF109": (PLATFORM, "capabilities"),
    "CF110": (PLATFORM, "host-path"),
    "CF111": (PLATFORM, "host-path"),  # GPU device nodes from the host
    "CF112": (PLATFORM, "resource-limits"),
    "CF119": (PLATFORM, "root-user"),  # Jupyter allow_root
    "CF125": (PLATFORM, "root-user"),  # passwordless sudo (NOPASSWD, GRANT_SUDO)
    "CF126": (PLATFORM, "seccomp"),  # seccomp / AppArmor unconfined
    "CF127": ((EXEC,), ""),  # CI workflow expands event text into a script (command injection)
    "CF128": ((EXEC,), ""),  # pull_request_target runs the pull request's code
    "CF136": ((EXEC,), ""),  # a shell script evals its own arguments
    "CF132": ((EXPOSE,), ""),  # firewall opens an ML server port to 0.0.0.0/0 (Terraform)
    # Not mapped: CF129-CF131 (unpinned actions, write-all tokens, secrets in CI logs),
    # CF133/CF134 (public and unencrypted storage), CF135 (Restricted-profile gaps): no class
    # here; DP102/DP103 (hashes and lock files, per file or project), DP104-DP107 (database
    # state), CF115 (NetworkPolicy, per project), CF116/DP105/CD301 (parse errors).
}

BANDIT: dict[str, Mapped] = {
    "B301": ((DESER,), ""),  # pickle, dill, shelve, jsonpickle, pandas.read_pickle
    "B302": ((DESER,), ""),  # marshal
    "B506": ((DESER,), ""),  # yaml.load
    "B614": ((DESER,), ""),  # torch.load
    "B615": ((MODEL_PIN,), ""),  # Hugging Face download without a revision
    "B102": ((EXEC,), ""),  # exec
    "B307": ((EXEC,), ""),  # eval
    "B602": ((EXEC,), ""),  # subprocess with shell=True
    "B604": ((EXEC,), ""),  # any function with shell=True
    "B605": ((EXEC,), ""),  # os.system / os.popen
    "B609": ((EXEC,), ""),  # wildcard injection
    "B501": ((TLS,), ""),  # requests with verify=False
    "B323": ((TLS,), ""),  # ssl._create_unverified_context
    "B201": ((EXPOSE,), ""),  # Flask debug=True
    "B104": ((EXPOSE,), ""),  # binding to all interfaces
    "B105": ((SECRET,), ""),
    "B106": ((SECRET,), ""),
    "B107": ((SECRET,), ""),
    # Not mapped: B403/B404 (import of pickle/subprocess), B603/B607 (every subprocess call
    # without a shell: bandit's own docs call them reminders), B310 (urlopen schemes), B101.
}

# detect-secrets: every plugin reports a secret.
DETECT_SECRETS_CLASS: Mapped = ((SECRET,), "")

CHECKOV: dict[str, Mapped] = {
    "CKV_DOCKER_3": (PLATFORM, "root-user"),  # no user created
    "CKV_DOCKER_8": (PLATFORM, "root-user"),  # last USER is root
    "CKV_DOCKER_7": (PLATFORM, "image-tag"),  # latest or no tag
    "CKV_DOCKER_4": (PLATFORM, "remote-add"),  # ADD instead of COPY (any ADD)
    "CKV2_DOCKER_2": ((TLS,), ""),  # curl -k
    "CKV2_DOCKER_3": ((TLS,), ""),  # wget --no-check-certificate
    "CKV2_DOCKER_4": ((TLS,), ""),  # pip --trusted-host
    "CKV2_DOCKER_5": ((TLS,), ""),  # PYTHONHTTPSVERIFY=0
    "CKV2_DOCKER_6": ((TLS,), ""),  # NODE_TLS_REJECT_UNAUTHORIZED=0
    "CKV2_DOCKER_7": ((TLS,), ""),  # apk --allow-untrusted
    "CKV2_DOCKER_8": ((TLS,), ""),  # apt-get --allow-unauthenticated
    "CKV2_DOCKER_9": ((TLS,), ""),  # yum/dnf sslverify=0
    "CKV2_DOCKER_10": ((TLS,), ""),  # rpm --nosignature
    "CKV2_DOCKER_11": ((TLS,), ""),  # apt-get --force-yes
    "CKV2_DOCKER_12": ((TLS,), ""),  # npm strict-ssl false
    "CKV2_DOCKER_13": ((TLS,), ""),  # npm config strict-ssl
    "CKV2_DOCKER_14": ((TLS,), ""),  # git http.sslVerify false
    "CKV2_DOCKER_15": ((TLS,), ""),  # yum sslverify
    "CKV2_DOCKER_16": ((TLS,), ""),  # PIP_TRUSTED_HOST
    "CKV2_DOCKER_17": ((TLS,), ""),  # chpasswd
    "CKV_K8S_16": (PLATFORM, "privileged"),
    "CKV_K8S_17": (PLATFORM, "host-namespace"),  # hostPID
    "CKV_K8S_18": (PLATFORM, "host-namespace"),  # hostIPC
    "CKV_K8S_19": (PLATFORM, "host-namespace"),  # hostNetwork
    "CKV_K8S_20": (PLATFORM, "privilege-escalation"),
    "CKV_K8S_23": (PLATFORM, "root-user"),  # admission of root containers
    "CKV_K8S_25": (PLATFORM, "capabilities"),  # added capabilities
    "CKV_K8S_39": (PLATFORM, "capabilities"),  # SYS_ADMIN
    "CKV_K8S_27": (PLATFORM, "host-path"),  # docker socket
    "CKV_K8S_11": (PLATFORM, "resource-limits"),  # CPU limits
    "CKV_K8S_13": (PLATFORM, "resource-limits"),  # memory limits
    "CKV_K8S_14": (PLATFORM, "image-tag"),  # latest or blank tag
    # Not mapped (recommendations outside the classes as labelled): HEALTHCHECK (CKV_DOCKER_2),
    # probes (8, 9), requests (10, 12), pull policy (15), read-only root (22), NET_RAW and
    # drop-ALL (28, 37), seccomp (31), high UID (40), digests (43), service-account tokens
    # (38), secrets as files (35), security context present (29, 30), NetworkPolicy (CKV2_K8S_6).
}
# checkov secrets checks (CKV_SECRET_*) all report a secret.

HADOLINT: dict[str, Mapped] = {
    "DL3002": (PLATFORM, "root-user"),
    "DL3006": (PLATFORM, "image-tag"),
    "DL3007": (PLATFORM, "image-tag"),
    "DL3013": ((UNPINNED,), ""),  # pip install without versions
    "DL3064": ((SECRET,), ""),  # sensitive data in ARG/ENV
    # Not mapped: style and apt/apk pinning (DL3008 ...), DL3020 (ADD for local files).
}

#: semgrep rule ids end in a name; the last dotted part decides (local copies of the public
#: semgrep-rules repository, so the prefix is the folder it was copied into).
SEMGREP: dict[str, Mapped] = {
    **dict.fromkeys(
        (
            "avoid-pickle",
            "avoid-cPickle",
            "avoid-dill",
            "avoid-shelve",
            "avoid-jsonpickle",
            "avoid-pyyaml-load",
            "avoid-unsafe-ruamel",
            "marshal-usage",
            "insecure-deserialization",
            "pickles-in-pytorch",
            "pickles-in-pandas",
            "pickles-in-numpy",
            "pickles-in-keras",
        ),
        ((DESER,), ""),
    ),
    **dict.fromkeys(
        (
            "dangerous-subprocess-use",
            "dangerous-subprocess-use-audit",
            "subprocess-shell-true",
            "dangerous-system-call",
            "dangerous-system-call-audit",
            "dangerous-asyncio-shell",
            "dangerous-asyncio-shell-audit",
            "dangerous-asyncio-create-exec",
            "dangerous-asyncio-create-exec-audit",
            "eval-detected",
            "exec-detected",
            "subprocess-injection",
            "os-system-injection",
            "curl-pipe-bash",
            "curl-eval",
            "dangerous-os-exec",
            "dangerous-os-exec-audit",
            "dangerous-spawn-process",
            "dangerous-spawn-process-audit",
            "user-eval",
            "user-exec",
        ),
        ((EXEC,), ""),
    ),
    **dict.fromkeys(
        (
            "disabled-cert-validation",
            "unverified-ssl-context",
            "ssl-verify-disabled",
            "httpx-ssl-verify-false",
        ),
        ((TLS,), ""),
    ),
    **dict.fromkeys(
        (
            "request-with-http",
            "request-session-with-http",
            "request-session-http-in-with-context",
            "urllib-urlopen-http",
            "http-not-https-connection",
            "grpc-server-insecure-connection",
            "grpc-client-insecure-connection",
        ),
        ((HTTP,), ""),
    ),
    **dict.fromkeys(("debug-enabled", "avoid_app_run_with_bad_host"), ((EXPOSE,), "")),
    **dict.fromkeys(
        (
            "avoid_hardcoded_config_SECRET_KEY",
            "secret-in-build-arg",
            "hardcoded-password-default-argument",
        ),
        ((SECRET,), ""),
    ),
    "last-user-is-root": (PLATFORM, "root-user"),
    "missing-user": (PLATFORM, "root-user"),
    "missing-user-entrypoint": (PLATFORM, "root-user"),
    "avoid-latest-version": (PLATFORM, "image-tag"),
    "missing-image-version": (PLATFORM, "image-tag"),
    "prefer-copy-over-add": (PLATFORM, "remote-add"),
    "privileged-container": (PLATFORM, "privileged"),
    "privileged-service": (PLATFORM, "privileged"),
    "hostnetwork-pod": (PLATFORM, "host-namespace"),
    "hostpid-pod": (PLATFORM, "host-namespace"),
    "hostipc-pod": (PLATFORM, "host-namespace"),
    "run-as-non-root": (PLATFORM, "root-user"),
    "run-as-non-root-security-context-pod-level": (PLATFORM, "root-user"),
    "run-as-non-root-container-level": (PLATFORM, "root-user"),
    "allow-privilege-escalation": (PLATFORM, "privilege-escalation"),
    "allow-privilege-escalation-true": (PLATFORM, "privilege-escalation"),
    "allow-privilege-escalation-no-securitycontext": (PLATFORM, "privilege-escalation"),
    "exposing-docker-socket-hostpath": (PLATFORM, "host-path"),
    "exposing-docker-socket-volume": (PLATFORM, "host-path"),
    "seccomp-confinement-disabled": (PLATFORM, "seccomp"),
    # Not mapped: detect-* informational rules of the ai/ folder, best-practice style rules,
    # dockerfile-source-not-pinned (asks for a digest; a tag is accepted here),
    # no-new-privileges and writable-filesystem-* (outside the classes as labelled),
    # direct-use-of-jinja2 (XSS, not template injection).
}


def semgrep(rule_id: str) -> Mapped | None:
    name = rule_id.rsplit(".", 1)[-1]
    if ".secrets." in rule_id and name not in SEMGREP:
        return ((SECRET,), "")
    return SEMGREP.get(name)


def checkov(check_id: str) -> Mapped | None:
    if check_id.startswith("CKV_SECRET_"):
        return ((SECRET,), "")
    return CHECKOV.get(check_id)
