# ruff: noqa: E501  (hand-written text and word lists, one entry a line)
"""Fake but well-formed personal values: people, phones, IBANs, national ids, cards, addresses.

Every identifier is drawn at random and built to its public specification (check digits, lengths,
numbering plans); ``generate.verify`` checks each one again with python-stdnum and phonenumbers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import random
import string
import unicodedata
from dataclasses import dataclass

import phonenumbers
from benchmarks.pii_independent6 import names as N
from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.br import cpf
from stdnum.cn import ric
from stdnum.de import idnr
from stdnum.dk import cpr
from stdnum.es import dni
from stdnum.fr import nir
from stdnum.it import codicefiscale
from stdnum.jp import in_ as mynumber
from stdnum.kr import rrn
from stdnum.nl import bsn
from stdnum.no import fodselsnummer
from stdnum.pl import pesel
from stdnum.ru import inn
from stdnum.se import personnummer
from stdnum.tr import tckimlik
from stdnum.us import ssn


@dataclass(frozen=True)
class Person:
    origin: str
    sex: str
    given: str
    surname: str
    given_latin: str
    surname_latin: str
    script: bool  # written in the origin's own script

    @property
    def full(self) -> str:
        if self.script and self.origin in ("zh", "ja", "ko"):
            return self.surname + self.given
        if not self.script and self.origin in ("zh", "ko"):
            return f"{self.surname} {self.given}"
        return f"{self.given} {self.surname}"

    @property
    def upper(self) -> str:
        if self.script:
            return self.full
        return f"{self.surname.upper()} {self.given}"

    @property
    def inverted(self) -> str:
        if self.script:
            return self.full
        return f"{self.surname}, {self.given}"


def _ascii(s: str) -> str:
    s = (
        s.replace("ß", "ss")
        .replace("ø", "o")
        .replace("Ø", "O")
        .replace("æ", "ae")
        .replace("ł", "l")
    )
    s = s.replace("Ł", "L").replace("ı", "i").replace("İ", "I")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if c.isascii() and (c.isalnum())).lower()


def person(rng: random.Random, origin: str, sex: str, script: bool) -> Person:
    if origin in N.LATIN:
        table = N.LATIN[origin]
        given = rng.choice(table[sex])
        if origin == "pl":
            m, f = rng.choice(N.PL_SURNAMES)
            sur = f if sex == "f" else m
        else:
            sur = rng.choice(table["s"])
        return Person(origin, sex, given, sur, given, sur, False)
    table2 = N.SCRIPT[origin]
    g_nat, g_lat = rng.choice(table2[sex])
    if origin == "ru":
        mn, fn, ml, fl = rng.choice(N.RU_SURNAMES)
        s_nat, s_lat = (fn, fl) if sex == "f" else (mn, ml)
    else:
        s_nat, s_lat = rng.choice(table2["s"])
    if script:
        return Person(origin, sex, g_nat, s_nat, g_lat, s_lat, True)
    return Person(origin, sex, g_lat, s_lat, g_lat, s_lat, False)


MAIL_DOMAINS = {
    "de": ["web.de", "gmx.de", "t-online.de", "posteo.de"],
    "fr": ["orange.fr", "free.fr", "laposte.net", "sfr.fr"],
    "es": ["hotmail.es", "telefonica.net", "gmail.com"],
    "br": ["uol.com.br", "bol.com.br", "terra.com.br", "gmail.com"],
    "it": ["libero.it", "virgilio.it", "tiscali.it", "alice.it"],
    "nl": ["ziggo.nl", "kpnmail.nl", "xs4all.nl", "hotmail.nl"],
    "pl": ["wp.pl", "o2.pl", "onet.pl", "interia.pl"],
    "tr": ["hotmail.com.tr", "yandex.com.tr", "gmail.com"],
    "ar": ["gmail.com", "outlook.sa", "hotmail.com"],
    "zh": ["qq.com", "163.com", "126.com", "sina.com"],
    "ja": ["yahoo.co.jp", "docomo.ne.jp", "gmail.com", "nifty.com"],
    "ko": ["naver.com", "daum.net", "hanmail.net", "kakao.com"],
    "ru": ["yandex.ru", "mail.ru", "rambler.ru", "bk.ru"],
    "sv": ["telia.com", "bredband.net", "outlook.com"],
    "da": ["outlook.dk", "jubii.dk", "mail.dk"],
    "no": ["online.no", "hotmail.no", "getmail.no"],
    "en": ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "proton.me"],
}


def email(rng: random.Random, p: Person, lang: str) -> str:
    g, s = _ascii(p.given_latin), _ascii(p.surname_latin)
    local = rng.choice(
        [
            f"{g}.{s}",
            f"{g[0]}{s}",
            f"{g}{s}{rng.randint(70, 99)}",
            f"{s}.{g}",
            f"{g}_{s}",
            f"{g}{rng.randint(1, 999)}",
        ]
    )
    return f"{local}@{rng.choice(MAIL_DOMAINS[lang])}"


# --- phones --------------------------------------------------------------------------------

LANG_REGION = {
    "de": "DE",
    "fr": "FR",
    "es": "ES",
    "br": "BR",
    "it": "IT",
    "nl": "NL",
    "pl": "PL",
    "tr": "TR",
    "ar": "SA",
    "zh": "CN",
    "ja": "JP",
    "ko": "KR",
    "ru": "RU",
    "sv": "SE",
    "da": "DK",
    "no": "NO",
    "en": "US",
}
ALT_REGION = {"ar": "AE", "en": "GB", "de": "AT", "fr": "BE", "es": "MX", "nl": "BE"}


def phone(rng: random.Random, region: str) -> str:
    kinds = [phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE]
    for _ in range(500):
        ex = phonenumbers.example_number_for_type(region, rng.choice(kinds))
        if ex is None:
            continue
        nsn = str(ex.national_number)
        keep = max(2, len(nsn) - 6)
        cand = nsn[:keep] + "".join(rng.choice(string.digits) for _ in range(len(nsn) - keep))
        if cand == nsn:
            continue
        num = phonenumbers.parse("+" + str(ex.country_code) + cand)
        if not phonenumbers.is_valid_number_for_region(num, region):
            continue
        fmt = rng.choice(
            [
                phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                phonenumbers.PhoneNumberFormat.NATIONAL,
                phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                phonenumbers.PhoneNumberFormat.E164,
            ]
        )
        return phonenumbers.format_number(num, fmt)
    raise RuntimeError(f"no phone for {region}")


# --- IBAN ----------------------------------------------------------------------------------

# BBAN layouts from the SWIFT IBAN registry: n digit, a upper-case letter, c alphanumeric
BBAN = {
    "DE": "18n",
    "FR": "10n11n2n",
    "ES": "20n",
    "BR": "23n1a1c",
    "IT": "1a10n12n",
    "NL": "4a10n",
    "PL": "24n",
    "TR": "5n1n16n",
    "SA": "2n18n",
    "AE": "3n16n",
    "SE": "20n",
    "DK": "14n",
    "NO": "11n",
    "GB": "4a14n",
    "AT": "16n",
    "BE": "12n",
}
NL_BANKS = ["ABNA", "RABO", "INGB", "SNSB", "TRIO", "ASNB"]
GB_BANKS = ["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]
LANG_IBAN = {
    "de": "DE",
    "fr": "FR",
    "es": "ES",
    "br": "BR",
    "it": "IT",
    "nl": "NL",
    "pl": "PL",
    "tr": "TR",
    "ar": "SA",
    "zh": "GB",
    "ja": "DE",
    "ko": "GB",
    "ru": "DE",
    "sv": "SE",
    "da": "DK",
    "no": "NO",
    "en": "GB",
}


def _layout(rng: random.Random, cc: str) -> str:
    out = []
    spec = BBAN[cc]
    i = 0
    while i < len(spec):
        j = i
        while spec[j].isdigit():
            j += 1
        n, kind = int(spec[i:j]), spec[j]
        i = j + 1
        if kind == "a" and cc == "NL":
            out.append(rng.choice(NL_BANKS))
        elif kind == "a" and cc == "GB":
            out.append(rng.choice(GB_BANKS))
        elif kind == "a":
            out.append("".join(rng.choice(string.ascii_uppercase) for _ in range(n)))
        elif kind == "c":
            out.append(
                "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(n))
            )
        else:
            out.append("".join(rng.choice(string.digits) for _ in range(n)))
    return "".join(out)


def iban(rng: random.Random, cc: str) -> str:
    for _ in range(5000):
        bban = _layout(rng, cc)
        check = std_iban.calc_check_digits(cc + "00" + bban)
        value = cc + check + bban
        if std_iban.is_valid(value):
            if rng.random() < 0.6:
                return " ".join(value[k : k + 4] for k in range(0, len(value), 4))
            return value
    raise RuntimeError(f"no IBAN for {cc}")


# --- national ids --------------------------------------------------------------------------

LANG_NID = {
    "de": "DE_IDNR",
    "fr": "FR_NIR",
    "es": "ES_DNI",
    "br": "BR_CPF",
    "it": "IT_CF",
    "nl": "NL_BSN",
    "pl": "PL_PESEL",
    "tr": "TR_TCKN",
    "zh": "CN_RIC",
    "ja": "JP_MYNUMBER",
    "ko": "KR_RRN",
    "ru": "RU_INN",
    "sv": "SE_PNR",
    "da": "DK_CPR",
    "no": "NO_FNR",
    "en": "US_SSN",
}
NID_CHECK = {
    "DE_IDNR": idnr,
    "FR_NIR": nir,
    "ES_DNI": dni,
    "BR_CPF": cpf,
    "IT_CF": codicefiscale,
    "NL_BSN": bsn,
    "PL_PESEL": pesel,
    "TR_TCKN": tckimlik,
    "CN_RIC": ric,
    "JP_MYNUMBER": mynumber,
    "KR_RRN": rrn,
    "RU_INN": inn,
    "SE_PNR": personnummer,
    "DK_CPR": cpr,
    "NO_FNR": fodselsnummer,
    "US_SSN": ssn,
}


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _birth(rng: random.Random) -> dt.date:
    return dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 53))


_CF_MONTHS = "ABCDEHLMPRST"
_CF_TOWNS = ["H501", "F205", "L219", "F839", "A944", "G273", "D612", "L736"]


def _cf_part(word: str, given: bool) -> str:
    w = _ascii(word).upper()
    cons = [c for c in w if c not in "AEIOU"]
    vows = [c for c in w if c in "AEIOU"]
    if given and len(cons) >= 4:
        cons = [cons[0], cons[2], cons[3]]
    return ("".join(cons + vows) + "XXX")[:3]


def national_id(rng: random.Random, kind: str, p: Person | None) -> str:
    sex = p.sex if p else rng.choice("fm")
    mod = NID_CHECK[kind]
    for _ in range(5000):
        b = _birth(rng)
        v = ""
        if kind == "DE_IDNR":
            v = rng.choice("123456789") + _digits(rng, 10)
        elif kind == "FR_NIR":
            base = (
                ("2" if sex == "f" else "1")
                + b.strftime("%y%m")
                + f"{rng.randint(1, 95):02d}"
                + _digits(rng, 6)
            )
            v = base + nir.calc_check_digits(base)
            v = (
                f"{v[0]} {v[1:3]} {v[3:5]} {v[5:7]} {v[7:10]} {v[10:13]} {v[13:]}"
                if rng.random() < 0.5
                else v
            )
        elif kind == "ES_DNI":
            base = _digits(rng, 8)
            v = base + dni.calc_check_digit(base)
        elif kind == "BR_CPF":
            base = _digits(rng, 9)
            v = base + cpf._calc_check_digits(base)
            v = f"{v[:3]}.{v[3:6]}.{v[6:9]}-{v[9:]}" if rng.random() < 0.7 else v
        elif kind == "IT_CF":
            if p is None:
                continue
            day = b.day + (40 if sex == "f" else 0)
            base = (
                _cf_part(p.surname_latin, False)
                + _cf_part(p.given_latin, True)
                + b.strftime("%y")
                + _CF_MONTHS[b.month - 1]
                + f"{day:02d}"
                + rng.choice(_CF_TOWNS)
            )
            v = base + codicefiscale.calc_check_digit(base)
        elif kind == "NL_BSN":
            v = _digits(rng, 9)
        elif kind == "PL_PESEL":
            mm = b.month + (20 if b.year >= 2000 else 0)
            ser = _digits(rng, 3) + rng.choice("02468" if sex == "f" else "13579")
            base = b.strftime("%y") + f"{mm:02d}" + b.strftime("%d") + ser
            v = base + pesel.calc_check_digit(base)
        elif kind == "TR_TCKN":
            base = rng.choice("123456789") + _digits(rng, 8)
            v = base + tckimlik.calc_check_digits(base)
        elif kind == "CN_RIC":
            base = (
                rng.choice(["110101", "310101", "440305", "330106", "510104", "420102"])
                + b.strftime("%Y%m%d")
                + _digits(rng, 2)
                + rng.choice("02468" if sex == "f" else "13579")
            )
            v = base + ric.calc_check_digit(base)
        elif kind == "JP_MYNUMBER":
            base = _digits(rng, 11)
            v = base + mynumber.calc_check_digit(base)
            v = f"{v[:4]} {v[4:8]} {v[8:]}" if rng.random() < 0.5 else v
        elif kind == "KR_RRN":
            s = ("2" if sex == "f" else "1") if b.year < 2000 else ("4" if sex == "f" else "3")
            base = b.strftime("%y%m%d") + s + _digits(rng, 5)
            v = base + rrn.calc_check_digit(base)
            v = v[:6] + "-" + v[6:]
        elif kind == "RU_INN":
            base = rng.choice(["77", "78", "50", "66", "54", "16"]) + _digits(rng, 8)
            v = base + inn.calc_personal_check_digits(base)
        elif kind == "SE_PNR":
            ser = _digits(rng, 2) + rng.choice("02468" if sex == "f" else "13579")
            base = b.strftime("%y%m%d") + ser
            v = b.strftime("%y%m%d") + "-" + ser + str(luhn.calc_check_digit(base))
        elif kind == "DK_CPR":
            v = (
                b.strftime("%d%m%y")
                + "-"
                + _digits(rng, 3)
                + rng.choice("02468" if sex == "f" else "13579")
            )
        elif kind == "NO_FNR":
            ind = (
                (rng.choice(["0", "1", "2", "3", "4"]) if b.year < 2000 else "5")
                + _digits(rng, 1)
                + rng.choice("02468" if sex == "f" else "13579")
            )
            base = b.strftime("%d%m%y") + ind
            k1 = fodselsnummer.calc_check_digit1(base)
            if k1 == "10" or len(k1) != 1:
                continue
            k2 = fodselsnummer.calc_check_digit2(base + k1)
            if len(k2) != 1:
                continue
            v = base + k1 + k2
        elif kind == "US_SSN":
            area = rng.randint(1, 899)
            if area == 666:
                continue
            v = f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"
        if v and mod.is_valid(v):
            return v
    raise RuntimeError(f"no id for {kind}")


# --- passports -----------------------------------------------------------------------------

LANG_PASSPORT = {
    "de": "DE",
    "fr": "FR",
    "es": "ES",
    "br": "BR",
    "it": "IT",
    "nl": "NL",
    "pl": "PL",
    "tr": "TR",
    "ar": "SA",
    "zh": "CN",
    "ja": "JP",
    "ko": "KR",
    "ru": "RU",
    "sv": "SE",
    "da": "DK",
    "no": "NO",
    "en": "US",
}


def passport(rng: random.Random, cc: str) -> str:
    up, dg = string.ascii_uppercase, string.digits
    c = rng.choice
    if cc == "DE":
        return c("CFGHJK") + "".join(c("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8))
    if cc == "FR":
        return _digits(rng, 2) + c(up) + c(up) + _digits(rng, 5)
    if cc == "ES":
        return c(["PAA", "PAB", "PAC", "AAA", "XDA"]) + _digits(rng, 6)
    if cc in ("IT", "PL", "JP"):
        return c(up) + c(up) + _digits(rng, 7)
    if cc == "NL":
        return (
            c("NBP")
            + c(up.replace("O", ""))
            + "".join(c(up.replace("O", "") + dg) for _ in range(6))
            + c(dg)
        )
    if cc == "TR":
        return "U" + _digits(rng, 8)
    if cc == "BR":
        return c(["FZ", "GA", "FX", "YB"]) + _digits(rng, 6)
    if cc == "SA":
        return c(up) + _digits(rng, 8)
    if cc == "CN":
        return "E" + _digits(rng, 8)
    if cc == "KR":
        return "M" + _digits(rng, 8)
    if cc == "RU":
        return c(["75", "72", "76"]) + " " + _digits(rng, 7)
    if cc in ("SE", "NO"):
        return _digits(rng, 8)
    if cc == "DK":
        return _digits(rng, 9)
    return c("56") + _digits(rng, 8)  # US


# --- dates of birth ------------------------------------------------------------------------

MONTHS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "br": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "en": "January February March April May June July August September October November December",
}


def date_text(rng: random.Random, lang: str, d: dt.date) -> str:
    dd, mm, y = d.day, d.month, d.year
    forms: list[str]
    if lang in MONTHS:
        mname = MONTHS[lang].split()[mm - 1]
        forms = {
            "de": [f"{dd:02d}.{mm:02d}.{y}", f"{dd}. {mname} {y}"],
            "fr": [f"{dd:02d}/{mm:02d}/{y}", f"{dd} {mname} {y}"],
            "es": [f"{dd:02d}/{mm:02d}/{y}", f"{dd} de {mname} de {y}"],
            "br": [f"{dd:02d}/{mm:02d}/{y}", f"{dd} de {mname} de {y}"],
            "it": [f"{dd:02d}/{mm:02d}/{y}", f"{dd} {mname} {y}"],
            "nl": [f"{dd:02d}-{mm:02d}-{y}", f"{dd} {mname} {y}"],
            "en": [f"{mm:02d}/{dd:02d}/{y}", f"{mname} {dd}, {y}", f"{y}-{mm:02d}-{dd:02d}"],
        }[lang]
    elif lang in ("zh", "ja"):
        forms = [f"{y}年{mm}月{dd}日", f"{y}/{mm:02d}/{dd:02d}"]
    elif lang == "ko":
        forms = [f"{y}년 {mm}월 {dd}일", f"{y}.{mm:02d}.{dd:02d}"]
    elif lang == "sv":
        forms = [f"{y}-{mm:02d}-{dd:02d}"]
    elif lang in ("pl", "ru", "tr", "da", "no"):
        forms = [f"{dd:02d}.{mm:02d}.{y}"]
    else:  # ar
        forms = [f"{dd:02d}/{mm:02d}/{y}", f"{y}-{mm:02d}-{dd:02d}"]
    return rng.choice(forms)


def dob(rng: random.Random, lang: str) -> str:
    return date_text(rng, lang, dt.date(1941, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 64)))


def event_date(rng: random.Random, lang: str) -> str:
    return date_text(rng, lang, dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(0, 1000)))


# --- street addresses ----------------------------------------------------------------------


def address(rng: random.Random, lang: str) -> tuple[str, str]:
    c, n = rng.choice, rng.randint
    if lang == "de":
        return c(
            [
                "Lindenstraße",
                "Hauptstraße",
                "Gartenweg",
                "Schillerstraße",
                "Am Mühlbach",
                "Bahnhofstraße",
            ]
        ) + f" {n(1, 120)}, " + c(
            ["10115 Berlin", "80331 München", "50667 Köln", "20095 Hamburg", "04109 Leipzig"]
        ), "DE"
    if lang == "fr":
        return f"{n(1, 90)} " + c(
            [
                "rue des Lilas",
                "avenue Jean Jaurès",
                "boulevard Voltaire",
                "impasse du Moulin",
                "rue de la République",
            ]
        ) + ", " + c(
            ["69003 Lyon", "75011 Paris", "13006 Marseille", "31000 Toulouse", "44000 Nantes"]
        ), "FR"
    if lang == "es":
        return c(
            [
                "Calle de Alcalá",
                "Avenida de la Constitución",
                "Calle Mayor",
                "Paseo de Gracia",
                "Calle del Carmen",
            ]
        ) + f" {n(1, 200)}, {n(1, 8)}º {c('ABCD')}, " + c(
            ["28014 Madrid", "41001 Sevilla", "08007 Barcelona", "46002 València", "29005 Málaga"]
        ), "ES"
    if lang == "br":
        return c(
            [
                "Rua das Flores",
                "Avenida Brasil",
                "Rua Augusta",
                "Rua Sete de Setembro",
                "Travessa do Comércio",
            ]
        ) + f", {n(10, 2500)}, apto {n(11, 1804)} – " + c(
            [
                "Jardim Paulista, São Paulo – SP, 01415-000",
                "Savassi, Belo Horizonte – MG, 30140-071",
                "Boa Viagem, Recife – PE, 51020-000",
                "Copacabana, Rio de Janeiro – RJ, 22070-011",
            ]
        ), "BR"
    if lang == "it":
        return c(
            ["Via Roma", "Via dei Mille", "Corso Italia", "Via della Libertà", "Viale dei Pini"]
        ) + f" {n(1, 150)}, " + c(
            [
                "20121 Milano MI",
                "00184 Roma RM",
                "10121 Torino TO",
                "40126 Bologna BO",
                "80133 Napoli NA",
            ]
        ), "IT"
    if lang == "nl":
        return c(
            ["Kerkstraat", "Dorpsstraat", "Molenweg", "Stationsstraat", "Julianalaan"]
        ) + f" {n(1, 140)}, {n(1000, 9999)} {c(['GL', 'AB', 'KR', 'TS', 'MN'])} " + c(
            ["Amsterdam", "Utrecht", "Rotterdam", "Groningen", "Eindhoven"]
        ), "NL"
    if lang == "pl":
        return "ul. " + c(
            ["Ogrodowa", "Polna", "Leśna", "Słoneczna", "Krótka", "Lipowa"]
        ) + f" {n(1, 90)}/{n(1, 40)}, " + c(
            ["00-876 Warszawa", "31-042 Kraków", "80-831 Gdańsk", "50-101 Wrocław", "61-809 Poznań"]
        ), "PL"
    if lang == "tr":
        return c(
            ["Bağdat Cad.", "Cumhuriyet Mah. Gül Sok.", "İstiklal Cad.", "Çamlık Sok.", "Lale Sok."]
        ) + f" No: {n(1, 120)} D: {n(1, 24)}, " + c(
            [
                "34710 Kadıköy/İstanbul",
                "06420 Çankaya/Ankara",
                "35220 Konak/İzmir",
                "16040 Osmangazi/Bursa",
            ]
        ), "TR"
    if lang == "ar":
        return c(
            ["شارع التحلية", "طريق الملك فهد", "شارع الأمير سلطان", "حي النخيل، شارع 15"]
        ) + f"، مبنى {n(1, 99)}، " + c(["جدة 23434", "الرياض 12271", "الدمام 32241"]), "SA"
    if lang == "zh":
        return c(
            [
                "上海市浦东新区世纪大道",
                "北京市朝阳区建国路",
                "广州市天河区天河路",
                "成都市武侯区人民南路",
            ]
        ) + f"{n(1, 300)}号{n(1, 30)}栋{n(101, 2505)}室", "CN"
    if lang == "ja":
        return c(
            [
                "〒150-0002 東京都渋谷区渋谷",
                "〒530-0001 大阪府大阪市北区梅田",
                "〒460-0008 愛知県名古屋市中区栄",
                "〒060-0042 北海道札幌市中央区大通西",
            ]
        ) + f"{n(1, 9)}-{n(1, 30)}-{n(1, 20)}", "JP"
    if lang == "ko":
        return c(
            [
                "서울특별시 강남구 테헤란로",
                "부산광역시 해운대구 해운대로",
                "서울특별시 마포구 월드컵북로",
                "대구광역시 수성구 달구벌대로",
            ]
        ) + f" {n(1, 500)}, {n(101, 120)}동 {n(101, 2504)}호", "KR"
    if lang == "ru":
        return c(
            ["ул. Садовая", "ул. Лесная", "пр-т Мира", "ул. Советская", "ул. Школьная"]
        ) + f", д. {n(1, 120)}, кв. {n(1, 300)}, " + c(
            ["Екатеринбург, 620014", "Новосибирск, 630099", "Казань, 420111", "Самара, 443099"]
        ), "RU"
    if lang == "sv":
        return c(
            ["Storgatan", "Kyrkogatan", "Björkvägen", "Skolgatan", "Sveavägen"]
        ) + f" {n(1, 99)}, {n(111, 985)} {n(10, 99)} " + c(
            ["Stockholm", "Göteborg", "Malmö", "Uppsala"]
        ), "SE"
    if lang == "da":
        return c(
            ["Nørregade", "Vestergade", "Søndergade", "Skovvej", "Strandvejen"]
        ) + f" {n(1, 140)}, {n(1, 5)}. {c(['th.', 'tv.', 'mf.'])}, " + c(
            ["1165 København K", "8000 Aarhus C", "5000 Odense C", "9000 Aalborg"]
        ), "DK"
    if lang == "no":
        return c(
            ["Storgata", "Kirkegata", "Skolegata", "Fjellveien", "Bjørkeveien"]
        ) + f" {n(1, 99)}, " + c(
            ["0155 Oslo", "5003 Bergen", "7011 Trondheim", "4006 Stavanger"]
        ), "NO"
    return f"{n(100, 9899)} " + c(
        ["Maple Avenue", "Oak Street", "Cedar Lane", "Pine Ridge Road", "Elm Court"]
    ) + f", Apt {n(1, 40)}{c('ABCD')}, " + c(
        ["Columbus, OH 43215", "Austin, TX 78704", "Portland, OR 97214", "Raleigh, NC 27601"]
    ), "US"


# --- cards, network and secrets ------------------------------------------------------------

TEST_CARDS = {
    "4111111111111111",
    "4242424242424242",
    "4012888888881881",
    "5555555555554444",
    "5105105105105100",
    "2223003122003222",
    "378282246310005",
    "371449635398431",
    "3530111333300000",
    "3566002020360505",
    "4000056655665556",
    "5200828282828210",
}


def card(rng: random.Random) -> tuple[str, str]:
    net = rng.choice(["visa", "visa", "mastercard", "mastercard", "amex", "jcb"])
    if net == "visa":
        pre, n = "4", 16
    elif net == "mastercard":
        pre, n = rng.choice([str(rng.randint(51, 55)), str(rng.randint(2221, 2720))]), 16
    elif net == "amex":
        pre, n = rng.choice(["34", "37"]), 15
    else:
        pre, n = str(rng.randint(3528, 3589)), 16
    while True:
        body = pre + _digits(rng, n - len(pre) - 1)
        num = body + luhn.calc_check_digit(body)
        if num not in TEST_CARDS:
            break
    if rng.random() < 0.6:
        if n == 15:
            num = f"{num[:4]} {num[4:10]} {num[10:]}"
        else:
            sep = rng.choice([" ", "-"])
            num = sep.join(num[k : k + 4] for k in range(0, 16, 4))
    return num, net


def ip(rng: random.Random) -> tuple[str, str]:
    r = rng.random()
    if r < 0.4:
        a = rng.choice(
            [
                f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                f"192.168.{rng.randint(0, 255)}.{rng.randint(2, 254)}",
                f"172.{rng.randint(16, 31)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
            ]
        )
        return a, "private"
    if r < 0.85:
        while True:
            a = ".".join(
                str(rng.randint(1, 223) if k == 0 else rng.randint(0, 254)) for k in range(4)
            )
            if ipaddress.ip_address(a).is_global:
                return a, "public"
    while True:
        groups = [rng.choice(["2a02", "2a01", "2001", "2600", "2407", "2c0f"])] + [
            f"{rng.randint(0, 0xFFFF):x}" for _ in range(7)
        ]
        a = str(ipaddress.ip_address(":".join(groups)))
        if ipaddress.ip_address(a).is_global and not a.startswith("2001:db8"):
            return a, "ipv6"


OUIS = [
    "F0:18:98",
    "3C:5A:B4",
    "00:1B:63",
    "B8:27:EB",
    "DC:A6:32",
    "00:17:88",
    "00:0C:29",
    "00:1A:11",
    "28:6C:07",
    "D8:3A:DD",
    "A4:83:E7",
]


def mac(rng: random.Random) -> tuple[str, str]:
    octs = rng.choice(OUIS).split(":") + [f"{rng.randint(0, 255):02X}" for _ in range(3)]
    style = rng.choice(["colon", "dash", "dot", "colon_lower"])
    if style == "colon":
        return ":".join(octs), style
    if style == "colon_lower":
        return ":".join(octs).lower(), "colon"
    if style == "dash":
        return "-".join(octs), style
    h = "".join(octs).lower()
    return f"{h[0:4]}.{h[4:8]}.{h[8:12]}", style


_ALNUM = string.ascii_letters + string.digits


def _r(rng: random.Random, n: int, alphabet: str = _ALNUM) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def token(rng: random.Random) -> tuple[str, str]:
    kind = rng.choice(
        [
            "GITHUB",
            "AWS",
            "SLACK",
            "STRIPE",
            "OPENAI",
            "ANTHROPIC",
            "GOOGLE",
            "HUGGINGFACE",
            "GITLAB",
        ]
    )
    if kind == "GITHUB":
        v = rng.choice(["ghp_", "gho_", "github_pat_"]) + _r(rng, 36)
    elif kind == "AWS":
        v = "AKIA" + _r(rng, 16, string.ascii_uppercase.replace("E", "") + "234567")
    elif kind == "SLACK":
        v = f"xoxb-{_digits(rng, 12)}-{_digits(rng, 13)}-{_r(rng, 24)}"
    elif kind == "STRIPE":
        v = "sk_live_" + _r(rng, 24)
    elif kind == "OPENAI":
        v = "sk-proj-" + _r(rng, 48, _ALNUM + "_-")
    elif kind == "ANTHROPIC":
        v = "sk-ant-api03-" + _r(rng, 86, _ALNUM + "_-") + "AA"
    elif kind == "GOOGLE":
        v = "AIza" + _r(rng, 35, _ALNUM + "_-")
    elif kind == "HUGGINGFACE":
        v = "hf_" + _r(rng, 34, string.ascii_letters)
    else:
        v = "glpat-" + _r(rng, 20, _ALNUM + "_-")
    return v, f"token:{kind}"


def password(rng: random.Random) -> str:
    words = [
        "Sommer",
        "Kaffee",
        "Tulpen",
        "Girasol",
        "Azzurro",
        "Kotek",
        "Deniz",
        "Hygge",
        "Fjord",
        "Sakura",
        "Tiger",
        "Pampa",
    ]
    return (
        rng.choice(words)
        + rng.choice(["#", "!", "$", "%", "&", "*"])
        + _digits(rng, rng.randint(2, 4))
        + _r(rng, 2, string.ascii_lowercase)
    )


_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def _b58check(payload: bytes) -> str:
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, rem = divmod(n, 58)
        out = _B58[rem] + out
    pad = len(data) - len(data.lstrip(b"\0"))
    return "1" * pad + out


def wallet(rng: random.Random) -> tuple[str, str]:
    body = bytes(rng.randrange(256) for _ in range(20))
    kind = rng.choice(["btc:p2pkh", "btc:p2sh", "eth"])
    if kind == "btc:p2pkh":
        return _b58check(b"\x00" + body), kind
    if kind == "btc:p2sh":
        return _b58check(b"\x05" + body), kind
    return "0x" + body.hex(), kind


def db_url(rng: random.Random, p: Person) -> str:
    scheme, port = rng.choice(
        [("postgres", 5432), ("mysql", 3306), ("mongodb", 27017), ("redis", 6379), ("amqp", 5672)]
    )
    user = _ascii(p.given_latin)[:8] + rng.choice(["", "_rw", "_app"])
    host = rng.choice(
        ["db-prod-02.internal", "10.40.3.17", "pg.eu-west.corp-net.io", "cache01.lan"]
    )
    return f"{scheme}://{user}:{password(rng)}@{host}:{port}/{rng.choice(['crm', 'orders', 'app', 'billing'])}"
