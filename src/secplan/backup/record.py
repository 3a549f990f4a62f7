"""A restore drill's result as an evidence record under ``.secplan/evidence/`` (control DS3).

The record is the ordinary evidence format (``docs/records.md``) with ``result`` and a
``[drill]`` table: snapshot, time to restore, files checked, mismatches. A failed drill is
recorded too, with ``result = "failed"``: it is the log an auditor asks for, and it proves
nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from secplan._io import atomic_write
from secplan.backup.service import DrillResult
from secplan.governance.records import RECORDS_DIR

OWNER = "secplan backup drill"


def _s(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's, once DEL is escaped too)."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007F")


def render(result: DrillResult, record_id: str, max_age_days: int) -> str:
    day = result.started.date()
    snap = result.snapshot[:8] if result.snapshot else "none"
    if result.passed:
        title = (
            f"Restore drill of snapshot {snap}: {result.files_checked} file(s) verified, "
            f"restored in {result.restore_seconds:.1f} s"
        )
    else:
        title = f"FAILED restore drill (snapshot {snap}): {result.error or 'nothing verified'}"
    lines = [
        f"# Written by secplan backup drill; {'passed' if result.passed else 'failed'}.",
        f"id = {_s(record_id)}",
        'control = "DS3"',
        f"title = {_s(title[:400])}",
        f"owner = {_s(OWNER)}",
        f"date = {day.isoformat()}",
        f"expires = {(day + dt.timedelta(days=max_age_days)).isoformat()}",
        f"result = {_s('passed' if result.passed else 'failed')}",
        "",
        "[drill]",
        f"repository = {_s(result.repository)}",
    ]
    if result.snapshot:
        lines.append(f"snapshot = {_s(result.snapshot)}")
    lines += [
        f"started = {result.started.isoformat(timespec='seconds').replace('+00:00', 'Z')}",
        f"restore_seconds = {result.restore_seconds:.3f}",
        f"verify_seconds = {result.verify_seconds:.3f}",
        f"files_checked = {result.files_checked}",
        f"bytes_checked = {result.bytes_checked}",
        f"mismatches = {result.mismatches}",
        f"profiles_checked = {result.profiles_checked}",
        "datasets = [" + ", ".join(_s(d) for d in result.datasets) + "]",
        "mismatched = [" + ", ".join(_s(m[:300]) for m in result.mismatched) + "]",
    ]
    if result.error:
        lines.append(f"error = {_s(result.error[:400])}")
    return "\n".join(lines) + "\n"


def write_drill_record(root: Path, result: DrillResult, max_age_days: int) -> Path:
    stamp = result.started.strftime("%Y%m%dT%H%M%S%fZ")
    record_id = f"backup-drill-{stamp}"
    path = root / RECORDS_DIR / "evidence" / f"{record_id}.toml"
    atomic_write(path, render(result, record_id, max_age_days))
    return path
