"""The anonymization operators, applied to a whole value (a column rule) or to the detected
spans inside a text (entity rules).

>>> from secplan.data.keys import StaticKeySource
>>> from secplan.data.policy import Policy, Rule
>>> t = Transformer(Policy(), StaticKeySource(b"k" * 32))
>>> t.apply(Rule(action="mask", keep=4), "4539 1488 0343 6467", "CREDIT_CARD")
'**** **** **** 6467'
>>> t.apply(Rule(action="generalize", to="year"), "1987-03-14", "DATE_OF_BIRTH")
'1987'
>>> t.apply(Rule(action="generalize", band=10), "37", "")
'30-39'
>>> t.apply(Rule(action="generalize", keep=3), "10115", "")
'101**'
>>> t.apply(Rule(action="tag"), "Maria", "PERSON")
'<PERSON>'
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
from collections import Counter

from secplan.data.keys import KeySource, subkey
from secplan.data.policy import Policy, Rule
from secplan.data.pseudonym import Pseudonymizer
from secplan.data.spans import Span
from secplan.data.vault import TokenVault

_ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[T ].*+)?\s*$")
_DMY = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$")
_YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_BAND = re.compile(r"^-?\d+(?:\.\d+)?--?\d+(?:\.\d+)?$")


def generalize_date(value: str, to: str) -> str | None:
    """``1987-03-14`` -> ``1987`` (year), ``1987-03`` (month) or ``1980s`` (decade)."""
    year: int | None = None
    month: int | None = None
    if m := _ISO.match(value):
        year, month = int(m.group(1)), int(m.group(2))
    elif m := _DMY.match(value):
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        month = b if a > 12 else a if b > 12 else None  # D/M/Y, M/D/Y, or ambiguous
    elif m := _YEAR.search(value):
        year = int(m.group(1))
        lower = value.lower()
        month = next((i + 1 for i, n in enumerate(_MONTHS) if n in lower), None)
    if year is None:
        return None
    if to == "decade":
        return f"{year // 10 * 10}s"
    if to == "month" and month is not None and 1 <= month <= 12:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}"


def generalize_number(value: str, band: float) -> str | None:
    v = value.strip()
    if _BAND.match(v):
        return v  # already a band
    try:
        x = float(v.replace(",", ""))
    except ValueError:
        return None
    if not math.isfinite(x):
        return None
    lo = math.floor(x / band) * band
    if float(band).is_integer():
        return f"{int(lo)}-{int(lo + band - 1)}"
    return f"{lo:g}-{lo + band:g}"


def truncate(value: str, keep: int, char: str = "*") -> str:
    v = value.strip()
    return v[:keep] + char * max(0, len(v) - keep)


def mask_value(value: str, keep: int, char: str = "*") -> str:
    """Every letter and digit but the last ``keep`` replaced; separators stay."""
    positions = [i for i, c in enumerate(value) if c.isalnum()]
    kept = set(positions[-keep:]) if keep else set()
    return "".join(c if (i in kept or not c.isalnum()) else char for i, c in enumerate(value))


class Transformer:
    """Applies a policy's rules; counts what it changed (by entity type or column)."""

    def __init__(self, policy: Policy, keys: KeySource, vault: TokenVault | None = None) -> None:
        key = keys.data_key(policy.key)
        self.policy = policy
        self._hash_key = subkey(key, "hash")
        self.pseudonyms = Pseudonymizer(key)
        self.vault = vault
        self.changed: Counter[str] = Counter()

    def apply(self, rule: Rule, value: str, entity: str) -> str | None:
        """The new value; ``None`` drops it (a column rule ``drop``)."""
        a = rule.action
        if a == "keep":
            return value
        if a == "drop":
            return None
        if a == "redact":
            return ""
        if a == "mask":
            return mask_value(value, 2 if rule.keep is None else rule.keep, rule.char)
        if a == "tag":
            return f"<{entity or 'REDACTED'}>"
        if a == "hash":
            digest = hmac.new(self._hash_key, f"{entity}\x1f{value}".encode(), hashlib.sha256)
            return f"HASH_{digest.hexdigest()[: rule.length]}"
        if a == "tokenize":
            if self.vault is None:
                raise RuntimeError("tokenize needs a vault")
            return self.vault.tokenize(value, entity or "VALUE")
        if a == "pseudonym":
            return self.pseudonyms.pseudonym(value, entity)
        return self._generalize(rule, value, entity)

    def _generalize(self, rule: Rule, value: str, entity: str) -> str:
        out: str | None = None
        if rule.to is not None:
            out = generalize_date(value, rule.to)
        elif rule.band is not None:
            out = generalize_number(value, rule.band)
        elif rule.keep is not None:
            out = truncate(value, rule.keep, rule.char)
        return out if out is not None else f"<{entity or 'REDACTED'}>"

    def column(self, rule: Rule, value: str, column: str) -> str | None:
        if not value:
            return value
        out = self.apply(rule, value, "")
        if out != value:
            self.changed[f"column:{column}"] += 1
        return out

    def text(self, value: str, spans: list[Span]) -> str:
        """``value`` with each span replaced as its entity's rule says."""
        pieces: list[str] = []
        pos = 0
        for s in sorted(spans):
            if s.start < pos:
                continue
            new = self.apply(self.policy.for_entity(s.label), value[s.start : s.end], s.label)
            pieces.append(value[pos : s.start])
            pieces.append(new or "")
            pos = s.end
            self.changed[s.label] += 1
        pieces.append(value[pos:])
        return "".join(pieces)
