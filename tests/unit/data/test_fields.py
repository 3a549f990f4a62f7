"""Values of named fields in text: JSON and YAML keys, SQL INSERTs, vCards, forms, mentions."""

from __future__ import annotations

from secplan.data.detect import Detector
from secplan.data.fields import field_key, find_fields
from secplan.data.spans import Entity


def _found(text: str) -> set[tuple[str, str]]:
    return {(text[s.start : s.end], s.label) for s in find_fields(text)}


def test_field_key_splits_snake_and_camel_case() -> None:
    assert field_key("user_name") == "user name"
    assert field_key("firstName") == "first name"
    assert field_key("Date-Of-Birth") == "date of birth"


def test_chat_export_speaker_is_a_person() -> None:
    text = '{"type": "message", "user_name": "Hamza", "text": "build b902287 is out"}'
    assert ("Hamza", Entity.PERSON) in _found(text)


def test_name_field_with_a_product_or_handle_is_not_a_person() -> None:
    assert _found('{"user_name": "ci-bot", "name": "Llama 3", "display_name": "deploy"}') == set()


def test_sql_insert_columns_name_their_values() -> None:
    text = (
        "INSERT INTO kunden (nachname, vorname, geburtsdatum, iban) VALUES "
        "('Rusu', 'Elena', '16. April 1976', 'DE10 7503 9724 4594 1095 50');"
    )
    found = _found(text)
    assert ("Rusu", Entity.PERSON) in found
    assert ("Elena", Entity.PERSON) in found
    assert ("16. April 1976", Entity.DATE_OF_BIRTH) in found


def test_sql_insert_other_columns_are_not_read() -> None:
    text = "INSERT INTO releases (product, shipped) VALUES ('Renault Clio', '2019-05-22');"
    assert _found(text) == set()


def test_vcard_name_and_birthday() -> None:
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nN:Papadopoulos;Georgia;;;\nFN:Georgia Papadopoulos\n"
        "BDAY:1985-09-28\nEND:VCARD"
    )
    found = _found(text)
    assert {("Papadopoulos", "PERSON"), ("Georgia", "PERSON")} <= found
    assert ("Georgia Papadopoulos", Entity.PERSON) in found
    assert ("1985-09-28", Entity.DATE_OF_BIRTH) in found


def test_form_labels_and_inverted_names() -> None:
    text = (
        "Reisepass\nName: Frank\nVornamen: Uwe\nArbeitnehmer: Hill, Austin\nGeburtstag: 02.03.1990"
    )
    found = _found(text)
    assert {("Frank", "PERSON"), ("Uwe", "PERSON"), ("Hill, Austin", "PERSON")} <= found
    assert ("02.03.1990", Entity.DATE_OF_BIRTH) in found


def test_a_date_in_another_field_is_not_a_birth_date() -> None:
    assert _found("created: 2019-05-22\nname: web\nupdated_at: 02.03.1990") == set()


def test_jira_mention_is_a_person() -> None:
    assert ("Dylan", Entity.PERSON) in _found("[~Dylan] I reproduced it with the export.")
    assert _found("[~ci-bot] rerun") == set()


def test_detector_reports_field_values() -> None:
    spans = Detector().analyze('{"first_name": "Youssef", "dob": "1981-09-24"}')
    labels = {s.label for s in spans}
    assert {Entity.PERSON, Entity.DATE_OF_BIRTH} <= labels


def test_a_bare_name_field_of_a_vendor_or_product_is_not_a_person() -> None:
    assert _found("vendor:\n  name: Pirelli\n  hq: Dallas\n  support: a@b.example") == set()
    assert _found("INSERT INTO produtos (nome, versao) VALUES ('Claude', '15.4.0');") == set()
    people = "INSERT INTO users (name, email) VALUES ('Maria Rossi', 'm@x.example');"
    assert ("Maria Rossi", Entity.PERSON) in _found(people)


def test_upper_case_inverted_names_on_cards_and_statements() -> None:
    found = _found("RÉPUBLIQUE FRANÇAISE\nCARTE VITALE\nROUX, Benoît\nN° 1690608")
    assert ("ROUX, Benoît", Entity.PERSON) in found
    assert ("YOUNG, Cameron", Entity.PERSON) in _found("STATEMENT\nYOUNG, Cameron\n131 Pine Ct")
    assert _found("Offices\nPARIS, France\nNEW YORK, Brooklyn\n") == set()


def test_label_and_value_split_by_one_blank() -> None:
    text = "PASSPORT\nSurname Okonkwo\nGiven names Temitope\nDate of birth 1981-08-06"
    found = _found(text)
    assert {("Okonkwo", "PERSON"), ("Temitope", "PERSON")} <= found
    assert ("1981-08-06", Entity.DATE_OF_BIRTH) in found
    assert _found("Summary\nName resolution failed on 2021-02-03\nBirth rate 1.4") == set()


def test_malformed_inserts_are_read_in_one_pass() -> None:
    unterminated = "INSERT INTO users (name, email) VALUES ('Maria Rossi, 'x"
    assert _found(unterminated) == set()
    endless = "INSERT INTO users (first_name) VALUES " + "('Anna'), " * 50_000
    found = find_fields(endless)
    assert 0 < len(found) <= 50_000
    nested = "INSERT INTO users (first_name) VALUES ((((('Anna'" + ")" * 10_000
    assert find_fields(nested) == []


def test_transcript_speakers_with_a_given_name() -> None:
    text = "[00:04:40] Rhys: So the run beat the baseline.\n[00:04:52] Savannah: By how much?"
    assert ("Savannah", Entity.PERSON) in _found(text)
    roles = "[00:00:04] Agent: Mit wem spreche ich?\n[00:00:06] CALLER: Hallo.\n[00:01] Bot: Hi"
    assert _found(roles) == set()
