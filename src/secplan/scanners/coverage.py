"""The rule that keeps coverage gaps visible: what could not be verified is never clean."""

from __future__ import annotations

from collections.abc import Iterable

from secplan.model import ControlId, Finding, Location, Rule, Severity

NOT_VERIFIED = Rule(
    id="SX001",
    name="file-not-verified",
    title="File or check that could not be verified",
    severity=Severity.MEDIUM,
    controls=(ControlId("SC5"),),
    summary="A file could not be read, or a scanner failed on it, so the checks that apply to "
    "it did not run. The finding names the controls of the checks that were missed.",
    rationale="A scanner that stops quietly reports a partial scan as a clean one. secplan "
    "reports every gap, so an attacker cannot hide a file by making it unreadable or by "
    "crafting input that breaks a parser.",
    example="A model file with permissions 000, or a scanner that hits its size limit.",
    remediation="Make the file readable by the scanning user, or, for a scanner failure, look "
    "at the error message; report a secplan bug if the file is legitimate.",
)


def not_verified(location: Location, why: str, rules: Iterable[Rule]) -> Finding:
    """SX001 at ``location``, bearing on SC5 and on the controls of the ``rules`` that did
    not run."""
    controls = {ControlId("SC5"): None}
    for rule in rules:
        controls.update(dict.fromkeys(rule.controls))
    return NOT_VERIFIED.at(location, f"not verified: {why}", evidence=why, controls=tuple(controls))
