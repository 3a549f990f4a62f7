"""Identifiers, telephone numbers, passports and birth dates as Danish, Russian, Brazilian,
Polish, Arabic and German forms write them: CPR after "CPR-nr.", a person's INN (twelve digits,
two check digits) after "ИНН", a CPF as bare digits after "CPF", passport numbers after the
passport words of these languages, Russian numbers with the trunk prefix 8, Polish landlines
after a telephone word, Arabic birth words; and the same digits without those words stay
unflagged."""

from __future__ import annotations

import pytest

from secplan.data.detect import Detector


def _found(text: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.label) for s in Detector().analyze(text)]


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        # CPR: a birth date (31 January 1980) and four digits; the check digit is not required
        ("Patient, CPR-nr. 310180-1231, indlagt", "310180-1231", "NATIONAL_ID"),
        # INN: 12 digits whose last two are check digits (stdnum's own example 500100732259)
        ("Заявитель, ИНН 500100732259, адрес", "500100732259", "NATIONAL_ID"),
        # CPF: 11 digits, two check digits (390.533.447-05 written bare)
        ("inscrito no CPF sob o nº 39053344705, residente", "39053344705", "NATIONAL_ID"),
        ("Paciente, CPF 39053344705", "39053344705", "NATIONAL_ID"),
        ("المدعي، جواز سفر رقم K12345678", "K12345678", "PASSPORT"),
        ("1970 г. р., загранпаспорт 75 1234567", "75 1234567", "PASSPORT"),
        ("født 01.02.1960, pas nr. 206123456", "206123456", "PASSPORT"),
        ("Reisepass-Nr. C01X00T47", "C01X00T47", "PASSPORT"),
        ("المريض، تاريخ الميلاد: 1971-03-09", "1971-03-09", "DATE_OF_BIRTH"),
        ("المبلغ، مواليد 1980-11-02", "1980-11-02", "DATE_OF_BIRTH"),
        ("Клиент, тел. 8 (812) 312-45-67", "8 (812) 312-45-67", "PHONE_NUMBER"),
        ("ФИО;Телефон\nИван Петров;8 (495) 123-45-67", "8 (495) 123-45-67", "PHONE_NUMBER"),
        ("ur. 1950, tel. 22 628 12 34", "22 628 12 34", "PHONE_NUMBER"),
    ],
)
def test_identifiers_after_their_words(text: str, value: str, label: str) -> None:
    assert (value, label) in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Bestellung 500100732259 vom Mai",  # a valid INN's digits without ИНН
        "order 39053344705 shipped",  # a valid CPF's digits without CPF
        "Wynik 22 628 12 34 punktów",  # the Polish shape without a telephone word
        "Сумма 8 (2024) 11-22-33",  # brackets around a year, no telephone
        "Партия 75 1234567 отгружена",  # the passport shape without a passport word
    ],
)
def test_same_digits_without_their_words(text: str) -> None:
    assert [f for f in _found(text) if f[1] != "PERSON"] == []
