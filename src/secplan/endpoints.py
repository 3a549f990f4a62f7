"""Serving endpoints a project runs, and the guards placed in front of them.

Read from the syntax tree of Python files (FastAPI, Starlette, Flask and Litestar apps, FastAPI
routers and Flask blueprints, with an inference route or a model in the same file, BentoML
services, Gradio and Streamlit apps that use a model, Ray Serve deployments, ``mlflow models
serve`` command lines), from compose
services and Kubernetes manifests (images and commands of Triton, TGI, vLLM, TorchServe,
MLServer, BentoML, Ollama and MLflow; KServe ``InferenceService``, ``SeldonDeployment`` and
``RayService`` objects), from TorchServe's ``config.properties`` (``inference_address``) and
from shell launch lines (``vllm serve``, ``mlflow models serve``, ``tritonserver``,
``torchserve --start``...). Nothing is imported or run: Python is parsed with
:mod:`ast`, YAML with a safe loader under limits, shell lines are split into words.

A guard is a ``secplan guard serve --upstream URL`` command (in a compose service, a
Kubernetes container or a script) or an app wrapped in ``GuardMiddleware``.

>>> [(e.kind, e.port, e.public) for e in shell_endpoints("run.sh", "vllm serve m --host 0.0.0.0")]
[('vllm', 8000, True)]
>>> [(g.host, g.port, g.policy) for g in shell_guards("run.sh",
...     "secplan guard serve --policy guard.toml --upstream http://127.0.0.1:8000")]
[('127.0.0.1', 8000, 'guard.toml')]
"""

from __future__ import annotations

import ast
import re
import shlex
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from secplan.code_facts import dotted
from secplan.model.artifact import ENDPOINT_FORMATS, ENDPOINT_KINDS, Artifact
from secplan.textfile import TooLarge, read_text

MAX_FILE_BYTES = 2 << 20
MAX_NODES = 200_000
MAX_LINE = 8192
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
ANY_HOST = frozenset({"0.0.0.0", "::", "[::]", "*"})  # noqa: S104 (what we look for)


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One place a model answers requests."""

    path: str
    line: int
    kind: str  # fastapi, flask, vllm, triton, kserve, ...
    port: int | None = None
    protocol: str = ""  # http, openai, oip-v2, mlflow-invocations, grpc, ...
    service: str = ""  # the compose service or Kubernetes name that runs it
    public: bool = False  # bound to all interfaces, published, or a public Service
    module: str = ""  # for Python apps: the module name (``app`` for app.py)
    #: other names it is reached by: compose ``container_name``/``hostname``/network aliases,
    #: the Services KServe creates (``<name>-predictor``), the workload's own name
    aliases: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        where = f" {self.service}" if self.service else ""
        port = f":{self.port}" if self.port else ""
        return f"{self.path}:{self.line} ({self.kind}{where}{port})"


@dataclass(frozen=True, slots=True)
class Guard:
    """A guard found in the project: a ``secplan guard serve`` or a ``GuardMiddleware``."""

    path: str
    line: int
    how: str  # "serve" or "middleware"
    host: str = ""  # the upstream's host ("" for a middleware)
    port: int | None = None
    policy: str = ""  # the --policy argument as written
    service: str = ""  # the compose service or Kubernetes name running the guard
    audited: bool = True  # a middleware built without services records nothing
    module: str = ""  # for a middleware: the module it wraps an app in


@dataclass(frozen=True, slots=True)
class Found:
    endpoints: tuple[Endpoint, ...] = ()
    guards: tuple[Guard, ...] = ()
    #: compose/Kubernetes services that run a Python module: (service, module, port)
    runners: tuple[tuple[str, str, int | None], ...] = ()
    #: Python modules and the project modules they import (last name of each): an app's
    #: module serves the routers it includes
    uses: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def used_by(self, module: str) -> frozenset[str]:
        return frozenset(n for m, names in self.uses if m == module for n in names)


# --- servers known by program, image and default port ---------------------------------------

#: (kind, default port, protocol, image pattern)
SERVERS: tuple[tuple[str, int, str, re.Pattern[str]], ...] = (
    ("triton", 8000, "oip-v2", re.compile(r"tritonserver", re.I)),
    ("tgi", 80, "openai", re.compile(r"text-generation-inference", re.I)),
    ("vllm", 8000, "openai", re.compile(r"(^|/)vllm[-/:]|vllm-openai", re.I)),
    ("torchserve", 8080, "http", re.compile(r"torchserve", re.I)),
    ("mlserver", 8080, "oip-v2", re.compile(r"(^|/)mlserver|seldonio/mlserver", re.I)),
    ("kserve", 8080, "oip-v2", re.compile(r"(^|/)kserve[/-]", re.I)),
    ("seldon", 9000, "http", re.compile(r"seldonio/", re.I)),
    ("bentoml", 3000, "http", re.compile(r"bentoml", re.I)),
    ("ollama", 11434, "http", re.compile(r"(^|/)ollama(:|$)", re.I)),
    ("mlflow", 5000, "mlflow-invocations", re.compile(r"mlflow", re.I)),
)
_DEFAULTS = {k: (p, proto) for k, p, proto, _ in SERVERS}
#: Port options each launcher takes.
_PORT_OPTIONS = ("--port", "-p", "--http-port", "--inference-port")
_HOST_OPTIONS = ("--host", "--hostname", "-h", "--http-address", "--bind", "--address")


def _words(command: str) -> list[str]:
    try:
        return shlex.split(command[:MAX_LINE], comments=True)
    except ValueError:
        return command[:MAX_LINE].split()


def _name(word: str) -> str:
    return word.rsplit("/", 1)[-1]


def _option(words: Sequence[str], names: Iterable[str]) -> str:
    names = tuple(names)
    for i, w in enumerate(words):
        for n in names:
            if w == n and i + 1 < len(words):
                return words[i + 1]
            if n.startswith("--") and w.startswith(n + "="):
                return w[len(n) + 1 :]
    return ""


def _port(value: str) -> int | None:
    value = value.strip().rsplit(":", 1)[-1]
    return int(value) if value.isdigit() and 0 < int(value) < 65536 else None


def program(words: Sequence[str]) -> str:
    """The program a command line runs; for ``python -m pkg.mod``, the package ``pkg``.

    >>> program(["/usr/bin/vllm", "serve", "m"]), program(["python3", "-m", "vllm.x"])
    ('vllm', 'vllm')
    """
    names = [_name(w) for w in words[:3]]
    if len(names) > 2 and _PYTHON.fullmatch(names[0]) and names[1] == "-m":
        return names[2].split(".", 1)[0]
    return names[0] if names else ""


_PYTHON = re.compile(r"python[\d.]*")


def launcher(words: Sequence[str]) -> str:
    """The kind of model server a command line starts, or ``""``.

    >>> launcher(["vllm", "serve", "m"]), launcher(["echo", "vllm serve"])
    ('vllm', '')
    """
    names = [_name(w) for w in words[:12]]
    if not names:
        return ""
    prog, rest = names[0], names[1:]
    if _PYTHON.fullmatch(prog) and len(rest) > 1 and rest[0] == "-m":
        prog, rest = rest[1].split(".", 1)[0], rest[2:]
        if prog == "vllm" and "entrypoints" in words[2]:
            return "vllm"
    sub = rest[:2]
    kinds = {
        ("vllm", "serve"): "vllm",
        ("ollama", "serve"): "ollama",
        ("bentoml", "serve"): "bentoml",
        ("mlserver", "start"): "mlserver",
    }
    if sub and (prog, sub[0]) in kinds:
        return kinds[(prog, sub[0])]
    if prog == "mlflow" and sub == ["models", "serve"]:
        return "mlflow"
    if prog == "torchserve":
        return "torchserve" if "--start" in words else ""
    return {"tritonserver": "triton", "text-generation-launcher": "tgi"}.get(prog, "")


def _launch(path: str, line: int, words: Sequence[str], kind: str, **kw: Any) -> Endpoint:
    port, proto = _DEFAULTS.get(kind, (None, "http"))
    if kind == "tgi" and words and _name(words[0]) == "text-generation-launcher":
        port = 3000  # the launcher's own default; the image sets 80
    given = _port(_option(words, _PORT_OPTIONS))
    public = bool(kw.pop("public", False)) or _option(words, _HOST_OPTIONS) in ANY_HOST
    return Endpoint(path, line, kind, given or port, proto, public=public, **kw)


def guard_command(words: Sequence[str]) -> tuple[str, int | None, str] | None:
    """``(upstream host, port, policy)`` of a ``secplan guard serve`` command, else None."""
    names = [_name(w) for w in words]
    for i in range(len(names) - 2):
        if names[i] == "secplan" and names[i + 1] == "guard" and names[i + 2] == "serve":
            break
    else:
        return None
    host, port = url_host_port(_option(words, ("--upstream",)))
    return host, port, _option(words, ("--policy",))


def url_host_port(url: str) -> tuple[str, int | None]:
    """Host and port of an http(s) URL (the scheme's port when none is given); ``("", None)``
    when it is not one.

    >>> url_host_port("http://vllm:8000/v1"), url_host_port("https://tgi"), url_host_port("x")
    (('vllm', 8000), ('tgi', 443), ('', None))
    """
    try:
        parts = urlsplit(url)
        host, port = parts.hostname or "", parts.port
    except ValueError:  # a bad port or IPv6 literal
        return "", None
    if parts.scheme not in ("http", "https"):
        return "", None
    return host, port or (443 if parts.scheme == "https" else 80)


def shell_endpoints(path: str, text: str, own: frozenset[str] = frozenset()) -> Iterator[Endpoint]:
    """Launch lines of model servers in a script; not those of a program in ``own`` (one the
    project itself builds: a script of the server's own source repository, such as its
    image's entrypoint, is no deployment of it)."""
    for line, words in _shell_lines(text):
        kind = launcher(words)
        if kind and _normal(program(words)) not in own:
            yield _launch(path, line, words, kind)


def _normal(name: str) -> str:
    return name.lower().replace("_", "-")


#: Build manifests that name the programs a project builds.
_MANIFESTS = frozenset({"Cargo.toml", "pyproject.toml"})


def own_programs(artifacts: Iterable[Artifact]) -> frozenset[str]:
    """Programs and packages the project builds itself: Cargo packages and ``[[bin]]``
    targets, and the name and ``[project.scripts]`` of a ``pyproject.toml`` (normalised:
    lower case, ``-`` for ``_``).

    >>> own_programs([])
    frozenset()
    """
    from secplan._toml import TomlTooComplex, loads

    names: set[str] = set()
    for a in artifacts:
        if a.path.name not in _MANIFESTS or a.size > MAX_FILE_BYTES:
            continue
        try:
            doc = loads(read_text(a.path, MAX_FILE_BYTES))
        except (OSError, TooLarge, ValueError, TomlTooComplex, RecursionError):
            continue
        package, project = doc.get("package"), doc.get("project")
        bins = doc.get("bin")
        tables = [package, project, *(bins if isinstance(bins, list) else [])]
        names.update(
            t["name"] for t in tables if isinstance(t, dict) and isinstance(t.get("name"), str)
        )
        scripts = project.get("scripts") if isinstance(project, dict) else None
        if isinstance(scripts, dict):
            names.update(k for k in scripts if isinstance(k, str))
    return frozenset(_normal(n) for n in names)


def shell_guards(path: str, text: str) -> Iterator[Guard]:
    for line, words in _shell_lines(text):
        g = guard_command(words)
        if g is not None:
            yield Guard(path, line, "serve", g[0], g[1], g[2])


def _shell_lines(text: str) -> Iterator[tuple[int, list[str]]]:
    from secplan.scanners.platform_config.shell import script_lines

    for line, logical in script_lines(text):
        for part in re.split(r"&&|\|\||;|\|", logical[:MAX_LINE]):
            words = _words(part.strip())
            while words and ("=" in words[0] or words[0] in ("exec", "nohup", "sudo")):
                words = words[1:]
            if words:
                yield line, words


# --- Python ----------------------------------------------------------------------------------

_APP_CLASSES = {
    "FastAPI": "fastapi",
    "APIRouter": "fastapi",
    "Starlette": "starlette",
    "Flask": "flask",
    "Blueprint": "flask",
    "Litestar": "litestar",
}
_ROUTE_METHODS = frozenset({"post", "get", "put", "route", "api_route", "websocket"})
_INFERENCE_PATH = re.compile(
    r"predict|infer|invocations|generat|complet|chat|embed|score|classif|detect|transcri|"
    r"translat|summari|/v[12]/models",
    re.I,
)
#: Calls that load or run a model.
_MODEL_CALL = re.compile(
    r"(^|\.)(load_model|from_pretrained|pipeline|InferenceSession|SentenceTransformer|"
    r"predict|predict_proba|generate|infer|forward|encode|transcribe|YOLO|LLM)$"
    r"|^(joblib|pickle|torch|tf\.saved_model|keras\.models|skops\.io|cloudpickle|dill)\.load$"
    r"|^mlflow\.[\w.]*load_model$"
)
_MODEL_MODULES = frozenset(
    {
        "torch",
        "tensorflow",
        "keras",
        "sklearn",
        "joblib",
        "transformers",
        "onnxruntime",
        "xgboost",
        "lightgbm",
        "vllm",
        "mlflow",
        "sentence_transformers",
        "ultralytics",
        "diffusers",
        "llama_cpp",
    }
)


def _dotted(node: ast.expr) -> str:
    """``app.post`` for ``app.post("/x")``, ``gr.Interface().launch`` through calls."""
    return dotted(node.func if isinstance(node, ast.Call) else node)


def _const(node: ast.AST | None) -> Any:
    return node.value if isinstance(node, ast.Constant) else None


def _kw(call: ast.Call, name: str, pos: int | None = None) -> ast.AST | None:
    for k in call.keywords:
        if k.arg == name:
            return k.value
    if pos is not None and len(call.args) > pos:
        return call.args[pos]
    return None


@dataclass
class _Py:
    path: str
    module: str
    imports: set[str]
    apps: dict[str, tuple[str, int]]  # variable -> (kind, line)
    routes: list[tuple[str, int, str]]  # (app variable, line, path)
    model: bool = False
    port: int | None = None
    public: bool = False


def _imports(tree: ast.AST) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.add(node.module.split(".")[0])
    return out


def _uses(tree: ast.AST) -> tuple[str, ...]:
    """The last name of every module and name imported: ``from app.routers import predict``
    gives ``routers`` and ``predict``."""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name.rsplit(".", 1)[-1] for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.module:
                out.add(node.module.rsplit(".", 1)[-1])
            out.update(a.name for a in node.names)
    return tuple(sorted(out))


def python_found(path: str, source: str) -> Found:
    """The endpoints and guards of one Python file; nothing when it does not parse."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return Found()
    nodes = list(ast.walk(tree))[:MAX_NODES]
    imports = _imports(tree)
    st = _Py(path, PurePosixPath(path).stem, imports, {}, [])
    st.model = bool(imports & _MODEL_MODULES)
    endpoints: list[Endpoint] = []
    guards: list[Guard] = []
    for node in nodes:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            kind = _app_kind(_dotted(node.value.func), imports)
            for t in node.targets:
                if kind and isinstance(t, ast.Name):
                    st.apps[t.id] = (kind, node.lineno)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            endpoints.extend(_decorated(node, st))
        if isinstance(node, ast.Call):
            _call(node, st, endpoints, guards)
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            words = _words(node.value) if "serve" in node.value else []
            if words and launcher(words) == "mlflow":
                endpoints.append(_launch(path, node.lineno, words, "mlflow"))
    for var, (kind, line) in st.apps.items():
        paths = [p for v, _, p in st.routes if v == var or (v == "*" and kind == "litestar")]
        if paths and (st.model or any(_INFERENCE_PATH.search(p) for p in paths)):
            endpoints.append(
                Endpoint(path, line, kind, st.port, "http", public=st.public, module=st.module)
            )
    if st.model and imports & {"gradio", "streamlit"} and not endpoints:
        kind = "gradio" if "gradio" in imports else "streamlit"
        line = next((getattr(n, "lineno", 1) for n in nodes if _is_ui(n, kind)), 1)
        endpoints.append(Endpoint(path, line, kind, st.port, "http", public=st.public))
    return Found(tuple(endpoints), tuple(guards), uses=((st.module, _uses(tree)),))


def _is_ui(node: ast.AST, kind: str) -> bool:
    if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == kind:
        return True
    return isinstance(node, ast.Import) and any(a.name.split(".")[0] == kind for a in node.names)


def _app_kind(name: str, imports: set[str]) -> str:
    """The framework of an app or router created by calling ``name``, or ``""``."""
    module = _APP_CLASSES.get(name.rsplit(".", 1)[-1], "")
    return module if module in imports else ""


def _decorated(
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, st: _Py
) -> Iterator[Endpoint]:
    for dec in node.decorator_list:
        name = _dotted(dec)
        if name in ("bentoml.service", "bentoml.api") and isinstance(node, ast.ClassDef):
            yield Endpoint(st.path, node.lineno, "bentoml", 3000, "http", module=st.module)
        elif name.endswith("serve.deployment") and "ray" in st.imports:
            yield Endpoint(st.path, node.lineno, "ray-serve", 8000, "http", module=st.module)
        elif isinstance(dec, ast.Call) and isinstance(dec.func, ast.Attribute):
            var = _dotted(dec.func.value)
            if dec.func.attr in _ROUTE_METHODS and var in st.apps:
                route = _const(dec.args[0]) if dec.args else _const(_kw(dec, "path"))
                if isinstance(route, str):
                    st.routes.append((var, dec.lineno, route))
        elif isinstance(dec, ast.Call) and "litestar" in st.imports:
            route = _const(dec.args[0]) if dec.args else None
            if name in ("post", "get", "put") and isinstance(route, str):
                st.routes.append(("*", dec.lineno, route))  # handlers are passed to the app


def _call(node: ast.Call, st: _Py, endpoints: list[Endpoint], guards: list[Guard]) -> None:
    name = _dotted(node.func)
    if _MODEL_CALL.search(name):
        st.model = True
    if name == "bentoml.Service":
        endpoints.append(Endpoint(st.path, node.lineno, "bentoml", 3000, "http"))
    last = name.rsplit(".", 1)[-1]
    if last in ("run", "launch") and (name.startswith("uvicorn") or "." in name):
        host = _const(_kw(node, "host")) or _const(_kw(node, "server_name"))
        port = _const(_kw(node, "port")) or _const(_kw(node, "server_port"))
        if isinstance(port, int):
            st.port = port
        if isinstance(host, str) and host in ANY_HOST:
            st.public = True
        if last == "launch" and _const(_kw(node, "share")) is True:
            st.public = True
    wraps = name == "GuardMiddleware" or name.endswith(".GuardMiddleware")
    added = last == "add_middleware" and bool(node.args)
    if wraps or (added and _dotted(node.args[0]).endswith("GuardMiddleware")):
        guards.append(_middleware(node, st, _kw(node, "gate", 1)))


def _middleware(node: ast.Call, st: _Py, gate: ast.AST | None) -> Guard:
    """A ``GuardMiddleware``: the policy and whether it records to the audit trail, read from
    the ``build_gate(Path("guard.toml"), services)`` it is given."""
    policy, audited = "", True
    if isinstance(gate, ast.Call) and _dotted(gate.func).endswith("build_gate"):
        first = gate.args[0] if gate.args else _kw(gate, "policy")
        if isinstance(first, ast.Call) and first.args:
            first = first.args[0]
        policy = str(_const(first) or "")
        services = gate.args[1] if len(gate.args) > 1 else _kw(gate, "services")
        audited = not (isinstance(services, ast.Constant) and services.value is None)
    return Guard(
        st.path, node.lineno, "middleware", policy=policy, audited=audited, module=st.module
    )


# --- compose and Kubernetes ------------------------------------------------------------------


def _command_words(value: object) -> list[str]:
    if isinstance(value, str):
        return _words(value)
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, str | int | float)]
    return []


def _server_kind(image: str, words: Sequence[str]) -> str:
    kind = launcher(words)
    if kind:
        return kind
    for k, _, _, pattern in SERVERS:
        if image and pattern.search(image):
            if k == "mlflow" and "serve" not in words:
                return ""  # an MLflow image runs the tracking server unless told to serve
            return k
    return ""


def _python_module(words: Sequence[str]) -> str:
    """The module a ``uvicorn app:app``, ``gunicorn``, ``python serve.py`` or ``streamlit run``
    command runs."""
    names = [_name(w) for w in words]
    for i, n in enumerate(names):
        if n in ("uvicorn", "gunicorn", "hypercorn", "granian", "litestar"):
            for w in words[i + 1 :]:
                if ":" in w and not w.startswith("-"):
                    return w.split(":", 1)[0].rsplit(".", 1)[-1]
        if re.fullmatch(r"python[\d.]*|streamlit|gradio|flask|fastapi", n):
            for w in words[i + 1 :]:
                if w.endswith(".py"):
                    return PurePosixPath(w).stem
    return ""


def _aliases(svc: dict[Any, Any]) -> tuple[str, ...]:
    """The other names a compose service answers to on its networks."""
    names = [svc.get("container_name"), svc.get("hostname")]
    for net in _map(svc.get("networks")).values():
        names.extend(_seq(_map(net).get("aliases")))
    return tuple(n for n in names if isinstance(n, str) and n)


def _published(svc: dict[Any, Any]) -> tuple[list[int], bool]:
    """Container ports a compose service publishes, and whether any on all interfaces."""
    ports: list[int] = []
    public = False
    for p in _seq(svc.get("ports")):
        if isinstance(p, dict):
            target = p.get("target")
            if isinstance(target, int):
                ports.append(target)
            public = public or str(p.get("host_ip", "0.0.0.0")) in ANY_HOST  # noqa: S104
            continue
        text = str(p).split("/", 1)[0]
        bits = text.rsplit(":", 2)
        port = _port(bits[-1])
        if port:
            ports.append(port)
        public = public or len(bits) < 3 or bits[0] in ANY_HOST
    return ports, public


def compose_found(path: str, docs: list[Any]) -> Found:
    endpoints: list[Endpoint] = []
    guards: list[Guard] = []
    runners: list[tuple[str, str, int | None]] = []
    for doc in docs:
        services = doc.get("services") if isinstance(doc, dict) else None
        if not isinstance(services, dict):
            continue
        lines = getattr(services, "key_lines", {})
        for name, svc in services.items():
            if not isinstance(svc, dict):
                continue
            line = lines.get(name, getattr(svc, "line", 1)) or 1
            name = str(name)
            image = svc.get("image") if isinstance(svc.get("image"), str) else ""
            words = _command_words(svc.get("entrypoint")) + _command_words(svc.get("command"))
            ports, public = _published(svc)
            g = guard_command(words)
            if g is not None:
                guards.append(Guard(path, line, "serve", g[0], g[1], g[2], service=name))
                continue
            kind = _server_kind(str(image), words)
            if kind:
                ep = _launch(
                    path, line, words, kind, service=name, public=public, aliases=_aliases(svc)
                )
                if ports and ep.port not in ports and _port(_option(words, _PORT_OPTIONS)) is None:
                    ep = _replace_port(ep, ports[0])
                endpoints.append(ep)
                continue
            module = _python_module(words)
            if module:
                port = _port(_option(words, _PORT_OPTIONS)) or (ports[0] if ports else None)
                runners.append((name, module, port))
    return Found(tuple(endpoints), tuple(guards), tuple(runners))


def _replace_port(ep: Endpoint, port: int) -> Endpoint:
    from dataclasses import replace

    return replace(ep, port=port)


#: kind, port of the Service the operator creates (None: depends on the operator's settings),
#: protocol, and the names of those Services
_K8S_SERVING_KINDS: dict[str, tuple[str, int | None, str, tuple[str, ...]]] = {
    "InferenceService": ("kserve", None, "oip-v2", ("{}-predictor", "{}-predictor-default")),
    "SeldonDeployment": ("seldon", None, "http", ()),
    "RayService": ("ray-serve", 8000, "http", ("{}-serve-svc",)),
}
_WORKLOADS = frozenset(
    {"Deployment", "StatefulSet", "DaemonSet", "Pod", "ReplicaSet", "Job", "CronJob"}
)


def _seq(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _map(value: object) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _pod_spec(doc: dict[Any, Any]) -> dict[Any, Any]:
    spec = _map(doc.get("spec"))
    if doc.get("kind") == "Pod":
        return spec
    if doc.get("kind") == "CronJob":
        spec = _map(_map(spec.get("jobTemplate")).get("spec"))
    return _map(_map(spec.get("template")).get("spec"))


def _labels(doc: dict[Any, Any]) -> dict[Any, Any]:
    tmpl = _map(doc.get("spec")).get("template")
    meta = _map(tmpl).get("metadata") if isinstance(tmpl, dict) else doc.get("metadata")
    return _map(_map(meta).get("labels"))


def kubernetes_found(path: str, docs: list[Any]) -> Found:
    objs = [d for d in docs if isinstance(d, dict) and isinstance(d.get("kind"), str)]
    services: list[tuple[str, dict[Any, Any], bool]] = []
    for d in objs:
        if d["kind"] == "Service":
            spec = _map(d.get("spec"))
            sel = _map(spec.get("selector"))
            public = spec.get("type") in ("LoadBalancer", "NodePort")
            services.append((_meta_name(d), sel, public))
    endpoints: list[Endpoint] = []
    guards: list[Guard] = []
    runners: list[tuple[str, str, int | None]] = []
    for d in objs:
        name, line = _meta_name(d), getattr(d, "line", 1) or 1
        if d["kind"] in _K8S_SERVING_KINDS:
            kind, port, proto, made = _K8S_SERVING_KINDS[d["kind"]]
            extra = tuple(m.format(name) for m in made)
            endpoints.append(Endpoint(path, line, kind, port, proto, service=name, aliases=extra))
            continue
        if d["kind"] not in _WORKLOADS:
            continue
        labels = _labels(d)
        fronting = [
            (n, pub)
            for n, sel, pub in services
            if sel and all(labels.get(k) == v for k, v in sel.items())
        ]
        public = any(pub for _, pub in fronting)
        shown = fronting[0][0] if fronting else name
        for c in _seq(_pod_spec(d).get("containers")):
            if not isinstance(c, dict):
                continue
            cline = getattr(c, "line", line) or line
            words = _command_words(c.get("command")) + _command_words(c.get("args"))
            g = guard_command(words)
            if g is not None:
                guards.append(Guard(path, cline, "serve", g[0], g[1], g[2], service=shown))
                continue
            image = c.get("image") if isinstance(c.get("image"), str) else ""
            kind = _server_kind(str(image), words)
            ports: list[int] = [
                p["containerPort"]
                for p in _seq(c.get("ports"))
                if isinstance(p, dict) and isinstance(p.get("containerPort"), int)
            ]
            if kind:
                others = tuple(n for n in (*(n for n, _ in fronting), name) if n and n != shown)
                ep = _launch(path, cline, words, kind, service=shown, public=public, aliases=others)
                if ports and _port(_option(words, _PORT_OPTIONS)) is None:
                    ep = _replace_port(ep, ports[0])
                endpoints.append(ep)
            elif module := _python_module(words):
                runners.append((shown, module, ports[0] if ports else None))
    return Found(tuple(endpoints), tuple(guards), tuple(runners))


def _meta_name(doc: dict[Any, Any]) -> str:
    meta = doc.get("metadata")
    name = meta.get("name") if isinstance(meta, dict) else None
    return name if isinstance(name, str) else ""


# --- the whole project -----------------------------------------------------------------------


#: Words a file must hold to be parsed at all (most Python files serve nothing).
_HINTS = {
    "python": re.compile(
        r"fastapi|flask|starlette|litestar|bentoml|gradio|streamlit|serve|GuardMiddleware"
    ),
    "shell": re.compile(r"serve|tritonserver|torchserve|text-generation-launcher|mlserver"),
    "properties": re.compile(r"inference_address"),
}
_KINDS = ENDPOINT_KINDS
#: The formats :func:`discover` reads.
FORMATS = ENDPOINT_FORMATS


def discover(artifacts: Iterable[Artifact]) -> Found:
    """Every endpoint, guard and Python-running service in ``artifacts``."""
    endpoints: list[Endpoint] = []
    guards: list[Guard] = []
    runners: list[tuple[str, str, int | None]] = []
    uses: list[tuple[str, tuple[str, ...]]] = []
    artifacts = list(artifacts)
    own = own_programs(artifacts)
    for a in artifacts:
        if a.size > MAX_FILE_BYTES or a.kind not in _KINDS:
            continue
        if a.format not in FORMATS:
            continue
        try:
            text = read_text(a.path, MAX_FILE_BYTES)
        except (OSError, TooLarge):
            continue
        hint = _HINTS.get(a.format)
        if hint is not None and not hint.search(text):
            continue
        try:
            found = _one(a, text, own)
        except (RecursionError, MemoryError):  # a pathological file shows nothing
            continue
        endpoints.extend(found.endpoints)
        guards.extend(found.guards)
        runners.extend(found.runners)
        uses.extend(found.uses)
    return Found(tuple(endpoints), tuple(guards), tuple(runners), tuple(uses))


def torchserve_config(path: str, text: str) -> Iterator[Endpoint]:
    r"""The inference address of a TorchServe ``config.properties``.

    >>> [(e.port, e.public) for e in torchserve_config("config.properties",
    ...     "inference_address=http://0.0.0.0:8080\nmanagement_address=http://127.0.0.1:8081")]
    [(8080, True)]
    """
    for n, line in enumerate(text.splitlines()[:10_000], 1):
        key, sep, value = line.partition("=")
        if sep and key.strip() == "inference_address":
            host, port = url_host_port(value.strip())
            public = host in ANY_HOST or host == "::"
            yield Endpoint(path, n, "torchserve", port or 8080, "http", public=public)


def _one(a: Artifact, text: str, own: frozenset[str] = frozenset()) -> Found:
    if a.format == "python":
        return python_found(a.relpath, text)
    if a.format == "properties":
        return Found(tuple(torchserve_config(a.relpath, text)))
    if a.format == "shell":
        endpoints = tuple(shell_endpoints(a.relpath, text, own))
        return Found(endpoints, tuple(shell_guards(a.relpath, text)))
    from secplan.scanners.platform_config.yamlsafe import YamlError, load_all

    try:
        docs = load_all(text)
    except YamlError:
        return Found()  # reported as not parsed by the platform checks
    if a.format == "compose":
        return compose_found(a.relpath, docs)
    return kubernetes_found(a.relpath, docs)
