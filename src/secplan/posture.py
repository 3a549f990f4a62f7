"""Posture: derive each control's status, with its reasons, from findings, applicability,
evidence records and waivers. Scanners never set a status; this module alone does.

Order of precedence for an applicable control:

1. an approved, unexpired waiver of the whole control → ``waived``;
2. an unwaived finding of medium severity or above → ``fail``;
3. unwaived findings of low or info severity only → ``partial``;
4. some of its checks left out of the run (``--select``/``--ignore``) → ``needs-evidence``,
   "not assessed", whatever else holds: a check that did not run proves nothing;
5. findings, all of them waived → ``waived``;
6. a control proven only by records (``manual``), or one without an automatic check yet
   (MS2 and MS5 where the scan found no serving endpoint) → ``pass`` with current evidence,
   else ``needs-evidence``;
7. otherwise its automatic checks ran and found nothing → ``pass``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from secplan.catalog import Catalog
from secplan.facts import ProjectFacts
from secplan.governance.records import Evidence, Records, Waiver
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
#: Controls proven only by an activity's recorded outcome: evidence counts when it passed.
DRILL_CONTROL = "DS3"
#: Controls proven, for a project that develops models, by current signed results of
#: ``secplan model test`` (or hand-written records).
MODEL_TEST_CONTROLS = frozenset({"MS3", "MS4", "SC2"})
#: Controls whose checks depend on dataset labels: an unlabelled dataset keeps them from passing.
LABEL_DEPENDENT = frozenset({"DS1", "DS2", "DS4", "SC3"})
#: Controls proven, for a project that serves models, by a valid guard policy covering each
#: serving endpoint the scan found (rules GD001-GD006); their reasons list the endpoints.
GUARD_CONTROLS = frozenset({"MS2", "MS5", "MS6"})
#: Of those, the ones no other automatic check proves: with no endpoint found, they need evidence.
ENDPOINT_CONTROLS = frozenset({"MS2", "MS5"})
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
    if obligation and facts.sensitive_datasets:
        reasons.append(
            f"obligation: {len(facts.sensitive_datasets)} confidential/restricted dataset "
            f"record(s) ({_list(facts.sensitive_datasets)}) {OBLIGATIONS[control.id]}"
        )
    if obligation and facts.personal_files:  # personal data is at least confidential
        reasons.append(
            f"obligation: personal data found in {len(facts.personal_files)} file(s) "
            f"({_list(facts.personal_files)}) {OBLIGATIONS[control.id]}"
        )
    if not hits and not obligation and has_findings:
        return True, ["applies: findings bear on it"]
    if not hits and not obligation:
        wanted = ", ".join(f.value for f in control.applies_when)
        reason = f"applies when the project has: {wanted}; none found"
        if facts.scope:
            reason += f" in the part scanned ({facts.scope})"
        if any(f in PROFILE_FACTS for f in control.applies_when) and not facts.declared:
            reason += " (no [profile] declared in secplan.toml)"
        return False, [reason]
    if hits and Fact.ALWAYS not in hits:
        shown = [f"{f.value} ({facts.source(f)})" if facts.source(f) else f.value for f in hits]
        reasons.append("applies: " + ", ".join(shown))
    return True, reasons


@dataclass(frozen=True, slots=True)
class _Run:
    """What every control's assessment reads."""

    findings: tuple[Finding, ...]
    facts: ProjectFacts
    records: Records
    rules: dict[str, Rule]
    active: tuple[Waiver, ...]
    as_of: date
    left_out: frozenset[str]
    inline: Mapping[Finding, str] = field(default_factory=dict)


def assess(
    catalog: Catalog,
    findings: tuple[Finding, ...],
    facts: ProjectFacts,
    records: Records,
    rules: tuple[Rule, ...],
    as_of: date,
    *,
    approvers: tuple[str, ...] = (),
    left_out: frozenset[str] = frozenset(),
    inline: Mapping[Finding, str] | None = None,
) -> Posture:
    """The posture of every control in ``catalog``; ``left_out`` are the rules whose findings
    this run does not report (``--select``/``--ignore``); ``inline`` are the findings an inline
    suppression with a reason covers, with its id (they count as waived, like a waiver)."""
    active = tuple(
        w for w in records.waivers if waiver_state(w, as_of, approvers) is WaiverState.ACTIVE
    )
    run = _Run(
        findings, facts, records, {r.id: r for r in rules}, active, as_of, left_out, inline or {}
    )
    return Posture(controls=tuple(_assess_one(c, run) for c in catalog.controls))


def _result(
    control: Control, status: Status, reasons: list[str], **kw: tuple[str, ...]
) -> ControlPosture:
    return ControlPosture(
        control=control.id,
        pillar=control.pillar,
        title=control.title,
        status=status,
        reasons=tuple(reasons),
        **kw,
    )


def _waived_whole(control: Control, run: _Run, context: list[str]) -> ControlPosture | None:
    whole = [w for w in run.active if w.control == control.id and w.whole_project]
    if not whole:
        return None
    w = whole[0]
    return _result(
        control,
        Status.WAIVED,
        [
            f"waived by {w.id} ({w.file}), approved by {w.approver} on {w.approved}, "
            f"expires {w.expires}: {w.justification}",
            *context,
        ],
        waivers=tuple(x.id for x in whole),
    )


def _evidence(control: Control, run: _Run) -> tuple[tuple[str, ...], list[str]]:
    """Ids of current evidence records, and a line for each current or expired one."""
    mine = [e for e in run.records.evidence if e.control == control.id]
    if control.id == DRILL_CONTROL:
        return _drill_evidence(mine, run)
    tested: tuple[str, ...] = ()
    test_lines: list[str] = []
    if control.id in MODEL_TEST_CONTROLS:
        tested, test_lines = _test_evidence(control.id, run)
        mine = [e for e in mine if e.test is None]
    current = [e for e in mine if e.date <= run.as_of <= e.expires]
    lines = _endpoint_lines(run.facts) if control.id in GUARD_CONTROLS else []
    lines += [f"evidence: {e.title} (owner {e.owner}, expires {e.expires})" for e in current]
    lines += [
        f"evidence expired: {e.title} (expired {e.expires})" for e in mine if e.expires < run.as_of
    ]
    return (*tested, *(e.id for e in current)), [*test_lines, *lines]


def _endpoint_lines(facts: ProjectFacts) -> list[str]:
    """The serving endpoints the scan found: those a valid guard policy covers, and not."""
    covered = [f"{label} by {how}" for label, how in facts.endpoints if how]
    bare = [label for label, how in facts.endpoints if not how]
    n = len(facts.endpoints)
    lines = []
    if bare:
        lines.append(
            f"{len(bare)} of {n} serving endpoint(s) not covered by a valid guard policy: "
            + _list(bare)
        )
    if covered:
        lines.append(
            f"evidence: {len(covered)} of {n} serving endpoint(s) covered by a valid guard "
            "policy: " + _list(covered)
        )
    return lines


def _test_evidence(control: str, run: _Run) -> tuple[tuple[str, ...], list[str]]:
    """The latest ``secplan model test`` record of each model: it proves ``control`` when it
    is signed, about the model file as it is now, in date, and passed."""
    if not any(e.test is not None for e in run.records.evidence):
        return (), []  # no model-test record: the assurance modules stay unloaded
    from secplan.assurance.evidence import latest_tests
    from secplan.governance.records import TestState

    ids: list[str] = []
    lines: list[str] = []
    for e in latest_tests(run.records, control):
        assert e.test is not None
        if e.test.state is not TestState.CURRENT:
            lines.append(f"model test not current ({e.test.state.value}): {e.test.note}")
        elif e.expires < run.as_of:
            lines.append(f"model test expired {e.expires}: run secplan model test ({e.title})")
        elif e.failed:
            lines.append(f"model test failed: {e.title}")
        else:
            ids.append(e.id)
            lines.append(f"evidence: {e.title} (signed, expires {e.expires})")
    return tuple(ids), lines


def _drill_evidence(mine: list[Evidence], run: _Run) -> tuple[tuple[str, ...], list[str]]:
    """DS3 is proven by the latest restore drill, when it passed; other records are listed."""
    from secplan.scanners.backup import latest_drill

    last = latest_drill(run.records)
    lines = [
        f"record (not a restore drill, so it proves no recovery): {e.title}"
        for e in mine
        if e.drill is None
    ]
    if last is None:
        return (), ["no restore drill recorded: run secplan backup drill", *lines]
    # its age is judged by EV021 against [backup] max_drill_age_days, not by ``expires``
    if last.failed or last.date > run.as_of:
        why = "failed" if last.failed else f"is dated after {run.as_of}"
        return (), [f"latest restore drill {why}: {last.title}", *lines]
    return (last.id,), [f"evidence: {last.title} (drill of {last.date})", *lines]


def _not_run(checks: list[str], left_out: list[str], full: bool) -> str:
    """Why a control is not (fully) assessed: the checks this run left out."""
    head = "not assessed" if full else "not assessed in full"
    return (
        f"{head}: {len(left_out)} of its {len(checks)} checks were left out by "
        f"--select/--ignore or the select/ignore settings ({_list(left_out)}), so what they "
        "would find is unknown; run them, or record a waiver of the control"
    )


def _assess_one(control: Control, run: _Run) -> ControlPosture:
    cid = control.id
    has_findings = any(cid in f.controls for f in run.findings)
    applicable, context = _applicability(control, run.facts, has_findings)
    context += _inventory_reason(cid, run.facts)
    if not applicable:
        return _result(control, Status.NOT_APPLICABLE, context)
    whole = _waived_whole(control, run, context)
    if whole is not None:
        return whole

    open_, waived, used = [], [], []
    for f in run.findings:
        if cid not in f.controls:
            continue
        waiver = waiving(run.active, f, cid)
        if waiver is not None:
            waived.append(f)
            used.append(waiver.id)
        elif f in run.inline:
            waived.append(f)
            used.append(run.inline[f])
        else:
            open_.append(f)
    ids, evidence = _evidence(control, run)
    kw: dict[str, tuple[str, ...]] = {
        "findings": tuple(f.fingerprint for f in open_),
        "waivers": tuple(sorted(set(used))),
        "evidence": ids,
    }
    checks = sorted(r.id for r in run.rules.values() if cid in r.controls and r.id != "SX001")
    skipped = [r for r in checks if r in run.left_out]
    notes = [*context]
    if waived:
        notes.append(f"{len(waived)} finding(s) waived by {', '.join(kw['waivers'])}")

    if open_:
        worst = max(f.severity for f in open_)
        status = Status.FAIL if worst >= Severity.MEDIUM else Status.PARTIAL
        gap = [_not_run(checks, skipped, full=False)] if skipped else []
        return _result(
            control, status, [_describe(open_, run.rules), *gap, *notes, *evidence], **kw
        )
    if skipped:  # never pass (nor waived) on checks that did not run
        return _result(
            control,
            Status.NEEDS_EVIDENCE,
            [_not_run(checks, skipped, True), *notes, *evidence],
            **kw,
        )
    if waived:
        return _result(control, Status.WAIVED, [*notes, *evidence], **kw)
    return _clean(control, run, checks, notes, evidence, bool(ids), kw)


def _clean(
    control: Control,
    run: _Run,
    checks: list[str],
    notes: list[str],
    evidence: list[str],
    current: bool,
    kw: dict[str, tuple[str, ...]],
) -> ControlPosture:
    """A control whose checks all ran and found nothing open."""
    obliged = control.id in EVIDENCE_OBLIGATIONS and Fact.SENSITIVE_DATA in run.facts
    tests = control.id in MODEL_TEST_CONTROLS and (
        Fact.DEVELOPS_MODELS in run.facts
        or any(e.test is not None and e.control == control.id for e in run.records.evidence)
    )
    obliged = obliged or tests
    unproven = control.id in ENDPOINT_CONTROLS and not run.facts.endpoints
    if control.manual or not checks or obliged or unproven or control.id == DRILL_CONTROL:
        if current:
            return _result(control, Status.PASS, [*evidence, *notes], **kw)
        why = (
            "proven by records only"
            if control.manual
            else "no automatic check covers it yet"
            if not checks
            else "a verified restore drill proves backups and recovery"
            if control.id == DRILL_CONTROL
            else "the team's own model is proven by signed results of secplan model test for "
            "its current file"
            if tests
            else "the scan found no serving endpoint whose guard policy could prove it"
            if unproven
            else "sensitive data obliges a record of how it is protected"
        )
        return _result(
            control,
            Status.NEEDS_EVIDENCE,
            [
                f"{why}: record evidence under .secplan/evidence/ ({'; '.join(control.evidence)})",
                *notes,
                *evidence,
            ],
            **kw,
        )
    verdict = f"checks {', '.join(checks)} found nothing"
    unlabelled = [f for f in run.findings if f.rule == UNLABELLED_RULE]
    if control.id in LABEL_DEPENDENT and unlabelled:
        return _result(
            control,
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
    return _result(control, Status.PASS, [verdict, *notes, *evidence], **kw)
