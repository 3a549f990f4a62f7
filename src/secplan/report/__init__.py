"""Reporters: pure functions from an :class:`~secplan.engine.Assessment` to text.

No reporter prints, writes files or reads the clock; the run metadata carries the time.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from secplan.engine import Assessment
from secplan.report.html import render_html
from secplan.report.json import render_json
from secplan.report.junit import render_junit
from secplan.report.sarif import render_sarif
from secplan.report.table import render_table


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    SARIF = "sarif"
    HTML = "html"
    JUNIT = "junit"


def renderer(fmt: Format, *, color: bool = False, width: int = 120) -> Callable[[Assessment], str]:
    match fmt:
        case Format.TABLE:
            return lambda a: render_table(a, color=color, width=width)
        case Format.JSON:
            return render_json
        case Format.SARIF:
            return render_sarif
        case Format.HTML:
            return render_html
        case Format.JUNIT:
            return render_junit


__all__ = [
    "Format",
    "render_html",
    "render_json",
    "render_junit",
    "render_sarif",
    "render_table",
    "renderer",
]
