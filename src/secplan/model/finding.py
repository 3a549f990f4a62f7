"""Findings: the currency of every scanner.

A :class:`Finding` is built whole by a scanner and never edited afterwards.

>>> from secplan.model import Finding, Location, Severity, Confidence, RuleId, ControlId
>>> f = Finding(rule=RuleId("DT101"), severity=Severity.MEDIUM, confidence=Confidence.HIGH,
...             controls=(ControlId("DS3"),), location=Location(path="data/train.csv"),
...             message="dataset has no sensitivity label")
>>> f.severity >= Severity.LOW
True
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import IntEnum
from typing import NewType

RuleId = NewType("RuleId", str)
ControlId = NewType("ControlId", str)


class Severity(IntEnum):
    """Ordered severities, so ``--fail-on`` is a comparison."""

    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Parse ``"high"``/``"HIGH"``; raises ``ValueError`` naming the allowed values."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            allowed = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {text!r} (expected one of: {allowed})") from None


class Confidence(IntEnum):
    """How sure the scanner is that the finding is real."""

    LOW = 0
    MEDIUM = 1
    HIGH = 2

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    """Where a finding is: a path relative to the scan root, plus what narrows it down.

    ``member`` names a member inside an archive (``"model.zip!archive/data.pkl"`` style chains
    use ``"!"``); ``offset`` is a byte offset in the (member's) content; ``line``/``column``
    are 1-based; ``cell`` is the 1-based cell number of a notebook.
    """

    path: str
    line: int | None = None
    column: int | None = None
    offset: int | None = None
    member: str | None = None
    cell: int | None = None

    def __str__(self) -> str:
        text = self.path
        if self.member:
            text += f"!{self.member}"
        if self.cell is not None:
            text += f"[cell {self.cell}]"
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        if self.offset is not None:
            text += f"@{self.offset}"
        return text


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One thing a scanner saw that falls short of a control."""

    rule: RuleId
    severity: Severity
    confidence: Confidence
    location: Location
    message: str
    controls: tuple[ControlId, ...] = ()
    evidence: str = ""
    remediation: str = ""
    fingerprint_extra: str = field(default="", compare=False)

    @property
    def fingerprint(self) -> str:
        """A stable identity for de-duplication and baselines (not a secret)."""
        basis = "\x1f".join(
            (
                self.rule,
                self.location.path,
                self.location.member or "",
                str(self.location.cell or ""),
                self.evidence or self.message,
                self.fingerprint_extra,
            )
        )
        return hashlib.sha256(basis.encode("utf-8", "surrogateescape")).hexdigest()[:32]

    def sort_key(self) -> tuple[int, str, str, int, int, str, str]:
        """Severity first (most severe first), then path, member, line, offset, rule, message."""
        loc = self.location
        return (
            -int(self.severity),
            loc.path,
            loc.member or "",
            loc.line or 0,
            loc.offset or 0,
            self.rule,
            self.message,
        )
