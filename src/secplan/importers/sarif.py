"""Import SARIF 2.1.0 results from other tools (bandit, checkov, trivy, semgrep, ...) as
findings mapped to the plan's controls, so teams keep the tools they have and still see one
posture report.

Each imported result becomes a finding of rule SX101 carrying the original tool, rule id and
message; the controls come from ``catalog/lists/sarif_tools.toml``.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlparse

from secplan.errors import ConfigError
from secplan.model import ControlId, Finding, Location, Rule, Severity
from secplan.model.finding import Confidence

MAX_SARIF_BYTES = 256 << 20
MAX_RESULTS = 200_000

IMPORTED = Rule(
    id="SX101",
    name="imported-finding",
    title="Finding imported from another scanner",
    severity=Severity.MEDIUM,
    controls=(ControlId("SC5"),),
    summary="A result from another tool's SARIF report (`secplan scan --import FILE.sarif`), "
    "with its original tool, rule and message, mapped to the Security Plan's controls.",
    rationale="Teams already run bandit, checkov, trivy, semgrep and others. Importing their "
    "results puts every finding in the same posture report and exception workflow.",
    remediation="Follow the original tool's guidance for its rule.",
)

_LEVEL = {
    "error": Severity.HIGH,
    "warning": Severity.MEDIUM,
    "note": Severity.LOW,
    "none": Severity.INFO,
}


@dataclass(frozen=True, slots=True)
class _ToolMap:
    name: str
    default: tuple[ControlId, ...]
    rules: tuple[tuple[str, tuple[ControlId, ...]], ...]

    def controls(self, rule_id: str) -> tuple[ControlId, ...]:
        best = max((p for p, _ in self.rules if rule_id.startswith(p)), key=len, default=None)
        return dict(self.rules)[best] if best is not None else self.default


@cache
def _mapping() -> tuple[_ToolMap, ...]:
    text = resources.files("secplan.catalog").joinpath("lists/sarif_tools.toml").read_text()
    doc = tomllib.loads(text)
    return tuple(
        _ToolMap(
            t["name"].lower(),
            tuple(ControlId(c) for c in t["default_controls"]),
            tuple(
                (r["pattern"], tuple(ControlId(c) for c in r["controls"]))
                for r in t.get("rules", [])
            ),
        )
        for t in doc["tool"]
    )


def _tool_map(name: str) -> _ToolMap:
    wanted = name.lower()
    for t in _mapping():
        if t.name != "*" and (wanted == t.name or wanted.startswith(t.name)):
            return t
    return next(t for t in _mapping() if t.name == "*")


def _severity(result: dict[str, Any], rule: dict[str, Any]) -> Severity:
    props = {**(rule.get("properties") or {}), **(result.get("properties") or {})}
    score = props.get("security-severity")
    try:
        s = float(score) if score is not None else None
    except (TypeError, ValueError):
        s = None
    if s is not None:
        return (
            Severity.CRITICAL
            if s >= 9
            else Severity.HIGH
            if s >= 7
            else Severity.MEDIUM
            if s >= 4
            else Severity.LOW
            if s > 0
            else Severity.INFO
        )
    level = result.get("level") or (rule.get("defaultConfiguration") or {}).get("level")
    return _LEVEL.get(str(level), Severity.MEDIUM)


def _path(uri: str, root: Path) -> str:
    parsed = urlparse(uri)
    raw = unquote(parsed.path) if parsed.scheme == "file" else uri
    p = Path(raw)
    if p.is_absolute():
        try:
            return p.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return p.as_posix()
    return PurePosixPath(raw).as_posix().removeprefix("./")


def _location(result: dict[str, Any], root: Path) -> Location:
    for loc in result.get("locations") or []:
        phys = loc.get("physicalLocation") or {}
        uri = (phys.get("artifactLocation") or {}).get("uri")
        if uri:
            region = phys.get("region") or {}
            line = region.get("startLine")
            return Location(
                path=_path(str(uri), root),
                line=line if isinstance(line, int) and line > 0 else None,
            )
    return Location(path=".")


def import_sarif(path: Path, root: Path) -> list[Finding]:
    """Findings from the SARIF file ``path``; raises :class:`ConfigError` when it is not one."""
    shown = str(path)
    try:
        if path.stat().st_size > MAX_SARIF_BYTES:
            raise ConfigError(f"{shown}: over {MAX_SARIF_BYTES >> 20} MiB", "split the report")
        doc = json.loads(path.read_bytes())
    except OSError as exc:
        raise ConfigError(f"{shown}: cannot read ({exc.strerror})", "check the path") from exc
    except ValueError as exc:
        raise ConfigError(f"{shown}: not JSON ({exc})", "pass a SARIF 2.1.0 file") from exc
    if (
        not isinstance(doc, dict)
        or doc.get("version") != "2.1.0"
        or not isinstance(doc.get("runs"), list)
    ):
        raise ConfigError(f"{shown}: not a SARIF 2.1.0 log", "pass a SARIF 2.1.0 file")
    out: list[Finding] = []
    for run in doc["runs"]:
        driver = (run.get("tool") or {}).get("driver") or {}
        tool = str(driver.get("name") or "unknown")
        rules = {r.get("id"): r for r in driver.get("rules") or [] if isinstance(r, dict)}
        mapping = _tool_map(tool)
        for result in run.get("results") or []:
            if len(out) >= MAX_RESULTS:
                raise ConfigError(f"{shown}: more than {MAX_RESULTS} results", "split the report")
            if not isinstance(result, dict) or result.get("suppressions"):
                continue  # suppressed in the original tool: its own exception process
            rule_id = str(result.get("ruleId") or (result.get("rule") or {}).get("id") or "?")
            rule = rules.get(rule_id, {})
            text = str((result.get("message") or {}).get("text") or rule_id)
            out.append(
                IMPORTED.at(
                    _location(result, root),
                    f"[{tool} {rule_id}] {text}"[:500],
                    evidence=f"imported from {path.name}",
                    severity=_severity(result, rule),
                    confidence=Confidence.MEDIUM,
                    controls=mapping.controls(rule_id),
                    remediation=str((rule.get("help") or {}).get("text") or IMPORTED.remediation)[
                        :500
                    ],
                )
            )
    return out
