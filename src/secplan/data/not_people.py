"""Names that are not people: storms, ships, awards and streets named after someone.

A storm has a person's name (``Typhoon Haiyan``, ``Storm Daniel``), and so do ships (``the
ship Queen Mary 2``), awards and fellowships (``Booker Prize``, ``a Marie Skłodowska-Curie
fellowship``) and streets (``Str. Mihai Eminescu``, ``Jl. Gajah Mada``, ``Deák Ferenc tér``).
The words written around the name say which: a storm word, a ship word or a street word
before it, an award or street word after it. Those names are dropped.

>>> text = "Typhoon Haiyan hit the coast; Maria Santos called."
>>> spans = [Span(0, 14, "PERSON", 0.8), Span(30, 42, "PERSON", 0.8)]
>>> [text[s.start : s.end] for s in drop_named_things(text, spans)]
['Maria Santos']
"""

from __future__ import annotations

from secplan.data.spans import Entity, Span

#: Storm words, in English and in the languages the detectors read, written before a name.
_STORM = (
    r"super typhoon|typhoon|hurricane|cyclone|tropical storm|storm|tornado|bão|siêu bão|siklon"
    r"|badai|kimbunga|myrsky|myrskyn|vihar|orkán|furtuna|furtunii|ciclonul|uraganul|bouře"
    r"|cyklon|hurikán|тайфун|ураган|шторм|циклон|буря|κακοκαιρία|τυφώνας|καταιγίδα|κυκλώνας"
    r"|סופה|סופת|הוריקן|טייפון|तूफ़ान|तूफान|चक्रवात|พายุ|พายุไต้ฝุ่น"
)
#: Ship words written before a ship's name.
_SHIP = (
    r"ship|vessel|ferry|liner|cruise ship|m/s|mv|m/v|rms|laiva|laivalla|laivan|kapal"
    r"|meli|loď|lodí|nava|vaporul|hajó|hajón|πλοίο|το πλοίο|ספינה|ספינת|जहाज़|जहाज|เรือ"
    r"|บันทึกเรือ|судно|теплохід|пором|tàu|du thuyền"
)
#: Street words written before a street's name.
_STREET_BEFORE = (
    r"str\.|strada|bulevardul|bd\.|b-dul|calea|aleea|șoseaua|piața|jl\.|jalan|ul\.|ulice"
    r"|nám\.|náměstí|třída|rue|calle|odós|οδός|λεωφόρος|вулиця|вул\."
    r"|проспект|просп\.|площа|đường|phố|cầu|aeroportul|letiště|lentoasema|bandara"
    r"|uwanja wa ndege wa|uwanja wa ndege"
)
#: Words after a name that make it a street, square, stop, award or product.
_AFTER = (
    r"tér|utca|út|útja|körút|megálló|rakpart|nádraží|náměstí|street|avenue|road|square"
    r"|prize|award|scholarship|fellowship|medal|lecture|foundation|institute|bot"
    r"|-palkinto|-stipendi|díj|díjat|ösztöndíj|cena|ceny|stipendium|premiul|bursa"
    r"|tuzo|hadiah|beasiswa|giải|học bổng|βραβείο|υποτροφία|פרס|מלגת|पुरस्कार|छात्रवृत्ति"
    r"|รางวัล|ทุน|премія|премію|стипендія"
)


def _set(words: str) -> frozenset[str]:
    return frozenset(w.replace("\\", "") for w in words.split("|"))


_BEFORE = _set(_STORM) | _set(_SHIP) | _set(_STREET_BEFORE)
_AFTER_WORDS = _set(_AFTER)
_PUNCT = "\"'„“”()[]{},;:!?"
_WINDOW = 32


def _last_words(text: str, start: int) -> list[str]:
    return text[max(0, start - _WINDOW) : start].lower().split()[-4:]


def _named_thing(text: str, span: Span) -> bool:
    before = [w.strip(_PUNCT) for w in _last_words(text, span.start)]
    if any(" ".join(before[-n:]) in _BEFORE for n in range(1, len(before) + 1)):
        return True
    value = text[span.start : span.end].lower().split()
    if not value:
        return False
    if value[0] in _BEFORE or (len(value) > 1 and " ".join(value[:2]) in _BEFORE):
        return True  # Typhoon Haiyan, Meli Ever Given, Jalan Thamrin
    if len(value) > 1 and value[-1].split("-")[0] in _AFTER_WORDS:
        return True  # Booker Prize, Ernie Bot-integraatio
    after = text[span.end : span.end + _WINDOW].lower().lstrip(" \t-").split()
    return bool(after) and after[0].strip(_PUNCT + ".").split("-")[0] in _AFTER_WORDS


def drop_named_things(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` without the PERSON spans that name a storm, a ship, an award or a street."""
    return [s for s in spans if s.label != Entity.PERSON or not _named_thing(text, s)]
