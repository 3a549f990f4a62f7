"""The model card of a ``secplan model test`` run, in Markdown and in self-contained HTML
whose charts (accuracy against attack strength, fairness per group) are inline SVG.

Rendering is pure: a :class:`~secplan.assurance.run.TestRun` and the run's time in, text out.
"""

from __future__ import annotations

import dataclasses
from html import escape
from typing import Any

from jinja2 import Environment, PackageLoader

from secplan.assurance.run import TestRun
from secplan.assurance.verdict import robust_accuracy

W, H, PAD = 420, 220, 36


def _env(autoescape: bool) -> Environment:
    return Environment(
        loader=PackageLoader("secplan.assurance", "templates"),
        autoescape=autoescape,  # noqa: S701 -- Markdown is not HTML; the HTML card escapes
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _xy(fx: float, fy: float) -> tuple[float, float]:
    return PAD + fx * (W - 2 * PAD), H - PAD - fy * (H - 2 * PAD)


def robustness_svg(curve: list[list[float]], threshold: float, eps: float) -> str:
    """Accuracy under attack (y, 0..1) against attack strength (x, in standard deviations)."""
    top = max(e for e, _ in curve) or 1.0
    pts = [_xy(e / top, a or 0.0) for e, a in curve]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
    tx0, ty = _xy(0, threshold)
    tx1, _ = _xy(1, threshold)
    ex, ey0 = _xy(eps / top, 0)
    _, ey1 = _xy(eps / top, 1)
    x0, y0 = _xy(0, 0)
    x1, y1 = _xy(1, 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" role="img" '
        'aria-label="accuracy under attack against attack strength">',
        f'<line x1="{x0}" y1="{y0}" x2="{x1}" y2="{y0}" stroke="#5b6475"/>',
        f'<line x1="{x0}" y1="{y0}" x2="{x0}" y2="{y1}" stroke="#5b6475"/>',
        f'<line x1="{tx0:.1f}" y1="{ty:.1f}" x2="{tx1:.1f}" y2="{ty:.1f}" stroke="#c62828" '
        'stroke-dasharray="4 3"/>',
        f'<line x1="{ex:.1f}" y1="{ey0:.1f}" x2="{ex:.1f}" y2="{ey1:.1f}" stroke="#b7791f" '
        'stroke-dasharray="2 3"/>',
        f'<polyline fill="none" stroke="#1d4ed8" stroke-width="2" points="{line}"/>',
        *(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#1d4ed8"/>' for x, y in pts),
        f'<text x="{x0}" y="{y1 - 8}" font-size="11">accuracy (1.0 top)</text>',
        f'<text x="{x1}" y="{y0 + 24}" font-size="11" text-anchor="end">attack strength '
        f"(std. deviations, up to {top:g})</text>",
        "</svg>",
    ]
    return "\n".join(parts)


def fairness_svg(column: str, groups: dict[str, dict[str, Any]]) -> str:
    """Selection rate, false-positive and false-negative rate per group, as bars."""
    metrics = (
        ("selection_rate", "#1d4ed8"),
        ("false_positive_rate", "#c62828"),
        ("false_negative_rate", "#b7791f"),
    )
    names = sorted(groups)[:12]
    band = (W - 2 * PAD) / max(len(names), 1)
    bar = band / (len(metrics) + 1)
    x0, y0 = _xy(0, 0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" role="img" '
        f'aria-label="fairness metrics per group of {escape(column)}">',
        f'<line x1="{x0}" y1="{y0}" x2="{W - PAD}" y2="{y0}" stroke="#5b6475"/>',
    ]
    for i, g in enumerate(names):
        for j, (m, colour) in enumerate(metrics):
            v = groups[g].get(m) or 0.0
            x = PAD + i * band + j * bar + bar / 2
            _, y = _xy(0, v)
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{y0 - y:.1f}" '
                f'fill="{colour}"><title>{escape(g)} {m}: {v}</title></rect>'
            )
        parts.append(
            f'<text x="{PAD + (i + 0.5) * band:.1f}" y="{y0 + 14}" font-size="11" '
            f'text-anchor="middle">{escape(g[:14])}</text>'
        )
    parts.append(
        f'<text x="{PAD}" y="{H - 6}" font-size="11">blue: selection rate · red: false '
        "positives · amber: false negatives</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts)


def _context(run: TestRun, when: str) -> dict[str, Any]:
    m = run.metrics
    p = dataclasses.asdict(run.policy)
    return {
        "run": run,
        "when": when,
        "m": m,
        "p": p,
        "robust": robust_accuracy(m, run.policy.robust_epsilon),
        "passed": run.passed,
        "judged": [c for c in run.checks if c.passed is not None],
        "informed": [c for c in run.checks if c.passed is None],
        "top": m["importance"][:10],
    }


def render_markdown(run: TestRun, when: str) -> str:
    return _env(False).get_template("model_card.md.j2").render(**_context(run, when))


def render_html(run: TestRun, when: str) -> str:
    ctx = _context(run, when)
    ctx["robust_svg"] = robustness_svg(
        run.metrics["robustness"]["curve"],
        run.policy.min_robust_accuracy,
        run.policy.robust_epsilon,
    )
    ctx["fair_svgs"] = [
        (col, fairness_svg(col, f["groups"])) for col, f in sorted(run.metrics["fairness"].items())
    ]
    return _env(True).get_template("model_card.html.j2").render(**ctx)
