"""National ids of Greece (AMKA), Israel (teudat zehut), India (Aadhaar), Thailand (citizen
id) and Ukraine (RNTRC) after their names; dates of birth with the month names of more
languages, Hungarian, Vietnamese and Thai (Buddhist era) dates; passport words of more
languages; password words of more languages; tracking numbers that pass a check digit stay
unreported."""

from __future__ import annotations

import pytest

from secplan.data.detect import Detector


def _found(text: str, label: str) -> list[str]:
    return [text[s.start : s.end] for s in Detector().analyze(text) if s.label == label]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Στοιχεία ασφαλισμένου\nΑΜΚΑ: 15038512347\n", "15038512347"),
        ("פרטי לקוח\nת.ז.: 314159260\n", "314159260"),
        ("מספר זהות 314159260", "314159260"),
        ("ग्राहक विवरण\nआधार संख्या: 4321 8765 4325\n", "4321 8765 4325"),
        ("เลขประจำตัวประชาชน 3-1005-00123-45-8", "3-1005-00123-45-8"),
        ("Анкета\nРНОКПП: 3012456780\n", "3012456780"),
    ],
)
def test_national_ids_with_their_words(text: str, value: str) -> None:
    assert _found(text, "NATIONAL_ID") == [value]


@pytest.mark.parametrize(
    "text",
    [
        "Order 15038512347 shipped",
        "ref 314159260",
        "Seurantakoodi 432187654325 lähetetty",
        "Αριθμός αποστολής 432187654325",
        "Invoice total 3012456780",
        "ID 3012456781 ok",  # a wrong check digit
    ],
)
def test_numbers_without_id_words(text: str) -> None:
    assert _found(text, "NATIONAL_ID") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Narozen: 4. května 1971\nAdresa", "4. května 1971"),
        ("Data nașterii: 9 septembrie 1983", "9 septembrie 1983"),
        ("Syntymäaika: 3. helmikuuta 1990", "3. helmikuuta 1990"),
        ("Született: 1979. március 15.", "1979. március 15."),
        ("Ngày sinh: ngày 2 tháng 9 năm 1985", "ngày 2 tháng 9 năm 1985"),
        ("Ημερομηνία γέννησης: 14 Μαΐου 1966", "14 Μαΐου 1966"),
        ("תאריך לידה: 12.4.1975", "12.4.1975"),
        ("जन्म तिथि: 5 अगस्त 1992", "5 अगस्त 1992"),
        ("วันเกิด: 5 ธันวาคม 2520", "5 ธันวาคม 2520"),
        ("Дата народження: 7 березня 1988 р.", "7 березня 1988"),
        ("Tarehe ya kuzaliwa: 3 Machi 1979", "3 Machi 1979"),
    ],
)
def test_birth_dates_in_more_languages(text: str, value: str) -> None:
    assert _found(text, "DATE_OF_BIRTH") == [value]


@pytest.mark.parametrize(
    "text",
    ["Dodání: 4. května 2021", "Giao hàng ngày 2 tháng 9 năm 2021", "ส่งของ 5 ธันวาคม 2560"],
)
def test_other_dates_are_not_birth_dates(text: str) -> None:
    assert _found(text, "DATE_OF_BIRTH") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Číslo pasu: 40512387", "40512387"),
        ("Số hộ chiếu C1234567", "C1234567"),
        ("Αρ. διαβατηρίου AB1234567", "AB1234567"),
        ("דרכון: 31234567", "31234567"),
        ("पासपोर्ट संख्या: K4567123", "K4567123"),
        ("หนังสือเดินทาง AA1234567", "AA1234567"),
        ("Паспорт: FE123456", "FE123456"),
    ],
)
def test_passports_in_more_languages(text: str, value: str) -> None:
    assert _found(text, "PASSPORT") == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Nenosiri la admin: Tz8#qLm2Wv", "Tz8#qLm2Wv"),
        ("รหัสผ่าน admin: Tz8#qLm2Wv", "Tz8#qLm2Wv"),
        ("Пароль: Tz8#qLm2Wv", "Tz8#qLm2Wv"),
        ("Jelszó: Tz8#qLm2Wv", "Tz8#qLm2Wv"),
        ("Staging. Login: deploy / Tz8#qLm2Wv. Owner: ops.", "Tz8#qLm2Wv"),
    ],
)
def test_passwords_after_words_of_more_languages(text: str, value: str) -> None:
    assert _found(text, "API_KEY") == [value]


def test_a_password_word_without_a_password() -> None:
    assert _found("Пароль: змініть після входу", "API_KEY") == []
