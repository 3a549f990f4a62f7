"""Telephone numbers: a loose candidate expression, then the ``phonenumbers`` library (the
numbering plans of every country) decides whether the digits form a valid number.

International numbers (``+44 20 7946 0958``, ``0049 30 1234567``) are checked against their
country; national ones against the plans of the regions that write numbers that way.

>>> [s.score for s in find_phones("call +44 20 7946 0018 or 020 7946 0018")]
[0.99, 0.65]
>>> find_phones("order 2026-11-30 build 4.12.7 ticket 8675309")
[]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import phonenumbers

from secplan.data.context import header_words, near_words, nearest_is_negative, words_before
from secplan.data.lists import word_lists
from secplan.data.spans import Entity, Span

_CANDIDATE = re.compile(
    r"(?<![\w+/.%-])(?:\+|00|011)?[ \t]?\(?\d[\d \t().\-/]{5,22}\d"
    r"(?:[ \t]*(?:x|ext\.?|extension|#)[ \t]*\d{1,6})?(?![\w/-]|\.\d|:\d)"
)
_EXT = re.compile(r"[ \t]*(?:x|ext\.?|extension|#)[ \t]*\d{1,6}$", re.IGNORECASE)
_DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
#: A decimal number ("0.4483", "27.35"): one dot between digits. Numbering plans write
#: dotted numbers in three or more groups (01.23.45.67.89, 555.123.4567), never in two, so a
#: candidate holding such a token is a run of measurements or table cells, not a phone.
_FLOAT = re.compile(r"^\(?\d+\.\d+\)?$")
_TRUNK_REGIONS = ("GB", "DE", "FR", "NL", "BE", "AT", "CH", "IE", "SE", "FI", "IT", "AU", "NZ")
_PLAIN_REGIONS = ("US", "CA", "ES", "IT", "PL", "PT", "DK", "NO", "GR")


def _regions(digits: str) -> tuple[str, ...]:
    if digits.startswith("0"):
        return _TRUNK_REGIONS
    if len(digits) == 10 and digits[0] in "23456789" and digits[3] in "23456789":
        return ("US", "CA")
    if len(digits) == 11 and digits.startswith("1"):
        return ("US", "CA")
    return _PLAIN_REGIONS


_NATIONAL_SHAPE = re.compile(
    r"^(?:0|\(|\d{3}[-. ]\d{3}[-. ]\d{3,4}$|\d{2,3}[-. ]\d{3,4}[-. ]\d{4}$"
    r"|\d{2,3}(?:[-. ]\d{2}){3,4}$"  # 612 34 56 78 (Spain), 40 76 66 51 (Denmark)
    r"|8 ?\(\d{3,5}\) ?\d{1,3}(?:-\d{2}){2}$)"  # 8 (812) 123-45-67 (Russia's trunk prefix 8)
)
#: 12 345 67 89 (a Polish landline): a shape that other numbers share, so a telephone only
#: after a telephone word.
_SAID_SHAPE = re.compile(r"^\d{2} \d{3} \d{2} \d{2}$")
#: Regions tried when a national number fits none of the usual ones, and the text says it is
#: a telephone number (a phone word before it) or it is written with an area code in
#: brackets: Latin America, Turkey, India and the European plans.
_FALLBACK_REGIONS = (
    "BR", "AR", "MX", "CO", "CL", "PE", "TR", "IN", "DK", "SE", "NO", "FI", "FR", "ES", "PT",
    "PL", "DE", "NL", "BE", "IT", "GB", "AT", "CH", "IE", "GR", "CZ", "RO", "US", "RU",
)  # fmt: skip
#: A Brazilian postcode (01310-100), not a telephone number.
_CEP = re.compile(r"^\d{5}-\d{3}$")


def _parses(text: str, regions: tuple[str | None, ...]) -> bool:
    digits = re.sub(r"\D", "", text)
    if not 7 <= len(digits) <= 15 or len(set(digits)) < 3:
        return False
    for region in regions:
        try:
            parsed = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return True
    return False


@lru_cache(maxsize=65536)
def _valid(number: str) -> tuple[bool, bool]:
    """(valid, international) for one candidate string. ``00`` and ``011`` are exit codes,
    but ``011`` also starts UK area codes (0113 is Leeds): both readings are tried."""
    if number.startswith("+"):
        return _parses(number, (None,)), True
    if number.startswith("011") and _parses("+" + number[3:], (None,)):
        return True, True
    if number.startswith("00") and not number.startswith("011"):
        return _parses("+" + number[2:], (None,)), True
    return _parses(number, _regions(re.sub(r"\D", "", number))), False


@lru_cache(maxsize=65536)
def _fallback(number: str) -> bool:
    return _parses(number, _FALLBACK_REGIONS)


def _base(number: str, intl: bool) -> float:
    if intl:
        return 0.85
    if re.search(r"[ ().\-]", number.strip()):
        return 0.65
    return 0.35


def find_phones(
    text: str,
    *,
    threshold: float = 0.5,
    hint: set[str] | None = None,
    blocked: Callable[[int, int], bool] | None = None,
) -> list[Span]:
    """Valid telephone numbers; ``blocked(start, end)`` rules out regions (timestamps, ids)."""
    lists = word_lists()
    ctx_words = lists.context.get(Entity.PHONE_NUMBER, frozenset())
    out: list[Span] = []

    def judge(raw: str, start: int) -> Span | None:
        number = _EXT.sub("", raw.strip()).rstrip(" -./(")
        if number.startswith("(") and ")" not in number:  # "(0113 230 8291)": the brackets
            number, raw, start = number[1:], raw.strip()[1:], start + 1  # enclose the number
        if _DATE_LIKE.match(number.replace(" ", "")) or number.count("(") != number.count(")"):
            return None
        if _CEP.match(number):
            return None
        if "." in number and any(_FLOAT.match(t) for t in number.split()):
            return None
        if blocked is not None and blocked(start, start + len(number)):
            return None
        intl = number.startswith(("+", "00", "011"))
        said_shape = not intl and _SAID_SHAPE.match(number) is not None
        if not intl and not (_NATIONAL_SHAPE.match(number) or said_shape or number.isdigit()):
            return None
        if text[start - 1 : start] == "〒":
            return None  # a Japanese postcode
        ctx = words_before(text, start) | (hint or set()) | header_words(text, start)
        score = _base(number, intl)
        # "TEL 0201 ...\nTRACKING 3143...": the nearest word decides
        said = bool(ctx & ctx_words) and not nearest_is_negative(
            text, start, lists.negative, ctx_words
        )
        if said_shape and not said:
            return None
        if said:
            score += 0.3
        elif (near_words(text, start) | (hint or set())) & lists.negative:
            score -= 0.45
        if score < threshold:
            return None
        if not _valid(number)[0] and (
            intl or not (said or number.startswith("(")) or not _fallback(number)
        ):
            return None
        return Span(
            start, start + len(raw.strip()), Entity.PHONE_NUMBER, round(min(score, 0.99), 2)
        )

    for m in _CANDIDATE.finditer(text):
        raw = m.group()
        start = m.start() + len(raw) - len(raw.lstrip())
        found = judge(raw, start)
        if found is None:
            # a number run straight into other digits ("+44 20 7946 0018 4539 1488 ..."):
            # the longest prefix, at a space, that is a valid number on its own
            body = raw.strip()
            cuts = [g.start() for g in re.finditer(r" ", body)]
            for cut in reversed(cuts):
                found = judge(body[:cut], start)
                if found is not None:
                    break
        if found is not None:
            out.append(found)
    return out
