"""Small projects for the gate tests, and a scan that returns the JSON report."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from secplan.model import Severity
from secplan.scan_command import ScanOptions, run_scan

DAY = date(2026, 12, 2)


def scan_report(
    root: Path, *, fmt: str = "json", baseline: Path | None = None, fail_on: str = "high"
) -> tuple[int, Any]:
    """Exit code and parsed report of ``secplan scan root``."""
    out = root.parent / f"{root.name}-report.{fmt}"
    code = run_scan(
        ScanOptions(
            path=root,
            fmt=fmt,
            output=out,
            as_of=DAY,
            plugins=False,
            baseline=baseline,
            fail_on=Severity.parse(fail_on),
        )
    )
    return code, json.loads(out.read_text())


def rules_at(report: dict[str, Any], key: str = "findings") -> list[tuple[str, int | None]]:
    return sorted((f["rule"], f["location"]["line"]) for f in report[key])
