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

from secplan.data.context import header_words, words_before
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
#: Month names of more languages (Italian, Dutch, Portuguese, Swedish, Turkish, and Polish in
#: the genitive that dates use: "26 czerwca 1992").
for _names in (
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "januari februari maart april mei juni juli augustus september oktober november december",
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "januari februari mars april maj juni juli augusti september oktober november december",
    "ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık",
    "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października "
    "listopada grudnia",
):
    for _i, _m in enumerate(_names.split()):
        _MONTHS.setdefault(_m, _i + 1)
#: Month names written before the day ("March 4, 1990"): the languages above only, so the
#: month-first search, which tries every month at every position, stays short.
_MONTH_FIRST = "|".join(sorted(_MONTHS, key=len, reverse=True))
#: Month names written after the day: Czech and Ukrainian (genitive), Romanian, Finnish
#: (partitive), Hungarian, Indonesian, Swahili, Greek (genitive), Hindi, Thai and Hebrew ("in
#: January").
for _names in (
    "ledna února března dubna května června července srpna září října listopadu prosince",
    "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
    "ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie noiembrie "
    "decembrie",
    "tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta "
    "syyskuuta lokakuuta marraskuuta joulukuuta",
    "január február március április május június július augusztus szeptember október "
    "november december",
    "januari februari maret april mei juni juli agustus september oktober november desember",
    "januari februari machi aprili mei juni julai agosti septemba oktoba novemba desemba",
    "ιανουαρίου φεβρουαρίου μαρτίου απριλίου μαΐου ιουνίου ιουλίου αυγούστου σεπτεμβρίου "
    "οκτωβρίου νοεμβρίου δεκεμβρίου",
    "जनवरी फ़रवरी मार्च अप्रैल मई जून जुलाई अगस्त सितंबर अक्टूबर नवंबर दिसंबर",
    "जनवरी फरवरी मार्च अप्रैल मई जून जुलाई अगस्त सितम्बर अक्तूबर नवम्बर दिसम्बर",
    "जनवरी \u092b\u093c\u0930\u0935\u0930\u0940 मार्च अप्रैल मई जून जुलाई अगस्त सितंबर अक्टूबर नवंबर दिसंबर",
    "มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน กรกฎาคม สิงหาคม กันยายน ตุลาคม พฤศจิกายน ธันวาคม",
    "בינואר בפברואר במרץ באפריל במאי ביוני ביולי באוגוסט בספטמבר באוקטובר בנובמבר בדצמבר",
):
    for _i, _m in enumerate(_names.split()):
        _MONTHS.setdefault(_m, _i + 1)
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_B = r"(?<![\w./:-])"
_E = r"(?![\w/:-]|[.-]\d)"
_NUMERIC = re.compile(_B + r"(\d{1,4})([./-])(\d{1,2})\2(\d{2,4})" + _E)
_WORDY = re.compile(
    _B + rf"(?:(\d{{1,2}})(?:st|nd|rd|th|er)?(?:\.?[ \t]+(?:of[ \t]+|de[ \t]+)?|-)({_MONTH})"
    rf"(?:\.?,?[ \t]+(?:de[ \t]+)?|-)(\d{{4}})"
    rf"|({_MONTH_FIRST})\.?[ \t]+(\d{{1,2}})(?:st|nd|rd|th)?,?[ \t]+(\d{{4}}))" + r"(?![\w])",
    re.IGNORECASE,
)

#: Year, month and day with the East Asian unit signs (1942年7月17日, 2005년 1월 22일) or
#: Hungarian full stops (1968. 05. 15.).
_YMD = re.compile(
    r"(?<!\d)(\d{4})[ \t]?(?:年[ \t]?(\d{1,2})[ \t]?月[ \t]?(\d{1,2})[ \t]?日"
    r"|년[ \t]?(\d{1,2})[ \t]?월[ \t]?(\d{1,2})[ \t]?일"
    r"|\.[ \t]?(\d{1,2})\.[ \t]?(\d{1,2})\.?(?!\d))"
)


#: Hungarian year first with a month name (1947. november 4.) and Vietnamese day, month and
#: year words (ngày 7 tháng 11 năm 1982).
_YEAR_MONTH_DAY = re.compile(
    rf"(?<!\d)(\d{{4}})\.[ \t]+({_MONTH})[ \t]+(\d{{1,2}})\.?(?!\d)", re.IGNORECASE
)
_YEAR_DOT = re.compile(r"\d{4}\.[ \t]")
_VIETNAMESE = re.compile(
    r"(?:ngày[ \t]+)?(?<!\d)(\d{1,2})[ \t]+tháng[ \t]+(\d{1,2})[ \t]+năm[ \t]+(\d{4})(?!\d)",
    re.IGNORECASE,
)
#: Thai dates count years from the Buddha's death, 543 years before the common era.
BUDDHIST_ERA = 543


def _plausible(y: int, m: int, d: int, today: dt.date) -> bool:
    if y < 100:
        y += 1900 if y > today.year % 100 else 2000
    elif y > today.year + BUDDHIST_ERA // 2:
        y -= BUDDHIST_ERA  # 2531 in a Thai date is 1988
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
        for m in _YEAR_MONTH_DAY.finditer(text) if _YEAR_DOT.search(text) else ():
            if _plausible(int(m[1]), _MONTHS[m[2].lower()], int(m[3]), today):
                found.append(m.span())
        if "tháng" in text or "THÁNG" in text or "Tháng" in text:
            for m in _VIETNAMESE.finditer(text):
                if _plausible(int(m[3]), int(m[2]), int(m[1]), today):
                    found.append(m.span())
        if "年" in text or "년" in text or ". " in text or "." in text:
            for m in _YMD.finditer(text):
                g = m.groups()
                month, day = next((g[i], g[i + 1]) for i in (1, 3, 5) if g[i])
                if _plausible(int(g[0]), int(month), int(day), today):
                    found.append(m.span())
    return found


#: A turn of a transcript or a chat: a speaker and a colon at the start of the line.
_TURN = re.compile(r"[ \t]{0,8}(?:\[[^\]\n]{0,24}\][ \t]{0,8})?[^\W\d][\w .'-]{0,30}:[ \t]{0,8}$")


def _asked(text: str, prev: int, start: int) -> set[str]:
    """The words that end the line before, when the date opens a turn of a dialogue: the
    answer to "And the date of birth on the account?"."""
    line = text.rfind("\n", prev, start)
    if line <= prev or _TURN.match(text[line + 1 : start]) is None:
        return set()
    return words_before(text[prev:line], line - prev, 8)


def find_birth_dates(
    text: str, *, threshold: float = 0.5, hint: set[str] | None = None, today: dt.date | None = None
) -> list[Span]:
    """Dates in ``text`` that a birth context marks as dates of birth."""
    words = word_lists().context.get(Entity.DATE_OF_BIRTH, frozenset())
    out: list[Span] = []
    prev = 0
    for start, end in sorted(_dates(text, today or dt.date.today())):
        ctx = words_before(text[prev:], start - prev, 6) | (hint or set())
        ctx |= header_words(text, start) | _asked(text, prev, start)
        prev = end  # a birth word before an earlier date belongs to that date
        if ctx & words and threshold <= 0.85:
            out.append(Span(start, end, Entity.DATE_OF_BIRTH, 0.85))
    return out


#: What may stand between a person's name and the date of birth written after it: "Ms Costa
#: (06/28/1980)", "Elif Aslan, 24/09/1981, 4321 Elm Street".
_DIGIT_SOON = re.compile(r"[ \t]{0,3}[,(][ \t]{0,3}\*?[ \t]{0,3}\d")
_AFTER_NAME = re.compile(r"[ \t]{0,3}[,(][ \t]{0,3}(?:\*[ \t]{0,3})?$")
#: A date written right after a name is a birth date only when it is this many years old:
#: recent dates after a name are meetings, visits and deadlines.
ADULT_YEARS = 16


def birth_dates_after_names(
    text: str, names: list[Span], *, today: dt.date | None = None
) -> list[Span]:
    """Dates written right after a person's name, in parentheses or after a comma, that are
    at least :data:`ADULT_YEARS` years old: a record of a person gives the birth date there."""
    ends = {s.end for s in names if _DIGIT_SOON.match(text, s.end)}
    if not ends:
        return []
    today = today or dt.date.today()
    out = []
    for start, end in _dates(text, today):
        gap = text[max(0, start - 4) : start]
        m = _AFTER_NAME.search(gap)
        if m is None or (start - len(gap) + m.start()) not in ends:
            continue
        year = re.findall(r"\d{4}", text[start:end])
        if year and int(year[-1]) <= today.year - ADULT_YEARS:
            out.append(Span(start, end, Entity.DATE_OF_BIRTH, 0.7))
    return out


def is_date(value: str, today: dt.date | None = None) -> bool:
    """The whole of ``value`` is one calendar date (for judging table columns)."""
    v = value.strip()
    spans = _dates(v, today or dt.date.today())
    return len(spans) == 1 and spans[0] == (0, len(v))
