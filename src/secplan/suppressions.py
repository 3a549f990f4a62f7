"""Inline suppressions: ``# secplan: ignore[CD101] -- reason`` in the file a finding is in.

A suppression comment sits on the finding's line or on the line above it, in any file read
as text: Python, notebooks (in the cell's source), YAML, Dockerfiles, shell, TOML and INI
(``#`` or ``;`` comments). Several rules are separated by commas:
``# secplan: ignore[CD101,CF113] -- reason``.

- A reason after ``--`` is required. Without one the suppression does not apply and is
  itself reported (:data:`SUPPRESSION_WITHOUT_REASON`).
- Each applied suppression is listed in every report, and posture counts the finding as
  waived for its controls (visible, like a waiver).
- A suppression that matches no finding is reported (:data:`UNUSED_SUPPRESSION`).

They are applied after the scanners ran, on their findings. Files are read through the same
bounded text reader the scanners use; nothing is imported or executed.

>>> [(s.line, s.rules, s.reason) for s in parse_lines(["x = 1  # secplan: ignore[cd101] -- ok"])]
[(1, ('CD101',), 'ok')]
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from secplan.model import (
    ArtifactKind,
    ControlId,
    Finding,
    Location,
    Rule,
    ScanReport,
    Severity,
)
from secplan.selection import selected
from secplan.textfile import TooLarge, read_text

if TYPE_CHECKING:
    from secplan.engine import Assessment

C = ControlId

SUPPRESSION_WITHOUT_REASON = Rule(
    id="EV010",
    name="suppression-without-reason",
    title="Inline suppression without a reason",
    severity=Severity.MEDIUM,
    controls=(C("HS4"),),
    summary="A `secplan: ignore[RULE]` comment gives no reason after `--`. It suppresses "
    "nothing: the findings it names are still reported.",
    rationale="An exception to a control is accepted risk; the plan requires it to be "
    "justified so that a reviewer can judge it. A bare ignore hides the finding without saying "
    "why.",
    example="`x = pickle.load(f)  # secplan: ignore[CD101]`",
    remediation="Add the reason after two dashes: "
    "`# secplan: ignore[CD101] -- file is produced by our own pipeline and signed`, or fix "
    "the finding and delete the comment.",
)

UNUSED_SUPPRESSION = Rule(
    id="EV011",
    name="unused-suppression",
    title="Inline suppression that suppresses nothing",
    severity=Severity.LOW,
    controls=(C("HS4"),),
    summary="A `secplan: ignore[RULE] -- reason` comment matches no finding on its line or the "
    "line below (the finding was fixed, moved, or the rule id is wrong).",
    rationale="Stale exceptions accumulate and later hide a real finding that lands on the "
    "same line. Exceptions are reviewed and removed when no longer needed.",
    example="`# secplan: ignore[CD101] -- trusted` above a line that no longer loads a pickle.",
    remediation="Delete the comment, or fix the rule id it names.",
)

RULES = (SUPPRESSION_WITHOUT_REASON, UNUSED_SUPPRESSION)
#: Findings no comment can set aside: coverage gaps (what was not verified is never clean) and
#: the findings about suppressions themselves.
UNSUPPRESSIBLE = frozenset({"SX001", *(r.id for r in RULES)})

#: Kinds of files read for suppression comments (text formats with ``#`` or ``;`` comments).
TEXT_KINDS = frozenset(
    {
        ArtifactKind.CODE,
        ArtifactKind.NOTEBOOK,
        ArtifactKind.CONTAINER,
        ArtifactKind.DEPLOYMENT,
        ArtifactKind.CONFIG,
        ArtifactKind.DEPENDENCIES,
    }
)
#: Formats without comments: a suppression-like text in them is data, not a suppression.
NO_COMMENTS = frozenset({"json", "jsonl", "sarif"})
_JSON = frozenset({".json", ".jsonl", ".sarif"})
MAX_PER_FILE = 10_000
_MARK = re.compile(r"[#;]\s*secplan:\s*ignore\[([^\]\n]{0,500})\]([^\n]*)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Suppression:
    """One ``secplan: ignore[...]`` comment; ``line`` is 1-based in the file, or in the cell's
    source when ``cell`` is set (``file_line`` is then where that line is stored)."""

    path: str
    line: int
    rules: tuple[str, ...]
    reason: str
    cell: int | None = None
    file_line: int | None = None
    below: int | None = None  # the stored file line of the cell line below (notebooks)

    @property
    def id(self) -> str:
        where = f"[cell {self.cell}]" if self.cell is not None else ""
        return f"inline:{self.path}{where}:{self.line}"

    def location(self) -> Location:
        line = self.file_line if self.cell is not None else self.line
        return Location(path=self.path, line=line, cell=self.cell)


def parse_lines(lines: Sequence[str], path: str = "", cell: int | None = None) -> list[Suppression]:
    """The suppression comments in ``lines`` (one file, or one notebook cell)."""
    out: list[Suppression] = []
    for n, text in enumerate(lines, 1):
        if "secplan" not in text.lower():
            continue
        m = _MARK.search(text)
        if m is None:
            continue
        rules = tuple(dict.fromkeys(r.strip().upper() for r in m.group(1).split(",") if r.strip()))
        rest = m.group(2).strip()
        reason = rest[2:].strip() if rest.startswith("--") else ""
        out.append(Suppression(path=path, line=n, rules=rules, reason=reason, cell=cell))
        if len(out) >= MAX_PER_FILE:
            break
    return out


def _notebook(text: str, path: str) -> list[Suppression]:
    from secplan.scanners.code.nbpositions import locate
    from secplan.scanners.code.notebook import load_notebook

    nb = load_notebook(text)
    if isinstance(nb, str):
        return []
    out: list[Suppression] = []
    for cell in nb.cells:
        for s in parse_lines(cell.source.split("\n"), path, cell.number):
            here = locate(cell.stored, s.line, None)[0]
            below = locate(cell.stored, s.line + 1, None)[0]
            out.append(dataclasses.replace(s, file_line=here, below=below))
    return out


def read_suppressions(file: Path, relpath: str, notebook: bool) -> list[Suppression]:
    """The suppressions in ``file``; none when it cannot be read or exceeds the text limit
    (the scanners report that file as not verified)."""
    try:
        text = read_text(file)
    except (OSError, TooLarge):
        return []
    if "secplan" not in text.lower():
        return []
    if notebook:
        return _notebook(text, relpath)
    return parse_lines(text.split("\n"), relpath)


def _covers(s: Suppression, f: Finding) -> bool:
    loc = f.location
    if f.rule not in s.rules or loc.path != s.path or loc.member is not None:
        return False
    if s.cell is not None:
        if loc.cell != s.cell:
            return False
        if loc.line is None:  # a finding about the whole cell
            return True
        return loc.line in {s.file_line, s.below} - {None}
    return loc.cell is None and loc.line is not None and loc.line in (s.line, s.line + 1)


@dataclass(frozen=True, slots=True)
class Applied:
    """What applying suppressions did."""

    kept: tuple[Finding, ...]
    suppressed: tuple[tuple[Finding, Suppression], ...]
    reported: tuple[Finding, ...]  # EV010 and EV011 findings


def apply(
    findings: Iterable[Finding],
    suppressions: Iterable[Suppression],
    *,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    known_rules: frozenset[str] = frozenset(),
    also_seen: Iterable[Finding] = (),
) -> Applied:
    """Divide ``findings`` into those kept and those a suppression with a reason covers, and
    report suppressions without a reason and unused ones. ``also_seen`` (findings a waiver
    already set aside) count as uses. Rules left out by ``select``/``ignore`` never make a
    suppression unused: their findings were not looked for."""
    sups = list(suppressions)
    valid = [s for s in sups if s.reason and s.rules]
    used: set[Suppression] = set()
    kept: list[Finding] = []
    gone: list[tuple[Finding, Suppression]] = []
    for f in findings:
        hit = next((s for s in valid if _covers(s, f)), None)
        if hit is None or f.rule in UNSUPPRESSIBLE:
            kept.append(f)
        else:
            gone.append((f, hit))
            used.add(hit)
    for f in also_seen:
        used.update(s for s in valid if _covers(s, f))
    reported: list[Finding] = []
    for s in sups:
        if not (s.reason and s.rules):
            what = "no rule" if not s.rules else "no reason after `--`"
            reported.append(
                SUPPRESSION_WITHOUT_REASON.at(
                    s.location(),
                    f"suppression of {', '.join(s.rules) or '(nothing)'} not applied: {what}",
                    evidence=f"ignore[{','.join(s.rules)}]",
                )
            )
            continue
        if s in used:
            continue
        looked = [r for r in s.rules if selected(r, select, ignore)]
        if not looked:
            continue
        unknown = [r for r in s.rules if known_rules and r not in known_rules]
        why = f" (unknown rule {', '.join(unknown)})" if unknown else ""
        reported.append(
            UNUSED_SUPPRESSION.at(
                s.location(),
                f"suppression of {', '.join(s.rules)} matches no finding{why}",
                evidence=f"ignore[{','.join(s.rules)}]",
            )
        )
    reported = [f for f in reported if selected(f.rule, select, ignore)]
    return Applied(tuple(kept), tuple(gone), tuple(reported))


def collect(report: ScanReport) -> list[Suppression]:
    """Every suppression in the text files the scan covered."""
    out: list[Suppression] = []
    for a in report.artifacts:
        if a.kind in TEXT_KINDS and a.format not in NO_COMMENTS and a.path.suffix not in _JSON:
            out.extend(read_suppressions(a.path, a.relpath, a.kind is ArtifactKind.NOTEBOOK))
    return out


def apply_to(assessment: Assessment) -> Assessment:
    """``assessment`` with the inline suppressions of its files applied, and posture derived
    again so that suppressed findings count as waived for their controls."""
    from secplan.posture import assess
    from secplan.selection import left_out

    r = assessment.report
    settings = assessment.settings
    sups = collect(r)
    if not sups:
        return assessment
    known = frozenset(rule.id for rule in assessment.registry.rules)
    done = apply(
        r.findings,
        sups,
        select=settings.select,
        ignore=settings.ignore,
        known_rules=known,
        also_seen=(f for f, _ in r.suppressed),
    )
    kept = sorted((*done.kept, *done.reported), key=Finding.sort_key)
    inline = tuple(sorted(((f, s.id) for f, s in done.suppressed), key=lambda x: x[0].sort_key()))
    reasons = tuple(sorted({(s.id, s.reason) for _, s in done.suppressed}))
    report = dataclasses.replace(
        r,
        findings=tuple(kept),
        suppressed=(*r.suppressed, *inline),
        inline_reasons=reasons,
    )
    posture = assess(
        assessment.catalog,
        report.findings + tuple(f for f, _ in report.suppressed),
        assessment.facts,
        assessment.records,
        assessment.registry.rules,
        r.run.as_of,
        approvers=settings.approvers,
        left_out=frozenset(
            left_out((x.id for x in assessment.registry.rules), settings.select, settings.ignore)
        ),
        inline={f: s.id for f, s in done.suppressed},
    )
    return dataclasses.replace(assessment, report=report, posture=posture)


__all__ = [
    "RULES",
    "SUPPRESSION_WITHOUT_REASON",
    "UNUSED_SUPPRESSION",
    "Applied",
    "Suppression",
    "apply",
    "apply_to",
    "collect",
    "parse_lines",
    "read_suppressions",
]
