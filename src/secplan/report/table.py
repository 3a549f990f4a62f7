"""The terminal summary: the top findings first (what the first screen shows), then posture per
pillar and a table of controls.

The summary is described as blocks (:mod:`secplan.report.layout`); the plain writer lays
them out when there is no colour and every text is one it measures, the terminal library
otherwise (the same text either way).
"""

from __future__ import annotations

from io import StringIO
from typing import TYPE_CHECKING

from secplan.model import Finding, Severity, Status
from secplan.report.layout import Block, Column, Grid, is_simple, plain

if TYPE_CHECKING:
    from secplan.engine import Assessment

TOP_FINDINGS = 15
#: Rules (ids or prefixes) that only say a record is missing from the project: no
#: incident-response plan (EV), no audit checkpoint (AU), no vulnerability database, no
#: dataset or model record, no signature, no model card. They hold on every project not yet
#: set up, so the first screen shows what was found in the files before them.
RECORD_GAP_RULES = frozenset({"AU", "EV", "DP104", "DT101", "MF001", "MF003", "MF004"})
STATUS_STYLE = {
    Status.PASS: "green",
    Status.FAIL: "bold red",
    Status.PARTIAL: "yellow",
    Status.NEEDS_EVIDENCE: "magenta",
    Status.WAIVED: "cyan",
    Status.NOT_APPLICABLE: "dim",
}
SEVERITY_STYLE = {
    Severity.CRITICAL: "bold white on red",
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}


def is_record_gap(rule: str) -> bool:
    """Whether ``rule`` only reports a record missing from the project (``RECORD_GAP_RULES``)."""
    return rule in RECORD_GAP_RULES or rule[:2] in RECORD_GAP_RULES


def top_findings(findings: tuple[Finding, ...], n: int) -> list[Finding]:
    """The ``n`` findings the first screen shows: most severe first; within a severity, what
    was found in the project's files before missing records (``RECORD_GAP_RULES``), one of
    each rule before a rule's second one (so that many findings of one rule do not hide the
    others), then the more confident, then the report's own order."""
    seen: dict[tuple[Severity, str], int] = {}
    keyed = []
    for i, f in enumerate(sorted(findings, key=lambda f: (-int(f.severity), -int(f.confidence)))):
        k = seen.get((f.severity, f.rule), 0)
        seen[(f.severity, f.rule)] = k + 1
        keyed.append(((-int(f.severity), is_record_gap(f.rule), k, -int(f.confidence), i), f))
    return [f for _, f in sorted(keyed, key=lambda kf: kf[0])[:n]]


def render_table(a: Assessment, *, color: bool = False, width: int = 120) -> str:
    blocks = summary(a)
    text = plain(blocks, width) if not color and is_simple(blocks) else None
    return text if text is not None else _render_rich(blocks, color=color, width=width)


def summary(a: Assessment) -> list[Block]:
    """The summary as blocks: the run, the top findings, posture per pillar, the controls."""
    r = a.report
    kinds = ", ".join(f"{n} {k.value}" for k, n in sorted(r.kinds().items(), key=lambda kv: kv[0]))
    blocks: list[Block] = [
        (
            ("secplan ", "bold"),
            (r.run.tool_version, ""),
            (" · ", ""),
            (r.run.root, ""),
            (f" (only {r.run.target})" if r.run.target != "." else "", ""),
            (" · as of ", ""),
            (r.run.as_of.isoformat(), ""),
            (f" · commit {r.run.commit[:12]}" if r.run.commit else "", ""),
            (f" ({r.run.branch})" if r.run.commit and r.run.branch else "", ""),
        ),
        (
            (
                f"{len(r.artifacts)} files ({kinds or 'none'}); {len(r.skipped)} skipped, "
                f"{len(r.errors)} errors",
                "",
            ),
        ),
    ]
    if not a.facts.declared:
        blocks.append(
            (
                (
                    "No [profile] in secplan.toml: applicability is inferred from the files found.",
                    "dim",
                ),
            )
        )
    blocks.append(())
    if r.findings:
        rows = tuple(
            (
                (f.severity.label, SEVERITY_STYLE[f.severity]),
                (f.rule, ""),
                (str(f.location), ""),
                (f.message, ""),
            )
            for f in top_findings(r.findings, TOP_FINDINGS)
        )
        columns = (
            Column("Severity", no_wrap=True),
            Column("Rule", no_wrap=True),
            Column("Where", ratio=2, overflow="fold"),
            Column("What", ratio=3),
        )
        title = f"Top findings ({min(TOP_FINDINGS, len(r.findings))} of {len(r.findings)})"
        blocks.append(Grid(title, columns, rows, expand=True))
    else:
        blocks.append((("No findings.", ""),))
    blocks.append(())

    by_pillar = a.posture.by_pillar()
    pillar_rows = []
    for pillar in a.catalog.pillars:
        group = by_pillar.get(pillar.id, ())
        counts = [sum(1 for c in group if c.status is s) for s in Status]
        pillar_rows.append(
            (
                (pillar.title, ""),
                *(
                    (str(n) if n else "·", STATUS_STYLE[s])
                    for n, s in zip(counts, Status, strict=True)
                ),
            )
        )
    pillar_columns = (
        Column("Pillar"),
        *(Column(s.value, justify="right", style=STATUS_STYLE[s]) for s in Status),
    )
    blocks += [Grid("Posture by pillar", pillar_columns, tuple(pillar_rows), expand=False), ()]

    control_rows = tuple(
        (
            (c.control, ""),
            (c.title, ""),
            (c.status.value, STATUS_STYLE[c.status]),
            (c.reasons[0] if c.reasons else "", ""),
        )
        for c in a.posture.controls
    )
    control_columns = (
        Column("Id", no_wrap=True),
        Column("Control", ratio=2),
        Column("Status", no_wrap=True),
        Column("Why", ratio=4),
    )
    blocks.append(Grid("Controls", control_columns, control_rows, expand=True))
    by_severity = r.count_by_severity()
    summary_text = ", ".join(f"{n} {s.label}" for s, n in by_severity.items() if n)
    st = a.posture.counts()
    blocks.append(())
    inline = sum(1 for _, w in r.suppressed if w.startswith("inline:"))
    waived = len(r.suppressed) - inline
    findings_line = (
        f"Findings: {summary_text or 'none'}"
        + (f"; {waived} waived" if waived else "")
        + (f"; {inline} suppressed inline" if inline else "")
        + (f"; {len(r.baselined)} in the baseline, not shown" if r.baselined else "")
    )
    blocks.append(((findings_line, ""),))
    controls_line = "Controls: " + ", ".join(f"{st[s]} {s.value}" for s in Status if st.get(s))
    blocks.append(((controls_line, ""),))
    blocks += [(("error", "red"), (f" {e.path or '-'}: {e.message}", "")) for e in r.errors[:5]]
    return blocks


def _render_rich(blocks: list[Block], *, color: bool, width: int) -> str:
    """``blocks`` laid out by the terminal library (colour, or text the plain writer does
    not measure). Every text is literal: none is read as the library's markup."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    out = StringIO()
    console = Console(
        file=out,
        width=width,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
        color_system="standard" if color else None,
    )
    for block in blocks:
        if not isinstance(block, Grid):
            console.print(Text.assemble(*block) if block else "")
            continue
        table = Table(title=block.title, title_justify="left", show_edge=False, expand=block.expand)
        for c in block.columns:
            table.add_column(
                c.header,
                justify="right" if c.justify == "right" else "left",
                no_wrap=c.no_wrap,
                ratio=c.ratio,
                overflow="fold" if c.overflow == "fold" else "ellipsis",
                style=c.style or None,
            )
        for row in block.rows:
            table.add_row(*(Text(text, style=style) for text, style in row))
        console.print(table)
    return out.getvalue()
