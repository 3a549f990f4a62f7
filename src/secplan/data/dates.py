"""Dates of birth: a real calendar date, in a birth context (``born``, ``DOB``, ``date of
birth``, ``geboren``, a column called ``birth_date``). Any other date is not personal data by
itself, so an event date or a log timestamp never counts.

>>> [s.label for s in find_birth_dates("DOB: 14/03/1987, admitted 2026-11-02")]
['DATE_OF_BIRTH']
>>> find_birth_dates("shipped on 14/03/1987")
[]
"""

from __future__ import annotations

import datetime as dt
import re

from secplan.data.context import words_before
from secplan.data.lists import word_lists
from secplan.data.spans import Entity, Span

_MONTHS = {
    **{
        m: i + 1
        for i, m in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ]
        )
    },
    **{
        m: i + 1
        for i, m in enumerate(
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        )
    },
    "sept": 9,
    **{
        m: i + 1
        for i, m in enumerate(
            [
                "januar",
                "februar",
                "märz",
                "april",
                "mai",
                "juni",
                "juli",
                "august",
                "september",
                "oktober",
                "november",
                "dezember",
            ]
        )
    },
    **{
        m: i + 1
        for i, m in enumerate(
            [
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ]
        )
    },
    **{
        m: i + 1
        for i, m in enumerate(
            [
                "enero",
                "febrero",
                "marzo",
                "abril",
                "mayo",
                "junio",
                "julio",
                "agosto",
                "septiembre",
                "octubre",
                "noviembre",
                "diciembre",
            ]
        )
    },
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_B = r"(?<![\w./:-])"
_E = r"(?![\w/:-]|[.-]\d)"
_NUMERIC = re.compile(_B + r"(\d{1,4})([./-])(\d{1,2})\2(\d{2,4})" + _E)
_WORDY = re.compile(
    _B + rf"(?:(\d{{1,2}})(?:st|nd|rd|th|er)?\.?[ \t]+(?:of[ \t]+|de[ \t]+)?({_MONTH})\.?,?[ \t]+"
    rf"(?:de[ \t]+)?(\d{{4}})"
    rf"|({_MONTH})\.?[ \t]+(\d{{1,2}})(?:st|nd|rd|th)?,?[ \t]+(\d{{4}}))" + r"(?![\w])",
    re.IGNORECASE,
)


def _plausible(y: int, m: int, d: int, today: dt.date) -> bool:
    if y < 100:
        y += 1900 if y > today.year % 100 else 2000
    if not 1900 <= y <= today.year:
        return False
    try:
        return dt.date(y, m, d) <= today
    except ValueError:
        return False


def _numeric_ok(a: str, b: str, c: str, today: dt.date) -> bool:
    x, y, z = int(a), int(b), int(c)
    if len(a) == 4:
        return _plausible(x, y, z, today)
    if len(c) not in (2, 4):
        return False
    return _plausible(z, y, x, today) or _plausible(z, x, y, today)  # D/M/Y or M/D/Y


def _dates(text: str, today: dt.date) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    if any(c.isdigit() for c in text):
        for m in _NUMERIC.finditer(text):
            a, _, b, c = m.groups()
            if _numeric_ok(a, b, c, today):
                found.append(m.span())
        for m in _WORDY.finditer(text):
            g = m.groups()
            day, month, year = (g[0], g[1], g[2]) if g[0] else (g[4], g[3], g[5])
            if _plausible(int(year), _MONTHS[month.lower()], int(day), today):
                found.append(m.span())
    return found


def find_birth_dates(
    text: str, *, threshold: float = 0.5, hint: set[str] | None = None, today: dt.date | None = None
) -> list[Span]:
    """Dates in ``text`` that a birth context marks as dates of birth."""
    words = word_lists().context.get(Entity.DATE_OF_BIRTH, frozenset())
    out: list[Span] = []
    prev = 0
    for start, end in sorted(_dates(text, today or dt.date.today())):
        ctx = words_before(text[prev:], start - prev, 6) | (hint or set())
        prev = end  # a birth word before an earlier date belongs to that date
        if ctx & words and threshold <= 0.85:
            out.append(Span(start, end, Entity.DATE_OF_BIRTH, 0.85))
    return out


def is_date(value: str, today: dt.date | None = None) -> bool:
    """The whole of ``value`` is one calendar date (for judging table columns)."""
    v = value.strip()
    spans = _dates(v, today or dt.date.today())
    return len(spans) == 1 and spans[0] == (0, len(v))
