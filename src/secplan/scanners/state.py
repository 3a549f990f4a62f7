"""Checks over secplan's own state: the audit trail (SC4) and the access review (DS2, PS3).

They need the state services; a scan run without them (the library called directly, or a
database that cannot be opened) reports the audit trail as not examined, so SC4 never passes
unseen.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import ClassVar

from secplan.errors import VerificationError
from secplan.model import ControlId, Location, Rule, Severity
from secplan.model.finding import Finding
from secplan.model.rule import cwe
from secplan.scanners._base import ScanContext

C = ControlId
#: Where a project keeps the audit checkpoints it exported (committed to git).
CHECKPOINT_DIR = ".secplan/audit-checkpoints"
MAX_CHECKPOINT_AGE_DAYS = 30

AUDIT_FAILED = Rule(
    id="AU001",
    name="audit-trail-tampered",
    title="Audit trail fails verification",
    severity=Severity.CRITICAL,
    controls=(C("SC4"),),
    summary="Verifying the audit trail (every event, the hash chain, the Merkle tree and the "
    "signed checkpoints) found a discrepancy: events were modified, removed, inserted or "
    "reordered, or a checkpoint does not match.",
    rationale="An audit trail that has been altered can no longer prove who did what. It is "
    "also a sign that someone with database access is covering their tracks.",
    example="An event's actor was changed in the database after it was recorded.",
    remediation="Treat it as a security incident: preserve the database, compare with exported "
    "checkpoints (`secplan audit verify --checkpoint ...`) and follow the incident plan.",
    references=(cwe(117), cwe(345)),
)
AUDIT_UNAVAILABLE = Rule(
    id="AU002",
    name="audit-trail-unavailable",
    title="Audit trail not examined",
    severity=Severity.MEDIUM,
    controls=(C("SC4"),),
    summary="The scan could not examine the audit trail: the database could not be opened, or "
    "the scan ran without access to secplan's state.",
    rationale="Without the trail, nothing shows who accessed data and models or whether the "
    "record is intact.",
    remediation="Check `SECPLAN_DATABASE_URL` (or `[database] url`) and that the database is "
    "reachable, then scan again with the `secplan` command.",
)
CHECKPOINT_NOT_EXPORTED = Rule(
    id="AU003",
    name="audit-checkpoint-not-exported",
    title="No recent exported audit checkpoint",
    severity=Severity.MEDIUM,
    controls=(C("SC4"),),
    summary=f"No signed audit checkpoint of this trail is kept in `{CHECKPOINT_DIR}/`, or the "
    f"newest is older than {MAX_CHECKPOINT_AGE_DAYS} days.",
    rationale="Someone who can write the database can delete recent events together with the "
    "checkpoints stored beside them. A checkpoint kept outside the database, such as a file in "
    "git, makes that truncation detectable.",
    example="`secplan audit checkpoint --export .secplan/audit-checkpoints/` never run.",
    remediation=f"Run `secplan audit checkpoint --export {CHECKPOINT_DIR}/` regularly (for "
    "example in CI) and commit the file.",
)
STALE_ACCOUNT = Rule(
    id="AC001",
    name="stale-account",
    title="Account unused for 90 days",
    severity=Severity.LOW,
    controls=(C("DS2"), C("PS3")),
    summary="An enabled user or service account has not been active for 90 days.",
    rationale="Dormant accounts keep their access and are a favourite target: nobody notices "
    "when they are used.",
    remediation="Disable the account (`secplan users disable NAME`) or confirm it is needed.",
    references=(cwe(272),),
)
PRIVILEGED_NO_MFA = Rule(
    id="AC002",
    name="privileged-account-without-mfa",
    title="Privileged account without MFA",
    severity=Severity.HIGH,
    controls=(C("DS2"), C("PS3")),
    summary="A user holds a role that can decrypt, re-identify, destroy keys or approve "
    "exceptions, but has not enrolled a second factor.",
    rationale="Those actions need multi-factor authentication; without a second factor the "
    "account cannot perform them safely and a stolen password goes a long way.",
    remediation="Enroll with `secplan mfa enroll` and `secplan mfa confirm CODE`.",
    references=(cwe(308),),
)
STALE_TOKEN = Rule(
    id="AC003",
    name="stale-token",
    title="API token unused for 90 days",
    severity=Severity.LOW,
    controls=(C("PS3"),),
    summary="An unexpired, unrevoked API token has not been used for 90 days.",
    rationale="Unused credentials are pure risk: they can leak from old CI settings or "
    "laptops and still work.",
    remediation="Revoke it with `secplan tokens revoke ID`.",
)


class StateScanner:
    """The audit trail's integrity and the access review."""

    name: ClassVar[str] = "state"
    rules: ClassVar[tuple[Rule, ...]] = (
        AUDIT_FAILED,
        AUDIT_UNAVAILABLE,
        CHECKPOINT_NOT_EXPORTED,
        STALE_ACCOUNT,
        PRIVILEGED_NO_MFA,
        STALE_TOKEN,
    )

    def scan_project(self, ctx: ScanContext) -> Iterator[Finding]:
        svc = ctx.state
        here = Location(path=".")
        if svc is None:
            yield AUDIT_UNAVAILABLE.at(
                here,
                "the audit trail was not examined by this scan",
                evidence=ctx.state_error or "no state services",
            )
            return
        from secplan.access.review import access_review
        from secplan.audit.keys import trusted_verifiers
        from secplan.audit.notes import open_note, parse_checkpoint
        from secplan.audit.verify import exported_checkpoints, verify

        directory = ctx.root / CHECKPOINT_DIR
        # every export counts, newest by tree size (file names sort 99 after 104 as text)
        notes = exported_checkpoints(directory) if directory.is_dir() else []
        result = verify(svc.trail, trusted_verifiers(), notes)
        if not result.ok:
            yield AUDIT_FAILED.at(
                here, "the audit trail fails verification", evidence="; ".join(result.problems[:3])
            )
        newest = None
        for note in notes:
            try:
                text, _ = open_note(note, trusted_verifiers())
                cp = parse_checkpoint(text)
            except VerificationError:  # already reported by verify above
                continue
            stamp = next((e[5:] for e in cp.extensions if e.startswith("time ")), None)
            if cp.origin == svc.trail.origin and stamp:
                when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
                newest = when if newest is None or when > newest else newest
        horizon = datetime.combine(ctx.as_of, datetime.min.time(), UTC) - timedelta(
            days=MAX_CHECKPOINT_AGE_DAYS
        )
        if newest is None or newest < horizon:
            yield CHECKPOINT_NOT_EXPORTED.at(
                Location(path=CHECKPOINT_DIR if notes else "."),
                "no recent signed audit checkpoint is kept in the project",
                evidence=f"newest exported checkpoint: {newest.date() if newest else 'none'}",
            )
        as_of = datetime.combine(ctx.as_of, datetime.max.time(), UTC)
        for entry in access_review(svc.access, now=as_of):
            where = Location(path=".")
            if entry.stale:
                yield STALE_ACCOUNT.at(
                    where,
                    f"account {entry.name} has been inactive for 90 days",
                    evidence=f"last activity {entry.last_activity}",
                )
            if entry.privileged_without_mfa:
                yield PRIVILEGED_NO_MFA.at(
                    where, f"{entry.name} holds {', '.join(entry.roles)} without a second factor"
                )
            for tid in entry.stale_tokens:
                yield STALE_TOKEN.at(where, f"token {tid} of {entry.name} unused for 90 days")


__all__ = ["CHECKPOINT_DIR", "Path", "StateScanner"]
