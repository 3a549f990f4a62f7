"""Names in Cyrillic and Arabic script: after a label, as a given name beside a surname, after
an honorific or a sign-off; never a product, company or place name."""

from __future__ import annotations

import pytest

from secplan.data.detect import Detector
from secplan.data.script_names import find_script_names


def _names(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_script_names(text)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Карточка\nФИО: Светлана Орлова", ["Светлана Орлова"]),
        ("Арендатор: Кузнецов Игорь", ["Кузнецов Игорь"]),
        ("Присутствовали: Анна Белова, Павел Зайцев", ["Анна Белова", "Павел Зайцев"]),
        ("Мы благодарим Глеб Соколов за отзыв", ["Глеб Соколов"]),
        ("для пропуска: Вера Никитина, паспорт", ["Вера Никитина"]),
        ("سجل\nالاسم: ريم العتيبي", ["ريم العتيبي"]),
        ("شكرا.\n\nمع خالص التحية،\nسامي حداد", ["سامي حداد"]),
        # a common given name with a family name after it, whatever is joined before it
        ("نرحب بالدكتورة هند منصور", ["هند منصور"]),
        ("نرحب بالسيدة هند منصور اليوم", []),
        ("حضر السيد طارق ناصر الاجتماع", ["طارق ناصر"]),
    ],
)
def test_cyrillic_and_arabic_names(text: str, names: list[str]) -> None:
    assert _names(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "Яндекс Маркет: скидки до 50%",
        "Москва Сити, башня Федерация",
        "Заказ в Озон Банк оформлен",
        "Имя: не указано",
        "شارع محمد الخامس، الرباط",
        "عرض خاص من شركة المراعي",
        "الاسم: غير معروف",
        "مع التحية،\nفريق الدعم الفني للخدمة",
    ],
)
def test_products_companies_and_places_stay_clean(text: str) -> None:
    assert _names(text) == []


def test_detector_reports_them_as_persons() -> None:
    text = "ФИО: Светлана Орлова"
    found = Detector().analyze(text)
    assert [(text[s.start : s.end], s.label) for s in found] == [("Светлана Орлова", "PERSON")]
