"""The trend of a project's posture across its assessments, drawn as an inline SVG chart
(numbers only: nothing from the database reaches the markup as text, and no script runs).

>>> rows = [{"controls": {"DS1": "pass", "DS2": "fail"}}, {"controls": {"DS1": "pass"}}]
>>> t = trend(rows)  # newest first, as the project page lists them
>>> t.counts["pass"], t.counts["fail"]
([1, 1], [0, 1])
>>> t.points["fail"]
'10.0,130.0 590.0,10.0'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

#: The statuses drawn, each a line, in the legend's order.
SHOWN = ("pass", "fail", "partial", "needs-evidence")
WIDTH, HEIGHT, PAD = 600, 140, 10


@dataclass(frozen=True, slots=True)
class Trend:
    counts: dict[str, list[int]] = field(default_factory=dict)  # oldest first
    points: dict[str, str] = field(default_factory=dict)  # SVG polyline points
    top: int = 0  # the largest count (the chart's scale)
    width: int = WIDTH
    height: int = HEIGHT


def trend(assessments: Sequence[Mapping[str, Any]]) -> Trend:
    """Counts of each status per assessment (``assessments`` newest first, as
    :func:`secplan.server.data.project_assessments` gives them), and their polylines."""
    ordered = list(reversed(assessments))
    counts = {s: [sum(1 for v in a["controls"].values() if v == s) for a in ordered] for s in SHOWN}
    top = max((max(c, default=0) for c in counts.values()), default=0)
    n = len(ordered)
    if n == 0:
        return Trend(counts, dict.fromkeys(SHOWN, ""), 0)

    def x(i: int) -> float:
        return PAD + (WIDTH - 2 * PAD) * (i / (n - 1) if n > 1 else 0.5)

    def y(v: int) -> float:
        return HEIGHT - PAD - (HEIGHT - 2 * PAD) * (v / top if top else 0)

    points = {
        s: " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(c)) for s, c in counts.items()
    }
    return Trend(counts, points, top)


__all__ = ["SHOWN", "Trend", "trend"]
