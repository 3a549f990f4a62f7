"""Write the third independent PII corpus (fixed seed).

    python -m benchmarks.pii_independent3.generate


Each hand-written frame (``frames.py``) is filled ``FILLS`` times. A frame's placeholders are
written ``⟦KIND⟧`` or ``⟦KIND:ARG⟧``:

- persons: ``NAME`` (full), ``GIVEN``, ``SUR`` (surname), ``INV`` (``Surname, Given``),
  ``UP`` (``SURNAME, Given``); ARG ``f``/``m`` picks a woman's or a man's name, ``@origin``
  forces the origin;
- values: ``EMAIL``, ``PHONE[:REGION]``, ``IP``, ``IP6``, ``MAC``, ``CARD``, ``IBAN[:CC]``,
  ``NID:KIND``, ``PASS[:CC]``, ``DOB``, ``ADDR[:cc]``, ``KEY[:kind]``, ``PW``, ``WALLET``,
  ``DBURL``;
- look-alikes: ``D:kind`` (a generated one) and ``L:kind:text`` (the text itself, recorded as
  a look-alike of that kind).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import tempfile
import unicodedata
import uuid
from pathlib import Path

import phonenumbers
from benchmarks.pii_independent3 import values as V
from benchmarks.pii_independent3.frames import FRAMES
from benchmarks.pii_independent3.sources import (
    ANY_LATIN,
    CJK,
    DECOYS,
    LANG_ORIGINS,
    NAMES,
    STREETS,
)

SEED = 20261207_3
FILLS = 13
HERE = Path(__file__).resolve().parent
OUT = HERE / "corpus.jsonl"
PH = re.compile(r"⟦([A-Z0-9]+)(?::([^⟧]*))?⟧")

LABEL = {
    "NAME": "PERSON", "GIVEN": "PERSON", "SUR": "PERSON", "INV": "PERSON", "UP": "PERSON",
    "EMAIL": "EMAIL", "PHONE": "PHONE", "IP": "IP_ADDRESS", "IP6": "IP_ADDRESS",
    "MAC": "MAC_ADDRESS", "CARD": "CREDIT_CARD", "IBAN": "IBAN", "NID": "NATIONAL_ID",
    "PASS": "PASSPORT", "DOB": "DATE_OF_BIRTH", "ADDR": "STREET_ADDRESS", "KEY": "CREDENTIAL",
    "PW": "CREDENTIAL", "WALLET": "CRYPTO_WALLET", "DBURL": "URL_WITH_CREDENTIALS",
}  # fmt: skip
LANG_CC = {
    "en": "gb",
    "de": "de",
    "fr": "fr",
    "es": "es",
    "it": "it",
    "nl": "nl",
    "pt": "pt",
    "pl": "pl",
    "sv": "se",
    "tr": "tr",
    "hu": "hu",
    "cs": "cz",
    "ja": "ja",
    "id": "us",
    "zh": "us",
    "ko": "us",
}
LANG_IBAN = {
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
}
LANG_PASS = {
    "en": "GB",
    "de": "DE",
    "fr": "FR",
    "es": "ES",
    "it": "IT",
    "nl": "NL",
    "pt": "BR",
    "pl": "PL",
    "tr": "TR",
    "ja": "JP",
    "id": "IN",
}
MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
}
MAIL_DOMAINS = {
    "en": ["gmail.com", "outlook.com", "yahoo.co.uk", "btinternet.com", "icloud.com"],
    "de": ["web.de", "gmx.de", "t-online.de", "posteo.de", "gmail.com"],
    "fr": ["orange.fr", "free.fr", "laposte.net", "gmail.com"],
    "es": ["gmail.com", "hotmail.es", "telefonica.net"],
    "it": ["libero.it", "virgilio.it", "gmail.com", "tiscali.it"],
    "nl": ["ziggo.nl", "kpnmail.nl", "gmail.com", "hotmail.nl"],
    "pt": ["sapo.pt", "gmail.com", "uol.com.br", "bol.com.br"],
    "pl": ["wp.pl", "onet.pl", "interia.pl", "o2.pl"],
    "sv": ["telia.com", "gmail.com", "bredband.net"],
    "tr": ["gmail.com", "hotmail.com.tr", "yandex.com.tr"],
    "hu": ["freemail.hu", "citromail.hu", "gmail.com"],
    "cs": ["seznam.cz", "email.cz", "centrum.cz"],
    "id": ["gmail.com", "yahoo.co.id"],
    "ja": ["docomo.ne.jp", "yahoo.co.jp", "gmail.com"],
    "zh": ["qq.com", "163.com", "126.com"],
    "ko": ["naver.com", "daum.net", "kakao.com"],
}
CJK_HANDLES = [
    "wang.wei",
    "li.na",
    "zhang.min",
    "liu.yang",
    "chen.jie",
    "kim.minjun",
    "lee.seoyeon",
    "park.jiwoo",
    "choi.hayoon",
    "jung.doyun",
    "sato.yui",
    "tanaka.ren",
    "haruto.suzuki",
]

DOC_IPS = ["192.0.2.", "198.51.100.", "203.0.113."]
ROLE_MAIL = [
    "support@",
    "noreply@",
    "no-reply@",
    "dpo@",
    "security@",
    "billing@",
    "hr@",
    "privacy@",
    "it-helpdesk@",
    "postmaster@",
]
ROLE_DOMAINS = [
    "example.com",
    "example.org",
    "acme-logistik.de",
    "fjordline-shop.no",
    "status.invalid",
    "tienda-sol.es",
    "lumen-care.fr",
]


def _ascii(s: str) -> str:
    s = s.replace("ß", "ss").replace("ł", "l").replace("Ł", "L").replace("ı", "i")
    s = s.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def _female_surname(origin: str, sur: str) -> str:
    if origin == "pl":
        for a, b in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
            if sur.endswith(a):
                return sur[: -len(a)] + b
    if origin == "cz":
        if sur.endswith("ý"):
            return sur[:-1] + "á"
        if sur.endswith("a"):
            return sur[:-1] + "ová"
        if sur.endswith("ek"):
            return sur[:-2] + "ková"
        return sur + "ová"
    return sur


class Filler:
    def __init__(self, rng: random.Random, lang: str) -> None:
        self.rng, self.lang = rng, lang

    def origin(self, arg: str) -> str:
        if "@" in arg:
            return arg.split("@", 1)[1]
        pool = LANG_ORIGINS[self.lang]
        if self.lang not in CJK and self.rng.random() < 1 / 6:
            return self.rng.choice(ANY_LATIN)
        return self.rng.choice(pool)

    def person(self, kind: str, arg: str) -> tuple[str, str]:
        r = self.rng
        origin = self.origin(arg)
        g = arg.split("@")[0] if arg.split("@")[0] in ("f", "m") else r.choice("fm")
        women, men, surs = NAMES[origin]
        given = r.choice(women if g == "f" else men)
        sur = r.choice(surs)
        if g == "f":
            sur = _female_surname(origin, sur)
        form = {
            "NAME": "full",
            "GIVEN": "given",
            "SUR": "surname",
            "INV": "inverted",
            "UP": "upper",
        }[kind]
        if kind == "GIVEN":
            text = given
        elif kind == "SUR":
            text = sur
        elif kind == "INV":
            text = f"{sur}, {given}" if origin not in CJK else f"{sur}{given}"
        elif kind == "UP":
            text = f"{sur.upper()}, {given}" if origin not in CJK else f"{sur} {given}"
        elif origin in ("zh", "ko"):
            text = sur + given
        elif origin == "ja":
            text = f"{sur} {given}" if r.random() < 0.6 else sur + given
        elif origin == "hu":
            text = f"{sur} {given}"
        else:
            text = f"{given} {sur}"
            if origin == "es" and r.random() < 0.4:
                text += " " + r.choice(surs)
        return text, f"{origin},{form}"

    def email(self) -> tuple[str, str]:
        r = self.rng
        doms = MAIL_DOMAINS[self.lang]
        origin = self.origin("")
        if origin in CJK:
            local = r.choice(CJK_HANDLES) + (str(r.randint(1, 99)) if r.random() < 0.5 else "")
            if self.lang == "zh" and r.random() < 0.5:
                local = str(r.randint(10**7, 10**10))
            return f"{local}@{r.choice(doms)}", "ascii"
        women, men, surs = NAMES[origin]
        given, sur = r.choice(women + men), r.choice(surs)
        uni = r.random() < 0.35 and _ascii(given + sur) != given + sur
        g, s = (given, sur) if uni else (_ascii(given), _ascii(sur))
        g, s = g.lower().replace(" ", ""), s.lower().replace(" ", "").replace("'", "")
        local = r.choice(
            [f"{g}.{s}", f"{g}{s[:1]}", f"{g[:1]}{s}", f"{g}_{s}{r.randint(1, 99)}", f"{s}.{g}"]
        )
        return f"{local}@{r.choice(doms)}", "unicode" if uni else "ascii"

    def dob(self) -> str:
        r = self.rng
        y, m, d = V._date(r, 1942, 2006)
        lang = self.lang
        if lang in ("ja", "zh"):
            return f"{y}年{m}月{d}日"
        if lang == "ko":
            return f"{y}년 {m}월 {d}일"
        if lang == "hu":
            return f"{y}. {m:02d}. {d:02d}."
        if lang == "cs":
            return f"{d}. {m}. {y}"
        if lang in ("sv",) or r.random() < 0.15:
            return f"{y}-{m:02d}-{d:02d}"
        if lang in MONTHS and r.random() < 0.35:
            mon = MONTHS[lang].split()[m - 1]
            if lang == "en":
                return f"{mon} {d}, {y}" if r.random() < 0.5 else f"{d} {mon} {y}"
            if lang == "de":
                return f"{d}. {mon} {y}"
            return f"{d} {mon} {y}" if lang == "fr" else f"{d} de {mon} de {y}"
        if lang in ("de", "pl", "tr"):
            return f"{d:02d}.{m:02d}.{y}"
        if lang in ("nl", "id"):
            return f"{d:02d}-{m:02d}-{y}"
        if lang == "en" and r.random() < 0.5:
            return f"{m:02d}/{d:02d}/{y}"
        return f"{d:02d}/{m:02d}/{y}"

    def address(self, cc: str) -> str:
        r = self.rng
        streets, towns = STREETS[cc]
        st, town, no = r.choice(streets), r.choice(towns), r.randint(1, 180)
        if cc == "us":
            unit = f", Apt {r.randint(1, 40)}{r.choice('ABCD')}" if r.random() < 0.4 else ""
            return f"{r.randint(100, 9999)} {st}{unit}, {town}"
        if cc == "gb":
            return f"{no} {st}, {town}"
        if cc == "fr":
            return f"{no} {st}, {town}"
        if cc == "ja":  # postcode and address of the same place
            i = r.randrange(len(streets))
            return f"{towns[i]} {streets[i]}"
        if cc == "pl":
            return f"{st} {no}/{r.randint(1, 60)}, {town}"
        if cc == "es":
            return f"{st} {no}, {r.randint(1, 8)}º {r.choice('ABCD')}, {town}"
        if cc == "br":
            return f"{st}, {no} - apto {r.randint(11, 180)}, {town}"
        if cc == "it":
            return f"{st} {no}, {town}"
        return f"{st} {no}, {town}"

    def value(self, kind: str, arg: str) -> tuple[str, str]:
        r, lang = self.rng, self.lang
        if kind in ("NAME", "GIVEN", "SUR", "INV", "UP"):
            return self.person(kind, arg)
        if kind == "EMAIL":
            return self.email()
        if kind == "PHONE":
            reg = arg or (V.LANG_REGION[lang] if r.random() < 0.8 else r.choice(V.PHONE_REGIONS))
            if lang == "en" and not arg and r.random() < 0.5:
                reg = "US"
            return V.phone(r, reg), reg
        if kind == "IP":
            return V.ipv4(r), "v4"
        if kind == "IP6":
            return V.ipv6(r), "v6"
        if kind == "MAC":
            return V.mac_address(r), "mac"
        if kind == "CARD":
            return V.card(r), "card"
        if kind == "IBAN":
            cc = arg or (LANG_IBAN.get(lang) if r.random() < 0.75 else None)
            cc = cc or r.choice(sorted(V.IBAN_LAYOUT))
            return V.iban_value(r, cc), cc
        if kind == "NID":
            return V.national_id(r, arg), arg
        if kind == "PASS":
            cc = arg or LANG_PASS.get(lang) or r.choice(sorted(V.PASSPORT))
            return V.passport(r, cc), cc
        if kind == "DOB":
            return self.dob(), "dob"
        if kind == "ADDR":
            cc = arg or LANG_CC[lang]
            return self.address(cc), cc
        if kind == "KEY":
            k = arg or r.choice(sorted(V.KEYS))
            return V.KEYS[k](r), f"token:{k}"
        if kind == "PW":
            return V.password(r), "password"
        if kind == "WALLET":
            return V.wallet(r), "wallet"
        if kind == "DBURL":
            user = r.choice(["svc_etl", "admin", "app", "reporting", "grafana", "ml_ro", "root"])
            return V.url_with_credentials(r, user), "url"
        raise KeyError(kind)

    def decoy(self, kind: str) -> str:
        r = self.rng
        h = "0123456789abcdef"
        if kind in DECOYS:
            return r.choice(DECOYS[kind])
        if kind == "version":
            return r.choice(
                [
                    f"v{r.randint(0, 9)}.{r.randint(0, 30)}.{r.randint(0, 20)}",
                    f"{r.randint(1, 5)}.{r.randint(0, 12)}.{r.randint(0, 9)}-rc{r.randint(1, 4)}",
                    f"{r.randint(1, 3)}.{r.randint(0, 9)}.{r.randint(0, 9)}"
                    f"+build.{r.randint(1, 999)}",
                ]
            )
        if kind == "ip_like_version":
            return r.choice(
                [
                    f"10.0.{r.randint(17000, 22631)}.{r.randint(100, 4000)}",
                    f"{r.randint(1, 12)}.{r.randint(0, 9)}.{r.randint(0, 99)}.{r.randint(1, 999)}",
                    f"{r.randint(470, 560)}.{r.randint(10, 199)}.{r.randint(1, 99):02d}",
                    f"1.3.6.1.4.1.{r.randint(100, 60000)}",
                ]
            )
        if kind == "git_sha":
            return "".join(r.choice(h) for _ in range(r.choice([7, 12, 40])))
        if kind == "hash":
            return r.choice(["sha256:", ""]) + "".join(r.choice(h) for _ in range(64))
        if kind == "uuid":
            return str(uuid.UUID(int=r.getrandbits(128), version=4))
        if kind == "timestamp":
            y, m, d = V._date(r, 2023, 2026)
            t = f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}"
            return r.choice(
                [
                    f"{y}-{m:02d}-{d:02d}T{t}Z",
                    f"{y}-{m:02d}-{d:02d} {t}",
                    str(r.randint(1_700_000_000, 1_790_000_000)),
                    f"{y}-{m:02d}-{d:02d}T{t}.{r.randint(100, 999)}+01:00",
                ]
            )
        if kind == "event_date":
            y, m, d = V._date(r, 2024, 2027)
            return r.choice(
                [f"{d:02d}.{m:02d}.{y}", f"{y}-{m:02d}-{d:02d}", f"{d:02d}/{m:02d}/{y}"]
            )
        if kind == "sku":
            return r.choice(
                [
                    f"SKU-{r.randint(1000, 9999)}-{r.choice(['BLK', 'WHT', 'RED'])}"
                    f"-{r.choice(['S', 'M', 'XL'])}",
                    f"{r.choice('ABCDEFGH')}{r.randint(100, 999)}"
                    f"-{r.randint(10, 99)}{r.choice('XYZ')}",
                    f"ART.{r.randint(100000, 999999)}",
                ]
            )
        if kind == "coordinates":
            return r.choice(
                [
                    f"{r.uniform(-60, 70):.5f}, {r.uniform(-170, 170):.5f}",
                    f"{r.uniform(35, 60):.4f}°N {r.uniform(0, 30):.4f}°E",
                ]
            )
        if kind == "tracking_number":
            return r.choice(
                [
                    "1Z" + "".join(r.choice("0123456789ABCDEFGHJKLMNPRSTVWXYZ") for _ in range(16)),
                    "JJD" + V._d(r, 18),
                    V._d(r, 22),
                    f"{r.choice(['RR', 'LX', 'CP'])}{V._d(r, 9)}DE",
                    V._d(r, 12),
                ]
            )
        if kind == "order_number":
            return r.choice(
                [
                    f"#{r.randint(100000, 9999999)}",
                    f"ORD-{r.randint(2024, 2026)}-{V._d(r, 6)}",
                    f"{V._d(r, 3)}-{V._d(r, 7)}-{V._d(r, 7)}",
                ]
            )
        if kind == "invoice_id":
            return f"{r.choice(['INV', 'RE', 'FA', 'FV'])}-{r.randint(2024, 2026)}-{V._d(r, 5)}"
        if kind == "ticket_number":
            return f"{r.choice(['SUP', 'OPS', 'HR', 'CS', 'INC'])}-{r.randint(100, 99999)}"
        if kind == "float":
            return r.choice(
                [
                    f"{r.uniform(0, 1):.10f}",
                    f"{r.uniform(1000, 99999):.6f}",
                    f"{r.uniform(1, 9):.3f}e-{r.randint(3, 9)}",
                ]
            )
        if kind == "documentation_ip":
            return r.choice(DOC_IPS) + str(r.randint(1, 254))
        if kind == "loopback_or_reserved_ip":
            return r.choice(
                [
                    "127.0.0.1",
                    "0.0.0.0",
                    "::1",
                    "255.255.255.0",
                    "169.254.169.254",
                    "224.0.0.251",
                    "fe80::1",
                ]
            )
        if kind == "role_or_reserved_email":
            return r.choice(ROLE_MAIL) + r.choice(ROLE_DOMAINS)
        if kind == "plain_url":
            return r.choice(
                [
                    "https://status.fjordline-shop.no/incidents/",
                    "https://docs.python.org/3/library/ipaddress.html",
                    "https://github.com/pallets/flask/pull/5123",
                    "https://www.dhl.de/de/privatkunden/pakete-empfangen.html",
                    "https://meet.example.org/j/8841-2231",
                ]
            )
        if kind == "placeholder_secret":
            return r.choice(
                [
                    "<YOUR_API_KEY>",
                    "${GITHUB_TOKEN}",
                    "********",
                    "AKIAIOSFODNN7EXAMPLE",
                    "changeme",
                    "{{ vault_db_password }}",
                    "xxxxxxxxxxxx",
                    "%(password)s",
                ]
            )
        if kind == "isbn":
            return r.choice(["978-3-16-148410-0", "978-0-306-40615-7", "978-1-4028-9462-6"])
        if kind == "barcode":
            body = "40" + V._d(r, 10)
            s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
            return body + str((10 - s % 10) % 10)
        if kind == "build_number":
            return r.choice(
                [
                    f"#{r.randint(1000, 99999)}",
                    f"b{r.randint(100000, 999999)}",
                    f"{r.randint(2024, 2026)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
                    f".{r.randint(1, 9)}",
                ]
            )
        if kind == "attribution_person":
            return self.person("NAME", "")[0]
        if kind == "meter_reading":
            return r.choice(
                [
                    f"{V._d(r, 5)}.{V._d(r, 3)} m³",
                    f"{V._d(r, 3)} {V._d(r, 3)} {V._d(r, 4)} kWh",
                    f"{V._d(r, 2)}-{V._d(r, 4)}-{V._d(r, 4)}",
                ]
            )
        raise KeyError(kind)


def fill(rng: random.Random, lang: str, frame: str) -> tuple[str, list, list, list]:
    f = Filler(rng, lang)
    out, spans, notes, decoys = [], [], [], []
    pos, last = 0, 0
    for m in PH.finditer(frame):
        lit = frame[last : m.start()]
        out.append(lit)
        pos += len(lit)
        kind, arg = m.group(1), m.group(2) or ""
        if kind == "D":
            val = f.decoy(arg)
            decoys.append([pos, pos + len(val), arg])
        elif kind == "L":
            dk, val = arg.split(":", 1)
            decoys.append([pos, pos + len(val), dk])
        else:
            val, note = f.value(kind, arg)
            spans.append([pos, pos + len(val), LABEL[kind]])
            notes.append(note)
        out.append(val)
        pos += len(val)
        last = m.end()
    out.append(frame[last:])
    return "".join(out), spans, notes, decoys


def verify(rec: dict) -> None:
    text = rec["text"]
    assert "⟦" not in text and "⟧" not in text, (rec["id"], text)
    for (s, e, t), note in zip(rec["spans"], rec["span_notes"], strict=True):
        v = text[s:e]
        assert v and v == v.strip(), (rec["id"], v)
        if t == "PHONE":
            V.check_phone(v, note)
        elif t == "CREDIT_CARD":
            assert V.luhn.is_valid(re.sub(r"[ -]", "", v)), v
        elif t == "IBAN":
            assert V.iban.is_valid(v), v
        elif t == "NATIONAL_ID":
            assert V.NID[note][1](v), (note, v)
        elif t == "CRYPTO_WALLET":
            assert v.startswith("0x") or V.bitcoin.is_valid(v), v
        elif t == "MAC_ADDRESS":
            V.check_mac(v)
    spans = sorted(rec["spans"])
    for a, b in itertools.pairwise(spans):
        assert a[1] <= b[0], (rec["id"], a, b)


def build() -> list[dict]:
    rng = random.Random(SEED)
    recs: list[dict] = []
    counters: dict[tuple[str, str, str], int] = {}
    for style, lang, frame in FRAMES:
        pos = "pos" if any(m.group(1) in LABEL for m in PH.finditer(frame)) else "neg"
        key = (style, lang, pos)
        idx = counters.get(key, 0)
        counters[key] = idx + 1
        for _ in range(FILLS):
            text, spans, notes, decoys = fill(rng, lang, frame)
            rec = {
                "id": f"ind3-{len(recs):05d}",
                "text": text,
                "spans": spans,
                "span_notes": notes,
                "decoys": decoys,
                "style": style,
                "language": lang,
                "source": f"frame/{style}/{lang}/{pos}/{idx}",
                "negative": not spans,
            }
            verify(rec)
            recs.append(rec)
    return recs


def main() -> int:
    recs = build()
    fd, tmp = tempfile.mkstemp(dir=HERE, prefix="corpus.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        for rec in recs:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    Path(tmp).chmod(0o644)
    Path(tmp).replace(OUT)
    neg = sum(r["negative"] for r in recs)
    print(f"wrote {len(recs)} records ({neg} negative) to {OUT.name}")
    _ = phonenumbers  # validated through values.check_phone
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
