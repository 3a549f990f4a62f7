"""Romanian CNP, Czech rodné číslo, Portuguese NIF, Belgian national numbers and identifiers
named only by their field's key."""

from __future__ import annotations

import pytest

from secplan.data.detect import Detector
from secplan.data.spans import Entity


def _ids(text: str) -> list[str]:
    return [
        text[s.start : s.end] for s in Detector().analyze(text) if s.label == Entity.NATIONAL_ID
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Suportul mi-a cerut CNP-ul 2581024181623 pe chat.", "2581024181623"),
        ("Podpora chtěla moje rodné číslo 891228/3127 přes chat.", "891228/3127"),
        ("| Jméno | Rodné číslo |\n|---|---|\n| Pavel | 571212/1437 |", "571212/1437"),
        ("segue o meu NIF: 241682487.", "241682487"),
        ("Medewerker vroeg om mijn BSN 62.05.20-587.53 via WhatsApp.", "62.05.20-587.53"),
        (
            "INSERT INTO mitarbeiter (name, steuer_id) VALUES ('Dieter Krause', '67 932 081 497');",
            "67 932 081 497",
        ),
        ('mitarbeiter:\n  - steuer_id: "86 463 501 679"', "86 463 501 679"),
    ],
)
def test_national_ids_found(text: str, value: str) -> None:
    assert value in _ids(text)


@pytest.mark.parametrize(
    "text",
    [
        "order 2581024181623 shipped",  # a valid CNP's digits without a CNP word
        "ticket 241682487 closed",
        "INSERT INTO orders (ref, total) VALUES ('67 932 081 497', '12.00');",
        "release 1.2.3-rc1 and 4.5.6 are out",
    ],
)
def test_look_alikes_are_not_ids(text: str) -> None:
    assert _ids(text) == []
