"""The short cuts of the detector give what the plain way gives: the word lists read by
regular expressions, patterns tried only where a number starts, tries for word lists, the
blocked stretches found on demand and the findings kept for a text seen again."""

from __future__ import annotations

import re
import tomllib
from importlib.resources import files

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secplan.data import detect
from secplan.data.address import _alt
from secplan.data.context import ContextIndex, trie_pattern
from secplan.data.detect import Detector
from secplan.data.ids import NATIONAL
from secplan.data.lists import parse_lists
from secplan.data.patterns import RECOGNIZERS, matches

LISTS = sorted(
    p.name for p in files("secplan.catalog").joinpath("lists").iterdir() if p.name.endswith(".toml")
)


@pytest.mark.parametrize("name", LISTS)
def test_every_packaged_list_reads_as_the_toml_parser_reads_it(name: str) -> None:
    text = files("secplan.catalog").joinpath("lists", name).read_text(encoding="utf-8")
    assert parse_lists(text) == tomllib.loads(text)


@pytest.mark.parametrize(
    "text",
    [
        'a = [\n  "x", "y",\n  # a comment with "quotes"\n  "z"  # after\n]\n',
        'a = ["x", "y",\n  "z"]\n[t]\nb = [\n  "p#q", "r"\n]\n',
        'a = [\n  "x\\"y",\n  "z"\n]\n',  # an escape: left to the TOML parser
        "a = [\n  1, 2\n]\nb = [\n]\n",
        'a = [ "x" ]\nb = "\u2063plain-array-0"\n',  # the stand-in's text: parser only
        '[[e]]\nw = [\n  "a",\n]\n[[e]]\nw = [\n  "b", "c",\n]\n',
    ],
)
def test_arrays_of_other_forms_read_the_same(text: str) -> None:
    assert parse_lists(text) == tomllib.loads(text)


def test_a_broken_list_is_still_an_error() -> None:
    with pytest.raises(tomllib.TOMLDecodeError):
        parse_lists('a = [\n  "x",\n]\nb = \n')


_NUMBERS = st.text(alphabet="0123456789 -./+:Xab\n٣", max_size=60)


@settings(max_examples=300, deadline=None)
@given(_NUMBERS)
def test_digit_first_patterns_match_as_a_whole_scan_does(text: str) -> None:
    starts: dict[str, list[int]] = {}
    for r in (*NATIONAL, *RECOGNIZERS):
        got = [(m.start(), m.end()) for m in matches(r, text, starts)]
        assert got == [(m.start(), m.end()) for m in r.regex.finditer(text)], r.name


def test_the_digit_first_formats_are_those_that_open_with_a_digit() -> None:
    first = {r.name for r in NATIONAL if r.starts}
    assert {"es-dni", "fr-nir", "se-personnummer", "us-itin", "ch-ssn", "th-pin"} <= first
    assert not first & {"es-nie", "it-codicefiscale", "gb-nino", "mx-curp", "in-pan"}
    assert {r.name for r in RECOGNIZERS if r.starts} == {
        "ipv4",
        "credit-card",
        "us-ssn",
        "us-ssn-bare",
    }


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["rue", "ruelle", "r", "ru", "via", "viale", "v"]), min_size=1))
def test_a_trie_matches_as_the_longest_first_alternation(words: list[str]) -> None:
    flat = re.compile(
        r"(?i:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) + ")x?"
    )
    trie = re.compile(r"(?i:" + trie_pattern(sorted(set(words))) + ")x?")
    text = "Rue ruellex RUELLE viale vx r via Viale ru"
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]
    assert _alt(frozenset(words)) == trie_pattern(sorted(set(words)))


def test_blocked_stretches_are_found_when_first_asked() -> None:
    text = "id 9f1c2e4a-7b3d-4e8f-a6c1-2d9e8b7a6f50 at 12:30:45, card 4539 1488 0343 6467"
    b = detect._Blocked(text)
    assert b.hits(3, 10) and b.hits(44, 46) and not b.hits(58, 77)
    assert not detect._Blocked("").hits(0, 5)


def test_a_text_seen_again_gets_the_same_findings() -> None:
    d = Detector()
    text = "Maria Gonzalez <maria.g@mail.es>, card 4539 1488 0343 6467"
    first = d.analyze(text)
    again = d.analyze(text)
    assert again == first and again is not first
    again.clear()  # the caller's list is its own
    assert d.analyze(text) == first
    assert Detector(threshold=0.99).analyze(text) != first  # the settings are in the key
    assert d.analyze(text, hint="notes") == Detector().analyze(text, hint="notes")


def test_the_kept_findings_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(detect, "SEEN_TEXTS", 3)
    monkeypatch.setattr(detect, "_SEEN", {})
    d = Detector()
    for i in range(10):
        d.analyze(f"call {i} now")
        assert len(detect._SEEN) <= 3
    kept = len(detect._SEEN)
    d.analyze("x" * (detect.SEEN_CHARS + 1))
    assert len(detect._SEEN) == kept  # a long text is not kept


def _searched(index: ContextIndex, text: str) -> frozenset[str]:
    lower = text.lower().replace("_", " ")
    return frozenset(e for e, p in index._patterns.items() if p.search(lower))


_PIECES = st.sampled_from(
    ["date of birth", "d.o.b.", "ss #", "ss#", "tel.", "passport no.", "iban", "pwd", "b.", "x"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(alphabet="ab .#_-\n", max_size=4)), max_size=8))
def test_the_context_index_answers_as_its_patterns_do(parts: list[str]) -> None:
    index = detect._index()
    text = "".join(parts)
    assert index.present(text, set()) == _searched(index, text)


def test_an_empty_word_list_matches_between_two_non_words() -> None:
    index = ContextIndex({"A": frozenset(), "B": frozenset({"tel."})})
    for text in ("", " ", "a", "a b", "a  b", ".", "x.", "tel. 5", "hotel.x"):
        assert index.present(text, set()) == _searched(index, text), text
