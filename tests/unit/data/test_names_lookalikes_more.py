"""Look-alikes of person names: brands with their models, firms listed beside firms, bots'
names, stand-in names, repository owners and a table's header cells."""

from __future__ import annotations

import pytest

from secplan.data.detect import Detector


def _persons(text: str) -> list[str]:
    return [text[s.start : s.end] for s in Detector().analyze(text) if s.label == "PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        "Rechnung · Porsche Zentrum Graz · Fahrzeug Porsche Macan · Auftrag 1",
        "Fleet: Kia Sportage ×3 and Renault Captur ×2",
        "speakers from Ericsson, Philips and Tata; venue in the city",
        "docs: thank Bosch and Siemens for the hardware",
        "Caller asked whether Erica (the bank's virtual assistant) can help",
        "Merge pull request #25 from Jenkins-ci/fix-cache",
        '"sample_user": "Jane Doe", "sample_email": "x@example.org"',
        '"example_name": "Quintessa Zorbek", "n": 1',
        '"assistant_name": "Amelia", "greeting": "Hi, I\'m Amelia. How can I help?"',
        "Nome;CPF;Nascimento;E-mail\nLorenzo Lima;833.111.222-33;01/02/1990;l@x.br",
        "Hi Freya, this is Boots Pharmacy: your prescription is ready",
        "Beispiel: Max Mustermann wohnt in Berlin",
        'utterance: "Hey Siri, how far is Santa Monica?"',
        "user: is Dr. Martens open in Charlotte on Sunday",
    ],
)
def test_things_and_stand_ins_are_not_people(text: str) -> None:
    found = set(_persons(text))
    stand_ins = {
        "Porsche Zentrum Graz", "Porsche Macan", "Kia Sportage", "Renault Captur", "Tata",
        "Bosch", "Erica", "Jenkins-ci", "Jane Doe", "Quintessa Zorbek", "Amelia", "Nascimento",
        "Boots Pharmacy", "Max Mustermann", "Siri", "Martens", "Dr. Martens",
    }  # fmt: skip
    assert not found & stand_ins


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Meeting with Anna Schmidt and Siemens", "Anna Schmidt"),
        (
            "Nome;CPF;Nascimento;E-mail\nLorenzo Lima;833.111.222-33;01/02/1990;l@x.br",
            "Lorenzo Lima",
        ),
        ('"user_name": "Hamza", "n": 1', "Hamza"),
        ("Thanks Ffion and Maria.", "Maria"),
        ("Hey Anna, how are you?", "Anna"),
        ("Ask Dr. Okonkwo today", "Okonkwo"),
    ],
)
def test_people_beside_those_look_alikes_are_kept(text: str, name: str) -> None:
    assert name in _persons(text)
