"""Masked forms of detected values, for reports: enough to recognise the kind and check a
finding, never enough to recover the value.

>>> mask("ana.silva@mail.pt", "EMAIL_ADDRESS")
'a***@m***.pt'
>>> mask("4539 1488 0343 6467", "CREDIT_CARD")
'**** **** **** 6467'
>>> mask("Maria Gonzalez", "PERSON")
'M**** G*******'
>>> mask("192.168.10.4", "IP_ADDRESS")
'192.*.*.*'
"""

from __future__ import annotations

import re

_ALNUM = re.compile(r"[^\W_]")


def _keep_last(value: str, n: int) -> str:
    positions = [m.start() for m in _ALNUM.finditer(value)]
    keep = set(positions[-n:]) if n else set()
    if len(positions) <= n * 2:  # a short value would be mostly revealed
        keep = set()
    return "".join(c if (i in keep or not (c.isalnum())) else "*" for i, c in enumerate(value))


def _word(w: str) -> str:
    return w[:1] + "*" * (len(w) - 1) if w else w


def mask(value: str, entity: str) -> str:
    """``value`` with all but a few characters replaced by ``*`` (at most 60 characters)."""
    v = value.strip()[:200]
    if entity == "EMAIL_ADDRESS" and "@" in v:
        local, _, domain = v.rpartition("@")
        host, _, tld = domain.rpartition(".")
        return f"{local[:1]}***@{host[:1]}***.{tld}"[:60]
    if entity == "CREDIT_CARD":
        return _keep_last(v, 4)[:60]
    if entity in ("PERSON", "STREET_ADDRESS"):
        return " ".join(_word(w) for w in v.split())[:60]
    if entity == "IP_ADDRESS":
        sep = "." if "." in v else ":"
        head = v.split(sep)[0]
        return f"{head}{sep}*{sep}*{sep}*"
    if entity == "URL":
        scheme, sep, rest = v.partition("://")
        return (scheme + sep if sep else "") + (rest if sep else v)[:3] + "***"
    if entity == "API_KEY":
        return v[:4] + "…" + f"({len(v)} chars)"
    return _keep_last(v, 2)[:60]
