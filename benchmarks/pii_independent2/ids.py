"""Identifier values with real check digits, each validated against its specification.

Every generator returns ``(text, note)``; :func:`check` validates a labelled value again
before the corpus is written (python-stdnum, phonenumbers, the ``ipaddress`` module).
Values are random but reproducible: every function takes the generator's ``random.Random``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import ipaddress
import json
import random
import string

import phonenumbers
from stdnum import bitcoin, iban, luhn
from stdnum.be import nn as be_nn
from stdnum.br import cpf
from stdnum.ch import ssn as ch_ssn
from stdnum.de import idnr
from stdnum.dk import cpr
from stdnum.es import dni, nie
from stdnum.fi import hetu
from stdnum.fr import nir
from stdnum.iso7064 import mod_11_10
from stdnum.it import codicefiscale
from stdnum.nl import bsn
from stdnum.no import fodselsnummer
from stdnum.pl import pesel
from stdnum.pt import nif
from stdnum.se import personnummer
from stdnum.tr import tckimlik
from stdnum.us import ssn

Rng = random.Random
DIG = string.digits
UP = string.ascii_uppercase
ALNUM = string.ascii_letters + string.digits


def _digits(rng: Rng, n: int) -> str:
    return "".join(rng.choice(DIG) for _ in range(n))


def _until(rng: Rng, make, ok, tries: int = 5000):  # type: ignore[no-untyped-def]
    for _ in range(tries):
        v = make()
        if ok(v):
            return v
    raise RuntimeError("no valid value found")


def birth_date(rng: Rng) -> dt.date:
    return dt.date(1945, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 60))


# ------------------------------------------------------------------ phones
PHONE_REGIONS = {
    "en": ["US", "GB", "IE", "CA", "AU"],
    "de": ["DE", "AT", "CH"],
    "fr": ["FR", "BE", "CH"],
    "es": ["ES", "MX", "AR"],
    "it": ["IT"],
    "nl": ["NL", "BE"],
    "pt": ["PT", "BR"],
    "pl": ["PL"],
    "sv": ["SE"],
    "da": ["DK"],
    "fi": ["FI"],
    "cs": ["CZ"],
    "ro": ["RO"],
}


def phone(rng: Rng, lang: str) -> tuple[str, str]:
    region = rng.choice(PHONE_REGIONS.get(lang, ["US"]))
    ex = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    if ex is None or rng.random() < 0.3:
        ex = phonenumbers.example_number(region)
    assert ex is not None
    nat = phonenumbers.national_significant_number(ex)  # keeps Italy's leading zero

    def make() -> phonenumbers.PhoneNumber:
        keep = min(len(nat), rng.choice([2, 3, 3, 4]))
        num = nat[:keep] + _digits(rng, len(nat) - keep)
        return phonenumbers.parse(f"+{ex.country_code}{num}")

    pn = _until(rng, make, phonenumbers.is_valid_number)
    style = rng.random()
    if style < 0.4:
        text = phonenumbers.format_number(pn, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    elif style < 0.7:
        text = phonenumbers.format_number(pn, phonenumbers.PhoneNumberFormat.NATIONAL)
    elif style < 0.85:
        text = phonenumbers.format_number(pn, phonenumbers.PhoneNumberFormat.E164)
    else:  # dotted or 00-prefixed forms people type by hand
        intl = phonenumbers.format_number(pn, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        dial_00 = pn.country_code != 1 and rng.random() < 0.5  # 00 is not NANP's prefix
        text = "00" + intl[1:] if dial_00 else intl.replace(" ", ".")
    return text, region


def check_phone(text: str, region: str) -> bool:
    if text.startswith("00"):  # the international prefix of most of Europe
        text = "+" + text[2:]
    try:
        pn = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(pn)


# ------------------------------------------------------------------ network
def _bad_ip(a: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    docs = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32"]
    if any(a in ipaddress.ip_network(d) for d in docs):
        return True
    return a.is_loopback or a.is_link_local or a.is_multicast or a.is_unspecified or a.is_reserved


def ipv4(rng: Rng) -> tuple[str, str]:
    r = rng.random()
    if r < 0.2:
        s = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
    elif r < 0.35:
        s = f"192.168.{rng.randrange(256)}.{rng.randrange(2, 255)}"
    elif r < 0.45:
        s = f"172.{rng.randrange(16, 32)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
    else:

        def make() -> str:
            return ".".join(
                str(x)
                for x in [rng.randrange(1, 224)]
                + [rng.randrange(256) for _ in range(2)]
                + [rng.randrange(1, 255)]
            )

        s = _until(rng, make, lambda v: ipaddress.ip_address(v).is_global)
    return s, "ipv4"


def ipv6(rng: Rng) -> tuple[str, str]:
    prefix = rng.choice(["2a02", "2a01", "2001:4860", "2600", "2a00", "2003", "2a0a", "2604"])
    parts = prefix.split(":")
    parts += [f"{rng.randrange(0x10000):x}" for _ in range(8 - len(parts))]
    addr = ipaddress.IPv6Address(":".join(parts))
    return (addr.compressed if rng.random() < 0.7 else addr.exploded), "ipv6"


def check_ip(text: str) -> bool:
    try:
        a = ipaddress.ip_address(text)
    except ValueError:
        return False
    return not _bad_ip(a) and (a.is_global or a.is_private)


# vendor prefixes from the IEEE OUI registry (as shipped with python-stdnum)
OUIS = ["00:1c:b3", "3c:07:54", "00:14:22", "00:1b:21", "00:1a:a1", "00:16:32", "b8:27:eb",
        "dc:a6:32", "3c:d9:2b", "f0:18:98", "a4:83:e7", "f4:f5:d8", "28:cf:e9", "e4:5f:01",
        "70:85:c2", "54:ee:75", "9c:b6:d0", "d8:bb:c1", "f8:ff:c2", "18:3e:ef"]  # fmt: skip


def mac(rng: Rng) -> tuple[str, str]:
    h = rng.choice(OUIS).split(":") + [f"{rng.randrange(256):02x}" for _ in range(3)]
    r = rng.random()
    if r < 0.45:
        s = ":".join(h)
    elif r < 0.75:
        s = "-".join(h).upper()
    elif r < 0.9:
        s = ":".join(h).upper()
    else:
        s = ".".join("".join(h[i : i + 2]) for i in (0, 2, 4))
    return s, "mac"


def check_mac(text: str) -> bool:
    import re

    from stdnum import mac as smac

    if re.fullmatch(r"[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}", text):  # Cisco dotted notation
        text = ":".join(text.replace(".", "")[i : i + 2] for i in range(0, 12, 2))
    return bool(smac.is_valid(text)) and smac.is_unicast(text)


# ------------------------------------------------------------------ payment
CARD_PREFIXES = [("visa", "4", 16), ("mastercard", "5", 16), ("mastercard2", "22", 16),
                 ("amex", "37", 15), ("amex", "34", 15), ("discover", "6011", 16),
                 ("jcb", "35", 16), ("maestro", "6759", 16)]  # fmt: skip


def card(rng: Rng) -> tuple[str, str]:
    kind, pre, n = rng.choice(CARD_PREFIXES)
    if kind == "mastercard":
        pre = rng.choice(["51", "52", "53", "54", "55"])
    if kind == "mastercard2":
        pre = str(rng.randrange(2221, 2721))
    if kind == "jcb":
        pre = str(rng.randrange(3528, 3590))
    body = pre + _digits(rng, n - len(pre) - 1)
    num = body + luhn.calc_check_digit(body)
    r = rng.random()
    if n == 15:
        s = f"{num[:4]} {num[4:10]} {num[10:]}" if r < 0.6 else num
    elif r < 0.5:
        s = " ".join(num[i : i + 4] for i in range(0, 16, 4))
    elif r < 0.7:
        s = "-".join(num[i : i + 4] for i in range(0, 16, 4))
    else:
        s = num
    return s, kind.rstrip("2")


def check_card(text: str) -> bool:
    d = text.replace(" ", "").replace("-", "")
    return d.isdigit() and len(d) in (15, 16) and luhn.is_valid(d)


IBAN_LAYOUT = {  # country: BBAN length and character kinds (SWIFT IBAN registry)
    "DE": "n18", "FR": "n10c11n2", "ES": "n20", "IT": "a1n10c12", "NL": "a4n10",
    "PT": "n21", "BE": "n12", "AT": "n16", "CH": "n5c12", "PL": "n24", "GB": "a4n14",
    "IE": "a4n14", "DK": "n14", "SE": "n20", "FI": "n14", "CZ": "n20", "RO": "a4c16",
    "LU": "n3c13",
}  # fmt: skip
IBAN_FOR = {"en": ["GB", "IE"], "de": ["DE", "AT", "CH"], "fr": ["FR", "BE", "LU"],
            "es": ["ES"], "it": ["IT"], "nl": ["NL", "BE"], "pt": ["PT"], "pl": ["PL"],
            "sv": ["SE"], "da": ["DK"], "fi": ["FI"], "cs": ["CZ"], "ro": ["RO"]}  # fmt: skip


def _bban(rng: Rng, layout: str) -> str:
    out = []
    i = 0
    while i < len(layout):
        kind = layout[i]
        j = i + 1
        while j < len(layout) and layout[j].isdigit():
            j += 1
        n = int(layout[i + 1 : j])
        pool = {"n": DIG, "a": UP, "c": UP + DIG}[kind]
        out.append("".join(rng.choice(pool) for _ in range(n)))
        i = j
    return "".join(out)


def iban_value(rng: Rng, lang: str) -> tuple[str, str]:
    cc = rng.choice(IBAN_FOR.get(lang, ["DE"]))

    def make() -> str:
        b = _bban(rng, IBAN_LAYOUT[cc])
        return cc + iban.calc_check_digits(cc + "00" + b) + b

    v = _until(rng, make, iban.is_valid, 20000)
    return (iban.format(v) if rng.random() < 0.6 else v), cc


def check_iban(text: str) -> bool:
    return bool(iban.is_valid(text))


# ------------------------------------------------------------------ national ids
def _nid_us(rng: Rng) -> str:
    def make() -> str:
        return (
            f"{rng.randrange(1, 899):03d}-{rng.randrange(1, 100):02d}-{rng.randrange(1, 10000):04d}"
        )

    return _until(rng, make, ssn.is_valid)


def _nid_de(rng: Rng) -> str:
    def make() -> str:
        b = str(rng.randrange(1, 10)) + _digits(rng, 9)
        return b + mod_11_10.calc_check_digit(b)

    v = _until(rng, make, idnr.is_valid)
    return idnr.format(v) if rng.random() < 0.5 else v


def _nid_fr(rng: Rng) -> str:
    def make() -> str:
        d = birth_date(rng)
        dep = f"{rng.randrange(1, 96):02d}"
        town, serial = rng.randrange(1, 990), rng.randrange(1, 1000)
        b = f"{rng.choice('12')}{d.year % 100:02d}{d.month:02d}{dep}{town:03d}{serial:03d}"
        return b + nir.calc_check_digits(b)

    v = _until(rng, make, nir.is_valid)
    return nir.format(v) if rng.random() < 0.6 else v


def _nid_es(rng: Rng) -> str:
    if rng.random() < 0.7:
        b = _digits(rng, 8)
        return (
            b + dni.calc_check_digit(b) if rng.random() < 0.7 else b + "-" + dni.calc_check_digit(b)
        )
    b = rng.choice("XYZ") + _digits(rng, 7)
    return b + nie.calc_check_digit(b)


CF_MONTH = "ABCDEHLMPRST"


def _nid_it(rng: Rng) -> str:
    def make() -> str:
        d = birth_date(rng)
        cons = "".join(rng.choice("BCDFGLMNPRSTVZ") for _ in range(6))
        day = d.day + (40 if rng.random() < 0.5 else 0)
        town = rng.choice("ABCDEFGHLMF") + f"{rng.randrange(1, 999):03d}"
        b = f"{cons}{d.year % 100:02d}{CF_MONTH[d.month - 1]}{day:02d}{town}"
        return b + codicefiscale.calc_check_digit(b)

    return _until(rng, make, codicefiscale.is_valid)


def _nid_nl(rng: Rng) -> str:
    v = _until(rng, lambda: str(rng.randrange(1, 10)) + _digits(rng, 8), bsn.is_valid)
    return bsn.format(v) if rng.random() < 0.3 else v


def _nid_pl(rng: Rng) -> str:
    def make() -> str:
        d = birth_date(rng)
        m = d.month + (20 if d.year >= 2000 else 0)
        b = f"{d.year % 100:02d}{m:02d}{d.day:02d}{_digits(rng, 4)}"
        return b + pesel.calc_check_digit(b)

    return _until(rng, make, pesel.is_valid)


def _nid_tr(rng: Rng) -> str:
    def make() -> str:
        b = str(rng.randrange(1, 10)) + _digits(rng, 8)
        return b + tckimlik.calc_check_digits(b)

    return _until(rng, make, tckimlik.is_valid)


def _nid_se(rng: Rng) -> str:
    def make() -> str:
        d = birth_date(rng)
        b = f"{d.year % 100:02d}{d.month:02d}{d.day:02d}{_digits(rng, 3)}"
        return b + luhn.calc_check_digit(b)

    v = _until(rng, make, lambda v: personnummer.is_valid(v[:6] + "-" + v[6:]))
    return v[:6] + "-" + v[6:]


def _nid_br(rng: Rng) -> str:
    def make() -> str:
        b = _digits(rng, 9)
        for _ in range(2):  # Receita Federal: two mod-11 digits, weights 10.. and 11..
            s = sum(int(c) * w for c, w in zip(b, range(len(b) + 1, 1, -1), strict=True))
            b += str(11 - s % 11 if s % 11 >= 2 else 0)
        return b

    v = _until(rng, make, cpf.is_valid)
    return cpf.format(v)


def _nid_pt(rng: Rng) -> str:
    def make() -> str:
        b = rng.choice("12356") + _digits(rng, 7)
        return b + nif.calc_check_digit(b)

    v = _until(rng, make, nif.is_valid)
    return v if rng.random() < 0.6 else f"{v[:3]} {v[3:6]} {v[6:]}"


def _nid_be(rng: Rng) -> str:
    def make() -> str:
        d = birth_date(rng)
        b = f"{d.year % 100:02d}{d.month:02d}{d.day:02d}{rng.randrange(1, 998):03d}"
        base = int(("2" if d.year >= 2000 else "") + b)
        return b + f"{97 - base % 97:02d}"

    v = _until(rng, make, be_nn.is_valid)
    return be_nn.format(v)


def _nid_dk(rng: Rng) -> str:
    def make() -> str:
        d = birth_date(rng)
        return f"{d.day:02d}{d.month:02d}{d.year % 100:02d}-{_digits(rng, 4)}"

    return _until(rng, make, cpr.is_valid)


def _nid_fi(rng: Rng) -> str:
    def make() -> str:
        d = birth_date(rng)
        sep = "-" if d.year < 2000 else "A"
        ind = f"{rng.randrange(2, 900):03d}"
        chk = "0123456789ABCDEFHJKLMNPRSTUVWXY"[
            int(f"{d.day:02d}{d.month:02d}{d.year % 100:02d}{ind}") % 31
        ]
        return f"{d.day:02d}{d.month:02d}{d.year % 100:02d}{sep}{ind}{chk}"

    return _until(rng, make, hetu.is_valid)


def _nid_no(rng: Rng) -> str:
    def make() -> str:
        d = birth_date(rng)
        b = f"{d.day:02d}{d.month:02d}{d.year % 100:02d}{_digits(rng, 3)}"
        return b + fodselsnummer.calc_check_digit1(b) + "0"

    def fix(v: str) -> str:
        b = v[:10]
        return b + fodselsnummer.calc_check_digit2(b)

    return _until(rng, lambda: fix(make()), fodselsnummer.is_valid)


def _nid_ch(rng: Rng) -> str:
    from stdnum import ean

    def make() -> str:
        b = "756" + _digits(rng, 9)
        return b + ean.calc_check_digit(b)

    v = _until(rng, make, ch_ssn.is_valid)
    return ch_ssn.format(v)


def _nid_gb(rng: Rng) -> str:
    # HMRC NINO: two prefix letters (not D F I Q U V; second not O; not BG GB KN NK NT TN ZZ)
    first = "ABCEGHJKLMNOPRSTWXYZ"
    second = "ABCEGHJKLMNPRSTWXYZ"

    def make() -> str:
        p = rng.choice(first) + rng.choice(second)
        return p + _digits(rng, 6) + rng.choice("ABCD")

    v = _until(rng, make, lambda v: v[:2] not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
    return v if rng.random() < 0.5 else f"{v[:2]} {v[2:4]} {v[4:6]} {v[6:8]} {v[8]}"


def _nid_cz(rng: Rng) -> str:
    from stdnum.cz import rc

    def make() -> str:
        d = birth_date(rng)
        m = d.month + (50 if rng.random() < 0.5 else 0)
        return f"{d.year % 100:02d}{m:02d}{d.day:02d}/{_digits(rng, 4)}"

    return _until(rng, make, rc.is_valid)


def _nid_ro(rng: Rng) -> str:
    from stdnum.ro import cnp

    def make() -> str:
        d = birth_date(rng)
        county = rng.randrange(1, 47)
        return f"{rng.choice('12')}{d:%y%m%d}{county:02d}{_digits(rng, 4)}"

    return _until(rng, make, cnp.is_valid)


NID = {
    "CZ_RC": _nid_cz, "RO_CNP": _nid_ro,
    "US_SSN": _nid_us, "UK_NINO": _nid_gb, "DE_TAX_ID": _nid_de, "FR_INSEE": _nid_fr,
    "ES_DNI": _nid_es, "IT_CF": _nid_it, "NL_BSN": _nid_nl, "PL_PESEL": _nid_pl,
    "TR_TCKN": _nid_tr, "SE_PNR": _nid_se, "BR_CPF": _nid_br, "PT_NIF": _nid_pt,
    "BE_NN": _nid_be, "DK_CPR": _nid_dk, "FI_HETU": _nid_fi, "NO_FNR": _nid_no,
    "CH_AHV": _nid_ch,
}  # fmt: skip
NID_FOR = {"en": ["US_SSN"], "de": ["DE_TAX_ID", "CH_AHV"],
           "fr": ["FR_INSEE", "BE_NN"], "es": ["ES_DNI"], "it": ["IT_CF"],
           "nl": ["NL_BSN", "BE_NN"], "pt": ["PT_NIF", "BR_CPF"], "pl": ["PL_PESEL"],
           "sv": ["SE_PNR"], "da": ["DK_CPR"], "fi": ["FI_HETU"], "tr": ["TR_TCKN"],
           "no": ["NO_FNR"], "cs": ["CZ_RC"], "ro": ["RO_CNP"]}  # fmt: skip


def national_id(rng: Rng, lang: str, kind: str = "") -> tuple[str, str]:
    kind = kind or rng.choice(NID_FOR.get(lang, ["US_SSN"]))
    return NID[kind](rng), kind


def check_nid(text: str, kind: str) -> bool:
    import re

    from stdnum.cz import rc
    from stdnum.ro import cnp

    t = text
    if kind == "US_SSN":
        return bool(ssn.is_valid(t))
    if kind == "UK_NINO":
        return (
            re.fullmatch(r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]", t.replace(" ", ""))
            is not None
        )
    if kind == "ES_DNI":
        return bool(dni.is_valid(t) or nie.is_valid(t))
    mod = {"DE_TAX_ID": idnr, "FR_INSEE": nir, "IT_CF": codicefiscale, "NL_BSN": bsn,
           "PL_PESEL": pesel, "TR_TCKN": tckimlik, "SE_PNR": personnummer, "BR_CPF": cpf,
           "PT_NIF": nif, "BE_NN": be_nn, "DK_CPR": cpr, "FI_HETU": hetu,
           "NO_FNR": fodselsnummer, "CH_AHV": ch_ssn, "CZ_RC": rc, "RO_CNP": cnp}[kind]  # fmt: skip
    return bool(mod.is_valid(t))  # type: ignore[attr-defined]


# ------------------------------------------------------------------ passports
PASSPORT_FORMATS = {  # issuing country: pattern (A letter, 9 digit, X letter-or-digit)
    "US": "999999999", "GB": "999999999", "DE": "CXXXXXXXX", "FR": "99AA99999",
    "IT": "AA9999999", "ES": "AAA999999", "NL": "AAXXXXXX9", "PT": "A999999",
    "PL": "AA9999999", "SE": "99999999", "BR": "AA999999", "IE": "AA9999999",
}  # fmt: skip
PASS_FOR = {"en": ["US", "GB", "IE"], "de": ["DE"], "fr": ["FR"], "es": ["ES"], "it": ["IT"],
            "nl": ["NL"], "pt": ["PT", "BR"], "pl": ["PL"], "sv": ["SE"]}  # fmt: skip


def passport(rng: Rng, lang: str) -> tuple[str, str]:
    cc = rng.choice(PASS_FOR.get(lang, ["US", "GB"]))
    out = []
    for ch in PASSPORT_FORMATS[cc]:
        if ch == "9":
            out.append(rng.choice(DIG))
        elif ch == "A":
            out.append(rng.choice(UP.replace("O", "").replace("I", "")))
        elif ch == "X":
            out.append(rng.choice("CFGHJKLMNPRTVWXYZ0123456789"))
        else:
            out.append(ch)
    return "".join(out), cc


# ------------------------------------------------------------------ credentials
def _rand(rng: Rng, pool: str, n: int) -> str:
    return "".join(rng.choice(pool) for _ in range(n))


def _b64u(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def credential(rng: Rng) -> tuple[str, str]:
    kinds = ["aws", "github", "github_pat", "slack", "stripe", "openai", "google", "hf",
             "gitlab", "sendgrid", "twilio", "npm", "jwt", "anthropic", "hex",
             "azure_sas", "datadog", "mailgun", "pypi", "digitalocean"]  # fmt: skip
    k = rng.choice(kinds)
    if k == "aws":
        v = rng.choice(["AKIA", "ASIA"]) + _rand(rng, UP + "234567", 16)
    elif k == "github":
        v = rng.choice(["ghp_", "gho_", "ghs_"]) + _rand(rng, ALNUM, 36)
    elif k == "github_pat":
        v = "github_pat_" + _rand(rng, ALNUM, 22) + "_" + _rand(rng, ALNUM, 59)
    elif k == "slack":
        kind = rng.choice(["xoxb", "xoxp"])
        v = f"{kind}-{_digits(rng, 11)}-{_digits(rng, 12)}-{_rand(rng, ALNUM, 24)}"
    elif k == "stripe":
        v = rng.choice(["sk_live_", "rk_live_"]) + _rand(rng, ALNUM, 24 + rng.randrange(0, 76))
    elif k == "openai":
        v = "sk-proj-" + _rand(rng, ALNUM + "-_", 48) + "T3BlbkFJ" + _rand(rng, ALNUM + "-_", 48)
    elif k == "google":
        v = "AIza" + _rand(rng, ALNUM + "-_", 35)
    elif k == "hf":
        v = "hf_" + _rand(rng, string.ascii_letters, 34)
    elif k == "gitlab":
        v = "glpat-" + _rand(rng, ALNUM + "-_", 20)
    elif k == "sendgrid":
        v = "SG." + _rand(rng, ALNUM + "-_", 22) + "." + _rand(rng, ALNUM + "-_", 43)
    elif k == "twilio":
        v = "SK" + _rand(rng, "0123456789abcdef", 32)
    elif k == "npm":
        v = "npm_" + _rand(rng, ALNUM, 36)
    elif k == "jwt":
        head = _b64u(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
        body = _b64u(
            json.dumps({"sub": _digits(rng, 8), "iat": 1700000000 + rng.randrange(10**7)}).encode()
        )
        v = f"{head}.{body}.{_b64u(rng.randbytes(32))}"
    elif k == "anthropic":
        v = "sk-ant-api03-" + _rand(rng, ALNUM + "-_", 93) + "AA"
    elif k == "hex":
        v = rng.randbytes(rng.choice([16, 20, 32])).hex()
    elif k == "azure_sas":
        v = _b64u(rng.randbytes(32)) + "="
        v = base64.b64encode(rng.randbytes(64)).decode()
    elif k == "datadog":
        v = _rand(rng, "0123456789abcdef", 32)
    elif k == "mailgun":
        v = "key-" + _rand(rng, "0123456789abcdef", 32)
    elif k == "pypi":
        v = "pypi-AgEIcHlwaS5vcmc" + _rand(rng, ALNUM + "-_", 70)
    else:
        v = "dop_v1_" + _rand(rng, "0123456789abcdef", 64)
    return v, "token:" + k


PASSWORD_WORDS = [
    "Sommer",
    "Winter",
    "Sonne",
    "Soleil",
    "Verano",
    "Estate",
    "Zomer",
    "Verão",
    "Kasia",
    "Bruno",
    "Dragon",
    "Monkey",
    "Tiger",
    "Falcon",
    "Garden",
    "Castle",
]


def password(rng: Rng) -> tuple[str, str]:
    r = rng.random()
    if r < 0.4:
        v = rng.choice(PASSWORD_WORDS) + str(rng.randrange(1960, 2026)) + rng.choice("!?#$%&*")
    elif r < 0.7:
        v = _rand(rng, ALNUM + "!#%&*+-=?@^_", rng.randrange(12, 24))
    else:
        v = "-".join(
            rng.choice(
                [
                    "correct",
                    "horse",
                    "velvet",
                    "ladder",
                    "orbit",
                    "maple",
                    "copper",
                    "quiet",
                    "lantern",
                    "river",
                ]
            )
            for _ in range(4)
        ) + str(rng.randrange(10, 99))
    return v, "password"


# ------------------------------------------------------------------ wallets
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def _b58check(payload: bytes) -> str:
    chk = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    raw = payload + chk
    n = int.from_bytes(raw, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    pad = len(raw) - len(raw.lstrip(b"\0"))
    return "1" * pad + out


BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _polymod(values: list[int]) -> int:  # BIP 173 reference checksum
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((b >> i) & 1) else 0
    return chk


def _bech32(hrp: str, witver: int, prog: bytes) -> str:
    acc, bits, data = 0, 0, [witver]
    for b in prog:
        acc = (acc << 8) | b
        bits += 8
        while bits >= 5:
            bits -= 5
            data.append((acc >> bits) & 31)
    if bits:
        data.append((acc << (5 - bits)) & 31)
    hv = [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]
    pm = _polymod(hv + data + [0] * 6) ^ 1
    chk = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH32[d] for d in data + chk)


def wallet(rng: Rng) -> tuple[str, str]:
    r = rng.random()
    if r < 0.35:
        return _b58check(b"\x00" + rng.randbytes(20)), "btc_p2pkh"
    if r < 0.5:
        return _b58check(b"\x05" + rng.randbytes(20)), "btc_p2sh"
    if r < 0.75:
        return _bech32("bc", 0, rng.randbytes(20)), "btc_bech32"
    return "0x" + rng.randbytes(20).hex(), "eth"


def check_wallet(text: str) -> bool:
    if text.startswith("0x"):
        return len(text) == 42 and all(c in "0123456789abcdef" for c in text[2:])
    return bool(bitcoin.is_valid(text))
