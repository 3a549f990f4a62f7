"""Ids and time stamps in named fields are not telephone numbers; a date that answers a
question about the birth date is one."""

from __future__ import annotations

from secplan.data.detect import Detector
from secplan.data.spans import Entity


def _by_label(text: str, label: str) -> list[str]:
    return [text[s.start : s.end] for s in Detector().analyze(text) if s.label == label]


def test_epoch_and_record_numbers_in_fields_are_not_phones() -> None:
    text = '{"user_name": "Holger", "text": "Nummer: +43 1 281215524", "ts": "1592261668"}'
    assert _by_label(text, Entity.PHONE_NUMBER) == ["+43 1 281215524"]
    sql = "INSERT INTO pedidos (numero, cliente) VALUES ('9613008846', 'Elena Ciobanu');"
    assert _by_label(sql, Entity.PHONE_NUMBER) == []
    sql = "INSERT INTO customers (id, phone) VALUES (9366163695, '+1 506-317-4604');"
    assert _by_label(sql, Entity.PHONE_NUMBER) == ["+1 506-317-4604"]


def test_a_date_answering_a_birth_date_question_is_a_birth_date() -> None:
    text = (
        "[00:00:09] AGENT: And the date of birth on the account?\n"
        "[00:00:12] CALLER: 1948-06-18.\n"
        "[00:00:15] AGENT: When did you open it?\n"
        "[00:00:18] CALLER: 2019-03-02."
    )
    assert _by_label(text, Entity.DATE_OF_BIRTH) == ["1948-06-18"]
