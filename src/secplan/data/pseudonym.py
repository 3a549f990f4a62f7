"""Consistent pseudonyms: the same value maps to the same realistic stand-in, in every file
and every run, under the project key; without the key the mapping cannot be recomputed.

Names are chosen from the name lists by a keyed hash of each name part, so "Maria Gonzalez"
and "Ms. Gonzalez" share a surname. Structured values keep their shape but never their
validity: e-mail addresses move to the reserved ``.example`` domain, IP and MAC addresses to
the documentation ranges, and numbers get digits whose checksums fail, so a later scan does
not mistake a pseudonym for personal data.

>>> p = Pseudonymizer(b"k" * 32)
>>> a = p.pseudonym("Maria Gonzalez", "PERSON")
>>> a == p.pseudonym("Maria Gonzalez", "PERSON"), a != "Maria Gonzalez", len(a.split())
(True, True, 2)
>>> p.pseudonym("ana.silva@mail.pt", "EMAIL_ADDRESS").endswith(".example")
True
>>> p.pseudonym("192.168.10.4", "IP_ADDRESS").startswith(("192.0.2.", "198.51.100.", "203.0.113."))
True
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from functools import lru_cache

from secplan.data import checks
from secplan.data.keys import subkey
from secplan.data.lists import word_lists

_TEST_NETS = ("192.0.2.", "198.51.100.", "203.0.113.")


@lru_cache(maxsize=1)
def _names() -> tuple[list[str], list[str]]:
    lists = word_lists()
    given = [
        n
        for n, r in sorted(lists.given.items(), key=lambda kv: kv[1])[:1500]
        if n not in lists.ambiguous
    ]
    last = [
        n
        for n, r in sorted(lists.surnames.items(), key=lambda kv: kv[1])[:5000]
        if n not in lists.ambiguous
    ]
    return given, last


def _style(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template.islower():
        return word
    return word.capitalize()


class Pseudonymizer:
    def __init__(self, key: bytes) -> None:
        self._key = subkey(key, "pseudonym")
        self.inserted: set[str] = set()  # names handed out (a re-scan counts them apart)

    def _digest(self, *parts: str) -> bytes:
        return hmac.new(self._key, "\x1f".join(parts).encode(), hashlib.sha256).digest()

    def _pick(self, items: list[str], *parts: str) -> str:
        return items[int.from_bytes(self._digest(*parts)[:8], "big") % len(items)]

    def pseudonym(self, value: str, entity: str) -> str:
        maker = _MAKERS.get(entity, Pseudonymizer._shape)
        out = maker(self, value, entity)
        if entity == "PERSON" and len(self.inserted) < 200_000:
            self.inserted.add(out)
        return out

    def _person(self, value: str, entity: str) -> str:
        given, last = _names()
        lists = word_lists()
        words = value.split()
        out = []
        for i, w in enumerate(words):
            key = w.strip(".,").lower()
            if len(key) <= 1 or key in lists.particles:
                out.append(w)
                continue
            is_given = (i == 0 and len(words) > 1) or (
                len(words) == 1 and key in lists.given and key not in lists.surnames
            )
            pool = given if is_given else last
            out.append(_style(w, self._pick(pool, "name", "g" if is_given else "s", key)))
        return " ".join(out)

    def _email(self, value: str, entity: str) -> str:
        given, last = _names()
        g = self._pick(given, "email-g", value.lower())
        s = self._pick(last, "email-s", value.lower())
        n = int.from_bytes(self._digest("email-n", value.lower())[:2], "big") % 100
        return f"{g}.{s}{n}@mail.example"

    def _ip(self, value: str, entity: str) -> str:
        d = self._digest("ip", value)
        if ":" in value:
            return f"2001:db8:{d[0]:x}{d[1]:02x}::{d[2]:x}{d[3]:02x}"
        return f"{_TEST_NETS[d[0] % 3]}{1 + d[1] % 254}"

    def _mac(self, value: str, entity: str) -> str:
        d = self._digest("mac", value.lower())
        sep = "-" if "-" in value else ":"
        return sep.join(["00", "00", "5E", "00", "53", f"{d[0]:02X}"])

    def _url(self, value: str, entity: str) -> str:
        return f"https://site-{self._digest('url', value).hex()[:10]}.example/"

    def _shape(self, value: str, entity: str) -> str:
        """Same shape (digits stay digits, letters letters, separators kept), no valid checksum."""
        check = _VALIDATORS.get(entity)
        for attempt in range(16):
            d = self._digest("shape", entity, value, str(attempt))
            out = []
            for i, c in enumerate(value):
                b = d[i % len(d)] ^ (i // len(d))
                if c.isdigit():
                    out.append(str(b % 10))
                elif c.isalpha():
                    letter = chr(ord("A") + b % 26)
                    out.append(letter if c.isupper() else letter.lower())
                else:
                    out.append(c)
            candidate = "".join(out)
            if candidate != value and (check is None or not check(candidate)):
                return candidate
        return "".join("0" if c.isdigit() else c for c in value)


def _phone_ok(v: str) -> bool:
    from secplan.data.phones import find_phones

    return bool(find_phones(f"phone {v}", threshold=0.3))


def _id_ok(v: str) -> bool:
    return any(check(v) for check in checks.NATIONAL_CHECKS.values())


_VALIDATORS: dict[str, Callable[[str], bool]] = {
    "CREDIT_CARD": lambda v: checks.luhn_ok(checks.digits_of(v)),
    "IBAN_CODE": checks.iban_ok,
    "US_SSN": lambda v: checks.ssn_ok(v) or checks.NATIONAL_CHECKS["us-itin"](v),
    "PHONE_NUMBER": _phone_ok,
    "NATIONAL_ID": _id_ok,
    "CRYPTO": lambda v: checks.btc_ok(v) or checks.eth_ok(v),
}
_MAKERS: dict[str, Callable[[Pseudonymizer, str, str], str]] = {
    "PERSON": Pseudonymizer._person,
    "EMAIL_ADDRESS": Pseudonymizer._email,
    "IP_ADDRESS": Pseudonymizer._ip,
    "MAC_ADDRESS": Pseudonymizer._mac,
    "URL": Pseudonymizer._url,
}
