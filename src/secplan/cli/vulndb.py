"""``secplan vulndb``: import or download the offline OSV vulnerability database, and audit an
installed environment against it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from secplan.cli._common import fail, services
from secplan.errors import SecplanError
from secplan.vulndb import DEFAULT_URL, ImportStats, VulnDB, default_path, import_osv, update

vulndb_app = typer.Typer(
    help="The offline vulnerability database (OSV format) that dependency scans use.\n\n"
    "Online:  secplan vulndb update\n\nAir-gapped:  secplan vulndb import all.zip",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _record(action: str, stats: ImportStats, source: str) -> None:
    """Record the replacement of the database in the audit trail (best effort: the
    database of vulnerabilities is not the audit database, and either may be offline)."""
    try:
        svc = services()
        svc.audit(action, "vulndb", imported=stats.imported, rejected=stats.rejected, source=source)
        svc.close()
    except SecplanError as exc:
        sys.stderr.write(f"secplan: warning: not recorded in the audit trail: {exc.message}\n")


def _summary(stats: ImportStats) -> str:
    info = stats.info
    where = f" into {info.path}" if info else ""
    text = (
        f"imported {stats.imported} advisories{where} "
        f"({stats.withdrawn} withdrawn and {stats.other_ecosystems} of other ecosystems skipped, "
        f"{stats.rejected} rejected)"
    )
    return text + "".join(f"\n  rejected {r}" for r in stats.reasons[:5])


@vulndb_app.command("import")
def import_command(
    source: Annotated[
        Path,
        typer.Argument(
            help="OSV export zip (e.g. PyPI/all.zip) or a directory of OSV .json files."
        ),
    ],
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Database file (default: in secplan's state directory)."),
    ] = None,
) -> None:
    """Replace the local database with the entries of an OSV export (works offline)."""
    try:
        stats = import_osv(source, db)
    except SecplanError as exc:
        raise fail(exc) from None
    _record("vulndb:import", stats, source.name)
    typer.echo(_summary(stats))


@vulndb_app.command("update")
def update_command(
    url: Annotated[
        str, typer.Option("--url", help="Where to download the OSV export for PyPI.")
    ] = DEFAULT_URL,
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Database file (default: in secplan's state directory)."),
    ] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Network timeout in seconds.")] = 60.0,
) -> None:
    """Download the OSV export for PyPI and replace the local database with it."""
    try:
        stats = update(url, db, timeout=timeout)
    except SecplanError as exc:
        raise fail(exc) from None
    _record("vulndb:update", stats, url)
    typer.echo(_summary(stats))


@vulndb_app.command("status")
def status_command(
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Database file (default: in secplan's state directory)."),
    ] = None,
) -> None:
    """Show where the database is, when it was imported and how many advisories it holds."""
    try:
        found = VulnDB.open_default(db)
    except SecplanError as exc:
        raise fail(exc) from None
    if found is None:
        sys.stderr.write(
            f"secplan: error: no vulnerability database at {db or default_path()} "
            "(run `secplan vulndb update`, or `secplan vulndb import all.zip` offline)\n"
        )
        raise typer.Exit(2)
    info = found.info
    typer.echo(
        f"{info.path}: {info.advisories} advisories from {info.source}, "
        f"imported {info.imported_at.isoformat()}"
    )
