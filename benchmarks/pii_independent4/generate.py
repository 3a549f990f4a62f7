"""Write the fourth independent PII corpus (fixed seed).

    python -m benchmarks.pii_independent4.generate

Each hand-written frame (``frames.py``) is filled ``FILLS`` times. Placeholders are
``⟦...⟧``:

- people: ``⟦P1:FORM⟧`` with FORM ``full``, ``given``, ``sur``, ``inv`` (``Surname, Given``),
  ``upper`` (``SURNAME Given``), ``init`` (``A. Surname``), ``latin`` (full name in Latin
  letters), ``email`` (that person's mailbox); ``P1f`` / ``P1m`` picks a woman or a man,
  ``P1@ko`` the origin. The same ``P1`` is the same person throughout a record.
- values: ``EMAIL``, ``PHONE[:REGION]``, ``IP``, ``IP6``, ``MAC``, ``CARD``, ``CARDRAW``,
  ``IBAN[:CC]``, ``NID:KIND``, ``PASS[:CC]``, ``DOB[:lang]``, ``ADDR[:cc]``, ``KEY[:kind]``,
  ``PW``, ``WALLET``, ``DBURL``;
- look-alikes: ``⟦D:kind⟧`` (drawn from the pools in ``decoys.py``) and
  ``⟦L:kind:text⟧`` (the text itself, recorded as a look-alike of that kind).
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from pathlib import Path

from benchmarks.pii_independent4 import values as V
from benchmarks.pii_independent4.decoys import POOLS, decoy
from benchmarks.pii_independent4.frames import FRAMES
from benchmarks.pii_independent4.names import (
    ANY_LATIN,
    LANG_ORIGINS,
    MAIL_DOMAINS,
    NAMES,
    STREETS,
)

SEED = 20261207_4
FILLS = 9
HERE = Path(__file__).resolve().parent
OUT = HERE / "corpus.jsonl"
PH = re.compile(r"⟦([^⟧:]+)(?::([^⟧]*))?⟧")
PERSON_REF = re.compile(r"^P(\d)([fm]?)(?:@([a-z_]+))?$")

LABEL = {
    "EMAIL": "EMAIL", "PHONE": "PHONE", "IP": "IP_ADDRESS", "IP6": "IP_ADDRESS",
    "MAC": "MAC_ADDRESS", "CARD": "CREDIT_CARD", "CARDRAW": "CREDIT_CARD", "IBAN": "IBAN",
    "NID": "NATIONAL_ID", "PASS": "PASSPORT", "DOB": "DATE_OF_BIRTH", "ADDR": "STREET_ADDRESS",
    "KEY": "CREDENTIAL", "PW": "CREDENTIAL", "WALLET": "CRYPTO_WALLET",
    "DBURL": "URL_WITH_CREDENTIALS",
}  # fmt: skip
LANG_PHONE = {
    "en": ["US", "GB", "US", "GB", "IE", "AU", "IN", "NG"], "de": ["DE", "DE", "AT", "CH"],
    "fr": ["FR", "FR", "BE"], "es": ["ES", "ES", "MX"], "it": ["IT"], "nl": ["NL", "NL", "BE"],
    "pt": ["PT", "BR", "BR"], "pl": ["PL"], "ru": ["RU", "RU", "KZ"], "ar": ["SA", "AE", "EG", "JO"],  # noqa: E501
    "tr": ["TR"], "sv": ["SE"], "ja": ["JP"], "zh": ["CN"], "ko": ["KR"],
}  # fmt: skip
LANG_CC = {
    "en": "us", "de": "de", "fr": "fr", "es": "es", "it": "it", "nl": "nl", "pt": "pt",
    "pl": "pl", "ru": "ru", "ar": "ar", "tr": "tr", "sv": "sv", "ja": "ja", "zh": "zh", "ko": "ko",
}  # fmt: skip
CJK = {"ja", "zh", "ko"}
MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",  # noqa: E501
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",  # noqa: E501
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",  # noqa: E501
    "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia",  # noqa: E501
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "tr": "Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık",
    "sv": "januari februari mars april maj juni juli augusti september oktober november december",
}  # fmt: skip


def date_text(rng: random.Random, lang: str, y: int, m: int, dd: int) -> str:
    """A date as people write it in ``lang`` (used for births and, as look-alikes, events)."""
    mon = MONTHS.get(lang, MONTHS["en"]).split()[m - 1]
    forms = {
        "en": [f"{mon} {dd}, {y}", f"{m:02d}/{dd:02d}/{y}", f"{dd} {mon} {y}", f"{y}-{m:02d}-{dd:02d}", f"{dd:02d}/{m:02d}/{y}"],  # noqa: E501
        "de": [f"{dd:02d}.{m:02d}.{y}", f"{dd}. {mon} {y}"],
        "fr": [f"{dd:02d}/{m:02d}/{y}", f"{dd} {mon} {y}"],
        "es": [f"{dd:02d}/{m:02d}/{y}", f"{dd} de {mon} de {y}"],
        "it": [f"{dd:02d}/{m:02d}/{y}", f"{dd} {mon} {y}"],
        "nl": [f"{dd:02d}-{m:02d}-{y}", f"{dd} {mon} {y}"],
        "pt": [f"{dd:02d}/{m:02d}/{y}", f"{dd} de {mon} de {y}"],
        "pl": [f"{dd:02d}.{m:02d}.{y}", f"{dd} {mon} {y} r."],
        "ru": [f"{dd:02d}.{m:02d}.{y}", f"{dd} {mon} {y} г."],
        "ar": [f"{y}/{m:02d}/{dd:02d}", f"{dd:02d}/{m:02d}/{y}"],
        "tr": [f"{dd:02d}.{m:02d}.{y}", f"{dd} {mon} {y}"],
        "sv": [f"{y}-{m:02d}-{dd:02d}", f"{dd} {mon} {y}"],
        "ja": [f"{y}年{m}月{dd}日"],
        "zh": [f"{y}年{m}月{dd}日"],
        "ko": [f"{y}년 {m}월 {dd}일", f"{y}. {m:02d}. {dd:02d}."],
    }  # fmt: skip
    return rng.choice(forms[lang])


def ascii_fold(s: str) -> str:
    s = (
        s.replace("ł", "l")
        .replace("Ł", "L")
        .replace("ß", "ss")
        .replace("đ", "d")
        .replace("Đ", "D")
        .replace("ı", "i")
    )
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def feminine(origin: str, sur: str) -> str:
    if origin.startswith("ru"):
        native, _, latin = sur.partition("|")
        if native.endswith(("ов", "ев", "ин", "ёв")):
            return f"{native}а|{latin}a"
        return sur
    if origin == "pl" and sur.endswith(("ski", "cki", "dzki")):
        return sur[:-1] + "a"
    return sur


class Person:
    def __init__(self, rng: random.Random, origin: str, female: bool) -> None:
        base = origin.removesuffix("_latin")
        women, men, surnames = NAMES[base]
        self.origin = origin
        self.female = female
        g = rng.choice(women if female else men)
        s = rng.choice(surnames)
        if female:
            s = feminine(base, s)
        latin = origin.endswith("_latin")
        self.g_native, _, g_lat = g.partition("|")
        self.s_native, _, s_lat = s.partition("|")
        self.g_latin = g_lat or self.g_native
        self.s_latin = s_lat or self.s_native
        if latin:
            self.g_native, self.s_native = self.g_latin, self.s_latin
        self.cjk = base in CJK and not latin
        self.surname_first = self.cjk or (base == "vn" and rng.random() < 0.5)

    def form(self, rng: random.Random, form: str) -> tuple[str, str]:
        g, s = self.g_native, self.s_native
        if form == "full":
            if self.cjk:
                sep = " " if self.origin == "ja" and rng.random() < 0.5 else ""
                return s + sep + g, "full"
            if self.surname_first:
                return f"{s} {g}", "full"
            return f"{g} {s}", "full"
        if form == "given":
            return g, "given"
        if form == "sur":
            return s, "surname"
        if form == "inv":
            return (f"{s}{g}" if self.cjk else f"{s}, {g}"), "inverted"
        if form == "upper":
            return (f"{s.upper()} {g}" if not self.cjk else s + g), "upper"
        if form == "init":
            return f"{self.g_latin[0]}. {s}" if not self.cjk else s + g, "initial"
        if form == "latin":
            return f"{self.g_latin} {self.s_latin}", "latin"
        raise KeyError(form)

    def email(self, rng: random.Random, lang: str) -> tuple[str, str]:
        g, s = self.g_latin.lower(), self.s_latin.lower().replace(" ", "").replace("-", "")
        g = g.replace(" ", "")
        keep = rng.random() < 0.7 and ascii_fold(g + s) != g + s
        if self.origin == "ru" and rng.random() < 0.3:
            g, s, keep = self.g_native.lower(), self.s_native.lower(), True
        if not keep:
            g, s = ascii_fold(g), ascii_fold(s)
        local = rng.choice(
            [
                f"{g}.{s}",
                f"{g[0]}.{s}",
                f"{g}{s}",
                f"{s}.{g}",
                f"{g}_{s}{rng.randint(1, 99)}",
                f"{g}.{s}{rng.randint(70, 99)}",
                f"{g[0]}{s}",
            ]
        )
        return (
            f"{local}@{rng.choice(MAIL_DOMAINS[lang])}",
            "ascii" if local.isascii() else "unicode",
        )


def address(rng: random.Random, cc: str) -> str:
    streets, towns = STREETS[cc]
    i = rng.randrange(len(streets))
    st = streets[i]
    n = rng.randint(1, 180)
    if cc == "us":
        unit = rng.choice(["", "", f", Apt {rng.randint(1, 40)}{rng.choice('ABCD')}"])
        return f"{rng.randint(100, 9800)} {st}{unit}, {rng.choice(towns)}"
    if cc == "gb":
        return f"{n} {st}, {rng.choice(towns)}"
    if cc in ("fr",):
        return f"{n} {st}, {rng.choice(towns)}"
    if cc in ("es",):
        return f"{st}, {n}, {rng.randint(1, 8)}º {rng.choice('ABCD')}, {rng.choice(towns)}"
    if cc == "it":
        return f"{st} {n}, {rng.choice(towns)}"
    if cc in ("pt", "br"):
        return f"{st}, {n}, {rng.choice(towns)}"
    if cc == "pl":
        return f"{st} {n}/{rng.randint(1, 60)}, {rng.choice(towns)}"
    if cc == "ru":
        return f"{rng.choice(towns)}, {st}, д. {n}, кв. {rng.randint(1, 200)}"
    if cc == "ar":
        return f"{n} {st}، {rng.choice(towns)}"
    if cc == "tr":
        return f"{st} No: {n} D: {rng.randint(1, 20)}, {rng.choice(towns)}"
    if cc in ("ja", "zh", "ko"):
        return f"{towns[i]}{' ' if cc == 'ko' else ''}{st}"
    return f"{st} {n}, {rng.choice(towns)}"  # de, nl, sv


def dburl(rng: random.Random) -> str:
    user = rng.choice(["app", "svc_orders", "reporting", "etl", "admin", "ml_reader"])
    host = rng.choice(
        [
            "db-prod-3.internal",
            "10.20.4.17",
            "pg.eu-west.internal",
            "mongo-rs0.corp.lan",
            "redis-cache-02",
        ]
    )
    scheme, port = rng.choice(
        [
            ("postgres", 5432),
            ("postgresql", 5432),
            ("mysql", 3306),
            ("mongodb", 27017),
            ("redis", 6379),
            ("amqp", 5672),
        ]
    )
    pw = V.password(rng)
    db = rng.choice(["orders", "prod", "analytics", "0", "crm"])
    return f"{scheme}://{user}:{pw}@{host}:{port}/{db}"


class Filler:
    def __init__(self, rng: random.Random, lang: str) -> None:
        self.rng = rng
        self.lang = lang
        self.people: dict[str, Person] = {}

    def origin(self, forced: str | None) -> str:
        if forced:
            return forced
        o = self.rng.choice(LANG_ORIGINS[self.lang])
        if self.lang not in CJK | {"ru", "ar"} and self.rng.random() < 1 / 6:
            o = self.rng.choice(ANY_LATIN)
        return o

    def person(self, key: str) -> Person:
        m = PERSON_REF.match(key)
        assert m, key
        idx, sex, forced = m.groups()
        if idx not in self.people:
            female = sex == "f" if sex else self.rng.random() < 0.5
            self.people[idx] = Person(self.rng, self.origin(forced), female)
        return self.people[idx]

    def value(self, kind: str, arg: str | None) -> tuple[str, str, str]:
        """(text, TYPE, note) for a labelled placeholder."""
        rng = self.rng
        if kind.startswith("P") and PERSON_REF.match(kind):
            p = self.person(kind)
            if arg == "email":
                v, note = p.email(rng, self.lang)
                return v, "EMAIL", note
            v, form = p.form(rng, arg or "full")
            return v, "PERSON", f"{p.origin},{form}"
        if kind == "EMAIL":
            p = Person(rng, self.origin(None), rng.random() < 0.5)
            v, note = p.email(rng, self.lang)
            return v, "EMAIL", note
        if kind == "PHONE":
            region = arg or rng.choice(LANG_PHONE[self.lang])
            return V.phone(rng, region), "PHONE", region
        if kind == "IP":
            return V.ipv4(rng), "IP_ADDRESS", "v4"
        if kind == "IP6":
            return V.ipv6(rng), "IP_ADDRESS", "v6"
        if kind == "MAC":
            return V.mac(rng), "MAC_ADDRESS", ""
        if kind == "CARD":
            return V.card(rng), "CREDIT_CARD", ""
        if kind == "CARDRAW":
            return V.card(rng, grouped=False), "CREDIT_CARD", ""
        if kind == "IBAN":
            cc = arg or rng.choice(
                [
                    "DE",
                    "FR",
                    "ES",
                    "IT",
                    "NL",
                    "GB",
                    "BE",
                    "PL",
                    "PT",
                    "SE",
                    "TR",
                    "SA",
                    "AT",
                    "CH",
                    "IE",
                ]
            )
            return V.iban(rng, cc, grouped=rng.random() < 0.6), "IBAN", cc
        if kind == "NID":
            assert arg
            female = self.people["1"].female if "1" in self.people else rng.random() < 0.5
            return V.national_id(rng, arg, female), "NATIONAL_ID", arg
        if kind == "PASS":
            cc = arg or "US"
            return V.passport(rng, cc), "PASSPORT", cc
        if kind == "DOB":
            y, mo, dd = V.birth(rng)
            return date_text(rng, arg or self.lang, y, mo, dd), "DATE_OF_BIRTH", arg or self.lang
        if kind == "ADDR":
            cc = arg or LANG_CC[self.lang]
            return address(rng, cc), "STREET_ADDRESS", cc
        if kind == "KEY":
            k = arg or rng.choice(V.TOKEN_KINDS)
            return V.token(rng, k), "CREDENTIAL", f"token:{k}"
        if kind == "PW":
            return V.password(rng), "CREDENTIAL", "password"
        if kind == "WALLET":
            return V.wallet(rng), "CRYPTO_WALLET", ""
        if kind == "DBURL":
            return dburl(rng), "URL_WITH_CREDENTIALS", ""
        raise KeyError(kind)


def fill(
    frame: str, rng: random.Random, lang: str
) -> tuple[str, list[list], list[str], list[list]]:
    f = Filler(rng, lang)
    out: list[str] = []
    pos = 0
    spans: list[list] = []
    notes: list[str] = []
    decoys: list[list] = []
    last = 0
    for m in PH.finditer(frame):
        lit = frame[last : m.start()]
        out.append(lit)
        pos += len(lit)
        kind, arg = m.group(1), m.group(2)
        if kind == "D":
            assert arg
            text = decoy(rng, arg, lang)
            decoys.append([pos, pos + len(text), arg.split("/")[0]])
        elif kind == "L":
            assert arg
            k, _, text = arg.partition(":")
            decoys.append([pos, pos + len(text), k])
        else:
            text, typ, note = f.value(kind, arg)
            spans.append([pos, pos + len(text), typ])
            notes.append(note)
        out.append(text)
        pos += len(text)
        last = m.end()
    out.append(frame[last:])
    return "".join(out), spans, notes, decoys


# public names written into the frames themselves, recorded as look-alikes where they occur
NAMED = re.compile(
    r"(?<!\w)("
    + "|".join(
        re.escape(n)
        for k in ("product", "company", "place", "eponym")
        for n in sorted(POOLS[k], key=len, reverse=True)
    )
    + r")(?!\w)"
)
KIND_OF = {n: k for k in ("eponym", "place", "company", "product") for n in POOLS[k]}


def mark_named(text: str, spans: list[list], decoys: list[list]) -> None:
    """Add the pools' names that a frame wrote literally to ``decoys``."""
    taken = [(s, e) for s, e, _ in spans] + [(s, e) for s, e, _ in decoys]
    for m in NAMED.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        decoys.append([m.start(), m.end(), KIND_OF[m.group(1)]])
        taken.append((m.start(), m.end()))
    decoys.sort()


def verify(rec: dict) -> None:
    text = rec["text"]
    assert "⟦" not in text and "⟧" not in text, rec["source"]
    prev = -1
    for (s, e, t), note in sorted(zip(rec["spans"], rec["span_notes"], strict=True)):
        assert s >= prev, ("overlap", rec["source"])
        prev = e
        v = text[s:e]
        assert v == v.strip() and v, (rec["source"], v)
        if t == "PHONE":
            assert V.phone_ok(v, note), (v, note)
        elif t == "CREDIT_CARD":
            assert V.luhn.is_valid(re.sub(r"[ -]", "", v)), v
        elif t == "IBAN":
            assert V.std_iban.is_valid(v), v
        elif t == "NATIONAL_ID":
            mod = V.NATIONAL[note][1]
            assert V.nino_ok(v) if mod is None else mod.is_valid(v), (note, v)
        elif t == "IP_ADDRESS":
            assert V.ip_ok(v), v
        elif t == "MAC_ADDRESS":
            assert V.mac_ok(v), v
        elif t == "CRYPTO_WALLET":
            assert V.wallet_ok(v), v


def build() -> list[dict]:
    records = []
    for fi, (style, lang, frame) in enumerate(FRAMES):
        negative_frame = not any(m.group(1) not in ("D", "L") for m in PH.finditer(frame))
        for k in range(FILLS):
            rng = random.Random(f"{SEED}:{fi}:{k}")
            text, spans, notes, decoys = fill(frame, rng, lang)
            mark_named(text, spans, decoys)
            rec = {
                "id": "",
                "text": text,
                "spans": spans,
                "span_notes": notes,
                "decoys": decoys,
                "style": style,
                "language": lang,
                "source": f"frame/{style}/{lang}/{'neg' if negative_frame else 'pos'}/{fi}",
                "negative": not spans,
            }
            verify(rec)
            records.append(rec)
    random.Random(SEED).shuffle(records)
    for i, r in enumerate(records):
        r["id"] = f"ind4-{i:05d}"
    return records


def main() -> None:
    records = build()
    with OUT.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    neg = sum(r["negative"] for r in records)
    print(f"wrote {len(records)} records ({neg / len(records):.0%} negative) to {OUT.name}")


if __name__ == "__main__":
    main()
