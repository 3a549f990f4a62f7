"""``secplan backup``: init, run, list, drill (restic; control DS3)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from secplan.cli._common import ERROR, errors_as_exit
from secplan.cli.drill_command import audit as _audit
from secplan.cli.drill_command import open_backup as _backup
from secplan.cli.drill_command import run_drill

backup_app = typer.Typer(
    help="Encrypted backups with restic, and restore drills that prove them (DS3).\n\n"
    "Configure in secplan.toml:\n\n"
    "\b\n"
    "  [backup]\n"
    '  repository = "../backups/project"  # a path, or a restic URL (sftp:, s3:, rest:)\n'
    '  paths = ["data", "models"]         # datasets and models, relative to the project\n'
    "  max_drill_age_days = 30            # how long a passed drill proves DS3\n\n"
    "\b\n"
    "Then:\n"
    "  secplan backup init    once: a new repository, its password kept by the key store\n"
    "  secplan backup run     each time: a snapshot with a SHA-256 manifest\n"
    "  secplan backup drill   at least every max_drill_age_days: restore, verify, record\n\n"
    "The key ring and secplan's database are backed up too ([backup] keyring, database). "
    "See docs/backup.md.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

ProjectOpt = Annotated[
    Path, typer.Option("--project", help="Project root (where secplan.toml is).")
]


@backup_app.command("init")
def init_command(project: ProjectOpt = Path()) -> None:
    """Create the restic repository named in [backup] repository.

    secplan draws a random repository password and keeps it only wrapped by its key store's
    key-encryption key (local master key, passphrase, or cloud KMS: SECPLAN_KEYSTORE). Keep
    the key store safe: without it the backups cannot be opened.
    """
    with errors_as_exit():
        svc, _ = _backup(project)
        svc.init()
        _audit("backup:init", svc.repository)
        out.print(f"initialised restic repository {svc.repository}")


@backup_app.command("run")
def run_command(project: ProjectOpt = Path()) -> None:
    """Back up [backup] paths, the key ring and the database into a new snapshot.

    Every file's SHA-256 goes into a manifest stored in the same snapshot, for drills to
    verify against.
    """
    from secplan.governance.records import load_records

    with errors_as_exit():
        svc, root = _backup(project)
        res = svc.run(load_records(root))
        _audit("backup:run", svc.repository, snapshot=res.snapshot, files=res.files)
        for note in res.notes:
            err.print(f"note: {note}")
        out.print(f"snapshot {res.snapshot}: {res.files} file(s), {res.bytes} bytes")


@backup_app.command("list")
def list_command(
    project: ProjectOpt = Path(),
    as_json: Annotated[bool, typer.Option("--json", help="Print restic's snapshot list.")] = False,
) -> None:
    """List the repository's snapshots."""
    with errors_as_exit():
        svc, _ = _backup(project)
        snaps = svc.snapshots()
    if as_json:
        out.print_json(json.dumps(snaps))
        return
    if not snaps:
        out.print("no snapshots")
    for s in snaps:
        out.print(
            f"{s.get('short_id', '')!s}  {str(s.get('time', ''))[:19]}  "
            + " ".join(str(p) for p in s.get("paths", []))
        )


@backup_app.command("drill")
def drill_command(
    project: ProjectOpt = Path(),
    snapshot: Annotated[
        str, typer.Option("--snapshot", help="Snapshot id to restore (default: the latest).")
    ] = "latest",
    workdir: Annotated[
        Path | None,
        typer.Option("--workdir", help="Where to make the temporary restore (default: $TMPDIR)."),
    ] = None,
) -> None:
    """Restore a snapshot into a temporary directory and verify every file.

    Each restored file is compared with the SHA-256 recorded at backup time and, for dataset
    files, with their `secplan data profile`. The result (snapshot, time to restore, files
    checked, mismatches) is written as DS3 evidence under .secplan/evidence/, passed or
    failed; the temporary restore is removed. Exit 0 when the drill passed, 1 when it failed.
    """
    code = run_drill(project, snapshot, workdir)
    if code:
        raise typer.Exit(code)


__all__ = ["ERROR", "backup_app"]
