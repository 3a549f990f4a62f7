"""Checks for CD130-CD143: TLS checks off, plain-http endpoints, exposed serving."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from secplan.model import ControlId, Severity
from secplan.model.finding import Confidence
from secplan.scanners.code import rules_run as R
from secplan.scanners.code._hit import CallSite, Hit, hit
from secplan.scanners.code._lists import Category, CodeLists
from secplan.scanners.code.pyindex import (
    MISSING,
    ModuleIndex,
    argument,
    dotted_text,
    parameter_names,
    stores,
)
from secplan.scanners.code.pyresolve import MAX_DEPTH

HTTP_CLIENTS = frozenset({"requests", "httpx", "urllib3", "aiohttp"})
HTTP_METHODS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "request", "stream", "send"}
    | {"Client", "AsyncClient", "Session", "ClientSession", "TCPConnector", "urlopen"}
)
SERVE_CALLS = frozenset(
    {"run", "launch", "serve", "run_app", "run_server", "run_simple", "Config", "start"}
)
BIND_KEYWORDS = ("host", "server_name", "hostname", "listen", "bind")
ALL_INTERFACES = re.compile(r"^(?:0\.0\.0\.0|::|\[::\]|\*)(?::\d+)?$")
WEB_FRAMEWORKS = ("flask", "dash", "quart", "werkzeug", "flask_socketio", "sanic")
_LOCAL_HOST = re.compile(
    r"^(?:localhost|[\w.\-]+\.localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1?\]|::1|"
    r"host\.docker\.internal|testserver)$",
    re.IGNORECASE,
)
_OFF_VALUES = frozenset({"", "0", "false", "no", "off"})
_ON_VALUES = frozenset({"1", "true", "yes", "on"})
_ENV_SETTERS = frozenset({"os.environ.setdefault", "os.putenv"})
ENV_GETTERS = frozenset({"os.getenv", "os.environ.get"})
#: Methods of any HTTP client object (sessions, clients, pools) that take a URL.
HTTP_VERBS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "request", "stream", "urlopen"}
)


def _controls(category: Category) -> tuple[ControlId, ...]:
    if category in ("data", "model"):
        return (ControlId("PS4"), ControlId("DS1"))
    return (ControlId("PS4"),)


def is_local_host(host: str) -> bool:
    """``localhost``, loopback addresses, ``0.0.0.0`` as a target, ``host.docker.internal``."""
    return bool(_LOCAL_HOST.match(host))


def address_host(authority: str) -> str:
    """The host of ``user@host:port`` (``""`` when it is not written literally)."""
    host = authority.rsplit("@", 1)[-1]
    host = host.split("]", 1)[0] + "]" if host.startswith("[") else host.split(":", 1)[0]
    return "" if any(c in host for c in "{%$") else host


#: Hosts whose traffic stays on the machine or inside the cluster network: link-local
#: addresses (cloud metadata services), Kubernetes service names, and single-label names
#: (compose services, pods' search domains), which no public DNS resolves.
_LINK_LOCAL = re.compile(r"^(?:169\.254\.\d{1,3}\.\d{1,3}|\[fe80:[0-9a-f:]*\])$", re.IGNORECASE)
_CLUSTER_SUFFIXES = (".svc", ".svc.cluster.local", ".cluster.local")


def _single_label(host: str) -> bool:
    """A name without dots (``minio``, ``ray-head``), not a bare number."""
    return (
        bool(host)
        and all(c.isalnum() or c in "-_" for c in host)
        and any(c.isalpha() or c == "_" for c in host)
    )


def is_cluster_host(host: str) -> bool:
    """A link-local address, a Kubernetes service name or a single-label (compose) name.

    >>> [is_cluster_host(h) for h in ("minio", "qdrant.search.svc", "169.254.169.254")]
    [True, True, True]
    >>> [is_cluster_host(h) for h in ("ray-head.ml.example-corp.com", "10.0.0.7", "pypi.org")]
    [False, False, False]
    """
    low = host.lower()
    return (
        bool(_LINK_LOCAL.match(low))
        or _single_label(low)
        or low == "metadata.google.internal"
        or low.endswith(_CLUSTER_SUFFIXES)
    )


#: Schemes of clear-text client protocols: HTTP, and Ray's client protocol (``ray://``,
#: gRPC without TLS unless the cluster is set up for it).
_PLAIN_SCHEMES = ("http://", "ray://")


def plain_http_host(text: str, *, cluster: bool = True) -> str | None:
    """The host of a non-local ``http://`` URL (``""`` when not written literally).

    ``cluster``: hosts inside the cluster network (:func:`is_cluster_host`) count as local.
    A package index is judged without it: whoever serves packages controls the image.
    """
    scheme = next((p for p in _PLAIN_SCHEMES if text[: len(p)].lower() == p), None)
    if scheme is None:
        return None
    host = address_host(re.split(r"[/?#]", text[len(scheme) :], maxsplit=1)[0])
    if host and (is_local_host(host) or (cluster and is_cluster_host(host))):
        return None
    return host


def tls_env_disables(name: str, value: str) -> bool:
    """Whether setting the certificate-check variable ``name`` to ``value`` turns checks off."""
    if "NO_VERIFY" in name:  # git: set to anything at all, checks are off
        return True
    skips = ("DISABLE", "INSECURE", "SKIP")
    disables = _ON_VALUES if any(word in name for word in skips) else _OFF_VALUES
    return value.strip().lower() in disables


def shown_url(text: str) -> str:
    """A URL without user-info, query or fragment (they may hold credentials)."""
    head = text.split("?", 1)[0].split("#", 1)[0]
    scheme, _, rest = head.partition("://")
    authority, slash, path = rest.partition("/")
    authority = authority.rsplit("@", 1)[-1]
    return f"{scheme}://{authority}{slash}{path}"[:120]


def env_read(idx: ModuleIndex, node: ast.expr) -> ast.Call | ast.Subscript | None:
    """The ``os.getenv(...)`` / ``os.environ.get(...)`` call or ``os.environ[...]`` that
    ``node`` is (directly or through names bound once), else ``None``."""
    for depth in range(MAX_DEPTH):
        if isinstance(node, ast.Call) and idx.qualname(node.func) in ENV_GETTERS:
            return node
        if isinstance(node, ast.Subscript) and idx.qualname(node.value) == "os.environ":
            return node
        value = idx.value_of(node, depth)
        if value is None:
            return None
        node = value
    return None


def env_default(idx: ModuleIndex, node: ast.expr) -> ast.expr | None:
    """The default of ``os.getenv(name, default)`` / ``os.environ.get(...)`` that ``node``
    is (directly or through names bound once), else ``None``."""
    read = env_read(idx, node)
    return argument(read, "default", 1) if isinstance(read, ast.Call) else None


MAX_CHOICES = 8


def _local_value(idx: ModuleIndex, node: ast.Name, cell: int | None) -> ast.expr | None:
    """The value of a name assigned exactly once in the function that uses it, when the
    module binds the name elsewhere too (a parameter ``url`` of another function)."""
    fn = idx.function_at(cell, node.lineno)
    if fn is None or node.id in parameter_names(fn) or stores(fn, node.id) != 1:
        return None
    values = [
        a.value
        for a in ast.walk(fn)
        if isinstance(a, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == node.id for t in a.targets)
    ]
    if len(values) != 1 or any(
        isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) and n is not fn
        for n in ast.walk(fn)
    ):
        return None
    return values[0] if values[0].lineno < node.lineno else None


def _choices(idx: ModuleIndex, node: ast.expr, cell: int | None) -> list[ast.expr]:
    """The branches of a conditional expression ``node`` is (directly or through names bound
    once), a branch that is such a name replaced by the literal it is bound to; ``[]`` when
    ``node`` is no choice."""
    for _ in range(4):
        if isinstance(node, ast.IfExp):
            break
        value = idx.value_of(node) if isinstance(node, ast.Name) else None
        if value is None and isinstance(node, ast.Name):
            value = _local_value(idx, node, cell)
        if value is None:
            return []
        node = value
    else:
        return []
    out: list[ast.expr] = []
    pending: list[ast.expr] = [node]
    while pending and len(out) < MAX_CHOICES:
        current = pending.pop(0)
        if isinstance(current, ast.IfExp):
            pending += [current.body, current.orelse]
            continue
        value = idx.value_of(current) if isinstance(current, ast.Name) else None
        literal = value is not None and idx.str_const(value) is not None
        out.append(value if literal and value is not None else current)
    return out


def _url_hit(
    idx: ModuleIndex,
    node: ast.expr,
    cell: int | None,
    where: str,
    category: Category,
    *,
    literal: bool = False,
) -> Iterator[Hit]:
    """``literal``: only a URL written in the file counts (a keyword or key that merely
    looks like an address), and hosts of documents (licences, schemas) do not. A choice
    between addresses (``REMOTE if remote else LOCAL``) is judged branch by branch, each at
    the line that writes its URL."""
    branches = _choices(idx, node, cell)
    if branches:
        for branch in branches:
            yield from _url_hit(idx, branch, cell, where, category, literal=literal)
        return
    prefix = idx.literal_prefix(node)
    confidence = None
    if prefix is None and literal:
        return
    if prefix is None:
        default = env_default(idx, node)
        prefix = None if default is None else idx.literal_prefix(default)
        confidence = Confidence.MEDIUM  # the environment may point elsewhere
    if prefix is None:
        return
    text, whole = prefix
    host = plain_http_host(text)
    if host is None or (literal and (not host or _document_host(host))):
        return
    confidence = confidence if host else Confidence.LOW
    yield hit(
        R.PLAINTEXT_URL,
        node,
        cell,
        f"{where} uses plain HTTP ({category} endpoint): traffic can be read and changed",
        shown_url(text) if whole else shown_url(text) + "…",
        controls=_controls(category),
        confidence=confidence,
    )


def check_url_call(idx: ModuleIndex, site: CallSite, lists: CodeLists) -> Iterator[Hit]:
    call = site.call
    sink = lists.url_sinks.get(site.qualname or "")
    if sink is not None:
        node = (
            idx.arg(call, "url", sink.position)
            or idx.arg(call, "uri", sink.position)
            or idx.arg(call, "address", sink.position)
            or idx.arg(call, "host", sink.position)
        )
        if node is not None:
            yield from _url_hit(idx, node, site.cell, site.shown, sink.category)
    elif site.qualname in _HOST_SSL_CLIENTS:
        yield from _host_client(idx, site)
    elif isinstance(call.func, ast.Attribute) and call.func.attr in HTTP_VERBS:
        position = 1 if call.func.attr == "request" else 0
        node = idx.arg(call, "url", position)
        if node is not None:
            yield from _url_hit(idx, node, site.cell, site.shown, "transfer")
    for kw in call.keywords:
        if kw.arg in lists.url_keywords:
            yield from _url_hit(idx, kw.value, site.cell, f"{kw.arg}=", lists.url_keywords[kw.arg])
        elif kw.arg and endpoint_key(kw.arg) and sink is None:
            yield from _url_hit(idx, kw.value, site.cell, f"{kw.arg}=", "api", literal=True)
    if site.qualname in _ENV_SETTERS and len(call.args) >= 2:
        yield from _env_value(idx, call.args[0], call.args[1], site.cell, lists)


#: Clients given a host name and a TLS flag: ``(host keyword, its position, flag keyword, its
#: position, whether TLS is on when the flag is not given)``.
_HOST_SSL_CLIENTS: dict[str, tuple[str, int, str, int, bool]] = {
    "chromadb.HttpClient": ("host", 0, "ssl", 2, False),
    "chromadb.AsyncHttpClient": ("host", 0, "ssl", 2, False),
    "minio.Minio": ("endpoint", 0, "secure", 4, True),
}


def _host_client(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    host_kw, host_pos, flag_kw, flag_pos, on_by_default = _HOST_SSL_CLIENTS[site.qualname or ""]
    node = idx.arg(site.call, host_kw, host_pos)
    text = idx.str_const(node) if node is not None else None
    host = address_host(text) if text else None
    if node is None or not host or is_local_host(host) or is_cluster_host(host):
        return
    flag = idx.arg(site.call, flag_kw, flag_pos)
    if flag is None and on_by_default:
        return
    if flag is not None and idx.const(flag) is not False:
        return  # on, or decided at run time
    yield hit(
        R.PLAINTEXT_URL,
        node if flag is None else flag,
        site.cell,
        f"{site.shown} talks to {host} over plain HTTP ({flag_kw} is off): data and "
        "credentials can be read and changed",
        f"{site.shown}({host_kw}={text!r}, {flag_kw}=False)",
        controls=_controls("data"),
    )


def _env_value(
    idx: ModuleIndex, name_node: ast.expr, value: ast.expr, cell: int | None, lists: CodeLists
) -> Iterator[Hit]:
    name = idx.str_const(name_node)
    if name is None:
        return
    if name in lists.url_env:
        yield from _url_hit(idx, value, cell, name, lists.url_env[name])
    elif name in lists.tls_env:
        text = idx.str_const(value)
        if text is None:
            return
        if tls_env_disables(name, text):
            yield hit(
                R.TLS_VERIFICATION_OFF,
                value,
                cell,
                f"setting {name} to {text!r} turns certificate verification off",
                f"{name}={text!r}",
            )


def is_cert_none(idx: ModuleIndex, node: ast.expr) -> bool:
    """``ssl.CERT_NONE`` (or its name as a string, as some clients take it)."""
    value = idx.const(node)
    return (isinstance(value, str) and value.lower() in ("cert_none", "none")) or (
        idx.qualname(node) in ("ssl.CERT_NONE", "ssl.VerifyMode.CERT_NONE")
    )


def check_ref(idx: ModuleIndex, node: ast.expr, cell: int | None) -> Iterator[Hit]:
    if idx.qualname(node) == "ssl._create_unverified_context":
        yield hit(
            R.TLS_VERIFICATION_OFF,
            node,
            cell,
            "ssl._create_unverified_context makes contexts that check no certificate",
            "ssl._create_unverified_context",
        )


#: Words of a variable name that say it holds the address of a server a client talks to
#: (``KFP_HOST``, ``SCHEMA_REGISTRY``, ``jira_url``); and words that say it is a link to read.
_ENDPOINT_WORDS = frozenset({"url", "uri", "host", "endpoint", "registry", "server", "address"})
_LINK_WORDS = frozenset(
    {"doc", "docs", "help", "homepage", "home", "license", "licence", "repo", "source", "website"}
    | {"issues", "issue", "tracker", "changelog", "wiki", "link", "xmlns", "ns", "namespace"}
)


#: The evidence of an endpoint constant's finding: ``NAME = http://...``.
ENDPOINT_EVIDENCE = re.compile(r"^[A-Z][A-Z0-9_]* = (\S+)$")


def endpoint_name(name: str) -> bool:
    """Whether a constant named ``name`` (upper case: configuration, by convention) holds a
    server's address.

    >>> [endpoint_name(n) for n in ("KFP_HOST", "JIRA_URL", "SCHEMA_REGISTRY", "DOCS_URL")]
    [True, True, True, False]
    >>> [endpoint_name(n) for n in ("url", "jiraUrl", "BASE", "X")]
    [False, False, False, False]
    >>> endpoint_name("SCHEMA_URL")
    False
    """
    if not name.isupper():
        return False
    words = {w.lower() for w in name.split("_") if w}
    if "schema" in words and "registry" not in words:
        return False  # a schema's identifier ($schema), not a server
    return bool(words & _ENDPOINT_WORDS) and not words & _LINK_WORDS


def _endpoint_constant(
    idx: ModuleIndex, target: ast.Name, value: ast.expr, cell: int | None
) -> Iterator[Hit]:
    """``NAME = "http://host..."`` (or an environment lookup with that default) where
    ``NAME`` names a server: the address every client built from it talks to in clear."""
    if not endpoint_name(target.id):
        return
    if target in idx.class_targets and target.id not in idx.read_attrs:
        return  # a class attribute the module never reads: a label, not a client's address
    confidence = None
    text = idx.str_const(value) if isinstance(value, ast.Constant) else None
    if text is None:
        default = env_default(idx, value) if isinstance(value, ast.Call) else None
        text = idx.str_const(default) if default is not None else None
        confidence = Confidence.MEDIUM  # the environment may point elsewhere
    host = plain_http_host(text) if text else None
    if not host:
        return
    yield hit(
        R.PLAINTEXT_URL,
        target,
        cell,
        f"{target.id} points a client at {host} over plain HTTP: traffic and credentials "
        "can be read and changed",
        f"{target.id} = {shown_url(text or '')}",
        controls=_controls("api"),
        confidence=confidence,
    )


def check_settings_fields(idx: ModuleIndex) -> Iterator[Hit]:
    """A pydantic ``BaseSettings`` field named for a server (``llm_gateway_url``) whose
    default is a plain-HTTP address on a non-local host: what runs wherever the environment
    does not set it."""
    for target, value, cell in idx.settings_fields:
        text = idx.str_const(value) if isinstance(value, ast.Constant) else None
        if text is None or not endpoint_name(target.id.upper()):
            continue
        host = plain_http_host(text)
        if not host or _document_host(host):
            continue
        yield hit(
            R.PLAINTEXT_URL,
            target,
            cell,
            f"settings field {target.id} defaults to {host} over plain HTTP: wherever the "
            "environment does not override it, traffic and credentials travel in clear",
            f"{target.id} = {shown_url(text)}",
            controls=_controls("api"),
        )


def check_param_defaults(idx: ModuleIndex) -> Iterator[Hit]:
    """A function parameter named for a server (``manifest_url``, ``tracking_uri``) whose
    default is a plain-HTTP address on a non-local host: what every call that does not pass
    one talks to (a flow's or a command's run parameter, typically)."""
    for param, value, cell in idx.param_defaults:
        text = idx.str_const(value)
        if text is None or not endpoint_key(param.arg):
            continue
        host = plain_http_host(text)
        if not host:
            continue
        yield hit(
            R.PLAINTEXT_URL,
            value,
            cell,
            f"parameter {param.arg} defaults to {host} over plain HTTP: every call that does "
            "not pass another address sends its traffic in clear",
            f"{param.arg}={shown_url(text)}",
            controls=_controls("api"),
        )


_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
#: Hosts of documents a dictionary links to (licences, schemas, standards), not servers.
_DOCUMENT_HOSTS = (
    "apache.org",
    "opensource.org",
    "gnu.org",
    "creativecommons.org",
    "w3.org",
    "schema.org",
    "json-schema.org",
    "example.com",
    "example.org",
    "example.net",
)


def _document_host(host: str) -> bool:
    low = host.lower()
    return any(low == h or low.endswith("." + h) for h in _DOCUMENT_HOSTS)


def endpoint_key(key: str) -> bool:
    """Whether a keyword argument or a dictionary key names a server's address
    (``url``, ``schema.registry.url``, ``tracking_uri``, ``baseUrl``).

    >>> [endpoint_key(k) for k in ("url", "schema.registry.url", "baseUrl", "api_endpoint")]
    [True, True, True, True]
    >>> [endpoint_key(k) for k in ("docs_url", "homepage", "$schema", "license_url", "uri")]
    [False, False, False, False, False]
    >>> endpoint_key("mongo_uri")
    True
    """
    words = {w.lower() for w in _WORD.findall(key)}
    if "schema" in words and "registry" not in words:
        return False
    if words == {"uri"}:
        return False  # alone, often an identifier (a namespace, a grantee group)
    if words & _PICTURE_WORDS:
        return False  # a picture shown on a page, not a server a client talks to
    return bool(words & _ENDPOINT_WORDS) and not words & _LINK_WORDS


_PICTURE_WORDS = frozenset(
    {"image", "img", "logo", "icon", "avatar", "thumbnail", "favicon", "badge", "banner"}
)


def check_url_dict(idx: ModuleIndex, node: ast.Dict, cell: int | None) -> Iterator[Hit]:
    """``{"url": "http://schema-registry.acme.com"}``: a client configuration (Kafka's
    schema registry, a tracking server, an SDK's options) pointing at a server in clear."""
    keys = {idx.str_const(k) if k is not None else None for k in node.keys}
    if keys & _LINK_DICT_KEYS or ("name" in keys and keys <= _CONTACT_KEYS):
        return  # a link in metadata (OpenAPI's ``contact``, ``license_info``; package data)
    for key, value in zip(node.keys, node.values, strict=True):
        name = idx.str_const(key) if key is not None else None
        if name is not None and endpoint_key(name):
            yield from _url_hit(idx, value, cell, repr(name), "api", literal=True)


#: Keys that say a dictionary describes a document or a person, not a client's server.
_LINK_DICT_KEYS = frozenset({"license", "licence", "email", "identifier", "spdx", "contact"})
_CONTACT_KEYS = frozenset({"name", "url", "email", "identifier"})


def check_assign(
    idx: ModuleIndex, target: ast.expr, value: ast.expr, cell: int | None, lists: CodeLists
) -> Iterator[Hit]:
    const = idx.const(value)
    if isinstance(target, ast.Name):
        yield from _endpoint_constant(idx, target, value, cell)
        return
    if isinstance(target, ast.Attribute):
        shown = dotted_text(target) or target.attr
        if target.attr in ("verify", "check_hostname") and const is False:
            yield hit(
                R.TLS_VERIFICATION_OFF,
                target,
                cell,
                f"{shown} = False turns certificate checks off",
                f"{shown} = False",
            )
        elif target.attr == "verify_mode" and is_cert_none(idx, value):
            yield hit(
                R.TLS_VERIFICATION_OFF,
                target,
                cell,
                f"{shown} = CERT_NONE accepts any certificate",
                f"{shown} = ssl.CERT_NONE",
            )
        elif target.attr == "debug" and const is True and idx.uses_module(*WEB_FRAMEWORKS):
            yield _debug_hit(target, cell, f"{shown} = True")
        return
    if not isinstance(target, ast.Subscript):
        return
    owner = idx.qualname(target.value)
    key = idx.str_const(target.slice)
    if owner == "os.environ":
        yield from _env_value(idx, target.slice, value, cell, lists)
    elif (
        key == "DEBUG"
        and const is True
        and isinstance(target.value, ast.Attribute)
        and target.value.attr == "config"
        and idx.uses_module(*WEB_FRAMEWORKS)
    ):
        yield _debug_hit(target, cell, f'{dotted_text(target.value)}["DEBUG"] = True')


def _debug_hit(node: ast.expr, cell: int | None, evidence: str) -> Hit:
    return hit(
        R.FLASK_DEBUG,
        node,
        cell,
        "debug mode serves the Werkzeug debugger: an interactive console for anyone who "
        "triggers an error",
        evidence,
    )


def _ray_dashboard(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    node = idx.arg(site.call, "dashboard_host")
    text = idx.str_const(node)
    if node is not None and text is not None and ALL_INTERFACES.match(text):
        yield hit(
            R.BIND_ALL,
            node,
            site.cell,
            f"{site.shown} puts the Ray dashboard and Jobs API (code submission, no "
            f"authentication) on all interfaces ({text})",
            f"{site.shown}(..., dashboard_host={text!r})",
            severity=Severity.HIGH,
        )


def check_serving(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    call, func = site.call, site.call.func
    if site.qualname == "ray.init":
        yield from _ray_dashboard(idx, site)
        return
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name not in SERVE_CALLS:
        return
    truthy = _truthy(idx, call)
    if name in ("run", "run_server") and "debug" in truthy and idx.uses_module(*WEB_FRAMEWORKS):
        yield _debug_hit(call, site.cell, f"{site.shown}(..., debug=True)")
    if name == "run_simple" and ("use_debugger" in truthy or "use_evalex" in truthy):
        yield _debug_hit(call, site.cell, f"{site.shown}(..., use_debugger=True)")
    has_auth = idx.arg(call, "auth") is not None
    if name == "launch" and "share" in truthy and not has_auth:
        yield hit(
            R.PUBLIC_SHARE,
            call,
            site.cell,
            f"{site.shown}(share=True) opens a public link to the app, with no auth=",
            f"{site.shown}(..., share=True)",
        )
    if name == "launch" and idx.uses_module("gradio"):
        # each Gradio app is protected by its own launch(auth=...), not by another's
        if has_auth or idx.arg(call, "auth_dependency") is not None:
            return
    elif has_auth or idx.authenticates():
        return
    for options in ("http_options", "grpc_options"):
        # Ray Serve: serve.start(http_options={"host": "0.0.0.0"}) (or an HTTPOptions call)
        holder = idx.arg(call, options)
        items = idx.dict_items(holder) if holder is not None else None
        if items is None and isinstance(holder, ast.Call):
            items = ({kw.arg: kw.value for kw in holder.keywords if kw.arg}, True)
        node = items[0].get("host") if items else None
        text = idx.str_const(node) if node is not None else None
        if node is not None and text is not None and ALL_INTERFACES.match(text):
            yield hit(
                R.BIND_ALL,
                node,
                site.cell,
                f"{site.shown} listens on all interfaces ({text}) and the file shows no "
                "authentication",
                f"{site.shown}({options}={{'host': {text!r}}})",
            )
            return
    position = 0 if name in ("run", "run_simple") and site.qualname != "uvicorn.run" else -1
    for keyword in BIND_KEYWORDS:
        node = idx.arg(call, keyword, position if keyword in ("host", "hostname") else -1)
        text = idx.str_const(node)
        if node is not None and text is not None and ALL_INTERFACES.match(text):
            yield hit(
                R.BIND_ALL,
                node,
                site.cell,
                f"{site.shown} listens on all interfaces ({text}) and the file shows no "
                "authentication",
                f"{site.shown}(..., {keyword}={text!r})",
            )
            return


def _truthy(idx: ModuleIndex, call: ast.Call) -> frozenset[str]:
    """Keywords given a true constant, explicitly or in a ``**dict`` the module spells out."""
    out = set()
    for arg, node in idx.keyword_pairs(call):
        value = idx.const(node)
        if value is not MISSING and isinstance(value, bool | int) and value:
            out.add(arg)
    return frozenset(out)


def check_streamlit(idx: ModuleIndex) -> Iterator[Hit]:
    for module, line, column, cell in idx.imports:
        if module == "streamlit" or module.startswith("streamlit."):
            if idx.authenticates():
                return
            yield Hit(
                rule=R.STREAMLIT_NO_AUTH,
                line=line,
                column=column,
                cell=cell,
                message="Streamlit app with no sign of authentication (st.login, an authenticator)",
                evidence=f"import {module}",
            )
            return
