"""Framework reports: each requirement of an outside framework (NIST AI RMF, ISO/IEC 42001,
the EU AI Act, ...) with a status derived from the plan's controls that map to it, and the
controls, evidence and findings behind that status.

An item's status is the worst status of the applicable controls mapped to it:

* ``not-mapped``: no control of the plan maps to it;
* ``fail``: a mapped control fails;
* ``partial``: none fails, and one has low-severity findings only;
* ``needs-evidence``: none of the above, and one lacks current evidence (or was not assessed);
* ``waived``: every other mapped control passes, and one is waived by an approved exception;
* ``pass``: every applicable mapped control passes;
* ``not-applicable``: every mapped control is not applicable to the project.

A control the posture does not list (an assessment made before it existed) counts as
``needs-evidence``: nothing proves it.

Example::

    >>> from secplan.catalog import load_catalog
    >>> from secplan.model import ControlId, ControlPosture, Posture, Status
    >>> ds1 = ControlPosture(control=ControlId("DS1"), pillar="data", title="Encryption",
    ...                      status=Status.FAIL, reasons=("1 finding(s), worst high",))
    >>> report = framework_report(load_catalog(), "owasp_ml_2023", Posture(controls=(ds1,)))
    >>> report.item("ML05").status
    <ItemStatus.FAIL: 'fail'>
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from secplan.catalog import Catalog
from secplan.errors import ConfigError
from secplan.model import Posture, Status
from secplan.model.control import Framework


class ItemStatus(StrEnum):
    FAIL = "fail"
    PARTIAL = "partial"
    NEEDS_EVIDENCE = "needs-evidence"
    WAIVED = "waived"
    PASS = "pass"  # noqa: S105 (a status, not a password)
    NOT_APPLICABLE = "not-applicable"
    NOT_MAPPED = "not-mapped"


#: Worst first: an item takes the first status any applicable mapped control has.
PRECEDENCE = (
    ItemStatus.FAIL,
    ItemStatus.PARTIAL,
    ItemStatus.NEEDS_EVIDENCE,
    ItemStatus.WAIVED,
    ItemStatus.PASS,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class FindingRef:
    """A finding behind a control, as an auditor reads it."""

    fingerprint: str
    rule: str = ""
    severity: str = ""
    path: str = ""
    message: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class EvidenceRef:
    """A current evidence record behind a control."""

    id: str
    title: str = ""
    owner: str = ""
    expires: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ControlLine:
    """One mapped control: its status and what it rests on."""

    control: str
    title: str
    status: Status | None  # None: the posture does not list it
    reasons: tuple[str, ...]
    evidence: tuple[EvidenceRef, ...]
    findings: tuple[FindingRef, ...]
    waivers: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemReport:
    id: str
    title: str
    source: str
    status: ItemStatus
    controls: tuple[ControlLine, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class FrameworkReport:
    framework: Framework
    items: tuple[ItemReport, ...]
    subject: str = ""  # the project the posture is of
    assessed: str = ""  # when the posture was assessed

    def item(self, item_id: str) -> ItemReport:
        for i in self.items:
            if i.id == item_id:
                return i
        raise KeyError(item_id)

    def counts(self) -> dict[str, int]:
        got = Counter(i.status for i in self.items)
        return {s.value: got.get(s, 0) for s in ItemStatus}


def unknown_framework(catalog: Catalog, framework_id: str) -> ConfigError:
    ids = ", ".join(f.id for f in catalog.frameworks)
    return ConfigError(f"unknown framework {framework_id!r}; valid ids: {ids}")


def item_status(statuses: list[Status | None]) -> ItemStatus:
    """The status of an item whose mapped controls have ``statuses`` (see the module doc)."""
    if not statuses:
        return ItemStatus.NOT_MAPPED
    applicable = [s for s in statuses if s is not Status.NOT_APPLICABLE]
    if not applicable:
        return ItemStatus.NOT_APPLICABLE
    have = {ItemStatus.NEEDS_EVIDENCE if s is None else ItemStatus(s.value) for s in applicable}
    return next(s for s in PRECEDENCE if s in have)


def framework_report(
    catalog: Catalog,
    framework_id: str,
    posture: Posture,
    *,
    findings: Mapping[str, FindingRef] | None = None,
    evidence: Mapping[str, EvidenceRef] | None = None,
    subject: str = "",
    assessed: str = "",
) -> FrameworkReport:
    """The report on ``framework_id`` for ``posture``; ``findings`` and ``evidence`` give the
    details of the fingerprints and record ids the posture names (an id without details is
    shown bare). Raises :class:`ConfigError` for a framework the catalog does not have."""
    try:
        fw = catalog.framework(framework_id)
    except KeyError:
        raise unknown_framework(catalog, framework_id) from None
    lines: dict[str, ControlLine] = {
        c.id: _line(c.id, c.title, posture, findings or {}, evidence or {})
        for c in catalog.controls
    }
    mapped: dict[str, list[str]] = {}
    for c in catalog.controls:
        for item in c.mapped(fw.id):
            mapped.setdefault(item, []).append(c.id)
    sources = dict(fw.sources)
    items = []
    for item_id, title in fw.items:
        behind = tuple(lines[c] for c in mapped.get(item_id, ()))
        items.append(
            ItemReport(
                id=item_id,
                title=title,
                source=sources.get(item_id, fw.url),
                status=item_status([c.status for c in behind]),
                controls=behind,
            )
        )
    return FrameworkReport(framework=fw, items=tuple(items), subject=subject, assessed=assessed)


def _line(
    control: str,
    title: str,
    posture: Posture,
    findings: Mapping[str, FindingRef],
    evidence: Mapping[str, EvidenceRef],
) -> ControlLine:
    try:
        cp = posture.get(control)
    except KeyError:
        return ControlLine(
            control=control,
            title=title,
            status=None,
            reasons=("not assessed: the assessment does not list this control",),
            evidence=(),
            findings=(),
            waivers=(),
        )
    return ControlLine(
        control=control,
        title=cp.title or title,
        status=cp.status,
        reasons=cp.reasons,
        evidence=tuple(evidence.get(e, EvidenceRef(id=e)) for e in cp.evidence),
        findings=tuple(findings.get(f, FindingRef(fingerprint=f)) for f in cp.findings),
        waivers=cp.waivers,
    )
