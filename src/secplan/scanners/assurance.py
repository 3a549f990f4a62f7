"""Model tests (MS3, MS4, SC2): the latest signed results of ``secplan model test`` for each
model must meet policy, and their records must be signed and unaltered.

A model with no results, or whose file changed since it was tested, gets no finding here:
posture then says its controls need evidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from secplan.model import ControlId, Location, Rule, Severity
from secplan.model.finding import Finding
from secplan.scanners._base import ScanContext

C = ControlId
CONTROLS = ("MS3", "MS4", "SC2")

TEST_FAILED = Rule(
    id="EV030",
    name="failed-model-test",
    title="The model's latest test misses policy",
    severity=Severity.HIGH,
    controls=(C("MS3"), C("MS4"), C("SC2")),
    summary="The latest signed results of `secplan model test` for the model file as it is now "
    "miss a threshold of `[assurance]`: accuracy under attack (MS4), unjustified sensitive "
    "drivers, target leakage or calibration (MS3), or fairness differences between groups "
    "(SC2).",
    rationale="A model that breaks under small realistic perturbations, leans on a sensitive "
    "attribute, learns from a leaked label or treats groups unequally should not be relied "
    "on until that is fixed or consciously accepted.",
    example="`demographic-parity difference 0.41 > 0.1` for column `sex`.",
    remediation="Fix the cause (retrain without the leaked or sensitive feature, rebalance, "
    "harden the model), run `secplan model test` again; or record the justification in "
    "`[assurance] justified_drivers`, or a waiver.",
)

TEST_UNVERIFIED = Rule(
    id="EV031",
    name="unverified-model-test-record",
    title="Model-test record without a valid signature",
    severity=Severity.MEDIUM,
    controls=(C("MS3"), C("MS4"), C("SC2")),
    summary="A record written by `secplan model test` has no signature beside it, or its "
    "signature does not verify with a trusted key, or the record changed after it was signed.",
    rationale="Test results are evidence only if nobody could have edited them; an unsigned "
    "or altered result proves nothing.",
    example="`passed = true` edited into a failed fairness check.",
    remediation="Delete the record and run `secplan model test` again; to trust another "
    "machine's audit key, add it with `secplan audit trust`.",
)


class AssuranceScanner:
    """The latest model-test record of each control and model: signed, and passed."""

    name: ClassVar[str] = "assurance"
    rules: ClassVar[tuple[Rule, ...]] = (TEST_FAILED, TEST_UNVERIFIED)

    def scan_project(self, ctx: ScanContext) -> Iterator[Finding]:
        from secplan.assurance.evidence import latest_tests
        from secplan.governance.records import TestState

        for control in CONTROLS:
            for e in latest_tests(ctx.records, control):
                assert e.test is not None
                loc = Location(path=e.file)
                state = e.test.state
                if state in (TestState.UNSIGNED, TestState.ALTERED):
                    yield TEST_UNVERIFIED.at(
                        loc, e.test.note, evidence=e.title, controls=(C(control),)
                    )
                elif state is TestState.CURRENT and e.failed:
                    failed = [f"{n}: {d}" for n, ok, d in e.test.checks if ok is False]
                    first = failed[0] if failed else e.title
                    yield TEST_FAILED.at(
                        loc,
                        f"{e.test.model} fails its {control} tests: {first}",
                        evidence="; ".join(failed[1:3]) or e.title,
                        controls=(C(control),),
                    )
