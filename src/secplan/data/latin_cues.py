"""Names in Latin letters after the labels, honorifics and greetings of Czech, Romanian,
Hungarian, Finnish, Indonesian and Swahili text (``Poplatník:``, ``Pasager:``, ``Utas:``,
``Nimi:``, ``Nama:``, ``Jina:``, ``paní``, ``doamna``, ``Bi.``, ``Kedves``, ``Habari``).

After a label and its colon the name is one to three capitalised words (also ``SURNAME Given``
and ``Surname, Given``); after an honorific or a greeting it is one to three capitalised words.
Either way one of the words must be a given name or surname of the name lists, so a label
before a town or a product names no one. The words are data, in the ``[latin]`` table of
``secplan/catalog/lists/pii_script_names.toml``.

>>> text = "Pasager: POPA Ioana\\nZbor RO301"
>>> [text[a:b] for a, b, _ in find_latin_cue_names(text)]
['POPA Ioana']
>>> find_latin_cue_names("Destinație: Cluj Arena")
[]
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache

from secplan._snapshot import read_source
from secplan.data.context import trie_pattern
from secplan.data.lists import word_lists

_WORD = r"[^\W\d_][^\W\d_'’-]*"
_WORD_RE = re.compile(_WORD)
_SEP = re.compile(r",?[ \t]")


def _alternation(value: str) -> str:
    """Any of the ``|``-separated words of ``value``, the longest first where one begins
    another (a trie: see :func:`~secplan.data.context.trie_pattern`)."""
    return trie_pattern(sorted(w.strip() for w in value.replace("\n", "").split("|") if w.strip()))


@lru_cache(maxsize=1)
def _last_label_words() -> frozenset[str]:
    return frozenset(label.split()[-1] for label in _data()[0])


@lru_cache(maxsize=1)
def _first_cue_words() -> frozenset[str]:
    """The first word of every cue, as ``str.split`` leaves it (``Moi,``, ``paní``)."""
    cues = tomllib.loads(read_source("lists/pii_script_names.toml"))["latin"]["cues"]
    return frozenset(c.split()[0] for c in cues.replace("\n", "").split("|") if c.strip())


@lru_cache(maxsize=1)
def _data() -> tuple[frozenset[str], re.Pattern[str]]:
    doc = tomllib.loads(read_source("lists/pii_script_names.toml"))["latin"]
    labels = frozenset(
        w.strip().lower() for w in doc["labels"].replace("\n", "").split("|") if w.strip()
    )
    # no look-behind at the start: the engine then skips to the first letters of the words
    cue = re.compile(rf"(?:{_alternation(doc['cues'])})[ \t]+")
    return labels, cue


_COLON = re.compile(r":[ \t]*")


def _after_labels(text: str, labels: frozenset[str]) -> list[int]:
    """Where the text after each ``label:`` begins (the one to four words before a colon
    are looked up, not searched for)."""
    out = []
    last = _last_label_words()
    for m in _COLON.finditer(text):
        c = m.start()
        cut = max(text.rfind(" ", max(0, c - 30), c), text.rfind("\n", max(0, c - 30), c))
        if text[cut + 1 : c].lower() not in last:
            continue  # the word before the colon ends no label (12:30, http:)
        line = text.rfind("\n", max(0, m.start() - 40), m.start()) + 1
        words = text[max(line, m.start() - 40) : m.start()].lower().split()
        if any(" ".join(words[-n:]) in labels for n in range(1, min(4, len(words)) + 1)):
            out.append(m.end())
    return out


def _known(word: str) -> bool:
    lists = word_lists()
    w = word.lower().strip(",")
    return w in lists.given or w in lists.surnames


def _name_run(text: str, pos: int, label: bool) -> tuple[int, int] | None:
    """One to three capitalised words at ``text[pos]``; after a label the first may be
    followed by a comma (``Černý, Jiří``). One of them must be a listed name."""
    not_names = word_lists().not_names
    spans: list[tuple[int, int]] = []
    i = pos
    while len(spans) < 3:
        m = _WORD_RE.match(text, i)
        if m is None or not m.group()[0].isupper() or m.group().lower() in not_names:
            break
        spans.append(m.span())
        sep = _SEP.match(text, m.end())
        if sep is None or ("," in sep.group() and not (label and len(spans) == 1)):
            break
        i = sep.end()
    if not spans or not any(_known(text[a:b]) for a, b in spans):
        return None
    lists = word_lists()
    words = [text[a:b].lower() for a, b in spans]
    if any(w in lists.things or w in lists.org_suffixes for w in words):
        return None  # a place, product or company (Cluj Arena, Tata Motors)
    if " ".join(words) in lists.things:
        return None
    return spans[0][0], spans[-1][1]


def find_latin_cue_names(text: str) -> list[tuple[int, int, float]]:
    """(start, end, score) of the names after a label, an honorific or a greeting."""
    labels, cue = _data()
    out: list[tuple[int, int, float]] = []
    if ":" in text:
        for pos in _after_labels(text, labels):
            run = _name_run(text, pos, True)
            if run is not None:
                out.append((*run, 0.8))
    if _first_cue_words().isdisjoint(text.split()):
        return out  # no cue word: the common case, decided without the search below
    for m in cue.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "."):
            continue
        run = _name_run(text, m.end(), False)
        if run is not None:
            out.append((*run, 0.8))
    return out
