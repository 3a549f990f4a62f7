"""Identifiers with real structure and check digits, drawn from a seeded ``random.Random``.

Every generator returns ``(text, note)``. The formats follow the issuers' public rules (see
README); ``generate.verify`` checks each value again with python-stdnum / phonenumbers.
"""

from __future__ import annotations

import hashlib
import random
import string

import bech32
import phonenumbers
from stdnum import iban as std_iban
from stdnum import luhn, verhoeff
from stdnum.cz import rc as cz_rc
from stdnum.in_ import aadhaar as in_aadhaar
from stdnum.ro import cnp as ro_cnp
from stdnum.th import pin as th_pin
from stdnum.ua import rntrc as ua_rntrc
from stdnum.us import ssn as us_ssn

ALNUM = string.ascii_letters + string.digits


# ---------------------------------------------------------------- phones
def phone(rng: random.Random, region: str) -> tuple[str, str]:
    """A valid mobile (or fixed) number of ``region`` in international or national form."""
    for kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE):
        ex = phonenumbers.example_number_for_type(region, kind)
        if ex is None:
            continue
        nat = str(ex.national_number)
        for _ in range(200):
            keep = max(2, len(nat) - 6)
            cand = nat[:keep] + "".join(rng.choice(string.digits) for _ in nat[keep:])
            num = phonenumbers.parse(cand, region)
            if phonenumbers.is_valid_number(num) and cand != nat:
                fmt = rng.choice(
                    [
                        phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                        phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                        phonenumbers.PhoneNumberFormat.NATIONAL,
                        phonenumbers.PhoneNumberFormat.E164,
                    ]
                )
                return phonenumbers.format_number(num, fmt), region
    raise ValueError(region)


# ---------------------------------------------------------------- bank
# BBAN layouts (SWIFT IBAN registry): n digits, a upper-case letters, c alphanumerics
IBAN_LAYOUT = {
    "CZ": "20n", "RO": "4a16c", "HU": "24n", "FI": "14n", "GR": "23n", "IL": "19n",
    "UA": "6n19c", "DE": "18n", "GB": "4a14n", "NL": "4a10n", "TR": "5n1n16c",
}  # fmt: skip


def _layout(rng: random.Random, spec: str) -> str:
    out, num = [], ""
    for ch in spec:
        if ch.isdigit():
            num += ch
            continue
        pool = {"n": string.digits, "a": string.ascii_uppercase, "c": string.digits}[ch]
        out.append("".join(rng.choice(pool) for _ in range(int(num))))
        num = ""
    return "".join(out)


def iban(rng: random.Random, country: str) -> tuple[str, str]:
    for _ in range(2000):
        bban = _layout(rng, IBAN_LAYOUT[country])
        if country == "TR":
            bban = bban[:5] + "0" + bban[6:]
        check = std_iban.calc_check_digits(country + "00" + bban)
        value = country + check + bban
        if std_iban.is_valid(value):
            if rng.random() < 0.6:
                value = " ".join(value[i : i + 4] for i in range(0, len(value), 4))
            return value, country
    raise ValueError(country)


def _luhn_complete(rng: random.Random, prefix: str, length: int) -> str:
    body = prefix + "".join(rng.choice(string.digits) for _ in range(length - len(prefix) - 1))
    return body + luhn.calc_check_digit(body)


def card(rng: random.Random) -> tuple[str, str]:
    brand, prefix, length = rng.choice(
        [
            ("visa", "4" + rng.choice("0123456789"), 16),
            ("mastercard", str(rng.randint(51, 55)), 16),
            ("mastercard", str(rng.randint(2221, 2720)), 16),
            ("amex", rng.choice(["34", "37"]), 15),
            ("jcb", str(rng.randint(3528, 3589)), 16),
        ]
    )
    n = _luhn_complete(rng, prefix, length)
    if n in {"4111111111111111", "4242424242424242"}:
        return card(rng)
    style = rng.random()
    if style < 0.5:
        groups = [4, 6, 5] if length == 15 else [4, 4, 4, 4]
        sep = rng.choice([" ", " ", "-"])
        parts, i = [], 0
        for g in groups:
            parts.append(n[i : i + g])
            i += g
        return sep.join(parts), brand
    return n, brand


# ---------------------------------------------------------------- national ids
def _date(rng: random.Random, lo: int = 1950, hi: int = 2004) -> tuple[int, int, int]:
    return rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28)


def national_id(rng: random.Random, kind: str, sex: str = "f") -> tuple[str, str]:
    y, m, d = _date(rng)
    if kind == "CZ_RC":
        mm = m + (50 if sex == "f" else 0)
        for _ in range(100):
            head = f"{y % 100:02d}{mm:02d}{d:02d}{rng.randint(0, 999):03d}"
            check = int(head) % 11 % 10
            v = head + str(check)
            if int(v) % 11 == 0 and cz_rc.is_valid(v):
                return v[:6] + "/" + v[6:], kind
    if kind == "RO_CNP":
        s = ("2" if sex == "f" else "1") if y < 2000 else ("6" if sex == "f" else "5")
        head = f"{s}{y % 100:02d}{m:02d}{d:02d}{rng.randint(1, 46):02d}{rng.randint(1, 999):03d}"
        v = head + ro_cnp.calc_check_digit(head)
        return v, kind
    if kind == "FI_HETU":
        c = "-" if y < 2000 else "A"
        ind = rng.randrange(2, 899)
        ind += (ind % 2) if sex == "f" else (1 - ind % 2)  # even for women, odd for men
        head = f"{d:02d}{m:02d}{y % 100:02d}"
        v = (
            head
            + c
            + f"{ind:03d}"
            + "0123456789ABCDEFHJKLMNPRSTUVWXY"[int(head + f"{ind:03d}") % 31]
        )
        return v, kind
    if kind == "GR_AMKA":
        head = f"{d:02d}{m:02d}{y % 100:02d}{rng.randint(0, 999):03d}"
        last = rng.choice("02468" if sex == "f" else "13579")
        head += last
        return head + luhn.calc_check_digit(head), kind
    if kind == "IL_ID":
        head = "".join(rng.choice(string.digits) for _ in range(8))
        if head[0] == "0":
            head = "3" + head[1:]
        return head + luhn.calc_check_digit(head), kind
    if kind == "IN_AADHAAR":
        for _ in range(100):
            head = rng.choice("23456789") + "".join(rng.choice(string.digits) for _ in range(10))
            v = head + verhoeff.calc_check_digit(head)
            if in_aadhaar.is_valid(v):
                return f"{v[:4]} {v[4:8]} {v[8:]}", kind
    if kind == "TH_PIN":
        head = rng.choice("12345678") + "".join(rng.choice(string.digits) for _ in range(11))
        v = head + th_pin.calc_check_digit(head)
        return f"{v[0]}-{v[1:5]}-{v[5:10]}-{v[10:12]}-{v[12]}", kind
    if kind == "UA_RNTRC":
        head = "".join(rng.choice(string.digits) for _ in range(9))
        if head[0] == "0":
            head = "2" + head[1:]
        return head + ua_rntrc.calc_check_digit(head), kind
    if kind == "US_SSN":
        while True:
            v = f"{rng.randint(1, 665):03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"
            if us_ssn.is_valid(v) and v[:3] != "000":
                return v, kind
    raise ValueError(kind)


PASSPORT_LAYOUT = {
    "CZ": "8n", "RO": "9n", "HU": "2a7n", "FI": "2a7n", "ID": "1a7n", "VN": "1a7n",
    "KE": "2a7n", "GR": "2a7n", "IL": "8n", "IN": "1a7n", "TH": "2a7n", "UA": "2a6n",
    "US": "9n",
}  # fmt: skip


def passport(rng: random.Random, country: str) -> tuple[str, str]:
    v = _layout(rng, PASSPORT_LAYOUT[country].replace("a", "a"))
    if v[0] == "0":
        v = "5" + v[1:]
    return v, country


# ---------------------------------------------------------------- network
def ipv4(rng: random.Random) -> tuple[str, str]:
    kind = rng.random()
    if kind < 0.3:
        return f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}", "private"
    if kind < 0.45:
        return f"192.168.{rng.randint(0, 255)}.{rng.randint(2, 254)}", "private"
    while True:
        a = rng.choice([31, 37, 41, 49, 62, 77, 81, 89, 94, 102, 105, 115, 118, 171, 185, 196])
        v = f"{a}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        return v, "public"


def ipv6(rng: random.Random) -> tuple[str, str]:
    head = rng.choice(["2a02", "2001:4860", "2a01", "2405", "2c0f", "2400", "2a0a"])
    parts = head.split(":") + [
        f"{rng.randint(0, 0xFFFF):x}" for _ in range(8 - 1 - len(head.split(":")))
    ]
    # write it with a :: run for the middle zeros sometimes
    if rng.random() < 0.5:
        return ":".join(parts[:3]) + "::" + ":".join(parts[-2:]), "ipv6"
    return ":".join([*parts, f"{rng.randint(1, 0xFFFF):x}"]), "ipv6"


OUIS = ["B8:27:EB", "DC:A6:32", "3C:22:FB", "F4:F5:D8", "00:1A:11", "00:50:56",
        "28:CF:E9", "A4:83:E7", "F0:18:98", "00:1B:63", "E4:5F:01"]  # fmt: skip


def mac(rng: random.Random) -> tuple[str, str]:
    octets = rng.choice(OUIS).split(":") + [f"{rng.randint(0, 255):02X}" for _ in range(3)]
    style = rng.random()
    if style < 0.5:
        return ":".join(o.lower() for o in octets), "colon"
    if style < 0.8:
        return "-".join(octets), "dash"
    h = "".join(octets).lower()
    return ".".join(h[i : i + 4] for i in range(0, 12, 4)), "dot"


# ---------------------------------------------------------------- secrets
def _s(rng: random.Random, n: int, pool: str = ALNUM) -> str:
    return "".join(rng.choice(pool) for _ in range(n))


def token(rng: random.Random, kind: str | None = None) -> tuple[str, str]:
    kind = kind or rng.choice(
        ["github", "aws", "slack", "stripe", "openai", "hf", "gitlab", "sendgrid", "npm",
         "google", "jwt", "anthropic"]
    )  # fmt: skip
    b32 = string.ascii_uppercase + "234567"
    v = {
        "github": lambda: "ghp_" + _s(rng, 36),
        "aws": lambda: "AKIA" + _s(rng, 16, b32),
        "slack": lambda: (
            f"xoxb-{rng.randint(10**10, 10**11)}-{rng.randint(10**11, 10**12)}-" + _s(rng, 24)
        ),
        "stripe": lambda: "sk_live_" + _s(rng, 24),
        "openai": lambda: "sk-proj-" + _s(rng, 48, ALNUM + "_-"),
        "hf": lambda: "hf_" + _s(rng, 34, string.ascii_letters),
        "gitlab": lambda: "glpat-" + _s(rng, 20, ALNUM + "_-"),
        "sendgrid": lambda: "SG." + _s(rng, 22, ALNUM + "_-") + "." + _s(rng, 43, ALNUM + "_-"),
        "npm": lambda: "npm_" + _s(rng, 36),
        "google": lambda: "AIza" + _s(rng, 35, ALNUM + "_-"),
        "jwt": lambda: (
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
            + _s(rng, 48, ALNUM + "_-")
            + "."
            + _s(rng, 43, ALNUM + "_-")
        ),
        "anthropic": lambda: "sk-ant-api03-" + _s(rng, 86, ALNUM + "_-") + "AA",
    }[kind]()
    return v, "token:" + kind


WORDS = ["Kahvi", "Ponorka", "Mango", "Sarkany", "Bintang", "Tembo", "Zeus", "Kiwi", "Orbit",
         "Banyan", "Lotus", "Falcon"]  # fmt: skip


def password(rng: random.Random) -> tuple[str, str]:
    style = rng.random()
    if style < 0.5:
        v = rng.choice(WORDS) + rng.choice("!#$%&*?@") + str(rng.randint(10, 9999)) + _s(rng, 2)
    else:
        v = _s(rng, rng.randint(12, 18), ALNUM + "!#$%&*+-=?@^_")
    return v, "password"


# ---------------------------------------------------------------- wallets
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def _b58check(payload: bytes) -> str:
    """Base58Check (BIP 13): payload, then 4 bytes of double SHA-256, in base 58."""
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n, digits = int.from_bytes(data, "big"), []
    while n:
        n, r = divmod(n, 58)
        digits.append(B58[r])
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + "".join(reversed(digits))


def wallet(rng: random.Random) -> tuple[str, str]:
    kind = rng.choice(["p2pkh", "p2sh", "bech32", "eth"])
    h = bytes(rng.randrange(256) for _ in range(20))
    if kind == "p2pkh":
        return _b58check(b"\x00" + h), "btc:p2pkh"
    if kind == "p2sh":
        return _b58check(b"\x05" + h), "btc:p2sh"
    if kind == "bech32":
        return bech32.encode("bc", 0, h), "btc:bech32"
    return "0x" + h.hex(), "eth"
