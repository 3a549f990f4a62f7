"""Entity types, detected spans and how overlapping spans are resolved.

>>> a = Span(0, 5, "PERSON", 0.6)
>>> b = Span(2, 9, "EMAIL_ADDRESS", 0.9)
>>> [s.label for s in resolve([a, b])]
['EMAIL_ADDRESS']
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from enum import StrEnum


class Entity(StrEnum):
    """The entity types the detectors know (names follow Presidio's where they overlap)."""

    PERSON = "PERSON"
    EMAIL_ADDRESS = "EMAIL_ADDRESS"
    PHONE_NUMBER = "PHONE_NUMBER"
    CREDIT_CARD = "CREDIT_CARD"
    IBAN_CODE = "IBAN_CODE"
    US_SSN = "US_SSN"
    IP_ADDRESS = "IP_ADDRESS"
    MAC_ADDRESS = "MAC_ADDRESS"
    URL = "URL"
    DATE_OF_BIRTH = "DATE_OF_BIRTH"
    STREET_ADDRESS = "STREET_ADDRESS"
    PASSPORT = "PASSPORT"
    NATIONAL_ID = "NATIONAL_ID"
    CRYPTO = "CRYPTO"
    API_KEY = "API_KEY"
    HEALTH = "HEALTH"  # a special category: health terms next to personal data

    @property
    def restricted(self) -> bool:
        """Special categories and identifiers whose leak causes direct harm."""
        return self in _RESTRICTED


#: The entity types reported unless a caller asks for others (HEALTH only feeds classification).
DEFAULT_ENTITIES = frozenset(e.value for e in Entity if e is not Entity.HEALTH)


_RESTRICTED = frozenset(
    {
        Entity.CREDIT_CARD,
        Entity.IBAN_CODE,
        Entity.US_SSN,
        Entity.PASSPORT,
        Entity.NATIONAL_ID,
        Entity.HEALTH,
        Entity.API_KEY,
    }
)

#: When two spans overlap, the one whose type has the higher priority wins; ties go to the
#: higher score, then to the longer span. Checksummed identifiers beat free-form guesses.
PRIORITY: dict[str, int] = {
    Entity.API_KEY: 95,
    Entity.CREDIT_CARD: 90,
    Entity.IBAN_CODE: 90,
    Entity.CRYPTO: 90,
    Entity.US_SSN: 85,
    Entity.NATIONAL_ID: 80,
    Entity.PASSPORT: 75,
    Entity.EMAIL_ADDRESS: 85,
    Entity.URL: 96,  # only URLs that carry a password are reported
    Entity.IP_ADDRESS: 70,
    Entity.MAC_ADDRESS: 70,
    Entity.PHONE_NUMBER: 50,
    Entity.DATE_OF_BIRTH: 55,
    Entity.STREET_ADDRESS: 40,
    Entity.PERSON: 30,
    Entity.HEALTH: 20,
}


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A detected entity: ``text[start:end]`` is of type ``label`` with confidence ``score``."""

    start: int
    end: int
    label: str
    score: float

    def __post_init__(self) -> None:
        if type(self.label) is not str:  # an Entity member: keep the plain string
            object.__setattr__(self, "label", str(self.label))

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def as_json(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "score": round(self.score, 2),
        }


def _rank(s: Span) -> tuple[int, float, int]:
    return (PRIORITY.get(s.label, 0), s.score, s.end - s.start)


def resolve(spans: list[Span]) -> list[Span]:
    """Non-overlapping spans, the best of each overlapping group kept, sorted by position.

    An e-mail address wins over a URL or person name inside it; a span contained in a longer
    span of the same type disappears.
    """
    if len(spans) <= 1:
        return list(spans)
    # the kept spans never overlap, so ordered by (start, end) their ends rise too: a new span
    # can only overlap the last kept span that starts before it ends (n log n, not n squared)
    keys: list[tuple[int, int]] = []
    kept: list[Span] = []
    for s in sorted(spans, key=_rank, reverse=True):
        i = bisect.bisect_left(keys, (s.end, -1))
        if i and kept[i - 1].end > s.start:
            continue
        j = bisect.bisect_left(keys, (s.start, s.end))
        keys.insert(j, (s.start, s.end))
        kept.insert(j, s)
    kept.sort()
    return kept
