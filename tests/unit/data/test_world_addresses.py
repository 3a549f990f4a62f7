"""Street addresses as Romania, Indonesia, Kenya, Greece, Israel, India, Thailand, Ukraine and
Vietnam write them; a street, a town or a number alone is no address."""

from __future__ import annotations

import pytest

from secplan.data.detect import Detector
from secplan.data.world_addresses import find_world_addresses


def _found(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_world_addresses(text)]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "Livrare: Bd. Eroilor nr. 7, bl. C3, ap. 12, 500030 Brașov.",
            "Bd. Eroilor nr. 7, bl. C3, ap. 12, 500030 Brașov",
        ),
        (
            "Alamat: Jalan Diponegoro No. 8A, Semarang 50241\n",
            "Jalan Diponegoro No. 8A, Semarang 50241",
        ),
        ("Send it to Flat 12, Moi Avenue, Nairobi 00100.", "Flat 12, Moi Avenue, Nairobi 00100"),
        ("Διεύθυνση: Πανεπιστημίου 41, 106 79 Αθήνα\n", "Πανεπιστημίου 41, 106 79 Αθήνα"),
        ("כתובת: רחוב הרצל 12, תל אביב\n", "רחוב הרצל 12, תל אביב"),
        ("पता: 7, गोखले मार्ग, मुंबई 400028\n", "7, गोखले मार्ग, मुंबई 400028"),
        ("पता: मकान नं. 12, सेक्टर 4, चंडीगढ़ 160004", "मकान नं. 12, सेक्टर 4, चंडीगढ़ 160004"),
        (
            "ที่อยู่: 45/7 ถนนสีลม แขวงสีลม เขตบางรัก กรุงเทพฯ 10500\n",
            "45/7 ถนนสีลม แขวงสีลม เขตบางรัก กรุงเทพฯ 10500",
        ),
        ("Адреса: вул. Франка, 12, кв. 4, Львів, 79000\n", "вул. Франка, 12, кв. 4, Львів, 79000"),
        (
            "Địa chỉ: 25 Lý Tự Trọng, Quận 1, TP. Hồ Chí Minh\n",
            "25 Lý Tự Trọng, Quận 1, TP. Hồ Chí Minh",
        ),
    ],
)
def test_addresses(text: str, address: str) -> None:
    assert _found(text) == [address]


@pytest.mark.parametrize(
    "text",
    [
        "Str. Florilor is closed for repairs.",
        "Jalan Sudirman macet pagi ini.",
        "Ερμού: η πιο εμπορική οδός της πόλης.",
        "שדרות רוטשילד יפה בערב",
        "ถนนสุขุมวิทรถติดมาก",
        "вулиця Франка перекрита",
        "Tôi ở Hà Nội, Việt Nam.",
        "Phiên bản 2 Android, iOS, Web đã có.",
    ],
)
def test_not_addresses(text: str) -> None:
    assert _found(text) == []


def test_the_detector_reports_them_over_a_street_named_after_someone() -> None:
    text = "Adresa: Str. Ion Creangă nr. 5, 700001 Iași"
    spans = Detector().analyze(text)
    assert [(text[s.start : s.end], s.label) for s in spans] == [
        ("Str. Ion Creangă nr. 5, 700001 Iași", "STREET_ADDRESS")
    ]


def test_known_limits() -> None:
    """Known false negatives: a Greek address without its postcode, a Hebrew street without
    its street word."""
    assert _found("Ερμού 72, Πάτρα") == []
    assert _found("הרצל 12, תל אביב") == []
