"""Rules: documented data behind every finding.

>>> from secplan.model import Rule, Severity, ControlId, Location
>>> r = Rule(id="XX001", name="example-rule", title="An example", severity=Severity.LOW,
...          controls=(ControlId("HS4"),), summary="Finds examples.", rationale="Examples matter.",
...          remediation="Remove the example.")
>>> r.at(Location(path="a.txt"), "example found").rule
'XX001'
"""

from __future__ import annotations

from dataclasses import dataclass

from secplan.model.finding import Confidence, ControlId, Finding, Location, RuleId, Severity


@dataclass(frozen=True, slots=True, kw_only=True)
class Reference:
    """An outside reference: ``kind`` is ``cwe``, ``atlas``, ``cve``, ``owasp`` or ``url``."""

    kind: str
    id: str
    url: str = ""

    def __str__(self) -> str:
        return f"{self.kind.upper()} {self.id}" if self.kind != "url" else self.id


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """A check with a stable id, its documentation and its defaults."""

    id: str
    name: str
    title: str
    severity: Severity
    controls: tuple[ControlId, ...]
    summary: str
    rationale: str
    remediation: str
    example: str = ""
    confidence: Confidence = Confidence.HIGH
    references: tuple[Reference, ...] = ()

    @property
    def rule_id(self) -> RuleId:
        return RuleId(self.id)

    def at(
        self,
        location: Location,
        message: str,
        *,
        evidence: str = "",
        severity: Severity | None = None,
        confidence: Confidence | None = None,
        controls: tuple[ControlId, ...] | None = None,
        remediation: str | None = None,
    ) -> Finding:
        """Build a finding of this rule at ``location``."""
        return Finding(
            rule=RuleId(self.id),
            severity=self.severity if severity is None else severity,
            confidence=self.confidence if confidence is None else confidence,
            controls=self.controls if controls is None else controls,
            location=location,
            message=message,
            evidence=evidence,
            remediation=self.remediation if remediation is None else remediation,
        )


def cwe(number: int) -> Reference:
    return Reference(
        kind="cwe", id=f"CWE-{number}", url=f"https://cwe.mitre.org/data/definitions/{number}.html"
    )


def atlas(atlas_id: str) -> Reference:
    """A MITRE ATLAS technique (``AML.T…``) or mitigation (``AML.M…``)."""
    section = "mitigations" if atlas_id.startswith("AML.M") else "techniques"
    return Reference(kind="atlas", id=atlas_id, url=f"https://atlas.mitre.org/{section}/{atlas_id}")


def url(address: str) -> Reference:
    return Reference(kind="url", id=address, url=address)
