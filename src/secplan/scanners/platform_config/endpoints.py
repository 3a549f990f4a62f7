"""Service endpoints over plain HTTP in an application's own configuration files.

A YAML, TOML, INI or ``.conf`` file that sets a key naming a service (``tracking_uri``,
``feature_store``, ``vector_db``, ``endpoint``, ``upstream``...) to an ``http://`` URL on a
public or corporate host sends that traffic in clear text. The file is read line by line (a
``key: value`` or ``key = value`` line), never loaded; loopback, link-local and cluster-local
hosts are left alone, as are keys that name documentation or links (``homepage``, ``docs``,
``license``...) and the configuration of CI, documentation and packaging tools.

>>> [(n, k) for n, k, _ in endpoint_lines("sink:\\n  feature_store: http://feast.corp.example:6566\\n")]
[(2, 'feature_store')]
>>> list(endpoint_lines("homepage: http://project.example.org\\ncache: http://redis:6379\\n"))
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import ClassVar

from secplan.model import Artifact, ArtifactKind, Finding, Location, Rule, Severity
from secplan.scanners._base import ScanContext
from secplan.scanners.code._lists import code_lists
from secplan.scanners.code.checks_load import LOCAL_FIRST
from secplan.scanners.code.checks_net import plain_http_host, shown_url
from secplan.scanners.code.rules_load import UNPINNED_REVISION
from secplan.scanners.code.rules_run import PLAINTEXT_URL
from secplan.scanners.code.secret_generic import spaced_settings
from secplan.scanners.platform_config.commands import Hit, config_setting_hits
from secplan.scanners.platform_config.rules import (
    REMOTE_CODE_TRUSTED,
    UNAUTHENTICATED_SERVER,
    UNVERIFIED_TLS_DOWNLOAD,
)
from secplan.textfile import TooLarge, read_text

MAX_ENDPOINT_FILE_BYTES = 1 << 20
MAX_LINE = 2000
_FORMATS = frozenset({"yaml", "toml", "ini", "conf", "json", "pbtxt"})
_LINE = re.compile(
    r"""^\s*(?:-\s*)?["']?([A-Za-z_][\w.-]{0,80})["']?\s*[:=]\s*["']?(http://[^\s"',#]+)"""
)
_SETTING_LINE = re.compile(
    r"""^\s*(?:-\s*)?["']?([A-Za-z_][\w./-]{0,120})["']?\s*[:=]\s*["']?([\w.-]{1,8})["']?"""
    r"""[ \t]*(?:,[ \t]*)?(?:#.*)?$"""
)
#: Words of a key that name a service the application talks to.
_SERVICE_WORDS = frozenset(
    {
        "url",
        "uri",
        "endpoint",
        "host",
        "server",
        "address",
        "api",
        "base",
        "store",
        "db",
        "database",
        "registry",
        "broker",
        "tracking",
        "upstream",
        "backend",
        "mirror",
        "index",
        "proxy",
        "service",
        "gateway",
        "webhook",
        "sink",
        "collector",
        "exporter",
    }
)
#: Words of a key that name a link for people, not a service.
_LINK_WORDS = frozenset(
    {
        "homepage",
        "home",
        "docs",
        "documentation",
        "license",
        "repository",
        "repo",
        "source",
        "website",
        "site",
        "issues",
        "changelog",
        "bugs",
        "funding",
        "schema",
        "image",
        "logo",
        "terms",
        "contact",
    }
)
#: Configuration of tools around the project, not of the application.
_TOOL_FILES = re.compile(
    r"^(?:mkdocs|\.readthedocs|\.pre-commit-config|codecov|\.codecov|dependabot|renovate|"
    r"\.gitlab-ci|azure-pipelines|bitbucket-pipelines|\.travis|appveyor|netlify|vercel|"
    r"pyproject|setup|tox|environment|conda|meta|citation|_config)\b",
    re.IGNORECASE,
)


#: JSON files of editors, web tooling and packaging, not of the application.
_TOOL_JSON = re.compile(
    r"^\.?(?:package|package-lock|tsconfig|jsconfig|composer|eslintrc|babelrc|lerna|launch|"
    r"settings|devcontainer|manifest|app|bower|vercel|firebase|nx|turbo|deno)\b",
    re.IGNORECASE,
)


def _words(key: str) -> set[str]:
    """The words of a key; one run together with ``url``/``uri`` (DVC's ``endpointurl``)
    counts as naming a URL too."""
    words = set(re.split(r"[_.\-]+", re.sub(r"([a-z])([A-Z])", r"\1_\2", key).lower()))
    return words | {
        w[-3:] for w in words if w.endswith(("url", "uri")) and w[:-3] in _SERVICE_WORDS
    }


def _service_url(key: str, url: str) -> bool:
    """Whether ``key`` names a service and ``url`` is a plain-HTTP URL on a non-local host."""
    words = _words(key)
    if words & _LINK_WORDS or (not words & _SERVICE_WORDS and not _parent_service(key)):
        return False
    return plain_http_host(url) is not None


def endpoint_lines(text: str) -> Iterator[tuple[int, str, str]]:
    """``(line, key, url)`` of each service key set to a plain-HTTP, non-local URL."""
    for number, raw in enumerate(text.splitlines(), 1):
        m = _LINE.match(raw[:MAX_LINE])
        if m is None:
            continue
        key, url = m.groups()
        if _service_url(key, url):
            yield number, key, url


_VALUE_LINE = re.compile(
    r"""^\s*(?:-\s*)?["']?([A-Za-z_][\w.-]{0,80})["']?\s*[:=]\s*["']?([^"'#\s][^"'#]*)"""
)
#: A connection string's option that turns TLS off: redis-py's and Feast's ``ssl=false``,
#: MongoDB's ``tls=false``, libpq's ``sslmode=disable``, MySQL's ``useSSL=false``, SQL
#: Server's ``Encrypt=False``.
_CONN_TLS_OFF = re.compile(
    r"(?:^|[,;?&\s])(ssl|tls|use_?ssl|sslmode|encrypt)\s*=\s*(false|0|no|off|disabled?)(?=$|[,;&\s])",
    re.IGNORECASE,
)
_CONN_HOST = re.compile(
    r"^(?:[a-z][\w+.-]*://(?:[^@/\s]*@)?)?\[?([\w.:-]+?)\]?(?::\d+)?(?=$|[,;/?\s])"
)


def connection_tls_lines(text: str) -> Iterator[tuple[int, str, str]]:
    """``(line, key, option)`` of each connection string (``redis.corp:6379,ssl=false``,
    ``postgresql://db.corp/x?sslmode=disable``) that names a host outside the machine and
    the cluster and turns TLS off: credentials and data cross the network in clear.

    >>> [(n, o) for n, _, o in connection_tls_lines('url: "redis.corp.example:6379,ssl=false"\\n')]
    [(1, 'ssl=false')]
    >>> list(connection_tls_lines("url: localhost:6379,ssl=false\\n"))
    []
    """
    for number, raw in enumerate(text.splitlines()[:MAX_NGINX_LINES], 1):
        m = _VALUE_LINE.match(raw[:MAX_LINE])
        if m is None or "=" not in m.group(2):
            continue
        key, value = m.group(1), m.group(2).strip()
        off = _CONN_TLS_OFF.search(value)
        host = _CONN_HOST.match(value)
        if off is None or host is None or "." not in host.group(1):
            continue
        if plain_http_host("http://" + host.group(1)):
            yield number, key, f"{off.group(1)}={off.group(2)}"


_PBTXT_KEY = re.compile(r"""\bkey\s*:\s*["']([^"'\n]{1,80})["']""")
_PBTXT_URL = re.compile(r"""\bstring_value\s*:\s*["'](http://[^"'\s]+)["']""")
#: How many lines after a parameter's ``key`` its ``value`` may be written on.
_PBTXT_WINDOW = 3


def pbtxt_endpoint_lines(text: str) -> Iterator[tuple[int, str, str]]:
    """``(line, key, url)`` of each parameter of a protobuf text configuration (a Triton
    model's ``config.pbtxt``: ``parameters { key: "vocab_url" value: { string_value:
    "http://..." } }``) whose key names a service and whose value is a plain-HTTP URL on a
    non-local host.

    >>> text = 'key: "vocab_url"\\n  value: { string_value: "http://a.corp.example/v" }\\n'
    >>> [(n, k) for n, k, _ in pbtxt_endpoint_lines(text)]
    [(2, 'vocab_url')]
    """
    key, key_at = "", 0
    for number, raw in enumerate(text.splitlines()[:MAX_NGINX_LINES], 1):
        line = raw[:MAX_LINE]
        found = _PBTXT_KEY.search(line)
        if found is not None:
            key, key_at = found.group(1), number
        value = _PBTXT_URL.search(line)
        if value is None or not key or number - key_at > _PBTXT_WINDOW:
            continue
        if _service_url(key, value.group(1)):
            yield number, key, value.group(1)


def setting_lines(text: str) -> Iterator[tuple[int, Hit]]:
    """``(line, hit)`` of each ``key: value`` line that turns a client's TLS or certificate
    checks off (``s3-usehttps: "0"``, ``verify_ssl: false``, ``insecureSkipVerify: true``),
    or trusts a model's own code (``trust_remote_code: true``).

    >>> text = 'use_https: "0"\\nverify_ssl: true\\n"trust_remote_code": true,\\n'
    >>> [(n, h.rule.id) for n, h in setting_lines(text)]
    [(1, 'CD131'), (3, 'CF121')]
    """
    for number, raw in enumerate(text.splitlines(), 1):
        m = _SETTING_LINE.match(raw[:MAX_LINE])
        if m is not None:
            for hit in config_setting_hits(m.group(1), m.group(2)):
                yield number, hit


_REVISION_LINE = re.compile(
    r"""^(\s*)(?:-\s*)?["']?([A-Za-z_][\w.-]{0,60})["']?\s*[:=]\s*["']?([\w.-]{1,40})["']?"""
    r"""[ \t]*(?:,[ \t]*)?(?:#.*)?$"""
)
_HUB_ID_LINE = re.compile(
    r"""^(\s*)(?:-\s*)?["']?([A-Za-z_][\w.-]{0,60})["']?\s*[:=]\s*["']?"""
    r"""([A-Za-z0-9][\w.-]*/[\w.-]+)["']?[ \t]*(?:,[ \t]*)?(?:#.*)?$"""
)
#: Words of a key that holds a path or an address rather than a Hub repository id.
_NOT_HUB_WORDS = frozenset(
    {"path", "dir", "folder", "file", "root", "output", "save", "url", "uri", "image", "local"}
)
#: Keys of training and serving configurations that name the model to download
#: (Transformers' and Axolotl's, LitGPT's, vLLM's and TGI's configuration files); the chart
#: and configuration scanner judges them with their revisions.
CONFIG_MODEL_KEYS = (
    "model_name_or_path",
    "pretrained_model_name_or_path",
    "base_model",
    "base_model_id",
    "tokenizer_name_or_path",
    "model_id",
    "hf_model_id",
)
#: How many lines around a revision the Hub id it pins may be written on.
_REVISION_WINDOW = 6


def revision_lines(text: str) -> Iterator[tuple[int, str, str, str]]:
    r"""``(line, key, branch, repo)`` of each revision key (``revision``,
    ``HF_MODEL_REVISION``, ``model_revision``) set to a branch (``main``, ``master``) beside a
    key naming a Hub repository at the same depth: a branch is not a pin, whatever the
    repository's owner pushes to it next is what the program loads.

    >>> list(revision_lines("model:\n  name: org/m\n  revision: main\n"))
    [(3, 'revision', 'main', 'org/m')]
    >>> list(revision_lines("model:\n  name: org/m\n  revision: " + "0a" * 20 + "\n"))
    []
    """
    lines = text.splitlines()
    refs = code_lists().mutable_refs
    for number, raw in enumerate(lines, 1):
        m = _REVISION_LINE.match(raw[:MAX_LINE])
        if m is None or not m.group(2).lower().replace("-", "_").endswith("revision"):
            continue
        indent, key, value = m.groups()
        if value not in refs:
            continue
        lo, hi = max(0, number - 1 - _REVISION_WINDOW), min(len(lines), number + _REVISION_WINDOW)
        for other in lines[lo:hi]:
            h = _HUB_ID_LINE.match(other[:MAX_LINE])
            if h is None or h.group(1) != indent or _words(h.group(2)) & _NOT_HUB_WORDS:
                continue
            repo = h.group(3)
            if repo.split("/", 1)[0].lower() in LOCAL_FIRST or repo.startswith("."):
                continue
            if h.group(2) not in CONFIG_MODEL_KEYS:
                yield number, key, value, repo
            break


def _parent_service(key: str) -> bool:
    """Keys under an ``upstreams:``-like section are named by the service itself
    (``qdrant: http://...``); only the key is seen here, so names of well-known data and
    model services count too."""
    return key.lower() in _KNOWN_SERVICES


_KNOWN_SERVICES = frozenset(
    {
        "mlflow",
        "qdrant",
        "milvus",
        "weaviate",
        "chroma",
        "elasticsearch",
        "opensearch",
        "redis",
        "minio",
        "feast",
        "triton",
        "torchserve",
        "ollama",
        "vllm",
        "tgi",
        "kserve",
        "wandb",
        "clearml",
        "label_studio",
        "prometheus",
        "kafka",
        "postgres",
        "s3",
    }
)


_NGINX_SERVER = re.compile(r"^\s*server\s*\{")
_NGINX_DIRECTIVE = re.compile(r"^\s*(listen|server_name|return|rewrite)\s([^;#]*)")
_TO_HTTPS = re.compile(r"https://|\$scheme")
MAX_NGINX_LINES = 20000


def nginx_plain_listeners(text: str) -> Iterator[tuple[int, str, str]]:
    """``(line, listen arguments, server name)`` of each nginx ``server`` block that serves a
    public name on a port without TLS and does not send its clients to ``https://``
    (``return 301 https://...``). Blocks are found by their braces; comments are left out."""
    depth, start_depth = 0, None
    listens: list[tuple[int, str]] = []
    names: list[str] = []
    redirects = False
    for number, raw in enumerate(text.splitlines()[:MAX_NGINX_LINES], 1):
        line = raw.split("#", 1)[0][:MAX_LINE]
        if start_depth is None and _NGINX_SERVER.match(line):
            start_depth, listens, names, redirects = depth, [], [], False
        m = _NGINX_DIRECTIVE.match(line) if start_depth is not None else None
        if m is not None:
            directive, args = m.group(1), m.group(2).strip()
            if directive == "listen":
                listens.append((number, args))
            elif directive == "server_name":
                names += args.split()
            elif _TO_HTTPS.search(args):
                redirects = True
        depth += line.count("{") - line.count("}")
        if start_depth is not None and depth <= start_depth:
            public = [n for n in names if "." in n and plain_http_host("http://" + n)]
            if public and not redirects:
                for n, args in listens:
                    if not {"ssl", "quic", "http3"} & set(args.replace(":", " ").split()):
                        yield n, args, public[0]
            start_depth = None


_NGINX_VERIFY_OFF = re.compile(r"^\s*((?:proxy|grpc|uwsgi)_ssl_verify)\s+off\s*;")


def nginx_unverified_upstreams(text: str) -> Iterator[tuple[int, str]]:
    """``(line, directive)`` of each ``proxy_ssl_verify off;`` (``grpc_``, ``uwsgi_``): nginx
    proxies to an https:// upstream without checking its certificate."""
    for number, raw in enumerate(text.splitlines()[:MAX_NGINX_LINES], 1):
        m = _NGINX_VERIFY_OFF.match(raw.split("#", 1)[0][:MAX_LINE])
        if m is not None:
            yield number, m.group(1)


_NGINX_PLAIN_PASS = re.compile(
    r"(?:^|[\s{;])((?:proxy|grpc|uwsgi)_pass)\s+((?:http|grpc)://[^\s;]+)\s*;"
)


def nginx_plain_upstreams(text: str) -> Iterator[tuple[int, str, str]]:
    """``(line, directive, url)`` of each ``proxy_pass http://host/;`` (``grpc_pass
    grpc://``) to a host outside the machine and its cluster: nginx forwards what clients
    sent it over TLS (logins, prompts, tokens) in clear to that host."""
    for number, raw in enumerate(text.splitlines()[:MAX_NGINX_LINES], 1):
        m = _NGINX_PLAIN_PASS.search(raw.split("#", 1)[0][:MAX_LINE])
        if m is not None and plain_http_host("http://" + m.group(2).split("://", 1)[1]):
            yield number, m.group(1), m.group(2)


#: An Azure ML online endpoint definition (managed or Kubernetes), by its schema.
_AZUREML_ENDPOINT = re.compile(r"azureml\w*\.azureedge\.net/.*OnlineEndpoint\.schema", re.I)
_NO_AUTH_MODE = re.compile(r"^auth_mode\s*:\s*[\"']?none[\"']?\s*(?:#.*)?$", re.I)


_SPARK_SETTING = re.compile(r"^[ \t]*(spark\.[\w.]+)[ \t]*[=:][ \t]*(\S+)[ \t]*(?:#.*)?$")


def spark_lines(name: str, text: str) -> Iterator[tuple[int, Hit]]:
    """``(line, hit)`` of Spark settings (``spark-defaults.conf``, ``key value`` or
    ``key=value``) that leave its RPC open: ``spark.authenticate false`` (no shared secret:
    anyone who reaches the master or an executor submits work), and a ``spark://`` master on
    a host outside the machine and the cluster with ``spark.network.crypto.enabled`` not on
    (jobs, data and credentials cross the network in clear).

    >>> text = "spark.master  spark://m.corp.example:7077\\nspark.authenticate  false\\n"
    >>> [(n, h.rule.id) for n, h in spark_lines("spark-defaults.conf", text)]
    [(1, 'CD131'), (2, 'CF117')]
    """
    settings: dict[str, tuple[int, str]] = {}
    for number, raw in enumerate(spaced_settings(name, text).splitlines()[:MAX_NGINX_LINES], 1):
        m = _SPARK_SETTING.match(raw[:MAX_LINE])
        if m is not None:
            settings[m.group(1)] = (number, m.group(2).strip("'\""))
    auth = settings.get("spark.authenticate")
    crypto = settings.get("spark.network.crypto.enabled", (0, "false"))[1].lower()
    master = settings.get("spark.master")
    if master is not None and master[1].lower().startswith("spark://") and crypto != "true":
        host = plain_http_host("http://" + master[1][len("spark://") :].split(",")[0])
        if host:
            yield (
                master[0],
                Hit(
                    PLAINTEXT_URL,
                    f"Spark reaches its master {host} without RPC encryption "
                    "(spark.network.crypto.enabled is not on): jobs, data and secrets cross "
                    "the network in clear",
                    f"spark.master {master[1][:100]}",
                ),
            )
    if auth is not None and auth[1].lower() in ("false", "0", "no"):
        yield (
            auth[0],
            Hit(
                UNAUTHENTICATED_SERVER,
                "spark.authenticate is off: Spark's master and executors accept connections "
                "(and work) from anyone who reaches them",
                "spark.authenticate false",
            ),
        )


#: Tools' INI-style configuration without an extension: DVC's remotes (``endpointurl``).
_TOOL_INI = frozenset({".dvc/config", ".dvc/config.local"})


def _applies(artifact: Artifact) -> bool:
    rel = artifact.relpath
    if any(rel == c or rel.endswith("/" + c) for c in _TOOL_INI):
        return True
    if artifact.kind is not ArtifactKind.CONFIG or artifact.format not in _FORMATS:
        return False
    path = PurePosixPath(artifact.relpath)
    if {".github", ".gitlab", ".circleci", "docs", ".vscode", "node_modules"} & set(
        path.parts[:-1]
    ):
        return False
    if artifact.format == "json" and _TOOL_JSON.match(path.name):
        return False
    return not _TOOL_FILES.match(path.name)


def config_lines_reported(artifact: Artifact, text: str) -> frozenset[tuple[str, int]]:
    """``(rule, line)`` of what :class:`EndpointConfigScanner` reports in a file, so that
    another scanner of the same file (chart values' environment maps) does not repeat it."""
    if not _applies(artifact):
        return frozenset()
    lines = {(PLAINTEXT_URL.id, n) for n, _, _ in endpoint_lines(text)}
    lines |= {(UNPINNED_REVISION.id, n) for n, _, _, _ in revision_lines(text)}
    return frozenset(lines | {(h.rule.id, n) for n, h in setting_lines(text)})


class EndpointConfigScanner:
    """Plain-HTTP service endpoints in the application's configuration files."""

    name: ClassVar[str] = "config-endpoints"
    rules: ClassVar[tuple[Rule, ...]] = (
        PLAINTEXT_URL,
        UNVERIFIED_TLS_DOWNLOAD,
        REMOTE_CODE_TRUSTED,
        UNPINNED_REVISION,
        UNAUTHENTICATED_SERVER,
    )

    def applies_to(self, artifact: Artifact) -> bool:
        return _applies(artifact)

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        try:
            text = read_text(artifact.path, MAX_ENDPOINT_FILE_BYTES)
        except (TooLarge, OSError):
            return  # the secrets scanner reports files it cannot read
        lines = pbtxt_endpoint_lines if artifact.format == "pbtxt" else endpoint_lines
        for number, key, url in lines(text):
            yield PLAINTEXT_URL.at(
                Location(path=artifact.relpath, line=number),
                f"{key} points at a plain-HTTP service: traffic can be read and changed",
                evidence=f"{key}: {shown_url(url)}",
            )
        for number, key, option in connection_tls_lines(text) if "=" in text else ():
            yield PLAINTEXT_URL.at(
                Location(path=artifact.relpath, line=number),
                f"{key} connects with {option}: credentials and data cross the network in clear",
                evidence=f"{key}: ...{option}",
            )
        tool_ini = artifact.kind is not ArtifactKind.CONFIG  # TLS keys: the secrets scanner's
        for number, hit in () if tool_ini else setting_lines(text):
            yield hit.rule.at(
                Location(path=artifact.relpath, line=number), hit.message, evidence=hit.evidence
            )
        if artifact.format == "conf" and "_ssl_verify" in text:
            for number, directive in nginx_unverified_upstreams(text):
                yield UNVERIFIED_TLS_DOWNLOAD.at(
                    Location(path=artifact.relpath, line=number),
                    f"nginx proxies with {directive} off: whoever sits between it and the "
                    "upstream can answer in its place",
                    evidence=f"{directive} off",
                )
        if artifact.format == "conf" and "_pass" in text:
            for number, directive, url in nginx_plain_upstreams(text):
                yield PLAINTEXT_URL.at(
                    Location(path=artifact.relpath, line=number),
                    f"nginx forwards requests with {directive} to {shown_url(url)} over plain "
                    "HTTP: what clients sent it (logins, prompts, tokens) crosses the network "
                    "in clear",
                    evidence=f"{directive} {shown_url(url)}",
                )
        if "auth_mode" in text and _AZUREML_ENDPOINT.search(text):
            for number, raw in enumerate(text.splitlines()[:MAX_NGINX_LINES], 1):
                if _NO_AUTH_MODE.match(raw):
                    yield UNAUTHENTICATED_SERVER.at(
                        Location(path=artifact.relpath, line=number),
                        "Azure ML online endpoint with auth_mode: none: anyone who reaches "
                        "its scoring URI can call the model",
                        evidence="auth_mode: none",
                    )
        for number, key, branch, repo in revision_lines(text):
            yield UNPINNED_REVISION.at(
                Location(path=artifact.relpath, line=number),
                f"{key} pins {repo!r} to the branch {branch!r}, not a 40-character commit: "
                "whatever is pushed to the branch next is what loads",
                evidence=f"{key}: {branch}",
                severity=Severity.MEDIUM,
            )
        if "spark." in text:
            for number, hit in spark_lines(artifact.name, text):
                yield hit.rule.at(
                    Location(path=artifact.relpath, line=number), hit.message, evidence=hit.evidence
                )
        if artifact.format == "conf" and "server" in text and "listen" in text:
            for number, args, name in nginx_plain_listeners(text):
                yield PLAINTEXT_URL.at(
                    Location(path=artifact.relpath, line=number),
                    f"nginx serves {name} without TLS and does not redirect to https://: "
                    "logins and data cross the network in clear",
                    evidence=f"listen {args}; server_name {name}",
                )


__all__ = [
    "CONFIG_MODEL_KEYS",
    "EndpointConfigScanner",
    "config_lines_reported",
    "connection_tls_lines",
    "endpoint_lines",
    "nginx_plain_listeners",
    "nginx_plain_upstreams",
    "nginx_unverified_upstreams",
    "pbtxt_endpoint_lines",
    "revision_lines",
    "setting_lines",
    "spark_lines",
]
