"""Names in Chinese, Japanese and Korean script: after a label, before an honorific, as a
chat speaker and in a table's name column; never a role word or an ordinary sentence."""

from __future__ import annotations

import pytest

from secplan.data.cjk_names import find_cjk_names
from secplan.data.detect import Detector


def _names(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_cjk_names(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("氏名：吉田蓮 旅券番号：TZ0000000", "吉田蓮"),
        ("氏名：佐々木 陽翔 旅券番号", "佐々木 陽翔"),
        ("お名前：山本 美咲\nメール：a@example.jp", "山本 美咲"),
        ("申请人：胡强，出生日期：1991年11月15日", "胡强"),
        ("【予約確認】山口湊様、18/02/2025 14:00", "山口湊"),
        ("お届け先：大阪府大阪市北区梅田3-1-3 山本悠真 様 電話", "山本悠真"),
        ("[예약 알림] 서서윤님, 2027-04-01 오전 10시", "서서윤"),
        ("[2023-06-09T08:55:03Z] 조지우: 제 이메일은", "조지우"),
        ("姓名\t身份证号\t手机\n孙丽\t000\t131", "孙丽"),
        ("이름\t주민등록번호\t연락처\n이지후\t000\t010", "이지후"),
    ],
)
def test_cjk_names_by_their_marks(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize(
    "text",
    [
        "会議室の予約を確認しました。",
        "[2025-03-04T16:30:50Z] 봇: 등록 완료",
        "[2025-03-04T16:30:50Z] 고객센터: 안녕하세요",
        "申请人：",
        "東京都新宿区西新宿2-8-1",
        "商品\t価格\n高橋ビル\t100",
    ],
)
def test_roles_places_and_sentences_are_not_names(text: str) -> None:
    assert _names(text) == []


def test_detector_reports_cjk_names_as_persons() -> None:
    text = "氏名：渡辺翔太 旅券番号：TK0000000"
    assert ("PERSON", "渡辺翔太") in [
        (s.label, text[s.start : s.end]) for s in Detector().analyze(text)
    ]
