"""Names that the text's structure marks, whether or not a name list knows them: chat
speakers, mentions, commit trailers, display names before an address, reminders, and the
family name written first."""

from __future__ import annotations

import pytest

from secplan.data.detect import Detector
from secplan.data.names import find_names


def _names(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_names(text)]


def _persons(text: str) -> list[str]:
    return [text[s.start : s.end] for s in Detector().analyze(text) if s.label == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("[1775342478] Zorbek: paying for the group order", "Zorbek"),
        ("[2026-11-09 11:58:38] Quintessa: my wallet is empty", "Quintessa"),
        ("[2024-07-16T03:13:34.418+01:00] Yarvelle: my new number is", "Yarvelle"),
        ("Madison: nit, don't hardcode it\nOrlanthe: good catch", "Orlanthe"),
        ("@Zorbek the fixture still has a real card", "Zorbek"),
        ("Zorbek — Today at 21:14\nsend the coins", "Zorbek"),
        ("Fixes the crash.\n\nCo-authored-by: Zorbek Quandt <zq@example.org>", "Zorbek Quandt"),
        ("Reviewed-by: Zorbek Quandt", "Zorbek Quandt"),
        ("Reminder: Zorbek, your appointment is on Monday", "Zorbek"),
        ("Lembrete: Quintessa, sua consulta é amanhã", "Quintessa"),
        ("Emlékeztető: Farkas Lili, időpontja holnap", "Farkas Lili"),
        ("Vevő: Varga Ádám, Budapest", "Varga Ádám"),
    ],
)
def test_structure_marks_a_name_no_list_knows(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hosts: gateway ::1, docs example\nVendors: Heineken, Carlsberg",
        "Server: nginx\nStatus: ok",
        "Name: Frieda Meyer\nEmail: fm@example.org\nMessage: please delete my data",
        "[2023-05-01 10:00:00] Nutzer: Wie weit ist es nach Berlin?",
        "[2023-05-01 10:00:00] Cliente: quiero cambiar mi pedido",
        "[00:10:09] Gast: Danke für die Einladung",
        "@Override public void run() {}",
        "Suggestion: use Xavier initialization instead",
    ],
)
def test_labels_roles_and_annotations_are_not_speakers(text: str) -> None:
    words = {"Hosts", "Vendors", "Server", "Status", "Message", "Nutzer", "Cliente", "Gast"}
    assert not (set(_persons(text)) & (words | {"Override", "Suggestion"}))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jade : attention, le fichier .env contient une clé", "Jade"),
        ("Jan Kowalczyk (Teams): Der Build läuft wieder", "Jan Kowalczyk"),
        ("Employee\tSSN\tHome address\nTurner, Quintessa\t000\t12 Oak Street", "Quintessa"),
        ("Cognome\tNome\tCodice fiscale\nZorbek\tRodrigo\tX", "Zorbek"),
        ("first_name=Leo&last_name=Hill&email=a@example.org", "Hill"),
    ],
)
def test_names_in_openings_tables_and_word_surnames(text: str, name: str) -> None:
    assert name in _persons(text)


@pytest.mark.parametrize("text", ["See you on Jan 5", "Name\tVersion\nRedis\t7.2"])
def test_months_and_product_tables_stay_quiet(text: str) -> None:
    assert _persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Caller Alfie Hill rang about the parcel", "Alfie Hill"),
        ("Müşteri Oğuz Doğan aradı", "Oğuz Doğan"),
        ("Vevő: Juhász Lili, Szeged", "Juhász Lili"),
        ("Please ask Oluwaseun Adebayo about it", "Oluwaseun Adebayo"),
    ],
)
def test_common_names_of_more_countries(text: str, name: str) -> None:
    assert name in _persons(text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("radiusd: Login OK: [Willow.Hill] (from client ap-3f", ["Willow", "Hill"]),
        ("VPN: Benutzer Felix.Zimmermann angemeldet", ["Felix", "Zimmermann"]),
    ],
)
def test_dotted_login_names(text: str, names: list[str]) -> None:
    assert set(names) <= set(_persons(text))


@pytest.mark.parametrize(
    "text", ["import Django.Template", "see docs.Python.org", "call Grace.Hopper() now"]
)
def test_dotted_code_and_domains_are_not_login_names(text: str) -> None:
    assert _persons(text) == []
