"""Write the second independent PII corpus (fixed seed) to ``corpus.jsonl``.

    python -m benchmarks.pii_independent2.generate [--out PATH] [--seed N]

Frames (``frames.py``) are hand-written texts with slots in double braces: ``{{P}}`` a full
name, ``{{PG}}`` a given name, ``{{PS}}`` a surname, ``{{PI}}`` an inverted name
(``Surname, Given``), ``{{PU}}`` ``SURNAME, Given``; a digit picks the person (``{{PG2}}``)
and ``:f``/``:m`` the form a title or a pronoun requires. ``{{EMAIL}}`` is the person's
mailbox; ``{{PHONE}}``, ``{{IP}}``, ``{{IP6}}``, ``{{MAC}}``, ``{{CARD}}``, ``{{IBAN}}``,
``{{NID}}`` (``{{NID:UK_NINO}}`` for one kind), ``{{PASS}}``, ``{{DOB}}``, ``{{ADDR}}``,
``{{KEY}}``, ``{{PWD}}``, ``{{WALLET}}`` and ``{{DBURL}}`` are labelled values.
``{{~kind}}`` is a look-alike of that kind, ``{{~kind=text}}`` a look-alike written in the
frame. Every labelled value is checked
against its specification before the file is written.
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
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import ids
from .frames import FRAMES, NEGATIVE_SHARE
from .sources import ADDR_FOR, ADDRESSES, DECOYS, MAIL_DOMAINS, NAMES, ORIGINS_FOR, WORK_DOMAINS

HERE = Path(__file__).resolve().parent
SLOT = re.compile(r"\{\{([A-Z~][^{}]*?)\}\}")
PER_FRAME = 12

MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": (
        "enero febrero marzo abril mayo junio "
        "julio agosto septiembre octubre noviembre diciembre"
    ),
    "it": (
        "gennaio febbraio marzo aprile maggio giugno "
        "luglio agosto settembre ottobre novembre dicembre"
    ),
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "pt": (
        "janeiro fevereiro março abril maio junho "
        "julho agosto setembro outubro novembro dezembro"
    ),
}  # fmt: skip


def fmt_date(rng: random.Random, d: dt.date, lang: str) -> str:
    base = lang.split("-")[0]
    months = MONTHS.get(base, "").split()
    r = rng.random()
    if r < 0.2:
        return d.isoformat()
    if not months or r < 0.55:
        if base == "en":
            return (
                f"{d.month:02d}/{d.day:02d}/{d.year}"
                if rng.random() < 0.5
                else f"{d.day:02d}/{d.month:02d}/{d.year}"
            )
        sep = {
            "de": ".",
            "nl": "-",
            "pl": ".",
            "cs": ". ",
            "fi": ".",
            "da": "-",
            "ro": ".",
            "tr": ".",
        }.get(base, "/")
        return f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"
    m = months[d.month - 1]
    if base == "en":
        return f"{m} {d.day}, {d.year}" if rng.random() < 0.6 else f"{d.day} {m} {d.year}"
    if base == "de":
        return f"{d.day}. {m} {d.year}"
    if base in ("es", "pt"):
        return f"{d.day} de {m} de {d.year}"
    return f"{d.day} {m} {d.year}"


def ascii_fold(s: str) -> str:
    s = (
        s.replace("ß", "ss")
        .replace("ø", "o")
        .replace("æ", "ae")
        .replace("ł", "l")
        .replace("ı", "i")
    )
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


@dataclass
class Person:
    origin: str
    given: str
    surname: str
    female: bool
    email_: str = ""

    def email(self, rng: random.Random, lang: str) -> str:
        if not self.email_:
            g, s = self.given.lower(), self.surname.lower().replace(" ", "").replace("'", "")
            if rng.random() < 0.75:
                g, s = ascii_fold(g), ascii_fold(s)
            local = rng.choice(
                [
                    f"{g}.{s}",
                    f"{g[0]}.{s}",
                    f"{g}{s}{rng.randrange(60, 100)}",
                    f"{s}_{g}",
                    f"{g}.{s}{rng.randrange(1, 9)}",
                    f"{g[0]}{s}",
                ]
            )
            dom = rng.choice(
                MAIL_DOMAINS.get(lang.split("-")[0], MAIL_DOMAINS["en"]) + WORK_DOMAINS[:3]
            )
            self.email_ = f"{local}@{dom}"
        return self.email_


def make_person(rng: random.Random, lang: str, gender: str | None) -> Person:
    origin = rng.choice(ORIGINS_FOR.get(lang.split("-")[0], ["us"]))
    if rng.random() < 0.12:
        origin = rng.choice(sorted(NAMES))
    entry = NAMES[origin]
    female = gender == "f" if gender else rng.random() < 0.5
    given = rng.choice(entry[0] if female else entry[1])
    surnames = entry[3] if female and len(entry) > 3 else entry[2]
    i = rng.randrange(len(surnames))
    surname = surnames[i]
    if origin == "pl" and female:
        for a, b in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
            if surname.endswith(a):
                surname = surname[: -len(a)] + b
    if origin == "es" and rng.random() < 0.5:
        surname = f"{surname} {rng.choice(surnames)}"
    return Person(origin, given, surname, female)


def address(rng: random.Random, lang: str) -> tuple[str, str]:
    cc = rng.choice(ADDR_FOR.get(lang.split("-")[0], ["us"]))
    streets, towns, pats = ADDRESSES[cc]
    p, t = rng.choice(towns)
    text = rng.choice(pats).format(
        s=rng.choice(streets), n=rng.randrange(1, 240), p=p, t=t, u=rng.randrange(1, 30)
    )
    return text, cc


def db_url(rng: random.Random, p: Person) -> tuple[str, str]:
    user = ascii_fold(p.given.lower())
    # characters allowed unescaped in a URL's userinfo (RFC 3986)
    pwd = "".join(c for c in ids.password(rng)[0] if c.isalnum() or c in "-._~!*+=")
    host = rng.choice(
        ["db.internal", "10.20.3.14", "pg-prod-2.cluster.local", "mongo0.shard.net", "cache.lan"]
    )
    scheme, port = rng.choice(
        [
            ("postgresql", 5432),
            ("mysql", 3306),
            ("mongodb", 27017),
            ("redis", 6379),
            ("amqp", 5672),
            ("https", 443),
        ]
    )
    return (
        f"{scheme}://{user}:{pwd}@{host}:{port}/{rng.choice(['app', 'prod', 'vhost'])}",
        scheme,
    )


# ------------------------------------------------------------------ look-alikes
def _hex(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def decoy(rng: random.Random, kind: str, lang: str) -> str:
    r = rng.randrange
    d = ids.birth_date(rng)
    ev = dt.datetime(2019, 1, 1) + dt.timedelta(seconds=r(0, 8 * 365 * 86400))
    gen: dict[str, Callable[[], str]] = {
        "version": lambda: rng.choice(
            [
                f"{r(0, 12)}.{r(0, 30)}.{r(0, 20)}",
                f"v{r(1, 6)}.{r(0, 15)}.{r(0, 9)}-rc{r(1, 4)}",
                f"{r(1, 30)}.{r(0, 10)}.{r(0, 10)}.{r(0, 999)}",
            ]
        ),
        "ip_like_version": lambda: f"{r(1, 20)}.{r(0, 10)}.{r(0, 10)}.{r(100, 9999)}",
        "build_number": lambda: rng.choice(
            [
                f"#{r(1000, 99999)}",
                f"build {r(2019, 2027)}{r(1, 13):02d}{r(1, 29):02d}.{r(1, 20)}",
                f"b{r(10000, 999999)}",
            ]
        ),
        "order_number": lambda: rng.choice(
            [
                f"{r(100, 999)}-{r(1000000, 9999999)}-{r(1000000, 9999999)}",
                f"ORD-{r(10**7, 10**8)}",
                f"{r(10**9, 10**10)}",
                f"A{r(10**10, 10**11)}",
            ]
        ),
        "tracking_number": lambda: rng.choice(
            [
                f"1Z{ids._rand(rng, ids.UP + ids.DIG, 16)}",
                f"{r(10**11, 10**12)}",
                f"JJD{r(10**17, 10**18)}",
                f"RR{r(10**8, 10**9)}DE",
            ]
        ),
        "invoice_id": lambda: rng.choice(
            [
                f"INV-{r(2019, 2027)}-{r(1, 99999):05d}",
                f"RE{r(10**6, 10**7)}",
                f"FA/{r(1, 999)}/{r(2019, 2027)}",
            ]
        ),
        "uuid": lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "git_sha": lambda: _hex(rng, rng.choice([7, 8, 12, 40])),
        "hash": lambda: rng.choice(
            ["sha256:" + _hex(rng, 64), _hex(rng, 32), _hex(rng, 64), "sha1-" + _hex(rng, 40)]
        ),
        "timestamp": lambda: rng.choice(
            [
                ev.isoformat() + "Z",
                ev.strftime("%Y-%m-%d %H:%M:%S"),
                str(int(ev.timestamp())),
                f"{ev.timestamp():.6f}",
                ev.strftime("%d/%b/%Y:%H:%M:%S +0000"),
            ]
        ),
        "event_date": lambda: fmt_date(rng, ev.date(), lang),
        "loopback_or_reserved_ip": lambda: rng.choice(
            [
                "127.0.0.1",
                "0.0.0.0",
                "255.255.255.0",
                "::1",
                "169.254.169.254",
                "224.0.0.251",
                "255.255.255.255",
                "fe80::1",
                "127.0.1.1",
            ]
        ),
        "documentation_ip": lambda: rng.choice(
            [
                f"192.0.2.{r(1, 255)}",
                f"198.51.100.{r(1, 255)}",
                f"203.0.113.{r(1, 255)}",
                f"2001:db8::{r(1, 0xFFFF):x}",
            ]
        ),
        "float": lambda: rng.choice(
            [
                f"{rng.uniform(0, 1):.{r(6, 12)}f}",
                f"{rng.uniform(1e5, 1e9):.4f}",
                f"{rng.uniform(-1, 1):.10f}",
                f"{r(10**9, 10**11) / 1000:.3f}",
                f"{rng.uniform(0, 5):.2e}",
            ]
        ),
        "role_or_reserved_email": lambda: (
            rng.choice(
                [
                    "support@",
                    "noreply@",
                    "no-reply@",
                    "dpo@",
                    "security@",
                    "billing@",
                    "info@",
                    "privacy@",
                    "datenschutz@",
                    "contact@",
                ]
            )
            + rng.choice(
                [
                    "example.com",
                    "example.org",
                    "test.invalid",
                    "localhost",
                    "northwind-logistics.eu",
                    "tidewater-health.org",
                    "kessler-maschinenbau.de",
                ]
            )
        ),
        "plain_url": lambda: (
            rng.choice(["https://", "http://"])
            + rng.choice(
                [
                    "docs.python.org/3/library/json.html",
                    "github.com/pandas-dev/pandas/issues/" + str(r(1000, 60000)),
                    "huggingface.co/docs/transformers/index",
                    "status.northwind-logistics.eu/incidents/" + _hex(rng, 8),
                    "www.tidewater-health.org/patients/portal",
                    "grafana.internal:3000/d/" + _hex(rng, 9),
                ]
            )
        ),
        "placeholder_secret": lambda: rng.choice(
            [
                "<YOUR_API_KEY>",
                "${OPENAI_API_KEY}",
                "$GITHUB_TOKEN",
                "********",
                "xxxxxxxxxxxxxxxx",
                "changeme",
                "REDACTED",
                "os.environ['HF_TOKEN']",
                "sk-...",
                "{{ secrets.NPM_TOKEN }}",
                "AKIAIOSFODNN7EXAMPLE",
                "<redacted>",
                "your-password-here",
            ]
        ),
        "ticket_number": lambda: rng.choice(
            [
                f"{rng.choice(['DATA', 'ML', 'OPS', 'SUP', 'INFRA'])}-{r(10, 9999)}",
                f"#{r(100, 99999)}",
                f"INC{r(10**6, 10**7)}",
                f"CS{r(10**5, 10**6)}",
            ]
        ),
        "isbn": lambda: rng.choice(
            [
                "978-3-16-148410-0",
                "978-0-306-40615-7",
                "978-1-4028-9462-6",
                "978-84-376-0494-7",
                "978-88-04-66727-8",
            ]
        ),
        "coordinates": lambda: rng.choice(
            [
                f"{rng.uniform(36, 60):.6f}, {rng.uniform(-9, 25):.6f}",
                f"{rng.uniform(36, 60):.4f}° N, {rng.uniform(0, 25):.4f}° E",
                f"lat={rng.uniform(-60, 60):.5f}&lon={rng.uniform(-120, 120):.5f}",
            ]
        ),
        "sku": lambda: (
            f"{ids._rand(rng, ids.UP, 3)}-{r(1000, 99999)}-{rng.choice(['S', 'XL', 'BLK'])}"
        ),
        "iban_like": lambda: (
            f"{rng.choice(['DE', 'FR', 'NL'])}00 "
            + " ".join(str(r(1000, 9999)) for _ in range(3))
            + f" {r(10, 99)}"
        ),
        "card_like": lambda: " ".join(str(r(1000, 9999)) for _ in range(4)),
        "attribution_person": lambda: full(make_person(rng, lang, None)),
        "serial_number": lambda: f"SN{ids._rand(rng, ids.UP + ids.DIG, 10)}",
        "phone_like": lambda: rng.choice(
            [
                f"+1-555-01{r(0, 100):02d}",
                f"555-01{r(0, 100):02d}",
                "0000 000000",
                "+44 0000 000000",
            ]
        ),
        "date_of_event": lambda: fmt_date(rng, d.replace(year=r(2019, 2027)), lang),
    }
    if kind in DECOYS:
        return rng.choice(DECOYS[kind])
    return gen[kind]()


def full(p: Person) -> str:
    return f"{p.given} {p.surname}"


# ------------------------------------------------------------------ filling
@dataclass
class Record:
    text: str = ""
    spans: list[list[object]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    decoys: list[list[object]] = field(default_factory=list)


TYPE_OF = {"EMAIL": "EMAIL", "PHONE": "PHONE", "IP": "IP_ADDRESS", "IP6": "IP_ADDRESS",
           "MAC": "MAC_ADDRESS", "CARD": "CREDIT_CARD", "IBAN": "IBAN", "NID": "NATIONAL_ID",
           "PASS": "PASSPORT", "DOB": "DATE_OF_BIRTH", "ADDR": "STREET_ADDRESS",
           "KEY": "CREDENTIAL", "PWD": "CREDENTIAL", "WALLET": "CRYPTO_WALLET",
           "DBURL": "URL_WITH_CREDENTIALS"}  # fmt: skip
PERSON_SLOT = re.compile(r"(PG|PS|PI|PU|P)(\d?)(?::([fm]))?$")
VALUE_SLOT = re.compile(r"([A-Z]+?)(\d?)$")


def ocr_noise(rng: random.Random, s: str) -> str:
    out = []
    for ch in s:
        r = rng.random()
        if ch == "m" and r < 0.08:
            out.append("rn")
        elif ch == "l" and r < 0.06:
            out.append("1")
        elif ch == "o" and r < 0.03:
            out.append("0")
        elif ch == " " and r < 0.04:
            out.append("  ")
        elif ch == "i" and r < 0.03:
            out.append("í")
        else:
            out.append(ch)
    return "".join(out)


def fill(rng: random.Random, frame: str, lang: str, style: str) -> Record:
    genders: dict[str, str] = {}
    for m in SLOT.finditer(frame):
        pm = PERSON_SLOT.match(m.group(1))
        if pm and pm.group(3):
            genders.setdefault(pm.group(2) or "1", pm.group(3))
    people: dict[str, Person] = {}
    values: dict[str, tuple[str, str]] = {}
    rec = Record()
    parts: list[str] = []
    pos = 0
    last = 0

    def lit(s: str) -> None:
        nonlocal pos
        if style == "ocr":
            s = ocr_noise(rng, s)
        parts.append(s)
        pos += len(s)

    def person(idx: str) -> Person:
        if idx not in people:
            for _ in range(20):
                p = make_person(rng, lang, genders.get(idx))
                if all(full(p) != full(q) for q in people.values()):
                    break
            people[idx] = p
        return people[idx]

    for m in SLOT.finditer(frame):
        lit(frame[last : m.start()])
        last = m.end()
        slot = m.group(1)
        if slot.startswith("~"):
            kind, _, text = slot[1:].partition("=")
            value = text or decoy(rng, kind, lang)
            rec.decoys.append([pos, pos + len(value), kind])
            parts.append(value)
            pos += len(value)
            continue
        pm = PERSON_SLOT.match(slot)
        if pm:
            form, idx = pm.group(1), pm.group(2) or "1"
            p = person(idx)
            value, note = {
                "P": (full(p), f"{p.origin},full"),
                "PG": (p.given, f"{p.origin},given"),
                "PS": (p.surname, f"{p.origin},surname"),
                "PI": (f"{p.surname}, {p.given}", f"{p.origin},inverted"),
                "PU": (f"{p.surname.upper()}, {p.given}", f"{p.origin},upper"),
            }[form]
            typ = "PERSON"
        else:
            slot, _, kind = slot.partition(":")
            vm = VALUE_SLOT.match(slot)
            assert vm, slot
            name, idx = vm.group(1), vm.group(2) or "1"
            typ = TYPE_OF[name]
            key = name + idx
            if key not in values:
                values[key] = make_value(rng, name, lang, person(idx), kind)
            value, note = values[key]
        rec.spans.append([pos, pos + len(value), typ])
        rec.notes.append(note)
        parts.append(value)
        pos += len(value)
    lit(frame[last:])
    rec.text = "".join(parts)
    return rec


def make_value(
    rng: random.Random, name: str, lang: str, p: Person, kind: str = ""
) -> tuple[str, str]:
    if name == "EMAIL":
        return p.email(rng, lang), "personal"
    if name == "PHONE":
        return ids.phone(rng, lang.split("-")[0])
    if name == "IP":
        return ids.ipv4(rng)
    if name == "IP6":
        return ids.ipv6(rng)
    if name == "MAC":
        return ids.mac(rng)
    if name == "CARD":
        return ids.card(rng)
    if name == "IBAN":
        return ids.iban_value(rng, lang.split("-")[0])
    if name == "NID":
        return ids.national_id(rng, lang.split("-")[0], kind)
    if name == "PASS":
        return ids.passport(rng, lang.split("-")[0])
    if name == "DOB":
        return fmt_date(rng, ids.birth_date(rng), lang), "dob"
    if name == "ADDR":
        return address(rng, lang)
    if name == "KEY":
        return ids.credential(rng)
    if name == "PWD":
        return ids.password(rng)
    if name == "WALLET":
        return ids.wallet(rng)
    if name == "DBURL":
        return db_url(rng, p)
    raise KeyError(name)


def verify(text: str, span: list[object], note: str) -> None:
    s, e, typ = span
    assert isinstance(s, int) and isinstance(e, int)
    v = text[s:e]
    ok = True
    if typ == "PHONE":
        ok = ids.check_phone(v, note)
    elif typ == "IP_ADDRESS":
        ok = ids.check_ip(v)
    elif typ == "MAC_ADDRESS":
        ok = ids.check_mac(v)
    elif typ == "CREDIT_CARD":
        ok = ids.check_card(v)
    elif typ == "IBAN":
        ok = ids.check_iban(v)
    elif typ == "NATIONAL_ID":
        ok = ids.check_nid(v, note)
    elif typ == "CRYPTO_WALLET":
        ok = ids.check_wallet(v)
    elif typ == "EMAIL":
        ok = re.fullmatch(r"[^@\s]+@[a-z0-9.-]+\.[a-z]{2,}", v) is not None
    elif typ == "PERSON":
        ok = v.strip() == v and bool(v)
    if not ok:
        raise AssertionError(f"invalid {typ} {v!r} ({note})")


def build(seed: int) -> list[dict[str, object]]:
    rng = random.Random(seed)
    out: list[dict[str, object]] = []
    for (style, lang), frames in sorted(FRAMES.items()):
        for fi, frame in enumerate(frames):
            neg = "{{" not in frame.replace("{{~", "")
            reps = PER_FRAME if not neg else round(PER_FRAME * NEGATIVE_SHARE)
            for _ in range(reps):
                rec = fill(rng, frame, lang, style)
                for sp, nt in zip(rec.spans, rec.notes, strict=True):
                    verify(rec.text, sp, nt)
                out.append({
                    "text": rec.text, "spans": rec.spans, "span_notes": rec.notes,
                    "decoys": rec.decoys, "style": style, "language": lang,
                    "source": f"frame/{style}/{lang}/{'neg' if neg else 'pos'}/{fi}",
                    "negative": not rec.spans,
                })  # fmt: skip
    rng.shuffle(out)
    for i, r in enumerate(out):
        r["id"] = f"ind2-{i:05d}"
    return [{"id": r.pop("id"), **r} for r in out]


def write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).chmod(0o644)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write the second independent PII corpus.")
    ap.add_argument("--out", type=Path, default=HERE / "corpus.jsonl")
    ap.add_argument("--seed", type=int, default=20261207)
    args = ap.parse_args(argv)
    recs = build(args.seed)
    write_atomic(args.out, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs))
    n = len(recs)
    neg = sum(1 for r in recs if r["negative"])
    print(f"wrote {n} records ({neg} without personal data) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
