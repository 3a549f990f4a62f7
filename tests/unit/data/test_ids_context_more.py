"""Identity, passport and telephone numbers after their words in more languages and scripts,
and a table's column deciding between a national id and a telephone number."""

from __future__ import annotations

import pytest

from secplan.data.detect import Detector


def _found(text: str) -> list[tuple[str, str]]:
    return [(s.label, text[s.start : s.end]) for s in Detector().analyze(text)]


@pytest.mark.parametrize(
    ("text", "label", "value"),
    [
        ("姓名\t身份证号\t手机\n孙丽\t110101199810234625\t131 2373 5294", "NATIONAL_ID",
         "110101199810234625"),
        ("姓名\t身份证号\t手机\n孙丽\t110101199810234625\t131 2373 5294", "PHONE_NUMBER",
         "131 2373 5294"),
        ("employee, national number 71.03.27-389.22, IBAN", "NATIONAL_ID", "71.03.27-389.22"),
        ("氏名：吉田蓮 旅券番号：TZ4065569 生年月日", "PASSPORT", "TZ4065569"),
        ("여권번호: M12345678 발급일", "PASSPORT", "M12345678"),
        ("Nazwisko i imię;PESEL;Telefon\nWójcik, Antoni;52090517195;512 994 455", "PHONE_NUMBER",
         "512 994 455"),
        ("Nazwisko i imię;PESEL;Telefon\nWójcik, Antoni;52090517195;512 994 455", "NATIONAL_ID",
         "52090517195"),
    ],
)  # fmt: skip
def test_numbers_after_their_words_and_under_their_columns(
    text: str, label: str, value: str
) -> None:
    assert (label, value) in _found(text)
