"""The scanner protocols, the context they get, and the registry (built-ins + entry points).

A scanner is a small class that satisfies one of two protocols structurally:

* :class:`ArtifactScanner` looks at one file at a time (``applies_to`` + ``scan``), so the
  engine can spread files over processes;
* :class:`ProjectScanner` looks at the project as a whole (``scan_project``), for checks such
  as "there is no incident-response plan".

Third-party scanners register in the ``secplan.scanners`` entry-point group; the entry point
names a class (instantiated without arguments) or an instance. A plugin that fails to load
becomes a :class:`~secplan.model.ScanError`, never a crash.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol, runtime_checkable

from secplan.config import Settings
from secplan.governance.records import Records
from secplan.model.artifact import Artifact
from secplan.model.finding import Finding
from secplan.model.report import ScanError
from secplan.model.rule import Rule

if TYPE_CHECKING:
    from secplan.services import Services

ENTRY_POINT_GROUP = "secplan.scanners"


@dataclass(frozen=True, slots=True, kw_only=True)
class ScanContext:
    """What every scanner may read: the project root, settings, records and the scan date."""

    root: Path
    settings: Settings
    records: Records
    as_of: date
    artifacts: tuple[Artifact, ...] = ()
    state: Services | None = None  # the audit trail and access control, when available
    state_error: str = ""  # why ``state`` is missing
    scope: str = ""  # the part of the project scanned, relative to ``root``; "" for all of it

    def in_scope(self, relpath: str) -> bool:
        """``relpath`` lies in the part of the project this run scans."""
        return not self.scope or relpath == self.scope or relpath.startswith(self.scope + "/")

    def relpath(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.name


@runtime_checkable
class ArtifactScanner(Protocol):
    name: ClassVar[str]
    rules: ClassVar[tuple[Rule, ...]]

    def applies_to(self, artifact: Artifact) -> bool: ...

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]: ...


@runtime_checkable
class ProjectScanner(Protocol):
    name: ClassVar[str]
    rules: ClassVar[tuple[Rule, ...]]

    def scan_project(self, ctx: ScanContext) -> Iterator[Finding]: ...


Scanner = ArtifactScanner | ProjectScanner


@dataclass(frozen=True, slots=True)
class Registry:
    """The scanners of a run, the plugins that failed to load, and the rules the
    engine itself reports."""

    scanners: tuple[Scanner, ...]
    errors: tuple[ScanError, ...] = ()
    engine_rules: tuple[Rule, ...] = ()  # rules the engine itself reports (coverage gaps)

    @property
    def rules(self) -> tuple[Rule, ...]:
        seen: dict[str, Rule] = {r.id: r for r in self.engine_rules}
        for s in self.scanners:
            for r in s.rules:
                seen.setdefault(r.id, r)
        return tuple(sorted(seen.values(), key=lambda r: r.id))

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)


def _is_scanner(obj: object) -> bool:
    return isinstance(obj, ArtifactScanner | ProjectScanner)


def load_plugins() -> tuple[list[Scanner], list[ScanError]]:
    """Scanners from the ``secplan.scanners`` entry-point group; failures become errors."""
    from importlib.metadata import entry_points  # reads every installed package's metadata

    found: list[Scanner] = []
    errors: list[ScanError] = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
            inst = obj() if isinstance(obj, type) else obj
        except Exception as exc:  # a broken plugin must not break the scan
            errors.append(
                ScanError(
                    path="",
                    scanner=ep.name,
                    message=f"plugin failed to load: {type(exc).__name__}: {exc}",
                )
            )
            continue
        if not _is_scanner(inst):
            errors.append(
                ScanError(
                    path="",
                    scanner=ep.name,
                    message="plugin is not a scanner (needs name, rules and "
                    "applies_to/scan or scan_project)",
                )
            )
            continue
        found.append(inst)
    return found, errors


def build_registry(
    builtins: Iterable[Scanner], *, plugins: bool = True, engine_rules: tuple[Rule, ...] = ()
) -> Registry:
    scanners = list(builtins)
    errors: list[ScanError] = []
    if plugins:
        extra, errors = load_plugins()
        scanners.extend(extra)
    names = [s.name for s in scanners]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        errors.append(
            ScanError(
                path="",
                scanner=",".join(sorted(dupes)),
                message="several scanners share this name; all were kept",
            )
        )
    return Registry(tuple(scanners), tuple(errors), engine_rules)
