"""Baselines: report only the findings that are new since an earlier report.

A baseline is an earlier ``secplan scan --format json`` report, or a SARIF file in which
secplan's results carry ``partialFingerprints["secplanFinding/v1"]``. Findings match by
:attr:`~secplan.model.Finding.fingerprint`, which holds no line number, so a finding whose
line moved is still known. Matching counts: when the baseline held one finding with a
fingerprint and the scan now finds two, one of them is new.

The baseline changes what a report lists and what the exit code follows; the posture of the
controls still counts every finding, so a baseline never makes a control pass.

>>> from secplan.model import Finding, Location, Severity, Confidence, RuleId
>>> f = Finding(rule=RuleId("CD101"), severity=Severity.HIGH, confidence=Confidence.HIGH,
...             location=Location(path="a.py", line=3), message="m")
>>> new, old = split([f, f], Counter({f.fingerprint: 1}))
>>> len(new), len(old)
(1, 1)
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from secplan.errors import SecplanError
from secplan.model import Finding

if TYPE_CHECKING:
    from secplan.engine import Assessment

#: A baseline larger than this is refused (a report of a very large project is a few MB).
MAX_BASELINE_BYTES = 256 << 20
SARIF_KEY = "secplanFinding/v1"


class BaselineError(SecplanError):
    """The baseline file cannot be used (a usage error: exit 2)."""


def _fail(path: Path, why: str) -> BaselineError:
    return BaselineError(
        f"{path}: not a usable baseline: {why}",
        "pass a report written by `secplan scan --format json` or `--format sarif`",
    )


def _ids(items: object, key: str, path: Path, where: str) -> list[str]:
    if not isinstance(items, list):
        raise _fail(path, f"{where} is not a list")
    out: list[str] = []
    for i, item in enumerate(items):
        value: Any = item.get(key) if isinstance(item, dict) else None
        if key == SARIF_KEY:
            fps = item.get("partialFingerprints") if isinstance(item, dict) else None
            value = fps.get(SARIF_KEY) if isinstance(fps, dict) else None
            if value is None:  # another tool's result merged into the file: not ours
                continue
        if not isinstance(value, str) or not value:
            raise _fail(path, f"{where}[{i}] has no {key!r}")
        out.append(value)
    return out


def load_baseline(path: Path) -> Counter[str]:
    """How many times each finding fingerprint occurs in the baseline at ``path``."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BASELINE_BYTES + 1)
    except OSError as exc:
        raise _fail(path, exc.strerror or type(exc).__name__) from None
    if len(data) > MAX_BASELINE_BYTES:
        raise _fail(path, f"larger than {MAX_BASELINE_BYTES} bytes")
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except RecursionError:
        raise _fail(path, "JSON nested too deeply") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise _fail(path, f"not valid JSON ({str(exc).splitlines()[0][:120]})") from None
    if not isinstance(doc, dict):
        raise _fail(path, "not a JSON object")
    if doc.get("schema") == "secplan-report":
        ids = _ids(doc.get("findings"), "id", path, "findings")
        ids += _ids(doc.get("suppressed", []), "id", path, "suppressed")
        return Counter(ids)
    if isinstance(doc.get("runs"), list) and str(doc.get("version", "")).startswith("2.1"):
        ids = []
        for n, run in enumerate(doc["runs"]):
            if not isinstance(run, dict):
                raise _fail(path, f"runs[{n}] is not an object")
            ids += _ids(run.get("results", []), SARIF_KEY, path, f"runs[{n}].results")
        return Counter(ids)
    raise _fail(path, "neither a secplan JSON report nor SARIF 2.1.0")


def split(findings: Iterable[Finding], known: Counter[str]) -> tuple[list[Finding], list[Finding]]:
    """``findings`` divided into the new ones and those the baseline ``known`` already held."""
    left = Counter(known)
    new: list[Finding] = []
    old: list[Finding] = []
    for f in findings:
        fp = f.fingerprint
        if left[fp] > 0:
            left[fp] -= 1
            old.append(f)
        else:
            new.append(f)
    return new, old


def apply_baseline(assessment: Assessment, known: Counter[str]) -> Assessment:
    """``assessment`` with the findings ``known`` already held moved to ``baselined``; the
    posture is left as it was (it counts every finding)."""
    new, old = split(assessment.report.findings, known)
    report = dataclasses.replace(assessment.report, findings=tuple(new), baselined=tuple(old))
    return dataclasses.replace(assessment, report=report)


__all__ = ["BaselineError", "apply_baseline", "load_baseline", "split"]
