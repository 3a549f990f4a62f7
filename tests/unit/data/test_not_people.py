"""Storms, ships, awards and streets named after people are not people."""

from __future__ import annotations

import pytest

from secplan.data.detect import Detector
from secplan.data.not_people import drop_named_things
from secplan.data.spans import Span


def _persons(text: str) -> list[str]:
    return [text[s.start : s.end] for s in Detector().analyze(text) if s.label == "PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        "Hurricane Ingrid flooded the coast road overnight.",
        "Power is out after Storm Gerrit; crews are on the way.",
        "The ship Catherine Howard left port at noon.",
        "Kapal Dewi Sartika berangkat pukul 09:00.",
        "She holds a Jean Monnet fellowship at the institute.",
        "She won a Jean Monnet fellowship.",
        "Our office moved to Str. Ion Creangă nr. 5.",
        "Meet me at Szent István tér at eight.",
    ],
)
def test_named_things_are_not_people(text: str) -> None:
    assert _persons(text) == []


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Maria Santos called about the storm damage.", "Maria Santos"),
        ("The award went to Maria Santos last year.", "Maria Santos"),
        ("Ask Maria Santos, the ship's captain.", "Maria Santos"),
    ],
)
def test_people_near_those_words_stay(text: str, person: str) -> None:
    assert _persons(text) == [person]


def test_only_person_spans_are_dropped() -> None:
    text = "Typhoon Nora 2024-10-01"
    spans = [Span(0, 12, "PERSON", 0.8), Span(13, 23, "DATE_OF_BIRTH", 0.8)]
    assert drop_named_things(text, spans) == [spans[1]]


def test_known_limits() -> None:
    """Known false negatives: a ship or storm named with no word that says so."""
    text = "Queen Mary 2 arrives at dawn."
    assert drop_named_things(text, [Span(0, 10, "PERSON", 0.8)]) != []
