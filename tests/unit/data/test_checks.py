"""Validators: Luhn, IBAN, SSN, national identifiers, MRZ; total on any input."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secplan.data import checks

DIGITS = st.text(alphabet=string.digits, min_size=1, max_size=30)


def luhn_complete(body: str) -> str:
    """``body`` with the check digit that makes it pass (computed independently)."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)


@given(DIGITS)
def test_luhn_accepts_every_completed_number(body: str) -> None:
    assert checks.luhn_ok(luhn_complete(body))


@given(DIGITS, st.integers(min_value=0), st.integers(min_value=1, max_value=9))
def test_luhn_catches_every_single_digit_error(body: str, pos: int, delta: int) -> None:
    n = luhn_complete(body)
    i = pos % len(n)
    wrong = n[:i] + str((int(n[i]) + delta) % 10) + n[i + 1 :]
    assert not checks.luhn_ok(wrong)


@given(st.text(max_size=40))
def test_validators_are_total(text: str) -> None:
    for fn in (
        checks.luhn_ok,
        checks.card_ok,
        checks.iban_ok,
        checks.ssn_ok,
        checks.ip_ok,
        checks.btc_ok,
        checks.eth_ok,
        checks.nino_ok,
        checks.mac_ok,
        *checks.NATIONAL_CHECKS.values(),
    ):
        assert fn(text) in (True, False)


def iban_for(country: str, bban: str) -> str:
    """A valid IBAN built with the ISO 13616 mod-97 rule (written here, not taken from stdnum)."""
    moved = bban + country + "00"
    number = int("".join(str(int(c, 36)) for c in moved))
    return f"{country}{98 - number % 97:02d}{bban}"


@given(st.text(alphabet=string.digits, min_size=18, max_size=18))
def test_iban_accepts_valid_german_ibans_and_rejects_one_changed_digit(bban: str) -> None:
    iban = iban_for("DE", bban)
    assert checks.iban_ok(iban)
    assert checks.iban_ok(" ".join(iban[i : i + 4] for i in range(0, len(iban), 4)))
    flipped = iban[:10] + str((int(iban[10]) + 1) % 10) + iban[11:]
    assert not checks.iban_ok(flipped)


def test_iban_length_is_checked_per_country() -> None:
    assert checks.iban_ok("GB82WEST12345698765432")
    assert not checks.iban_ok("GB82WEST123456987654")  # too short for GB
    assert not checks.iban_ok("XX82WEST12345698765432")  # no such country


@given(st.integers(1, 899), st.integers(1, 99), st.integers(1, 9999))
def test_ssn_accepts_valid_area_group_serial(area: int, group: int, serial: int) -> None:
    value = f"{area:03d}-{group:02d}-{serial:04d}"
    expected = area != 666 and value not in ("078-05-1120", "219-09-9999", "457-55-5462")
    assert checks.ssn_ok(value) == expected


@given(st.integers(0, 999), st.integers(0, 99), st.integers(0, 9999))
def test_ssn_rejects_zero_parts_and_9xx(area: int, group: int, serial: int) -> None:
    value = f"{area:03d}{group:02d}{serial:04d}"
    if area in (0, 666) or area >= 900 or group == 0 or serial == 0:
        assert not checks.ssn_ok(value)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("4539 1488 0343 6467", True),  # Visa
        ("5555555555554444", True),  # Mastercard test number
        ("378282246310005", True),  # Amex test number
        ("4539 1488 0343 6468", False),  # Luhn fails
        ("1234567812345670", False),  # passes Luhn, no issuer starts with 1
        ("0000000000000000", False),
    ],
)
def test_card_numbers(value: str, ok: bool) -> None:
    assert checks.card_ok(value) is ok


def test_ip_addresses_exclude_documentation_ranges() -> None:
    assert checks.ip_ok("81.2.69.160") and checks.ip_ok("2a00:1450:4001:81b::200e")
    assert not checks.ip_ok("192.0.2.10") and not checks.ip_ok("2001:db8::1")
    assert not checks.ip_ok("0.0.0.0") and not checks.ip_ok("999.1.1.1")


def test_crypto_wallet_checksums() -> None:
    assert checks.btc_ok("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2")
    assert checks.btc_ok("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")
    assert not checks.btc_ok("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3")
    assert checks.eth_ok("0x52908400098527886E0F7030069857D2E4169EE7")
    assert not checks.eth_ok("0x" + "0" * 40)


def test_mrz_check_digit_matches_icao_example() -> None:
    # ICAO 9303 part 3 specimen: document number L898902C3, check digit 6
    assert checks.mrz_check_digit("L898902C3") == 6
    assert checks.mrz_check_digit("740812") == 2


@settings(max_examples=50)
@given(st.integers(10_000_000, 99_999_999))
def test_spanish_dni_letter(n: int) -> None:
    good = f"{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}"
    bad = f"{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[(n + 1) % 23]}"
    assert checks.NATIONAL_CHECKS["es-dni"](good)
    assert not checks.NATIONAL_CHECKS["es-dni"](bad)
