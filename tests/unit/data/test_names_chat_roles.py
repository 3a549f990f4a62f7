"""Names in chat turns and after document role labels: a chat speaker who is a common given
name in Cyrillic or Arabic script, the given names a chat's messages mention, Arabic given and
family names, CJK names after referral, court, police-report and programme labels; and the
look-alikes that must stay unflagged: the writer's own turn ("Meg:", "Io:"), family roles,
companies after a role label, place names built on a given name."""

from __future__ import annotations

import pytest

from secplan.data.cjk_names import find_cjk_names
from secplan.data.detect import Detector
from secplan.data.script_names import find_script_names


def _persons(text: str) -> list[str]:
    return [text[s.start : s.end] for s in Detector().analyze(text) if s.label == "PERSON"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ольга: ты дома?\nЯ: скоро\nОльга: жду, Сергей тут", ["Ольга", "Ольга", "Сергей"]),
        ("Максим: билеты взял\nЯ: отлично", ["Максим"]),
        ("يوسف: وصلت؟\nأنا: بعد قليل", ["يوسف"]),
        ("سارة: أين أنت؟\nأنا: في الطريق\nسارة: حسنا، خالد معي", ["سارة", "سارة", "خالد"]),
        ("عزيزي خالد، تم استلام طلبك.", ["خالد"]),
        ("المتحدثون: خالد الزهراني ومريم القحطاني.", ["خالد الزهراني", "مريم القحطاني"]),
        ("تم التوقيع من قبل سارة الدوسري، المدير", ["سارة الدوسري"]),
    ],
)
def test_cyrillic_and_arabic_chat_and_pairs(text: str, names: list[str]) -> None:
    assert [text[s.start : s.end] for s in find_script_names(text)] == names


@pytest.mark.parametrize(
    "text",
    [
        "Я: скоро буду\nМама: хорошо",  # no given-name speaker: no chat between named people
        "Москва: погода на неделю",
        "زرنا جامعة الملك خالد الجديدة",  # a university named after a king
        "الطريق إلى مسجد خالد الكبير",  # "خالد" after a place word
        "وصلنا إلى شارع سارة الجديد",
        "أمل: الجميع بخير",  # "hope" is an everyday word
        "موعدنا مع خالد اليوم",  # "today" is no family name
    ],
)
def test_arabic_and_cyrillic_look_alikes(text: str) -> None:
    # no span of two words (a given name made a full name) and no chat speaker
    found = [text[s.start : s.end] for s in find_script_names(text)]
    assert [f for f in found if " " in f or f in ("أمل", "Мама")] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("转诊单\n转诊医生：林志强\n电话：010", "林志强"),
        ("起诉状\n原告：郭敏，住址：北京市", "郭敏"),
        ("报案人：何静\n时间：2024", "何静"),
        ("整理者：罗丹", "罗丹"),
        ("訴状\n原告：松本健太\n被告：", "松本健太"),
        ("処方医：井上陽子", "井上陽子"),
        ("소장\n원고: 강민서\n피고: 주식회사", "강민서"),
        ("처방전\n환자명: 윤서연\n생년월일", "윤서연"),
        ("10:00 개회사 – 송지호 교수", "송지호"),
    ],
)
def test_cjk_names_after_document_role_labels(text: str, name: str) -> None:
    assert name in [text[s.start : s.end] for s in find_cjk_names(text)]


@pytest.mark.parametrize(
    "text",
    [
        "被告：华为有限公司\n地址：深圳",  # a company after a role label
        "피고: 기아자동차\n주소: 서울",
        "소장\n사건번호: 2024가단1234",  # "case number" opens with a family name's syllable
        "가정통신문\n학부모님께",
    ],
)
def test_cjk_role_labels_skip_companies_and_headings(text: str) -> None:
    assert find_cjk_names(text) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Sigrid: kommer du?\nMeg: ja, med Lars\nSigrid: fint", ["Sigrid", "Lars", "Sigrid"]),
        ("Giulia: ci sei?\nIo: sì, arrivo con Marco\nGiulia: ok", ["Giulia", "Marco", "Giulia"]),
        ("Karin: ses vi?\nJag: ja!\nKarin: bra", ["Karin", "Karin"]),
        ("Lucía: ¿vienes?\nYo: sí, voy con Pablo\nMamá: ok", ["Lucía", "Pablo"]),
    ],
)
def test_chat_self_turns_are_no_names_and_mentions_are(text: str, names: list[str]) -> None:
    assert _persons(text) == names


def test_chat_mention_needs_a_chat() -> None:
    # a known given name in running text is not made a person by this rule alone
    assert _persons("Meg: 3 GB\nIo: 12 MB/s") == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Turkish "Ben:" is "I"; an English chat's Ben is a person
        (
            "Selin: buluşalım mı?\nBen: olur, Özlem de gelir\nSelin: tamam",
            ["Selin", "Özlem", "Selin"],
        ),
        ("Anna: where are you?\nBen: at the station\nAnna: ok", ["Anna", "Ben", "Anna"]),
        ("Sponsored by Ben & Jerry's Research", []),
        ("Thanks Ben & Anna for the help", ["Ben", "Anna"]),
    ],
)
def test_turkish_self_turn_and_brand_pairs(text: str, names: list[str]) -> None:
    assert _persons(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "Elternbrief\nLiebe Eltern,\nab Montag beginnt die Projektwoche",
        "Sayın Veliler,\nokulumuz kapalıdır",
        "Semana de Tecnologia – Programação\n09:00 Abertura",
        "Ticket 4411 – Rückerstattung\nHallo Team",
        "REFERRAL – Cardiology\nReason: chest pain",
        "Hoja de derivación – Centro de Salud\nMotivo: control",
    ],
)
def test_addressees_and_headings_are_no_names(text: str) -> None:
    assert _persons(text) == []


def test_street_with_abbreviated_type_is_no_surname() -> None:
    text = "Adres: Çınar Sok. No: 7 D: 3, 06420 Çankaya/Ankara"
    assert _persons(text) == []
    assert _persons("Contact Lois Lane 5 times") == ["Lois Lane"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("美咲：着いた？\n自分：もうすぐ\n美咲：はーい", ["美咲", "美咲"]),
        ("지우: 어디야?\n나: 거의 다 왔어\n지우: 응", ["지우", "지우"]),
        ("婷：到了吗？\n我：马上\n婷：好的", ["婷", "婷"]),
    ],
)
def test_cjk_chat_turns_beside_the_writers_own(text: str, names: list[str]) -> None:
    assert [text[s.start : s.end] for s in find_cjk_names(text)] == names


@pytest.mark.parametrize(
    "text",
    [
        "主题：会议纪要\n我：同意\n备注：无",  # form labels open one line each
        "美咲：着いた？\n美咲：はーい",  # no turn of the writer's: not read as a chat
    ],
)
def test_cjk_chat_turns_need_the_writer_and_repeated_turns(text: str) -> None:
    assert find_cjk_names(text) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("20:00 Lightning talks: Daan, Lotte en Bram", ["Daan", "Lotte", "Bram"]),
        ("Vortragende: Lena und Jonas", ["Lena", "Jonas"]),
        ("Colours: Red, Green and Blue", []),
        ("Villes : Paris, Lyon et Nice", []),
    ],
)
def test_lists_of_given_names_after_a_colon(text: str, names: list[str]) -> None:
    assert _persons(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Vortrag von Dr. Petra Lang (Universität Potsdam)", ["Petra Lang"]),
        ("Wohnung nahe Aeroporto Tom Jobim", []),
        ("Lessons from Sturmtief Kyrill", []),
        ("Die Fähre Peter Pan legt ab", []),
        ("Storm Eunice closed the roads", []),
        ("Ask the airport John Smith", ["John Smith"]),
    ],
)
def test_institution_place_and_storm_openers(text: str, names: list[str]) -> None:
    assert _persons(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("안녕하세요, 강지훈 고객님. 환불이 완료되었습니다.", ["강지훈"]),
        ("안녕하세요, 이번 주 공지입니다.", []),
        ("안녕하세요, 고객님", []),
        ("의뢰 사유: 검사\n의뢰 의사: 문서연\n", ["문서연"]),
    ],
)
def test_korean_greeting_and_referring_doctor(text: str, names: list[str]) -> None:
    assert [text[s.start : s.end] for s in find_cjk_names(text)] == names
