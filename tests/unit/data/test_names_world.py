"""Person names in many languages and scripts, and the look-alikes that are not people."""

from __future__ import annotations

import pytest

from secplan.data.detect import Detector
from secplan.data.lists import word_lists
from secplan.data.names import _surname_like, find_names

D = Detector()


def names(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_names(text)]


def found(text: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.label) for s in D.analyze(text)]


@pytest.mark.parametrize(
    "name",
    ["małgorzata", "przemysław", "mehmet", "zeynep", "erdoğan", "nieminen", "kovalenko",
     "dimitrios", "papadopoulos", "ying", "takahashi", "nguyen", "aarav", "yusuf"],
)  # fmt: skip
def test_world_lists_know_names_of_many_countries(name: str) -> None:
    lists = word_lists()
    assert name in lists.given or name in lists.surnames


def test_world_lists_hold_no_function_words() -> None:
    lists = word_lists()
    for word in ("der", "die", "und", "para", "bir", "och", "het", "sono"):
        assert word not in lists.given, word


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hej,\n\njag heter Lars Persson, personnummer 520416-7406.", "Lars Persson"),
        ("Viele Grüße\nMałgorzata Woźniak", "Małgorzata Woźniak"),
        ("Saygılarımla,\nBüşra Güneş", "Büşra Güneş"),
        (
            "Arztbrief: Wir berichten über Herrn Dimitrios Kovalenko, geb. 1997",
            "Dimitrios Kovalenko",
        ),
        ("Sehr geehrter Herr Erdoğan,\n\nwir freuen uns", "Erdoğan"),
        ("Ticket 12: mevrouw van Beek meldt dat pakket 12 niet is bezorgd", "van Beek"),
        ("Ticket SR 265: la sig.ra Gatti segnala che il pacco", "Gatti"),
        ("M. Popov a envoyé son numéro", "Popov"),
        ("Ciao Benedetta,\n\nil mio nuovo numero", "Benedetta"),
        ("a e-mail k.mazur@o2.pl.\n\nPozdrawiam, Krzysztof", "Krzysztof"),
        ("oder Handy 0664 788185. Gruß Büşra", "Büşra"),
        ("[2022-10-12T16:44:33Z] Duarte: lunch?", "Duarte"),
        ("ok\nYusuf: on it", "Yusuf"),
        ("# TODO(Dmitry): remove before release", "Dmitry"),
        ("# TODO: Passwort von Hasan entfernen", "Hasan"),
        ("Femke wijst erop dat de server open stond", "Femke"),
        ("Hi Min-jun, the slides are ready", "Min-jun"),
        ("Traveller Yinthe van Este presented passport", "Yinthe van Este"),
        ("the drift results; Colton Holder will follow up.", "Colton Holder"),
    ],
)
def test_finds_names_in_many_languages(text: str, name: str) -> None:
    assert name in names(text)


def test_surname_endings_mark_a_surname_no_list_holds() -> None:
    for word in ("wrzosowski", "pavlenkova", "yilmazoğlu", "gudmundsdóttir", "kapetanakis"):
        assert _surname_like(word), word
    for word in ("desk", "book", "ticket", "python", "server"):
        assert not _surname_like(word), word
    assert names("Dear Qorin Wrzosowski, welcome") == ["Qorin Wrzosowski"]


@pytest.mark.parametrize(
    "text",
    [
        "The contractor from Calvin Klein confirmed the invoice.",
        "Los de Marks & Spencer presentan Jenkins el lunes",
        "the Johnson & Johnson and Barilla audits are both on Monday",
        "Flights booked through Dr. Oetker.",
        "dosing per Dijkstra's algorithm model",
        "review the results with Spearman's rho thresholds",
        "# Copyright (c) 2017 Grace Lewis",
        "Copyright 2019-2024 Ahmad Chen. All rights reserved.",
        'PASSWORT = "Sommer396*"',
        "la mise à jour sera déployée avant le lancement de Apollo.",
        "Das Update wird vor dem Start von Quinn eingespielt.",
        "Abholung in Carolina. Meldet euch",
        "the Madison and Florida offices close early",
        "o meu novo endereço é Rua das Flores, 10",
        "Known issue with Ferrari SAML metadata",
        "das Nova-Update kommt am Montag",
        "Verslag van het overleg in Den Haag",
        "Tu peux lui écrire demain",
        "Le DNS de test est en panne",
        "Los equipos usan Mercury y Clara; ninguno guarda datos",
        "Machine Learning Weekly: New York Times covers Deep Learning",
    ],
)
def test_look_alikes_are_not_people(text: str) -> None:
    assert names(text) == []


def test_a_place_or_product_name_is_a_person_after_a_greeting_or_title() -> None:
    assert names("Beste Julia,\n\nMijn nieuwe adres") == ["Julia"]
    assert names("Gentile dott.ssa Florence,") == ["Florence"]
    assert names("Funding came from Goldman Sachs and Morgan Stanley.") == []


@pytest.mark.parametrize(
    ("text", "ip"),
    [
        ("reviewing access logs from 10.90.173.222. The drive was open", "10.90.173.222"),
        ("der Testserver 10.91.244.16 war ohne VPN erreichbar", "10.91.244.16"),
        ("ssh 10.0.0.5 and look", "10.0.0.5"),
    ],
)
def test_addresses_are_found(text: str, ip: str) -> None:
    assert (ip, "IP_ADDRESS") in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Der Dienst auf 169.254.169.254 gehört nicht zum Umfang",  # link-local metadata
        "O exemplo com Pillow 11.7.4.4 não funciona.",  # a product's version
        "Someone asked whether 9.0.2.7 in the log was an address",  # four small parts
        "model Orca-10.7.2.4 loaded from cache",
    ],
)
def test_versions_and_link_local_addresses_are_not_addresses(text: str) -> None:
    assert [label for _, label in found(text) if label == "IP_ADDRESS"] == []


def test_urls_with_credentials_of_any_scheme() -> None:
    text = "Zugangsdaten im Klartext: amqp://admin:Cielo984%@redis-cache.prod:5672/"
    assert found(text) == [("amqp://admin:Cielo984%@redis-cache.prod:5672/", "URL")]
    assert found("see https://github.com/huggingface/transformers/issues/24571.") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Céline : qui est Céline Perrin ?\nLayla : la nouvelle cheffe", "Layla"),
        ("[2025-07-11 14:30:01] Gabriel: lunch? [Oct 20 06:26:12] Jose: can't", "Jose"),
        ("this is to confirm that José Pereira, born 1979-09-14, residing at", "José Pereira"),
        ("And your date of birth is 11 May 1979, right?\n\nBrandon", "Brandon"),
        ("Madame Suzuki,\n\nVeuillez trouver ci-joint", "Suzuki"),
        ("Controle bij dr. Wieczorek over 2 weken.", "Wieczorek"),
        ("Thanks to Anna & Tom for the review", "Anna"),
        ("Hi Li, quick one: the wallet", "Li"),
        ("due colleghi di Siemens. Sofia segnala che l'esportazione", "Sofia"),
    ],
)
def test_speakers_signatures_and_names_that_are_also_things(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "e due colleghi di Calvin Klein. Poi meldt dat de export",
        "Hi all,\n\nthe Lidl and Dyson audits are both on Monday",
        "The contractor from Calvin Klein confirmed the invoice.",
        "L'équipe Louis Vuitton de Chad fera les tests.",
        "3740381848;Hugo Boss Adapter;12,50",
        "The São Paulo office reports that",
        "results with Gram–Schmidt orthogonalisation thresholds",
        "results with Fisher's exact test thresholds",
        "adresim Bağdat Caddesi No: 191 D: 17, 35210 İzmir",
        "Tested on Ray Tune 5.4.2.9 today",
    ],
)
def test_more_look_alikes_are_not_people(text: str) -> None:
    assert names(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Madame Gentile,\n\nnous avons le plaisir de vous confirmer", "Gentile"),
        ("Leonor,\n\nAs requested, my passport number is", "Leonor"),
        ("Nursing note Jun 10: Sophie refused evening meds", "Sophie"),
        ("cognome;nome;codice_fiscale\nIyer;Rahul;YRIRHL96L19A944K", "Rahul"),
        ("cognome;nome;telefono\nQorvath;Zwyx;+39 312 392 0134", "Zwyx"),
    ],
)
def test_salutations_table_columns_and_past_tense_verbs(text: str, name: str) -> None:
    assert name in names(text)


def test_an_assistant_that_did_something_is_still_a_product() -> None:
    assert names("did anyone try Llama vs Gemini? Alexa hallucinated an order number") == []
