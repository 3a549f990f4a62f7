"""Person names written in Chinese characters, Japanese kana or Korean Hangul.

These scripts have no capital letters and no spaces between words, so a name is found by what
marks it: a label before it (``氏名：``, ``申请人：``, ``이름:``), an honorific after it (``様``,
``先生``, ``님``), a chat speaker's place, or a table column named for names; and, except after
a label, by a family name that opens it (the most common family names of China, Japan and
Korea, from public statistics).

>>> [s.start for s in find_cjk_names("氏名：山本 美咲\\nメール：a@b.jp")]
[3]
>>> find_cjk_names("会議室の予約を確認しました。")
[]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from secplan.data.context import header_words
from secplan.data.spans import Entity, Span

_HAN = "\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_KANA = "\u3041-\u3096\u30a1-\u30fa\u30fc"
_HANGUL = "\uac00-\ud7a3"
_CJK = f"{_HAN}{_KANA}{_HANGUL}"

#: The most common family names (China: the Ministry of Public Security's ranking, simplified
#: and traditional forms; Japan: the common-surname rankings; Korea: Statistics Korea's census).
_CHINESE = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
    "莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪"
    "梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简"
    "車张張劉陳楊黃趙吳孫馬鄭謝許韓馮鄧蕭葉蘇呂盧鍾譚陸賈韋鄒龍賀顧龔萬錢湯嚴魯聶關藍蘭"
)
_CHINESE_DOUBLE = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "歐陽", "司馬", "諸葛")
_JAPANESE_TEXT = (
    "佐藤 鈴木 高橋 田中 伊藤 渡辺 渡邊 渡部 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 "
    "井上 木村 林 斎藤 斉藤 清水 山崎 森 池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 "
    "長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 福田 太田 西村 藤井 金子 岡本 藤原 中野 三浦 "
    "原田 中川 松田 竹内 小野 田村 中山 和田 石田 森田 上田 原 内田 柴田 酒井 宮崎 横山 高木 "
    "安藤 宮本 大野 小島 谷口 今井 工藤 高田 増田 丸山 杉山 村田 大塚 新井 小山 平野 藤本 河野 "
    "上野 野口 武田 松井 千葉 岩崎 菅原 木下 久保 佐野 野村 松尾 市川 菊地 杉本 古川 大西 島田 "
    "水野 桜井 高野 吉川 山内 西田 飯田 菊池 西川 小松 北村 安田 五十嵐 川口 平田 関 中田 "
    "久保田 服部 東 岩田 土屋 川崎 福島 本田 辻 樋口 秋山 田口 永井 山中 中西 吉村 川上 石原 "
    "大橋 松岡 馬場 浜田 森本 星野 矢野 浅野 大久保 松下 小池 野田 荒木 大谷 内藤 松浦 熊谷 "
    "黒田 尾崎 永田 川村 望月 田辺 松村 荒井 堀 大島 平井 早川 菅野 栗原 広瀬 横田 石橋 萩原 "
    "岩本 片山 関口 宮田 大石 高山 本間 吉岡 小田 岡 上原 新田 北川 松原 須藤 青山 中尾 西山 "
    "金井 松永 千田 大川"
)
_JAPANESE = tuple(_JAPANESE_TEXT.split())
_KOREAN = (
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진지엄채원천방공현함"
    "변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형계피두감음빈동온호"
)
_KOREAN_DOUBLE = ("남궁", "황보", "제갈", "선우", "독고", "사공", "서문")

#: Labels that introduce a person's name in forms, records and labels.
_LABELS = (
    "氏名",
    "お名前",
    "名前",
    "ご依頼主",
    "お客様名",
    "顧客名",
    "患者名",
    "担当者",
    "受取人",
    "届け先",
    "お届け先",
    "姓名",
    "名字",
    "申请人",
    "申請人",
    "联系人",
    "聯絡人",
    "收件人",
    "收货人",
    "收貨人",
    "寄件人",
    "客户",
    "客戶",
    "患者",
    "乘客",
    "旅客",
    "员工",
    "員工",
    "持卡人",
    "이름",
    "성명",
    "고객명",
    "고객",
    "신청인",
    "수취인",
    "받는분",
    "받는 분",
    "보내는분",
    "담당자",
    "환자",
    "예약자",
    "승객",
    "직원",
)
#: Labels of a role in minutes, credits and contracts: their value is a name only when it
#: opens with a family name (出席：全体成员 names nobody).
_ROLE_LABELS = (
    "出席者",
    "出席",
    "参加者",
    "作成者",
    "記録者",
    "著者",
    "貸主",
    "借主",
    "出席人",
    "出席人员",
    "参会人",
    "参会人员",
    "参加人员",
    "记录人",
    "主持人",
    "作者",
    "出租方",
    "承租方",
    "出租人",
    "承租人",
    "참석자",
    "참석",
    "작성자",
    "저자",
    "임대인",
    "임차인",
    "보호자",
    "家长",
    "家長",
    "届出人",
    "通報者",
    "申告者",
    "保護者",
    "负责人",
    "負責人",
    # referrals, prescriptions, court filings, police reports, programmes and dataset cards
    "转诊医生",
    "主治医师",
    "主治医生",
    "医生",
    "医师",
    "原告",
    "被告",
    "报案人",
    "报警人",
    "整理者",
    "维护者",
    "联系人",
    "经办人",
    "致辞",
    "开幕致辞",
    "报告人",
    "主讲人",
    "処方医",
    "主治医",
    "紹介医",
    "担当医",
    "担当者",
    "担当",
    "講演者",
    "환자명",
    "환자",
    "처방의",
    "담당의",
    "주치의",
    "원고",
    "피고",
    "신고인",
    "담당자",
    "공인중개사",
    "담당 공인중개사",
    "의뢰인",
    "발표자",
    "연사",
    "개회사",
    "의뢰 의사",
    "의뢰의",
    "의뢰 병원 담당의",
)
#: How a company's or an institution's name ends (被告：李宁有限公司, 피고: 현대자동차).
_ORG_ENDS = (
    "公司",
    "株式会社",
    "集团",
    "集團",
    "银行",
    "銀行",
    "大学",
    "医院",
    "病院",
    "자동차",
    "전자",
    "그룹",
    "은행",
    "병원",
    "대학교",
)
_LABEL_SET = frozenset(_LABELS + _ROLE_LABELS)
_LABEL_SOURCE = (
    "(?:"
    + "|".join(sorted(map(re.escape, _LABELS + _ROLE_LABELS), key=len, reverse=True))
    + r")(?:[ \t]{0,2}[：:]|[ \t]{1,2}[–—])[ \t]{0,2}"
)
#: A name after a label: a family name and a given name, a blank between them or none.
_AFTER_LABEL_SOURCE = (
    rf"[{_HAN}]{{1,3}}(?:[ \t\u3000][{_HAN}{_KANA}]{{1,4}}|[{_HAN}{_KANA}]{{0,3}})(?![{_CJK}])"
    rf"|[{_HANGUL}]{{1,2}}(?:[ \t][{_HANGUL}]{{1,3}}|[{_HANGUL}]{{1,3}})(?![{_CJK}])"
)
#: A name right before an honorific (様, さん, 先生, 女士, 님, 씨): the shortest given name
#: that ends there, so "山口湊様" gives 山口湊, not a longer run.
_HONORED_SOURCE = (
    rf"(?<![{_CJK}])(?:[{_HAN}]{{1,3}}[ \t\u3000]?[{_HAN}{_KANA}]{{1,3}}?"
    rf"|[{_HANGUL}]{{1,2}}[ \t]?[{_HANGUL}]{{1,3}}?)"
    r"(?=[ \t\u3000]?(?:様|さま|さん|殿|先生|女士|小姐|님|씨))"
)
#: Words that open with a family name's character but name a role or a thing.
_NOT_NAMES = frozenset(
    {
        "고객",
        "고객님",
        "사건번호",
        "가정통신문",
        "기상 특보",
        "기상특보",
        "선생",
        "고객센터",
        "상담원",
        "상담사",
        "사용자",
        "시스템",
        "운영자",
        "관리자",
        "안내",
        "알림",
        "공지",
        "주문",
        "배송",
        "문의",
        "확인",
        "예약",
        "결제",
        "진료",
        "봇",
        "客服",
        "用户",
        "司机",
        "医生",
        "管理员",
        "系统",
        "通知",
        "司会",
        "管理人",
        "お客",
        "お客様",
        "皆",
        "皆様",
        "各位",
        "주소",
        "이메일",
        "메일",
        "연락처",
        "전화",
        "메모",
        "비고",
        "상태",
        "성명",
        "이름",
        "주문번호",
        "住所",
        "電話",
        "地址",
        "电话",
        "邮箱",
        "备注",
        "状态",
        "手机",
        "金额",
        "合计",
        "전원",
        "없음",
        "미정",
        "全员",
        "全員",
        "未定",
    }
)
#: A candidate before an honorific or as a speaker: a run of the name scripts.
_RUN_SOURCE = (
    rf"(?<![{_CJK}])(?:[{_HAN}]{{1,3}}[ \t\u3000]?[{_HAN}{_KANA}]{{1,3}}"
    rf"|[{_HANGUL}]{{1,2}}[ \t]?[{_HANGUL}]{{1,3}})"
)
#: Between two names of a list, after an optional affiliation in brackets: 加藤大輔（東京大学）、
_LIST_SEP_SOURCE = r"(?:[ \t]?[（(][^）)\n]{1,40}[）)])?[ \t]{0,2}[、，,;；][ \t]{0,2}"
#: Words that name the person right after them, with no colon: 집주인 오혜진, 感谢郭芳,
#: 도움을 주신 윤은정.
_CUE_SOURCE = r"(?:집주인|임대인|感谢|感謝|致谢|도움을 주신|我是|我叫|저는)[ \t]?"
#: A name after such a word: a family name and one or two characters, ended by a character
#: that cannot belong to it (对, 的, 和 ...) or by the end of the run.
_TITLES = "教授|博士|老师|老師|先生|女士|同学|同學|医生|醫生|研究员|研究員"
_CUED_NAME_SOURCE = (
    rf"[{_HAN}]{{2,3}}(?=[对對的和与與在为為、，。,.!！\s]|{_TITLES}|$)"
    rf"|[{_HANGUL}]{{2,4}}(?![{_HANGUL}])|[{_HANGUL}]{{2,3}}(?=님|씨|께|에게|입니다|이에요|예요)"
)
#: A name right before the words that say who writes or speaks: 赵勇 写道, 田中美咲と申します.
_SAYS_SOURCE = (
    rf"(?<![{_CJK}])[{_HAN}]{{1,3}}[ \t\u3000]?[{_HAN}{_KANA}]{{1,3}}?"
    r"(?=[ \t]?(?:写道|寫道|と申します|と申し上げます|でございます))"
)
#: A signature: a name alone on a line after a blank one, at the end of the text or before
#: a quoted reply or a contact line (黄勇\n\n> 在…写道, 吉田陽翔\n携帯：…).
_SIGNED_SOURCE = (
    rf"\n[ \t]*\n[ \t]*([{_HAN}]{{2,4}}|[{_HAN}]{{1,3}}[ \t\u3000][{_HAN}{_KANA}]{{1,3}})[ \t]*"
    r"(?=$|\n[ \t]*(?:\n[ \t]*)?(?:>|携帯|電話|电话|手机|手機|Tel|TEL|Mobile|\+\d))"
)
#: Between two thanked names: a title, then "and" or a list mark (郭芳教授和张子轩博士).
_CUED_AND_SOURCE = rf"(?:{_TITLES})?[ \t]?(?:和|与|與|及|、|，|,)[ \t]?"
_NAME_COLUMNS = frozenset({"氏名", "お名前", "名前", "姓名", "名字", "이름", "성명", "고객명"})
_SPEAKER_SOURCE = r"[ \t]?[:：]"


class _Patterns(NamedTuple):
    label: re.Pattern[str]
    after_label: re.Pattern[str]
    honored: re.Pattern[str]
    run: re.Pattern[str]
    list_sep: re.Pattern[str]
    cue: re.Pattern[str]
    cued_name: re.Pattern[str]
    says: re.Pattern[str]
    signed: re.Pattern[str]
    cued_and: re.Pattern[str]
    speaker: re.Pattern[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    """The patterns above, compiled on the first text with a CJK character (most text has
    none, and a worker process need not pay for them)."""
    return _Patterns(
        re.compile(_LABEL_SOURCE),
        re.compile(_AFTER_LABEL_SOURCE),
        re.compile(_HONORED_SOURCE),
        re.compile(_RUN_SOURCE),
        re.compile(_LIST_SEP_SOURCE),
        re.compile(_CUE_SOURCE),
        re.compile(_CUED_NAME_SOURCE),
        re.compile(_SAYS_SOURCE),
        re.compile(_SIGNED_SOURCE),
        re.compile(_CUED_AND_SOURCE),
        re.compile(_SPEAKER_SOURCE),
    )


@lru_cache(maxsize=1)
def _family() -> frozenset[str]:
    return frozenset([*_CHINESE, *_CHINESE_DOUBLE, *_JAPANESE, *_KOREAN, *_KOREAN_DOUBLE])


def _opens_with_family(name: str) -> bool:
    family = _family()
    head = name.replace(" ", "").replace("\t", "").replace("\u3000", "")
    return any(head[:n] in family and len(head) > n for n in (3, 2, 1))


_CJK_CHAR = re.compile("[\u3005-\u9fff\uac00-\ud7a3]")


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Chinese, Japanese or Korean character."""
    return _CJK_CHAR.search(text) is not None


#: A chat turn: a short run of the name scripts and a colon at the start of a line.
_TURN = re.compile(rf"(?m)^[ \t]*([{_CJK}]{{1,4}})[ \t]?[:：]")
#: The writer's own turn in a chat export: "I", "me" (我：, 自分：, 나:).
_SELF_TURNS = frozenset({"我", "自己", "自分", "私", "僕", "俺", "나", "저", "본인"})


#: A greeting to someone by full name: 안녕하세요, 한서준 고객님 (a family name and two syllables).
_GREETED = re.compile(rf"안녕하세요[,!][ \t]?([{_HANGUL}]{{3}})(?![{_HANGUL}])")


def _chat_turns(text: str, add: Callable[[int, int, float], None]) -> None:
    """A chat between the writer ("我：", "自分：", "나:") and others: another who takes two
    turns or more is a person, whatever the name (丽：, 千尋：, 예린:); a form's labels
    (主题：, 地址：) open one line each."""
    turns = list(_TURN.finditer(text, 0, 4096))
    if len(turns) < 3 or not any(m.group(1) in _SELF_TURNS for m in turns):
        return
    said = Counter(m.group(1) for m in turns)
    for m in turns:
        name = m.group(1)
        if name in _SELF_TURNS or name in _NOT_NAMES or name in _LABEL_SET or said[name] < 2:
            continue
        add(m.start(1), m.end(1), 0.75)


def find_cjk_names(text: str) -> list[Span]:
    """PERSON spans of names in Chinese, Japanese or Korean script in ``text``."""
    if not has_cjk(text):
        return []
    p = _patterns()
    out: list[Span] = []
    taken: set[int] = set()

    def add(start: int, end: int, score: float) -> None:
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            out.append(Span(start, end, Entity.PERSON, score))

    _chat_turns(text, add)
    for m in _GREETED.finditer(text):
        if _opens_with_family(m.group(1)) and m.group(1) not in _NOT_NAMES:
            add(m.start(1), m.end(1), 0.8)
    for m in p.label.finditer(text):
        name = p.after_label.match(text, m.end())
        if name is None:
            continue
        value = name.group()
        family, sep, _ = value.replace("\u3000", " ").partition(" ")
        if sep and family not in _family():
            value = family  # 吉田蓮 旅券番号, 马秀英\u3000电话: the blank ends the name
        role = m.group().rstrip(" \t：:") in _ROLE_LABELS
        if role and not _opens_with_family(value):
            continue
        if len(value) >= 2 and value not in _NOT_NAMES and not value.endswith(_ORG_ENDS):
            add(name.start(), name.start() + len(value), 0.85)
        # 出席：徐勇、王芳、李强: the names that follow, one separator each
        end = name.start() + len(value)
        while (sep_m := p.list_sep.match(text, end)) is not None:
            more = p.after_label.match(text, sep_m.end())
            if more is None or not _opens_with_family(more.group()):
                break
            add(more.start(), more.end(), 0.8)
            end = more.end()
    for m in p.cue.finditer(text):
        name = p.cued_name.match(text, m.end())
        while name is not None and _opens_with_family(name.group()):
            if name.group() not in _NOT_NAMES:
                add(name.start(), name.end(), 0.8)
            joined = p.cued_and.match(text, name.end())
            name = p.cued_name.match(text, joined.end()) if joined is not None else None
    for m in p.says.finditer(text):
        if _opens_with_family(m.group()) and m.group() not in _NOT_NAMES:
            add(m.start(), m.end(), 0.8)
    for m in p.signed.finditer(text):
        if _opens_with_family(m.group(1)) and m.group(1) not in _LABEL_SET:
            add(m.start(1), m.end(1), 0.7)
    for m in p.honored.finditer(text):
        if _opens_with_family(m.group()) and m.group() not in _NOT_NAMES:
            add(m.start(), m.end(), 0.8)
    for m in p.run.finditer(text):
        value = m.group()
        if not _opens_with_family(value) or value in _NOT_NAMES or value in _LABEL_SET:
            continue
        start, end = m.start(), m.end()
        line = text.rfind("\n", 0, start) + 1
        before = text[line:start]
        if p.speaker.match(text, end) and (not before.strip() or before.endswith("] ")):
            if len(value) < 3 and not before.endswith("] "):
                continue  # a two-character label (주소:, 地址:) more often than a name
            if end - start >= 2 and not text[end : end + 3].lstrip(" \t").startswith(("//",)):
                add(start, end, 0.75)
            continue
        if header_words(text, start) & _NAME_COLUMNS:
            cell_end = end >= len(text) or text[end] in "\t;|,\n"
            if cell_end and (start == line or text[start - 1] in "\t;|,"):
                add(start, end, 0.8)
    return out
