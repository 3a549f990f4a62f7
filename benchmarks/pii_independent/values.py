# ruff: noqa: E501
"""Values with real formats and check digits, written from the public specifications.

Each generator takes a ``random.Random`` and returns a string. Check digits are computed
here from the published rules (Luhn, ISO 7064, ISO 13616 mod-97, the national id rules,
base58check and bech32 from BIP 13/173); ``generate.py`` then cross-checks every national
id, IBAN and card with python-stdnum, and every phone number with phonenumbers, so a value
that a specification rejects never enters the corpus.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import random
import string
import uuid

import phonenumbers

_ALNUM = string.ascii_letters + string.digits
_UPPER_ALNUM = string.ascii_uppercase + string.digits


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


# ---------------------------------------------------------------- payment
def credit_card(rng: random.Random) -> str:
    kind = rng.choice(["visa", "visa", "mc", "mc2", "amex", "discover"])
    prefix, length = {
        "visa": ("4" + _digits(rng, 5), 16),
        "mc": (str(rng.randint(51, 55)) + _digits(rng, 4), 16),
        "mc2": (str(rng.randint(2221, 2720)) + _digits(rng, 2), 16),
        "amex": (rng.choice(["34", "37"]) + _digits(rng, 4), 15),
        "discover": ("6011" + _digits(rng, 2), 16),
    }[kind]
    body = prefix + _digits(rng, length - len(prefix) - 1)
    number = body + luhn_digit(body)
    style = rng.random()
    if length == 15:
        groups = [number[:4], number[4:10], number[10:]]
    else:
        groups = [number[i : i + 4] for i in range(0, 16, 4)]
    if style < 0.45:
        return " ".join(groups)
    if style < 0.7:
        return "-".join(groups)
    return number


# BBAN layouts (ISO 13616 registry): n digits, a upper letters, c alphanumerics
_BBAN = {
    "DE": "18n",
    "AT": "16n",
    "CH": "5n12c",
    "FR": "10n11c2n",
    "ES": "20n",
    "IT": "1a10n12c",
    "NL": "4a10n",
    "BE": "12n",
    "PT": "21n",
    "PL": "24n",
    "TR": "6n16c",
    "SE": "20n",
    "NO": "11n",
    "DK": "14n",
    "FI": "14n",
    "GB": "4a14n",
    "IE": "4a14n",
    "LU": "3n13c",
}
_IBAN_GROUPS = {
    "en": ["GB", "IE", "DE", "NL"],
    "de": ["DE", "DE", "AT", "CH"],
    "fr": ["FR", "FR", "BE", "LU"],
    "es": ["ES"],
    "it": ["IT"],
    "nl": ["NL", "BE"],
    "pt": ["PT"],
    "pl": ["PL"],
    "tr": ["TR"],
    "sv": ["SE", "NO", "DK", "FI"],
}


def _bban(rng: random.Random, layout: str) -> str:
    out = []
    num = ""
    for ch in layout:
        if ch.isdigit():
            num += ch
            continue
        n = int(num)
        num = ""
        pool = {"n": string.digits, "a": string.ascii_uppercase, "c": _UPPER_ALNUM}[ch]
        out.append("".join(rng.choice(pool) for _ in range(n)))
    return "".join(out)


def _mod97(s: str) -> int:
    return int("".join(str(int(c, 36)) for c in s)) % 97


def _national_bban(rng: random.Random, country: str) -> str:
    """A BBAN whose national check digits hold where the country has them (ES, BE, NO)."""
    while True:
        bban = _bban(rng, _BBAN[country])
        if country == "ES":  # CCC: bank, branch, two check digits, account

            def ccc(digits: str) -> int:
                w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
                d = 11 - sum(int(c) * w[i] for i, c in enumerate(digits)) % 11
                return {11: 0, 10: 1}.get(d, d)

            head, acct = bban[:8], bban[10:]
            return f"{head}{ccc('00' + head)}{ccc(acct)}{acct}"
        if country == "BE":  # bank codes of the National Bank's list
            bban = rng.choice(["320", "310", "363", "001", "734", "068", "103", "750"]) + bban[3:]
            check = int(bban[:10]) % 97 or 97
            return f"{bban[:10]}{check:02d}"
        if country == "NO":
            w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
            d = 11 - sum(int(c) * w[i] for i, c in enumerate(bban[:10])) % 11
            if d == 10:
                continue
            return bban[:10] + str(0 if d == 11 else d)
        return bban


def iban(rng: random.Random, lang: str) -> str:
    country = rng.choice(_IBAN_GROUPS[lang])
    bban = _national_bban(rng, country)
    check = 98 - _mod97(bban + country + "00")
    number = f"{country}{check:02d}{bban}"
    if rng.random() < 0.6:
        return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    return number


# ---------------------------------------------------------------- national ids
def us_ssn(rng: random.Random) -> str:
    area = rng.choice([a for a in range(1, 900) if a != 666])
    v = f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"
    return v if rng.random() < 0.85 else v.replace("-", " ")


def uk_nino(rng: random.Random) -> str:
    first = "ABCEGHJKLMNOPRSTWXYZ"
    second = "ABCEGHJKLMNPRSTWXYZ"
    while True:
        p = rng.choice(first) + rng.choice(second)
        if p not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}:
            break
    d = _digits(rng, 6)
    s = rng.choice("ABCD")
    if rng.random() < 0.5:
        return f"{p} {d[:2]} {d[2:4]} {d[4:]} {s}"
    return f"{p}{d}{s}"


def de_tax_id(rng: random.Random) -> str:
    # 10 digits, first not 0; exactly one digit occurs twice (or three times), one digit missing
    while True:
        digits = rng.sample(string.digits, 9)
        if digits[0] == "0":
            continue
        dup = rng.choice(digits)
        pos = rng.randint(1, 9)
        body = [*digits[:pos], dup, *digits[pos:]]
        if body[0] == "0":
            continue
        break
    # ISO 7064 MOD 11,10
    product = 10
    for ch in body:
        s = (int(ch) + product) % 10
        if s == 0:
            s = 10
        product = (s * 2) % 11
    check = (11 - product) % 10
    number = "".join(body) + str(check)
    if rng.random() < 0.4:
        return f"{number[:2]} {number[2:5]} {number[5:8]} {number[8:]}"
    return number


def fr_nir(rng: random.Random, born: dt.date) -> str:
    sex = rng.choice("12")
    dept = rng.choice(["75", "69", "13", "31", "33", "59", "44", "67", "06", "2A"])
    commune = f"{rng.randint(1, 400):03d}"
    order = f"{rng.randint(1, 999):03d}"
    body = f"{sex}{born.year % 100:02d}{born.month:02d}{dept}{commune}{order}"
    numeric = body.replace("2A", "19").replace("2B", "18")
    key = 97 - int(numeric) % 97
    if rng.random() < 0.6:
        return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key:02d}"
    return f"{body}{key:02d}"


_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def es_dni(rng: random.Random) -> str:
    n = rng.randint(1_000_000, 99_999_999)
    sep = rng.choice(["", "", "-", " "])
    return f"{n:08d}{sep}{_DNI_LETTERS[n % 23]}"


def es_nie(rng: random.Random) -> str:
    p = rng.choice("XYZ")
    n = rng.randint(0, 9_999_999)
    full = int(str("XYZ".index(p)) + f"{n:07d}")
    sep = rng.choice(["", "-"])
    return f"{p}{sep}{n:07d}{sep}{_DNI_LETTERS[full % 23]}"


_CF_ODD = [
    1,
    0,
    5,
    7,
    9,
    13,
    15,
    17,
    19,
    21,
    2,
    4,
    18,
    20,
    11,
    3,
    6,
    8,
    12,
    14,
    16,
    10,
    22,
    25,
    24,
    23,
]
_CF_MONTHS = "ABCDEHLMPRST"


def _cf_part(name: str, given: bool) -> str:
    letters = [c for c in _ascii_upper(name) if c.isalpha()]
    cons = [c for c in letters if c not in "AEIOU"]
    vows = [c for c in letters if c in "AEIOU"]
    if given and len(cons) >= 4:
        cons = [cons[0], cons[2], cons[3]]
    return ("".join(cons + vows) + "XXX")[:3]


def _ascii_upper(s: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", s.upper()) if c.isascii())


def it_codice_fiscale(
    rng: random.Random, given: str, surname: str, born: dt.date, female: bool
) -> str:
    day = born.day + (40 if female else 0)
    comune = rng.choice(["H501", "F205", "F839", "L219", "A944", "D612", "G273", "C351"])
    body = (
        _cf_part(surname, False)
        + _cf_part(given, True)
        + f"{born.year % 100:02d}"
        + _CF_MONTHS[born.month - 1]
        + f"{day:02d}"
        + comune
    )
    total = 0
    for i, ch in enumerate(body):
        v = int(ch) if ch.isdigit() else ord(ch) - ord("A")
        total += _CF_ODD[v] if i % 2 == 0 else v
    return body + chr(ord("A") + total % 26)


def nl_bsn(rng: random.Random) -> str:
    while True:
        d = [rng.randint(0, 9) for _ in range(8)]
        s = sum((9 - i) * d[i] for i in range(8))
        last = s % 11
        if last < 10 and d[0] != 0:
            number = "".join(map(str, d)) + str(last)
            if rng.random() < 0.3:
                return f"{number[:4]}.{number[4:6]}.{number[6:]}"
            return number


def pl_pesel(rng: random.Random, born: dt.date) -> str:
    month = born.month + (20 if born.year >= 2000 else 0)
    body = f"{born.year % 100:02d}{month:02d}{born.day:02d}" + _digits(rng, 4)
    w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    check = (10 - sum(int(c) * w[i] for i, c in enumerate(body)) % 10) % 10
    return body + str(check)


def tr_tckn(rng: random.Random) -> str:
    d = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(8)]
    d10 = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    d11 = (sum(d) + d10) % 10
    return "".join(map(str, d)) + str(d10) + str(d11)


def se_personnummer(rng: random.Random, born: dt.date) -> str:
    body = f"{born.year % 100:02d}{born.month:02d}{born.day:02d}" + _digits(rng, 3)
    check = luhn_digit(body)
    return f"{body[:6]}-{body[6:]}{check}"


# ---------------------------------------------------------------- passports
def passport(rng: random.Random, lang: str) -> str:
    kind = {
        "en": ["us", "gb"],
        "de": ["de"],
        "fr": ["fr"],
        "es": ["es"],
        "it": ["it"],
        "nl": ["nl"],
        "pt": ["pt"],
        "pl": ["pl"],
        "tr": ["tr"],
        "sv": ["se"],
    }[lang]
    k = rng.choice(kind)
    if k in {"us", "gb", "se"}:
        return _digits(rng, 9) if k != "se" else _digits(rng, 8)
    if k == "de":
        body = [rng.choice("CFGHJKLMNPRTVWXYZ") for _ in range(3)]
        body += [rng.choice(string.digits) for _ in range(5)]
        rng.shuffle(body)
        return rng.choice("CFGHJK") + "".join(body)
    if k == "fr":
        return (
            _digits(rng, 2)
            + "".join(rng.choice(string.ascii_uppercase) for _ in range(2))
            + _digits(rng, 5)
        )
    if k == "es":
        return rng.choice(["PAA", "XDA", "AAB", "PAF"]) + _digits(rng, 6)
    if k == "it":
        return rng.choice(["YA", "YB", "AA", "YC"]) + _digits(rng, 7)
    if k == "nl":
        return (
            "N"
            + "".join(rng.choice("BCDFGHJKLMNPRSTVWXZ") for _ in range(2))
            + "".join(rng.choice("BCDFGHJKLMNPRSTVWXZ0123456789") for _ in range(5))
            + rng.choice(string.digits)
        )
    if k == "pt":
        return rng.choice("CHNP") + _digits(rng, 6)
    if k == "pl":
        return "".join(rng.choice("ABCEF") for _ in range(2)) + _digits(rng, 7)
    return "U" + _digits(rng, 8)


# ---------------------------------------------------------------- dates
MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    "it": [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "pt": [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
    "pl": [
        "stycznia",
        "lutego",
        "marca",
        "kwietnia",
        "maja",
        "czerwca",
        "lipca",
        "sierpnia",
        "września",
        "października",
        "listopada",
        "grudnia",
    ],
    "tr": [
        "Ocak",
        "Şubat",
        "Mart",
        "Nisan",
        "Mayıs",
        "Haziran",
        "Temmuz",
        "Ağustos",
        "Eylül",
        "Ekim",
        "Kasım",
        "Aralık",
    ],
    "sv": [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
}


def birth_date(rng: random.Random) -> dt.date:
    return dt.date(1940, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 66))


def event_date(rng: random.Random) -> dt.date:
    return dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 7))


def fmt_date(rng: random.Random, d: dt.date, lang: str) -> str:
    m = MONTHS[lang][d.month - 1]
    if lang == "en":
        opts = [
            f"{d:%m/%d/%Y}",
            f"{d.day} {m} {d.year}",
            f"{m} {d.day}, {d.year}",
            d.isoformat(),
            f"{d.day:02d}/{d.month:02d}/{d.year}",
            f"{d.day}-{m[:3]}-{d.year}",
        ]
    elif lang == "de":
        opts = [
            f"{d.day:02d}.{d.month:02d}.{d.year}",
            f"{d.day}. {m} {d.year}",
            f"{d.day}.{d.month}.{d.year}",
            d.isoformat(),
        ]
    elif lang in {"fr", "es", "it", "pt"}:
        de = {"fr": "", "es": "de ", "it": "", "pt": "de "}[lang]
        opts = [
            f"{d.day:02d}/{d.month:02d}/{d.year}",
            f"{d.day} {de}{m} {de}{d.year}",
            f"{d.day:02d}-{d.month:02d}-{d.year}",
            f"{d.day:02d}.{d.month:02d}.{d.year}",
        ]
    elif lang == "nl":
        opts = [
            f"{d.day:02d}-{d.month:02d}-{d.year}",
            f"{d.day} {m} {d.year}",
            f"{d.day:02d}/{d.month:02d}/{d.year}",
        ]
    elif lang == "pl":
        opts = [f"{d.day:02d}.{d.month:02d}.{d.year}", f"{d.day} {m} {d.year} r."]
    else:
        opts = [f"{d.day:02d}.{d.month:02d}.{d.year}", f"{d.day} {m} {d.year}", d.isoformat()]
    return rng.choice(opts)


# ---------------------------------------------------------------- network
def ip_address(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.25:
        return f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    if r < 0.45:
        return f"192.168.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    if r < 0.55:
        return f"172.{rng.randint(16, 31)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    if r < 0.85:
        while True:
            a = rng.randint(1, 223)
            if a not in {10, 127, 172, 192, 198, 203, 169, 100}:
                return f"{a}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    groups = [f"{rng.randint(0, 0xFFFF):x}" for _ in range(4)]
    return (
        f"2a02:{rng.randint(0x100, 0xFFF):x}:" + ":".join(groups) + f"::{rng.randint(1, 0xFFFF):x}"
    )


def mac_address(rng: random.Random) -> str:
    b = [rng.randint(0, 255) for _ in range(6)]
    b[0] &= 0xFC
    r = rng.random()
    if r < 0.5:
        return (
            ":".join(f"{x:02x}" for x in b)
            if rng.random() < 0.5
            else ":".join(f"{x:02X}" for x in b)
        )
    if r < 0.8:
        return "-".join(f"{x:02X}" for x in b)
    h = "".join(f"{x:02x}" for x in b)
    return f"{h[:4]}.{h[4:8]}.{h[8:]}"


def phone(rng: random.Random, lang: str, regions: list[str]) -> str:
    region = rng.choice(regions)
    meta_example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    if meta_example is None or rng.random() < 0.3:
        meta_example = phonenumbers.example_number_for_type(
            region, phonenumbers.PhoneNumberType.FIXED_LINE
        )
    assert meta_example is not None
    national = str(meta_example.national_number)
    for _ in range(200):
        keep = max(2, len(national) - 6)
        cand = national[:keep] + _digits(rng, len(national) - keep)
        num = phonenumbers.parse("+" + str(meta_example.country_code) + cand)
        if phonenumbers.is_valid_number(num) and phonenumbers.region_code_for_number(num) == region:
            break
    else:
        num = meta_example
    r = rng.random()
    if r < 0.4:
        return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    if r < 0.75:
        return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.NATIONAL)
    if r < 0.85:
        return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    intl = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return intl.replace(" ", rng.choice([".", "-", " "]))


# ---------------------------------------------------------------- secrets
def api_key(rng: random.Random) -> str:
    def pick(pool: str, n: int) -> str:
        return "".join(rng.choice(pool) for _ in range(n))

    kind = rng.choice(
        [
            "aws",
            "aws_secret",
            "gh",
            "gh_pat",
            "slack",
            "stripe",
            "openai",
            "google",
            "hf",
            "jwt",
            "gitlab",
            "sendgrid",
            "twilio",
            "npm",
            "generic_hex",
        ]
    )
    if kind == "aws":
        return "AKIA" + pick(string.ascii_uppercase + "234567", 16)
    if kind == "aws_secret":
        return pick(_ALNUM + "/+", 40)
    if kind == "gh":
        return "ghp_" + pick(_ALNUM, 36)
    if kind == "gh_pat":
        return "github_pat_" + pick(_UPPER_ALNUM, 22) + "_" + pick(_ALNUM, 59)
    if kind == "slack":
        return f"xoxb-{_digits(rng, 12)}-{_digits(rng, 13)}-{pick(_ALNUM, 24)}"
    if kind == "stripe":
        return rng.choice(["sk_live_", "rk_live_"]) + pick(_ALNUM, 24)
    if kind == "openai":
        return (
            "sk-proj-" + pick(_ALNUM + "-_", 48) if rng.random() < 0.5 else "sk-" + pick(_ALNUM, 48)
        )
    if kind == "google":
        return "AIza" + pick(_ALNUM + "-_", 35)
    if kind == "hf":
        return "hf_" + pick(_ALNUM, 34)
    if kind == "gitlab":
        return "glpat-" + pick(_ALNUM + "-_", 20)
    if kind == "sendgrid":
        return "SG." + pick(_ALNUM + "-_", 22) + "." + pick(_ALNUM + "-_", 43)
    if kind == "twilio":
        return "SK" + pick("0123456789abcdef", 32)
    if kind == "npm":
        return "npm_" + pick(_ALNUM, 36)
    if kind == "jwt":

        def b64(d: bytes) -> str:
            return base64.urlsafe_b64encode(d).rstrip(b"=").decode()

        head = b64(b'{"alg":"HS256","typ":"JWT"}')
        body = b64(
            (
                f'{{"sub":"{_digits(rng, 7)}","iat":{rng.randint(1_600_000_000, 1_750_000_000)}}}'
            ).encode()
        )
        return f"{head}.{body}.{b64(rng.randbytes(32))}"
    return pick("0123456789abcdef", 32)


def password(rng: random.Random) -> str:
    words = [
        "Sommer",
        "Tiger",
        "Winter",
        "Dragon",
        "Blume",
        "Soleil",
        "Mariposa",
        "Gatto",
        "Fiets",
        "Falcon",
        "Kaffee",
        "Zebra",
        "Rocket",
        "Hunter",
        "Cielo",
        "Marzipan",
    ]
    r = rng.random()
    if r < 0.5:
        return rng.choice(words) + str(rng.randint(1, 2025)) + rng.choice("!?#$%&*")
    if r < 0.8:
        return "".join(rng.choice(_ALNUM + "!#$%&*+-=?@^_") for _ in range(rng.randint(12, 24)))
    return "-".join(
        rng.choice(
            [
                "correct",
                "horse",
                "battery",
                "staple",
                "violet",
                "anchor",
                "pepper",
                "glacier",
                "orbit",
                "lantern",
            ]
        )
        for _ in range(4)
    )


def cred_url(rng: random.Random, user: str, lang: str) -> str:
    pw = (
        password(rng)
        .replace("@", "")
        .replace("/", "")
        .replace(":", "")
        .replace("#", "")
        .replace("?", "")
    )
    host = rng.choice(
        [
            "db.internal.acme-analytics.io",
            "10.20.3.14",
            "pg-prod-eu-1.company.net",
            "git.brightlane.co.uk",
            "rabbit.svc.cluster.local",
            "cluster0.h7kqz.mongodb.net",
            "ftp.kraus-logistik.de",
            "redis-cache.prod",
        ]
    )
    scheme, port, path = rng.choice(
        [
            ("postgresql", ":5432", "/analytics"),
            ("mysql", ":3306", "/crm"),
            ("https", "", "/org/ml-pipeline.git"),
            ("amqp", ":5672", "/"),
            ("mongodb+srv", "", "/users?retryWrites=true"),
            ("ftp", "", "/exports/"),
            ("redis", ":6379", "/0"),
            ("http", ":8080", "/api"),
        ]
    )
    return f"{scheme}://{user}:{pw}@{host}{port}{path}"


# base58check / bech32 (BIP 13, BIP 173)
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def _b58check(payload: bytes) -> str:
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = _B58[r] + out
    pad = len(data) - len(data.lstrip(b"\0"))
    return "1" * pad + out


_BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _bech32_polymod(values: list[int]) -> int:
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
    hrp_exp = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    pm = _bech32_polymod(hrp_exp + data + [0] * 6) ^ 1
    checksum = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_BECH[d] for d in data + checksum)


def crypto_wallet(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.3:
        return _b58check(b"\x00" + rng.randbytes(20))
    if r < 0.45:
        return _b58check(b"\x05" + rng.randbytes(20))
    if r < 0.7:
        return _bech32("bc", 0, rng.randbytes(20))
    return "0x" + rng.randbytes(20).hex()


# ---------------------------------------------------------------- look-alike values
def version(rng: random.Random) -> str:
    return rng.choice(
        [
            f"{rng.randint(1, 12)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}.{rng.randint(1, 9)}",
            f"{rng.randint(1, 4)}.0.0.{rng.randint(1, 9)}-rc{rng.randint(1, 3)}",
            f"v{rng.randint(0, 3)}.{rng.randint(0, 30)}.{rng.randint(0, 12)}",
            f"10.0.{rng.randint(17000, 22631)}.{rng.randint(100, 4000)}",
            f"{rng.randint(2, 12)}.{rng.randint(0, 8)}.{rng.randint(100, 199)}",
            f"{rng.randint(470, 560)}.{rng.randint(10, 180)}.{rng.randint(1, 9):02d}",
            f"{rng.randint(1, 5)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}.post{rng.randint(1, 3)}",
        ]
    )


def build_number(rng: random.Random) -> str:
    return rng.choice(
        [
            f"build {rng.randint(1000, 99999)}",
            f"#{rng.randint(10000, 9999999)}",
            f"{rng.randint(2019, 2026)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}.{rng.randint(1, 9)}",
            f"r{rng.randint(100000, 999999)}",
        ]
    )


def order_number(rng: random.Random) -> str:
    return rng.choice(
        [
            f"{rng.randint(100, 999)}-{rng.randint(1000000, 9999999)}-{rng.randint(1000000, 9999999)}",
            f"ORD-{rng.randint(2019, 2026)}-{rng.randint(10000, 999999)}",
            f"{rng.randint(30, 40)}{_digits(rng, 8)}",
            f"A{_digits(rng, 9)}",
            f"{_digits(rng, 4)} {_digits(rng, 4)} {_digits(rng, 4)}",
        ]
    )


def tracking_number(rng: random.Random) -> str:
    return rng.choice(
        [
            "1Z" + "".join(rng.choice(_UPPER_ALNUM) for _ in range(16)),
            "JD" + _digits(rng, 18),
            _digits(rng, 12),
            "LX" + _digits(rng, 9) + "DE",
            "RR" + _digits(rng, 9) + "FR",
            _digits(rng, 20),
            "9400" + _digits(rng, 18),
        ]
    )


def invoice_id(rng: random.Random) -> str:
    return rng.choice(
        [
            f"INV-{rng.randint(2019, 2026)}-{rng.randint(1, 99999):05d}",
            f"RE-{rng.randint(2019, 2026)}/{rng.randint(1, 9999):04d}",
            f"FA{rng.randint(2019, 2026)}{_digits(rng, 6)}",
            f"F-{_digits(rng, 8)}",
            f"{rng.randint(2019, 2026)}-{_digits(rng, 4)}-{_digits(rng, 3)}",
        ]
    )


def a_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(bytes=rng.randbytes(16), version=4))


def git_sha(rng: random.Random) -> str:
    h = rng.randbytes(20).hex()
    return h if rng.random() < 0.4 else h[: rng.choice([7, 8, 10, 12])]


def digest(rng: random.Random) -> str:
    return (
        rng.choice(["sha256:", "", "md5 ", "sha1="]) + rng.randbytes(rng.choice([16, 20, 32])).hex()
    )


def timestamp(rng: random.Random) -> str:
    d = event_date(rng)
    h, m, s = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
    return rng.choice(
        [
            f"{d.isoformat()}T{h:02d}:{m:02d}:{s:02d}Z",
            f"{d.isoformat()} {h:02d}:{m:02d}:{s:02d},{rng.randint(0, 999):03d}",
            f"{d:%d/%b/%Y}:{h:02d}:{m:02d}:{s:02d} +0100",
            f"{d.isoformat()}T{h:02d}:{m:02d}:{s:02d}.{_digits(rng, 6)}+00:00",
            str(rng.randint(1_550_000_000, 1_790_000_000)),
            f"{d:%b} {d.day:2d} {h:02d}:{m:02d}:{s:02d}",
        ]
    )


def phone_like_float(rng: random.Random) -> str:
    return rng.choice(
        [
            f"{rng.uniform(0, 1):.10f}",
            f"{rng.uniform(1, 100):.9f}",
            f"{rng.randint(1000000, 99999999)}.{_digits(rng, 3)}",
            f"-{rng.uniform(0, 5):.12f}",
            f"{rng.uniform(40, 60):.7f}, {rng.uniform(-10, 30):.7f}",
            f"{rng.uniform(0.1, 9.9):.4f}e-0{rng.randint(3, 9)}",
            "3.141592653589793",
            "0.6931471805599453",
            "2.718281828459045",
            "1.4142135623730951",
        ]
    )


def ticket_number(rng: random.Random) -> str:
    return rng.choice(
        [
            f"#{rng.randint(1000, 99999)}",
            f"JIRA-{rng.randint(100, 9999)}",
            f"INC{_digits(rng, 7)}",
            f"CS-{_digits(rng, 8)}",
            f"{_digits(rng, 10)}",
            f"PR #{rng.randint(100, 40000)}",
            f"SR {_digits(rng, 3)}-{_digits(rng, 3)}-{_digits(rng, 4)}",
        ]
    )


def isbn13(rng: random.Random) -> str:
    body = "978" + _digits(rng, 9)
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body))
    full = body + str((10 - s % 10) % 10)
    return f"{full[:3]}-{full[3]}-{full[4:7]}-{full[7:12]}-{full[12]}"


def loopback_ip(rng: random.Random) -> str:
    return rng.choice(
        [
            "127.0.0.1",
            "0.0.0.0",
            "::1",
            "127.0.1.1",
            "255.255.255.0",
            "255.255.255.255",
            "224.0.0.251",
            "169.254.169.254",
        ]
    )


def doc_ip(rng: random.Random) -> str:
    return rng.choice(
        [
            f"192.0.2.{rng.randint(1, 254)}",
            f"198.51.100.{rng.randint(1, 254)}",
            f"203.0.113.{rng.randint(1, 254)}",
            f"2001:db8::{rng.randint(1, 0xFFF):x}",
            f"2001:db8:{rng.randint(1, 0xFFF):x}::1",
        ]
    )
