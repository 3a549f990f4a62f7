"""Servers opened by a decorator, a cluster or a debugger call rather than by
``run(host=...)``, and cluster clients that talk to them in clear text.

- A Modal web endpoint (``@modal.fastapi_endpoint``, ``web_endpoint``, ``asgi_app``,
  ``wsgi_app``, ``web_server``) is served at a public URL; without
  ``requires_proxy_auth=True``, and with no sign of authentication in the file, anyone who
  learns the URL can call it (CD141).
- A Dask cluster (``LocalCluster``) whose scheduler or dashboard listens on all interfaces
  without ``security=`` (TLS and client certificates): the scheduler runs whatever task a
  client submits (CD141).
- A Dask client given a ``tcp://`` address on a host that is not local: Dask's clear-text
  protocol (``tls://`` is its encrypted one), so tasks, code and data travel readable (CD131).
- A remote debugger (``debugpy.listen``, ``ptvsd.enable_attach``) on all interfaces lets
  whoever reaches the port attach and run any code in the process (CD140).

>>> from secplan.scanners.code.python import analyze_source
>>> [h.rule.id for h in analyze_source(
...     "import modal\\n@modal.fastapi_endpoint(method='POST')\\ndef f(x): return x\\n")]
['CD141']
>>> analyze_source(
...     "import modal\\n@modal.fastapi_endpoint(requires_proxy_auth=True)\\ndef f(x): ...\\n")
[]
>>> [h.rule.id for h in analyze_source(
...     "from dask.distributed import LocalCluster\\nc = LocalCluster(host='0.0.0.0')\\n")]
['CD141']
>>> [h.rule.id for h in analyze_source(
...     "from dask.distributed import Client\\nc = Client('tcp://sched.corp.example.com:8786')\\n")]
['CD131']
>>> [h.rule.id for h in analyze_source("import debugpy\\ndebugpy.listen(('0.0.0.0', 5678))\\n")]
['CD140']
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from secplan.scanners.code import rules_run as R
from secplan.scanners.code._hit import CallSite, Hit, hit
from secplan.scanners.code.checks_net import ALL_INTERFACES, plain_http_host, shown_url
from secplan.scanners.code.pyindex import ModuleIndex

#: Decorators that serve a Modal function at a public ``*.modal.run`` URL.
MODAL_WEB = frozenset(
    {
        f"modal.{name}"
        for name in ("web_endpoint", "fastapi_endpoint", "asgi_app", "wsgi_app", "web_server")
    }
)
#: Calls that open a remote debugger, and the argument that holds its ``(host, port)``.
DEBUGGERS = {"debugpy.listen": "address", "ptvsd.enable_attach": "address"}
#: Dask clusters started in code, and their keywords that bind an address.
DASK_CLUSTERS = frozenset(
    {"dask.distributed.LocalCluster", "distributed.LocalCluster", "distributed.deploy.LocalCluster"}
)
_DASK_BINDS = ("host", "dashboard_address")
DASK_CLIENTS = frozenset({"dask.distributed.Client", "distributed.Client"})
EXPOSING_CALLS = MODAL_WEB | DEBUGGERS.keys() | DASK_CLUSTERS | DASK_CLIENTS


def check_exposure(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    qn = site.qualname or ""
    if qn in MODAL_WEB:
        yield from _modal_endpoint(idx, site)
    elif qn in DEBUGGERS:
        yield from _debugger(idx, site, DEBUGGERS[qn])
    elif qn in DASK_CLUSTERS and idx.arg(site.call, "security") is None:
        yield from _dask_cluster(idx, site)
    elif qn in DASK_CLIENTS:
        yield from _dask_client(idx, site)


def _dask_client(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    node = idx.arg(site.call, "address", 0)
    text = idx.str_const(node) if node is not None else None
    if node is None or text is None or text[:6].lower() != "tcp://":
        return
    host = plain_http_host("http://" + text[6:])
    if not host:
        return
    yield hit(
        R.PLAINTEXT_URL,
        node,
        site.cell,
        f"{site.shown} connects to the scheduler at {host} over tcp://, Dask's clear-text "
        "protocol: tasks (code) and their data can be read and changed on the way",
        f"{site.shown}({shown_url(text)!r})",
    )


def _dask_cluster(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    texts = {k: (n, idx.str_const(n)) for k in _DASK_BINDS if (n := idx.arg(site.call, k))}
    bound = [(k, n, t) for k, (n, t) in texts.items() if t and ALL_INTERFACES.match(t)]
    for keyword, node, text in bound[:1]:
        yield hit(
            R.BIND_ALL,
            node,
            site.cell,
            f"{site.shown} listens on all interfaces ({keyword}={text!r}) without "
            "security=: any client that reaches it can submit tasks, which run as code",
            f"{site.shown}(..., {keyword}={text!r})",
        )


def _modal_endpoint(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    auth = idx.arg(site.call, "requires_proxy_auth")
    if (auth is not None and idx.const(auth) is not False) or idx.authenticates():
        return
    yield hit(
        R.BIND_ALL,
        site.call,
        site.cell,
        f"{site.shown} serves the function at a public URL without requires_proxy_auth=True, "
        "and the file shows no authentication: anyone with the URL can call it",
        f"@{site.shown}(...)",
    )


def _debugger(idx: ModuleIndex, site: CallSite, keyword: str) -> Iterator[Hit]:
    address = idx.arg(site.call, keyword, 0)
    if not isinstance(address, ast.Tuple) or not address.elts:
        return  # a port alone: the debugger listens on loopback
    host = idx.str_const(address.elts[0])
    if host is None or not ALL_INTERFACES.match(host):
        return
    yield hit(
        R.FLASK_DEBUG,
        site.call,
        site.cell,
        f"{site.shown} opens a remote debugger on all interfaces ({host}): whoever reaches "
        "the port can attach and run any code in the process",
        f"{site.shown}(({host!r}, ...))",
    )
