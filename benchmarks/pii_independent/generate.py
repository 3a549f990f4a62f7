"""Write the independent PII corpus: ``python -m benchmarks.pii_independent.generate``.

Records are hand-written frames (``templates.py``) filled with raw material
(``names.py``) and values with real check digits (``values.py``), with a fixed seed, so
the same file comes out every time. Every labelled value is checked against its
specification before it is written (python-stdnum, phonenumbers); a frame that cannot be
filled cleanly is an error, not a silent skip. See README.md for the labelling policy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers
from benchmarks.pii_independent import names as N
from benchmarks.pii_independent import values as V
from benchmarks.pii_independent.templates import PASSAGES, PASSAGES_MORE, TEMPLATES
from stdnum import bitcoin, iban, luhn
from stdnum.br import cpf
from stdnum.de import idnr
from stdnum.es import dni, nie
from stdnum.fr import nir
from stdnum.it import codicefiscale
from stdnum.nl import bsn
from stdnum.pl import pesel
from stdnum.se import personnummer
from stdnum.tr import tckimlik
from stdnum.us import ssn

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus.jsonl"
SEED = 20261207
RECORDS = 3400
NEGATIVE_SHARE = 0.44
PASSAGE_SHARE = 0.12

LANG_WEIGHTS = {
    "en": 40,
    "de": 15,
    "fr": 10,
    "es": 9,
    "it": 7,
    "nl": 7,
    "pt": 6,
    "pl": 2,
    "tr": 2,
    "sv": 2,
}
GEO = {
    "en": ["us", "us", "gb"],
    "de": ["de"],
    "fr": ["fr"],
    "es": ["es"],
    "it": ["it"],
    "nl": ["nl"],
    "pt": ["pt"],
    "pl": ["pl"],
    "tr": ["tr"],
    "sv": ["nordic"],
}

# placeholder -> (type, note)
LABELLED = {
    "NAME": "PERSON",
    "NAME2": "PERSON",
    "GIVEN": "PERSON",
    "SUR": "PERSON",
    "GIVEN2": "PERSON",
    "SUR2": "PERSON",
    "NAME_INV": "PERSON",
    "NAME_UP": "PERSON",
    "EMAIL": "EMAIL",
    "EMAIL2": "EMAIL",
    "PHONE": "PHONE",
    "PHONE2": "PHONE",
    "IP": "IP_ADDRESS",
    "MAC": "MAC_ADDRESS",
    "CARD": "CREDIT_CARD",
    "IBAN": "IBAN",
    "NID": "NATIONAL_ID",
    "SSN": "NATIONAL_ID",
    "NINO": "NATIONAL_ID",
    "PASSPORT": "PASSPORT",
    "DOB": "DATE_OF_BIRTH",
    "ADDR": "STREET_ADDRESS",
    "KEY": "CREDENTIAL",
    "PASS": "CREDENTIAL",
    "WALLET": "CRYPTO_WALLET",
    "CREDURL": "URL_WITH_CREDENTIALS",
}
TYPES = sorted(set(LABELLED.values()))
_TOKEN = re.compile(r"\{\{|\}\}|\{(~=[^}]+|%[FM][12]|~?[A-Z0-9_]+)\}")

# what a frame says about the gender of its first and second person
_FEMALE_CUE = re.compile(
    r"(?:Frau|Mme|Madame|Ms\.?|Mrs\.?|Sra\.|sig\.ra|dott\.ssa|mevrouw|pani|Dra\.|Estimada|Liebe)"
    r" \{(?:SUR|NAME|GIVEN)(2?)\}"
)
_MALE_CUE = re.compile(
    r"(?:Herr|Herrn|M\.|Mr\.?|Sr\.|sig\.|meneer|heer|D\.|Estimado|Lieber|pan)"
    r" \{(?:SUR|NAME|GIVEN)(2?)\}"
)
_FEMALE_WORDS = re.compile(r"nacida el|née le|nata il|nascida em|urodzona")
_MALE_WORDS = re.compile(r"nacido el|né le|nato il|nascido em|urodzony|soussigné")


@dataclass
class Person:
    given: str
    surname: str
    female: bool
    born: dt.date
    origin: str


@dataclass
class Record:
    text: str = ""
    spans: list[list[object]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    decoys: list[list[object]] = field(default_factory=list)


def genders(frame: str) -> dict[int, bool]:
    """Which persons a frame needs to be women (True) or men (False)."""
    out: dict[int, bool] = {}
    for m in re.finditer(r"\{%([FM])([12])\}", frame):
        out[int(m.group(2))] = m.group(1) == "F"
    for cue, female in ((_FEMALE_CUE, True), (_MALE_CUE, False)):
        for m in cue.finditer(frame):
            out.setdefault(2 if m.group(1) else 1, female)
    if _FEMALE_WORDS.search(frame):
        out.setdefault(1, True)
    elif _MALE_WORDS.search(frame):
        out.setdefault(1, False)
    return out


def _polish_form(surname: str, female: bool) -> str:
    pairs = (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka"))
    for male_end, female_end in pairs:
        if female and surname.endswith(male_end):
            return surname[: -len(male_end)] + female_end
        if not female and surname.endswith(female_end):
            return surname[: -len(female_end)] + male_end
    return surname


def make_person(rng: random.Random, origin: str, female: bool | None = None) -> Person:
    givens, surnames = N.NAMES[origin]
    while True:
        given = rng.choice(givens)
        is_female = given in N.FEMALE
        if female is None or (given not in N.EITHER and is_female == female):
            break
    surname = rng.choice(surnames)
    if origin == "pl":
        surname = _polish_form(surname, is_female)
    if origin in {"es", "pt"} and rng.random() < 0.5:
        surname = f"{surname} {rng.choice(surnames)}"
    elif origin in {"de", "gb"} and rng.random() < 0.06:
        surname = f"{surname}-{rng.choice(surnames)}"
    return Person(
        given,
        surname,
        is_female,
        V.birth_date(rng),
        origin,
    )


def _fold(s: str, origin: str) -> str:
    if origin == "de":
        s = s.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    s = s.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("ð", "d")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if c.isascii())


def email_for(rng: random.Random, p: Person, lang: str) -> str:
    g = p.given.lower().replace(" ", "").replace("-", "")
    s = p.surname.lower().replace(" ", "").replace("'", "").replace("-", "")
    if rng.random() > 0.15:  # most mailboxes are ASCII; some keep their letters (RFC 6531)
        g, s = _fold(g, p.origin), _fold(s, p.origin)
    local = rng.choice(
        [
            f"{g}.{s}",
            f"{g[0]}.{s}",
            f"{g}{s}{p.born.year % 100:02d}",
            f"{s}.{g}",
            f"{g}_{s}",
            f"{g}{rng.randint(1, 999)}",
            f"{g[0]}{s}",
        ]
    )
    return f"{local}@{rng.choice(N.MAIL_DOMAINS[lang])}"


def address(rng: random.Random, geo: str) -> str:
    street = rng.choice(N.STREETS[geo])
    town, code = rng.choice(N.TOWNS[geo])
    num = str(rng.randint(1, 240))
    short = rng.random() < 0.15
    if geo == "us":
        unit = rng.choice(
            [
                "",
                "",
                "",
                f", Apt {rng.randint(1, 30)}{rng.choice('ABCD')}",
                f" #{rng.randint(100, 999)}",
            ]
        )
        head = f"{rng.randint(10, 9999)} {street}{unit}"
        return head if short else f"{head}, {town} {code}"
    if geo == "gb":
        head = f"{rng.choice(['', 'Flat 3, ', ''])}{num} {street}"
        return head if short else f"{head}, {town} {code}"
    if geo == "fr":
        head = f"{num}{rng.choice(['', '', ' bis'])} {street}"
        return head if short else f"{head}, {code} {town}"
    if geo == "es":
        head = f"{street} {num}" + rng.choice(
            ["", f", {rng.randint(1, 9)}º {rng.choice('ABCD')}", ", bajo"]
        )
        return head if short else f"{head}, {code} {town}"
    if geo == "pt":
        head = f"{street}, {num}" + rng.choice(
            ["", f" - {rng.randint(1, 6)}º Esq.", f", apto {rng.randint(11, 99)}"]
        )
        return head if short else f"{head}, {code} {town}"
    if geo == "pl":
        head = f"{street} {num}" + rng.choice(["", f"/{rng.randint(1, 60)}"])
        return head if short else f"{head}, {code} {town}"
    if geo == "tr":
        head = f"{street} No: {num} D: {rng.randint(1, 20)}"
        return head if short else f"{head}, {code} {town}"
    head = f"{street} {num}{rng.choice(['', '', 'a', 'b'])}"
    return head if short else f"{head}, {code} {town}"


def cpf_number(rng: random.Random) -> str:
    while True:
        d = [rng.randint(0, 9) for _ in range(9)]
        if len(set(d)) > 1:
            break
    for n in (10, 11):
        total = sum(v * (n - i) for i, v in enumerate(d))
        d.append((total * 10) % 11 % 10)
    s = "".join(map(str, d))
    return f"{s[:3]}.{s[3:6]}.{s[6:9]}-{s[9:]}"


def national_id(rng: random.Random, lang: str, p: Person) -> tuple[str, str]:
    if lang == "en":
        return (V.us_ssn(rng), "US_SSN") if rng.random() < 0.6 else (V.uk_nino(rng), "UK_NINO")
    if lang == "de":
        return V.de_tax_id(rng), "DE_TAX_ID"
    if lang == "fr":
        return V.fr_nir(rng, p.born), "FR_INSEE"
    if lang == "es":
        return (V.es_dni(rng), "ES_DNI") if rng.random() < 0.6 else (V.es_nie(rng), "ES_NIE")
    if lang == "it":
        given, sur = p.given, p.surname
        return V.it_codice_fiscale(rng, given, sur, p.born, p.female), "IT_CF"
    if lang == "nl":
        return V.nl_bsn(rng), "NL_BSN"
    if lang == "pt":
        return cpf_number(rng), "BR_CPF"
    if lang == "pl":
        return V.pl_pesel(rng, p.born), "PL_PESEL"
    if lang == "tr":
        return V.tr_tckn(rng), "TR_TCKN"
    return V.se_personnummer(rng, p.born), "SE_PNR"


def license_line(rng: random.Random) -> tuple[str, int, int, str]:
    """A copyright line's text after "Copyright (c) ", and the decoy part in it."""
    year = rng.randint(2014, 2026)
    if rng.random() < 0.55:
        org = rng.choice(N.LICENSE_ORGS)
        text = f"{year} {org}"
        return text, len(text) - len(org), len(text), "license_org"
    p = make_person(rng, rng.choice(["us", "gb", "de", "fr", "translit"]))
    who = f"{p.given} {p.surname}"
    text = f"{year} {who}"
    return text, len(text) - len(who), len(text), "attribution_person"


DECOYS: dict[str, tuple[str, Callable[[random.Random, str], str]]] = {
    "PRODUCT": ("product", lambda r, c: r.choice(N.PRODUCTS)),
    "COMPANY": ("company", lambda r, c: r.choice(N.COMPANIES)),
    "PLACE": ("place", lambda r, c: r.choice(N.PLACES)),
    "LIB": ("library", lambda r, c: r.choice(N.LIBRARIES)),
    "EPONYM": ("eponym", lambda r, c: r.choice(N.EPONYMS)),
    "VERSION": ("version", lambda r, c: V.version(r)),
    "BUILD": ("build_number", lambda r, c: V.build_number(r)),
    "ORDER": ("order_number", lambda r, c: V.order_number(r)),
    "TRACKING": ("tracking_number", lambda r, c: V.tracking_number(r)),
    "INVOICE": ("invoice_id", lambda r, c: V.invoice_id(r)),
    "UUID": ("uuid", lambda r, c: V.a_uuid(r)),
    "SHA": ("git_sha", lambda r, c: V.git_sha(r)),
    "DIGEST": ("hash", lambda r, c: V.digest(r)),
    "TS": ("timestamp", lambda r, c: V.timestamp(r)),
    "DATE": ("event_date", lambda r, c: V.fmt_date(r, V.event_date(r), c)),
    "LOOPIP": ("loopback_or_reserved_ip", lambda r, c: V.loopback_ip(r)),
    "DOCIP": ("documentation_ip", lambda r, c: V.doc_ip(r)),
    "FLOAT": ("float", lambda r, c: V.phone_like_float(r)),
    "ROLEMAIL": ("role_or_reserved_email", lambda r, c: r.choice(N.ROLE_MAILBOXES)),
    "URL": ("plain_url", lambda r, c: r.choice(N.PLAIN_URLS)),
    "EXKEY": ("placeholder_secret", lambda r, c: r.choice(N.EXAMPLE_SECRETS)),
    "TICKET": ("ticket_number", lambda r, c: V.ticket_number(r)),
    "ISBN": ("isbn", lambda r, c: V.isbn13(r)),
}


class Filler:
    def __init__(self, rng: random.Random, lang: str, sexes: dict[int, bool] | None = None) -> None:
        self.rng = rng
        self.lang = lang
        origins = N.ORIGINS[lang]
        sexes = sexes or {}
        self.p1 = make_person(rng, rng.choice(origins), sexes.get(1))
        self.p2 = make_person(rng, rng.choice(origins), sexes.get(2))
        while self.p2.surname == self.p1.surname or self.p2.given == self.p1.given:
            self.p2 = make_person(rng, rng.choice(origins), sexes.get(2))
        self.geo = rng.choice(GEO[lang])
        self.cache: dict[str, tuple[str, str]] = {}

    def value(self, key: str) -> tuple[str, str]:
        """The value of a labelled placeholder and its note; stable within one record."""
        if key in self.cache:
            return self.cache[key]
        r, p1, p2, lang = self.rng, self.p1, self.p2, self.lang
        note = ""
        if key == "NAME":
            v, note = f"{p1.given} {p1.surname}", p1.origin
        elif key == "NAME2":
            v, note = f"{p2.given} {p2.surname}", p2.origin
        elif key == "GIVEN":
            v, note = p1.given, p1.origin + ",given"
        elif key == "GIVEN2":
            v, note = p2.given, p2.origin + ",given"
        elif key == "SUR":
            v, note = p1.surname, p1.origin + ",surname"
        elif key == "SUR2":
            v, note = p2.surname, p2.origin + ",surname"
        elif key == "NAME_INV":
            v, note = f"{p1.surname}, {p1.given}", p1.origin + ",inverted"
        elif key == "NAME_UP":
            v = (
                f"{p1.surname.upper()}, {p1.given}"
                if r.random() < 0.5
                else f"{p1.given} {p1.surname.upper()}"
            )
            note = p1.origin + ",caps"
        elif key == "EMAIL":
            v = email_for(r, p1, lang)
        elif key == "EMAIL2":
            v = email_for(r, p2, lang)
        elif key in {"PHONE", "PHONE2"}:
            v = V.phone(r, lang, N.PHONE_REGIONS[lang])
        elif key == "IP":
            v = V.ip_address(r)
        elif key == "MAC":
            v = V.mac_address(r)
        elif key == "CARD":
            v = V.credit_card(r)
        elif key == "IBAN":
            v = V.iban(r, lang)
        elif key == "NID":
            v, note = national_id(r, lang, p1)
        elif key == "SSN":
            v, note = V.us_ssn(r), "US_SSN"
        elif key == "NINO":
            v, note = V.uk_nino(r), "UK_NINO"
        elif key == "PASSPORT":
            v = V.passport(r, lang)
        elif key == "DOB":
            v = V.fmt_date(r, p1.born, lang if lang in V.MONTHS else "en")
        elif key == "ADDR":
            v, note = address(r, self.geo), self.geo
        elif key == "KEY":
            v, note = V.api_key(r), "token"
        elif key == "PASS":
            v, note = V.password(r), "password"
        elif key == "WALLET":
            v = V.crypto_wallet(r)
        elif key == "CREDURL":
            user = r.choice(
                [
                    _fold(p1.given.lower().split()[0], p1.origin),
                    "admin",
                    "svc_etl",
                    "deploy",
                    "root",
                ]
            )
            v = V.cred_url(r, user, lang)
        else:
            raise KeyError(key)
        self.cache[key] = (v, note)
        return v, note

    def fill(self, template: str, rec: Record) -> None:
        pos = 0
        out: list[str] = [rec.text]
        length = len(rec.text)
        for m in _TOKEN.finditer(template):
            lit = template[pos : m.start()]
            out.append(lit)
            length += len(lit)
            pos = m.end()
            tok = m.group(0)
            if tok in {"{{", "}}"}:
                out.append(tok[0])
                length += 1
                continue
            key = m.group(1)
            if key.startswith("%"):
                continue
            if key.startswith("~="):
                v = key[2:]
                rec.decoys.append([length, length + len(v), "name_word"])
            elif key == "~LICENSE":
                v, a, b, kind = license_line(self.rng)
                rec.decoys.append([length + a, length + b, kind])
            elif key.startswith("~"):
                kind, make = DECOYS[key[1:]]
                v = make(self.rng, self.lang if self.lang in V.MONTHS else "en")
                rec.decoys.append([length, length + len(v), kind])
            else:
                v, note = self.value(key)
                rec.spans.append([length, length + len(v), LABELLED[key]])
                rec.notes.append(note)
            out.append(v)
            length += len(v)
        tail = template[pos:]
        out.append(tail)
        rec.text = "".join(out)


def _labelled(template: str) -> bool:
    return any(m.group(1) and m.group(1)[0] not in "~%" for m in _TOKEN.finditer(template))


def build(seed: int = SEED, count: int = RECORDS) -> list[dict[str, object]]:
    rng = random.Random(seed)
    langs = list(LANG_WEIGHTS)
    weights = [LANG_WEIGHTS[k] for k in langs]
    pos_pool: dict[str, list[tuple[str, int, str]]] = {}
    neg_pool: dict[str, list[tuple[str, int, str]]] = {}
    for (style, lang), items in TEMPLATES.items():
        base = style.removesuffix("_neg")
        for i, t in enumerate(items):
            target = pos_pool if _labelled(t) else neg_pool
            target.setdefault(lang, []).append((base, i, t))
            if style.endswith("_neg") and _labelled(t):
                raise ValueError(f"negative frame {style}/{lang}/{i} has a labelled placeholder")
    out: list[dict[str, object]] = []
    passages: dict[str, list[tuple[str, list[str]]]] = {}
    for lang, sentences in PASSAGES.items():
        passages.setdefault(lang, []).append(("meeting_minutes", sentences))
    for (pstyle, lang), sentences in PASSAGES_MORE.items():
        passages.setdefault(lang, []).append((pstyle, sentences))
    for idx in range(count):
        lang = rng.choices(langs, weights)[0]
        rec = Record()
        want_negative = rng.random() < NEGATIVE_SHARE
        if lang in passages and rng.random() < PASSAGE_SHARE:
            style, pool = rng.choice(passages[lang])
            if want_negative and sum(1 for s in pool if not _labelled(s)) >= 4:
                pool = [s for s in pool if not _labelled(s)]
                chosen = sorted(rng.sample(range(len(pool)), min(len(pool), rng.randint(4, 7))))
            else:
                k = min(len(pool), rng.randint(6, 12))
                chosen = sorted({0, 1, *rng.sample(range(2, len(pool)), k - 2)})
            parts = [("" if j == 0 else " ") + pool[i] for j, i in enumerate(chosen)]
            f = Filler(rng, lang, genders("".join(parts)))
            for part in parts:
                f.fill(part, rec)
            source = f"passage/{style}/{lang}/" + ",".join(map(str, chosen))
        else:
            pool2 = neg_pool if want_negative and neg_pool.get(lang) else pos_pool
            if lang not in pool2:
                pool2 = pos_pool
            style, i, t = rng.choice(pool2[lang])
            f = Filler(rng, lang, genders(t))
            f.fill(t, rec)
            source = f"frame/{style}/{lang}/{'neg' if pool2 is neg_pool else 'pos'}/{i}"
        out.append(
            {
                "id": f"ind-{idx:05d}",
                "text": rec.text,
                "spans": rec.spans,
                "span_notes": rec.notes,
                "decoys": rec.decoys,
                "style": style,
                "language": lang,
                "source": source,
                "negative": not rec.spans,
            }
        )
    return out


# ---------------------------------------------------------------- checks
_NID_CHECK: dict[str, Callable[[str], object]] = {
    "US_SSN": ssn.is_valid,
    "DE_TAX_ID": idnr.is_valid,
    "FR_INSEE": nir.is_valid,
    "ES_DNI": dni.is_valid,
    "ES_NIE": nie.is_valid,
    "IT_CF": codicefiscale.is_valid,
    "NL_BSN": bsn.is_valid,
    "PL_PESEL": pesel.is_valid,
    "TR_TCKN": tckimlik.is_valid,
    "SE_PNR": personnummer.is_valid,
    "BR_CPF": cpf.is_valid,
    "UK_NINO": lambda v: (
        re.fullmatch(r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d\d ?\d\d ?\d\d ?[A-D]", v) is not None
    ),
}


def check(records: list[dict[str, object]]) -> None:
    """Every span holds a value that its specification accepts; spans never overlap."""
    for r in records:
        text = str(r["text"])
        spans = r["spans"]
        assert isinstance(spans, list)
        notes = r["span_notes"]
        assert isinstance(notes, list)
        last = -1
        for (s, e, typ), note in sorted(zip(spans, notes, strict=True)):
            if s < last:
                raise ValueError(f"{r['id']}: overlapping spans")
            last = e
            v = text[s:e]
            if v != v.strip() or not v:
                raise ValueError(f"{r['id']}: span {v!r} has surrounding space")
            ok = True
            if typ == "CREDIT_CARD":
                ok = luhn.is_valid(re.sub(r"[ -]", "", v))
            elif typ == "IBAN":
                ok = iban.is_valid(v)
            elif typ == "NATIONAL_ID":
                ok = bool(_NID_CHECK[note](v if note == "UK_NINO" else v.replace(" ", "")))
            elif typ == "CRYPTO_WALLET" and not v.startswith("0x"):
                ok = bitcoin.is_valid(v)
            elif typ == "PHONE":
                ok = any(
                    phonenumbers.is_valid_number(phonenumbers.parse(v, reg))
                    for reg in (
                        "US",
                        "GB",
                        "DE",
                        "AT",
                        "CH",
                        "FR",
                        "BE",
                        "ES",
                        "MX",
                        "AR",
                        "IT",
                        "NL",
                        "PT",
                        "BR",
                        "PL",
                        "TR",
                        "SE",
                        "NO",
                        "DK",
                        "FI",
                        "IE",
                        "CA",
                        "AU",
                        "IN",
                    )
                    if _parses(v, reg)
                )
            if not ok:
                raise ValueError(f"{r['id']}: {typ} {note} value {v!r} fails its specification")


def _parses(v: str, region: str) -> bool:
    try:
        phonenumbers.parse(v, region)
    except phonenumbers.NumberParseException:
        return False
    return True


def write_atomic(path: Path, lines: list[str]) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.writelines(lines)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).chmod(0o644)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def summary(records: list[dict[str, object]]) -> str:
    types: Counter[str] = Counter()
    decoys: Counter[str] = Counter()
    styles: Counter[str] = Counter()
    langs: Counter[str] = Counter()
    for r in records:
        types.update(str(s[2]) for s in r["spans"])  # type: ignore[attr-defined]
        decoys.update(str(d[2]) for d in r["decoys"])  # type: ignore[attr-defined]
        styles[str(r["style"])] += 1
        langs[str(r["language"])] += 1
    neg = sum(1 for r in records if r["negative"])
    with_decoys = sum(1 for r in records if r["decoys"])
    share = neg / len(records)
    lines = [
        f"records {len(records)}, negative {neg} ({share:.0%}), with look-alikes {with_decoys}"
    ]
    lines.append("types: " + ", ".join(f"{k} {v}" for k, v in sorted(types.items())))
    lines.append("look-alikes: " + ", ".join(f"{k} {v}" for k, v in sorted(decoys.items())))
    lines.append("styles: " + ", ".join(f"{k} {v}" for k, v in sorted(styles.items())))
    lines.append("languages: " + ", ".join(f"{k} {v}" for k, v in sorted(langs.items())))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=CORPUS, help="where to write the JSONL corpus")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--count", type=int, default=RECORDS)
    ap.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if OUT differs from what the generator makes",
    )
    args = ap.parse_args(argv)
    records = build(args.seed, args.count)
    check(records)
    lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in records]
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == "".join(lines)
        print(
            f"{args.out.name}: {'up to date' if same else 'differs from the generator; rerun it'}"
        )
        return 0 if same else 1
    write_atomic(args.out, lines)
    print(summary(records))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
