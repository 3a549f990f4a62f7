"""Street addresses: a house number with a street name and street type (``742 Evergreen
Terrace``, ``10 Downing St``), a German or Dutch compound street and number (``Hauptstraße 5``),
or a French, Spanish or Italian street type first (``12 rue de la Paix``, ``Calle Mayor 5``),
each extended over a following unit, town and postcode.

>>> text = "Ship to 742 Evergreen Terrace, Springfield, IL 62704 today"
>>> [text[s.start:s.end] for s in find_addresses(text)]
['742 Evergreen Terrace, Springfield, IL 62704']
>>> find_addresses("We ran 5 Fast Tests and 3 Long Runs")
[]
"""

from __future__ import annotations

import re
from functools import lru_cache

from secplan.data.cjk_names import has_cjk
from secplan.data.context import trie_pattern, words_before
from secplan.data.lists import word_lists
from secplan.data.spans import Entity, Span
from secplan.data.world_addresses import find_world_addresses

_UP = "A-ZÀ-ÖØ-ÞĀ-Ž"
_W = rf"[{_UP}][\w'’-]*"  # a capitalised word of a street name or town
_UNIT = (
    r"(?:,?[ \t]+(?:Apt|Apartment|Suite|Ste|Unit|Flat|Fl|Floor|Room|Rm|Bldg|#)"
    r"\.?[ \t]*#?[\w-]{1,6})?"
)
_US_TAIL = (
    rf"(?:,?[ \t]*\n?[ \t]*{_W}(?:[ \t]+{_W}){{0,3}},?[ \t]+[A-Z]{{2}}[ \t]+\d{{5}}(?:-\d{{4}})?)"
)
_UK_TAIL = (
    rf"(?:,?[ \t]*\n?[ \t]*{_W}(?:[ \t]+{_W}){{0,3}},?[ \t]*\n?[ \t]*"
    r"[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2})"
)
_CONNECT = r"(?:di|de|del|della|la|le|sur|am|an der|im|in|bei|aan|den|op|upon|on)"
_TOWNW = rf"{_W}(?:[ \t-]+(?:{_CONNECT}[ \t]+)*{_W}){{0,3}}"
_EU_TAIL = (
    rf"(?:[ \t]*,?[ \t]*\n?[ \t]*(?:[A-Z]{{1,2}}-)?(?:\d{{4}}[ \t]?[A-Z]{{2}}(?![\w])|\d{{4,5}})"
    rf"[ \t]+{_TOWNW})"
)
_TOWN = rf"(?:,[ \t]*{_W}(?:[ \t]+{_W}){{0,2}})"
#: Brazil: town, a dash and the state, then the CEP ("São Paulo - SP, 01310-100").
_BR_TAIL = rf"(?:,[ \t]*{_TOWNW}[ \t]+-[ \t]+[A-Z]{{2}}(?:,?[ \t]*\d{{5}}-?\d{{3}})?)"
_TAIL = rf"(?:{_BR_TAIL}|{_US_TAIL}|{_UK_TAIL}|{_EU_TAIL}|{_TOWN})?"
#: A house number, not a postcode, nor the start of a version (Apache Spark 10.5.108)
_NUMBER = r"\d{1,4}(?:[-/]\d{1,4})?[ \t]?[a-zA-Z]?(?![\w]|\.\d)"
_EU_UNIT = (
    r"(?:[ \t]*[,-]?[ \t]+(?:Piso|Puerta|Piano|Appartamento|Apartamento|Apt\.?|Escalera|Esc\.|"
    r"Interno|Int\.|Scala|Planta|Bajo|Etage|Stock|Whg\.?|Bus|Boîte|bte|apto\.?|ap\.|sala|bloco"
    r"|andar|casa|lok\.|m\.)[ \t]*[\w-]{1,4})*"
)


_DIGIT = re.compile(r"\d")
_SPACED_CODE = re.compile(r"\d{3}[ \t]\d{2}(?!\d)|\d{2}-\d{3}(?!\d)")
#: Street types written as a word of their own after the name and before the number:
#: German (Berliner Straße 12), Nordic (Karl Johans gate 5), Turkish (Atatürk Caddesi No: 7
#: D: 3, with its door number).
_SEPARATE_TYPES = (
    r"Straße|Strasse|Str\.|Gasse|Weg|Allee|Platz|Ring|Damm|Chaussee|gate|gata|gatan|vej|vei"
    r"|veien|Caddesi|Cad\.|Sokak|Sokağı|Sk\.|Bulvarı|Blv\.|Mahallesi|Mah\."
    r"|út|utca|u\.|tér|körút|krt\.|köz|sor|fasor|sétány|rakpart"
)
#: A street name and a number before a postcode that no other number looks like (Czech,
#: Slovak, Swedish and Greek "779 00", Polish "31-005") and its town: "Komenského 5, 779 00
#: Olomouc", "Masarykova 91, 110 00 Praha 1".
_POSTCODE_SPACED = (
    rf"(?<![\w-]){_W}(?:[ \t]+{_W}){{0,2}}[ \t]+\d{{1,4}}(?:/\d{{1,4}})?[a-zA-Z]?,[ \t]*"
    rf"(?:\d{{3}}[ \t]\d{{2}}|\d{{2}}-\d{{3}})[ \t]+{_TOWNW}(?:[ \t]+\d{{1,2}}(?![\w]))?"
)
_CJK_ADDR = "\u3005\u4e00-\u9fff\u3041-\u30ff0-9０-９\\-－ー"
#: Japanese: a postcode mark and number, then prefecture, city, district and block numbers
#: written without blanks ("〒530-0001 大阪府大阪市北区梅田3-1-3").
_JP = rf"〒[ \t\u3000]?\d{{3}}-\d{{4}}(?:[ \t\u3000]?[{_CJK_ADDR}]+)?"
#: Chinese: a province or city, then a road or street and a number with 号.
_ZH = r"[\u4e00-\u9fff]{2,12}[市区県县][\u4e00-\u9fff0-9]{0,20}?[路街道巷][0-9０-９]{1,5}号"
#: Korean: a city or province, a district, and a road name with its building number.
_KO = (
    r"[가-힣]{2,8}(?:시|도)[ \t][가-힣]{1,8}(?:구|군|시)[ \t](?:[가-힣]{1,8}(?:동|읍|면)[ \t])?"
    r"[가-힣0-9]{1,12}(?:로|길)[ \t]?\d{1,4}(?:-\d{1,4})?"
)


def _alt(words: frozenset[str] | tuple[str, ...]) -> str:
    """Any of ``words``, the longest first where one begins another: as a trie of their
    characters, which the matcher reads once at each position (a flat alternation of the
    words, longest first, matches the same, trying every word at every position)."""
    return trie_pattern(sorted(words))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    lists = word_lists()
    types = _alt(lists.street_types)
    prefixes = _alt(lists.street_prefixes)
    compounds = _alt(lists.street_compounds)
    number_first = re.compile(
        r"(?<![\w.,/-])\d{1,6}[A-Za-z]?(?:-\d{1,4})?[ \t]+(?:[NSEW]\.?[ \t]+)?"
        rf"(?:{_W}[ \t]+){{1,4}}(?i:{types})\.?(?![\w])" + _UNIT + _TAIL
    )
    compound = re.compile(
        rf"(?<![\w-])(?:[{_UP}][\w-]*(?i:{compounds})|(?:Am|An der|Im|In der|Auf der)[ \t]+{_W})"
        rf"[ \t]+{_NUMBER}" + _EU_UNIT + _TAIL
    )
    prefix = re.compile(
        r"(?<![\w-])(?:\d{1,4}(?:[ \t]?(?:bis|ter))?,?[ \t]+)?"
        rf"(?i:{prefixes})[ \t]+(?:(?:de|du|des|la|le|l'|d'|del|della|dei|di|do|da|dos|das)[ \t]*)*"
        rf"[{_UP}][\w'’-]*(?:[ \t]+(?:de |di |del |la )?[{_UP}][\w'’-]*){{0,3}}"
        rf"(?:[ \t]*,?[ \t]+(?:n\.?[ºo°]?[ \t]*)?{_NUMBER})?" + _EU_UNIT + _TAIL
    )
    separate = re.compile(
        rf"(?<![\w-])(?:{_W}[ \t]+){{1,2}}(?:{_SEPARATE_TYPES})[ \t]+(?:No[.:]?[ \t]*)?"
        rf"(?:\d{{1,4}}[ \t]*(?:D|Daire|Kat)[.:][ \t]*\d{{1,4}}(?!\w)|{_NUMBER})" + _EU_UNIT + _TAIL
    )
    spaced = re.compile(_POSTCODE_SPACED)  # run only where _SPACED_CODE finds a postcode
    cjk = re.compile(f"{_JP}|{_ZH}|{_KO}")
    return number_first, compound, prefix, separate, spaced, cjk


def find_addresses(
    text: str, *, threshold: float = 0.5, hint: set[str] | None = None
) -> list[Span]:
    ctx_words = word_lists().context.get(Entity.STREET_ADDRESS, frozenset())
    out: list[Span] = []
    digits = _DIGIT.search(text) is not None
    for i, pattern in enumerate(_patterns()):
        if i != 2 and not digits:
            continue
        if (i == 4 and _SPACED_CODE.search(text) is None) or (i == 5 and not has_cjk(text)):
            continue
        for m in pattern.finditer(text):
            value = m.group().rstrip(" ,.")
            if i == 5 and value.startswith("〒") and len(value) < 10:
                continue  # a postcode alone
            if i == 2 and _DIGIT.search(value) is None:
                score = 0.45  # "Rue de la Paix" alone names a street, not a home
            else:
                score = 0.75 if len(value) > 12 else 0.6
            ctx = words_before(text, m.start()) | (hint or set())
            if ctx & ctx_words:
                score += 0.2
            if score >= threshold:
                out.append(
                    Span(m.start(), m.start() + len(value), Entity.STREET_ADDRESS, round(score, 2))
                )
    if threshold <= 0.8:
        out += find_world_addresses(text)
    return _merged(out)


def _merged(spans: list[Span]) -> list[Span]:
    """Overlapping findings of the patterns as one address ("al. Jerozolimskie 2" and
    "Jerozolimskie 2, 00-238 Warszawa")."""
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if out and s.start < out[-1].end:
            last = out[-1]
            out[-1] = Span(last.start, max(last.end, s.end), last.label, max(last.score, s.score))
        else:
            out.append(s)
    return out
