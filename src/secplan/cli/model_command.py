"""What ``secplan model scan`` does once its arguments are parsed: one function that both the
typer command and the lean pre-commit entry (:mod:`secplan.cli.lean`) call, so that the two
give the same output and exit code.

Nothing here imports the command-line framework; the terminal library loads only for the table
format and for a progress bar on a terminal.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secplan.engine import Assessment
    from secplan.model import Severity

OK, FINDINGS, ERROR = 0, 1, 2
FORMATS = ("table", "json", "sarif", "html", "junit")


def _fail(message: str, hint: str) -> int:
    sys.stderr.write(f"secplan: error: {message} ({hint})\n")
    return ERROR


def _may_be_terminal() -> bool:
    """Whether the progress bar could show (the terminal library decides exactly; it is not
    loaded when stderr is not a terminal and no setting forces one)."""
    env = os.environ
    return sys.stderr.isatty() or "FORCE_COLOR" in env or env.get("TTY_COMPATIBLE") == "1"


def _remote(paths: list[Path]) -> list[str]:
    """The arguments that name remote objects (``s3://...``); a URL has a colon, so without
    one the object-store module is not loaded."""
    if not any(":" in str(p) for p in paths):
        return []
    from secplan.objectstore import as_target, is_remote

    return [t for t in map(as_target, paths) if is_remote(t)]


def run_model_scan(
    paths: list[Path],
    *,
    fmt: str = "table",
    output: Path | None = None,
    fail_on: str | None = None,
    config: Path | None = None,
    jobs: int | None = None,
    as_of: str | None = None,
    no_gitignore: bool = False,
    baseline: Path | None = None,
    debug: bool = False,
    engine: str = "local",
    ray_address: str | None = None,
    resume: bool = False,
) -> int:
    """Analyse ``paths``, write the report, and return the exit code (0, 1 or 2)."""
    from secplan.config import load_settings
    from secplan.errors import SecplanError
    from secplan.governance.approval import load_checked_records
    from secplan.model import Severity
    from secplan.model_scan import project_root, scan_models

    fmt = fmt.lower()
    if fmt not in FORMATS:
        return _fail(f"unknown format {fmt!r}", "use one of " + ", ".join(FORMATS))
    try:
        threshold = Severity.parse(fail_on) if fail_on is not None else None
        day = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError as exc:
        return _fail(str(exc), "see secplan model scan --help")
    try:
        urls = _remote(paths)
        if urls:
            return _scan_url(
                urls, len(paths), fmt, output, threshold, config, day, engine, ray_address, resume
            )
        missing = [p for p in paths if not p.exists()]
        if missing:
            return _fail(f"{missing[0]}: no such file or directory", "check the path to scan")
        known = None
        if baseline is not None:  # the baseline module loads only for --baseline
            from secplan.baseline import load_baseline

            known = load_baseline(baseline)
        root = project_root([p.resolve() for p in paths])
        settings = load_settings(root, config)
        settings = dataclasses.replace(settings, use_gitignore=not no_gitignore)
        records = load_checked_records(root, settings)
        observer = None
        if _may_be_terminal():
            from rich.console import Console

            from secplan.cli.progress import progress_observer

            observer = progress_observer(Console(stderr=True, highlight=False))
        from secplan.executor import make_executor

        db = None
        if resume:
            from secplan.store import open_database

            db = open_database()
        try:
            with make_executor(engine, jobs=jobs or os.cpu_count() or 1, address=ray_address) as ex:
                assessment = scan_models(
                    paths,
                    settings,
                    records,
                    as_of=day,
                    jobs=jobs,
                    observer=observer,
                    executor=ex,
                    resume=db,
                )
        finally:
            if db is not None:
                db.dispose()
        if known is not None:
            from secplan.baseline import apply_baseline

            assessment = apply_baseline(assessment, known)
    except SecplanError as exc:
        if debug:
            raise
        return _fail(exc.message, exc.hint or "see secplan model scan --help")
    return _write(assessment, fmt, output, threshold)


def _write(
    assessment: Assessment, fmt: str, output: Path | None, threshold: Severity | None
) -> int:
    from secplan._io import atomic_write
    from secplan.report import Format, renderer

    width = max(100, min(shutil.get_terminal_size((120, 40)).columns, 200))
    color = output is None and sys.stdout.isatty()
    text = renderer(Format(fmt), color=color, width=width)(assessment)
    if output is not None:
        atomic_write(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    limit = threshold if threshold is not None else assessment.settings.fail_on
    return FINDINGS if any(f.severity >= limit for f in assessment.report.findings) else OK


def _scan_url(
    urls: list[str],
    given: int,
    fmt: str,
    output: Path | None,
    threshold: Severity | None,
    config: Path | None,
    day: date,
    engine: str,
    ray_address: str | None,
    resume: bool,
) -> int:
    """``secplan model scan s3://bucket/prefix``: one URL, settings from this directory."""
    from secplan.config import load_settings
    from secplan.errors import SecplanError
    from secplan.executor import make_executor
    from secplan.governance.approval import load_checked_records
    from secplan.model_scan import scan_remote_models
    from secplan.project import find_root

    if given != 1:
        return _fail("a URL is scanned on its own", "give one URL, or local paths only")
    if resume:
        return _fail("--resume works on local paths", "scan the URL without --resume")
    try:
        root = find_root(Path.cwd())
        settings = load_settings(root, config)
        records = load_checked_records(root, settings)
        with make_executor(engine, jobs=os.cpu_count() or 1, address=ray_address) as ex:
            assessment = scan_remote_models(urls[0], settings, records, as_of=day, executor=ex)
    except SecplanError as exc:
        return _fail(exc.message, exc.hint or "see secplan model scan --help")
    return _write(assessment, fmt, output, threshold)
