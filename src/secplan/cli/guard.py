"""``secplan guard``: the inference guard in front of model servers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from secplan.cli._common import errors_as_exit

guard_app = typer.Typer(
    help="A hardened front for model servers: input and output checks, identity, rate limits, "
    "audit and metrics.\n\nStart with:  secplan guard check --policy guard.toml",
    no_args_is_help=True,
    rich_markup_mode=None,
)

PolicyOpt = Annotated[
    Path, typer.Option("--policy", "-p", help="The guard policy (guard.toml).", exists=False)
]


@guard_app.command("serve")
def serve_command(
    policy: PolicyOpt,
    upstream: Annotated[
        str, typer.Option(help="The model server's base URL, e.g. http://127.0.0.1:8080.")
    ],
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    tls_cert: Annotated[Path | None, typer.Option(help="TLS certificate (PEM).")] = None,
    tls_key: Annotated[Path | None, typer.Option(help="TLS private key (PEM).")] = None,
) -> None:
    """Run the guard as a reverse proxy in front of UPSTREAM.

    Callers authenticate with access-layer API tokens (secplan tokens create) as
    "Authorization: Bearer spt_...", unless a route is public. Every block is recorded in the
    audit trail; /metrics serves Prometheus metrics. The policy is re-read when it changes;
    a bad edit is logged and the last good policy stays in force.
    """
    from secplan.guard.serve import check_upstream, require_stack, serve
    from secplan.services import open_services

    with errors_as_exit():
        check_upstream(upstream)
        require_stack()
        services = open_services()
        try:
            serve(
                policy,
                upstream,
                host=host,
                port=port,
                tls_cert=tls_cert,
                tls_key=tls_key,
                services=services,
            )
        finally:
            services.close()


@guard_app.command("check")
def check_command(
    policy: PolicyOpt,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
) -> None:
    """Validate a guard policy and list its routes (exit 0 valid, 2 invalid)."""
    from secplan.guard.policy import load_policy

    with errors_as_exit():
        p = load_policy(policy)
    rows: list[dict[str, Any]] = [
        {
            "route": r.name,
            "path": r.spec.path,
            "methods": r.spec.methods,
            "protocol": r.spec.protocol,
            "public": r.spec.public,
            "features": list(r.schema.names) if r.schema else [],
        }
        for r in p.routes
    ]
    if fmt == "json":
        typer.echo(json.dumps(rows, indent=2))
        return
    if fmt != "table":
        raise typer.BadParameter("use table or json", param_hint="--format")
    for row in rows:
        access = "public" if row["public"] else "token"
        feats = f", {len(row['features'])} features" if row["features"] else ""
        typer.echo(
            f"{row['route']}: {','.join(row['methods'])} {row['path']} "
            f"({row['protocol']}, {access}{feats})"
        )


@guard_app.command("report")
def report_command(
    since: Annotated[str | None, typer.Option(help="From this time (ISO 8601).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this time (ISO 8601).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
) -> None:
    """Summarise what the guards decided over a period: blocks by reason, route and caller,
    flags, sampled allowed requests and policy changes (needs audit:read)."""
    from secplan.cli._common import services
    from secplan.guard.report import render_text, summarise

    if fmt not in ("table", "json"):
        raise typer.BadParameter("use table or json", param_hint="--format")
    with errors_as_exit():
        svc = services()
        svc.access.require(svc.actor, "audit:read", "audit", report="guard")
        r = summarise(svc.trail.events(since=since, until=until))
    out = json.dumps(r.as_dict(), indent=2) + "\n" if fmt == "json" else render_text(r)
    typer.echo(out, nl=False)
