"""Posture: derive each control's status, with its reasons, from findings, applicability,
evidence records and waivers. Scanners never set a status; this module alone does.

Order of precedence for an applicable control:

1. an approved, unexpired waiver of the whole control → ``waived``;
2. an unwaived finding of medium severity or above → ``fail``;
3. unwaived findings of low or info severity only → ``partial``;
4. findings, all of them waived → ``waived``;
5. a control proven only by records (``manual``), or one without an automatic check yet →
   ``pass`` with current evidence, else ``needs-evidence``;
6. otherwise its automatic checks ran and found nothing → ``pass``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from secplan.catalog import Catalog
from secplan.facts import ProjectFacts
from secplan.governance.records import Records, Waiver
from secplan.governance.waivers import WaiverState, waiver_state, waiving
from secplan.model import Control, ControlPosture, Finding, Posture, Severity, Status
from secplan.model.control import PROFILE_FACTS, Fact
from secplan.model.rule import Rule

#: Controls a confidential or restricted dataset brings with it, and why.
OBLIGATIONS: dict[str, str] = {
    "DS1": "must be encrypted at rest",
    "DS2": "must have restricted access",
    "DS4": "must be anonymized before training, or the exception recorded",
    "SC3": "must have a retention period",
}
MAX_LISTED = 3
#: Obligations no scan can discharge: with sensitive data, these controls need evidence.
EVIDENCE_OBLIGATIONS = frozenset({"DS4"})
#: Controls whose checks depend on dataset labels: an unlabelled dataset keeps them from passing.
LABEL_DEPENDENT = frozenset({"DS1", "DS2", "DS4", "SC3"})
UNLABELLED_RULE = "DT101"


def _describe(findings: list[Finding], rules: dict[str, Rule]) -> str:
    counts = Counter(f.rule for f in findings)
    worst_of: dict[str, int] = {}
    for f in findings:
        worst_of[f.rule] = max(worst_of.get(f.rule, 0), int(f.severity))
    parts = []
    # the most severe rules first, then the most frequent
    for rule_id, n in sorted(counts.items(), key=lambda kv: (-worst_of[kv[0]], -kv[1], kv[0])):
        name = rules[rule_id].name if rule_id in rules else rule_id
        parts.append(f"{rule_id} {name} ×{n}" if n > 1 else f"{rule_id} {name}")
    worst = max(f.severity for f in findings).label
    return f"{len(findings)} finding(s), worst {worst}: " + ", ".join(parts)


def _list(items: Iterable[str]) -> str:
    items = list(items)
    shown = ", ".join(items[:MAX_LISTED])
    return shown + (f" and {len(items) - MAX_LISTED} more" if len(items) > MAX_LISTED else "")


def _inventory_reason(control: str, facts: ProjectFacts) -> list[str]:
    if control not in ("DS1", "PS4") or not facts.encrypted:
        return []
    keys = Counter(v or "unnamed key" for _, _, v in facts.encrypted)
    return [
        f"encrypted at rest: {len(facts.encrypted)} file(s) under "
        + ", ".join(f"{k} ×{n}" if n > 1 else k for k, n in sorted(keys.items()))
    ]


def _applicability(
    control: Control, facts: ProjectFacts, has_findings: bool
) -> tuple[bool, list[str]]:
    reasons = []
    hits = [f for f in control.applies_when if f in facts]
    obligation = control.id in OBLIGATIONS and Fact.SENSITIVE_DATA in facts
    if obligation:
        reasons.append(
            f"obligation: {len(facts.sensitive_datasets)} confidential/restricted dataset "
            f"record(s) ({_list(facts.sensitive_datasets)}) {OBLIGATIONS[control.id]}"
        )
    if not hits and not obligation and has_findings:
        return True, ["applies: findings bear on it"]
    if not hits and not obligation:
        wanted = ", ".join(f.value for f in control.applies_when)
        reason = f"applies when the project has: {wanted}; none found"
        if any(f in PROFILE_FACTS for f in control.applies_when) and not facts.declared:
            reason += " (no [profile] declared in secplan.toml)"
        return False, [reason]
    if hits and Fact.ALWAYS not in hits:
        reasons.append("applies: " + ", ".join(f.value for f in hits))
    return True, reasons


def assess(
    catalog: Catalog,
    findings: tuple[Finding, ...],
    facts: ProjectFacts,
    records: Records,
    rules: tuple[Rule, ...],
    as_of: date,
    *,
    approvers: tuple[str, ...] = (),
    ignored_rules: tuple[str, ...] = (),
) -> Posture:
    """The posture of every control in ``catalog``."""
    by_id = {r.id: r for r in rules}
    active = tuple(
        w for w in records.waivers if waiver_state(w, as_of, approvers) is WaiverState.ACTIVE
    )
    out = []
    for control in catalog.controls:
        out.append(
            _assess_one(control, findings, facts, records, by_id, active, as_of, ignored_rules)
        )
    return Posture(controls=tuple(out))


def _assess_one(
    control: Control,
    findings: tuple[Finding, ...],
    facts: ProjectFacts,
    records: Records,
    rules: dict[str, Rule],
    active: tuple[Waiver, ...],
    as_of: date,
    ignored_rules: tuple[str, ...],
) -> ControlPosture:
    cid = control.id

    def result(status: Status, reasons: list[str], **kw: tuple[str, ...]) -> ControlPosture:
        return ControlPosture(
            control=cid,
            pillar=control.pillar,
            title=control.title,
            status=status,
            reasons=tuple(reasons),
            **kw,
        )

    applicable, context = _applicability(control, facts, any(cid in f.controls for f in findings))
    context += _inventory_reason(cid, facts)
    if not applicable:
        return result(Status.NOT_APPLICABLE, context)

    whole = [w for w in active if w.control == cid and w.whole_project]
    if whole:
        w = whole[0]
        return result(
            Status.WAIVED,
            [
                f"waived by {w.id} ({w.file}), approved by {w.approver} on {w.approved}, "
                f"expires {w.expires}: {w.justification}",
                *context,
            ],
            waivers=tuple(x.id for x in whole),
        )

    open_, waived, used = [], [], []
    for f in findings:
        if cid not in f.controls:
            continue
        waiver = waiving(active, f, cid)
        if waiver is None:
            open_.append(f)
        else:
            waived.append(f)
            used.append(waiver.id)
    kw: dict[str, tuple[str, ...]] = {
        "findings": tuple(f.fingerprint for f in open_),
        "waivers": tuple(sorted(set(used))),
    }

    current = [e for e in records.evidence if e.control == cid and e.date <= as_of <= e.expires]
    expired = [e for e in records.evidence if e.control == cid and e.expires < as_of]
    kw["evidence"] = tuple(e.id for e in current)
    evidence = [f"evidence: {e.title} (owner {e.owner}, expires {e.expires})" for e in current]
    evidence += [f"evidence expired: {e.title} (expired {e.expires})" for e in expired]

    checks = sorted(r.id for r in rules.values() if cid in r.controls and r.id != "SX001")
    active_checks = [r for r in checks if r not in ignored_rules]
    notes = [*context]
    if len(active_checks) < len(checks):
        ignored = [r for r in checks if r in ignored_rules]
        notes.append("rules ignored by configuration: " + ", ".join(ignored))
    if waived:
        notes.append(f"{len(waived)} finding(s) waived by {', '.join(kw['waivers'])}")

    if open_:
        worst = max(f.severity for f in open_)
        status = Status.FAIL if worst >= Severity.MEDIUM else Status.PARTIAL
        return result(status, [_describe(open_, rules), *notes, *evidence], **kw)
    if waived:
        return result(Status.WAIVED, [*notes, *evidence], **kw)
    obliged = cid in EVIDENCE_OBLIGATIONS and Fact.SENSITIVE_DATA in facts
    if control.manual or not active_checks or obliged:
        if current:
            return result(Status.PASS, [*evidence, *notes], **kw)
        why = (
            "proven by records only"
            if control.manual
            else "no automatic check covers it yet"
            if not active_checks
            else "sensitive data obliges a record of how it is protected"
        )
        return result(
            Status.NEEDS_EVIDENCE,
            [
                f"{why}: record evidence under .secplan/evidence/ ({'; '.join(control.evidence)})",
                *notes,
                *evidence,
            ],
            **kw,
        )
    verdict = f"checks {', '.join(active_checks)} found nothing"
    unlabelled = [f for f in findings if f.rule == UNLABELLED_RULE]
    if cid in LABEL_DEPENDENT and unlabelled:
        return result(
            Status.PARTIAL,
            [
                f"{len(unlabelled)} dataset(s) have no sensitivity label (DT101), so whether they "
                "need this control is unknown",
                verdict,
                *notes,
                *evidence,
            ],
            **kw,
        )
    return result(Status.PASS, [verdict, *notes, *evidence], **kw)
