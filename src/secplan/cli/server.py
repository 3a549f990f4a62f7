"""``secplan serve``: the governance server. See ``docs/server.md``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from secplan.cli._common import errors_as_exit


def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8443,
    admin: Annotated[
        str,
        typer.Option(
            help="Name of the first administrator, created when the database has no account "
            "(password from SECPLAN_ADMIN_PASSWORD, else printed once)."
        ),
    ] = "admin",
    database: Annotated[
        str | None,
        typer.Option(
            help="Database URL (default: SECPLAN_DATABASE_URL, else the SQLite file in "
            "secplan's home); postgresql://... for PostgreSQL."
        ),
    ] = None,
    tls_cert: Annotated[Path | None, typer.Option(help="TLS certificate chain (PEM).")] = None,
    tls_key: Annotated[Path | None, typer.Option(help="TLS private key (PEM).")] = None,
    behind_proxy: Annotated[
        bool,
        typer.Option(
            help="A TLS-terminating proxy fronts the server: trust its forwarded headers, "
            "send HSTS and secure cookies."
        ),
    ] = False,
    adopt: Annotated[
        bool,
        typer.Option(
            help="Seal the accounts and role bindings made before the server ran (secplan "
            "users add, secplan roles grant against the database) that the signed audit trail "
            "vouches for, so they count through the server; the others are listed and left "
            "unsealed. Review them and run secplan audit checkpoint first."
        ),
    ] = False,
) -> None:
    """Run the governance server: the REST API (OpenAPI at /api/openapi.json) and the web
    pages, over the database. In multi-user mode it is the only process that should hold the
    database credentials and the keys; users act through it with secplan login SERVER or API
    tokens.

    Examples:

      SECPLAN_ADMIN_PASSWORD=... secplan serve --admin alice

      secplan serve --host 0.0.0.0 --tls-cert cert.pem --tls-key key.pem \\
          --database postgresql://secplan@db/secplan
    """
    from secplan.errors import ServiceError

    with errors_as_exit():
        from importlib.util import find_spec

        missing = [m for m in ("fastapi", "uvicorn", "multipart") if find_spec(m) is None]
        if missing:
            raise ServiceError(
                f"the server needs its web stack ({', '.join(missing)} missing)",
                "pip install 'secplan[server]'",
            )
        from secplan.server.run import ServeOptions, serve
        from secplan.store import open_database

        opts = ServeOptions(host, port, admin, tls_cert, tls_key, behind_proxy, adopt)
        serve(open_database(database), opts)
