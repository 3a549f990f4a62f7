"""What every format handler shares: where it is, the findings it adds, the policy and budget."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from secplan.model import Finding, Location, Rule, Severity
from secplan.model.finding import Confidence
from secplan.modelfile.limits import Budget, Limits
from secplan.modelfile.policy import Policy

MAX_FINDINGS_PER_FILE = 500


@dataclass(frozen=True, slots=True)
class Where:
    """A position in the scanned tree: a file, and the chain of members inside it."""

    path: str
    member: str | None = None
    directory: Path | None = None  # the file's directory on disk (top level only)
    depth: int = 0
    name: str = ""  # the innermost name (file or member)

    def child(self, name: str) -> Where:
        member = f"{self.member}!{name}" if self.member else name
        return Where(self.path, member, None, self.depth + 1, name.rsplit("/", 1)[-1])

    def at(self, offset: int | None = None) -> Location:
        return Location(path=self.path, member=self.member, offset=offset)


@dataclass(slots=True)
class Sink:
    findings: list[Finding] = field(default_factory=list)
    seen: set[tuple[str, str, str, str]] = field(default_factory=set)
    dropped: int = 0

    def add(
        self,
        rule: Rule,
        where: Where,
        message: str,
        *,
        offset: int | None = None,
        evidence: str = "",
        severity: Severity | None = None,
        confidence: Confidence | None = None,
        remediation: str | None = None,
    ) -> None:
        key = (rule.id, where.member or "", message, evidence)
        if key in self.seen:
            return
        self.seen.add(key)
        if len(self.findings) >= MAX_FINDINGS_PER_FILE:
            self.dropped += 1
            return
        self.findings.append(
            rule.at(
                where.at(offset),
                message,
                evidence=evidence,
                severity=severity,
                confidence=confidence,
                remediation=remediation,
            )
        )


@dataclass(slots=True)
class Ctx:
    policy: Policy
    limits: Limits
    budget: Budget
    sink: Sink
    root: Path | None = None  # the scan root on disk, for checks of sibling files

    @classmethod
    def make(cls, policy: Policy, limits: Limits, root: Path | None = None) -> Ctx:
        return cls(policy, limits, Budget(limits), Sink(), root)
