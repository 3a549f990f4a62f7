"""The terminal summary: the top findings first (what the first screen shows), then posture per
pillar and a table of controls."""

from __future__ import annotations

from io import StringIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from secplan.engine import Assessment
from secplan.model import Finding, Severity, Status

TOP_FINDINGS = 15
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


def top_findings(findings: tuple[Finding, ...], n: int) -> list[Finding]:
    """The ``n`` findings the first screen shows: most severe first; within a severity, one
    of each rule before a rule's second one (so that many findings of one rule do not hide
    the others), then the more confident, then the report's own order."""
    seen: dict[tuple[Severity, str], int] = {}
    keyed = []
    for i, f in enumerate(sorted(findings, key=lambda f: (-int(f.severity), -int(f.confidence)))):
        k = seen.get((f.severity, f.rule), 0)
        seen[(f.severity, f.rule)] = k + 1
        keyed.append(((-int(f.severity), k, -int(f.confidence), i), f))
    return [f for _, f in sorted(keyed, key=lambda kf: kf[0])[:n]]


def render_table(a: Assessment, *, color: bool = False, width: int = 120) -> str:
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
    r = a.report
    kinds = ", ".join(f"{n} {k.value}" for k, n in sorted(r.kinds().items(), key=lambda kv: kv[0]))
    console.print(
        Text.assemble(
            ("secplan ", "bold"),
            r.run.tool_version,
            " · ",
            r.run.root,
            f" (only {r.run.target})" if r.run.target != "." else "",
            " · as of ",
            r.run.as_of.isoformat(),
            f" · commit {r.run.commit[:12]}" if r.run.commit else "",
            f" ({r.run.branch})" if r.run.commit and r.run.branch else "",
        )
    )
    console.print(
        f"{len(r.artifacts)} files ({kinds or 'none'}); {len(r.skipped)} skipped, "
        f"{len(r.errors)} errors"
    )
    if not a.facts.declared:
        console.print(
            Text(
                "No [profile] in secplan.toml: applicability is inferred from the files found.",
                style="dim",
            )
        )
    console.print()

    if r.findings:
        top = Table(
            title=f"Top findings ({min(TOP_FINDINGS, len(r.findings))} of {len(r.findings)})",
            title_justify="left",
            show_edge=False,
            expand=True,
        )
        top.add_column("Severity", no_wrap=True)
        top.add_column("Rule", no_wrap=True)
        top.add_column("Where", ratio=2, overflow="fold")
        top.add_column("What", ratio=3)
        for f in top_findings(r.findings, TOP_FINDINGS):
            top.add_row(
                Text(f.severity.label, style=SEVERITY_STYLE[f.severity]),
                f.rule,
                str(f.location),
                f.message,
            )
        console.print(top)
    else:
        console.print("No findings.")
    console.print()

    pillars = Table(title="Posture by pillar", title_justify="left", show_edge=False, expand=False)
    pillars.add_column("Pillar")
    for s in Status:
        pillars.add_column(s.value, justify="right", style=STATUS_STYLE[s])
    for pillar in a.catalog.pillars:
        group = a.posture.by_pillar().get(pillar.id, ())
        counts = [sum(1 for c in group if c.status is s) for s in Status]
        pillars.add_row(pillar.title, *(str(n) if n else "·" for n in counts))
    console.print(pillars)
    console.print()

    controls = Table(title="Controls", title_justify="left", show_edge=False, expand=True)
    controls.add_column("Id", no_wrap=True)
    controls.add_column("Control", ratio=2)
    controls.add_column("Status", no_wrap=True)
    controls.add_column("Why", ratio=4)
    for c in a.posture.controls:
        controls.add_row(
            c.control,
            c.title,
            Text(c.status.value, style=STATUS_STYLE[c.status]),
            c.reasons[0] if c.reasons else "",
        )
    console.print(controls)
    by_severity = r.count_by_severity()
    summary = ", ".join(f"{n} {s.label}" for s, n in by_severity.items() if n)
    st = a.posture.counts()
    console.print()
    inline = sum(1 for _, w in r.suppressed if w.startswith("inline:"))
    waived = len(r.suppressed) - inline
    console.print(
        f"Findings: {summary or 'none'}"
        + (f"; {waived} waived" if waived else "")
        + (f"; {inline} suppressed inline" if inline else "")
        + (f"; {len(r.baselined)} in the baseline, not shown" if r.baselined else "")
    )
    console.print("Controls: " + ", ".join(f"{st[s]} {s.value}" for s in Status if st.get(s)))
    for e in r.errors[:5]:
        console.print(f"[red]error[/red] {e.path or '-'}: {e.message}", markup=True)
    return out.getvalue()
