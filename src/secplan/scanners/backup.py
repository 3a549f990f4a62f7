"""Restore drills (DS3): the latest drill recorded under ``.secplan/evidence/`` by
``secplan backup drill`` must have passed, be recent, and cover every confidential dataset.

With no drill recorded at all nothing fires here: posture then says DS3 needs evidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from secplan.governance.records import Evidence, Records
from secplan.model import ControlId, Location, Rule, Severity
from secplan.model.finding import Finding
from secplan.scanners._base import ScanContext

C = ControlId

DRILL_FAILED = Rule(
    id="EV020",
    name="failed-restore-drill",
    title="The latest restore drill failed",
    severity=Severity.HIGH,
    controls=(C("DS3"),),
    summary="The most recent `secplan backup drill` could not restore the snapshot, or restored "
    "files that do not match the checksums recorded at backup time or their dataset profile.",
    rationale="A backup that cannot be restored intact is no backup: the data it was meant to "
    "save would be lost, or come back silently altered.",
    example='`result = "failed"`, `error = "restic: the repository is damaged: ..."`.',
    remediation="Find the cause in the record's `error` and `mismatched` lists (damaged "
    "repository, wrong password, changed files), repair it (restic check, a fresh `secplan "
    "backup run`), and run `secplan backup drill` again.",
)

DRILL_STALE = Rule(
    id="EV021",
    name="stale-restore-drill",
    title="No recent restore drill",
    severity=Severity.MEDIUM,
    controls=(C("DS3"),),
    summary="The latest passed restore drill is older than `[backup] max_drill_age_days` "
    "(30 days by default).",
    rationale="Backups break quietly: a changed path, an expired credential, a damaged pack. "
    "Only a recent restore shows that recovery works today.",
    example="`date = 2026-01-05` on the latest drill record, checked in March.",
    remediation="Run `secplan backup run` and `secplan backup drill`, and schedule them.",
)

DATASET_UNDRILLED = Rule(
    id="EV022",
    name="dataset-outside-restore-drill",
    title="Confidential dataset not covered by the restore drill",
    severity=Severity.MEDIUM,
    controls=(C("DS3"),),
    summary="A dataset record labelled confidential or restricted has no file that the latest "
    "passed restore drill restored and verified.",
    rationale="The data that matters most must be the data shown to come back from backup.",
    example='`label = "confidential"`, `paths = ["data/patients/"]`, and `[backup] paths` '
    "lists only `models/`.",
    remediation="Add the dataset's folder to `[backup] paths`, then run `secplan backup run` "
    "and `secplan backup drill`.",
)


def latest_drill(records: Records) -> Evidence | None:
    drills = [e for e in records.evidence if e.drill is not None and e.control == "DS3"]
    return max(
        drills, key=lambda e: (e.drill.started, e.id) if e.drill else (e.date, e.id), default=None
    )


class BackupScanner:
    """The latest restore drill: passed, recent, covering every confidential dataset."""

    name: ClassVar[str] = "backup"
    rules: ClassVar[tuple[Rule, ...]] = (DRILL_FAILED, DRILL_STALE, DATASET_UNDRILLED)

    def scan_project(self, ctx: ScanContext) -> Iterator[Finding]:
        last = latest_drill(ctx.records)
        if last is None or last.drill is None:
            return
        loc = Location(path=last.file)
        d = last.drill
        if last.failed:
            yield DRILL_FAILED.at(
                loc,
                f"the latest restore drill ({last.date.isoformat()}) failed: "
                f"{d.error or 'nothing verified'}",
                evidence=f"{d.files_checked} file(s) checked, {d.mismatches} mismatch(es)"
                + (f"; {d.mismatched[0]}" if d.mismatched else ""),
            )
            return
        age = (ctx.as_of - last.date).days
        limit = ctx.settings.max_drill_age_days
        if age > limit:
            yield DRILL_STALE.at(
                loc,
                f"the latest passed restore drill is {age} days old, over the {limit}-day limit",
                evidence=last.title,
            )
        covered = set(d.datasets)
        for rec in ctx.records.datasets:
            if rec.label.sensitive and rec.id not in covered:
                yield DATASET_UNDRILLED.at(
                    Location(path=rec.file),
                    f"{rec.label.value} dataset {rec.id} was not restored and verified by the "
                    f"latest restore drill ({last.id})",
                    evidence="paths: " + ", ".join(rec.paths),
                )
