"""Starting the server: open the database, create the first administrator when there is none,
load the server's keys, and serve the application on uvicorn."""

from __future__ import annotations

import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

from secplan.access import AccessControl, Actor
from secplan.access.control import os_source
from secplan.errors import ConfigError
from secplan.store import Database

ENV_ADMIN_PASSWORD = "SECPLAN_ADMIN_PASSWORD"  # noqa: S105 (a variable name)
BOOTSTRAP = Actor(name="secplan-serve", kind="local", bindings=(("admin", "*"),), via="server")


@dataclass(frozen=True, slots=True)
class ServeOptions:
    host: str
    port: int
    admin: str
    tls_cert: Path | None = None
    tls_key: Path | None = None
    behind_proxy: bool = False
    adopt: bool = False


def first_admin(ac: AccessControl, name: str) -> str | None:
    """Create administrator ``name`` when the database has no account; the password it was
    given (from ``SECPLAN_ADMIN_PASSWORD``, else a new random one), or None."""
    if not ac.local_mode():
        return None
    password = os.environ.get(ENV_ADMIN_PASSWORD) or secrets.token_urlsafe(18)
    ac.add_principal(BOOTSTRAP, name, password=password, roles=("admin",))
    return password


def check_exposure(opts: ServeOptions) -> None:
    tls = opts.tls_cert is not None
    if (opts.tls_cert is None) != (opts.tls_key is None):
        raise ConfigError("--tls-cert and --tls-key go together", "give both, or neither")
    loopback = opts.host in ("127.0.0.1", "::1", "localhost")
    if not (tls or loopback or opts.behind_proxy):
        raise ConfigError(
            f"refusing to serve plain HTTP on {opts.host}: passwords and session cookies "
            "would cross the network unencrypted",
            "give --tls-cert and --tls-key, or --behind-proxy when a TLS proxy fronts it",
        )


def serve(db: Database, opts: ServeOptions) -> None:
    import uvicorn

    from secplan.audit.keys import local_signer
    from secplan.audit.trail import AuditTrail
    from secplan.server.app import create_app
    from secplan.server.keys import load_keys

    check_exposure(opts)
    keys = load_keys()
    ac = AccessControl(db, AuditTrail(db, local_signer()), source=os_source(), row_key=keys.row_key)
    password = first_admin(ac, opts.admin)
    if password is not None and not os.environ.get(ENV_ADMIN_PASSWORD):
        sys.stderr.write(
            f"created administrator {opts.admin} with password: {password}\n"
            "(shown once: log in and enrol a second factor)\n"
        )
    if opts.adopt:
        from secplan.audit.keys import trusted_verifiers
        from secplan.server.adopt import adopt, report

        sys.stderr.write(report(adopt(ac, BOOTSTRAP, trusted_verifiers())))
    tls = opts.tls_cert is not None
    app = create_app(ac, keys, tls=tls or opts.behind_proxy)
    from secplan.server.reminders import keep_reminding

    keep_reminding(ac, BOOTSTRAP)  # expiries and yearly reviews, recorded once each
    sys.stderr.write(
        f"secplan server on {'https' if tls else 'http'}://{opts.host}:{opts.port} "
        f"(database {db.shown_url()})\n"
    )
    uvicorn.run(
        app,
        host=opts.host,
        port=opts.port,
        ssl_certfile=str(opts.tls_cert) if opts.tls_cert else None,
        ssl_keyfile=str(opts.tls_key) if opts.tls_key else None,
        proxy_headers=opts.behind_proxy,
        server_header=False,
        log_level="warning",
    )
