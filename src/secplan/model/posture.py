"""Posture: one status per control, always with the reasons behind it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from secplan.model.finding import ControlId


class Status(StrEnum):
    PASS = "pass"  # noqa: S105 (a status, not a password)
    FAIL = "fail"
    PARTIAL = "partial"
    NEEDS_EVIDENCE = "needs-evidence"
    WAIVED = "waived"
    NOT_APPLICABLE = "not-applicable"


@dataclass(frozen=True, slots=True, kw_only=True)
class ControlPosture:
    """The status of one control, with the reasons, findings, evidence and waivers
    behind it."""

    control: ControlId
    pillar: str
    title: str
    status: Status
    reasons: tuple[str, ...]
    findings: tuple[str, ...] = ()  # fingerprints of the findings that bear on it
    evidence: tuple[str, ...] = ()  # ids of current evidence records
    waivers: tuple[str, ...] = ()  # ids of waivers that apply


@dataclass(frozen=True, slots=True, kw_only=True)
class Posture:
    """The status of every control of the catalogue."""

    controls: tuple[ControlPosture, ...]

    def get(self, control: str) -> ControlPosture:
        for c in self.controls:
            if c.control == control:
                return c
        raise KeyError(control)

    def by_pillar(self) -> dict[str, tuple[ControlPosture, ...]]:
        out: dict[str, list[ControlPosture]] = {}
        for c in self.controls:
            out.setdefault(c.pillar, []).append(c)
        return {k: tuple(v) for k, v in out.items()}

    def counts(self) -> Counter[Status]:
        return Counter(c.status for c in self.controls)
