"""German and Dutch passport numbers, which may hold few digits or none."""

from __future__ import annotations

import pytest

from secplan.data.detect import Detector
from secplan.data.spans import Entity


def _labels(text: str) -> dict[str, str]:
    return {text[s.start : s.end]: s.label for s in Detector().analyze(text)}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Reisepass\nName: Frank\nPass-Nr.: CK9691KRV", "CK9691KRV"),
        ("[1716737923] Nutzer: meine Passnummer ist CYRHPLKGZ | Bot: Danke", "CYRHPLKGZ"),
        ("Paspoort\nDocumentnummer KL9C70LZ3\n", "KL9C70LZ3"),
    ],
)
def test_passport_numbers_after_a_passport_word(text: str, value: str) -> None:
    assert _labels(text).get(value) == Entity.PASSPORT


@pytest.mark.parametrize(
    "text", ["status CYRHPLKGZ pending", "Passport: PENDING", "order KL9C70LZ3 shipped"]
)
def test_letter_runs_without_a_passport_word_are_not_passports(text: str) -> None:
    assert Entity.PASSPORT not in _labels(text).values()
