"""Check for CD130 in client options: certificate checks turned off by a keyword argument,
a ``**dict`` of them, or a client configuration dictionary (librdkafka, ``sslopt``).

>>> from secplan.scanners.code.python import analyze_source
>>> src = "import requests\\nOPTS = {'timeout': 5, 'verify': False}\\nrequests.get(u, **OPTS)"
>>> [(h.rule.id, h.line) for h in analyze_source(src)]
[('CD130', 2)]
>>> src = "from kafka import KafkaConsumer\\nKafkaConsumer('t', ssl_check_hostname=False)"
>>> [(h.rule.id, h.line) for h in analyze_source(src)]
[('CD130', 2)]
>>> analyze_source("CONF = {'enable.ssl.certificate.verification': 'true'}")
[]
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from secplan.model.finding import Confidence
from secplan.scanners.code import rules_run as R
from secplan.scanners.code._hit import CallSite, Hit, hit
from secplan.scanners.code.checks_net import (
    HTTP_CLIENTS,
    HTTP_METHODS,
    env_default,
    is_cert_none,
)
from secplan.scanners.code.pyindex import MISSING, ModuleIndex, dotted_text

#: Modules whose clients take ``verify=`` as "check the server's certificate" (HTTP clients,
#: and SDKs built on them).
VERIFY_CLIENTS = HTTP_CLIENTS | frozenset(
    {
        "boto3",
        "botocore",
        "aiobotocore",
        "s3fs",
        "hvac",
        "gitlab",
        "clickhouse_connect",
        "openai",
        "huggingface_hub",
        "mlflow",
        "kfp",
        "zeep",
    }
)
#: Keywords whose very name says "check certificates / host names", on any client: off
#: when given a false value (kafka-python, aiokafka, Elasticsearch, OpenSearch, MinIO, ...).
CHECK_KEYWORDS = frozenset(
    {
        "check_hostname",
        "ssl_check_hostname",
        "verify_certs",
        "ssl_verify",
        "verify_ssl",
        "tls_verify",
        "verify_tls",
        "ssl_verify_cert",
        "validate_certs",
        "ssl_assert_hostname",
        "cert_check",
        "enable_ssl_certificate_verification",
    }
)
#: Keywords that turn checks off when true (pymongo / MongoDB URI options).
INSECURE_KEYWORDS = frozenset(
    {
        "tlsAllowInvalidCertificates",
        "tlsAllowInvalidHostnames",
        "tlsInsecure",
        "ssl_allow_invalid_certificates",
        "insecure_skip_tls_verify",
        "insecure_skip_verify",
    }
)
#: Keywords that take a verification mode (``ssl.CERT_NONE``); redis also takes ``None``.
CERT_REQS_KEYWORDS = frozenset({"cert_reqs", "ssl_cert_reqs", "tls_cert_reqs", "validate"})
#: Keys of client configuration dictionaries (librdkafka, Java-style Kafka clients) and the
#: values that turn checks off.
_OFF_TEXT = frozenset({"false", "0", "no", "off"})
_NONE_TEXT = frozenset({"", "none"})
TLS_DICT_KEYS = frozenset(
    {
        "enable.ssl.certificate.verification",
        "ssl.endpoint.identification.algorithm",
        "ssl.check.hostname",
        "sslopt",
    }
    | CHECK_KEYWORDS
    | INSECURE_KEYWORDS
    | CERT_REQS_KEYWORDS
)


_URI_KEYWORDS = frozenset({"host", "url", "uri", "dsn", "connection_string", "conn_str"})


def _off(value: object) -> bool:
    """``False``, ``0`` or a string that says so (``"false"``: librdkafka takes strings)."""
    if isinstance(value, str):
        return value.strip().lower() in _OFF_TEXT
    return isinstance(value, bool | int) and not value


def _on(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "on")
    return value is True or (isinstance(value, int) and value == 1)


def why_off(idx: ModuleIndex, name: str, node: ast.expr, *, call: bool = True) -> str | None:
    """``"name=value"`` when setting ``name`` to ``node`` turns certificate checks off."""
    value = idx.const(node)
    if name in CHECK_KEYWORDS and _off(value):
        return f"{name}={value!r}"
    if name in INSECURE_KEYWORDS and _on(value):
        return f"{name}={value!r}"
    if name in CERT_REQS_KEYWORDS and (
        is_cert_none(idx, node) or (name == "ssl_cert_reqs" and value is None and call)
    ):
        return f"{name}=CERT_NONE" if value is not None else f"{name}=None"
    if name == "enable.ssl.certificate.verification" and _off(value):
        return f"{name}={value!r}"
    if name == "ssl.check.hostname" and _off(value):
        return f"{name}={value!r}"
    if (
        name == "ssl.endpoint.identification.algorithm"
        and isinstance(value, str)
        and value.strip().lower() in _NONE_TEXT
    ):
        return f"{name}={value!r}"
    return None


def check_uri_call(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    """A connection string with certificate checks off, passed first or as ``url=``."""
    call = site.call
    nodes = [kw.value for kw in call.keywords if kw.arg in _URI_KEYWORDS]
    for node in [*call.args[:1], *nodes]:
        # a name is reported where it is assigned (check_tls_assign), once
        if isinstance(node, ast.Constant | ast.JoinedStr | ast.BinOp):
            yield from _uri_hit(idx, node, site.cell, site.shown)


def check_tls_call(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    call, shown = site.call, site.shown
    qualname = site.qualname or ""
    if qualname == "functools.partial" and call.args:
        qualname = idx.qualname(call.args[0]) or qualname  # the function it wraps
    top = qualname.split(".", 1)[0]
    func = call.func
    method = qualname.rsplit(".", 1)[-1] if qualname else ""
    if isinstance(func, ast.Attribute) and not site.qualname:
        method = func.attr
    http = top in HTTP_CLIENTS or method in HTTP_METHODS
    sdk = method in ("client", "resource") and idx.uses_module("boto3", "aiobotocore")
    verifies = http or top in VERIFY_CLIENTS or sdk
    aio = top == "aiohttp" or idx.uses_module("aiohttp")
    for name, node in idx.keyword_pairs(call):
        value = idx.const(node) if name in ("verify", "ssl") else MISSING
        off = value is not MISSING and value is not None and not value
        if name == "verify" and off and verifies:
            why: str | None = "verify=False"
        elif name == "verify" and http and _hidden_off(idx, node, value):
            yield hit(
                R.TLS_VERIFICATION_OFF,
                node,
                site.cell,
                f"{shown} takes verify= from a setting while the file silences the warnings "
                "unverified requests give (urllib3.disable_warnings): checks are meant to be off",
                f"{shown}(..., verify={dotted_text(node) or '...'})",
                confidence=Confidence.MEDIUM,
            )
            continue
        elif name == "ssl" and off and aio and http:
            why = "ssl=False"
        elif name == "sslopt":
            yield from _sslopt(idx, node, site)
            continue
        else:
            why = why_off(idx, name, node)
        if why is None:
            continue
        if why in ("verify=False", "verify_ssl=False", "ssl=False") and _plain_url(idx, call):
            continue  # no TLS to verify on an http:// URL (reported as plain HTTP instead)
        yield hit(
            R.TLS_VERIFICATION_OFF,
            node,
            site.cell,
            f"{shown} with {why}: the server's certificate is not checked",
            f"{shown}(..., {why})",
        )


def _sslopt(idx: ModuleIndex, node: ast.expr, site: CallSite) -> Iterator[Hit]:
    """websocket-client: ``sslopt={"cert_reqs": ssl.CERT_NONE}``."""
    items = idx.dict_items(node)
    for name, value in (items[0] if items else {}).items():
        why = why_off(idx, name, value)
        if why is not None:
            yield hit(
                R.TLS_VERIFICATION_OFF,
                value,
                site.cell,
                f"{site.shown} with sslopt {why}: the server's certificate is not checked",
                f"{site.shown}(..., sslopt={{{why}}})",
            )


def check_tls_dict(idx: ModuleIndex, node: ast.Dict, cell: int | None) -> Iterator[Hit]:
    """A configuration dictionary that turns checks off, wherever it goes (a librdkafka
    ``Producer(conf)``, a Java-style properties dictionary, ``connect_args``)."""
    for key, value in zip(node.keys, node.values, strict=True):
        name = idx.str_const(key) if key is not None else None
        if name is None or name not in TLS_DICT_KEYS or name == "sslopt":
            continue
        why = why_off(idx, name, value, call=False)
        if why is not None:
            yield hit(
                R.TLS_VERIFICATION_OFF,
                value,
                cell,
                f"client configuration sets {why}: the server's certificate is not checked",
                f"{{{name!r}: {idx.const(value)!r}}}",
            )


def _hidden_off(idx: ModuleIndex, node: ast.expr, value: object) -> bool:
    """``verify=`` a setting decided at run time (not a literal, not a CA bundle path) in a
    file that silences ``InsecureRequestWarning``."""
    if not idx.silences_tls_warnings or value is not MISSING:
        return False
    if isinstance(node, ast.Call) and dotted_text(node.func).endswith(("where", "certs")):
        return False  # certifi.where(): a CA bundle
    if _CA_NAME.search(dotted_text(node)):
        return False  # verify=CA_BUNDLE, verify=settings.ca_cert_path
    default = env_default(idx, node)
    text = idx.str_const(default) if default is not None else None
    if text is not None and text.strip().lower() not in _OFF_TEXT | {""}:
        return False  # os.environ.get("CA", "/etc/ssl/ca.pem")
    return isinstance(node, ast.Name | ast.Attribute | ast.Subscript | ast.Compare | ast.Call)


_CA_NAME = re.compile(r"(?i)(?:^|[._])(?:ca|cacert|cafile|bundle|cert|certs|pem|certificate)")


#: Connection-string options and schemes that accept any certificate: MongoDB's
#: ``tlsAllowInvalidCertificates=true``, redis-py's ``ssl_cert_reqs=none``, Neo4j's ``+ssc``.
_INSECURE_URI = re.compile(
    r"(?i)[?&;](?:tlsAllowInvalidCertificates|tlsAllowInvalidHostnames|tlsInsecure|"
    r"sslAllowInvalidCertificates|sslAllowInvalidHostnames)=(?:true|1)\b"
    r"|[?&;](?:ssl_cert_reqs|tls_cert_reqs)=(?:none|cert_none)\b"
    r"|^[a-z0-9]+\+ssc://"
)


def insecure_uri(text: str) -> str | None:
    """The option or scheme of a connection string that turns certificate checks off.

    >>> insecure_uri("mongodb://db.acme.net/?tls=true&tlsAllowInvalidCertificates=true")
    '&tlsAllowInvalidCertificates=true'
    >>> insecure_uri("neo4j+ssc://graph.acme.net:7687"), insecure_uri("neo4j+s://g:7687")
    ('neo4j+ssc://', None)
    """
    m = _INSECURE_URI.search(text[:4096])
    return m.group(0) if m else None


def _uri_hit(idx: ModuleIndex, node: ast.expr, cell: int | None, where: str) -> Iterator[Hit]:
    text = idx.str_const(node)
    option = insecure_uri(text) if text else None
    if option is not None:
        yield hit(
            R.TLS_VERIFICATION_OFF,
            node,
            cell,
            f"{where} connects with {option.lstrip('?&;')}: the server's certificate is not "
            "checked",
            option.lstrip("?&;"),
        )


def check_tls_assign(
    idx: ModuleIndex, target: ast.expr, value: ast.expr, cell: int | None
) -> Iterator[Hit]:
    """``cfg.verify_ssl = False`` (the Kubernetes client), ``conf["ssl.check.hostname"] =
    "false"``, ``MONGO_URI = "...tlsAllowInvalidCertificates=true"``."""
    if isinstance(target, ast.Name):
        yield from _uri_hit(idx, value, cell, target.id)
        return
    if isinstance(target, ast.Attribute):
        name: str | None = target.attr
        if name in ("verify", "check_hostname"):
            return  # judged with the other attributes of ssl contexts and sessions
    elif isinstance(target, ast.Subscript):
        name = idx.str_const(target.slice)
    else:
        return
    if name is None or name not in TLS_DICT_KEYS:
        return
    why = why_off(idx, name, value, call=False)
    if why is not None:
        shown = dotted_text(target) or name
        yield hit(
            R.TLS_VERIFICATION_OFF,
            target,
            cell,
            f"setting {why} turns certificate checks off",
            f"{shown} = {idx.const(value)!r}" if isinstance(target, ast.Attribute) else why,
        )


def _plain_url(idx: ModuleIndex, call: ast.Call) -> bool:
    """The request's URL is known to start with ``http://``."""
    func = call.func
    position = 1 if isinstance(func, ast.Attribute) and func.attr == "request" else 0
    node = idx.arg(call, "url", position)
    prefix = idx.literal_prefix(node) if node is not None else None
    return prefix is not None and prefix[0][:7].lower() == "http://"


#: Methods that set one named setting from two arguments: Spark's
#: ``SparkSession.builder.config(key, value)`` and ``SparkConf().set(key, value)``, Hadoop
#: and client configuration objects.
SETTING_METHODS = frozenset({"config", "set", "setdefault", "option"})


def check_setting_pair(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    """``.config("spark.hadoop.fs.s3a.connection.ssl.enabled", "false")``: a setting, named
    and given a constant, that turns a client's TLS (CD131) or its certificate checks
    (CD130) off, judged as the same key in a configuration file is."""
    # imported here: the command engine itself uses the code package's lists
    from secplan.scanners.platform_config.commands import tls_setting_hits

    call = site.call
    if len(call.args) != 2 or call.keywords:
        return
    name, value = idx.str_const(call.args[0]), idx.const(call.args[1])
    if name is None or "." not in name or not isinstance(value, str | bool | int):
        return
    for h in tls_setting_hits(name, value):
        rule = R.PLAINTEXT_URL if h.rule.id == R.PLAINTEXT_URL.id else R.TLS_VERIFICATION_OFF
        yield hit(rule, call.args[1], site.cell, h.message, h.evidence)
