"""``secplan hook``: the code and secret rules of ``secplan scan`` on a list of files, as a
pre-commit hook runs them on the staged files.

The same engine, scanners, settings (``secplan.toml`` of the project each file is in), waivers
and inline suppressions as ``secplan scan``; only the findings in the given files are
reported, one line each, so a commit is stopped with the list of what to fix.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from secplan.model import ArtifactKind, Finding, Severity

#: The rule families each hook checks.
FAMILIES: dict[str, tuple[str, ...]] = {
    "code": ("CD1", "CD3", "CF", "EV010", "EV011"),
    "secrets": ("CD2",),
}


@dataclass(frozen=True, slots=True)
class HookResult:
    findings: tuple[Finding, ...]  # paths relative to the current directory when possible
    suppressed: int
    fail_on: Severity = Severity.HIGH  # the strictest fail_on of the projects' settings


def _relative(root: Path, rel: str) -> str:
    try:
        return (root / rel).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return (root / rel).as_posix()


def run_hook(kind: str, files: Iterable[Path], *, as_of: date | None = None) -> HookResult:
    """Findings of the ``kind`` rules (see :data:`FAMILIES`) in ``files``."""
    from secplan.catalog import load_catalog
    from secplan.config import load_settings
    from secplan.engine import _today, check_target, scan
    from secplan.governance.approval import load_checked_records
    from secplan.project import find_root
    from secplan.scanners import default_registry
    from secplan.suppressions import Suppression, apply, read_suppressions

    by_root: dict[Path, list[Path]] = {}
    for file in files:
        target = check_target(file)
        if target.is_file():
            by_root.setdefault(find_root(target), []).append(target)
    registry = default_registry(plugins=False)
    load_catalog().validate_rules(registry.rules)
    known = frozenset(r.id for r in registry.rules)
    day = as_of or _today()
    out: list[Finding] = []
    suppressed = 0
    fail_on = Severity.CRITICAL
    for root, targets in by_root.items():
        settings = load_settings(root)
        fail_on = min(fail_on, settings.fail_on)
        settings = dataclasses.replace(settings, select=FAMILIES[kind])
        records = load_checked_records(root, settings)
        findings: list[Finding] = []
        waived: list[Finding] = []
        sups: list[Suppression] = []
        for target in targets:
            rel = target.relative_to(root).as_posix()
            report = scan(target, settings, records, registry, as_of=day, root=root)
            findings += [f for f in report.findings if f.location.path == rel]
            waived += [f for f, _ in report.suppressed if f.location.path == rel]
            for a in report.artifacts:
                if a.relpath == rel:
                    sups += read_suppressions(a.path, rel, a.kind is ArtifactKind.NOTEBOOK)
        done = apply(
            findings,
            sups,
            select=settings.select,
            ignore=settings.ignore,
            known_rules=known,
            also_seen=waived,
        )
        suppressed += len(done.suppressed) + len(waived)
        for f in (*done.kept, *done.reported):
            loc = dataclasses.replace(f.location, path=_relative(root, f.location.path))
            out.append(dataclasses.replace(f, location=loc))
    if not by_root:
        fail_on = Severity.HIGH
    return HookResult(tuple(sorted(out, key=Finding.sort_key)), suppressed, fail_on)


def render(result: HookResult) -> str:
    """One line per finding: ``path:line: RULE severity message``."""
    return "".join(
        f"{f.location}: {f.rule} {f.severity.label}: {f.message}\n" for f in result.findings
    )


def failed(result: HookResult, fail_on: Severity) -> bool:
    return any(f.severity >= fail_on for f in result.findings)


__all__ = ["FAMILIES", "HookResult", "failed", "render", "run_hook"]
