"""Capitalised words that open a label or a sentence, runs opened by a brand, organisations
named by their last word and eponyms are not people; the names beside them still are."""

from __future__ import annotations

import pytest

from secplan.data.detect import Detector


def _persons(text: str) -> list[str]:
    return [text[s.start : s.end] for s in Detector().analyze(text) if s.label == "PERSON"]


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # a common word that census lists hold as a rare surname, opening a label
        (
            "Student: Emeka Nwosu (Class 8C)\nReason: repeated use of Siri in class.\n"
            "Issued by: Noah Thomas\nParent signature: ______",
            {"Emeka Nwosu", "Noah Thomas"},
        ),
        ("**Environment**\n- Board: Jetson Orin Nano devkit, JetPack 1.8.8", set()),
        ("site list\n\n> Sites confirmed: Victoria, Madison, Florence.", set()),
        # a label whose value is a person's name is a label, whatever the word
        ("Epikriz\nHasta: Çağlar Özkan, Doğum tarihi: 5 Şubat 1990", {"Çağlar Özkan"}),
        ("Sınıf: 6-B\nVeli: Mehmet Doğan, +90 501 381 65 48", {"Mehmet Doğan"}),
        # a brand opening the run
        ("## Ticket CASE-97807827 – Porsche Connect App stürzt ab", set()),
        ("## Ticket SR-456043 — Ferrari Roma: aggiornamento infotainment", set()),
        ("Our Echo Dot and the Philips Hue lamp keep dropping off", set()),
        # an organisation named by its last word, also inside a compound
        ("Koç Holding açıkladı", set()),
        ("Lehman Brothers collapsed in 2008", set()),
        ("Alexander von Humboldt-Stiftung funded the visit", set()),
        ("CONTRATADA: Johnson & Johnson Ltda.", set()),
        # eponyms
        ("Discussed Hashimoto's thyroiditis; TSH 0.29 mIU/L", set()),
        ("especially with Pythagoras' theorem and Venn diagrams", set()),
        ("REINO DE ESPAÑA\nDOCUMENTO NACIONAL DE IDENTIDAD", set()),
    ],
)
def test_labels_brands_and_eponyms_are_not_people(text: str, people: set[str]) -> None:
    assert set(_persons(text)) == people


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Thanks,\nAlexa Eaton\n+34 788 823 125", "Alexa Eaton"),  # a brand that is a name
        ("Meeting notes: Zara Mahieu presented the migration results", "Zara Mahieu"),
        ("CC: Casper Vermeulen, Baccio Balla; BCC: r@example.org", "Casper Vermeulen"),
        ("nom;prénom;date_naissance\nMercier;Jean-Luc;16/03/1962", "Mercier"),  # a cell
        ("Anna: can you send it?\nBen: sure, on Monday", "Anna"),  # a chat speaker
        ("Madison Torres joined the channel.\nMadison: hey all", "Madison Torres"),
    ],
)
def test_names_beside_those_rules_are_still_found(text: str, person: str) -> None:
    assert person in _persons(text)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Benjamin Robinson (chair), Ivy Williams, O. Wood, Harper (notes)", "O. Wood"),
        ("Author contributions: N. Balogun designed it; A. Hughes ran the tests", "A. Hughes"),
        ("Class teacher: E. Teixeira", "E. Teixeira"),
        ("see J. Smith and A. J. Hughes", "A. J. Hughes"),
    ],
)
def test_initials_before_a_surname_are_part_of_the_name(text: str, person: str) -> None:
    assert person in _persons(text)


def test_a_letter_before_a_given_name_is_not_an_initial() -> None:
    text = "DNI 92970111 V. Marta Torres, del equipo de seguridad, detectó"
    assert "Marta Torres" in _persons(text)
    assert _persons("See section A. Introduction and the U.S. Army") == []
