"""ML servers started from command lines: Jupyter, MLflow, Ray, TorchServe, Triton,
TensorBoard, vLLM, TGI, SGLang, Streamlit and Gradio. Each checker gets the words of one
command (program name first, wrappers already taken off) and the environment variables set
around it.

>>> [h.rule.id for h in server_hits(["jupyter", "lab", "--ServerApp.token=", "--allow-root"], ())]
['CF117', 'CF119']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from secplan.model import Confidence, Rule, Severity
from secplan.scanners.code.checks_load import LOCAL_FIRST as _LOCAL_FIRST
from secplan.scanners.code.rules_load import UNPINNED_REVISION
from secplan.scanners.code.rules_run import PLAINTEXT_GRPC
from secplan.scanners.platform_config.rules import (
    ALL_INTERFACES,
    MANAGEMENT_API_EXPOSED,
    REMOTE_CODE_TRUSTED,
    ROOT_NOTEBOOK,
    UNAUTHENTICATED_SERVER,
)

_ALL = ("0.0.0.0", "*", "::", "[::]", "")  # noqa: S104 (what we look for)
#: Evidence prefix of a server that listens on all interfaces by default (no bind option).
DEFAULT_BIND = "(default bind)"


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule that fired on a command line, before it becomes a finding."""

    rule: Rule
    message: str
    evidence: str
    severity: Severity | None = None
    confidence: Confidence | None = None


def _value(tokens: Sequence[str], *names: str) -> str | None:
    """The value of ``--name=value`` / ``--name value``; ``None`` when absent."""
    for i, tok in enumerate(tokens):
        for name in names:
            if tok == name:
                return tokens[i + 1] if i + 1 < len(tokens) else ""
            if tok.startswith(name + "="):
                return tok[len(name) + 1 :]
    return None


def _has(tokens: Sequence[str], *flags: str) -> bool:
    return any(t in flags or any(t.startswith(f + "=") for f in flags) for t in tokens)


_HUB_REPO = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
_COMMIT = re.compile(r"^[0-9a-f]{40}$")


def model_pin_hits(repo: str | None, revision: str | None, how: str) -> list[Hit]:
    """CD112 for a Hub repository a server or a download command fetches without a
    40-character commit (a value from a variable or a template is not judged)."""
    if repo is None or not _HUB_REPO.match(repo) or repo.startswith("."):
        return []
    if repo.split("/", 1)[0].lower() in _LOCAL_FIRST:
        return []  # a folder the project writes models to, not a Hub id
    if revision is not None and (_COMMIT.match(revision) or "$" in revision):
        return []
    why = f"at {revision!r}, not a commit" if revision else "without --revision"
    return [
        Hit(
            UNPINNED_REVISION,
            f"{how} fetches {repo!r} from the Hub {why}: the weights and code it runs may "
            "change under it",
            f"{how} {repo}",
            severity=Severity.MEDIUM if not revision or not _COMMIT.match(revision) else None,
        )
    ]


#: A file of a Hub repository by URL: ``https://huggingface.co/ORG/NAME/resolve/REV/FILE``.
_HUB_FILE_URL = re.compile(
    r"^https?://(?:www\.)?(?:huggingface\.co|hf\.co)/(?!datasets/|spaces/)"
    r"([A-Za-z0-9][\w.-]*/[\w.-]+)/(?:resolve|raw|blob)/([^/\s]+)/",
    re.IGNORECASE,
)


def hub_url_hits(url: str, how: str) -> list[Hit]:
    """CD112 for a URL to a file of a Hub model repository at a branch or tag (``main``)
    rather than a 40-character commit."""
    m = _HUB_FILE_URL.match(url.strip().strip("'\""))
    if m is None or _COMMIT.match(m.group(2)) or "$" in m.group(2):
        return []
    return [
        Hit(
            UNPINNED_REVISION,
            f"{how} fetches a file of {m.group(1)!r} from the Hub at {m.group(2)!r}, not a "
            "commit: the weights it gets may change under it",
            f"{how} {url.strip()[:160]}",
            severity=Severity.MEDIUM,
        )
    ]


def _positional(tokens: Sequence[str], start: int) -> str | None:
    """The first word from ``start`` that is not an option (``--x=1`` or ``--flag``)."""
    word = tokens[start] if start < len(tokens) else None
    return word if word is not None and not word.startswith("-") else None


def _hub_cli(tokens: list[str], env: Collection[str]) -> list[Hit]:
    """``huggingface-cli download REPO`` / ``hf download REPO``."""
    if len(tokens) < 3 or tokens[1] != "download":
        return []
    if _has(tokens, "--repo-type") and _value(tokens, "--repo-type") not in ("model", None):
        return []
    return model_pin_hits(
        _positional(tokens, 2), _value(tokens, "--revision"), tokens[0] + " download"
    )


def _hf_server(tokens: list[str], env: Collection[str]) -> list[Hit]:
    """KServe's Hugging Face server (``python -m huggingfaceserver``)."""
    hits = []
    if _has(tokens, "--trust_remote_code", "--trust-remote-code"):
        hits.append(
            Hit(
                REMOTE_CODE_TRUSTED,
                "model server runs code shipped with the model",
                "--trust_remote_code",
            )
        )
    hits += model_pin_hits(
        _value(tokens, "--model_id"), _value(tokens, "--model_revision"), "huggingfaceserver"
    )
    return hits


def _jupyter(tokens: list[str], env: Collection[str]) -> list[Hit]:
    hits = []
    token = _value(
        tokens, *(f"--{c}.token" for c in ("NotebookApp", "ServerApp", "IdentityProvider"))
    )
    password = _value(
        tokens,
        *(
            f"--{c}.{p}"
            for c in ("NotebookApp", "ServerApp", "PasswordIdentityProvider")
            for p in ("password", "hashed_password")
        ),
    )
    if token == "" and not password and "JUPYTER_TOKEN" not in env:
        hits.append(
            Hit(
                UNAUTHENTICATED_SERVER,
                "Jupyter runs with an empty token and no password",
                "token=''",
            )
        )
    if _has(tokens, "--allow-root", "--NotebookApp.allow_root", "--ServerApp.allow_root"):
        hits.append(Hit(ROOT_NOTEBOOK, "Jupyter is allowed to run as root", "--allow-root"))
    return hits


def _mlflow(tokens: list[str], env: Collection[str]) -> list[Hit]:
    host = _value(tokens, "--host", "-h")
    if host is None or host not in _ALL:
        return []
    if tokens[1:3] == ["models", "serve"]:
        return [
            Hit(
                UNAUTHENTICATED_SERVER,
                "MLflow model server (no authentication of its own) listens on all interfaces",
                f"models serve --host {host}",
            )
        ]
    if "server" not in tokens[:3] and "ui" not in tokens[:3]:
        return []
    if _value(tokens, "--app-name") == "basic-auth":
        return []
    return [
        Hit(
            UNAUTHENTICATED_SERVER,
            "MLflow server listens on all interfaces without basic-auth",
            f"--host {host}",
        )
    ]


def _ray(tokens: list[str], env: Collection[str]) -> list[Hit]:
    host = _value(tokens, "--dashboard-host")
    if "start" in tokens and host in ("0.0.0.0", "::", "[::]"):  # noqa: S104
        return [
            Hit(
                MANAGEMENT_API_EXPOSED,
                "Ray dashboard and Jobs API (unauthenticated code submission) listen on all "
                "interfaces",
                f"--dashboard-host={host}",
                severity=Severity.CRITICAL,
            )
        ]
    return []


def _bentoml(tokens: list[str], env: Collection[str]) -> list[Hit]:
    """``bentoml serve``: no authentication of its own, and 0.0.0.0 unless told otherwise."""
    if tokens[1:2] not in (["serve"], ["serve-http"], ["serve-grpc"]):
        return []
    host = _value(tokens, "--host")
    if host is not None and host not in _ALL:
        return []
    return [
        Hit(
            UNAUTHENTICATED_SERVER,
            "BentoML service (no authentication of its own) listens on all interfaces",
            f"--host={host}" if host is not None else f"{DEFAULT_BIND} bentoml serve",
            confidence=Confidence.MEDIUM if host is None else None,
        )
    ]


def _flower(tokens: list[str], env: Collection[str]) -> list[Hit]:
    """Flower's SuperLink and SuperNode with ``--insecure``: model updates in clear gRPC."""
    if not _has(tokens, "--insecure"):
        return []
    return [
        Hit(
            PLAINTEXT_GRPC,
            f"{tokens[0]} runs with --insecure: model updates and parameters travel over "
            "gRPC without TLS",
            "--insecure",
        )
    ]


def _torchserve(tokens: list[str], env: Collection[str]) -> list[Hit]:
    if _has(tokens, "--disable-token-auth", "--disable-token-authorization"):
        return [
            Hit(
                UNAUTHENTICATED_SERVER,
                "TorchServe runs with token authorization disabled",
                "--disable-token-auth",
            )
        ]
    return []


def _restricted(tokens: list[str], option: str) -> bool:
    """Whether Triton's ``--http-restricted-api`` / ``--grpc-restricted-protocol`` puts the
    model-repository API behind a header key."""
    for i, tok in enumerate(tokens):
        value = tokens[i + 1] if tok == option and i + 1 < len(tokens) else None
        if tok.startswith(option + "="):
            value = tok[len(option) + 1 :]
        if value and "model-repository" in value.split(":", 1)[0].split(","):
            return True
    return False


def _triton(tokens: list[str], env: Collection[str]) -> list[Hit]:
    http_off = _value(tokens, "--allow-http") in ("false", "0")
    grpc_off = _value(tokens, "--allow-grpc") in ("false", "0")
    if (http_off or _restricted(tokens, "--http-restricted-api")) and (
        grpc_off or _restricted(tokens, "--grpc-restricted-protocol")
    ):
        return []  # model loading needs a key on every protocol that is on
    if _value(tokens, "--model-control-mode") == "explicit":
        return [
            Hit(
                MANAGEMENT_API_EXPOSED,
                "Triton accepts model load/unload requests from clients",
                "--model-control-mode=explicit",
            )
        ]
    return []


def _tensorboard(tokens: list[str], env: Collection[str]) -> list[Hit]:
    if _has(tokens, "--bind_all") or _value(tokens, "--host") in ("0.0.0.0", "::"):  # noqa: S104
        return [Hit(ALL_INTERFACES, "TensorBoard listens on all interfaces", "--bind_all")]
    return []


def _openai_server(tokens: list[str], env: Collection[str]) -> list[Hit]:
    hits = []
    if _has(tokens, "--trust-remote-code"):
        hits.append(
            Hit(
                REMOTE_CODE_TRUSTED,
                "model server runs code shipped with the model",
                "--trust-remote-code",
            )
        )
    if "text-generation-launcher" in tokens[0]:
        hits += model_pin_hits(
            _value(tokens, "--model-id"), _value(tokens, "--revision"), "text-generation-launcher"
        )
        host = _value(tokens, "--hostname", "-H")
        if host is None or host in _ALL:  # TGI listens on 0.0.0.0 unless told otherwise
            hits.append(
                Hit(
                    UNAUTHENTICATED_SERVER,
                    "TGI (no authentication of its own) listens on all interfaces",
                    f"--hostname={host}" if host is not None else f"{DEFAULT_BIND} {tokens[0]}",
                    confidence=Confidence.MEDIUM,
                )
            )
        return hits
    model = _value(tokens, "--model", "--model-path")
    if model is None and tokens[1:2] == ["serve"]:
        model = _positional(tokens, 2)
    hits += model_pin_hits(model, _value(tokens, "--revision"), " ".join(tokens[:2]))
    host = _value(tokens, "--host")
    exposed = host is None or host in _ALL
    if exposed and not _has(tokens, "--api-key") and not {"VLLM_API_KEY", "API_KEY"} & set(env):
        hits.append(
            Hit(
                UNAUTHENTICATED_SERVER,
                "OpenAI-compatible server listens on all interfaces without --api-key",
                f"--host={host}" if host is not None else f"{DEFAULT_BIND} {' '.join(tokens[:3])}",
                confidence=Confidence.MEDIUM,
            )
        )
    return hits


def _demo(tokens: list[str], env: Collection[str]) -> list[Hit]:
    if tokens[0].endswith("streamlit"):
        address = _value(tokens, "--server.address")
        if address in ("0.0.0.0", "::") or "STREAMLIT_SERVER_ADDRESS" in env:  # noqa: S104
            return [
                Hit(
                    UNAUTHENTICATED_SERVER,
                    "Streamlit app (no built-in authentication) listens on all interfaces",
                    f"--server.address={address}",
                    confidence=Confidence.MEDIUM,
                )
            ]
        if address is None and tokens[1:2] == ["run"]:
            # Streamlit listens on every interface unless server.address says otherwise
            return [
                Hit(
                    UNAUTHENTICATED_SERVER,
                    "Streamlit app (no built-in authentication) listens on all interfaces "
                    "by default",
                    f"{DEFAULT_BIND} streamlit run",
                    confidence=Confidence.LOW,
                )
            ]
        return []
    if "GRADIO_SERVER_NAME" in env or _value(tokens, "--server-name") in ("0.0.0.0",):  # noqa: S104
        return [
            Hit(
                UNAUTHENTICATED_SERVER,
                "Gradio demo listens on all interfaces; no authentication is visible in its "
                "command",
                " ".join(tokens[:2]),
                confidence=Confidence.LOW,
            )
        ]
    return []


def _redis(tokens: list[str], env: Collection[str]) -> list[Hit]:
    """``redis-server --protected-mode no`` without ``--requirepass``: anyone who reaches the
    port reads and writes every key (and, through ``CONFIG``/``MODULE``, runs code)."""
    if _value(tokens, "--protected-mode") != "no" or _has(tokens, "--requirepass", "--aclfile"):
        return []
    return [
        Hit(
            UNAUTHENTICATED_SERVER,
            "Redis runs with protected mode off and no password",
            "--protected-mode no",
        )
    ]


def _dagster(tokens: list[str], env: Collection[str]) -> list[Hit]:
    """``dagster-webserver``/``dagster dev`` (no authentication of its own: anyone who reaches
    it launches runs) bound to every interface."""
    if tokens[0] == "dagster" and tokens[1:2] != ["dev"]:
        return []
    host = _value(tokens, "--host", "-h")
    if host is None or host not in _ALL:
        return []
    return [
        Hit(
            UNAUTHENTICATED_SERVER,
            "Dagster webserver (no authentication of its own) listens on all interfaces",
            f"-h {host}",
        )
    ]


def _prefect(tokens: list[str], env: Collection[str]) -> list[Hit]:
    """``prefect server start --host 0.0.0.0`` without an API auth string."""
    if tokens[1:3] != ["server", "start"] or "PREFECT_SERVER_API_AUTH_STRING" in env:
        return []
    host = _value(tokens, "--host")
    if host is None or host not in _ALL:
        return []
    return [
        Hit(
            UNAUTHENTICATED_SERVER,
            "Prefect server (no authentication unless an API auth string is set) listens on "
            "all interfaces",
            f"--host {host}",
        )
    ]


def _port_forward(tokens: list[str], env: Collection[str]) -> list[Hit]:
    """``kubectl port-forward --address 0.0.0.0``: a cluster service opened to the network
    through the user's own credentials."""
    if "port-forward" not in tokens[1:4]:
        return []
    address = _value(tokens, "--address")
    if address is None or not any(a.strip() in _ALL for a in address.split(",")):
        return []
    return [
        Hit(
            ALL_INTERFACES,
            "kubectl port-forward listens on all interfaces: anyone on the network reaches the "
            "cluster service",
            f"--address {address}",
        )
    ]


Checker = Callable[[list[str], Collection[str]], list[Hit]]
_SERVERS: tuple[tuple[re.Pattern[str], Checker], ...] = (
    (
        re.compile(r"^(jupyter(-lab|-notebook|-server)?|start(-notebook|-singleuser)?\.(sh|py))$"),
        _jupyter,
    ),
    (re.compile(r"^mlflow$"), _mlflow),
    (re.compile(r"^ray$"), _ray),
    (re.compile(r"^torchserve$"), _torchserve),
    (re.compile(r"^bentoml$"), _bentoml),
    (re.compile(r"^flower-(superlink|supernode|server-app|client-app)$"), _flower),
    (re.compile(r"^tritonserver$"), _triton),
    (re.compile(r"^tensorboard$"), _tensorboard),
    (re.compile(r"^(vllm|text-generation-launcher)$"), _openai_server),
    (re.compile(r"^(streamlit|gradio)$"), _demo),
    (re.compile(r"^(huggingface-cli|hf)$"), _hub_cli),
    (re.compile(r"^redis-server$"), _redis),
    (re.compile(r"^(dagster-webserver|dagit|dagster)$"), _dagster),
    (re.compile(r"^prefect$"), _prefect),
    (re.compile(r"^(kubectl|oc)$"), _port_forward),
)
_LOOPBACK = ("127.", "localhost:", "[::1]:", "::1:")


def container_run(argv: Sequence[str]) -> tuple[str, list[str], list[str], bool] | None:
    """``(image, container argv, published ports, host network)`` of a ``docker``/``podman``
    ``run``/``create`` command; ``None`` for any other command."""
    # imported here: the container rules use this module
    from secplan.scanners.platform_config.containerrun import parse_run

    run = parse_run(argv)
    if run is None:
        return None
    ports = [v if n in ("-p", "--publish") else "" for n, v, _ in run.options if n in _PUBLISH]
    host_network = any(n in ("--network", "--net") and v == "host" for n, v, _ in run.options)
    return run.image, list(run.args), ports, host_network


_PUBLISH = frozenset({"-p", "--publish", "-P", "--publish-all"})


def _container_hits(argv: Sequence[str], env: Collection[str]) -> list[Hit]:
    """Hits for an ML server started as a container: the image's entrypoint gets the
    arguments after the image; a server's exposure counts only when a port is published
    beyond loopback (or the container shares the host's network)."""
    run = container_run(argv)
    if run is None:
        return []
    image, args, ports, host_network = run
    # imported here: the container rules use this module
    from secplan.scanners.platform_config.common import program_of_options, server_program

    exposed = host_network or any(not p.strip().startswith(_LOOPBACK) for p in ports)
    if not args or args[0].startswith("-"):  # options to the image's own entrypoint
        program = server_program(image) or (program_of_options(args) if args else ())
        args = [*program, *args] if program else []
    hits = server_hits(args, env) if args and container_run(args) is None else []
    exposure = {UNAUTHENTICATED_SERVER.id, ALL_INTERFACES.id, MANAGEMENT_API_EXPOSED.id}
    return [h for h in hits if exposed or h.rule.id not in exposure]


_MODULES = {
    "vllm.entrypoints.openai.api_server": _openai_server,
    "sglang.launch_server": _openai_server,
    "mlflow": _mlflow,
    "jupyter": _jupyter,
    "jupyterlab": _jupyter,
    "tensorboard.main": _tensorboard,
    "streamlit": _demo,
    "huggingfaceserver": _hf_server,
    "bentoml": _bentoml,
}


def server_hits(argv: Sequence[str], env: Collection[str]) -> list[Hit]:
    """Hits for the ML server ``argv`` starts (``python -m module`` included), if any."""
    tokens = list(argv)
    if not tokens:
        return []
    prog = tokens[0].rsplit("/", 1)[-1]
    if re.match(r"^python[\d.]*$", prog) and len(tokens) > 2 and tokens[1] == "-m":
        checker = _MODULES.get(tokens[2])
        if checker is None:
            return []
        return checker([tokens[2].split(".")[0], *tokens[3:]], env)
    for pattern, found in _SERVERS:
        if pattern.match(prog):
            return found([prog, *tokens[1:]], env)
    # imported here: that module's hits are this module's
    from secplan.scanners.platform_config.uiservers import ui_server_hits

    return ui_server_hits([prog, *tokens[1:]], env) or _container_hits(tokens, env)
