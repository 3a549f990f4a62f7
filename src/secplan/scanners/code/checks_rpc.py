"""Check for CD132: gRPC channels and server ports without TLS, and Triton clients.

>>> from secplan.scanners.code.python import analyze_source
>>> [h.rule.id for h in analyze_source("import grpc\\ngrpc.insecure_channel('triton.prod:8001')")]
['CD132']
>>> analyze_source("import grpc\\ngrpc.insecure_channel('localhost:8001')")
[]
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from secplan.model import Rule
from secplan.model.finding import Confidence
from secplan.scanners.code import rules_run as R
from secplan.scanners.code._hit import CallSite, Hit, hit
from secplan.scanners.code.checks_net import (
    address_host,
    is_cluster_host,
    is_local_host,
    shown_url,
)
from secplan.scanners.code.pyindex import ModuleIndex

#: Where :func:`check_grpc` can fire: callees starting so, or methods named so.
GRPC_PREFIXES = ("grpc.", "tritonclient.", "flwr.")
GRPC_METHODS = frozenset({"add_insecure_port", "tls_insecure_set"})
#: Flower's servers and clients: gRPC in the clear unless given certificates.
_FLOWER_SERVERS = frozenset(
    {"flwr.server.start_server", "flwr.server.start_grpc_server", "flwr.server.app.start_server"}
)
_FLOWER_CLIENTS = frozenset(
    {
        "flwr.client.start_client",
        "flwr.client.start_numpy_client",
        "flwr.client.app.start_client",
        "flwr.client.app.start_numpy_client",
    }
)
_INSECURE_CHANNELS = frozenset({"grpc.insecure_channel", "grpc.aio.insecure_channel"})
_TRITON = {
    "tritonclient.grpc.InferenceServerClient": "grpc",
    "tritonclient.grpc.aio.InferenceServerClient": "grpc",
    "tritonclient.http.InferenceServerClient": "http",
    "tritonclient.http.aio.InferenceServerClient": "http",
}
_ALL = frozenset({"", "[::]", "0.0.0.0", "::", "*"})  # noqa: S104 (what we look for)
_LOCAL_SCHEMES = ("unix:", "unix-abstract:", "vsock:")


def grpc_host(target: str) -> str | None:
    """The host of a gRPC target (``dns:///h:p``, ``ipv4:a:p``, ``h:p``); ``None`` for Unix
    sockets and the like, which never leave the machine."""
    if target.startswith(_LOCAL_SCHEMES):
        return None
    m = re.match(r"^(?:dns:(?://[^/]*)?/|ipv4:|ipv6:)?(.*)$", target)
    rest = m.group(1) if m else target
    if rest.startswith("[") or rest.count(":") <= 1:
        return address_host(rest.split("/", 1)[0])
    return rest.rsplit(":", 1)[0]  # a bare IPv6 address with a port


def _text(idx: ModuleIndex, node: ast.expr | None) -> str | None:
    prefix = idx.literal_prefix(node)
    return None if prefix is None else prefix[0]


def check_grpc(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    call, qn = site.call, site.qualname or ""
    if qn in _INSECURE_CHANNELS:
        node = idx.arg(call, "target", 0)
        yield from _client(idx, node, site, f"{site.shown} connects without TLS", R.PLAINTEXT_GRPC)
    elif qn in _TRITON and not _tls_on(idx, idx.arg(call, "ssl")):
        node = idx.arg(call, "url", 0)
        rule = R.PLAINTEXT_GRPC if _TRITON[qn] == "grpc" else R.PLAINTEXT_URL
        yield from _client(idx, node, site, f"{site.shown} without ssl=True", rule)
    elif qn in _TRITON and idx.const(idx.arg(call, "insecure")) is True:
        yield hit(
            R.TLS_VERIFICATION_OFF,
            call,
            site.cell,
            f"{site.shown}(..., insecure=True) does not check the server's certificate",
            f"{site.shown}(..., ssl=True, insecure=True)",
        )
    elif qn in _FLOWER_SERVERS and idx.arg(call, "certificates") is None:
        yield from _server(idx, idx.arg(call, "server_address", 0), site, default="0.0.0.0:8080")
    elif (
        qn in _FLOWER_CLIENTS
        and idx.arg(call, "root_certificates") is None
        and idx.const(idx.arg(call, "insecure")) is not False
    ):
        node = idx.arg(call, "server_address", 0)
        yield from _client(
            idx, node, site, f"{site.shown} without root_certificates", R.PLAINTEXT_GRPC
        )
    elif isinstance(call.func, ast.Attribute) and call.func.attr == "add_insecure_port":
        yield from _server(idx, idx.arg(call, "address", 0), site)
    elif (
        isinstance(call.func, ast.Attribute)
        and call.func.attr == "tls_insecure_set"
        and idx.const(idx.arg(call, "value", 0)) is True
    ):
        yield hit(
            R.TLS_VERIFICATION_OFF,
            call,
            site.cell,
            f"{site.shown}(True) accepts any certificate for the broker's name (MQTT)",
            f"{site.shown}(True)",
        )


def _server(
    idx: ModuleIndex, node: ast.expr | None, site: CallSite, default: str = ""
) -> Iterator[Hit]:
    text = _text(idx, node) if node is not None else default
    if not text:
        return
    host = "" if text.startswith(":") else grpc_host(text)
    if host is None or (host not in _ALL and (not host or is_local_host(host))):
        return
    where = "all interfaces" if host in _ALL else host
    yield hit(
        R.PLAINTEXT_GRPC,
        node if node is not None else site.call,
        site.cell,
        f"{site.shown} opens a gRPC port without TLS on {where}",
        f"{site.shown}({text[:80]!r})",
    )


def _tls_on(idx: ModuleIndex, node: ast.expr | None) -> bool:
    """``ssl=`` given and not plainly false (a value decided at run time counts as on)."""
    return node is not None and idx.const(node) not in (False, None, 0)


def _client(
    idx: ModuleIndex, node: ast.expr | None, site: CallSite, message: str, rule: Rule
) -> Iterator[Hit]:
    text = _text(idx, node)
    host = None if text is None else grpc_host(text.split("://", 1)[-1])
    # inside the cluster network, as for plain-HTTP URLs (a service name, link-local)
    if node is None or not host or is_local_host(host) or is_cluster_host(host):
        return
    shown = shown_url(text) if text and "://" in text else (text or "")[:120]
    yield hit(
        rule,
        node,
        site.cell,
        f"{message} to {host}: traffic can be read and changed",
        shown,
        confidence=Confidence.HIGH,
    )
