"""Person names in Greek, Hebrew, Devanagari and Thai script, in Ukrainian Cyrillic, and
Vietnamese names.

These names carry no letters the Latin name finder knows (and Hebrew, Devanagari and Thai have
no capital letters), so a name is found by what is written around it: a label and a colon
(``Ονοματεπώνυμο:``, ``שם מלא:``, ``नाम:``, ``ผู้โดยสาร:``, ``ПІБ:``, ``Họ và tên:``), an
honorific or a cue before it (``श्रीमती``, ``นาย``, ``клієнтка``, ``chị``), a chat speaker's
place, an ``@`` mention, or a column of a delimited table named for names; and by a common given
name next to a common surname of its language. A Vietnamese name is a common family name
followed by two or three capitalised syllables (``Phạm Minh Tuấn``). Words before a name that
make it a place (``οδός``, ``שדרות``, ``вулиця``, ``đường``) cancel it. The word lists are data,
in ``secplan/catalog/lists/pii_script_names.toml``.

>>> text = "Ασφαλισμένος: Νίκος Παπαδάκης"
>>> [text[s.start : s.end] for s in find_cue_names(text)]
['Νίκος Παπαδάκης']
>>> find_cue_names("Λεωφόρος Ελευθέριος Βενιζέλος 12")
[]
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from secplan._snapshot import read_source
from secplan.data.latin_cues import find_latin_cue_names
from secplan.data.lists import word_lists
from secplan.data.spans import Entity, Span

#: Letters of each script (without punctuation, digits or currency signs).
_LETTERS = {
    "el": "\u0386\u0388-\u03ce\u1f00-\u1ffc",
    "he": "\u05b0-\u05c7\u05d0-\u05ea",
    "hi": "\u0900-\u0963\u0971-\u097f",
    "th": "\u0e01-\u0e3a\u0e40-\u0e4e",
    "uk": "\u0400-\u04ff",
    "vi": "",  # Latin letters: any letter
}
#: Characters that mark text these rules read (Cyrillic: Ukrainian words and names also come
#: without і, ї, є or ґ; Vietnamese: ơ, ư, đ and the stacked vowels).
_MARKS = {
    "el": "\u0386\u0388-\u03ce",
    "he": "\u05d0-\u05ea",
    "hi": "\u0900-\u097f",
    "th": "\u0e01-\u0e4e",
    "uk": "\u0400-\u04ff",
    "vi": "\u0110\u0111\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9",
}
_CAPS = frozenset({"el", "uk", "vi"})
_MAX_WORDS = {"th": 2, "he": 3, "hi": 3, "el": 3, "uk": 3, "vi": 4}
_ANY = re.compile("[" + "".join(_MARKS.values()) + "]")
_CHAT = re.compile(r"^\[\d{1,2}:\d{2}(?::\d{2})?\][ \t]*", re.MULTILINE)
_SPACE = frozenset(" \t\u00a0")
_DELIMS = (",", ";", "|", "\t")


@dataclass(frozen=True, slots=True)
class _Script:
    lang: str
    caps: bool
    given: frozenset[str]
    surnames: frozenset[str]
    stop: frozenset[str]
    places: frozenset[str]
    not_after_title: tuple[str, ...]
    not_names: frozenset[str]
    headers: frozenset[str]
    word: re.Pattern[str]
    marks: re.Pattern[str]
    label: re.Pattern[str]
    cue: re.Pattern[str] | None
    weak: re.Pattern[str] | None


def _alternation(value: str) -> str:
    items = [w.strip() for w in value.replace("\n", "").split("|") if w.strip()]
    return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))


def _build(doc: dict[str, Any]) -> _Script:
    lang = doc["lang"]
    letters = _LETTERS[lang]
    word = rf"[{letters}]+" if letters else r"[^\W\d_]+"
    if lang == "uk":
        word = rf"[{letters}](?:[{letters}'’ʼ]*[{letters}])?"
    before = rf"(?<![{letters}])" if letters else r"(?<![^\W\d_])"
    gap = r"[ \t]*" if lang == "th" else r"[ \t]+"
    titles = rf"(?:(?:{_alternation(doc['titles'])}){gap})?"
    label = re.compile(
        rf"{before}(?:{_alternation(doc['labels'])})[ \t]*[:：][ \t]*{titles}", re.MULTILINE
    )
    cue = re.compile(rf"{before}(?:{_alternation(doc['cues'])}){gap}{titles}")
    weak = rf"{before}(?:{_alternation(doc['weak_cues'])}){gap}" if doc["weak_cues"] else ""

    def words(key: str, sep: str | None = None) -> frozenset[str]:
        raw = doc.get(key, "")
        parts = raw.replace("\n", "").split("|") if sep == "|" else raw.split()
        return frozenset(p.strip() for p in parts if p.strip())

    return _Script(
        lang=lang,
        caps=lang in _CAPS,
        given=words("given"),
        surnames=words("surnames"),
        stop=words("stop", "|"),
        places=words("places", "|"),
        not_after_title=tuple(words("not_after_title", "|")),
        not_names=words("not_names", "|"),
        headers=words("headers", "|"),
        word=re.compile(word),
        marks=re.compile(f"[{_MARKS[lang]}]"),
        label=label,
        cue=cue,
        weak=re.compile(weak) if weak else None,
    )


@lru_cache(maxsize=1)
def _doc() -> dict[str, Any]:
    return tomllib.loads(read_source("lists/pii_script_names.toml"))


@lru_cache(maxsize=1)
def _scripts() -> tuple[_Script, ...]:
    return tuple(_build(s) for s in _doc()["script"])


@lru_cache(maxsize=1)
def _name_headers() -> frozenset[str]:
    """Column names that hold people's names, in Latin letters and in every script."""
    latin = (h.strip() for h in _doc()["table"]["headers"].replace("\n", "").split("|"))
    return frozenset(h for h in latin if h).union(*(sc.headers for sc in _scripts()))


@lru_cache(maxsize=1)
def _header_regex() -> re.Pattern[str]:
    names = _name_headers()
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf'(?m)(?:^|[,;|\t])[ \t]*"?(?:{alt})"?[ \t]*(?:[,;|\t]|$)')


class _Found:
    """Spans found so far; a later span that overlaps an earlier one is dropped."""

    def __init__(self) -> None:
        self.spans: list[Span] = []

    def add(self, start: int, end: int, score: float) -> None:
        if not any(s.start < end and start < s.end for s in self.spans):
            self.spans.append(Span(start, end, Entity.PERSON, score))


def _is_name_word(sc: _Script, w: str) -> bool:
    return (not sc.caps or w[0].isupper()) and w not in sc.stop


def _run(text: str, pos: int, sc: _Script, limit: int) -> tuple[int, int, list[str]] | None:
    """The name written at ``text[pos]``: up to ``limit`` words of the script, one space
    apart, each a possible name word."""
    words: list[str] = []
    end = pos
    m = sc.word.match(text, pos)
    while m is not None and len(words) < limit and _is_name_word(sc, m.group()):
        words.append(m.group())
        end = m.end()
        if text[end : end + 1] not in _SPACE:
            break
        m = sc.word.match(text, end + 1)
    if not words:
        return None
    return pos, end, words


def _place(text: str, start: int, sc: _Script) -> bool:
    head = text[max(0, start - 30) : start].rstrip()
    return any(head.endswith(p) for p in sc.places)


def _after_title_ok(sc: _Script, first: str) -> bool:
    return not any(first == x or (len(x) > 1 and first.startswith(x)) for x in sc.not_after_title)


def _labels_and_cues(text: str, sc: _Script, found: _Found) -> None:
    limit = _MAX_WORDS[sc.lang]
    for m in sc.label.finditer(text):
        run = _run(text, m.end(), sc, limit)
        if run is not None and _after_title_ok(sc, run[2][0]):
            found.add(run[0], run[1], 0.85)
    for regex, weak in ((sc.cue, False), (sc.weak, True)):
        if regex is None:
            continue
        for m in regex.finditer(text):
            run = _run(text, m.end(), sc, limit if sc.caps else 2)
            if run is None or not _after_title_ok(sc, run[2][0]):
                continue
            first = run[2][0]
            if weak and first not in sc.given and first not in sc.surnames:
                continue
            if any(text.endswith(n, 0, run[1]) for n in sc.not_names):
                continue  # Hai Bà Trưng: a street named after the Trưng sisters
            found.add(run[0], run[1], 0.8 if weak else 0.85)


def _pairs(text: str, sc: _Script, found: _Found) -> None:
    """A common given name next to a surname of the language (either order)."""
    for m in sc.word.finditer(text):
        w = m.group()
        if w not in sc.given and not (w.isupper() and len(w) > 1):
            continue
        if text[m.end() : m.end() + 1] not in _SPACE:
            continue
        nxt = sc.word.match(text, m.end() + 1)
        if nxt is None:
            continue
        second = nxt.group()
        if w in sc.given:
            ok = second in sc.surnames or (
                sc.caps and second[0].isupper() and second not in sc.stop and sc.lang != "vi"
            )
        else:  # an upper-case surname before a given name (ΒΛΑΧΟΥ Δήμητρα)
            ok = sc.caps and second in sc.given
        if ok and not _place(text, m.start(), sc):
            found.add(m.start(), nxt.end(), 0.8)


def _vietnamese(text: str, sc: _Script, found: _Found) -> None:
    """A family name and two or three capitalised syllables: Nguyễn Thị Lan."""
    for m in sc.word.finditer(text):
        w = m.group()
        if w not in sc.surnames and w.title() not in sc.surnames:
            continue
        run = _run(text, m.start(), sc, 4)
        if run is None or len(run[2]) < 3 or _place(text, m.start(), sc):
            continue
        joined = " ".join(run[2])
        if any(joined.startswith(n) for n in sc.not_names):
            continue
        found.add(run[0], run[1], 0.8)
    # a match starts only at the start of a word: a search never restarts inside a long run
    for m in re.finditer(r"(?<![^\W\d_])([^\W\d_]+(?: [^\W\d_]+){0,2}) ơi\b", text):
        run = _run(text, m.start(1), sc, 3)
        if run is not None and run[1] == m.end(1):
            found.add(run[0], run[1], 0.8)


def _chat_and_mentions(text: str, sc: _Script, found: _Found) -> None:
    for m in _CHAT.finditer(text):
        run = _run(text, m.end(), sc, 3)
        if run is None or text[run[1] : run[1] + 1] != ":":
            continue
        if sc.caps and len(run[2]) == 1 and run[2][0].isupper():
            continue  # AGENT:, CALLER: a role, not a name
        found.add(run[0], run[1], 0.85)
    at = text.find("@")
    while at >= 0:
        if at == 0 or not text[at - 1].isalnum():
            run = _run(text, at + 1, sc, 1)
            if run is not None:
                found.add(run[0], run[1], 0.8)
        at = text.find("@", at + 1)


def _fields(line: str, delim: str) -> list[tuple[int, int]]:
    """(start, end) of each field of a delimited line, a quoted field without its quotes."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(line)
    while i <= n:
        j = i
        while j < n and line[j] == " ":
            j += 1
        if j < n and line[j] == '"':
            close = line.find('"', j + 1)
            close = n if close < 0 else close
            out.append((j + 1, close))
            nxt = line.find(delim, close)
        else:
            nxt = line.find(delim, i)
            out.append((i, n if nxt < 0 else nxt))
        if nxt < 0:
            break
        i = nxt + 1
    return out


_CELL_WORDS = r"[^\W\d_](?:[^\W\d_]|['’.\- ])*"
_NOT_IN_NAMES = re.compile(r"[\d@/:;#=+_]")
_CELL = re.compile(rf"{_CELL_WORDS}(?:, ?{_CELL_WORDS})?")


def _person_cell(cell: str) -> bool:
    """A table cell that reads as a person's name: letters only, two to four words, each
    capitalised where the script has capitals, one a known name in Latin letters."""
    words = cell.replace(",", " ").split()
    if not 1 <= len(words) <= 4 or any(w[0].islower() for w in words):
        return False
    if _ANY.search(cell) is not None:  # a name in its own script (with its vowel signs)
        return _NOT_IN_NAMES.search(cell) is None
    if _CELL.fullmatch(cell) is None:
        return False
    if not cell[0].isascii():
        return True  # a name with its own letters
    lists = word_lists()
    known = any(w.lower() in lists.given or w.lower() in lists.surnames for w in words)
    return len(words) >= 2 and known


def _tables(text: str, found: _Found) -> None:
    """Cells of a delimited table's column named for names (``ПІБ;email``, ``nimi,puhelin``)."""
    headers = _header_regex()
    names = _name_headers()
    lines = text.split("\n")
    offset = 0
    starts = []
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    for i, line in enumerate(lines[:-1]):
        if headers.search(line.lower()) is None:
            continue
        delim = max(_DELIMS, key=line.count)
        count = line.count(delim)
        if count == 0:
            continue
        cells = [line[a:b].strip().lower() for a, b in _fields(line, delim)]
        cols = [k for k, c in enumerate(cells) if c in names]
        if not cols:
            continue
        for j in range(i + 1, len(lines)):
            row = _fields(lines[j], delim)
            if len(row) != len(cells):
                break
            a, b = row[cols[0]]
            cell = lines[j][a:b].strip()
            if _person_cell(cell):
                lead = len(lines[j][a:b]) - len(lines[j][a:b].lstrip())
                found.add(starts[j] + a + lead, starts[j] + a + lead + len(cell), 0.85)


def find_cue_names(text: str) -> list[Span]:
    """PERSON spans of names in Greek, Hebrew, Devanagari, Thai and Ukrainian script, of
    Vietnamese names, and of the cells of a table column named for names."""
    found = _Found()
    if _ANY.search(text) is not None:
        for sc in _scripts():
            if sc.marks.search(text) is None:
                continue
            _chat_and_mentions(text, sc, found)
            _labels_and_cues(text, sc, found)
            if sc.lang == "vi":
                _vietnamese(text, sc, found)
            else:
                _pairs(text, sc, found)
    if "\n" in text and _header_regex().search(text.lower()) is not None:
        _tables(text, found)
    for start, end, score in find_latin_cue_names(text):
        found.add(start, end, score)
    return found.spans
