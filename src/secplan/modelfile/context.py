"""What every format handler shares: where it is, the findings it adds, the policy and budget,
and the way back to the dispatcher for content found inside the file.

A handler never imports the dispatcher: nested content (a member of an archive, a decompressed
stream, the bytes a pickle hands to a nested loader) goes back through :meth:`Ctx.nested`,
which calls the dispatcher the context was made with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from secplan.model import Finding, Location, Rule, Severity
from secplan.model.finding import Confidence
from secplan.modelfile.buffer import Buffer
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
    """The findings of one file's analysis, without repeats."""

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


class Dispatch(Protocol):
    """Recognise ``buf[:size]`` by content and run every handler that applies; False when the
    format is not recognised (see :func:`secplan.modelfile.dispatch.analyze`)."""

    def __call__(self, buf: Buffer, size: int, where: Where, ctx: Ctx, /) -> bool: ...


@dataclass(slots=True)
class Ctx:
    """What every handler of one file's analysis shares: policy, limits, budget and
    where findings go."""

    policy: Policy
    limits: Limits
    budget: Budget
    sink: Sink
    dispatch: Dispatch
    root: Path | None = None  # the scan root on disk, for checks of sibling files

    @classmethod
    def make(
        cls, policy: Policy, limits: Limits, dispatch: Dispatch, root: Path | None = None
    ) -> Ctx:
        return cls(policy, limits, Budget(limits), Sink(), dispatch, root)

    def nested(self, data: Buffer, size: int, where: Where) -> bool:
        """Analyse content found inside the current file as a file of its own (``where`` is
        its position, one level deeper); False when its format is not recognised."""
        return self.dispatch(data, size, where, self)
