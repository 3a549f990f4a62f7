"""A given name after "call", "ask for" or "it's" (classified ads, voicemail) is a person; a
company or product after the same words is not."""

from __future__ import annotations

import pytest

from secplan.data.names import find_names


def _names(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_names(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Bike for sale, barely used. $300 ono. Call Maddox on 0400 000 000", "Maddox"),
        ("Found a grey cat on Elm Road. Please call Imogen", "Imogen"),
        ('[Voicemail] "Hi, it\'s Olivia from the dental office"', "Olivia"),
    ],
)
def test_given_name_after_call_cue(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize(
    "text",
    [
        "Call Apple support for a refund",
        "Please call Orange customer care",
        "This is Microsoft Support calling about your account",
        "Ask for Google Maps directions",
    ],
)
def test_company_after_call_cue_is_no_person(text: str) -> None:
    assert _names(text) == []
