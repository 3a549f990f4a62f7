"""Street addresses as Romania, Indonesia, Kenya, Greece, Israel, India, Thailand, Ukraine and
Vietnam write them: the street word and number of each country (``Str. ... nr. 12``, ``Jl. ...
No. 45``, ``Plot 39, ... Road``, ``רחוב ... 58``, ``вул. ..., 3``, ``ถนน...``), then the
town and postcode that follow.

>>> text = "Adresa: Str. Florilor nr. 12, 400001 Cluj-Napoca."
>>> [text[s.start : s.end] for s in find_world_addresses(text)]
['Str. Florilor nr. 12, 400001 Cluj-Napoca']
>>> find_world_addresses("Str. Florilor is closed")
[]
"""

from __future__ import annotations

import re

from secplan.data.spans import Entity, Span

_LAT = r"[A-ZÀ-ÖØ-ÞĀ-ŽȘȚ][\w'’.-]*"  # a capitalised word in Latin letters
_LATS = rf"{_LAT}(?:[ \t]+{_LAT}){{0,3}}"
_EL = r"[\u0386\u0388-\u038f\u0391-\u03ab][\u0386\u0388-\u03ce\u1f00-\u1ffc]*"
_HE = r"[\u05d0-\u05ea][\u05d0-\u05ea'\"׳״]*"
_HI = r"[\u0900-\u0963\u0971-\u097f]+"
_TH = r"[\u0e01-\u0e3a\u0e40-\u0e4e]+"
_UK = r"[\u0400-\u042f\u0404\u0406\u0407\u0490][\u0400-\u04ff'’ʼ-]*"
_NUM = r"\d{1,4}(?:/\d{1,4})?[A-Za-z]?"

_PATTERNS = (
    # Romania: Str. Florilor nr. 12, bl. A2, ap. 5, 400001 Cluj-Napoca
    rf"(?:Str\.|Strada|Bd\.|B-dul|Bulevardul|Calea|Aleea|Șos\.|Șoseaua|Piața|Splaiul)[ \t]+"
    rf"{_LATS}[ \t]+nr\.[ \t]*{_NUM}(?:,[ \t]*(?:bl|sc|et|ap)\.[ \t]*[\w-]{{1,4}})*"
    rf"(?:,[ \t]*\d{{6}}[ \t]+{_LAT}(?:[ \t]+{_LAT})?)?",
    # Indonesia: Jl. Merdeka No. 26, Surabaya 60271
    rf"(?:Jl\.|Jalan)[ \t]+{_LATS}[ \t]+No\.?[ \t]*{_NUM}"
    rf"(?:,[ \t]*{_LAT}(?:[ \t]+{_LAT})?(?:[ \t]+\d{{5}})?)?",
    # Kenya and Tanzania: Plot 39, Kenyatta Avenue, Mombasa 80100
    rf"(?:Plot|House|Flat|Apartment|Hse\.?)[ \t]+{_NUM},[ \t]*{_LATS}[ \t]+"
    rf"(?:Road|Avenue|Street|Lane|Drive|Way|Rd|Ave|St)\.?"
    rf"(?:,[ \t]*{_LAT}(?:[ \t]+{_LAT})?(?:[ \t]+\d{{5}})?)?",
    # Greece: Ερμού 72, 262 21 Πάτρα
    rf"{_EL}(?:[ \t]+{_EL}){{0,2}}[ \t]+{_NUM},[ \t]*\d{{3}}[ \t]?\d{{2}}[ \t]+{_EL}",
    # Israel: רחוב ביאליק 58, באר שבע
    rf"(?:רחוב|רח'|רח׳|שדרות|שד'|שד׳|דרך|סמטת|כיכר)[ \t]+{_HE}(?:[ \t]+{_HE}){{0,2}}[ \t]+"
    rf"{_NUM}(?:,[ \t]*{_HE}(?:[ \t]+{_HE})?(?![ \t]+{_HE}))?",
    # India: फ्लैट 18, शिवाजी मार्ग, पुणे 411001
    rf"(?:(?:फ्लैट|मकान नं\.|मकान|हाउस)[ \t]+)?\d{{1,4}},[ \t]*(?:{_HI}(?:[ \t]+{_HI}){{0,2}}"
    rf"[ \t]+(?:रोड|मार्ग|नगर|कॉलोनी|गली|चौक|पथ|लेन)|(?:सेक्टर|ब्लॉक|फेज़)[ \t]+\d{{1,3}}),"
    rf"[ \t]*{_HI}(?:[ \t]+{_HI})?[ \t]+\d{{6}}",
    # Thailand: 99/12 ซอย... ถนนสุขุมวิท แขวง... เขต... กรุงเทพฯ 10110
    rf"{_NUM}[ \t]+(?:(?:ซอย|หมู่)[ \t]?{_TH}[ \t]+)?ถนน{_TH}"
    rf"(?:,?[ \t]+{_TH})*?[ \t]+\d{{5}}",
    # Ukraine: вул. Шевченка, 3, кв. 7, Київ, 01001
    rf"(?:вул\.|вулиця|просп\.|проспект|бульв\.|бульвар|пров\.|провулок|пл\.|площа)[ \t]+"
    rf"{_UK}(?:[ \t]+{_UK})?,?[ \t]+{_NUM}(?:,[ \t]*кв\.[ \t]*\d{{1,4}})?"
    rf"(?:,[ \t]*{_UK}(?:-{_UK})?)?(?:,[ \t]*\d{{5}})?",
)
#: No look-behind at the start, so the engine skips ahead to where a form can begin; the
#: character before a match is checked afterwards.
_WORLD = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))
#: Vietnam: a number, a street named in capitalised syllables, the ward or district and the
#: city (134 Nguyễn Huệ, Hoàn Kiếm, Hà Nội); read only in text with Vietnamese letters.
_VI_WORD = r"[A-ZÀ-ỹĐ][^\W\d_]*"
_VI_WORDS = rf"{_VI_WORD}(?:[ \t]+{_VI_WORD}){{0,3}}"
_VI_STREET = rf"{_VI_WORD}(?:[ \t]+{_VI_WORD}){{1,3}}"  # a street has two syllables or more
_VIETNAMESE = re.compile(
    rf"(?<![\w/.-])\d{{1,4}}[A-Z]?(?:/\d{{1,4}})?[ \t]+(?:(?:đường|phố)[ \t]+)?{_VI_STREET},"
    rf"[ \t]*(?:(?:Phường|Quận|Q\.|P\.|Huyện)[ \t]*(?:\d{{1,2}}(?!\d)|{_VI_WORDS})|{_VI_WORDS}),"
    rf"[ \t]*(?:TP\.?[ \t]*)?{_VI_WORDS}"
)
_VI_MARKS = re.compile("[\u0110\u0111\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
#: What every form above holds: a street word in Latin letters, or a letter of the other
#: scripts (most text has neither, and is passed over in one search each).
_LATIN_GATE = re.compile(
    r"Str\.|Strada|Bd\.|B-dul|Bulevardul|Calea|Aleea|Șos|Piața|Splaiul|Jl\.|Jalan|Plot |House "
    r"|Flat |Apartment |Hse"
)
_SCRIPT_GATE = re.compile("[\u0386-\u03ce\u05d0-\u05ea\u0900-\u097f\u0e01-\u0e4e\u0400-\u04ff]")
_UK_STREETS = ("вул", "просп", "бульв", "пров", "площа", "пл.")


def _worth_reading(text: str) -> bool:
    if _LATIN_GATE.search(text) is not None:
        return True
    m = _SCRIPT_GATE.search(text)
    if m is None:
        return False
    if "\u0400" <= m.group() <= "\u04ff":  # Cyrillic: only with a Ukrainian street word
        return any(w in text for w in _UK_STREETS)
    return True


_DIGIT = re.compile(r"\d")


def find_world_addresses(text: str) -> list[Span]:
    """STREET_ADDRESS spans of the forms above in ``text``."""
    if _DIGIT.search(text) is None:
        return []
    found = []
    if _worth_reading(text):
        for m in _WORLD.finditer(text):
            before = text[m.start() - 1 : m.start()]
            if not (before.isalnum() or before in "-_") or not before:
                found.append(m.span())
    if _VI_MARKS.search(text) is not None:
        found += [m.span() for m in _VIETNAMESE.finditer(text)]
    out = []
    for start, end in found:
        value = text[start:end].rstrip(" ,.")
        if _DIGIT.search(value) is not None:
            out.append(Span(start, start + len(value), Entity.STREET_ADDRESS, 0.8))
    return out
