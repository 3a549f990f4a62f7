"""Names in Latin letters after the labels, honorifics and greetings of Czech, Romanian,
Hungarian, Finnish, Indonesian and Swahili text; a label or a greeting before a place, a
product or a word that names no one finds nothing."""

from __future__ import annotations

import pytest

from secplan.data.latin_cues import find_latin_cue_names


def _names(text: str) -> list[str]:
    return [text[a:b] for a, b, _ in find_latin_cue_names(text)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Přiznání k dani\nPoplatník: Svoboda, Petr\nRodné číslo", ["Svoboda, Petr"]),
        ("Cestující: DVOŘÁK Tomáš\nLet OK 123", ["DVOŘÁK Tomáš"]),
        ("Volala paní Procházková kvůli faktuře.", ["Procházková"]),
        ("Vyučující: doc. Kratochvíl.", ["Kratochvíl"]),
        ("Asigurat: Andrei Popa\nPoliță", ["Andrei Popa"]),
        ("Stimată doamna Ionescu, vă mulțumim.", ["Ionescu"]),
        ("Kedves Eszter! Köszönjük a rendelést.", ["Eszter"]),
        ("Utas: NAGY Gábor\nJárat", ["NAGY Gábor"]),
        ("Nimi: Korhonen, Aino\nHenkilötunnus", ["Korhonen, Aino"]),
        ("Hyvä Matti, kiitos tilauksesta.", ["Matti"]),
        ("Nama: Budi Santoso\nAlamat", ["Budi Santoso"]),
        ("Halo kak Dewi, pesanan sudah dikirim.", ["Dewi"]),
        ("Jina: Amina Wanjiru\nSimu", ["Amina Wanjiru"]),
        ("Habari Baraka, oda yako imefika.", ["Baraka"]),
    ],
)
def test_names_after_cues(text: str, names: list[str]) -> None:
    assert _names(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "Doručení: Praha 4, Nusle",
        "Pasager: Cluj Arena",
        "Destinatar: Tata Motors, Pune",
        "Kedves Vásárlónk! Köszönjük.",
        "Nama: -\nAlamat: -",
        "Habari za asubuhi, timu!",
        "pan z obchodu volal",
        "Viel besser als die von Dr. Martens.",  # a brand after a title: the title is no cue here
    ],
)
def test_no_name(text: str) -> None:
    assert find_latin_cue_names(text) == []


def test_known_limits() -> None:
    """Known false negatives: a name none of whose words is in the name lists."""
    assert find_latin_cue_names("Utas: Zorvath Qelbrin") == []
