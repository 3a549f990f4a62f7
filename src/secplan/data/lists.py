"""The word lists behind the detectors, loaded once from ``secplan/catalog/lists/pii_*.toml``.

Every list is data with its reason and, for the name lists, its source and licence.

>>> lists = word_lists()
>>> "smith" in lists.surnames and "mary" in lists.given
True
>>> "phone" in lists.context["PHONE_NUMBER"]
True
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from secplan._snapshot import read_source

#: A line of an array of plain strings (no escapes), any number to a line, with comment
#: lines and comments after the values: the form of the long word lists.
_PLAIN = r'"[^"\\\x00-\x08\x0a-\x1f\x7f]*"'
_PLAIN_LINE = re.compile(
    rf"[ \t]*((?:{_PLAIN}(?:[ \t]*,[ \t]*{_PLAIN})*[ \t]*,?)?)[ \t]*(\]?)[ \t]*(?:#[^\n]*)?"
)
_KEY = re.compile(r"[A-Za-z0-9_-]+")
_PLAIN_VALUE = re.compile(r'"([^"]*)"')
_MARK = "\u2063plain-array-"  # stands in for an array while the rest is parsed


def parse_lists(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)``, with the arrays of plain strings that open a line read by
    regular expressions (the TOML parser reads them a character at a time: tens of
    milliseconds on every start of a detector). Everything else, and every array in another
    form, is read by the TOML parser; a test holds both readings of every packaged list
    equal."""
    if _MARK in text or "= [" not in text:
        return tomllib.loads(text)
    lines = text.split("\n")
    out: list[str] = []
    arrays: list[list[str]] = []
    i = 0
    while i < len(lines):
        key, opens, rest = lines[i].partition(" = [")
        end, values = (i, None)
        if opens and _KEY.fullmatch(key):
            end, values = _plain_array(lines, i, rest)
        if values is None:
            out.append(lines[i])
            i += 1
            continue
        out.append(f'{key} = "{_MARK}{len(arrays)}"')
        arrays.append(values)
        i = end + 1
    doc = tomllib.loads("\n".join(out))
    return _unmark(doc, arrays) if arrays else doc


def _plain_array(lines: list[str], first: int, rest: str) -> tuple[int, list[str] | None]:
    """The last line and the values of the array of plain strings opened on ``lines[first]``
    (``rest`` follows its ``[``); no values if it holds anything else."""
    values: list[str] = []
    i, line = first, rest
    while True:
        m = _PLAIN_LINE.fullmatch(line)
        if m is None:
            return first, None
        values += _PLAIN_VALUE.findall(m.group(1))
        if m.group(2):
            return i, values
        i += 1
        if i == len(lines):
            return first, None
        line = lines[i]


def _unmark(node: Any, arrays: list[list[str]]) -> Any:
    if isinstance(node, dict):
        return {k: _unmark(v, arrays) for k, v in node.items()}
    if isinstance(node, list):
        return [_unmark(v, arrays) for v in node]
    if isinstance(node, str) and node.startswith(_MARK):
        return arrays[int(node[len(_MARK) :])]
    return node


def _read(name: str) -> dict[str, Any]:
    text = read_source(f"lists/{name}")
    return parse_lists(text)


@dataclass(frozen=True, slots=True)
class WordLists:
    given: dict[str, int]  # name -> frequency rank (0 = most common)
    surnames: dict[str, int]
    titles: frozenset[str]
    particles: frozenset[str]
    org_suffixes: frozenset[str]
    not_names: frozenset[str]
    ambiguous: frozenset[str]
    street_types: frozenset[str]
    street_prefixes: frozenset[str]
    street_compounds: tuple[str, ...]
    context: dict[str, frozenset[str]]  # entity -> words that raise its score
    negative: frozenset[str]  # words that mark a number as a thing's identifier
    after: dict[str, frozenset[str]]  # entity -> words that follow it and raise its score
    roles: frozenset[str]
    role_mailboxes: frozenset[str]
    health_terms: frozenset[str]
    health_columns: frozenset[str]
    column_hints: tuple[tuple[str, str], ...]  # (name phrase, entity), longest phrase first
    things: frozenset[str]  # countries, places, organisations, products (lower-case)
    brands: frozenset[str]  # organisations and products (no places)
    models: frozenset[str]  # model names that follow a brand (Porsche Cayenne)


def _words(doc: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in doc[key]["words"])


#: Rank given to names known only from the world lists (which carry no frequency): after
#: every name of the frequency-ranked lists, so a rank test ("a common surname") ignores them.
WORLD_RANK = 100_000


def _ranked(ranked: list[str], world: list[str]) -> dict[str, int]:
    out = {n: i for i, n in enumerate(ranked)}
    for n in world:
        out.setdefault(n, WORLD_RANK)
    return out


@lru_cache(maxsize=1)
def word_lists() -> WordLists:
    given = _read("pii_given_names.toml")["names"]["given"]
    surnames = _read("pii_surnames.toml")["names"]["surnames"]
    world = _read("pii_world_names.toml")["names"]
    extra = _read("pii_names_extra.toml")["names"]
    words = _read("pii_words.toml")
    ctx = _read("pii_context.toml")
    health = _read("pii_health.toml")
    things_doc = _read("pii_things.toml")
    things = frozenset(
        w.lower()
        for key in (
            "countries",
            "places",
            "demonyms",
            "units",
            "organisations",
            "products",
            "eponymous",
            "us_states_and_cities",
        )
        for w in things_doc[key]["words"]
    )
    brands = frozenset(
        w.lower()
        for key in ("organisations", "products", "eponymous")
        for w in things_doc[key]["words"]
    )
    hints = [
        (name.lower(), entry["entity"])
        for entry in _read("pii_columns.toml")["hint"]
        for name in entry["names"]
    ]
    context: dict[str, set[str]] = {}
    for entry in ctx["context"]:
        context.setdefault(entry["entity"], set()).update(w.lower() for w in entry["words"])
    after: dict[str, set[str]] = {}
    for entry in ctx.get("after", []):
        after.setdefault(entry["entity"], set()).update(w.lower() for w in entry["words"])
    negative: set[str] = set()
    for entry in ctx["negative"]:
        negative.update(w.lower() for w in entry["words"])
    return WordLists(
        given=_ranked(given, world["given"].split() + extra["given"].split()),
        surnames=_ranked(surnames, world["surnames"].split() + extra["surnames"].split()),
        titles=_words(words, "titles"),
        particles=_words(words, "particles"),
        org_suffixes=_words(words, "organisation_suffixes"),
        not_names=_words(words, "not_names"),
        ambiguous=_words(words, "ambiguous_names"),
        street_types=_words(words, "street_types"),
        street_prefixes=_words(words, "street_prefixes"),
        street_compounds=tuple(sorted(_words(words, "street_compounds"), key=len, reverse=True)),
        context={k: frozenset(v) for k, v in context.items()},
        negative=frozenset(negative),
        after={k: frozenset(v) for k, v in after.items()},
        roles=_words(words, "roles"),
        role_mailboxes=_words(words, "role_mailboxes"),
        health_terms=_words(health, "terms"),
        health_columns=_words(health, "columns"),
        column_hints=tuple(sorted(hints, key=lambda h: -len(h[0]))),
        things=things,
        brands=brands,
        models=_words(things_doc, "vehicles"),
    )
