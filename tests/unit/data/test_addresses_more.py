"""Street addresses of more countries: Czech and Hungarian forms, Brazilian units and CEP,
and Japanese, Chinese and Korean addresses."""

from __future__ import annotations

import pytest

from secplan.data.address import find_addresses


def _addresses(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_addresses(text)]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "Příjemce: Sofie Nová, Komenského 5, 779 00 Olomouc, tel.",
            "Komenského 5, 779 00 Olomouc",
        ),
        ("Odběratel: J. P., Masarykova 91, 110 00 Praha 1 · IBAN", "Masarykova 91, 110 00 Praha 1"),
        ("Vevő: Kovács Réka, Rákóczi út 154, 7621 Pécs · Bank", "Rákóczi út 154, 7621 Pécs"),
        ("Kossuth Lajos utca 66, 4024 Debrecen", "Kossuth Lajos utca 66, 4024 Debrecen"),
        ("Storgatan 5, 111 22 Stockholm", "Storgatan 5, 111 22 Stockholm"),
        (
            "Para: Rua das Flores, 71 - apto 18, São Paulo - SP, 01310-100. Rastreio",
            "Rua das Flores, 71 - apto 18, São Paulo - SP, 01310-100",
        ),
        (
            "お届け先：〒530-0001 大阪府大阪市北区梅田3-1-3 山本 様",
            "〒530-0001 大阪府大阪市北区梅田3-1-3",
        ),
        ("地址：北京市朝阳区建国路88号", "北京市朝阳区建国路88号"),
        ("주소: 서울특별시 강남구 테헤란로 123", "서울특별시 강남구 테헤란로 123"),
    ],
)
def test_addresses_of_more_countries(text: str, address: str) -> None:
    assert address in _addresses(text)


@pytest.mark.parametrize(
    "text", ["Version 5, 2024 Release", "〒530-0001", "会議は3階で行います。", "Build 5, 110 runs"]
)
def test_numbers_and_sentences_are_not_addresses(text: str) -> None:
    assert _addresses(text) == []
