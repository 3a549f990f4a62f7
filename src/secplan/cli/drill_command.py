"""``secplan backup drill`` without the command-line framework.

The command's body (:func:`run_drill`) is shared by the full command line and by the lean
entry (:func:`run`), which ``secplan backup drill`` with only the options below reaches
before typer and rich load: a drill's wall time is restic's restore, the verification and
this process's start-up, and scheduled drills start a fresh process each time. Anything else
(another option, ``--help``, a value missing) returns ``None`` and the full command line
takes the arguments unchanged, so that its usage errors and help stay the only ones.

>>> parse(["--project", "proj", "--snapshot=abcdef12"])
{'project': 'proj', 'snapshot': 'abcdef12'}
>>> parse(["--project", "proj", "--help"]) is None
True
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from secplan.cli._argv import option_value

if TYPE_CHECKING:
    from secplan.backup.service import Backup

OK, FINDINGS, ERROR = 0, 1, 2
#: The options the lean entry takes, each with one value.
OPTIONS = ("--project", "--snapshot", "--workdir")


def parse(args: list[str]) -> dict[str, str] | None:
    """Option name (without dashes) → value, or ``None`` when the full command must parse."""
    values: dict[str, str] = {}
    i = 0
    while i < len(args):
        name, eq, value = args[i].partition("=")
        i += 1
        if name not in OPTIONS:
            return None  # a positional, --help, another option: the full command decides
        taken = option_value(args, i, eq, value)
        if taken is None:
            return None
        value, i = taken
        values[name[2:]] = value  # the last one wins, as on the full command line
    return values


def run(args: list[str]) -> int | None:
    """Run ``secplan backup drill ARGS`` and return its exit code; ``None`` when the
    arguments are not for the lean entry (nothing has been done then)."""
    opts = parse(args)
    if opts is None:
        return None
    workdir = opts.get("workdir")
    try:
        return run_drill(
            Path(opts.get("project", ".")),
            opts.get("snapshot", "latest"),
            Path(workdir) if workdir is not None else None,
        )
    except KeyboardInterrupt:
        sys.stderr.write("secplan: interrupted\n")
        return 130


def run_drill(project: Path, snapshot: str = "latest", workdir: Path | None = None) -> int:
    """Restore, verify, record the evidence and the audit event; print the outcome. Returns
    0 when the drill passed, 1 when it failed, 2 when it could not run."""
    import threading

    from secplan.backup.record import write_drill_record
    from secplan.cli._services import error_exit
    from secplan.config import load_settings
    from secplan.errors import SecplanError

    # the audit trail's modules load while restic restores (this process only waits then)
    loading = threading.Thread(target=_load_audit, name="load-audit", daemon=True)
    loading.start()
    try:
        svc, root = open_backup(project)
        res = svc.drill(snapshot, workdir=workdir)
        loading.join()
        path = write_drill_record(root, res, load_settings(root).max_drill_age_days)
        audit(
            "backup:drill",
            svc.repository,
            ok=res.passed,
            snapshot=res.snapshot or "",
            files=res.files_checked,
            mismatches=res.mismatches,
        )
    except SecplanError as exc:
        return error_exit(exc)
    shown = path.relative_to(root).as_posix()
    if not res.passed:
        sys.stderr.write(
            f"secplan: error: restore drill failed: {res.error} (recorded in {shown})\n"
        )
        return FINDINGS
    sys.stdout.write(
        f"restore drill passed: snapshot {str(res.snapshot)[:8]}, {res.files_checked} file(s) "
        f"({res.bytes_checked} bytes) verified, {res.profiles_checked} against dataset "
        f"profiles; restored in {res.restore_seconds:.2f} s, verified in "
        f"{res.verify_seconds:.2f} s; recorded in {shown}\n"
    )
    sys.stdout.flush()
    return OK


def open_backup(project: Path) -> tuple[Backup, Path]:
    from secplan.backup.service import Backup
    from secplan.config import load_settings

    root = project.resolve()
    return Backup.for_project(root, load_settings(root)), root


def audit(action: str, repository: str, *, ok: bool = True, **details: object) -> None:
    """Record the action in the audit trail (backups copy the key ring and the database)."""
    from secplan.audit.events import Outcome
    from secplan.backup.secret import repository_id
    from secplan.cli._services import services

    outcome = Outcome.ALLOWED if ok else Outcome.FAILED
    services().audit(action, f"backup:{repository_id(repository)}", outcome, **details)


def _load_audit() -> None:
    """Import what recording a drill needs (the access and audit services); a failure is
    left for the import that follows to report."""
    try:
        import secplan.audit.events
        import secplan.services  # noqa: F401
    except Exception:  # noqa: S110 (reported by the caller's own import)
        pass
