"""Query-string form submissions, upper-case family names before a comma, and dates of birth
written with East Asian unit signs or Hungarian full stops."""

from __future__ import annotations

import pytest

from secplan.data.dates import find_birth_dates
from secplan.data.detect import Detector


def _found(text: str, label: str) -> list[str]:
    return [text[s.start : s.end] for s in Detector().analyze(text) if s.label == label]


@pytest.mark.parametrize(
    ("text", "label", "value"),
    [
        ("first_name=Quintessa&last_name=Zorbek&email=q@example.org", "PERSON", "Quintessa"),
        ("first_name=Quintessa&last_name=Zorbek&email=q@example.org", "PERSON", "Zorbek"),
        ("nombre=Quintessa Zorbek&nie=Y1727927C&telefono=600111222", "PERSON", "Quintessa Zorbek"),
        ("card_holder=ZORBEK, Quintessa&card_number=4589", "PERSON", "ZORBEK, Quintessa"),
        (
            "civilite=Mme&nom=Zorbek&prenom=Ambre&naissance=1950-04-06",
            "DATE_OF_BIRTH",
            "1950-04-06",
        ),
        ("Traveller: ZORBEK, Quintessa · Passport 122216889", "PERSON", "ZORBEK, Quintessa"),
        ("SHIP TO:\nZORBEK, Quintessa\n12 Pine Road", "PERSON", "ZORBEK, Quintessa"),
    ],
)
def test_form_values_are_read_by_their_keys(text: str, label: str, value: str) -> None:
    assert value in _found(text, label)


@pytest.mark.parametrize(
    "text",
    [
        "https://shop.example/search?q=Paris&lang=en",
        "name=Redis&version=7&port=6379",
        "PARIS, France",
        "NOTE, Please read the manual",
    ],
)
def test_things_in_query_strings_and_headings_are_not_people(text: str) -> None:
    assert _found(text, "PERSON") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ご予約です。生年月日：1942年7月17日。変更は", "1942年7月17日"),
        ("申请人：胡强，出生日期：1991年11月15日，身份证", "1991年11月15日"),
        ("예약이 있습니다. 생년월일 2005년 1월 22일 확인 부탁드립니다.", "2005년 1월 22일"),
        ("időpontja 9:00. Születési dátum: 1968. 05. 15. Telefon:", "1968. 05. 15."),
        ("Termin um 08:15. Geb.-Datum zur Kontrolle: 11.08.1949.", "11.08.1949"),
    ],
)
def test_birth_dates_in_more_scripts_and_formats(text: str, value: str) -> None:
    assert value in [text[s.start : s.end] for s in find_birth_dates(text)]


@pytest.mark.parametrize(
    "text",
    ["会議は2024年7月17日です。", "Kiadás: 2024. 05. 15.", "出荷日：2021年3月5日"],
)
def test_other_dates_in_those_formats_are_not_birth_dates(text: str) -> None:
    assert find_birth_dates(text) == []
