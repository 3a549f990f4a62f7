"""Reporters: pure functions from an :class:`~secplan.engine.Assessment` to text.

No reporter prints, writes files or reads the clock; the run metadata carries the time.
Each reporter's module loads when it is first used: the template engine only for HTML, the
terminal library only for the table.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
            from secplan.report.table import render_table

            return lambda a: render_table(a, color=color, width=width)
        case Format.JSON:
            from secplan.report.json import render_json

            return render_json
        case Format.SARIF:
            from secplan.report.sarif import render_sarif

            return render_sarif
        case Format.HTML:
            from secplan.report.html import render_html

            return render_html
        case Format.JUNIT:
            from secplan.report.junit import render_junit

            return render_junit


_WHERE = {
    "render_html": "html",
    "render_json": "json",
    "render_junit": "junit",
    "render_sarif": "sarif",
    "render_table": "table",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Format",
    "render_html",
    "render_json",
    "render_junit",
    "render_sarif",
    "render_table",
    "renderer",
]
