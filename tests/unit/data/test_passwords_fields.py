"""Passwords named by their field or by a sentence, and DigitalOcean tokens."""

from __future__ import annotations

import pytest

from secplan.data.detect import Detector
from secplan.data.spans import Entity


def _keys(text: str) -> list[str]:
    return [text[s.start : s.end] for s in Detector().analyze(text) if s.label == Entity.API_KEY]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Das Passwort für den Testzugang ist Verão1969!", "Verão1969!"),
        (
            "The password for the staging box is velvet-horse-quiet-river45.",
            "velvet-horse-quiet-river45",
        ),
        ("INSERT INTO users (username, password) VALUES ('Lucas', 'Estate1974?');", "Estate1974?"),
        ("db:\n  passwort: 'fQQ=9vP2s*=!j&ePA@2J'", "fQQ=9vP2s*=!j&ePA@2J"),
        (
            "token dop_v1_9b5da9d0ee0ef0c59d062c57a242394aeb6f20e167bfd31c950e051c848cbee6 leaked",
            "dop_v1_9b5da9d0ee0ef0c59d062c57a242394aeb6f20e167bfd31c950e051c848cbee6",
        ),
    ],
)
def test_credentials_found(text: str, value: str) -> None:
    assert value in _keys(text)


@pytest.mark.parametrize(
    "text",
    [
        "Your password is required.",
        "The password is ******** in the docs",
        "INSERT INTO users (username, password) VALUES ('Lucas', '<password>');",
        "password: ${DB_PASSWORD}",
    ],
)
def test_placeholders_and_prose_are_not_credentials(text: str) -> None:
    assert _keys(text) == []
