"""The body of ``secplan scan``, apart from argument parsing, so it can be tested directly."""

from __future__ import annotations

import dataclasses
import shutil
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from secplan._io import atomic_write
from secplan.config import Settings
from secplan.engine import Assessment, Observer, run
from secplan.errors import SecplanError
from secplan.model import Severity
from secplan.report import Format, renderer
from secplan.scanners import Scanner
from secplan.services import Services


@dataclass(frozen=True, slots=True, kw_only=True)
class ScanOptions:
    path: Path
    fmt: str = "table"
    output: Path | None = None
    reports: tuple[tuple[Path, str], ...] = ()
    fail_on: Severity | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    config: Path | None = None
    as_of: date | None = None
    use_gitignore: bool = True
    plugins: bool = True
    env: bool = False  # also audit the installed Python environment
    env_path: Path | None = None  # ... or the one at this site-packages directory
    imports: tuple[Path, ...] = ()  # SARIF files of other tools to merge
    baseline: Path | None = None  # report only findings new since this earlier report
    #: open the local database and audit trail; off when the scan goes to the governance
    #: server, which then holds the trail and records the upload
    local_state: bool = True
    engine: str = "local"  # where the files are scanned: "local" or "ray"
    ray_address: str | None = None  # the Ray cluster to join (else RAY_ADDRESS, else a new one)
    resume: bool = False  # skip the files an interrupted --resume run finished


def exit_code(a: Assessment, fail_on: Severity) -> int:
    """1 when any (unwaived) finding is at or above ``fail_on``, else 0."""
    return 1 if any(f.severity >= fail_on for f in a.report.findings) else 0


def _open_state() -> tuple[Services | None, str]:
    """The state services, or why they are unavailable (a scan still runs without them)."""
    from secplan.services import open_services

    try:
        return open_services(), ""
    except SecplanError as exc:
        sys.stderr.write(f"secplan: warning: audit trail unavailable: {exc.message}\n")
        return None, exc.message


def _record(state: Services, a: Assessment) -> None:
    counts = a.posture.counts()
    state.audit(
        "scan:run",
        f"project:{a.report.run.root}",
        files=len(a.report.artifacts),
        errors=len(a.report.errors),
        findings={s.label: n for s, n in a.report.count_by_severity().items() if n},
        controls={s.value: n for s, n in counts.items()},
    )


def run_scan(
    opts: ScanOptions, *, observer: Observer | None = None, stdout_color: bool = False
) -> int:
    def adjust(s: Settings) -> Settings:
        return dataclasses.replace(
            s,
            select=opts.select or s.select,
            ignore=tuple(dict.fromkeys((*s.ignore, *opts.ignore))),
            use_gitignore=opts.use_gitignore,
        )

    from secplan.baseline import apply_baseline, load_baseline
    from secplan.executor import make_executor
    from secplan.suppressions import apply_to

    known = load_baseline(opts.baseline) if opts.baseline is not None else None
    if opts.local_state:
        state, state_error = _open_state()
    else:
        state, state_error = None, "the audit trail is kept by the governance server"
    executor = make_executor(opts.engine, address=opts.ray_address)
    db = None
    try:
        if opts.resume:
            from secplan.store import open_database

            db = open_database()
        extra: tuple[Scanner, ...] = ()
        if opts.env or opts.env_path is not None:
            from secplan.scanners.deps import EnvironmentScanner

            extra = (EnvironmentScanner(opts.env_path),)
        assessment = run(
            opts.path,
            config=opts.config,
            as_of=opts.as_of,
            plugins=opts.plugins,
            observer=observer,
            settings_hook=adjust,
            state=state,
            state_error=state_error,
            extra_scanners=extra,
            imports=opts.imports,
            executor=executor,
            resume=db,
        )
        assessment = apply_to(assessment)
        if known is not None:
            assessment = apply_baseline(assessment, known)
        if state is not None:
            _record(state, assessment)
    finally:
        executor.close()
        if db is not None:
            db.dispose()
        if state is not None:
            state.close()
    width = max(100, min(shutil.get_terminal_size((120, 40)).columns, 200))
    for path, kind in opts.reports:
        atomic_write(path, renderer(Format(kind), width=width)(assessment))
    to_terminal = opts.output is None
    text = renderer(Format(opts.fmt), color=to_terminal and stdout_color, width=width)(assessment)
    if opts.output is not None:
        atomic_write(opts.output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    fail_on = opts.fail_on if opts.fail_on is not None else assessment.settings.fail_on
    return exit_code(assessment, fail_on)
