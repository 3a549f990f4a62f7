"""``secplan model``: analyse model files for malicious code and malformed structure.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 usage or input
error.
"""

from __future__ import annotations

import dataclasses
import shutil
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

OK, FINDINGS, ERROR = 0, 1, 2
FORMATS = ("table", "json", "sarif", "html", "junit")

model_app = typer.Typer(
    name="model",
    help="Analyse model files (pickle, PyTorch, joblib, NumPy, Keras, TensorFlow, ONNX, GGUF, "
    "safetensors and the archives they travel in) without loading them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _fail(message: str, hint: str) -> typer.Exit:
    sys.stderr.write(f"secplan: error: {message} ({hint})\n")
    return typer.Exit(ERROR)


@model_app.callback()
def _group() -> None:
    """Analyse model files without loading them."""


@model_app.command("scan")
def scan_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Model files, directories or archives to analyse.")
    ],
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="Output format: table, json, sarif, html or junit."),
    ] = "table",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here instead of stdout.")
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a finding is at or above this severity (info, low, medium, high, "
            "critical). Default: fail_on in secplan.toml, else high.",
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Settings file (default: secplan.toml of the scan root)."),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Worker processes (default: all cores)."),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Judge waiver expiry as of this day (YYYY-MM-DD).")
    ] = None,
    no_gitignore: Annotated[
        bool, typer.Option("--no-gitignore", help="Also scan files that .gitignore excludes.")
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="Report only findings new since this earlier JSON or SARIF report of secplan; "
            "the exit code follows the new ones only.",
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
) -> None:
    """Analyse model files, directories and archives; several paths make one report.

    Examples:

      secplan model scan pytorch_model.bin

      secplan model scan models/ downloads/ --format sarif --output models.sarif

      secplan model scan checkpoint.tar.gz --fail-on medium
    """
    from secplan._io import atomic_write
    from secplan.config import load_settings
    from secplan.errors import SecplanError
    from secplan.governance.approval import load_checked_records
    from secplan.model import Severity
    from secplan.model_scan import common_root, scan_models
    from secplan.report import Format, renderer

    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise _fail(f"unknown format {fmt!r}", "use one of " + ", ".join(FORMATS))
    try:
        threshold = Severity.parse(fail_on) if fail_on is not None else None
        day = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError as exc:
        raise _fail(str(exc), "see secplan model scan --help") from None
    err = Console(stderr=True, highlight=False)
    try:
        missing = [p for p in paths if not p.exists()]
        if missing:
            raise _fail(f"{missing[0]}: no such file or directory", "check the path to scan")
        from secplan.baseline import apply_baseline, load_baseline

        known = load_baseline(baseline) if baseline is not None else None
        root = common_root([p.resolve() for p in paths])
        settings = load_settings(root, config)
        settings = dataclasses.replace(settings, use_gitignore=not no_gitignore)
        records = load_checked_records(root, settings)
        from secplan.cli.progress import progress_observer

        assessment = scan_models(
            paths, settings, records, as_of=day, jobs=jobs, observer=progress_observer(err)
        )
        if known is not None:
            assessment = apply_baseline(assessment, known)
    except SecplanError as exc:
        if debug:
            raise
        raise _fail(exc.message, exc.hint or "see secplan model scan --help") from None
    width = max(100, min(shutil.get_terminal_size((120, 40)).columns, 200))
    color = output is None and sys.stdout.isatty()
    text = renderer(Format(fmt), color=color, width=width)(assessment)
    if output is not None:
        atomic_write(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    limit = threshold if threshold is not None else assessment.settings.fail_on
    code = FINDINGS if any(f.severity >= limit for f in assessment.report.findings) else OK
    raise typer.Exit(code)


def main() -> None:
    """Run ``model_app`` on its own (``python -m secplan.cli.model``)."""
    model_app()


if __name__ == "__main__":
    main()
