"""Fast checks for cells of typed columns: is this whole cell a value of the column's type?

A column judged to hold one entity type has most cells checked with that type's validator
alone (a regular expression and a checksum), which is far cheaper than the full detector;
cells that fail go to the full detector, so odd cells are still found.

>>> typed_span("ana@mail.pt", "EMAIL_ADDRESS", "email")
Span(start=0, end=11, label='EMAIL_ADDRESS', score=0.9)
>>> typed_span("4539 1488 0343 6468", "CREDIT_CARD", "card") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Callable

from secplan.data import checks
from secplan.data.address import find_addresses
from secplan.data.context import hint_words
from secplan.data.dates import is_date
from secplan.data.lists import word_lists
from secplan.data.names import find_names
from secplan.data.patterns import EMAIL, MAC, URL
from secplan.data.phones import _valid as phone_valid
from secplan.data.spans import Entity, Span

_CARD_SHAPE = re.compile(r"^\d[\d -]{11,22}\d$")
_SSN_SHAPE = re.compile(r"^\d{3}([- ]?)\d{2}\1\d{4}$")
_PHONE_SHAPE = re.compile(r"^(?:\+|00)?[\d ().\-/]{6,24}\d(?:\s*(?:x|ext\.?)\s*\d{1,6})?$")
_PASSPORT_SHAPE = re.compile(r"^(?=[A-Z0-9]{0,8}\d)[A-Z0-9]{6,9}$")


def _phone(v: str) -> bool:
    return bool(_PHONE_SHAPE.match(v)) and phone_valid(re.sub(r"\s*(?:x|ext\.?)\s*\d+$", "", v))[0]


def _national(v: str) -> bool:
    return any(check(v) for check in checks.NATIONAL_CHECKS.values())


_WHOLE: dict[str, Callable[[str], bool]] = {
    Entity.EMAIL_ADDRESS: lambda v: (
        EMAIL.regex.fullmatch(v) is not None and bool(EMAIL.validate and EMAIL.validate(v))
    ),
    Entity.IP_ADDRESS: checks.ip_ok,
    Entity.CREDIT_CARD: lambda v: bool(_CARD_SHAPE.match(v)) and checks.card_ok(v),
    Entity.IBAN_CODE: checks.iban_ok,
    Entity.US_SSN: lambda v: bool(_SSN_SHAPE.match(v)) and checks.ssn_ok(v),
    Entity.MAC_ADDRESS: lambda v: MAC.regex.fullmatch(v) is not None and checks.mac_ok(v),
    Entity.URL: lambda v: URL.regex.fullmatch(v) is not None,
    Entity.CRYPTO: lambda v: checks.btc_ok(v) or checks.eth_ok(v),
    Entity.PHONE_NUMBER: _phone,
    Entity.NATIONAL_ID: _national,
    Entity.PASSPORT: lambda v: bool(_PASSPORT_SHAPE.match(v)),
    Entity.DATE_OF_BIRTH: is_date,
}


_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]*(?:['’.-][^\W\d_]*)*\.?$")
_WORDS = re.compile(r"[^\W\d_]+(?:[.'’-][^\W\d_]+)*\.?")


def _person(v: str) -> bool:
    """2 to 5 capitalised words (particles allowed), one of them in the name lists."""
    lists = word_lists()
    words = v.split()
    if not 2 <= len(words) <= 5:
        return False
    known = False
    for w in words:
        key = w.lower().strip(".,")
        if key in lists.particles:
            continue
        if not _NAME_TOKEN.match(w) or key in lists.not_names:
            return False
        known = known or key in lists.given or key in lists.surnames
    return known


def _address(v: str) -> bool:
    """A house number, two or more words and a street type, in any of the usual orders."""
    lists = word_lists()
    if not any(c.isdigit() for c in v):
        return False
    words = [w.lower() for w in _WORDS.findall(v)]
    if len(words) < 2:
        return False
    if any(w in lists.street_types or w in lists.street_prefixes for w in words):
        return True
    return any(w.endswith(lists.street_compounds) for w in words)


def typed_span(value: str, entity: str, hint: str) -> Span | None:
    """A span over the whole (stripped) cell when it is a value of ``entity``, else None."""
    v = value.strip()
    if not v:
        return None
    start = value.index(v[0])
    check = _WHOLE.get(entity)
    if check is not None:
        return Span(start, start + len(v), entity, 0.9) if check(v) else None
    if entity == Entity.PERSON:
        if _person(v):
            return Span(start, start + len(v), entity, 0.85)
        spans = find_names(value, hint=hint)
    elif entity == Entity.STREET_ADDRESS:
        if _address(v):
            return Span(start, start + len(v), entity, 0.8)
        spans = find_addresses(value, hint=hint_words(hint))
    else:
        return None
    if spans and spans[0].end - spans[0].start >= 0.7 * len(v):
        return spans[0]
    return None
