"""Write corpus.jsonl: every frame filled several times with a fixed seed, every value checked.

python -m benchmarks.pii_independent5.generate
"""

from __future__ import annotations

import ipaddress
import itertools
import json
import random
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import phonenumbers
from benchmarks.pii_independent.run import write_atomic
from benchmarks.pii_independent5 import decoys, names, values
from benchmarks.pii_independent5.frames import FRAMES
from stdnum import bitcoin, iban, luhn, mac
from stdnum.cz import rc
from stdnum.fi import hetu
from stdnum.gr import amka
from stdnum.il import idnr
from stdnum.in_ import aadhaar
from stdnum.ro import cnp
from stdnum.th import pin
from stdnum.ua import rntrc
from stdnum.us import ssn

HERE = Path(__file__).resolve().parent
OUT = HERE / "corpus.jsonl"
SEED = 20261207
TARGET = 3000

PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]+)(?:@([a-z]+))?(?::([A-Za-z0-9_]+))?\}")
NAME_FORMS = {"PER": "full", "GIV": "given", "SUR": "surname", "INV": "inverted",
              "UPP": "upper", "INI": "initial"}  # fmt: skip
LATIN_LANGS = {"en", "cs", "ro", "hu", "fi", "id", "vi", "sw"}

MONTHS = {
    "en": "January February March April May June July August September October November December",
    "ro": "ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie "
    "noiembrie decembrie",
    "hu": "január február március április május június július augusztus szeptember október "
    "november december",
    "id": "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember",
    "sw": "Januari Februari Machi Aprili Mei Juni Julai Agosti Septemba Oktoba Novemba Desemba",
    "el": "Ιανουαρίου Φεβρουαρίου Μαρτίου Απριλίου Μαΐου Ιουνίου Ιουλίου Αυγούστου "
    "Σεπτεμβρίου Οκτωβρίου Νοεμβρίου Δεκεμβρίου",
    "hi": "जनवरी फ़रवरी मार्च अप्रैल मई जून जुलाई अगस्त सितंबर अक्टूबर नवंबर दिसंबर",
    "th": "มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน กรกฎาคม สิงหาคม กันยายน ตุลาคม พฤศจิกายน ธันวาคม",
    "uk": "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
    "cs": "ledna února března dubna května června července srpna září října listopadu prosince",
    "fi": "tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta "
    "elokuuta syyskuuta lokakuuta marraskuuta joulukuuta",
}


def dob(rng: random.Random, lang: str) -> str:
    y, m, d = rng.randint(1942, 2006), rng.randint(1, 12), rng.randint(1, 28)
    mon = MONTHS.get(lang, "").split()
    opts = {
        "en": [
            f"{mon[m - 1] if mon else ''} {d}, {y}",
            f"{d:02d}/{m:02d}/{y}",
            f"{y}-{m:02d}-{d:02d}",
        ],
        "cs": [f"{d}. {m}. {y}", f"{d:02d}.{m:02d}.{y}", f"{d}. {mon[m - 1]} {y}" if mon else ""],
        "ro": [f"{d:02d}.{m:02d}.{y}", f"{d} {mon[m - 1]} {y}" if mon else ""],
        "hu": [f"{y}. {m:02d}. {d:02d}.", f"{y}. {mon[m - 1]} {d}." if mon else ""],
        "fi": [f"{d}.{m}.{y}", f"{d}. {mon[m - 1]} {y}" if mon else ""],
        "id": [f"{d} {mon[m - 1]} {y}" if mon else "", f"{d:02d}-{m:02d}-{y}"],
        "vi": [f"{d:02d}/{m:02d}/{y}", f"ngày {d} tháng {m} năm {y}"],
        "sw": [f"{d:02d}/{m:02d}/{y}", f"{d} {mon[m - 1]} {y}" if mon else ""],
        "el": [f"{d:02d}/{m:02d}/{y}", f"{d} {mon[m - 1]} {y}" if mon else ""],
        "he": [f"{d}.{m}.{y}", f"{d:02d}/{m:02d}/{y}"],
        "hi": [f"{d:02d}/{m:02d}/{y}", f"{d} {mon[m - 1]} {y}" if mon else ""],
        "th": [f"{d} {mon[m - 1]} {y + 543}" if mon else "", f"{d:02d}/{m:02d}/{y}"],
        "uk": [f"{d:02d}.{m:02d}.{y}", f"{d} {mon[m - 1]} {y} р." if mon else ""],
    }[lang]
    return rng.choice([o for o in opts if o])


STREETS = {
    "CZ": (["Husova", "Palackého", "Masarykova", "Vinohradská", "Korunní", "Lidická",
            "Nádražní", "Jiráskova"],
           ["110 00 Praha 1", "602 00 Brno", "301 00 Plzeň", "370 01 České Budějovice",
            "779 00 Olomouc"]),
    "RO": (["Str. Mihai Eminescu nr. {n}", "Bd. Unirii nr. {n}", "Calea Victoriei nr. {n}",
            "Str. Avram Iancu nr. {n}", "Aleea Teilor nr. {n}"],
           ["010512 București", "400001 Cluj-Napoca", "700115 Iași", "300002 Timișoara"]),
    "HU": (["Petőfi Sándor utca {n}.", "Rákóczi út {n}.", "Kossuth Lajos tér {n}.",
            "Bartók Béla út {n}.", "Váci utca {n}."],
           ["1052 Budapest", "6720 Szeged", "4025 Debrecen", "7621 Pécs"]),
    "FI": (["Mannerheimintie", "Hämeenkatu", "Aleksanterinkatu", "Kauppakatu", "Koulukatu"],
           ["00100 Helsinki", "33100 Tampere", "20100 Turku", "90100 Oulu"]),
    "ID": (["Jl. Sudirman No. {n}", "Jl. Diponegoro No. {n}", "Jl. Kebon Jeruk Raya No. {n}",
            "Jl. Merdeka No. {n}", "Jl. Gajah Mada No. {n}"],
           ["Jakarta Pusat 10220", "Bandung 40115", "Surabaya 60271", "Yogyakarta 55213"]),
    "VN": (["{n} Nguyễn Huệ", "{n} Lê Lợi", "{n} Trần Hưng Đạo", "{n} Hai Bà Trưng",
            "{n} Phố Huế"],
           ["Quận 1, TP. Hồ Chí Minh", "Hoàn Kiếm, Hà Nội", "Hải Châu, Đà Nẵng"]),
    "KE": (["House {n}, Ngong Road", "{n} Moi Avenue", "Plot {n}, Kenyatta Avenue",
            "Apartment {n}, Argwings Kodhek Road"],
           ["Nairobi 00100", "Mombasa 80100", "Kisumu 40100"]),
    "GR": (["Ερμού {n}", "Πατησίων {n}", "Αγίου Δημητρίου {n}", "Τσιμισκή {n}", "Σόλωνος {n}"],
           ["105 63 Αθήνα", "546 22 Θεσσαλονίκη", "262 21 Πάτρα"]),
    "IL": (["רחוב הרצל {n}", "רחוב ביאליק {n}", "שדרות רוטשילד {n}", "רחוב הנביאים {n}"],
           ["תל אביב-יפו", "ירושלים", "חיפה", "באר שבע"]),
    "IN": (["{n}, गांधी नगर", "मकान नं. {n}, सेक्टर 15", "{n}, नेहरू रोड", "फ्लैट {n}, शिवाजी मार्ग"],
           ["नई दिल्ली 110001", "जयपुर 302001", "लखनऊ 226001", "पुणे 411001"]),
    "TH": (["{n}/12 ถนนสุขุมวิท", "{n} ซอยอารีย์ ถนนพหลโยธิน", "{n}/3 ถนนนิมมานเหมินท์"],
           ["แขวงคลองเตย เขตคลองเตย กรุงเทพฯ 10110", "อำเภอเมือง เชียงใหม่ 50200",
            "แขวงสามเสนใน เขตพญาไท กรุงเทพฯ 10400"]),
    "UA": (["вул. Шевченка, {n}", "вул. Січових Стрільців, {n}, кв. {k}", "просп. Перемоги, {n}",
            "вул. Городоцька, {n}"],
           ["Київ, 01001", "Львів, 79000", "Харків, 61000", "Одеса, 65000"]),
    "US": (["{n} Maple Avenue", "{n} Oak Street, Apt {k}", "{n} Jefferson Blvd", "{n} Lincoln Way"],
           ["Austin, TX 78701", "Columbus, OH 43215", "Portland, OR 97205", "Tulsa, OK 74103"]),
}  # fmt: skip


def address(rng: random.Random, cc: str) -> str:
    streets, towns = STREETS[cc]
    st = (
        rng.choice(streets)
        .replace("{n}", str(rng.randint(1, 180)))
        .replace("{k}", str(rng.randint(1, 60)))
    )
    if cc in {"CZ", "FI"}:
        st += f" {rng.randint(1, 90)}" + (
            f"/{rng.randint(1, 30)}" if cc == "CZ" and rng.random() < 0.4 else ""
        )
    if cc == "HU":
        return f"{rng.choice(towns)}, {st}"
    return f"{st}, {rng.choice(towns)}"


DOMAINS = {
    "en": ["gmail.com", "outlook.com", "yahoo.com", "proton.me", "icloud.com"],
    "cs": ["seznam.cz", "email.cz", "centrum.cz", "gmail.com"],
    "ro": ["yahoo.ro", "gmail.com", "gmail.com"],
    "hu": ["freemail.hu", "citromail.hu", "gmail.com"],
    "fi": ["gmail.com", "luukku.com", "outlook.com"],
    "id": ["gmail.com", "yahoo.co.id"],
    "vi": ["gmail.com", "yahoo.com.vn"],
    "sw": ["gmail.com", "yahoo.com"],
    "el": ["gmail.com", "yahoo.gr", "hotmail.gr"],
    "he": ["gmail.com", "walla.co.il"],
    "hi": ["gmail.com", "rediffmail.com"],
    "th": ["gmail.com", "hotmail.co.th"],
    "uk": ["ukr.net", "gmail.com", "i.ua"],
}  # fmt: skip


def ascii_fold(s: str) -> str:
    s = s.replace("ł", "l").replace("Ł", "L").replace("đ", "d").replace("Đ", "D").replace("ı", "i")
    return "".join(
        c for c in unicodedata.normalize("NFKD", s) if c.isascii() and (c.isalnum() or c in "-")
    )


class Person:
    def __init__(self, rng: random.Random, lang: str, sex: str | None, origin: str | None) -> None:
        self.sex = sex or rng.choice("fm")
        if origin is None:
            origin = rng.choice(names.LANG_ORIGINS[lang])
            if lang in LATIN_LANGS and lang != "en" and rng.random() < 1 / 6:
                origin = rng.choice([o for o in names.OTHERS if o != origin])
        self.origin = origin
        self.native = origin == lang  # own script / diacritics in its own language's texts
        g = rng.choice(names.given(origin, self.sex))
        s = rng.choice(names.surnames(origin, self.sex))
        i = 0 if self.native else 1
        self.given, self.surname = g[i], s[i]
        self.given_latin, self.surname_latin = g[1], s[1]
        self.sg = origin in {"vi", "cn", "kr"} or (origin == "hu" and lang == "hu")

    def form(self, form: str) -> str:
        g, s = self.given, self.surname
        latin = not self.native or self.origin not in names.NATIVE_SCRIPT or self.origin == "uk"
        if form == "given":
            return g.split()[-1] if self.origin == "vi" else g
        if form == "surname":
            return s
        if form == "inverted" and latin and not self.sg:
            return f"{s}, {g}"
        if form == "upper" and latin:
            return f"{s.upper()} {g}"
        if form == "initial" and latin and self.origin != "vi":
            return f"{g[0]}. {s}"
        return f"{s} {g}" if self.sg else f"{g} {s}"

    def email(self, rng: random.Random, lang: str) -> tuple[str, str]:
        g, s = self.given_latin, self.surname_latin
        if self.origin == "vi":
            g = g.split()[-1]
        note = ""
        uni = f"{g}.{s}".lower().replace(" ", "").replace("'", "")
        if lang in {"cs", "hu", "ro"} and rng.random() < 0.15 and not uni.isascii():
            local = uni
            note = "unicode"
        else:
            g2, s2 = ascii_fold(g).lower(), ascii_fold(s).lower()
            local = rng.choice([f"{g2}.{s2}", f"{g2[0]}{s2}", f"{g2}_{s2}{rng.randint(70, 99)}",
                                f"{s2}.{g2}", f"{g2}{rng.randint(1, 999)}"])  # fmt: skip
        dom = rng.choice(DOMAINS[lang])
        return f"{local}@{dom}", note


Maker = Callable[[random.Random, str | None], tuple[str, str]]
# value placeholders that need only the argument: name -> (type, generator)
SIMPLE: dict[str, tuple[str, Maker]] = {
    "PHONE": ("PHONE", lambda rng, arg: values.phone(rng, arg or "US")),
    "IBAN": ("IBAN", lambda rng, arg: values.iban(rng, arg or "CZ")),
    "CARD": ("CREDIT_CARD", lambda rng, arg: values.card(rng)),
    "PASS": ("PASSPORT", lambda rng, arg: values.passport(rng, arg or "US")),
    "IP": ("IP_ADDRESS", lambda rng, arg: values.ipv4(rng)),
    "IPSIX": ("IP_ADDRESS", lambda rng, arg: values.ipv6(rng)),
    "MAC": ("MAC_ADDRESS", lambda rng, arg: values.mac(rng)),
    "TOK": ("CREDENTIAL", lambda rng, arg: values.token(rng, arg)),
    "PWD": ("CREDENTIAL", lambda rng, arg: values.password(rng)),
    "WALLET": ("CRYPTO_WALLET", lambda rng, arg: values.wallet(rng)),
}


def fill(frame: tuple[str, str, str], index: int, rng: random.Random) -> dict[str, object]:
    style, lang, tmpl = frame
    text: list[str] = []
    pos = 0
    spans: list[list[object]] = []
    notes: list[str] = []
    dec: list[list[object]] = []
    last: Person | None = None
    people: list[Person] = []
    cursor = 0

    def put(value: str, label: str | None, note: str = "", kind: str | None = None) -> None:
        nonlocal pos
        start = pos
        text.append(value)
        pos += len(value)
        if label:
            spans.append([start, pos, label])
            notes.append(note)
        elif kind:
            dec.append([start, pos, kind])

    for m in PLACEHOLDER.finditer(tmpl):
        lit = tmpl[cursor : m.start()]
        assert "{" not in lit and "}" not in lit, (lit, frame)  # no placeholder left unfilled
        text.append(lit)
        pos += len(lit)
        cursor = m.end()
        key, origin, arg = m.group(1), m.group(2), m.group(3)
        base, _, sx = key.partition("_")
        if base in NAME_FORMS:
            sex = {"F": "f", "M": "m"}.get(sx)
            last = Person(rng, lang, sex, origin)
            people.append(last)
            form = NAME_FORMS[base]
            put(last.form(form), "PERSON", f"{last.origin},{form}")
        elif base == "REF":  # the last person again, by given name
            assert last is not None, frame
            put(last.form("given"), "PERSON", f"{last.origin},given")
        elif base == "REFS":
            assert last is not None, frame
            put(last.form("surname"), "PERSON", f"{last.origin},surname")
        elif base == "EMAIL":
            who = last or Person(rng, lang, None, None)
            v, note = who.email(rng, lang)
            put(v, "EMAIL", note)
        elif base in SIMPLE:
            label, make = SIMPLE[base]
            v, note = make(rng, arg)
            put(v, label, note)
        elif base == "NID":
            v, note = values.national_id(rng, arg or "US_SSN", last.sex if last else "f")
            put(v, "NATIONAL_ID", note)
        elif base == "DOB":
            put(dob(rng, lang), "DATE_OF_BIRTH", "")
        elif base == "ADDR":
            put(address(rng, arg or "US"), "STREET_ADDRESS", arg or "US")
        elif base == "DBURL":
            user = rng.choice(["app", "etl", "reporting", "svc_ml", "django"])
            pw = values.password(rng)[0].replace("@", "x").replace("/", "x").replace(":", "x")
            host = rng.choice(["db-prod-2.internal", values.ipv4(rng)[0], "pg.eu-west.rds.local"])
            scheme = rng.choice(["postgresql", "mysql", "mongodb", "redis"])
            port = rng.choice([5432, 3306, 27017, 6379])
            db = rng.choice(["crm", "hr", "claims", "shop"])
            put(f"{scheme}://{user}:{pw}@{host}:{port}/{db}", "URL_WITH_CREDENTIALS", scheme)
        elif key in decoys.KINDS:
            v, kind = decoys.make(rng, key, lang)
            put(v, None, kind=kind)
        else:
            raise KeyError(f"unknown placeholder {m.group(0)} in {frame}")
    tail = tmpl[cursor:]
    assert "{" not in tail and "}" not in tail, (tail, frame)
    text.append(tail)
    body = "".join(text)
    return {
        "text": body,
        "spans": spans,
        "span_notes": notes,
        "decoys": dec,
        "style": style,
        "language": lang,
        "source": f"frame/{style}/{lang}/{'pos' if spans else 'neg'}/{index}",
        "negative": not spans,
    }


PHONE_REGION = {
    "CZ",
    "RO",
    "HU",
    "FI",
    "ID",
    "VN",
    "KE",
    "TZ",
    "GR",
    "IL",
    "IN",
    "TH",
    "UA",
    "US",
    "NG",
    "PH",
    "GB",
}
NID_CHECK = {"CZ_RC": rc, "RO_CNP": cnp, "FI_HETU": hetu, "GR_AMKA": amka, "IL_ID": idnr,
             "IN_AADHAAR": aadhaar, "TH_PIN": pin, "UA_RNTRC": rntrc, "US_SSN": ssn}  # fmt: skip


def verify(rec: dict[str, object]) -> None:
    """Raise if a labelled value fails its check, spans overlap or a placeholder remains."""
    text = str(rec["text"])
    spans = sorted(rec["spans"])  # type: ignore[arg-type]
    for (_, e1, _), (s2, _, _) in itertools.pairwise(spans):
        assert e1 <= s2, (text, spans)
    for s, e, _ in rec["decoys"]:  # type: ignore[attr-defined]
        for gs, ge, _ in spans:
            assert e <= gs or ge <= s, (text, s, e)
    for (s, e, t), note in zip(rec["spans"], rec["span_notes"], strict=True):  # type: ignore[call-overload]
        v = text[s:e]
        assert v and v == v.strip(), (v, text)
        if t == "PHONE":
            assert note in PHONE_REGION and phonenumbers.is_valid_number(
                phonenumbers.parse(v, note)
            ), v
        elif t == "IBAN":
            assert iban.is_valid(v), v
        elif t == "CREDIT_CARD":
            assert luhn.is_valid(v.replace(" ", "").replace("-", "")), v
        elif t == "NATIONAL_ID":
            assert NID_CHECK[note].is_valid(v), (note, v)
        elif t == "MAC_ADDRESS":
            h = re.sub(r"[^0-9a-fA-F]", "", v)
            assert mac.is_valid(":".join(h[i : i + 2] for i in range(0, 12, 2))), v
        elif t == "CRYPTO_WALLET":
            assert (
                bitcoin.is_valid(v)
                if note.startswith("btc")
                else re.fullmatch(r"0x[0-9a-f]{40}", v)
            ), v
        elif t == "IP_ADDRESS":
            ip = ipaddress.ip_address(v)
            assert not (
                ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_unspecified
            ), v
            assert not any(ip in ipaddress.ip_network(n) for n in
                           ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")
                           if ipaddress.ip_network(n).version == ip.version), v  # fmt: skip


def build() -> list[dict[str, object]]:
    rng = random.Random(SEED)
    per = -(-TARGET // len(FRAMES))
    out = []
    for i, frame in enumerate(FRAMES):
        for _ in range(per):
            rec = fill(frame, i, rng)
            verify(rec)
            out.append(rec)
    for n, rec in enumerate(out):
        rec_id = {"id": f"ind5-{n:05d}"}
        out[n] = rec_id | rec
    return out


def main() -> int:
    recs = build()
    write_atomic(OUT, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs))
    neg = sum(1 for r in recs if r["negative"])
    print(
        f"wrote {len(recs)} records from {len(FRAMES)} frames, {neg / len(recs):.0%} negative",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
