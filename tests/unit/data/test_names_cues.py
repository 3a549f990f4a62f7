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


@pytest.mark.parametrize(
    "text",
    [
        "## Changelog\n\n- Fix the Levenshtein distance overflow\n- Bump NumPy to 2.19.1",
        "PASSPORT\nGiven names Elena\n",
        "| Owner | Key | Expires |\n|---|---|---|\n",
        "Form W-9 (Rev. October 2018)",
        "Hallo,\n\nanbei die Unterlagen. Meine Handynummer: +49 30 486155.",
        "vendor hq: Santa Cruz de Tenerife",
        "Benchmarked on San Sebastián data",
        "[1549353960] bot Ada: Hi! How can I help?",
        "Hallo, ich bin Hugo, der digitale Assistent.",
        "Siri: how far is it?",
    ],
)
def test_ordinary_words_places_and_bots_are_not_people(text: str) -> None:
    assert _names(text) in ([], ["Elena"])


def test_a_title_before_a_name_still_counts() -> None:
    assert "Gentile" in _names("Madame Gentile a appelé.")


def test_a_message_opening_with_a_name_and_a_comma_addresses_that_person() -> None:
    assert "Harry" in _names("Harry, can you check why the build fails?")
    assert _names("Paris, the capital, hosts the summit.") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ciao,\n\nil mio codice è pronto.\n\nA presto,\nMihai\n\n> On 15 maggio wrote:", "Mihai"),
        ("Hoi,\n\nmijn adres is nieuw.\n\nGroet,\nTeun\n\n> On 2022-12-02 wrote:", "Teun"),
        ("Le conseiller Karim m'a demandé mon numéro.", "Karim"),
    ],
)
def test_sign_offs_and_roles_in_more_languages(text: str, name: str) -> None:
    assert name in _names(text)
