"""Identifier values for the third independent PII corpus, each checked against its specification.

Every generator draws candidates from the caller's ``random.Random`` and keeps the first one
that python-stdnum, phonenumbers or ``ipaddress`` accepts, so the corpus holds no value a
detector could rightly reject as invalid.
"""

from __future__ import annotations

import hashlib
import ipaddress
import random
import string
from collections.abc import Callable

import phonenumbers
from stdnum import bitcoin, iban, luhn, mac, verhoeff
from stdnum.be import nn as be_nn
from stdnum.br import cpf
from stdnum.cn import ric
from stdnum.de import idnr
from stdnum.dk import cpr
from stdnum.es import dni, nie
from stdnum.fi import hetu
from stdnum.fr import nir
from stdnum.in_ import aadhaar
from stdnum.it import codicefiscale
from stdnum.kr import rrn
from stdnum.nl import bsn
from stdnum.no import fodselsnummer
from stdnum.pl import pesel
from stdnum.pt import nif
from stdnum.se import personnummer
from stdnum.tr import tckimlik
from stdnum.us import ssn

R = random.Random
DIG = string.digits
UP = string.ascii_uppercase


def _d(rng: R, n: int) -> str:
    return "".join(rng.choice(DIG) for _ in range(n))


def _until(rng: R, make: Callable[[R], str], ok: Callable[[str], bool], tries: int = 20000) -> str:
    for _ in range(tries):
        v = make(rng)
        if ok(v):
            return v
    raise RuntimeError("no valid value found")


def _date(rng: R, y0: int = 1950, y1: int = 2004) -> tuple[int, int, int]:
    return rng.randint(y0, y1), rng.randint(1, 12), rng.randint(1, 28)


# ---------------------------------------------------------------- phones
PHONE_REGIONS = [
    "US",
    "GB",
    "DE",
    "FR",
    "ES",
    "IT",
    "NL",
    "PT",
    "BR",
    "PL",
    "SE",
    "TR",
    "HU",
    "CZ",
    "IN",
    "ID",
    "NG",
    "JP",
    "CN",
    "KR",
    "MX",
    "AT",
    "CH",
    "BE",
    "IE",
]
LANG_REGION = {
    "en": "GB",
    "de": "DE",
    "fr": "FR",
    "es": "ES",
    "it": "IT",
    "nl": "NL",
    "pt": "PT",
    "pl": "PL",
    "sv": "SE",
    "tr": "TR",
    "hu": "HU",
    "cs": "CZ",
    "id": "ID",
    "ja": "JP",
    "zh": "CN",
    "ko": "KR",
}


def phone(rng: R, region: str) -> str:
    kind = rng.choice(
        [phonenumbers.PhoneNumberType.MOBILE] * 3 + [phonenumbers.PhoneNumberType.FIXED_LINE]
    )
    try:
        return _phone(rng, region, kind)
    except RuntimeError:  # few valid numbers near this type's example: use a mobile
        return _phone(rng, region, phonenumbers.PhoneNumberType.MOBILE)


def _phone(rng: R, region: str, kind: int) -> str:
    ex = phonenumbers.example_number_for_type(region, kind) or phonenumbers.example_number(region)
    assert ex is not None
    nsn = str(ex.national_number)
    keep = max(2, len(nsn) - 6)

    def make(r: R) -> str:
        return nsn[:keep] + _d(r, len(nsn) - keep)

    def ok(v: str) -> bool:
        num = phonenumbers.PhoneNumber(country_code=ex.country_code, national_number=int(v))
        return phonenumbers.is_valid_number(num) and "555" not in v[-7:-4]

    v = _until(rng, make, ok, 2000)
    num = phonenumbers.PhoneNumber(country_code=ex.country_code, national_number=int(v))
    if ex.italian_leading_zero:
        num.italian_leading_zero = True
    style = rng.random()
    if style < 0.4:
        text = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    elif style < 0.75:
        text = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.NATIONAL)
    elif style < 0.9:
        text = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    else:
        text = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        text = text.replace(" ", ".") if region != "US" else text.replace(" ", "-")
    check_phone(text, region)
    return text


def check_phone(text: str, region: str) -> None:
    n = phonenumbers.parse(text, region)
    if not phonenumbers.is_valid_number(n):
        raise ValueError(f"invalid phone {text} ({region})")


# ---------------------------------------------------------------- cards, IBAN
def card(rng: R) -> str:
    kind = rng.choice(["visa", "visa", "mc", "mc2", "amex", "discover"])
    if kind == "amex":
        body = rng.choice(["34", "37"]) + _d(rng, 12)
    elif kind == "mc":
        body = str(rng.randint(51, 55)) + _d(rng, 13)
    elif kind == "mc2":
        body = str(rng.randint(2221, 2720)) + _d(rng, 11)
    elif kind == "discover":
        body = "6011" + _d(rng, 11)
    else:
        body = "4" + _d(rng, 14)
    num = body + luhn.calc_check_digit(body)
    assert luhn.is_valid(num)
    r = rng.random()
    if r < 0.5 and kind != "amex":
        return " ".join(num[i : i + 4] for i in range(0, 16, 4))
    if r < 0.5:
        return f"{num[:4]} {num[4:10]} {num[10:]}"
    if r < 0.7 and kind != "amex":
        return "-".join(num[i : i + 4] for i in range(0, 16, 4))
    return num


IBAN_LAYOUT = {  # country -> BBAN pattern: n digit, a upper letter, c alphanumeric
    "DE": "n" * 18,
    "AT": "n" * 16,
    "NL": "aaaa" + "n" * 10,
    "GB": "aaaa" + "n" * 14,
    "IE": "aaaa" + "n" * 14,
    "CH": "n" * 17,
    "PL": "n" * 24,
    "SE": "n" * 20,
    "LU": "nnn" + "c" * 13,
    "DK": "n" * 14,
    "HU": "n" * 24,
    "CZ": "n" * 20,
    "PT": "n" * 21,
    "FR": "n" * 10 + "c" * 11 + "nn",
    "ES": "n" * 20,
    "IT": "a" + "n" * 10 + "c" * 12,
    "BE": "n" * 12,
    "TR": "n" * 5 + "0" + "c" * 16,
}


def iban_value(rng: R, cc: str) -> str:
    pat = IBAN_LAYOUT[cc]

    def make(r: R) -> str:
        bban = "".join(
            r.choice(DIG)
            if p == "n"
            else r.choice(UP)
            if p == "a"
            else r.choice(DIG + UP)
            if p == "c"
            else p
            for p in pat
        )
        num = int("".join(str(int(ch, 36)) for ch in bban + cc + "00"))
        return f"{cc}{98 - num % 97:02d}{bban}"

    v = _until(rng, make, iban.is_valid)
    if rng.random() < 0.6:
        return " ".join(v[i : i + 4] for i in range(0, len(v), 4))
    return v


# ---------------------------------------------------------------- national ids
def _nino(r: R) -> str:
    bad1, bad2 = set("DFIQUV"), set("DFIOQUV")
    while True:
        a, b = r.choice(UP), r.choice(UP)
        if a in bad1 or b in bad2 or a + b in {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}:
            continue
        return f"{a}{b} {_d(r, 2)} {_d(r, 2)} {_d(r, 2)} {r.choice('ABCD')}"


def _cf(r: R) -> str:
    y, m, d = _date(r)
    day = d + (40 if r.random() < 0.5 else 0)
    body = (
        "".join(r.choice("BCDFGLMNPRSTVZ") for _ in range(3))
        + "".join(r.choice("BCDFGLMNPRSTVZAEIOU") for _ in range(3))
        + f"{y % 100:02d}{'ABCDEHLMPRST'[m - 1]}{day:02d}"
        + r.choice("ADFGHLMR")
        + _d(r, 3)
    )
    return body + codicefiscale.calc_check_digit(body)


def _nir(r: R) -> str:
    y, m, _ = _date(r)
    body = f"{r.choice('12')}{y % 100:02d}{m:02d}{r.randint(1, 95):02d}{_d(r, 3)}{_d(r, 3)}"
    key = 97 - int(body) % 97
    return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key:02d}"


def _hetu(r: R) -> str:
    y, m, d = _date(r, 1950, 1999)
    n = f"{r.randint(2, 899):03d}"
    t = "0123456789ABCDEFHJKLMNPRSTUVWXY"
    return f"{d:02d}{m:02d}{y % 100:02d}-{n}{t[int(f'{d:02d}{m:02d}{y % 100:02d}{n}') % 31]}"


def _pnr(r: R) -> str:
    y, m, d = _date(r)
    b = f"{y % 100:02d}{m:02d}{d:02d}{_d(r, 3)}"
    return f"{b[:6]}-{b[6:]}{luhn.calc_check_digit(b)}"


def _pesel(r: R) -> str:
    y, m, d = _date(r, 1950, 1999)
    return f"{y % 100:02d}{m:02d}{d:02d}{_d(r, 5)}"


def _cpr(r: R) -> str:
    y, m, d = _date(r, 1950, 1999)
    return f"{d:02d}{m:02d}{y % 100:02d}-{_d(r, 4)}"


def _fnr(r: R) -> str:
    y, m, d = _date(r, 1955, 1999)
    return f"{d:02d}{m:02d}{y % 100:02d}{r.randint(0, 499):03d}{_d(r, 2)}"


def _be(r: R) -> str:
    y, m, d = _date(r, 1950, 1999)
    b = f"{y % 100:02d}{m:02d}{d:02d}{r.randint(1, 997):03d}"
    return f"{b[:2]}.{b[2:4]}.{b[4:6]}-{b[6:]}.{97 - int(b) % 97:02d}"


def _ric(r: R) -> str:
    y, m, d = _date(r)
    b = f"{r.choice(['110101', '310104', '440106', '510107', '330106'])}{y}{m:02d}{d:02d}{_d(r, 3)}"
    return b + ric.calc_check_digit(b)


def _rrn(r: R) -> str:
    y, m, d = _date(r, 1950, 1999)
    b = f"{y % 100:02d}{m:02d}{d:02d}{r.choice('12')}{r.choice(['1100', '0200', '2102'])}{_d(r, 1)}"
    v = b + rrn.calc_check_digit(b)
    return f"{v[:6]}-{v[6:]}"


def _aadhaar(r: R) -> str:
    b = str(r.randint(2, 9)) + _d(r, 10)
    v = b + verhoeff.calc_check_digit(b)
    return f"{v[:4]} {v[4:8]} {v[8:]}"


NID: dict[str, tuple[Callable[[R], str], Callable[[str], bool]]] = {
    "US_SSN": (
        lambda r: f"{r.randint(1, 665):03d}-{r.randint(1, 99):02d}-{r.randint(1, 9999):04d}",
        ssn.is_valid,
    ),
    "UK_NINO": (_nino, lambda v: True),
    "DE_TAX_ID": (lambda r: _d(r, 11), idnr.is_valid),
    "FR_INSEE": (_nir, nir.is_valid),
    "ES_DNI": (lambda r: (lambda n: n + dni.calc_check_digit(n))(_d(r, 8)), dni.is_valid),
    "ES_NIE": (
        lambda r: (lambda n: n + nie.calc_check_digit(n))(r.choice("XYZ") + _d(r, 7)),
        nie.is_valid,
    ),
    "IT_CF": (_cf, codicefiscale.is_valid),
    "NL_BSN": (lambda r: _d(r, 9), lambda v: v[0] != "0" and bsn.is_valid(v)),
    "PL_PESEL": (_pesel, pesel.is_valid),
    "TR_TCKN": (lambda r: str(r.randint(1, 9)) + _d(r, 10), tckimlik.is_valid),
    "SE_PNR": (_pnr, personnummer.is_valid),
    "BR_CPF": (lambda r: (lambda v: f"{v[:3]}.{v[3:6]}.{v[6:9]}-{v[9:]}")(_d(r, 11)), cpf.is_valid),
    "PT_NIF": (lambda r: str(r.choice("123")) + _d(r, 8), nif.is_valid),
    "BE_NN": (_be, be_nn.is_valid),
    "DK_CPR": (_cpr, cpr.is_valid),
    "FI_HETU": (_hetu, hetu.is_valid),
    "NO_FNR": (_fnr, fodselsnummer.is_valid),
    "CN_RIC": (_ric, ric.is_valid),
    "KR_RRN": (_rrn, rrn.is_valid),
    "IN_AADHAAR": (_aadhaar, aadhaar.is_valid),
}


def national_id(rng: R, kind: str) -> str:
    make, ok = NID[kind]
    return _until(rng, make, ok)


# ---------------------------------------------------------------- passports
PASSPORT = {
    "US": lambda r: str(r.randint(5, 6)) + _d(r, 8),
    "GB": lambda r: str(r.randint(1, 5)) + _d(r, 8),
    "DE": lambda r: "C" + "".join(r.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8)),
    "FR": lambda r: _d(r, 2) + "".join(r.choice(UP) for _ in range(2)) + _d(r, 5),
    "IT": lambda r: "Y" + r.choice(UP) + _d(r, 7),
    "ES": lambda r: "".join(r.choice(UP) for _ in range(3)) + _d(r, 6),
    "NL": lambda r: (
        "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
        + "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(6))
        + _d(r, 1)
    ),
    "PL": lambda r: "".join(r.choice(UP) for _ in range(2)) + _d(r, 7),
    "IN": lambda r: r.choice("JKLMNPRSTVWZ") + _d(r, 7),
    "JP": lambda r: "T" + r.choice("KRSZ") + _d(r, 7),
    "BR": lambda r: "".join(r.choice(UP) for _ in range(2)) + _d(r, 6),
    "TR": lambda r: "U" + _d(r, 8),
}


def passport(rng: R, cc: str) -> str:
    return PASSPORT[cc](rng)


# ---------------------------------------------------------------- network, wallets, keys
def ipv4(rng: R) -> str:
    def make(r: R) -> str:
        k = r.random()
        if k < 0.35:
            return f"10.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"
        if k < 0.55:
            return f"192.168.{r.randint(0, 255)}.{r.randint(1, 254)}"
        if k < 0.65:
            return f"172.{r.randint(16, 31)}.{r.randint(0, 255)}.{r.randint(1, 254)}"
        return ".".join(str(r.randint(1, 254)) for _ in range(4))

    def ok(v: str) -> bool:
        a = ipaddress.ip_address(v)
        bad = (
            a.is_loopback or a.is_multicast or a.is_link_local or a.is_reserved or a.is_unspecified
        )
        return (
            not bad
            and (a.is_global or a.is_private)
            and not any(
                a in ipaddress.ip_network(n)
                for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "100.64.0.0/10")
            )
        )

    return _until(rng, make, ok)


def ipv6(rng: R) -> str:
    pre = rng.choice(
        ["2a02:8108", "2a01:e0a", "2001:16b8", "2600:1700", "2a00:23c5", "2804:14c", "2405:201"]
    )
    tail = ":".join(f"{rng.randint(0, 0xFFFF):x}" for _ in range(rng.choice([4, 6])))
    v = f"{pre}:{tail}" if tail.count(":") == 5 else f"{pre}::{tail}"
    a = ipaddress.ip_address(v)
    assert a.is_global, v
    return v


OUIS = [
    "00:1B:63",
    "3C:5A:B4",
    "F4:F5:D8",
    "00:50:56",
    "B8:27:EB",
    "DC:A6:32",
    "00:0C:29",
    "00:1E:C2",
    "FC:FB:FB",
    "00:17:88",
    "18:B4:30",
    "44:65:0D",
    "A4:83:E7",
    "00:25:9C",
]


def mac_address(rng: R) -> str:
    oui = rng.choice(OUIS)
    tail = ":".join(f"{rng.randint(0, 255):02X}" for _ in range(3))
    v = f"{oui}:{tail}"
    r = rng.random()
    if r < 0.3:
        v = v.lower()
    elif r < 0.5:
        v = v.replace(":", "-")
    elif r < 0.6:
        h = v.replace(":", "").lower()
        v = f"{h[:4]}.{h[4:8]}.{h[8:]}"
    check_mac(v)
    return v


def check_mac(v: str) -> None:
    h = v.replace(":", "").replace("-", "").replace(".", "")
    if not mac.is_valid(":".join(h[i : i + 2] for i in range(0, 12, 2))):
        raise ValueError(f"invalid MAC address {v}")


B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _b58check(payload: bytes) -> str:
    raw = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n = int.from_bytes(raw, "big")
    out = ""
    while n:
        n, rem = divmod(n, 58)
        out = B58[rem] + out
    return "1" * (len(raw) - len(raw.lstrip(b"\0"))) + out


def _polymod(values: list[int]) -> int:
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (b >> i) & 1 else 0
    return chk


def _bech32(prog: bytes) -> str:
    acc, bits, data = 0, 0, [0]
    for b in prog:
        acc = (acc << 8) | b
        bits += 8
        while bits >= 5:
            bits -= 5
            data.append((acc >> bits) & 31)
    if bits:
        data.append((acc << (5 - bits)) & 31)
    hrp = [ord(c) >> 5 for c in "bc"] + [0] + [ord(c) & 31 for c in "bc"]
    pm = _polymod(hrp + data + [0] * 6) ^ 1
    chk = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return "bc1" + "".join(BECH[d] for d in data + chk)


def wallet(rng: R) -> str:
    k = rng.random()
    body = bytes(rng.randrange(256) for _ in range(20))
    if k < 0.3:
        v = _b58check(b"\x00" + body)
    elif k < 0.45:
        v = _b58check(b"\x05" + body)
    elif k < 0.7:
        v = _bech32(body)
    else:
        return "0x" + body.hex()
    assert bitcoin.is_valid(v), v
    return v


AN = string.ascii_letters + DIG


def _s(rng: R, n: int, alpha: str = AN) -> str:
    return "".join(rng.choice(alpha) for _ in range(n))


KEYS: dict[str, Callable[[R], str]] = {
    "aws": lambda r: "AKIA" + _s(r, 16, UP + "234567"),
    "github": lambda r: "ghp_" + _s(r, 36),
    "github_pat": lambda r: "github_pat_11" + _s(r, 20, UP + DIG) + "_" + _s(r, 59),
    "slack": lambda r: f"xoxb-{_d(r, 12)}-{_d(r, 13)}-{_s(r, 24)}",
    "stripe": lambda r: "sk_live_" + _s(r, 24),
    "openai": lambda r: "sk-proj-" + _s(r, 48, AN + "-_"),
    "anthropic": lambda r: "sk-ant-api03-" + _s(r, 93, AN + "-_") + "AA",
    "google": lambda r: "AIza" + _s(r, 35, AN + "-_"),
    "hf": lambda r: "hf_" + _s(r, 34),
    "gitlab": lambda r: "glpat-" + _s(r, 20, AN + "-_"),
    "sendgrid": lambda r: "SG." + _s(r, 22, AN + "-_") + "." + _s(r, 43, AN + "-_"),
    "npm": lambda r: "npm_" + _s(r, 36),
    "twilio": lambda r: "SK" + _s(r, 32, "0123456789abcdef"),
    "jwt": lambda r: (
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
        + "eyJ"
        + _s(r, 60, AN + "-_")
        + "."
        + _s(r, 43, AN + "-_")
    ),
    "hex": lambda r: _s(r, 64, "0123456789abcdef"),
    "pypi": lambda r: "pypi-AgEIcHlwaS5vcmc" + _s(r, 70, AN + "-_"),
}

PASSWORD_WORDS = [
    "Sommer",
    "Kaffee",
    "soleil",
    "Primavera",
    "tulp",
    "Drache",
    "sunflower",
    "Gatto",
    "kwiat",
    "Ankara",
    "estrela",
    "Blaubeere",
    "mango",
    "Orkan",
]


def password(rng: R) -> str:
    w = rng.choice(PASSWORD_WORDS)
    return rng.choice(
        [
            f"{w}{rng.randint(10, 99)}!{_s(rng, 3)}",
            f"{_s(rng, 4)}#{w.lower()}{rng.randint(1000, 9999)}",
            _s(rng, 14, AN + "!@#%^&*"),
            f"{w[:3]}_{_s(rng, 6)}${rng.randint(1, 9)}",
        ]
    )


def url_with_credentials(rng: R, user: str) -> str:
    pw = _s(rng, rng.randint(10, 18), AN + "-._~")
    host = rng.choice(
        [
            "db-prod-2.internal",
            "pg.eu-west-1.rds.amazonaws.com",
            "cluster0.x7k2p.mongodb.net",
            "rabbit.staging.lan",
            "10.20.4.17",
            "redis-cache.svc.cluster.local",
        ]
    )
    scheme, port, path = rng.choice(
        [
            ("postgresql", 5432, "/analytics"),
            ("mysql", 3306, "/crm"),
            ("mongodb+srv", None, "/orders"),
            ("amqp", 5672, "/vhost"),
            ("redis", 6379, "/0"),
            ("https", None, "/api/v2/export"),
        ]
    )
    p = f":{port}" if port else ""
    return f"{scheme}://{user}:{pw}@{host}{p}{path}"
