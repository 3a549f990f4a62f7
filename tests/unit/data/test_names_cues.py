"""Cues around a name: prepositions that look like articles, thanks in many languages."""

from __future__ import annotations

import pytest

from secplan.data.names import find_names


def _names(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_names(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Rimborso intestato a Giuseppe Moretti.", "Giuseppe Moretti"),
        ("Schreib eine Mail an Lukas Köhler", "Lukas Köhler"),
        ("Naprawione w c85385d. Dzięki Jakub!", "Jakub"),
        ("Verified on v3.1.2. Closing. Thanks Ffion and Maria.", "Maria"),
        ("Verified on v3.1.2. Closing. Thanks Ffion and Maria.", "Ffion"),
    ],
)
def test_names_after_prepositions_and_thanks(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize(
    "text", ["I bought an Apple Watch", "She drives a Ford Focus", "Thanks and Regards"]
)
def test_articles_before_products_still_block(text: str) -> None:
    assert _names(text) == []
