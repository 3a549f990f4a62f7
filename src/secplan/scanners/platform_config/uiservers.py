"""Dashboards and data servers with no authentication of their own, started on every
interface: Feast's feature server and UI, Aim, Optuna Dashboard, Kedro-Viz, Evidently's UI,
Voilà, Panel and Bokeh servers, llama.cpp's server without an API key, Chroma, Celery Flower,
code-server with ``--auth none``, marimo with ``--no-token``, Datasette. Anyone who reaches
the port reads the features, experiments or data they serve, and several run code.

Only an explicit bind to all interfaces is reported (``-h 0.0.0.0``, ``--host=::``,
``--address 0.0.0.0``); an authentication option or variable named for the server keeps it
quiet.

>>> [h.evidence for h in ui_server_hits(["feast", "serve", "-h", "0.0.0.0", "-p", "6566"], ())]
['-h 0.0.0.0']
>>> ui_server_hits(["feast", "serve", "-h", "127.0.0.1"], ())
[]
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from secplan.scanners.code.rules_run import PLAINTEXT_URL
from secplan.scanners.platform_config.rules import UNAUTHENTICATED_SERVER
from secplan.scanners.platform_config.servers import Hit

_ALL = frozenset({"0.0.0.0", "::", "[::]", "*"})  # noqa: S104 (what we look for)


@dataclass(frozen=True, slots=True)
class _Server:
    title: str
    subcommands: frozenset[str] = frozenset()  # empty: any
    hosts: tuple[str, ...] = ("--host",)
    auth: tuple[str, ...] = ()  # options that turn authentication on
    auth_env: tuple[str, ...] = ()
    no_auth: tuple[str, ...] = ()  # options without which the server asks for a token


_S = _Server
SERVERS: dict[str, _Server] = {
    "feast": _S(
        "Feast feature server",
        frozenset({"serve", "ui", "serve_offline", "serve_registry", "serve_transformations"}),
        ("-h", "--host"),
    ),
    "aim": _S("Aim experiment UI", frozenset({"up", "server"}), ("-h", "--host")),
    "optuna-dashboard": _S("Optuna Dashboard"),
    "kedro": _S("Kedro-Viz", frozenset({"viz"})),
    "kedro-viz": _S("Kedro-Viz"),
    "evidently": _S("Evidently UI", frozenset({"ui"})),
    "voila": _S("Voila dashboard", hosts=("--Voila.ip", "--ip")),
    "panel": _S(
        "Panel server",
        frozenset({"serve"}),
        ("--address",),
        auth=("--basic-auth", "--oauth-provider"),
    ),
    "bokeh": _S("Bokeh server", frozenset({"serve"}), ("--address",), auth=("--auth-module",)),
    "llama-server": _S(
        "llama.cpp server",
        auth=("--api-key", "--api-key-file"),
        auth_env=("LLAMA_API_KEY", "LLAMA_ARG_API_KEY"),
    ),
    "chroma": _S(
        "Chroma vector database",
        frozenset({"run"}),
        auth_env=("CHROMA_SERVER_AUTHN_PROVIDER", "CHROMA_SERVER_AUTH_PROVIDER"),
    ),
    "celery": _S(
        "Celery Flower", frozenset({"flower"}), ("--address",), auth=("--basic-auth", "--auth")
    ),
    "code-server": _S(
        "code-server (a terminal on the host)",
        hosts=("--bind-addr", "--host"),
        no_auth=("--auth=none",),
    ),
    "marimo": _S("marimo notebook", frozenset({"edit", "run"}), no_auth=("--no-token",)),
    "datasette": _S("Datasette", frozenset({"serve"}), ("-h", "--host")),
}


def _value(tokens: Sequence[str], names: Sequence[str]) -> tuple[str, str] | None:
    """``(option as written, value)`` of the first of ``names`` given."""
    for i, tok in enumerate(tokens):
        for name in names:
            if tok == name and i + 1 < len(tokens):
                return f"{name} {tokens[i + 1]}", tokens[i + 1]
            if tok.startswith(name + "="):
                return tok, tok[len(name) + 1 :]
    return None


def _normalised(tokens: Sequence[str]) -> list[str]:
    """``--auth none`` written as ``--auth=none``, so both spellings compare the same."""
    out: list[str] = []
    for i, tok in enumerate(tokens):
        if i and tokens[i - 1] == "--auth" and not tok.startswith("-"):
            out[-1] = f"--auth={tok}"
            continue
        out.append(tok)
    return out


def _argo_server(words: Sequence[str]) -> list[Hit]:
    """``argo server`` (it listens on every interface by default) with ``--auth-mode=server``
    among its modes: a request with no token acts as the server's own service account, so
    anyone who reaches the port submits workflows; ``--secure=false`` serves the UI and API
    over plain HTTP."""
    hits: list[Hit] = []
    modes: list[str] = []
    for i, word in enumerate(words):
        if word == "--auth-mode" and i + 1 < len(words):
            modes.extend(words[i + 1].split(","))
        elif word.startswith("--auth-mode="):
            modes.extend(word.split("=", 1)[1].split(","))
    if "server" in (m.strip("'\"") for m in modes):
        hits.append(
            Hit(
                UNAUTHENTICATED_SERVER,
                "Argo Workflows server with --auth-mode=server: a request with no token acts "
                "as the server's service account (no client authentication)",
                "--auth-mode=server",
            )
        )
    secure = _value(words, ("--secure",))
    if secure is not None and secure[1].strip("'\"").lower() in ("false", "0"):
        hits.append(
            Hit(
                PLAINTEXT_URL,
                "Argo Workflows server with --secure=false serves its UI and API (tokens "
                "included) over plain HTTP",
                secure[0],
            )
        )
    return hits


def ui_server_hits(tokens: Sequence[str], env: Collection[str]) -> list[Hit]:
    """Hits for a dashboard or data server started on every interface without auth."""
    if not tokens:
        return []
    if tokens[0].rsplit("/", 1)[-1] == "argo" and tokens[1:2] == ["server"]:
        return _argo_server(tokens[2:])
    spec = SERVERS.get(tokens[0].rsplit("/", 1)[-1])
    if spec is None or (spec.subcommands and not spec.subcommands & set(tokens[1:5])):
        return []  # the subcommand comes first, or after a global option (``celery -A x``)
    words = _normalised(tokens[1:])
    bound = _value(words, spec.hosts)
    if bound is None:
        return []
    shown, value = bound
    host = value.rsplit(":", 1)[0] if value.count(":") == 1 else value
    if host.strip("'\"") not in _ALL:
        return []
    if spec.no_auth and not any(w in spec.no_auth for w in words):
        return []
    if any(w == a or w.startswith(a + "=") for w in words for a in spec.auth):
        return []
    if set(spec.auth_env) & set(env):
        return []
    return [
        Hit(
            UNAUTHENTICATED_SERVER,
            f"{spec.title} (no authentication of its own) listens on all interfaces",
            shown,
        )
    ]


@dataclass(frozen=True, slots=True)
class OpenUi:
    """An image (or app) that serves a UI or API without authentication by default."""

    pattern: re.Pattern[str]
    port: int
    title: str
    auth_env: tuple[str, ...] = ()


def _ui(pattern: str, port: int, title: str, *auth_env: str) -> OpenUi:
    return OpenUi(re.compile(pattern, re.IGNORECASE), port, title, auth_env)


#: Images matched on their name, apps on the words of the service's command: management
#: UIs of data systems, vector databases and model servers that anyone reaching the port may
#: use. Monitoring read-outs (Prometheus, tracing UIs) are left out.
OPEN_UI_IMAGES = (
    _ui(r"(^|/)kafka-ui(:|@|$)", 8080, "Kafka UI", "AUTH_TYPE", "SPRING_SECURITY_USER_PASSWORD"),
    _ui(r"(^|/)(redpandadata|vectorized)/console(:|@|$)", 8080, "Redpanda Console"),
    _ui(r"(^|/)kafdrop(:|@|$)", 9000, "Kafdrop"),
    _ui(r"(^|/)redis-commander(:|@|$)", 8081, "Redis Commander", "HTTP_PASSWORD"),
    _ui(r"(^|/)dozzle(:|@|$)", 8080, "Dozzle (container logs)", "DOZZLE_AUTH_PROVIDER"),
    _ui(r"(^|/)qdrant/qdrant(:|@|$)", 6333, "Qdrant", "QDRANT__SERVICE__API_KEY"),
    _ui(r"(^|/)chromadb/chroma(:|@|$)", 8000, "Chroma", "CHROMA_SERVER_AUTHN_PROVIDER"),
    _ui(r"(^|/)ollama/ollama(:|@|$)", 11434, "Ollama"),
    _ui(r"(^|/)aimstack/aim(:|@|$)", 43800, "Aim"),
    _ui(r"(^|/)mher/flower(:|@|$)", 5555, "Celery Flower", "FLOWER_BASIC_AUTH"),
    _ui(
        r"(^|/)semitechnologies/weaviate(:|@|$)",
        8080,
        "Weaviate",
        "AUTHENTICATION_APIKEY_ENABLED",
        "AUTHENTICATION_OIDC_ENABLED",
    ),
)
OPEN_UI_APPS = (
    _ui(r"(^|\W)gradio", 7860, "Gradio app", "GRADIO_AUTH"),
    _ui(r"(^|\W)tensorboard", 6006, "TensorBoard"),
    _ui(
        r"(^|\W)(celery\s+(\S+\s+)*)?flower(\W|$)",
        5555,
        "Celery Flower (task arguments, revoke, shutdown)",
        "FLOWER_BASIC_AUTH",
        "AIRFLOW__CELERY__FLOWER_BASIC_AUTH",
        "FLOWER_AUTH",
    ),
    _ui(r"(^|\W)(ray\s+start\s+(\S+\s+)*--head|serve\s+(run|deploy))(\W|$)", 8000, "Ray Serve"),
)


def open_uis(image: object, command: str, env: Collection[str]) -> list[OpenUi]:
    """The unauthenticated UIs a compose service (its image, or else the words of its
    command) serves, less those one of whose authentication variables is set."""
    found: list[OpenUi] = []
    if isinstance(image, str):
        found = [u for u in OPEN_UI_IMAGES if u.pattern.search(image.split("@")[0])][:1]
    if not found and command:
        found = [u for u in OPEN_UI_APPS if u.pattern.search(command)]
    return [u for u in found if not set(u.auth_env) & set(env)]


def open_ui(image: object, command: str, env: Collection[str]) -> OpenUi | None:
    """The first unauthenticated UI a service serves (see :func:`open_uis`)."""
    return next(iter(open_uis(image, command, env)), None)


__all__ = [
    "OPEN_UI_APPS",
    "OPEN_UI_IMAGES",
    "SERVERS",
    "OpenUi",
    "open_ui",
    "open_uis",
    "ui_server_hits",
]
