"""Governance checks over the records under ``.secplan/`` and the incident-response plan
(HS3, HS4, and the evidence of any control)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import ClassVar

from secplan.governance.waivers import PENDING_SIGNATURE, WaiverState, waiver_state
from secplan.model import ControlId, Location, Rule, Severity
from secplan.model.finding import Finding
from secplan.model.rule import url
from secplan.scanners._base import ScanContext
from secplan.textfile import TooLarge, read_text

C = ControlId

EVIDENCE_EXPIRED = Rule(
    id="EV001",
    name="expired-evidence",
    title="Evidence past its expiry date",
    severity=Severity.LOW,
    controls=(C("SC5"),),
    summary="An evidence record under `.secplan/evidence/` has expired; it no longer proves its "
    "control. The finding bears on the record's own control and on SC5 (assessments kept "
    "current).",
    rationale="Controls are proven for a period: a penetration test, a training course or a "
    "backup drill from years ago says little about today.",
    example='`control = "PS1"`, `expires = 2025-01-31` and today is later.',
    remediation="Repeat the activity and record fresh evidence, or re-confirm the existing "
    "evidence and extend `expires` with the owner's approval.",
)

EVIDENCE_FILE_MISSING = Rule(
    id="EV002",
    name="evidence-file-missing",
    title="Evidence record points to a missing file",
    severity=Severity.MEDIUM,
    controls=(C("SC5"),),
    summary="The `file` an evidence record links to does not exist in the project, or lies "
    "outside it. The finding bears on the record's own control and on SC5.",
    rationale="An auditor must be able to open the evidence. A dangling link proves nothing.",
    example='`file = "docs/pentest-2026.pdf"` and no such file.',
    remediation="Commit the evidence file at the linked path, or fix the path.",
)

WAIVER_EXPIRED = Rule(
    id="EV003",
    name="expired-waiver",
    title="Exception past its expiry date",
    severity=Severity.MEDIUM,
    controls=(C("HS4"),),
    summary="A waiver under `.secplan/waivers/` has expired. It no longer waives anything: the "
    "findings it covered count again.",
    rationale="Exceptions are granted for a period and must be reviewed; an expired exception "
    "means the accepted risk is no longer being managed.",
    example="`expires = 2026-06-30` and today is later.",
    remediation="Fix the underlying findings and delete the waiver, or have the designated "
    "approver review it and set a new expiry.",
)

WAIVER_UNAPPROVED = Rule(
    id="EV004",
    name="unapproved-waiver",
    title="Exception without a valid approval",
    severity=Severity.MEDIUM,
    controls=(C("HS4"),),
    summary="A waiver has no approver or approval date, was approved by its own requester, "
    "by someone not in the designated approvers, or carries an approval date in the future. "
    "It waives nothing.",
    rationale="The plan requires exceptions to be approved by a designated authority. A "
    "self-approved or unapproved exception is only a request.",
    example='`requester = "bob"`, `approver = "bob"`.',
    remediation="Have a designated approver (listed in `[governance] approvers`) approve it and "
    "record `approver` and `approved`.",
)

WAIVER_NOT_SIGNED = Rule(
    id="EV008",
    name="waiver-approval-not-signed",
    title="Exception approval not proven by a trusted signature",
    severity=Severity.MEDIUM,
    controls=(C("HS4"),),
    summary="A waiver names an approver, but its approval is not signed: it has no signature "
    "(`<waiver>.toml.sig`), the file changed after it was signed, or the signature was not "
    "made by a key that `[governance] approver_keys` gives to the approver the waiver names. "
    "It is a pending request and waives nothing.",
    rationale="Anyone who can commit a file can write an approver's name into it. Only a "
    "signature by the approver's own key, over the waiver's exact content, shows that the "
    "designated authority approved this exception, with this scope, justification and expiry.",
    example='A hand-written waiver with `approver = "carol"` and no `.sig` beside it; or an '
    "approved waiver whose `paths` were widened afterwards.",
    remediation="Have the approver review the waiver and run `secplan waiver approve FILE "
    "--key THEIR-KEY.pem`, with their public key listed under their name in "
    "`[governance] approver_keys`; commit the waiver and its `.sig` together.",
)

WAIVER_TOO_LONG = Rule(
    id="EV005",
    name="waiver-without-periodic-review",
    title="Exception granted for longer than the review period",
    severity=Severity.LOW,
    controls=(C("HS4"),),
    summary="A waiver's expiry is further after its approval than the maximum review period "
    "(`[governance] max_waiver_days`, 365 by default).",
    rationale="The plan asks for exceptions to be reviewed at least yearly; one granted for "
    "longer escapes that review.",
    example="`approved = 2026-01-01`, `expires = 2028-01-01`.",
    remediation="Shorten `expires` to within the review period and renew it after review.",
)

IR_PLAN_MISSING = Rule(
    id="EV006",
    name="incident-response-plan-missing",
    title="No incident-response plan",
    severity=Severity.HIGH,
    controls=(C("HS3"),),
    summary="The project has no incident-response plan: no file configured in "
    "`[incident_response] plan`, and none found under the usual names "
    "(INCIDENT_RESPONSE.md, incident-response.md, docs/incident-response.md, ...).",
    rationale="When a malicious model, poisoned data or a leak of personal data is discovered, "
    "the first hours decide the damage. Without a written plan people improvise.",
    example="A project with models and data and no incident-response document.",
    remediation="Write an incident-response plan with sections for roles and contacts, "
    "detection, containment, forensics (evidence preservation) and communication, including "
    "ML-specific playbooks (malicious model, data poisoning, PII leak, model theft).",
    references=(url("https://csrc.nist.gov/pubs/sp/800/61/r3/final"),),
)

IR_PLAN_INCOMPLETE = Rule(
    id="EV007",
    name="incident-response-plan-incomplete",
    title="Incident-response plan lacks required sections",
    severity=Severity.MEDIUM,
    controls=(C("HS3"),),
    summary="The incident-response plan has no section heading for one or more of: roles, "
    "containment, forensics, communication.",
    rationale="These four parts answer who acts, how the damage is stopped, how evidence is "
    "kept for the investigation, and who is told what and when (regulators included).",
    example="A plan with only 'Detection' and 'Recovery' sections.",
    remediation="Add a heading and content for each missing part (for example `## Roles and "
    "responsibilities`, `## Containment`, `## Forensics`, `## Communication`).",
    references=(url("https://csrc.nist.gov/pubs/sp/800/61/r3/final"),),
)

IR_PLAN_NAMES = (
    "INCIDENT_RESPONSE.md",
    "INCIDENT-RESPONSE.md",
    "incident_response.md",
    "incident-response.md",
    "INCIDENT_RESPONSE.rst",
    "incident-response.rst",
    "IR_PLAN.md",
    "ir-plan.md",
)
IR_PLAN_DIRS = ("", "docs", "doc", "security", ".github", "docs/security")

#: Each required part of a plan and the heading words that count for it.
IR_SECTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("roles", re.compile(r"\b(roles?|responsibilit|contacts?|on-?call|team|raci)", re.I)),
    ("containment", re.compile(r"\b(contain|isolat|quarantin)", re.I)),
    ("forensics", re.compile(r"\b(forensic|evidence|investigat)", re.I)),
    ("communication", re.compile(r"\b(communicat|notif|disclos|report(ing)?\b|stakeholder)", re.I)),
)
# the heading text runs to the end of the line; its closing ``#``s are stripped in code (a
# lazy group followed by ``\s*#*\s*$`` backtracks cubically on a line of spaces)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s++(\S.*)$")
_UNDERLINE = re.compile(r"^\s*([=\-~^\"'`#*+]{3,})\s*$")


def headings(text: str) -> list[tuple[int, str]]:
    """Markdown (``#``) and underlined (Markdown setext / reStructuredText) headings."""
    out: list[tuple[int, str]] = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = _MD_HEADING.match(line)
        if m:
            text = m.group(1)
            out.append((i + 1, text.rstrip().rstrip("#").rstrip() or text.strip()))
        elif i > 0 and _UNDERLINE.match(line):
            prev = lines[i - 1]
            if prev.strip() and not _UNDERLINE.match(prev) and not _MD_HEADING.match(prev):
                out.append((i, prev.strip()))
    return out


def _inside(root: Path, rel: str) -> bool:
    p = PurePosixPath(rel)
    if p.is_absolute() or ".." in p.parts:
        return False
    try:  # a name over the system's limit is a missing file, for this record only
        return (root / rel).is_file()
    except (OSError, ValueError):
        return False


class GovernanceScanner:
    """Evidence expiry, waiver validity and the incident-response plan."""

    name: ClassVar[str] = "governance"
    rules: ClassVar[tuple[Rule, ...]] = (
        EVIDENCE_EXPIRED,
        EVIDENCE_FILE_MISSING,
        WAIVER_EXPIRED,
        WAIVER_UNAPPROVED,
        WAIVER_NOT_SIGNED,
        WAIVER_TOO_LONG,
        IR_PLAN_MISSING,
        IR_PLAN_INCOMPLETE,
    )

    def scan_project(self, ctx: ScanContext) -> Iterator[Finding]:
        yield from self._evidence(ctx)
        yield from self._waivers(ctx)
        yield from self._incident_response(ctx)

    def _evidence(self, ctx: ScanContext) -> Iterator[Finding]:
        for ev in ctx.records.evidence:
            loc = Location(path=ev.file)
            controls = tuple(dict.fromkeys((C(ev.control), C("SC5"))))
            # a drill's age is EV021's concern, and older drills are superseded, not expired
            if ev.expires < ctx.as_of and ev.drill is None:
                yield EVIDENCE_EXPIRED.at(
                    loc,
                    f"evidence for {ev.control} expired on {ev.expires.isoformat()}",
                    evidence=f"{ev.title} (owner {ev.owner})",
                    controls=controls,
                )
            if ev.linked is not None and not _inside(ctx.root, ev.linked):
                yield EVIDENCE_FILE_MISSING.at(
                    loc,
                    f"linked evidence file {ev.linked!r} is missing or outside the project",
                    evidence=f"file = {ev.linked!r}",
                    controls=controls,
                )

    def _waivers(self, ctx: ScanContext) -> Iterator[Finding]:
        s = ctx.settings
        for w in ctx.records.waivers:
            loc = Location(path=w.file)
            state = waiver_state(w, ctx.as_of, s.approvers)
            if state is WaiverState.EXPIRED:
                yield WAIVER_EXPIRED.at(
                    loc,
                    f"waiver {w.id} for {w.target} expired on {w.expires.isoformat()}",
                    evidence=f"approved by {w.approver} on {w.approved}",
                )
            elif state in PENDING_SIGNATURE:
                yield WAIVER_NOT_SIGNED.at(
                    loc,
                    f"waiver {w.id} for {w.target} is a pending request: "
                    f"{w.approval_note or 'its approval signature was not verified'}; "
                    f"it waives nothing until {w.approver} approves it with "
                    f"`secplan waiver approve {w.file} --key KEY.pem`",
                    evidence=f"state {state.value}",
                )
            elif state is not WaiverState.ACTIVE:
                detail = {
                    WaiverState.UNAPPROVED: "has no approver and approval date",
                    WaiverState.SELF_APPROVED: f"was approved by its own requester ({w.requester})",
                    WaiverState.APPROVER_NOT_DESIGNATED: (
                        f"approver {w.approver!r} is not a designated approver"
                    ),
                    WaiverState.NOT_YET_APPROVED: f"approval date {w.approved} is in the future",
                }[state]
                yield WAIVER_UNAPPROVED.at(
                    loc, f"waiver {w.id} for {w.target} {detail}", evidence=f"state {state.value}"
                )
            if w.approved is not None and (w.expires - w.approved).days > s.max_waiver_days:
                yield WAIVER_TOO_LONG.at(
                    loc,
                    f"waiver {w.id} runs {(w.expires - w.approved).days} days, over the "
                    f"{s.max_waiver_days}-day review period",
                )

    def _incident_response(self, ctx: ScanContext) -> Iterator[Finding]:
        root = ctx.root
        configured = ctx.settings.incident_response_plans
        if configured:
            candidates = [p for p in configured if _inside(root, p)]
        else:
            candidates = [
                f"{d}/{n}" if d else n
                for d in IR_PLAN_DIRS
                for n in IR_PLAN_NAMES
                if (root / d / n).is_file()
            ]
        if not candidates:
            where = ", ".join(configured) if configured else "the usual names"
            yield IR_PLAN_MISSING.at(
                Location(path="."),
                "no incident-response plan found",
                evidence=f"looked for {where}",
            )
            return
        seen: set[str] = set()
        for rel in candidates:
            try:
                text = read_text(root / rel, limit=4 << 20)
            except (OSError, TooLarge):
                continue
            for _, title in headings(text):
                for part, pattern in IR_SECTIONS:
                    if pattern.search(title):
                        seen.add(part)
        missing = [part for part, _ in IR_SECTIONS if part not in seen]
        if missing:
            yield IR_PLAN_INCOMPLETE.at(
                Location(path=candidates[0], line=1),
                "incident-response plan has no section for " + ", ".join(missing),
                evidence="headings checked in " + ", ".join(candidates),
            )
