"""Checksums and format rules that separate real identifiers from look-alike numbers.

Every function takes any string and returns a bool; none raises. Country identifiers are
checked with python-stdnum, which implements each country's published algorithm.

>>> luhn_ok("4539148803436467"), luhn_ok("4539148803436468")
(True, False)
>>> iban_ok("GB82 WEST 1234 5698 7654 32"), iban_ok("GB82 WEST 1234 5698 7654 33")
(True, False)
>>> ssn_ok("536-22-1847"), ssn_ok("666-22-1847"), ssn_ok("536-00-1847")
(True, False, False)
"""

from __future__ import annotations

import datetime
import ipaddress
import re
from collections.abc import Callable

from stdnum import bitcoin as _btc
from stdnum import iban as _iban
from stdnum.us import ssn as _ssn

_NON_DIGIT = re.compile(r"\D")
_SEPARATORS = re.compile(r"[\s\-.]")


def digits_of(text: str) -> str:
    return _NON_DIGIT.sub("", text)


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check over a string of digits; False for anything else."""
    if not digits or not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card_brand_ok(d: str) -> bool:
    """The number starts with an issuer range that payment networks use, at its length."""
    n = len(d)
    two, four, six = int(d[:2]), int(d[:4]), int(d[:6])
    if d[0] == "4":
        return n in (13, 16, 19)  # Visa
    if 51 <= two <= 55 or 222100 <= six <= 272099:
        return n == 16  # Mastercard
    if two in (34, 37):
        return n == 15  # American Express
    if four == 6011 or two == 65 or 644 <= int(d[:3]) <= 649 or 622126 <= six <= 622925:
        return 16 <= n <= 19  # Discover
    if 3528 <= four <= 3589:
        return 16 <= n <= 19  # JCB
    if 300 <= int(d[:3]) <= 305 or two in (36, 38, 39):
        return 14 <= n <= 19  # Diners Club
    if two == 62:
        return 16 <= n <= 19  # UnionPay
    if two in (50, 56, 57, 58, 67) or d[:2] == "63":
        return 12 <= n <= 19  # Maestro
    return False


def card_ok(text: str) -> bool:
    """A payment-card number: 13-19 digits, a real issuer range and a valid Luhn digit."""
    d = digits_of(text)
    if not 13 <= len(d) <= 19 or len(set(d)) < 2:
        return False
    return _card_brand_ok(d) and luhn_ok(d)


def iban_ok(text: str) -> bool:
    """An IBAN: the country's length and format, and the ISO 7064 mod-97 check."""
    compact = _SEPARATORS.sub("", text).upper()
    if not 15 <= len(compact) <= 34 or not compact.isascii() or not compact.isalnum():
        return False
    try:
        return bool(_iban.is_valid(compact))
    except Exception:  # stdnum raises only its own errors; stay total on any input
        return False


def ssn_ok(text: str) -> bool:
    """A US Social Security number with a valid area, group and serial (not 000/666/9xx,
    not group 00, not serial 0000, not a published advertising number)."""
    d = digits_of(text)
    if len(d) != 9:
        return False
    try:
        return bool(_ssn.is_valid(d))
    except Exception:
        return False


_DOCUMENTATION_NETS = tuple(
    ipaddress.ip_network(n)
    for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")
)


def ip_ok(text: str) -> bool:
    """An IPv4 or IPv6 address that can name a person's host: not the unspecified address, a
    loopback address (``127.0.0.1``, ``::1``: every machine's own), a link-local address
    (``169.254.169.254``, ``fe80::1``: no route leaves the link), a multicast group, a
    netmask or an address reserved for documentation (RFC 5737, RFC 3849)."""
    try:
        addr = ipaddress.ip_address(text)
    except ValueError:
        return False
    if addr.is_unspecified or addr.is_loopback or addr.is_multicast or addr.is_link_local:
        return False  # link-local: 169.254.169.254 is every cloud's metadata service
    if any(addr in net for net in _DOCUMENTATION_NETS):
        return False
    # 0.x.x.x is "this network" (RFC 1122), never a host; 255.x.x.x is a netmask
    return not (addr.version == 4 and text.startswith(("255.", "0.")))


def mac_ok(text: str) -> bool:
    """A MAC address that is not all one digit and not in the documentation block
    00-00-5E-00-53-xx (RFC 7042)."""
    hexdigits = "".join(c for c in text.lower() if c not in ":-.")
    return len(set(hexdigits)) > 1 and not hexdigits.startswith("00005e0053")


def btc_ok(text: str) -> bool:
    """A bitcoin address with a valid base58check or bech32 checksum."""
    if not 26 <= len(text) <= 90:
        return False
    try:
        return bool(_btc.is_valid(text))
    except Exception:
        return False


def eth_ok(text: str) -> bool:
    """An Ethereum address: 0x and 40 hex digits, not all one digit."""
    body = text[2:]
    return (
        text[:2] in ("0x", "0X")
        and len(body) == 40
        and all(c in "0123456789abcdefABCDEF" for c in body)
        and len(set(body.lower())) > 4
    )


_MRZ_VALUES = {str(i): i for i in range(10)} | {chr(65 + i): 10 + i for i in range(26)}


def mrz_check_digit(field: str) -> int:
    """The ICAO 9303 check digit (weights 7, 3, 1; '<' counts 0)."""
    total = 0
    for i, ch in enumerate(field):
        total += _MRZ_VALUES.get(ch, 0) * (7, 3, 1)[i % 3]
    return total % 10


_NINO = re.compile(r"^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$")


def nino_ok(text: str) -> bool:
    """A UK National Insurance number (HMRC's prefix rules; it has no check digit)."""
    return bool(_NINO.match(_SEPARATORS.sub("", text).upper()))


_CN_PROVINCES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    ]
)
_CN_RIC = re.compile(r"^\d{17}[\dX]$")


def cn_ric_ok(text: str) -> bool:
    """A Chinese resident identity card number: a province code, a real birth date and the
    ISO 7064 MOD 11-2 check character (no lookup of the county table, which is slow to load)."""
    value = _SEPARATORS.sub("", text).upper()
    if not _CN_RIC.match(value) or value[:2] not in _CN_PROVINCES:
        return False
    try:
        born = datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if born.year < 1900 or born > datetime.date.today():
        return False
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(value[:17]))
    return value[17] == "10X98765432"[total % 11]


def _stdnum(module: str) -> Callable[[str], bool]:
    import importlib

    mod = importlib.import_module(f"stdnum.{module}")

    def check(text: str) -> bool:
        try:
            return bool(mod.is_valid(text))
        except Exception:
            return False

    check.__name__ = f"{module.replace('.', '_')}_ok"
    return check


_INN_OK = _stdnum("ru.inn")


def _ru_inn(value: str) -> bool:
    """A Russian INN of a person: twelve digits and their two check digits (``stdnum.ru.inn``
    also takes an organisation's ten-digit INN, which names no one)."""
    return len(value) == 12 and _INN_OK(value)


#: National identity numbers with a check digit: name -> validator.
NATIONAL_CHECKS: dict[str, Callable[[str], bool]] = {
    "de-idnr": _stdnum("de.idnr"),
    "fr-nir": _stdnum("fr.nir"),
    "es-dni": _stdnum("es.dni"),
    "es-nie": _stdnum("es.nie"),
    "it-codicefiscale": _stdnum("it.codicefiscale"),
    "nl-bsn": _stdnum("nl.bsn"),
    "pl-pesel": _stdnum("pl.pesel"),
    "se-personnummer": _stdnum("se.personnummer"),
    "dk-cpr": _stdnum("dk.cpr"),
    "fi-hetu": _stdnum("fi.hetu"),
    "be-nn": _stdnum("be.nn"),
    "pt-cc": _stdnum("pt.cc"),
    "ie-pps": _stdnum("ie.pps"),
    "gb-nhs": _stdnum("gb.nhs"),
    "us-itin": _stdnum("us.itin"),
    "gb-nino": nino_ok,
    "br-cpf": _stdnum("br.cpf"),
    "br-cpf-digits": _stdnum("br.cpf"),
    "ru-inn": _ru_inn,
    "in-aadhaar": _stdnum("in_.aadhaar"),
    "in-pan": _stdnum("in_.pan"),
    "ca-sin": _stdnum("ca.sin"),
    "mx-curp": _stdnum("mx.curp"),
    "kr-rrn": _stdnum("kr.rrn"),
    "cn-ric": cn_ric_ok,
    "ch-ssn": _stdnum("ch.ssn"),
    "no-fnr": _stdnum("no.fodselsnummer"),
    "au-tfn": _stdnum("au.tfn"),
    "za-idnr": _stdnum("za.idnr"),
    "at-vnr": _stdnum("at.vnr"),
    "jp-in": _stdnum("jp.in_"),
    "tr-tckn": _stdnum("tr.tckimlik"),
    "ro-cnp": _stdnum("ro.cnp"),
    "cz-rc": _stdnum("cz.rc"),
    "pt-nif": _stdnum("pt.nif"),
    "gr-amka": _stdnum("gr.amka"),
    "il-idnr": _stdnum("il.idnr"),
    "th-pin": _stdnum("th.pin"),
    "ua-rntrc": _stdnum("ua.rntrc"),
}
