"""Run each scanner over the genuine-file set and reduce its output to a verdict per file.

A verdict says whether the tool reported anything above info about the file (`any`),
anything at high or critical (`high`), whether it could not analyse it (`error`), and, for
secplan, the findings themselves. The directory scanners (secplan, modelscan, picklescan,
ModelAudit) scan the set's folders as a user would; fickling takes one file per run.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[3]
SEVERITY = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}


@dataclass
class Verdict:
    any: bool = False  # a finding above info
    high: bool = False  # a finding at high or critical
    error: bool = False  # the tool could not analyse the file (or part of it)
    skipped: str = ""  # secplan: why the file was left out as not a model file
    findings: list[dict[str, str]] = field(default_factory=list)


Verdicts = dict[str, Verdict]


def env() -> dict[str, str]:
    return {
        **os.environ,
        "PROMPTFOO_DISABLE_TELEMETRY": "1",
        "NO_COLOR": "1",
        "PYTHONPATH": str(REPO / "src"),
    }


def run(cmd: list[str], timeout: int) -> tuple[int, str, float]:
    """Run one command from a scratch directory; (exit code, stdout+stderr, seconds)."""
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:  # some tools write files into the cwd
        try:
            p = subprocess.run(
                cmd, capture_output=True, text=True, timeout=timeout, env=env(), cwd=scratch
            )
        except subprocess.TimeoutExpired:
            return 124, "", time.perf_counter() - t0
    return p.returncode, p.stdout + p.stderr, time.perf_counter() - t0


def secplan_cmd(path: Path) -> list[str]:
    return [sys.executable, "-m", "secplan", "model", "scan", str(path)]


def _owner(files: list[str], where: str) -> list[str]:
    """The set files a reported location belongs to: the file itself, the longest file
    path it starts with (archive members, offsets), or every file under a directory."""
    where = where.strip().lstrip("./") if where not in (".", "") else ""
    if where in files:
        return [where]
    hits = [f for f in files if where.startswith((f + ":", f + " ", f + "!"))]
    if hits:
        return [max(hits, key=len)]
    return [f for f in files if f.startswith(where.rstrip("/") + "/")] if where else []


def _mark(out: Verdicts, files: list[str], where: str, *, any_: bool, high: bool) -> bool:
    owners = _owner(files, where)
    for f in owners:
        out[f].any |= any_
        out[f].high |= high
    return bool(owners)


def secplan_verdicts(root: Path, files: list[str], timeout: int) -> Verdicts:
    rc, out, _ = run([*secplan_cmd(root), "-f", "json"], timeout)
    report = json.loads(out[out.index("{") :]) if "{" in out else {}
    if rc not in (0, 1) or not report:
        raise SystemExit(f"secplan model scan failed (exit {rc}): {out[-400:]}")
    verdicts = {f: Verdict() for f in files}
    for f in report["findings"]:
        sev = SEVERITY[f["severity"]]
        loc = f["location"]
        detail = {
            "rule": f["rule"],
            "severity": f["severity"],
            "member": loc.get("member") or "",
            "message": f["message"],
            "evidence": f.get("evidence", ""),
        }
        for owner in _owner(files, loc["path"]) or ["(scan root)"]:
            verdicts.setdefault(owner, Verdict())
            verdicts[owner].any |= sev > 0
            verdicts[owner].high |= sev >= 3
            if sev > 0:
                verdicts[owner].findings.append(detail)
    for e in report.get("errors", []):
        for owner in _owner(files, e["path"]):
            verdicts[owner].error = True
    for skip in report.get("skipped", []):
        for owner in _owner(files, skip["path"]):
            verdicts[owner].skipped = skip["reason"]
    return verdicts


def modelscan_verdicts(bindir: Path, root: Path, files: list[str], timeout: int) -> Verdicts:
    with tempfile.TemporaryDirectory() as tmp:
        report_file = Path(tmp) / "report.json"
        cmd = [str(bindir / "modelscan"), "-p", str(root), "-r", "json", "-o", str(report_file)]
        rc, out, _ = run(cmd, timeout)
        if not report_file.exists():
            raise SystemExit(f"modelscan wrote no report (exit {rc}): {out[-400:]}")
        report = json.loads(report_file.read_text())
    verdicts = {f: Verdict() for f in files}
    for issue in report.get("issues", []):
        sev = str(issue.get("severity", "")).lower()
        _mark(verdicts, files, issue["source"], any_=True, high=sev in ("high", "critical"))
    for err in report.get("errors", []):
        for owner in _owner(files, str(err.get("source", ""))):
            verdicts[owner].error = True
    return verdicts


PICKLESCAN_COUNT = re.compile(r"^(Suspicious|Dangerous) globals: (\d+)", re.M)


def picklescan_verdicts(bindir: Path, root: Path, files: list[str], timeout: int) -> Verdicts:
    """One run per file: picklescan names only dangerous globals per file (suspicious ones,
    those on neither of its lists, are only counted), so the count is read per file."""
    verdicts = {}
    for f in files:
        rc, out, _ = run([str(bindir / "picklescan"), "-p", str(root / f)], timeout)
        counts = {kind: int(n) for kind, n in PICKLESCAN_COUNT.findall(out)}
        dangerous = counts.get("Dangerous", 0) > 0 or rc == 1
        verdicts[f] = Verdict(
            any=dangerous or counts.get("Suspicious", 0) > 0,
            high=dangerous,
            error=rc not in (0, 1) or "ERROR: parsing" in out or not counts,
        )
    return verdicts


def modelaudit_verdicts(bindir: Path, root: Path, files: list[str], timeout: int) -> Verdicts:
    """One ModelAudit run per package folder, so a slow folder cannot void the others."""
    verdicts = {f: Verdict() for f in files}
    for folder in sorted({f.split("/", 1)[0] for f in files}):
        with tempfile.TemporaryDirectory() as tmp:
            report_file = Path(tmp) / "report.json"
            cmd = [str(bindir / "modelaudit"), "scan", str(root / folder)]
            rc, _, _ = run([*cmd, "--format", "json", "--output", str(report_file)], timeout)
            mine = [f for f in files if f.startswith(folder + "/")]
            if not report_file.exists():
                for f in mine:
                    verdicts[f].error = True
                continue
            report = json.loads(report_file.read_text())
        _modelaudit_report(report, str(root) + "/", files, verdicts)
        print(f"  modelaudit {folder}: exit {rc}", flush=True)
    return verdicts


def _modelaudit_report(
    report: dict[str, Any], prefix: str, files: list[str], verdicts: Verdicts
) -> None:
    for issue in report.get("issues", []):
        sev = str(issue.get("severity", "")).lower()
        where = str(issue.get("location") or "").replace(prefix, "")
        if sev in ("warning", "critical"):
            _mark(verdicts, files, where, any_=True, high=sev == "critical")
    for check in report.get("checks", []):
        details = check.get("details") or {}
        incomplete = details.get("operational_error") or details.get("analysis_incomplete")
        if check.get("status") == "failed" and incomplete:
            for owner in _owner(files, str(check.get("location") or "").replace(prefix, "")):
                verdicts[owner].error = True


FICKLING_ORDER = [
    "LIKELY_SAFE",
    "POSSIBLY_UNSAFE",
    "SUSPICIOUS",
    "LIKELY_UNSAFE",
    "LIKELY_OVERTLY_MALICIOUS",
    "OVERTLY_MALICIOUS",
]
FICKLING_HIGH = set(FICKLING_ORDER[3:])


def _fickling_severity(report_file: Path) -> str:
    """The worst severity in fickling's JSON output (one object per pickle stream)."""
    if not report_file.exists():
        return ""
    text, pos, worst = report_file.read_text(errors="replace"), 0, ""
    decoder = json.JSONDecoder()
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        try:
            obj, pos = decoder.raw_decode(text, pos)
        except ValueError:
            break
        sev = obj.get("severity", "") if isinstance(obj, dict) else ""
        if sev in FICKLING_ORDER and (
            not worst or FICKLING_ORDER.index(sev) > FICKLING_ORDER.index(worst)
        ):
            worst = sev
    return worst


def fickling_verdicts(bindir: Path, root: Path, files: list[str], timeout: int) -> Verdicts:
    verdicts = {}
    with tempfile.TemporaryDirectory() as tmp:
        report_file = Path(tmp) / "report.json"
        for f in files:
            report_file.unlink(missing_ok=True)
            cmd = [str(bindir / "fickling"), "--check-safety", "--json-output", str(report_file)]
            rc, _, _ = run([*cmd, str(root / f)], timeout)
            severity = _fickling_severity(report_file)
            error = rc not in (0, 1) or not severity
            flagged = rc == 1 and severity not in ("", "LIKELY_SAFE")
            verdicts[f] = Verdict(any=flagged, high=severity in FICKLING_HIGH, error=error)
    return verdicts


def as_json(verdicts: Verdicts) -> dict[str, dict[str, object]]:
    return {f: asdict(v) for f, v in sorted(verdicts.items())}


RUNNERS: dict[str, Callable[[Path, Path, list[str], int], Verdicts]] = {
    "modelscan": modelscan_verdicts,
    "picklescan": picklescan_verdicts,
    "fickling": fickling_verdicts,
    "modelaudit": modelaudit_verdicts,
}
