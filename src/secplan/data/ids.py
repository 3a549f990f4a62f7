"""Government identifiers: national identity, tax and health numbers with their check digits,
and passport numbers (by context, or from a machine-readable zone with valid check digits).

Numbers that are only digits collide with every other kind of number, so their recognizers
need a context word (``BSN``, ``PESEL``, ``Steuer-ID``); formats with letters or a fixed
structure (Spanish DNI, Italian codice fiscale, French NIR, UK NINO) stand on their own.

>>> [s.label for s in find_ids("DNI 12345678Z and CF RSSMRA85T10A562S")]
['NATIONAL_ID', 'NATIONAL_ID']
>>> find_ids("order 12345678Z")
[]
"""

from __future__ import annotations

import re

from secplan.data.checks import NATIONAL_CHECKS, mrz_check_digit
from secplan.data.context import header_words, near_words, nearest_is_negative, words_before
from secplan.data.fields import field_spans, keyed_words
from secplan.data.lists import word_lists
from secplan.data.patterns import Recognizer, matches
from secplan.data.spans import Entity, Span

N = Entity.NATIONAL_ID
_B = r"(?<![\w.-])"
_E = r"(?![\w-]|\.\d)"


#: A pattern that opens with a digit (a digit, ``\d`` or a class of digits, not optional;
#: or an optional century before ``\d``).
_OPENS_WITH_DIGIT = re.compile(r"(?:\\d|\d|\[[0-9-]+\])(?![?*]|\{0)|\(\?:19\|20\)\?\\d")


def _nat(name: str, pattern: str, score: float, boost: float = 0.35) -> Recognizer:
    return Recognizer(
        name,
        N,
        re.compile(_B + pattern + _E),
        score,
        validate=NATIONAL_CHECKS[name],
        context_boost=boost,
        starts=_B if _OPENS_WITH_DIGIT.match(pattern) else "",
    )


NATIONAL: tuple[Recognizer, ...] = (
    _nat("es-dni", r"\d{8}[- ]?[A-HJ-NP-TV-Z]", 0.8),
    _nat("es-nie", r"[XYZ]-?\d{7}[- ]?[A-HJ-NP-TV-Z]", 0.85),
    _nat("it-codicefiscale", r"[A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z]", 0.9),
    _nat(
        "fr-nir",
        r"[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}",
        0.8,
    ),
    _nat("gb-nino", r"[A-CEGHJ-PR-TW-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]", 0.75),
    _nat("fi-hetu", r"\d{6}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y]", 0.8),
    _nat("se-personnummer", r"(?:19|20)?\d{6}[-+]\d{4}", 0.3, 0.5),
    _nat("dk-cpr", r"\d{6}-?\d{4}", 0.2, 0.55),
    _nat("de-idnr", r"\d{2} ?\d{3} ?\d{3} ?\d{3}", 0.2, 0.6),
    _nat("pl-pesel", r"\d{11}", 0.2, 0.6),
    _nat("be-nn", r"\d{2}\.?\d{2}\.?\d{2}-?\d{3}\.?\d{2}", 0.2, 0.6),
    _nat("nl-bsn", r"\d{4}\.?\d{2}\.?\d{3}", 0.15, 0.6),
    _nat("gb-nhs", r"\d{3} ?\d{3} ?\d{4}", 0.15, 0.6),
    _nat("ie-pps", r"\d{7}[A-W][ABWTX]?", 0.3, 0.5),
    _nat("pt-cc", r"\d{8} ?\d ?[A-Z0-9]{2}\d", 0.6),
    _nat("us-itin", r"9\d{2}-\d{2}-\d{4}", 0.6, 0.3),
    # formats with their own punctuation or letters stand alone; bare digits need context
    _nat("br-cpf", r"\d{3}\.\d{3}\.\d{3}-\d{2}", 0.8),
    # the CPF and the Russian personal INN (two check digits) written as bare digits
    _nat("br-cpf-digits", r"\d{11}", 0.2, 0.6),
    _nat("ru-inn", r"\d{12}", 0.15, 0.65),
    _nat("mx-curp", r"[A-Z][AEIOUX][A-Z]{2}\d{6}[HM][A-Z]{5}[0-9A-Z]\d", 0.9),
    _nat("in-pan", r"[A-Z]{3}[ABCFGHLJPT][A-Z]\d{4}[A-Z]", 0.3, 0.5),
    _nat("ch-ssn", r"756\.\d{4}\.\d{4}\.\d{2}", 0.85),
    _nat("kr-rrn", r"\d{6}-[1-4]\d{6}", 0.6),
    _nat("cn-ric", r"\d{17}[\dX]", 0.3, 0.5),
    _nat("in-aadhaar", r"[2-9]\d{3} ?\d{4} ?\d{4}", 0.2, 0.6),
    _nat("ca-sin", r"\d{3}[- ]?\d{3}[- ]?\d{3}", 0.15, 0.6),
    _nat("no-fnr", r"\d{6} ?\d{5}", 0.2, 0.6),
    _nat("au-tfn", r"\d{3} ?\d{3} ?\d{2,3}", 0.15, 0.6),
    _nat("za-idnr", r"\d{13}", 0.2, 0.6),
    _nat("at-vnr", r"\d{4} ?\d{6}", 0.15, 0.6),
    _nat("jp-in", r"\d{4} ?\d{4} ?\d{4}", 0.15, 0.6),
    _nat("tr-tckn", r"[1-9]\d{10}", 0.2, 0.6),
    _nat("ro-cnp", r"[1-9]\d{12}", 0.2, 0.6),
    # the slash and a birth date in the first six digits make a rodné číslo stand out
    _nat("cz-rc", r"\d{6}/\d{3,4}", 0.5, 0.45),
    _nat("pt-nif", r"[1-9]\d{2} ?\d{3} ?\d{3}", 0.15, 0.6),
    # AMKA (a birth date and a Luhn digit), teudat zehut (Luhn on nine digits), the Thai
    # citizen id (13 digits, often grouped 1-2345-67890-12-3) and the Ukrainian RNTRC
    _nat("gr-amka", r"[0-3]\d[01]\d{8}", 0.2, 0.6),
    _nat("il-idnr", r"\d{8}-?\d", 0.15, 0.65),
    _nat("th-pin", r"[1-8][- ]?\d{4}[- ]?\d{5}[- ]?\d{2}[- ]?\d", 0.2, 0.6),
    _nat("ua-rntrc", r"\d{10}", 0.15, 0.65),
)

#: After a passport word: letters and digits, at least five of them digits (C469853,
#: FM94865ZK, 44EA29480, 533380006), or a Russian passport's series and number (72 1234567).
_PASSPORT = re.compile(_B + r"(?:(?=(?:[A-Z]*\d){5})[A-Z0-9]{6,10}|\d{2} \d{7})" + _E)
#: Formats that may hold few or no digits, read only after a passport word: German
#: (a serial from C F G H J K and then letters without vowels and digits) and Dutch (two
#: letters, six letters or digits, a digit; never the letter O).
_PASSPORT_LETTERS = re.compile(
    _B + r"(?:[CFGHJK][CFGHJKLMNPRTVWXYZ0-9]{8}|[A-NP-Z]{2}[A-NP-Z0-9]{6}\d)" + _E
)
_MRZ_LINE2 = re.compile(
    r"^([A-Z0-9<]{9})(\d)([A-Z]{3}|[A-Z]{1,2}<{1,2})(\d{6})(\d)[MF<X]", re.MULTILINE
)


def _near(words: set[str], entity: str) -> bool:
    return bool(words & word_lists().context.get(entity, frozenset()))


def passports(text: str, threshold: float, hint: set[str] | None = None) -> list[Span]:
    """Passport numbers: after a passport word, or in an MRZ line whose check digits hold."""
    out: list[Span] = []
    if "<" in text:
        for m in _MRZ_LINE2.finditer(text):
            number, check, _, birth, bcheck = m.groups()
            if mrz_check_digit(number) == int(check) and mrz_check_digit(birth) == int(bcheck):
                end = m.start(1) + len(number.rstrip("<"))
                out.append(Span(m.start(1), end, Entity.PASSPORT, 0.95))
    seen: set[int] = set()
    for regex in (_PASSPORT, _PASSPORT_LETTERS):
        for m in regex.finditer(text):
            if m.start() in seen:
                continue
            near = words_before(text, m.start(), 6) | (hint or set())
            near |= header_words(text, m.start())
            if not _near(near, Entity.PASSPORT):
                near |= keyed_words(field_spans(text), m.start())
            if _near(near, Entity.PASSPORT) and threshold <= 0.85:
                seen.add(m.start())
                out.append(Span(m.start(), m.end(), Entity.PASSPORT, 0.85))
    return out


def find_ids(
    text: str,
    *,
    threshold: float = 0.5,
    hint: set[str] | None = None,
    present: frozenset[str] | None = None,
) -> list[Span]:
    """National identity numbers and passport numbers in ``text``. ``present`` (the entity
    types with a context word somewhere in the text) lets context-only formats skip."""
    lists = word_lists()
    nat_words = lists.context.get(N, frozenset())
    phone_words = lists.context.get(Entity.PHONE_NUMBER, frozenset())
    out: list[Span] = []
    keyed: list[tuple[int, int, str]] | None = None
    starts: dict[str, list[int]] = {}  # where numbers start
    for r in NATIONAL:
        if present is not None and r.score < threshold and N not in present:
            continue
        for m in matches(r, text, starts):
            value = m.group()
            if r.validate is not None and not r.validate(value):
                continue
            if text[m.start() - 1 : m.start()] == "+":
                continue  # +819012918473: an international telephone number
            ctx = words_before(text, m.start()) | (hint or set())
            if r.score < threshold:
                column = header_words(text, m.start())
                if column & phone_words and not column & nat_words:
                    continue  # a cell of the table's telephone column
                ctx |= column
                if keyed is None:
                    keyed = field_spans(text)
                ctx |= keyed_words(keyed, m.start())
            score = r.score
            if ctx & nat_words and not nearest_is_negative(
                text, m.start(), lists.negative, nat_words
            ):
                score += r.context_boost  # not "PESEL ...; paczka 4416...": the nearest decides
            elif (near_words(text, m.start()) | (hint or set())) & lists.negative:
                score -= r.negative_penalty
            if score >= threshold:
                out.append(Span(m.start(), m.end(), N, round(min(score, 0.99), 2)))
    if present is None or Entity.PASSPORT in present or "<" in text:
        out.extend(passports(text, threshold, hint))
    return out
