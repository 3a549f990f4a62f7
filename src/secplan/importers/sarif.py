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
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlparse

from secplan._snapshot import read_source
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
    text = read_source("lists/sarif_tools.toml")
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


def _d(value: Any) -> dict[str, Any]:
    """``value`` when it is a JSON object, else an empty one: a field of the wrong type is
    treated as absent."""
    return value if isinstance(value, dict) else {}


def _l(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _s(value: Any, limit: int = 500) -> str:
    """A short string for a JSON scalar; ``""`` for objects and arrays."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value)[:limit]
    return ""


def _severity(result: dict[str, Any], rule: dict[str, Any]) -> Severity:
    props = {**_d(rule.get("properties")), **_d(result.get("properties"))}
    score = props.get("security-severity")
    try:
        s = float(score) if isinstance(score, str | int | float) else None
    except (TypeError, ValueError, OverflowError):
        s = None
    if s is not None and s == s:
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
    level = _s(result.get("level")) or _s(_d(rule.get("defaultConfiguration")).get("level"))
    return _LEVEL.get(level, Severity.MEDIUM)


def _path(uri: str, root: Path) -> str:
    try:
        parsed = urlparse(uri)
    except ValueError:  # an invalid URL (for example a bad IPv6 host): keep it as text
        return uri
    raw = unquote(parsed.path) if parsed.scheme == "file" else uri
    raw = raw.replace("\x00", "")
    p = Path(raw)
    if p.is_absolute():
        try:
            return p.resolve().relative_to(root.resolve()).as_posix()
        except (ValueError, OSError):
            return p.as_posix()
    return PurePosixPath(raw).as_posix().removeprefix("./")


def _location(result: dict[str, Any], root: Path) -> Location:
    for loc in _l(result.get("locations")):
        phys = _d(_d(loc).get("physicalLocation"))
        uri = _s(_d(phys.get("artifactLocation")).get("uri"), 4096)
        if uri:
            line = _d(phys.get("region")).get("startLine")
            return Location(
                path=_path(uri, root),
                line=line if isinstance(line, int) and 0 < line < 1 << 31 else None,
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
    except (ValueError, RecursionError) as exc:
        raise ConfigError(f"{shown}: not JSON ({exc})", "pass a SARIF 2.1.0 file") from exc
    if (
        not isinstance(doc, dict)
        or doc.get("version") != "2.1.0"
        or not isinstance(doc.get("runs"), list)
    ):
        raise ConfigError(f"{shown}: not a SARIF 2.1.0 log", "pass a SARIF 2.1.0 file")
    out: list[Finding] = []
    for i, run in enumerate(doc["runs"]):
        try:
            _import_run(_d(run), root, path.name, out)
        except ConfigError:
            raise
        except RecursionError as exc:
            raise ConfigError(
                f"{shown}: runs[{i}]: nested too deeply", "pass a SARIF 2.1.0 file"
            ) from exc
        except Exception as exc:  # any other shape this reader does not expect
            raise ConfigError(
                f"{shown}: runs[{i}]: unreadable result ({type(exc).__name__})",
                "pass a SARIF 2.1.0 file",
            ) from exc
    return out


def _import_run(run: dict[str, Any], root: Path, name: str, out: list[Finding]) -> None:
    driver = _d(_d(run.get("tool")).get("driver"))
    tool = _s(driver.get("name"), 200) or "unknown"
    rules: dict[str, dict[str, Any]] = {}
    for r in _l(driver.get("rules")):
        rid = _s(_d(r).get("id"), 200)
        if rid:
            rules.setdefault(rid, _d(r))
    mapping = _tool_map(tool)
    for result in _l(run.get("results")):
        if len(out) >= MAX_RESULTS:
            raise ConfigError(f"{name}: more than {MAX_RESULTS} results", "split the report")
        if not isinstance(result, dict) or result.get("suppressions"):
            continue  # suppressed in the original tool: its own exception process
        rule_id = _s(result.get("ruleId"), 200) or _s(_d(result.get("rule")).get("id"), 200) or "?"
        rule = rules.get(rule_id, {})
        message = result.get("message")
        text = _s(message) if isinstance(message, str) else _s(_d(message).get("text"))
        out.append(
            IMPORTED.at(
                _location(result, root),
                f"[{tool} {rule_id}] {text or rule_id}"[:500],
                evidence=f"imported from {name}",
                severity=_severity(result, rule),
                confidence=Confidence.MEDIUM,
                controls=mapping.controls(rule_id),
                remediation=_s(_d(rule.get("help")).get("text")) or IMPORTED.remediation,
            )
        )
