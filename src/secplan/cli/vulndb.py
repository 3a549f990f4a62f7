"""``secplan vulndb``: import or download the offline OSV vulnerability database, and audit an
installed environment against it."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from secplan.errors import SecplanError
from secplan.vulndb import DEFAULT_URL, ImportStats, VulnDB, default_path, import_osv, update

vulndb_app = typer.Typer(
    help="The offline vulnerability database (OSV format) that dependency scans use.\n\n"
    "Online:  secplan vulndb update\n\nAir-gapped:  secplan vulndb import all.zip",
    no_args_is_help=True,
    rich_markup_mode=None,
)
OK, FINDINGS, ERROR = 0, 1, 2


def _fail(exc: SecplanError) -> typer.Exit:
    sys.stderr.write(
        f"secplan: error: {exc.message}" + (f" ({exc.hint})" if exc.hint else "") + "\n"
    )
    return typer.Exit(ERROR)


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
        raise _fail(exc) from None
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
        raise _fail(exc) from None
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
        raise _fail(exc) from None
    if found is None:
        sys.stderr.write(
            f"secplan: error: no vulnerability database at {db or default_path()} "
            "(run `secplan vulndb update`, or `secplan vulndb import all.zip` offline)\n"
        )
        raise typer.Exit(ERROR)
    info = found.info
    typer.echo(
        f"{info.path}: {info.advisories} advisories from {info.source}, "
        f"imported {info.imported_at.isoformat()}"
    )


@vulndb_app.command("audit")
def audit_command(
    env: Annotated[
        Path | None,
        typer.Option("--env", help="A site-packages directory (default: this interpreter's)."),
    ] = None,
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Database file (default: in secplan's state directory)."),
    ] = None,
) -> None:
    """Check the packages installed in a Python environment against the database."""
    from secplan.config import Settings
    from secplan.governance.records import Records
    from secplan.scanners._base import ScanContext
    from secplan.scanners.deps import EnvironmentScanner

    ctx = ScanContext(root=Path.cwd(), settings=Settings(), records=Records(), as_of=date.today())
    findings = list(EnvironmentScanner(env, db).scan_project(ctx))
    for f in findings:
        typer.echo(
            f"{f.severity.label:8} {f.rule} {f.location.member or f.location.path}: {f.message}"
        )
    if not findings:
        typer.echo("no known vulnerabilities in the installed packages")
    raise typer.Exit(FINDINGS if findings else OK)
