"""Run one scanner on one path and read its verdict: caught at high or above, and at
medium or above. Every tool runs as a fresh process per sample, with a timeout."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

SEV = {"info": 0, "debug": 0, "low": 1, "medium": 2, "warning": 2, "high": 3, "critical": 4}


@dataclass
class Verdict:
    rc: int
    seconds: float
    high: bool
    medium: bool
    error: bool
    detail: str = ""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _run(cmd: list[str], timeout: int, env: dict[str, str]) -> tuple[int, float, str]:
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as cwd:  # some tools write reports into the cwd
        try:
            p = subprocess.run(
                cmd, capture_output=True, text=True, timeout=timeout, env=env, cwd=cwd, check=False
            )
            return p.returncode, time.perf_counter() - t0, p.stdout + "\n" + p.stderr
        except subprocess.TimeoutExpired:
            return 124, time.perf_counter() - t0, "timed out"


def secplan(path: Path, timeout: int, env: dict[str, str]) -> Verdict:
    cmd = [sys.executable, "-m", "secplan", "model", "scan", str(path), "-f", "json", "-j", "1"]
    rc, secs, out = _run(cmd, timeout, env)
    try:
        findings = json.loads(out[: out.rindex("}") + 1][out.index("{") :])["findings"]
    except (ValueError, KeyError):
        return Verdict(
            rc,
            secs,
            False,
            False,
            True,
            out.strip().splitlines()[-1:][0][:200] if out.strip() else "",
        )
    worst = max((SEV[f["severity"]] for f in findings), default=-1)
    shown = sorted({f"{f['rule']} {f['severity']}" for f in findings if SEV[f["severity"]] >= 2})
    return Verdict(rc, secs, worst >= 3, worst >= 2, rc not in (0, 1), "; ".join(shown)[:300])


def modelscan(b: Path, path: Path, timeout: int, env: dict[str, str]) -> Verdict:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp, "r.json")
        rc, secs, _ = _run(
            [str(b / "modelscan"), "-p", str(path), "-r", "json", "-o", str(report)], timeout, env
        )
        try:
            data = json.loads(report.read_text())
        except (OSError, ValueError):
            return Verdict(rc, secs, rc == 1, rc == 1, rc not in (0, 1))
    sev = [SEV.get(i.get("severity", "").lower(), 0) for i in data.get("issues", [])]
    worst = max(sev, default=-1)
    skipped = (
        "skipped" if not data.get("summary", {}).get("scanned", {}).get("total_scanned") else ""
    )
    return Verdict(rc, secs, worst >= 3, worst >= 2, rc not in (0, 1), skipped)


def picklescan(b: Path, path: Path, timeout: int, env: dict[str, str]) -> Verdict:
    rc, secs, out = _run([str(b / "picklescan"), "-p", str(path)], timeout, env)
    m = re.search(r"Suspicious globals: (\d+)", out)
    suspicious = bool(m and int(m.group(1)))
    return Verdict(rc, secs, rc == 1, rc == 1 or suspicious, rc not in (0, 1))


FICKLING_HIGH = ("LIKELY_UNSAFE", "LIKELY_OVERTLY_MALICIOUS", "OVERTLY_MALICIOUS")


def fickling(b: Path, path: Path, timeout: int, env: dict[str, str]) -> Verdict:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp, "r.json")
        cmd = [str(b / "fickling"), "--check-safety", "--json-output", str(report), str(path)]
        rc, secs, _ = _run(cmd, timeout, env)
        try:
            severity = str(json.loads(report.read_text()).get("severity", ""))
        except (OSError, ValueError):
            severity = ""
    if not severity:  # no verdict written: the file could not be analysed (a folder, say)
        return Verdict(rc, secs, False, False, True, "no result")
    high = any(s in severity for s in FICKLING_HIGH)
    return Verdict(
        rc, secs, high, "LIKELY_SAFE" not in severity or high, rc not in (0, 1), severity
    )


def modelaudit(b: Path, path: Path, timeout: int, env: dict[str, str]) -> Verdict:
    cmd = [str(b / "modelaudit"), "scan", "--format", "json", str(path)]
    rc, secs, out = _run(cmd, timeout, env)
    try:
        data = json.loads(out[out.index("{") : out.rindex("}") + 1])
    except ValueError:
        return Verdict(rc, secs, rc == 1, rc == 1, rc not in (0, 1))
    sev = [SEV.get(str(i.get("severity", "")).lower(), 0) for i in data.get("issues", [])]
    worst = max(sev, default=-1)
    return Verdict(rc, secs, worst >= 3, worst >= 2, rc not in (0, 1))


ANCHOR_RUNNERS = {
    "modelscan": modelscan,
    "picklescan": picklescan,
    "fickling": fickling,
    "modelaudit": modelaudit,
}


def tool_env(repo: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PROMPTFOO_DISABLE_TELEMETRY": "1",
        "NO_COLOR": "1",
        "PYTHONPATH": str(repo / "src"),
    }
