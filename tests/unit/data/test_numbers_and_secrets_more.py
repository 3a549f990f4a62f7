"""Numbers and secrets: versions written after CJK version words or a product's slash,
tracking numbers and barcodes after their words, international numbers, postcodes, role
mailboxes, sample values, and passwords in quotes, pairs and placeholders."""

from __future__ import annotations

import pytest

from secplan.data.detect import Detector


def _found(text: str) -> list[tuple[str, str]]:
    return [(s.label, text[s.start : s.end]) for s in Detector().analyze(text)]


@pytest.mark.parametrize(
    "text",
    [
        "驱动版本 4.7.12.216，订单 ORD-1",
        "ファームウェア 10.2.3.4 に更新",
        "User-Agent: Mozilla/5.0 Chrome/4.4.76.195",
        "firmware 10.2.3.4",
        "build 10.2.3.4",
        "v10.2.3.4",
        "TEL (201) 500-9139\nTRACKING 314377977366  WT 2.4 LB",
        "tel. 512 680 063, paczka 441622113401",
        "Artikel SKU-1, EAN 4024799637380",
        "お届け先：〒060-0005 北海道札幌市",
        "Rückfragen an it-helpdesk@example.org.",
        '"sample_email": "hr@example.com", "sample_card": "4111 1111 1111 1111"',
        "example config is fine: `password: %(password)s` here",
    ],
)
def test_look_alikes_are_not_reported(text: str) -> None:
    kinds = {"IP_ADDRESS", "PHONE_NUMBER", "NATIONAL_ID", "CREDIT_CARD", "EMAIL_ADDRESS"}
    found = [(label, value) for label, value in _found(text) if label in kinds | {"API_KEY"}]
    assert found == [] or all(v in ("(201) 500-9139", "512 680 063") for _, v in found), found


@pytest.mark.parametrize(
    ("text", "label", "value"),
    [
        ("login from 10.2.3.4", "IP_ADDRESS", "10.2.3.4"),
        ("電話番号：+819012918473\nお問い合わせ", "PHONE_NUMBER", "+819012918473"),
        ("Lena: Bitte das Passwort `Blaubeere92!ccW` aus dem Skript", "API_KEY", "Blaubeere92!ccW"),
        (
            "staging creds?\nAlfie: user deploy / nQvc#kwiat4457, thanks",
            "API_KEY",
            "nQvc#kwiat4457",
        ),
        ("mail anna.it@example.org", "EMAIL_ADDRESS", "anna.it@example.org"),
    ],
)
def test_values_beside_those_look_alikes_are_kept(text: str, label: str, value: str) -> None:
    assert (label, value) in _found(text)
