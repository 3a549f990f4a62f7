"""Chinese resident identity numbers: province, birth date and MOD 11-2 check character,
checked without loading the county table."""

from __future__ import annotations

import pytest
from stdnum import numdb
from stdnum.cn import ric

from secplan.data.checks import NATIONAL_CHECKS, cn_ric_ok


def _make(body: str) -> str:
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(body))
    return body + "10X98765432"[total % 11]


GOOD = [_make("110101199003071" + "23"), _make("44030120011231045"), _make("31010419850101987")]


@pytest.mark.parametrize("number", GOOD)
def test_valid_numbers_pass_as_the_reference_library_says(number: str) -> None:
    assert cn_ric_ok(number) and ric.is_valid(number)
    assert NATIONAL_CHECKS["cn-ric"](number[:6] + " " + number[6:])


@pytest.mark.parametrize(
    "number",
    [
        *(g[:-1] + ("0" if g[-1] != "0" else "1") for g in GOOD),  # wrong check character
        _make("99010119900307123"),  # no such province
        _make("11010119901307123"),  # no 13th month
        _make("11010118500101123"),  # born before 1900
        "1101011990030712",  # too short
    ],
)
def test_invalid_numbers_fail(number: str) -> None:
    assert not cn_ric_ok(number)


def test_check_loads_no_place_table(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(name: str) -> None:
        raise AssertionError(f"loaded {name}")

    monkeypatch.setattr(numdb, "get", refuse)
    assert cn_ric_ok(GOOD[0])
