"""Context: the few words before a candidate, as a set of words and short phrases.

>>> words = words_before("please call me at ", 18)
>>> "call" in words and "call me" in words
True
>>> sorted(words_before("Date of Birth: ", 15) & {"date of birth", "birth"})
['birth', 'date of birth']
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

_TOKEN = re.compile(r"[^\s:;,()\[\]{}\"=<>|/\\*：，。、；（）【】「」『』]+")
#: The same for text without a letter outside ASCII (most windows): a character set of
#: ASCII only is tested faster than one with the CJK punctuation marks.
_ASCII_TOKEN = re.compile(r"[^\s:;,()\[\]{}\"=<>|/\\*]+")
#: How far back (characters, then words) context is looked for.
WINDOW_CHARS = 48
WINDOW_WORDS = 5


def phrases(tokens: list[str]) -> set[str]:
    """Words (also without trailing dots and hashes) and the 2- and 3-word phrases they form."""
    clean = [t.strip(".#'-") or t for t in tokens]
    out = set(tokens)
    out.update(clean)
    if len(clean) > 1:
        out.update(map(" ".join, itertools.pairwise(clean)))
        out.update(map(" ".join, zip(clean, clean[1:], clean[2:], strict=False)))
    return out


def tokens_before(text: str, start: int) -> list[str]:
    """The lower-cased tokens of the context window before ``text[start]``."""
    window = text[max(0, start - WINDOW_CHARS) : start].lower()
    tokens: list[str] = (_ASCII_TOKEN if window.isascii() else _TOKEN).findall(window)
    if start - WINDOW_CHARS > 0 and tokens and not window[:1].isspace():
        tokens = tokens[1:]  # the first token may be cut by the window
    return tokens


def words_before(text: str, start: int, words: int = WINDOW_WORDS) -> set[str]:
    """Context words in the ``words`` words before ``text[start]`` (lower-cased)."""
    return phrases(tokens_before(text, start)[-words:])


#: A negative word counts only right before a candidate ("order 12345", not "order ...; call").
NEGATIVE_WORDS = 2


def near_words(text: str, start: int) -> set[str]:
    """The words right before ``text[start]``, for negative context."""
    return words_before(text, start, NEGATIVE_WORDS)


def nearest_is_negative(
    text: str, start: int, negative: frozenset[str], words: frozenset[str]
) -> bool:
    """Whether the one word right before ``text[start]`` is a negative word and not one of
    ``words``: the nearest word decides between a context word further back and a negative
    one close by ("TEL 0201 ...\\nTRACKING 3143...")."""
    nearest = words_before(text, start, 1)
    return bool(nearest & negative) and not nearest & words


@lru_cache(maxsize=4096)
def _hint_words(hint: str) -> frozenset[str]:
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", hint)
    tokens = [t for t in re.split(r"[\s_.\-/]+", spaced.lower()) if t]
    return frozenset(phrases(tokens) | {hint.lower()})


def hint_words(hint: str) -> set[str]:
    """Context from a column or field name: ``customer_phone`` gives customer, phone, ..."""
    return set(_hint_words(hint))


_Trie = dict[str, "_Trie"]


def trie_pattern(words: list[str]) -> str:
    """A regular expression that matches any of ``words``, as a trie of their characters: a
    flat alternation of hundreds of words is tried word by word at every position, a trie
    reads each character once."""
    trie: _Trie = {}
    for w in words:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def walk(node: _Trie) -> str:
        end = "" in node
        branches = [re.escape(c) + walk(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return walk(trie)


def _alternation(words: frozenset[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{trie_pattern(sorted(words))})(?!\w)")


_RUN = re.compile(r"\w+")


class _Words:
    """An entity's context words as the words of a text can rule them in or out: a word of
    word characters alone is in the text exactly when one of the text's runs of word
    characters is that word; a longer word (``date of birth``, ``tel.``, ``ss#``) only when
    each of its runs is one of the text's runs."""

    def __init__(self, words: frozenset[str]) -> None:
        self.simple = frozenset(w for w in words if _RUN.fullmatch(w))
        self.always = not words  # (an empty list's pattern matches between two non-words)
        self.longer: dict[str, list[list[str]]] = {}  # first run -> the other runs, per word
        for w in words - self.simple:
            runs = _RUN.findall(w)
            if not runs:
                self.always = True
            else:
                self.longer.setdefault(runs[0], []).append(runs[1:])
        self.firsts = frozenset(self.longer)

    def may_hold(self, firsts: frozenset[str], runs: set[str]) -> bool:
        """Whether a text with these runs of word characters may hold a longer word
        (``firsts``: those of its runs that open a longer word of any entity)."""
        if self.always:
            return True
        return bool(firsts) and any(
            all(r in runs for r in rest)
            for first in self.firsts.intersection(firsts)
            for rest in self.longer[first]
        )


class ContextIndex:
    """Which entity types have a context word anywhere in a text: recognizers that need
    context skip texts without any (the common case, and a large saving on big inputs).
    The text's runs of word characters answer for most words (:class:`_Words`); an
    entity's pattern is searched only where they leave a longer word possible."""

    def __init__(self, context: dict[str, frozenset[str]]) -> None:
        self._patterns = {entity: _alternation(words) for entity, words in context.items()}
        self._words = {entity: _Words(words) for entity, words in context.items()}
        self._owners: dict[str, set[str]] = {}  # a word of word characters -> its entities
        for entity, w in self._words.items():
            for word in w.simple:
                self._owners.setdefault(word, set()).add(entity)
        self._simple = frozenset(self._owners)
        self._firsts = frozenset().union(*(w.firsts for w in self._words.values()))
        self._hinted: dict[frozenset[str], frozenset[str]] = {}

    def _from_hints(self, hints: set[str]) -> frozenset[str]:
        key = frozenset(hints)
        found = self._hinted.get(key)
        if found is None:
            found = frozenset(
                e for e, p in self._patterns.items() if any(p.fullmatch(h) for h in hints)
            )
            if len(self._hinted) < 4096:
                self._hinted[key] = found
        return found

    def present(self, text: str, hints: set[str]) -> frozenset[str]:
        lower = text.lower().replace("_", " ")  # passport_no, date_of_birth
        found = set(self._from_hints(hints)) if hints else set()
        runs = set(_RUN.findall(lower))
        for word in self._simple.intersection(runs):
            found.update(self._owners[word])
        firsts = self._firsts.intersection(runs)
        searched: dict[str, bool] = {}  # entities with the same words share one search
        for entity, pattern in self._patterns.items():
            if entity in found:
                continue
            if self._words[entity].may_hold(firsts, runs):
                hit = searched.get(pattern.pattern)
                if hit is None:
                    hit = searched[pattern.pattern] = pattern.search(lower) is not None
                if hit:
                    found.add(entity)
        return frozenset(found)


_DELIMITERS = (";", "\t", "|", ",")
#: How far back a table's header line is looked for (lines, characters).
HEADER_LINES = 50
HEADER_CHARS = 8192


def _fields_before(line: str, pos: int, delim: str) -> int:
    """The index of the field of ``line`` that holds ``line[pos]`` (quotes respected)."""
    index, quoted = 0, False
    for c in line[:pos]:
        if c == '"':
            quoted = not quoted
        elif c == delim and not quoted:
            index += 1
    return index


def _split(line: str, delim: str) -> list[str]:
    out: list[str] = []
    cur: list[str] = []
    quoted = False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == delim and not quoted:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
    out.append("".join(cur))
    return out


def header_words(text: str, pos: int) -> set[str]:
    """Context from the header of a delimited table written in text: when ``text[pos]`` lies
    in a line of ``;``, tab, ``|`` or ``,`` separated fields under a header line of words
    (``nom;prénom;date_naissance``), the words of its column's name; else nothing.

    >>> sorted(header_words("naam;bsn;geboortedatum\\nAnna;111222333;01-02-1990", 38))
    ['geboortedatum']
    """
    line_start = text.rfind("\n", 0, pos) + 1
    if line_start == 0:
        return set()  # the first line has no header above it
    line_end = text.find("\n", pos)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    delim = max(_DELIMITERS, key=line.count)
    count = line.count(delim)
    if count < 2:
        return set()
    header = ""
    start = line_start
    for _ in range(HEADER_LINES):
        if start == 0 or line_start - start > HEADER_CHARS:
            break
        prev_start = text.rfind("\n", 0, start - 1) + 1
        prev = text[prev_start : start - 1]
        if prev.count(delim) != count:
            break
        header, start = prev, prev_start
    if not header:
        return set()
    fields = _split(header, delim)
    if any(f.strip()[:1].isdigit() for f in fields):
        return set()  # a row of values, not names ("F1" is a name, "2024" is not)
    index = _fields_before(line, pos - line_start, delim)
    if index >= len(fields):
        return set()
    return hint_words(fields[index].strip().strip('"'))
