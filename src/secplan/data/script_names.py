"""Person names written in Cyrillic or Arabic script.

A Cyrillic name is found after a label (``ФИО:``, ``Автор:``, ``Арендатор:``) or as a common
given name next to a word with a surname's ending (``Ольга Попова``, ``Козлов Максим``). An
Arabic name is found after a label (``الاسم:``), after an honorific (``السيد``, ``الدكتورة``) or
on the line after a sign-off (``مع التحية،``). The given names are the most frequent ones in
public name statistics (Russia's civil registry rankings; the Arab states' birth registers).

>>> [s.start for s in find_script_names("ФИО: Дарья Михайлова")]
[5]
>>> find_script_names("Яндекс Маркет: скидки до 50%")
[]
"""

from __future__ import annotations

import re

from secplan.data.script_cues import find_cue_names
from secplan.data.spans import Entity, Span

_CYR_UP = "А-ЯЁ"
_CYR_LOW = "а-яё"
_CYR_WORD = rf"[{_CYR_UP}][{_CYR_LOW}]+(?:-[{_CYR_UP}][{_CYR_LOW}]+)?"
_ARABIC = "\u0621-\u064a\u0671-\u06d3"
_AR_WORD = rf"[{_ARABIC}][{_ARABIC}\u064b-\u065f]+"

_CYR_GIVEN = frozenset(
    [
        "Александр",
        "Алексей",
        "Анатолий",
        "Андрей",
        "Антон",
        "Аркадий",
        "Арсений",
        "Артём",
        "Артем",
        "Борис",
        "Вадим",
        "Валентин",
        "Валерий",
        "Василий",
        "Виктор",
        "Виталий",
        "Владимир",
        "Владислав",
        "Всеволод",
        "Вячеслав",
        "Геннадий",
        "Георгий",
        "Глеб",
        "Григорий",
        "Даниил",
        "Данил",
        "Денис",
        "Дмитрий",
        "Евгений",
        "Егор",
        "Иван",
        "Игорь",
        "Илья",
        "Кирилл",
        "Константин",
        "Лев",
        "Леонид",
        "Макар",
        "Максим",
        "Марк",
        "Матвей",
        "Михаил",
        "Никита",
        "Николай",
        "Олег",
        "Павел",
        "Пётр",
        "Петр",
        "Роман",
        "Руслан",
        "Сергей",
        "Станислав",
        "Степан",
        "Тимофей",
        "Тимур",
        "Фёдор",
        "Федор",
        "Юрий",
        "Ярослав",
        "Александра",
        "Алина",
        "Алиса",
        "Алла",
        "Анастасия",
        "Ангелина",
        "Анна",
        "Валентина",
        "Валерия",
        "Вера",
        "Вероника",
        "Виктория",
        "Галина",
        "Дарья",
        "Диана",
        "Ева",
        "Евгения",
        "Екатерина",
        "Елена",
        "Елизавета",
        "Жанна",
        "Зоя",
        "Инна",
        "Ирина",
        "Карина",
        "Кира",
        "Кристина",
        "Ксения",
        "Лариса",
        "Лидия",
        "Любовь",
        "Людмила",
        "Маргарита",
        "Марина",
        "Мария",
        "Милана",
        "Надежда",
        "Наталья",
        "Наталия",
        "Нина",
        "Оксана",
        "Олеся",
        "Ольга",
        "Полина",
        "Светлана",
        "София",
        "Софья",
        "Тамара",
        "Татьяна",
        "Ульяна",
        "Юлия",
        "Яна",
        "Тарас",
        "Богдан",
        "Оксана",
        "Олена",
        "Наталія",
        "Микола",
        "Олександр",
        "Іван",
    ]
)
_CYR_SURNAME = re.compile(
    r"(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|ская|цкий|цкая|ской|енко|ук|юк|чук|ич|ян"
    r"|их|ых|ко)$"
)
_CYR_LABEL = re.compile(
    r"(?<![А-ЯЁа-яё])(?i:ФИО|Ф\.\s?И\.\s?О\.|Имя|Фамилия|Имя и фамилия"
    r"|Фамилия,? имя(?:,? отчество)?|Авторы?"
    r"|Ученик|Ученица|Учащийся|Учащаяся|Студент|Студентка|Пациент|Пациентка|Заявитель"
    r"|Получатель|Отправитель|Контактное лицо|Арендодатель|Арендатор|Наймодатель|Наниматель"
    r"|Присутствовали|Участники|Докладчик|Ответственный|Исполнитель|Секретарь|Председатель"
    r"|Клиент|Владелец|Собственник|Гость|Пассажир|Сотрудник|Руководитель)"
    r"[ \t]{0,2}[:：][ \t]{0,2}"
)
_CYR_NAME = re.compile(rf"{_CYR_WORD}(?:[ \t]{_CYR_WORD}){{0,2}}")
_CYR_PAIR = re.compile(rf"(?<![{_CYR_UP}{_CYR_LOW}])({_CYR_WORD})[ \t]({_CYR_WORD})")
_CYR_LIST_SEP = re.compile(r"[ \t]{0,2}[,;][ \t]{0,2}")

_AR_GIVEN = frozenset(
    [
        "محمد",
        "أحمد",
        "علي",
        "عمر",
        "خالد",
        "يوسف",
        "إبراهيم",
        "ابراهيم",
        "حسن",
        "حسين",
        "عبدالله",
        "سعيد",
        "سعد",
        "مصطفى",
        "محمود",
        "ياسر",
        "عادل",
        "هشام",
        "جمال",
        "كمال",
        "عماد",
        "زياد",
        "أنس",
        "بلال",
        "حمزة",
        "إياد",
        "عثمان",
        "رشيد",
        "سمير",
        "مازن",
        "نبيل",
        "هاني",
        "باسم",
        "رامي",
        "سامي",
        "طارق",
        "كريم",
        "ماجد",
        "نادر",
        "وليد",
        "فيصل",
        "ناصر",
        "سلطان",
        "فهد",
        "بندر",
        "تركي",
        "عبدالرحمن",
        "عبدالعزيز",
        "منصور",
        "صالح",
        "جاسم",
        "راشد",
        "حمد",
        "مروان",
        "أيمن",
        "وائل",
        "فارس",
        "ليث",
        "أسامة",
        "معاذ",
        "سارة",
        "فاطمة",
        "مريم",
        "عائشة",
        "نور",
        "ليلى",
        "زينب",
        "هدى",
        "خديجة",
        "أمل",
        "رنا",
        "سلمى",
        "ياسمين",
        "ريم",
        "دينا",
        "منى",
        "هند",
        "لينا",
        "جميلة",
        "نادية",
        "سعاد",
        "لمى",
        "جنى",
        "شهد",
        "رهف",
        "غادة",
        "دانة",
        "نورة",
        "هيفاء",
        "أسماء",
        "رغد",
        "آمنة",
        "حنان",
        "سناء",
        "رزان",
        "دعاء",
        "إيمان",
        "سلوى",
        "نجلاء",
    ]
)
_AR_LABEL = re.compile(
    r"(?<![\u0621-\u064a])(?:الاسم الكامل|الاسم|اسم الطالب|اسم الطالبة|اسم المريض"
    r"|اسم المريضة|اسم العميل"
    r"|اسم المستأجر|اسم الموظف|الطالب|الطالبة|المريض|المريضة|مقدم الطلب|المستلم|المرسل"
    r"|المؤجر|المستأجر|المؤلف|المؤلفون|الحضور|إعداد|المسؤول)"
    r"[ \t]{0,2}[:：][ \t]{0,2}"
)
_AR_HONORIFIC = re.compile(
    r"(?<![\u0621-\u064a])(?:السيد|السيدة|الأستاذ|الأستاذة|الدكتور|الدكتورة|المهندس|المهندسة"
    r"|د\.|أ\.)[ \t]{1,2}"
)
_AR_SIGN_OFF = re.compile(
    r"(?:مع التحية|مع خالص التحية|مع أطيب التحيات|مع فائق الاحترام|مع الشكر|تحياتي|وتفضلوا بقبول"
    r" فائق الاحترام)[،,.]?[ \t]*\n[ \t]*"
)
_AR_NAME = re.compile(rf"{_AR_WORD}(?:[ \t]{_AR_WORD}){{1,2}}(?=[ \t]*(?:[\n،,.:؛]|$))")
_AR_NAME_LOOSE = re.compile(rf"{_AR_WORD}(?:[ \t]{_AR_WORD})?")
#: Words that follow an Arabic label or honorific but name no one.
_AR_NOT_NAMES = frozenset(
    {"غير", "لا", "بدون", "الكريم", "الكريمة", "المحترم", "المحترمة", "العميل", "المدير"}
)

#: A chat turn's speaker at the start of a line: "Наталья: ты где?", "دانة: وصلت؟".
_CYR_SPEAKER = re.compile(rf"(?m)^[ \t]*({_CYR_WORD})[ \t]?:[ \t]")
_AR_SPEAKER = re.compile(rf"(?m)^[ \t]*({_AR_WORD})[ \t]?:[ \t]")
_CYR_GIVEN_WORD = re.compile(rf"(?<![{_CYR_UP}{_CYR_LOW}]){_CYR_WORD}(?![{_CYR_UP}{_CYR_LOW}])")
#: A greeting to someone by name: "عزيزي أحمد", "عزيزتي مريم".
_AR_DEAR = re.compile(r"(?<![\u0621-\u064a])(?:عزيزي|عزيزتي|أهلاً|أهلا|مرحباً|مرحبا)[ \t،,]{1,3}")
#: A given name and a family name: "فيصل الحربي", "عبدالله حداد", ended by punctuation,
#: a line's end, "و" (and) or the end of the text.
_AR_PAIR = re.compile(
    rf"(?<![\u0621-\u064a\u064b-\u065f])({_AR_WORD})[ \t]({_AR_WORD})"
    r"(?=[ \t]*(?:[\n\t،,.:؛()\-–]|[ \t]و|$))"
)
_AR_WORD_RE = re.compile(rf"(?<![{_ARABIC}]){_AR_WORD}(?![{_ARABIC}])")
#: Given names that are also everyday words (hope, light, morning, guidance, peace, happy).
_AR_EVERYDAY = frozenset({"أمل", "نور", "صباح", "هدى", "سلام", "سعيد", "كريم", "منى", "جميلة"})
#: Everyday words that follow a given name without being a family name (today, now, ...).
_AR_NOT_FAMILY = frozenset(
    {
        "اليوم",
        "الآن",
        "غدا",
        "غداً",
        "أمس",
        "الجديد",
        "الجديدة",
        "القادم",
        "القادمة",
        "الماضي",
        "معي",
        "معك",
        "معنا",
        "هنا",
        "هناك",
        "أيضا",
        "أيضاً",
        "جدا",
        "جداً",
    }
)
#: Words before a given name that make it a place's, a ship's or a prize's name.
_AR_NOT_BEFORE = frozenset(
    {
        "الملك",
        "الأمير",
        "الأميرة",
        "الشيخ",
        "شارع",
        "طريق",
        "جامعة",
        "مسجد",
        "مستشفى",
        "مدرسة",
        "مطار",
        "ميناء",
        "برج",
        "مركز",
        "قاعة",
        "جائزة",
        "حي",
        "السفينة",
        "سفينة",
        "العاصفة",
        "إعصار",
        "شركة",
        "مؤسسة",
        "مجمع",
        "ميدان",
        "جسر",
        "حديقة",
        "مكتبة",
        "فندق",
    }
)

_SCRIPT_CHAR = re.compile("[\u0400-\u04ff\u0621-\u064a]")


def _given_and_surname(given: str, surname: str) -> bool:
    return given in _CYR_GIVEN and surname not in _CYR_GIVEN and bool(_CYR_SURNAME.search(surname))


def _cyrillic(text: str, add: _Add) -> None:
    for m in _CYR_LABEL.finditer(text):
        end = m.end()
        while (name := _CYR_NAME.match(text, end)) is not None:
            add(name.start(), name.end(), 0.85)
            sep = _CYR_LIST_SEP.match(text, name.end())
            if sep is None:
                break
            end = sep.end()
    for m in _CYR_PAIR.finditer(text):
        first, second = m.group(1), m.group(2)
        if _given_and_surname(first, second) or _given_and_surname(second, first):
            add(m.start(), m.end(), 0.8)


def _cyrillic_chat(text: str, add: _Add) -> None:
    """A chat whose turns open with a common given name: each such speaker, and the common
    given names its messages mention ("Наталья: бегу, Дмитрий с нами")."""
    speakers = [m for m in _CYR_SPEAKER.finditer(text) if m.group(1) in _CYR_GIVEN]
    if not speakers:
        return
    for m in speakers:
        add(m.start(1), m.end(1), 0.8)
    for m in _CYR_GIVEN_WORD.finditer(text):
        if m.group() in _CYR_GIVEN:
            add(m.start(), m.end(), 0.75)


def _word_before(text: str, start: int) -> str:
    head = text[max(0, start - 24) : start].rstrip(" \t")
    return head.rsplit(None, 1)[-1] if head.strip() else ""


def _arabic_more(text: str, add: _Add) -> None:
    """A chat turn's speaker who is a common given name, a name after a greeting, and a
    common given name with a family name after it, unless a place's word comes before."""
    for m in _AR_SPEAKER.finditer(text):
        if m.group(1) in _AR_GIVEN and m.group(1) not in _AR_EVERYDAY:
            add(m.start(1), m.end(1), 0.8)
    for m in _AR_DEAR.finditer(text):
        name = _AR_NAME_LOOSE.match(text, m.end())
        if name is not None and name.group().split()[0] in _AR_GIVEN:
            add(name.start(), name.end(), 0.8)
    for m in _AR_PAIR.finditer(text):
        given, family, start = m.group(1), m.group(2), m.start()
        if given not in _AR_GIVEN and given[:1] == "و" and given[1:] in _AR_GIVEN:
            given, start = given[1:], start + 1  # "وهند إبراهيم": "and" is written joined
        if given not in _AR_GIVEN or family in _AR_NOT_NAMES or family in _AR_NOT_BEFORE:
            continue
        before = _word_before(text, m.start())
        if before in _AR_NOT_BEFORE or before in _AR_GIVEN or family in _AR_NOT_FAMILY:
            continue  # "هند منصور اليوم": a name's second half and "today"
        add(start, m.end(), 0.75)
    if any(m.group(1) in _AR_GIVEN - _AR_EVERYDAY for m in _AR_SPEAKER.finditer(text)):
        # a chat between people: the given names its messages mention, unless a family name
        # ("الـ") follows or the name is also an everyday word
        for m in _AR_WORD_RE.finditer(text):
            word = m.group()
            nxt = _AR_WORD_RE.match(text, m.end() + 1)
            after = nxt.group() if nxt is not None else ""
            family_next = after[:2] == "ال" and after not in _AR_NOT_FAMILY
            if word in _AR_GIVEN and word not in _AR_EVERYDAY and not family_next:
                add(m.start(), m.end(), 0.75)


def _arabic(text: str, add: _Add) -> None:
    for m in _AR_LABEL.finditer(text):
        name = _AR_NAME_LOOSE.match(text, m.end())
        if name is not None and name.group().split()[0] not in _AR_NOT_NAMES:
            add(name.start(), name.end(), 0.85)
    for m in _AR_HONORIFIC.finditer(text):
        name = _AR_NAME_LOOSE.match(text, m.end())
        if name is not None and name.group().split()[0] in _AR_GIVEN:
            add(name.start(), name.end(), 0.8)
    for m in _AR_SIGN_OFF.finditer(text):
        name = _AR_NAME.match(text, m.end())
        if name is not None and name.group().split()[0] not in _AR_NOT_NAMES:
            add(name.start(), name.end(), 0.8)


class _Add:
    def __init__(self) -> None:
        self.spans: list[Span] = []
        self.taken: set[int] = set()

    def __call__(self, start: int, end: int, score: float) -> None:
        if self.taken.isdisjoint(range(start, end)):
            self.taken.update(range(start, end))
            self.spans.append(Span(start, end, Entity.PERSON, score))


def find_script_names(text: str) -> list[Span]:
    """PERSON spans of names in Cyrillic or Arabic script in ``text``, and of the names
    :func:`secplan.data.script_cues.find_cue_names` finds (other scripts, Vietnamese)."""
    more = find_cue_names(text)
    if _SCRIPT_CHAR.search(text) is None:
        return more  # the common case: neither script, decided in one pass
    add = _Add()
    _cyrillic(text, add)
    _arabic(text, add)
    _cyrillic_chat(text, add)
    _arabic_more(text, add)
    for s in more:
        add(s.start, s.end, s.score)
    return add.spans
