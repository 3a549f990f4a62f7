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


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("회의록\n참석자: 김하늘, 박도윤", ["김하늘", "박도윤"]),
        ("会议记录\n出席：王建国、李丽", ["王建国", "李丽"]),
        ("論文\n著者：山田花子", ["山田花子"]),
        ("租赁合同\n承租方：陈志强", ["陈志强"]),
        ("임대차 계약서\n임차인: 이수민", ["이수민"]),
        ("매물 안내, 집주인 최영호 연락 바랍니다", ["최영호"]),
        ("致谢\n感谢林静对本文的帮助。", ["林静"]),
        ("致谢\n感谢林静教授和周子豪博士的指导。", ["林静", "周子豪"]),
        ("著者：山田花子（京都大学）、佐藤 健（大阪大学）", ["山田花子", "佐藤 健"]),
        ("감사의 글\n연구에 도움을 주신 한지우 님께 감사드립니다.", ["한지우"]),
    ],
)
def test_names_after_role_labels_and_thanks(text: str, names: list[str]) -> None:
    assert _names(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "出席：全体成员",
        "作者：本公司编辑部",
        "感谢您的支持！",
        "感谢大家参与。",
        "感谢您和大家的支持",
        "집주인 직거래 매물",
        "참석자: 전원",
    ],
)
def test_role_labels_before_no_name_stay_clean(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("【留守番電話】「田中美咲と申します。注文番号 9478494034 の件で", "田中美咲"),
        ('【语音留言】"你好，我是张雨桐，关于订单 493-3339467', "张雨桐"),
        ("> 在 2024年8月13日，赵勇 写道：\n> 请发一下收款账户。", "赵勇"),
        ("手机号是 +86 10 2053 0103。\n\n黄勇\n\n> 在 2024年8月13日", "黄勇"),
        ("先日の件、再送いたします。\n\n吉田陽翔\n携帯：+81 3-1946-0000", "吉田陽翔"),
        ("저는 김민준입니다. 연락처는", "김민준"),
        ("家长：马秀英\u3000电话：131", "马秀英"),
        ("届出人：鈴木真由美（1972年3月12日生）", "鈴木真由美"),
    ],
)
def test_names_after_self_introductions_before_wrote_and_in_signatures(
    text: str, name: str
) -> None:
    assert _names(text) == [name]


@pytest.mark.parametrize(
    "text",
    ["高速公路\n\n注意安全", "会议纪要\n\n王府井大街 1 号", "第三章\n\n结论"],
)
def test_a_heading_alone_on_a_line_is_no_signature(text: str) -> None:
    assert _names(text) == []
