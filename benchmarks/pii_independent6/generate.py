"""Write the sixth independent PII corpus (``corpus.jsonl``) from the hand-written frames.

    python -m benchmarks.pii_independent6.generate

Each frame is filled ``FILLS`` times with different people, values and look-alikes; every record
is checked by ``verify`` before anything is written, and the output is byte-identical on every
run (fixed seed).
"""

from __future__ import annotations

import ipaddress
import itertools
import json
import os
import random
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import phonenumbers
from benchmarks.pii_independent6 import decoys as D
from benchmarks.pii_independent6 import values as V
from benchmarks.pii_independent6.frames import FRAMES
from stdnum import bitcoin, iban, luhn
from stdnum import mac as std_mac

SEED = 20261208
HERE = Path(__file__).resolve().parent
OUT = HERE / "corpus.jsonl"
FILLS = 9  # each frame is filled this many times: about 3,000 records

LANG_NAME = {"br": "pt-BR"}
OTHER_LATIN = ["de", "fr", "es", "br", "it", "nl", "pl", "tr", "sv", "da", "no", "us"]
EN_ORIGINS = [
    "us",
    "us",
    "us",
    "de",
    "fr",
    "es",
    "br",
    "it",
    "nl",
    "pl",
    "tr",
    "ar",
    "zh",
    "ja",
    "ko",
    "ru",
    "sv",
    "da",
    "no",
]
SCRIPT_LANGS = {"ar", "zh", "ja", "ko", "ru"}

SLOT = re.compile(r"\{(~?)([A-Za-z0-9_]+)(?:\.([gsui]))?\}")
PERSON_SLOT = re.compile(r"^P(\d)([fm]?)$")


def _origin(rng: random.Random, lang: str) -> tuple[str, bool]:
    if lang == "en":
        return rng.choice(EN_ORIGINS), False
    if lang in SCRIPT_LANGS:
        return lang, True
    if rng.random() < 1 / 6:
        return rng.choice([o for o in OTHER_LATIN if o != lang]), False
    return lang, False


def fill(
    rng: random.Random, lang: str, text: str
) -> tuple[str, list[list[Any]], list[str], list[list[Any]]]:
    people: dict[str, V.Person] = {}
    sexes: dict[str, str] = {}
    for m in SLOT.finditer(text):
        pm = PERSON_SLOT.match(m.group(2)) if not m.group(1) else None
        if pm and pm.group(2):
            sexes.setdefault(pm.group(1), pm.group(2))
    for m in SLOT.finditer(text):
        key = m.group(2)
        pm = PERSON_SLOT.match(key) if not m.group(1) else None
        idx = (
            pm.group(1) if pm else (key[1:] if key.startswith("E") and key[1:].isdigit() else None)
        )
        if idx and idx not in people:
            origin, script = _origin(rng, lang)
            people[idx] = V.person(rng, origin, sexes.get(idx) or rng.choice("fm"), script)
    out: list[str] = []
    spans: list[list[Any]] = []
    notes: list[str] = []
    decoys: list[list[Any]] = []
    pos = 0
    length = 0
    current: list[V.Person] = []  # the person named last: ids and database users belong to them
    for m in SLOT.finditer(text):
        lit = text[pos : m.start()]
        out.append(lit)
        length += len(lit)
        pos = m.end()
        decoy, key, form = m.group(1), m.group(2), m.group(3)
        if decoy:
            val = V.event_date(rng, lang) if key == "event_date" else D.value(rng, key, lang)
            decoys.append([length, length + len(val), key])
        else:
            val, typ, note = value(rng, lang, key, form, people, current)
            spans.append([length, length + len(val), typ])
            notes.append(note)
        out.append(val)
        length += len(val)
    out.append(text[pos:])
    return "".join(out), spans, notes, decoys


def value(
    rng: random.Random,
    lang: str,
    key: str,
    form: str | None,
    people: dict[str, V.Person],
    current: list[V.Person],
) -> tuple[str, str, str]:
    pm = PERSON_SLOT.match(key)
    first = current[-1] if current else people.get("1")
    if pm:
        p = people[pm.group(1)]
        current.append(p)
        f = {None: "full", "g": "given", "s": "surname", "u": "upper", "i": "inverted"}[form]
        v = {
            "full": p.full,
            "given": p.given,
            "surname": p.surname,
            "upper": p.upper,
            "inverted": p.inverted,
        }[f]
        if p.script and f in ("upper", "inverted"):
            f = "full"
        return v, "PERSON", f"{p.origin},{f}"
    if key.startswith("E") and key[1:].isdigit():
        return V.email(rng, people[key[1:]], lang), "EMAIL", ""
    if key == "EMAIL":
        o, _ = _origin(rng, lang)
        return V.email(rng, V.person(rng, o, rng.choice("fm"), False), lang), "EMAIL", ""
    if key == "PHONE":
        region = V.LANG_REGION[lang]
        return V.phone(rng, region), "PHONE", region
    if key == "PHONE_ALT":
        region = V.ALT_REGION[lang]
        return V.phone(rng, region), "PHONE", region
    if key == "IBAN":
        cc = V.LANG_IBAN[lang]
        return V.iban(rng, cc), "IBAN", cc
    if key == "NID":
        kind = V.LANG_NID[lang]
        return V.national_id(rng, kind, first), "NATIONAL_ID", kind
    if key == "SSN":
        return V.national_id(rng, "US_SSN", first), "NATIONAL_ID", "US_SSN"
    if key == "DOB":
        return V.dob(rng, lang), "DATE_OF_BIRTH", ""
    if key == "ADDR":
        a, cc = V.address(rng, lang)
        return a, "STREET_ADDRESS", cc
    if key == "CARD":
        c, net = V.card(rng)
        return c, "CREDIT_CARD", net
    if key == "IP":
        a, kind = V.ip(rng)
        return a, "IP_ADDRESS", kind
    if key == "MAC":
        a, kind = V.mac(rng)
        return a, "MAC_ADDRESS", kind
    if key == "TOKEN":
        t, kind = V.token(rng)
        return t, "CREDENTIAL", kind
    if key == "PASSWORD":
        return V.password(rng), "CREDENTIAL", "password"
    if key == "PASSPORT":
        cc = V.LANG_PASSPORT[lang]
        return V.passport(rng, cc), "PASSPORT", cc
    if key == "WALLET":
        w, kind = V.wallet(rng)
        return w, "CRYPTO_WALLET", kind
    if key == "DBURL":
        o, _ = _origin(rng, lang)
        return V.db_url(rng, first or V.person(rng, o, "f", False)), "URL_WITH_CREDENTIALS", ""
    raise KeyError(key)


def _colon_mac(v: str) -> str:
    h = v.replace(".", "").replace(":", "").replace("-", "")
    return ":".join(h[k : k + 2] for k in range(0, 12, 2))


def verify(rec: dict[str, Any]) -> None:
    text = rec["text"]
    rid = rec["id"]
    masked = list(text)
    for s, e, _ in rec["decoys"]:
        masked[s:e] = " " * (e - s)
    if SLOT.search("".join(masked)):
        raise ValueError(f"{rid}: unfilled placeholder")
    spans = sorted(rec["spans"])
    for a, b in itertools.pairwise(spans):
        if b[0] < a[1]:
            raise ValueError(f"{rid}: overlapping spans")
    for s, e, k in rec["decoys"]:
        for s2, e2, _ in spans:
            if s < e2 and s2 < e:
                raise ValueError(f"{rid}: look-alike {k} overlaps a span")
    for (s, e, t), note in zip(rec["spans"], rec["span_notes"], strict=True):
        v = text[s:e]
        if not v or v != v.strip():
            raise ValueError(f"{rid}: span {v!r} has outer spaces")
        if t == "PHONE":
            num = phonenumbers.parse(v, note)
            if not phonenumbers.is_valid_number_for_region(num, note):
                raise ValueError(f"{rid}: phone {v}")
        elif t == "IBAN" and not iban.is_valid(v):
            raise ValueError(f"{rid}: iban {v}")
        elif t == "NATIONAL_ID" and not V.NID_CHECK[note].is_valid(v):
            raise ValueError(f"{rid}: id {v}")
        elif t == "CREDIT_CARD":
            digits = v.replace(" ", "").replace("-", "")
            if not luhn.is_valid(digits) or digits in V.TEST_CARDS:
                raise ValueError(f"{rid}: card {v}")
        elif t == "IP_ADDRESS":
            ip = ipaddress.ip_address(v)
            if ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved:
                raise ValueError(f"{rid}: ip {v}")
            if not (ip.is_private or ip.is_global) or any(
                ip in ipaddress.ip_network(n)
                for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")
            ):
                raise ValueError(f"{rid}: ip {v}")
        elif t == "MAC_ADDRESS" and not std_mac.is_valid(_colon_mac(v)):
            raise ValueError(f"{rid}: mac {v}")
        elif t == "CRYPTO_WALLET" and note.startswith("btc") and not bitcoin.is_valid(v):
            raise ValueError(f"{rid}: wallet {v}")
        elif t == "EMAIL" and ("@" not in v or v.split("@")[0] in D.ROLE_MAILS):
            raise ValueError(f"{rid}: email {v}")
    for s, e, k in rec["decoys"]:
        v = text[s:e]
        if k == "test_card" and not luhn.is_valid(v.replace(" ", "")):
            raise ValueError(f"{rid}: test card {v}")
        if k == "isbn":
            from stdnum import isbn as std_isbn

            if not std_isbn.is_valid(v):
                raise ValueError(f"{rid}: isbn {v}")


def build() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    records: list[dict[str, Any]] = []
    counters: dict[tuple[str, str, str], int] = {}
    for style, lang, text in FRAMES:
        negative = not any(not m.group(1) for m in SLOT.finditer(text))
        tag = "neg" if negative else "pos"
        k = (style, lang, tag)
        index = counters.get(k, 0)
        counters[k] = index + 1
        for _ in range(FILLS):
            body, spans, notes, decoys = fill(rng, lang, text)
            rec = {
                "id": f"ind6-{len(records):05d}",
                "text": body,
                "spans": spans,
                "span_notes": notes,
                "decoys": decoys,
                "style": style,
                "language": LANG_NAME.get(lang, lang),
                "source": f"frame/{style}/{LANG_NAME.get(lang, lang)}/{tag}/{index}",
                "negative": negative,
            }
            verify(rec)
            records.append(rec)
    return records


def write(records: list[dict[str, Any]], path: Path = OUT) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".corpus-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).chmod(0o644)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main() -> int:
    records = build()
    write(records)
    print(f"wrote {len(records)} records to {OUT.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
