"""``secplan report``: reports for auditors built from a project's posture."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from secplan.catalog import Catalog
from secplan.cli._common import OK, fail
from secplan.errors import ConfigError, SecplanError

FORMATS = ("table", "json", "html", "pdf")
MAX_REPORT = 256 * 1024 * 1024  # a JSON report read back

report_app = typer.Typer(
    help="Reports for auditors. Start with: secplan report framework nist_ai_rmf_1_0 .",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@report_app.command("framework")
def framework_command(
    framework: Annotated[
        str,
        typer.Argument(
            metavar="FRAMEWORK",
            help="A framework id: owasp_ml_2023, mitre_atlas, nist_ai_rmf_1_0, "
            "iso_iec_42001_2023, iso_iec_27001_2022, eu_ai_act, gdpr, hipaa_security_rule, "
            "pci_dss_4_0.",
        ),
    ],
    path: Annotated[
        Path,
        typer.Argument(
            help="The project directory (scanned as secplan scan would), or the JSON report "
            "of an earlier scan (secplan scan --format json)."
        ),
    ] = Path(),
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, json, html or pdf (pdf needs --output).")
    ] = "table",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here, not to stdout.")
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="Settings file, as for secplan scan.")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Judge expiry dates as of this day (YYYY-MM-DD).")
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
) -> None:
    """Show how a project meets one framework: each of its requirements with a status derived
    from the plan's controls mapped to it (fail, partial, needs-evidence, waived, pass,
    not-applicable, or not-mapped when no control maps to it), and the evidence and findings
    behind it.

    Examples:

      secplan report framework nist_ai_rmf_1_0 .

      secplan report framework eu_ai_act . --format pdf --output eu-ai-act.pdf

      secplan scan . --format json --output scan.json
      secplan report framework iso_iec_42001_2023 scan.json --format html -o iso42001.html
    """
    from secplan.catalog import load_catalog
    from secplan.framework_report import unknown_framework

    fmt = fmt.lower()
    catalog = load_catalog()
    try:
        if fmt not in FORMATS:
            raise ConfigError(f"unknown format {fmt!r}", "use " + ", ".join(FORMATS))
        if fmt == "pdf" and output is None:
            raise ConfigError("a PDF is not written to the terminal", "add --output FILE.pdf")
        if framework not in {f.id for f in catalog.frameworks}:
            raise unknown_framework(catalog, framework)
        _write(_render(catalog, framework, path, fmt, config, as_of), output)
    except SecplanError as exc:
        if debug:
            raise
        raise fail(exc) from None
    raise typer.Exit(OK)


def _render(
    catalog: Catalog, framework: str, path: Path, fmt: str, config: Path | None, as_of: str | None
) -> str | bytes:
    from secplan.report import framework as fr

    report = fr.from_report(catalog, framework, _report_of(path, config, as_of))
    if fmt == "json":
        return fr.render_json(report)
    if fmt == "html":
        return fr.render_html(report)
    if fmt == "pdf":
        return fr.render_pdf(report)
    return fr.render_table(report)


def _report_of(path: Path, config: Path | None, as_of: str | None) -> dict[str, Any]:
    """The JSON report of ``path``: read when it is a file, else made by scanning it."""
    if path.is_file():
        if config is not None or as_of is not None:
            raise ConfigError(
                "--config and --as-of apply to a scan, not to a saved report",
                "pass the project directory, or leave them out",
            )
        return _read_report(path)
    from secplan.scan_command import ScanOptions, run_scan

    day = None
    if as_of is not None:
        try:
            day = date.fromisoformat(as_of)
        except ValueError:
            raise ConfigError(f"--as-of {as_of!r} is not a date", "like 2026-06-30") from None
    with tempfile.TemporaryDirectory(prefix="secplan-report-") as tmp:
        out = Path(tmp) / "scan.json"
        opts = ScanOptions(
            path=path,
            fmt="json",
            output=out,
            config=config,
            as_of=day,
            local_state=not os.environ.get("SECPLAN_SERVER"),
        )
        run_scan(opts)
        return _read_report(out)


def _read_report(path: Path) -> dict[str, Any]:
    try:
        if path.stat().st_size > MAX_REPORT:
            raise ConfigError(f"{path}: larger than {MAX_REPORT // 2**20} MiB", "")
        doc = json.loads(path.read_bytes())
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})", "") from None
    except (ValueError, RecursionError):
        raise ConfigError(
            f"{path}: not JSON", "pass a project directory, or secplan scan's JSON report"
        ) from None
    if not isinstance(doc, dict):
        raise ConfigError(f"{path}: not a secplan report", "")
    return doc


def _write(content: str | bytes, output: Path | None) -> None:
    from secplan._io import atomic_write

    if output is not None:
        atomic_write(output, content)
    elif isinstance(content, str):
        sys.stdout.write(content)
        sys.stdout.flush()
