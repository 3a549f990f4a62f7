"""Dotted quads that are versions, by their column, library or verb, are not IP addresses."""

from __future__ import annotations

import pytest

from secplan.data.detect import Detector
from secplan.data.spans import Entity


def _ips(text: str) -> list[str]:
    return [text[s.start : s.end] for s in Detector().analyze(text) if s.label == Entity.IP_ADDRESS]


@pytest.mark.parametrize(
    "text",
    [
        "| Model | Version | F1 |\n|---|---|---|\n| Alfred | 21.2.1.123 | 4.17 |",
        "| Produkt | Verze | Sklad |\n|---|---|---|\n| Tesla | 27.1.6.221 | Victoria |",
        "INSERT INTO produtos (nome, versao) VALUES ('Claude', '15.4.0.185');",
        "Risolto in 2973336a con scikit-learn 3.4.8.251.",
        "fyi they asked whether it runs on 20.1.1.82; ticket INC5742624",
        "Fix ist in 61f634f. Bitte auf 25.5.1.23 aktualisieren.",
        "la mise à jour 18.0.9.181 est en prod",
    ],
)
def test_versions_are_not_addresses(text: str) -> None:
    assert _ips(text) == []


@pytest.mark.parametrize(
    ("text", "ip"),
    [
        ("| Host | IP | MAC |\n|---|---|---|\n| build-07 | 172.30.70.176 | — |", "172.30.70.176"),
        ("INSERT INTO logins (ip, user) VALUES ('81.2.69.161', 'x');", "81.2.69.161"),
        ("failed login from 81.2.69.160 at 02:14", "81.2.69.160"),
    ],
)
def test_addresses_stay_addresses(text: str, ip: str) -> None:
    assert ip in _ips(text)
