"""Building and running a guard: the policy, the access layer's tokens, the audit trail and
metrics put together, then served by uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from secplan.errors import ConfigError
from secplan.guard.auditbuf import AuditBuffer
from secplan.guard.gate import AccessTokens, Gate
from secplan.guard.policy import PolicyHolder

if TYPE_CHECKING:
    from secplan.services import Services

_MISSING = (
    "the guard's serving stack is not installed ({name})",
    "install it with: pip install 'secplan[guard]'",
)


def require_stack() -> None:
    """:class:`ConfigError` unless Starlette, uvicorn, httpx and prometheus_client import."""
    import importlib.util

    for name in ("starlette", "uvicorn", "httpx", "prometheus_client", "jsonschema"):
        if importlib.util.find_spec(name) is None:
            raise ConfigError(_MISSING[0].format(name=name), _MISSING[1])


def build_gate(policy: Path, services: Services | None) -> Gate:
    """A gate for the policy at ``policy``; with ``services``, callers are verified by the
    access layer and decisions go to its audit trail."""
    from secplan.guard.metrics import Metrics

    holder = PolicyHolder(policy)
    spec = holder.policy.spec
    auth = AccessTokens(services.access, spec.identity.cache_s) if services else None
    sink = services.trail.append_many if services else None
    audit = AuditBuffer(sink, capacity=spec.audit.buffer, flush_s=spec.audit.flush_s)
    return Gate(holder, auth, audit, Metrics())


def check_upstream(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"--upstream {url[:80]}: not an http or https URL",
            "give the model server's base URL, like http://127.0.0.1:8080",
        )
    return url


def serve(
    policy: Path,
    upstream: str,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    tls_cert: Path | None = None,
    tls_key: Path | None = None,
    services: Services | None = None,
) -> None:
    """Run the reverse proxy until interrupted."""
    require_stack()
    check_upstream(upstream)
    if (tls_cert is None) != (tls_key is None):
        raise ConfigError("--tls-cert and --tls-key go together", "give both, or neither")
    import uvicorn

    from secplan.guard.proxy import create_app

    app = create_app(build_gate(policy, services), upstream)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        ssl_certfile=str(tls_cert) if tls_cert else None,
        ssl_keyfile=str(tls_key) if tls_key else None,
        server_header=False,
    )
