"""The result of a scan: findings plus everything that keeps a coverage gap visible."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from secplan.model.artifact import Artifact, ArtifactKind
from secplan.model.finding import Finding, Severity


@dataclass(frozen=True, slots=True, kw_only=True)
class ScanError:
    """A scanner raised, or a file could not be read: that part of the project is unverified."""

    path: str
    scanner: str
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Skipped:
    """Files deliberately left out (ignored by ``.gitignore``, excluded by configuration, links)."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RunInfo:
    """Metadata of one run; reporters read the time from here, never from the clock."""

    tool_version: str
    started: datetime
    as_of: date
    root: str
    duration_s: float = 0.0
    target: str = "."  # what was scanned, relative to the project root ("." for all of it)
    commit: str | None = None  # the commit HEAD named in the project's repository
    branch: str | None = None  # the branch HEAD named (None when detached or not a repository)
    actor: str = ""  # who ran the scan: the audit trail's actor, else the OS user


@dataclass(frozen=True, slots=True, kw_only=True)
class ScanReport:
    """What one scan found: its files, findings, errors, skipped files and the findings
    waivers set aside."""

    run: RunInfo
    artifacts: tuple[Artifact, ...]
    findings: tuple[Finding, ...]
    errors: tuple[ScanError, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    suppressed: tuple[tuple[Finding, str], ...] = ()  # (finding, waiver id)
    scanners: tuple[str, ...] = field(default=())
    #: Facts the findings showed, with their files, before select/ignore and waivers applied
    #: (see :func:`secplan.facts.facts_from_findings`).
    observed: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: Reasons of the inline suppressions applied (``# secplan: ignore[RULE] -- reason``), by
    #: the id that ``suppressed`` names them with (``inline:path:line``).
    inline_reasons: tuple[tuple[str, str], ...] = ()
    #: Findings left out of the report because the ``--baseline`` report already held them.
    baselined: tuple[Finding, ...] = ()

    def kinds(self) -> Counter[ArtifactKind]:
        return Counter(a.kind for a in self.artifacts)

    def max_severity(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)

    def count_by_severity(self) -> dict[Severity, int]:
        counts = Counter(f.severity for f in self.findings)
        return {s: counts.get(s, 0) for s in sorted(Severity, reverse=True)}
