# ruff: noqa: E501
"""Dates of birth, national identifiers, passports, credentials and e-mail look-alikes."""

from __future__ import annotations

import datetime as dt

import pytest

from secplan.data.context import header_words
from secplan.data.dates import birth_dates_after_names
from secplan.data.detect import Detector
from secplan.data.spans import Span

D = Detector()


def found(text: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.label) for s in D.analyze(text)]


def test_header_words_name_the_column_of_a_table_written_in_text() -> None:
    text = "naam;bsn;geboortedatum\nAnna de Vries;111222333;01-02-1990"
    assert header_words(text, text.index("01-02")) == {"geboortedatum"}
    assert header_words(text, text.index("1112")) == {"bsn"}
    assert header_words("no table here, 01-02-1990", 16) == set()
    # a block without a header line (every line has digits) gives nothing
    rows = "a;1;2\nb;3;4\nc;5;6"
    assert header_words(rows, rows.index("5")) == set()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("naam;bsn;geboortedatum;telefoon\nWouter Hendriks;660874982;19 november 1944;+31 10 111 9875", "19 november 1944"),
        ("nome;cpf;data_nascimento\nGonçalo Ferreira;605.878.906-06;7 de março de 1947", "7 de março de 1947"),
        ("nazywam się Tomasz Zając, urodzony 26 czerwca 1992 r. w Krakowie", "26 czerwca 1992"),
        ("T.C. kimlik numaram 85944821720, doğum tarihim 14 Mart 2005.", "14 Mart 2005"),
        ("And your date of birth is 14-Oct-1982, right?", "14-Oct-1982"),
        ("Referral: Ms Costa (06/28/1980) to physiotherapy", "06/28/1980"),
        ("nato il 3 gennaio 1971 a Torino", "3 gennaio 1971"),
    ],
)  # fmt: skip
def test_dates_of_birth(text: str, value: str) -> None:
    assert (value, "DATE_OF_BIRTH") in found(text)


def test_a_recent_date_after_a_name_is_not_a_birth_date() -> None:
    text = "Meeting with Anna Weber (03/05/2024) about the rollout"
    assert [v for v, label in found(text) if label == "DATE_OF_BIRTH"] == []
    names = [Span(13, 23, "PERSON", 0.9)]
    today = dt.date(2026, 1, 1)
    assert birth_dates_after_names(text, names, today=today) == []
    old = "Patient Anna Weber (03/05/1961) seen"
    got = birth_dates_after_names(old, [Span(8, 18, "PERSON", 0.9)], today=today)
    assert [old[s.start : s.end] for s in got] == ["03/05/1961"]


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("T.C. kimlik numaram 98018056546, doğum tarihim", "98018056546", "NATIONAL_ID"),
        ("D. Alejandro Álvarez envió su DNI 68083891 G por chat", "68083891 G", "NATIONAL_ID"),
        ("Name: Krause, Finn\nSteuer-IdNr.: 52170914363\nIBAN:", "52170914363", "NATIONAL_ID"),
        ("Reisebuchung: Reisepassnummer FM94865ZK, Kreditkarte", "FM94865ZK", "PASSPORT"),
        ("la copie de votre passeport (44EA29480).", "44EA29480", "PASSPORT"),
        ("booking for Madison Rose passport=382739329 nationality=GB", "382739329", "PASSPORT"),
        ("passport_no,surname,given_names\n648123568,Larsson,Ingrid", "648123568", "PASSPORT"),
    ],
)
def test_identifiers(text: str, value: str, label: str) -> None:
    assert (value, label) in found(text)


def test_a_number_after_equals_is_not_a_commit_hash_but_a_hex_one_is() -> None:
    assert found("build=3f2a9c1b merged") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('WACHTWOORD = "Dragon538#"', "Dragon538#"),
        ('MOT_DE_PASSE = "glacier-glacier-pepper-anchor"', "glacier-glacier-pepper-anchor"),
        ("Das Passwort Marzipan463! stand seit gestern im Repo", "Marzipan463"),
        ("wifi password at the office?\nDaan: Mariposa468! (don't share it)", "Mariposa468"),
        ("keine Passwörter in den Kanal\nDieter: sorry, das war Cielo1050?, ändere ich", "Cielo1050"),
        ("Le jeton cd34856fb17b59837d6aa16de5c23750 était dans settings.py", "cd34856fb17b59837d6aa16de5c23750"),
    ],
)  # fmt: skip
def test_passwords_and_tokens(text: str, value: str) -> None:
    assert (value, "API_KEY") in found(text)


@pytest.mark.parametrize(
    "text",
    [
        'password = os.environ["DB_PASSWORD"]',
        'PASSWORD = "<YOUR_PASSWORD>"',
        "the password is required for login",
        'PASSWORD = "********"',
        'token = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
        "Merci de nous transmettre la copie de votre passeport demain.",
    ],
)
def test_placeholders_are_not_credentials(text: str) -> None:
    assert [v for v, label in found(text) if label == "API_KEY"] == []


@pytest.mark.parametrize(
    "address",
    ["soporte@mercadolibre.com", "atendimento@nubank.com.br", "kundenservice@shop.de"],
)  # fmt: skip
def test_sample_and_role_mailboxes_are_not_personal(address: str) -> None:
    assert found(f"write to {address} today") == []


def test_a_personal_mailbox_is_found() -> None:
    assert found("write to chloé.okafor@mail.fr today") == [
        ("chloé.okafor@mail.fr", "EMAIL_ADDRESS")
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("o meu número novo é (11) 96175-3547", "(11) 96175-3547"),
        ("teléfono 612 08 62 49.\n\nUn saludo", "612 08 62 49"),
        ("paketet kom aldrig fram. Ring 40 76 66 51.", "40 76 66 51"),
    ],
)
def test_national_phone_numbers_of_more_countries(text: str, value: str) -> None:
    assert (value, "PHONE_NUMBER") in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ärende SR 518-251-2630: paketet kom aldrig fram",
        "Incidencia SR 071-959-2696: Apollo falla",
        "Rua Direita, 19, 01310-100 São Paulo - SP",
    ],
)
def test_ticket_numbers_and_postcodes_are_not_phones(text: str) -> None:
    assert [v for v, label in found(text) if label == "PHONE_NUMBER"] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Lieferadresse: Berliner Straße 44, 80331 München. Rückruf", "Berliner Straße 44, 80331 München"),
        ("adresim Atatürk Caddesi No: 227 D: 8, 06420 Ankara.", "Atatürk Caddesi No: 227 D: 8, 06420 Ankara"),
        ("jag bor nu på Karl Johans gate 121, 111 22 Stockholm.", "Karl Johans gate 121"),
        ("mój nowy adres to al. Jerozolimskie 2, 00-238 Warszawa", "al. Jerozolimskie 2"),
    ],
)  # fmt: skip
def test_street_addresses_of_more_countries(text: str, value: str) -> None:
    got = [v for v, label in found(text) if label == "STREET_ADDRESS"]
    assert any(value in v for v in got), got


def test_a_product_and_its_version_are_not_an_address() -> None:
    assert found("Getestet mit Apache Spark 12.4.2.7.") == []


def test_a_commit_id_after_a_password_word_is_not_a_key() -> None:
    text = "Das Passwort Marzipan463! stand seit 334096ff75e2240729e4a0d31655a1a5d081bd98 im Repo."
    assert found(text) == [("Marzipan463", "API_KEY")]
