"""Person names without a model: capitalised runs, name lists and the words around them.

A run of capitalised words scores by what the lists know about it (a given name followed by a
surname is strong evidence; two unknown capitalised words are not) and by its context: a title
(``Dr.``, ``Frau``) or a name-introducing word (``Dear``, ``name:``, ``signed by``) before it
raises the score; an organisation word after it (``Inc``, ``Hospital``) or a street type rules
it out.

>>> [(s.start, s.end) for s in find_names("Dear Maria Gonzalez, your order shipped.")]
[(5, 19)]
>>> find_names("Machine Learning Weekly is out. Please Read It.")
[]
>>> [text[s.start:s.end] for text in ["Ask Dr. Okonkwo today"] for s in find_names(text)]
['Okonkwo']
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import NamedTuple

from secplan.data.context import (
    WINDOW_WORDS,
    header_words,
    hint_words,
    phrases,
    tokens_before,
)
from secplan.data.lists import WORLD_RANK, WordLists, word_lists
from secplan.data.spans import Entity, Span

_UP = "A-ZÀ-ÖØ-ÞĀ-Ž"
_WORD_REST = r"[^\W\d_]*(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*"  # after the capital
_TOKEN = rf"[{_UP}]{_WORD_REST}"
_PARTICLE = r"(?:van|von|der|den|de|del|della|di|da|dos|das|du|la|le|ter|ten|zu|bin|ibn|al|el)"
_INITIAL = rf"[{_UP}]\."
#: A run of capitalised words. Its first capital comes before the look-behinds (which
#: look past it): a pattern that opens with a character class lets the matcher skip to
#: the capitals.
_RUN = re.compile(
    rf"[{_UP}](?<![\w/\\.-].)(?<![\w.]@.)(?:{_TOKEN[len(_UP) + 2 :]}\.?|\.)"
    rf"(?:[ ]{{1,2}}(?:{_PARTICLE}[ ]+)*(?:{_TOKEN}\.?|{_INITIAL}))*"  # a tab ends a cell
)
_PIECE = re.compile(rf"{_INITIAL}|{_TOKEN}|{_PARTICLE}")
_POSSESSIVE = ("'s", "’s")
THRESHOLD = 0.5


def _key(text: str) -> str:
    t = text.lower()
    for p in _POSSESSIVE:
        if t.endswith(p):
            return t[: -len(p)]
    return t.rstrip(".")


class _Tok(NamedTuple):  # a tuple: built for every capitalised word, so built fast
    text: str
    start: int
    end: int
    key: str  # lower-case, without a possessive 's or a trailing dot

    initial: bool  # "K.": a capital and a dot
    particle: bool  # "van", "de": opens with a small letter

    @staticmethod
    def of(text: str, start: int, end: int) -> _Tok:
        seen = _TOKENS.get(text)
        if seen is None:
            seen = (_key(text), len(text) == 2 and text.endswith("."), text[:1].islower())
            if len(_TOKENS) >= 65536:
                _TOKENS.clear()
            _TOKENS[text] = seen
        return _Tok(text, start, end, *seen)


#: What a word's text says of it (key, initial, particle), for words seen before.
_TOKENS: dict[str, tuple[str, bool, bool]] = {}


_HYPHEN_INITIAL = re.compile(r"-[^\W\d_]$")  # Hans-J. Hofmann


#: Name prefixes after which a capital letter is part of the name (McDonald, DeVito, O'Brien).
_CAMEL_OK = re.compile(
    r"^(?:Mc|Mac|Fitz|De|Di|Da|Du|La|Le|Van|Von|St|O['’]|D['’]|L['’])", re.UNICODE
)


def _inner_capital(word: str) -> bool:
    """A capital letter after a lower-case one (PyTorch, iPhone); ``str`` methods, since the
    Latin Extended-A block mixes cases (ğ, ł and ś are lower-case)."""
    if word[1:].islower() or word.isupper():
        return False  # the common cases, without a loop
    return any(a.islower() and b.isupper() for a, b in itertools.pairwise(word))


def _thing_word(t: _Tok, lists: WordLists) -> bool:
    """A token that is not part of a person's name: a single letter without a full stop
    ("PyTorch C++"), a word with a capital inside (PyTorch, OpenAI, GitHub, iPhone) unless a
    name prefix explains the capital (McDonald, DeVito), an acronym that no name list knows
    (SAML, ORD), or a compound with a common word in it (E-Mail, Nova-Update)."""
    if len(t.text) == 1:
        return True
    if t.text.isupper() and t.key not in lists.given and t.key not in lists.surnames:
        return not _surname_like(t.key)
    parts = t.text.split("-")
    if any(_inner_capital(p) and not _CAMEL_OK.match(p) for p in parts):
        return True
    return len(parts) > 1 and any(p[:1].isupper() and p.lower() in lists.not_names for p in parts)


#: Endings of surnames (and patronymics) in languages whose surnames are too many to list:
#: Polish and Slavic (-ski, -wicz, -czyk, -enko, -ova), Turkish (-oğlu), Nordic (-sson,
#: -dóttir), Greek (-opoulos, -akis, -idis), Romanian (-escu), Georgian (-shvili, -dze),
#: Armenian (-yan), South Slavic (-ović, -ić).
_SURNAME_ENDINGS = (
    "ski",
    "ska",
    "cki",
    "cka",
    "dzki",
    "dzka",
    "wicz",
    "owicz",
    "ewicz",
    "czyk",
    "czak",
    "ńczuk",
    "chuk",
    "czuk",
    "enko",
    "oğlu",
    "oglu",
    "sson",
    "ssen",
    "dóttir",
    "dottir",
    "opoulos",
    "poulos",
    "akis",
    "idis",
    "iadis",
    "escu",
    "shvili",
    "dze",
    "ović",
    "ovic",
    "ević",
    "evic",
    "yan",
    "ova",
    "eva",
    "ovich",
    "evich",
    "ovna",
    "evna",
)
_SHORT_ENDINGS = ("ov", "ev", "ić", "ak", "ek", "uk")


@lru_cache(maxsize=8192)
def _surname_like(key: str) -> bool:
    if not key.isalpha():
        return False
    for end in _SURNAME_ENDINGS:
        if key.endswith(end) and len(key) >= len(end) + 3:
            return True
    return len(key) >= 6 and key.endswith(_SHORT_ENDINGS)


#: A model designation right after a run (S23, X1, 4090, M2 Pro): the run names a product.
_MODEL_AFTER = re.compile(
    r"[ \t]+(?!\d+(?:st|nd|rd|th)\b)(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{2,8}(?!\w)"
)
#: An article or determiner right before a run: people are rarely "the" or "an" anything.
_ARTICLE_BEFORE = re.compile(
    r"(?i)(?<![\w'’])(?:the|a|an|our|their|its|this|these|those|every|each)[ \t]+$"
)


_A_AN = re.compile(r"(?i)(?<![\w'’])an?[ \t]+$")


#: Words before a place named after a saint; the run after them is the rest of the place.
_SAINT = frozenset(
    {"san", "santa", "santo", "são", "sao", "sankt", "st", "saint", "sainte", "ste", "sint", "sv"}
)
#: A chat bot's or an assistant's name follows these words or is followed by its role.
_BOT_BEFORE = frozenset(
    {"bot", "chatbot", "assistant", "assistent", "assistentin", "assistente", "asistente"}
)
_BOT_AFTER = re.compile(
    r"(?i)[ \t]{0,4}[,(][ \t]{0,4}(?:[^\W\d_]{1,30}(?:['’]s)?[ \t]{1,4}){1,3}"
    r"(?:virtual[ \t]{1,4})?(?:assistant|assistent|assistente|asistente|assistentin|bot|chatbot"
    r"|agent)\b"
)


def _preposition_name(text: str, start: int, words: list[_Tok], lists: WordLists) -> bool:
    """ "a" and "an" before a given name and a surname are the Romance and German
    prepositions ("intestato a Giuseppe Moretti", "eine Mail an Lukas Köhler"), not the
    English article of "an Apple Watch"."""
    return (
        len(words) >= 2
        and _A_AN.search(text, max(0, start - 4), start) is not None
        and _known(words[0].key, lists.given)
        and _known(words[-1].key, lists.surnames)
    )


def _is_thing(words: list[_Tok], lists: WordLists, named: bool = False) -> bool:
    """The run names a country, place, organisation or product: the whole run is one, or a
    word of it is one and no name list knows that word. ``named``: a title or a word that
    introduces a person stands before the run, so a whole run that is also a given name
    (Florence, Julia) is the person."""
    keys = [w.key for w in words]
    if " ".join(keys) in lists.things:
        return not (named and (_known(keys[0], lists.given) or _surname(keys[-1], lists)))
    if any(" ".join(keys[:i]) in lists.things for i in range(2, len(keys))):
        return True  # Hugo Boss Adapter, Louis Vuitton de Chad
    if len(keys) > 1 and keys[0] in lists.things and keys[-1] in lists.models:
        return True  # Porsche Cayenne, Kia Ceed: a brand and its model
    if len(keys) > 1 and keys[0] in lists.brands and _brand_first(keys, lists):
        return True  # Porsche Connect App, Ferrari Roma, Philips Hue: a brand opens the run
    if "-" in keys[-1] and keys[-1].rsplit("-", 1)[1] in lists.org_suffixes:
        return True  # Humboldt-Stiftung, Bosch-Gruppe: an organisation's compound name
    if len(keys) > 1 and any(
        k in lists.org_suffixes and lists.surnames.get(k, 2000) >= 2000 for k in keys[1:]
    ):
        return True  # Rocky Mountain, Mercy Hospital, Porsche Zentrum Graz (not Kim Park)
    return any(k in lists.things and k not in lists.given and k not in lists.surnames for k in keys)


def _brand_first(keys: list[str], lists: WordLists) -> bool:
    """A run opened by a brand names the brand's product unless the brand is also a given
    name followed by a name (Alexa Eaton, Casper Thomas); a rare given name that no name
    follows is the brand (Porsche Connect App)."""
    rank = lists.given.get(keys[0])
    if rank is None:
        return True
    return rank >= RARE_SURNAME and not any(
        k in lists.surnames or k in lists.given for k in keys[1:]
    )


def _given(key: str, lists: WordLists) -> bool:
    return key in lists.given and key not in lists.ambiguous and key not in lists.not_names


def _contraction(key: str, lists: WordLists) -> bool:
    """``I'm``, ``We'll``, ``Don't``: a sentence word with a contracted ending."""
    for q in ("'", "’"):
        head, sep, tail = key.partition(q)
        if (
            sep
            and tail in ("m", "ll", "re", "ve", "d", "s", "t")
            and (head in lists.not_names or tail == "t")
        ):
            return True
    return False


def _known(key: str, table: dict[str, int]) -> bool:
    if key in table:
        return True
    if "-" in key and all(p in table for p in key.split("-") if p):
        return True
    if "'" in key or "’" in key:
        return key.replace("'", "").replace("’", "") in table
    return "-" in key and any(p in table for p in key.split("-"))


_DIGIT_NEXT = re.compile(r"[ \t]{1,4}\d")  # "Rev. October 2018": a date, not Madame Gentile


def _groups(text: str, tokens: list[_Tok], lists: WordLists) -> list[tuple[list[_Tok], bool]]:
    """Split a run into candidate names: at words that are never part of a name (sentence
    words, months), after a full stop, and after a title (which marks the next name)."""
    out: list[tuple[list[_Tok], bool]] = [([], False)]
    for i, t in enumerate(tokens):
        cur = out[-1][0]
        if i == 0 and t.initial and t.key in lists.titles and len(tokens) > 1:
            out.append(([], True))  # "M. Popov" (Monsieur)
            continue
        if t.particle or t.initial:
            if cur or (t.initial and _initialled(tokens[i:], lists)):
                cur.append(t)  # "O. Wood": initials before a surname open the name
            continue
        if t.key in lists.titles:
            out.append(([], True))
            continue
        if cur and cur[-1].particle and not _thing_word(t, lists):
            cur.append(t)  # van Este, de la Cruz: the word after a particle is the surname
            continue
        after_given = bool(cur) and (cur[-1].initial or _given(cur[-1].key, lists))
        if t.key in lists.roles and not (after_given and t.key in lists.surnames):
            out.append(([], False))  # (Colton Holder, Mary Baker: a surname that is a role)
            continue
        if t.key in lists.not_names and after_given and t.key in lists.surnames:
            cur.append(t)  # Robert Hill, Kevin Stone: a surname that is also a common word
            continue
        after_title = not cur and out[-1][1]
        if (
            after_title
            and t.key in lists.not_names
            and not _thing_word(t, lists)
            and not _DIGIT_NEXT.match(text, t.end)
        ):
            cur.append(t)  # Madame Gentile: after a title, the word is the name
            continue
        if (
            not cur
            and t.key in lists.not_names
            and t.key in lists.given
            and t.key not in _SAINT
            and t.key not in lists.street_prefixes
            and i + 1 < len(tokens)
            and _family_name(tokens[i + 1], lists)
        ):
            cur.append(t)  # Jan Kowalczyk, Will Turner: a given name that is also a word
            continue
        if t.key in lists.not_names or _contraction(t.key, lists) or _thing_word(t, lists):
            out.append(([], False))
            continue
        cur.append(t)
        if text[t.end : t.end + 1] == "." and not _HYPHEN_INITIAL.search(t.text):
            out.append(([], False))
    cleaned = []
    for g, titled in out:
        while g and (g[-1].particle or g[-1].initial):
            g.pop()
        if g:
            cleaned.append((g, titled))
    return cleaned


def _family_name(t: _Tok, lists: WordLists) -> bool:
    """A token that can only be a family name here: a known or surname-shaped word that is
    neither a common word nor a thing's name."""
    if t.particle or t.initial or t.key in lists.not_names or t.key in lists.things:
        return False
    return _surname(t.key, lists) and not _thing_word(t, lists)


def _surname(key: str, lists: WordLists) -> bool:
    return _known(key, lists.surnames) or _surname_like(key)


def _base_score(words: list[_Tok], lists: WordLists) -> float:
    first, last = words[0].key, words[-1].key
    g = _known(first, lists.given)
    s = _surname(last, lists) or _known(last, lists.given)
    if len(words) == 1:
        if first in lists.ambiguous:
            return 0.05
        return 0.35 if (g or _surname(first, lists)) else 0.1
    amb = first in lists.ambiguous and last in lists.ambiguous
    if g and s:
        return 0.6 if amb else 0.85
    if g:
        return 0.7 if first not in lists.ambiguous else 0.4
    if s and _surname(last, lists):
        return 0.55
    if len(words) == 2 and _surname(first, lists) and _given(last, lists):
        return 0.55  # family name first (Hungarian, East Asian order): Varga Ádám
    return 0.3


@lru_cache(maxsize=1)
def _person_context() -> frozenset[str]:
    """The words before a name that say it is a person's: the context words and the roles."""
    lists = word_lists()
    return lists.context.get(Entity.PERSON, frozenset()) | lists.roles


def _score(
    words: list[_Tok], ctx: set[str], after: set[str], titled: bool, lists: WordLists
) -> float:
    score = _base_score(words, lists)
    if titled:
        return max(score, 0.9)
    if not _person_context().isdisjoint(ctx):
        score += 0.25 if score >= 0.3 else 0.15
    if _PAST in after or after & lists.after.get(Entity.PERSON, frozenset()):
        score += 0.25 if len(words) > 1 else 0.15
    if all(w.text.isupper() and len(w.text) > 1 for w in words) and score < 0.8:
        score -= 0.2  # an all-caps run is a heading or an acronym unless the lists know it
    return min(score, 0.95)


def _after(text: str, end: int) -> str:
    m = _NEXT_WORD.match(text, end, end + 24)
    return m.group(1).lower() if m else ""


_NEXT_WORD = re.compile(r"[ \t,]*([^\W\d_]+)\.?")
_LETTERS = re.compile(r"[^\W\d_]+")
_CLAUSE_END = re.compile(r"[.!?;:\n]")


#: An English verb in the past tense right after a name: "Sophie refused", "Tyler opened".
_PAST = "<past tense>"  # marks it among the words after (never a word itself)


def _words_after(text: str, end: int) -> set[str]:
    """The first word after a candidate and the first two as a pair, lower-cased, within
    its clause (a verb after the full stop is the next sentence's)."""
    window = text[end : end + 32].lower()
    stop = _CLAUSE_END.search(window)
    words = _LETTERS.findall(window, 0, stop.start() if stop else len(window))[:2]
    out = set(words[:1]) | ({" ".join(words)} if len(words) == 2 else set())
    first = words[0] if words else ""
    if window[:1] == " " and len(first) > 3 and first.endswith("ed") and first.isascii():
        out.add(_PAST)  # a verb in the past tense reads like "said"
    return out


#: A copyright or licence notice before a name: public attribution, not personal data at risk.
_COPYRIGHT_BEFORE = re.compile(
    r"(?i)(?:copyright|\(c\)|©|spdx-filecopyrighttext:?)[ \t]{0,4}(?:(?:\(c\)|©)[ \t]{0,4})?"
    r"(?:\d{4}(?:[ \t]{0,2}[-–,][ \t]{0,2}\d{4}){0,4}[ \t,]{0,4})?(?:by[ \t]{1,4})?$"
)
#: A name used as an eponym: Dijkstra's algorithm, Spearman's rho, the Adam optimizer.
_EPONYM_AFTER = re.compile(
    r"(?i)(?:['’]s?)?(?:[ \t]+(?:exact|rank|signed|sum|u|t|chi|linear|accelerated|gradient))?"
    r"[ \t-]+(?:algorithm|theorem|lemma|law|rule|method|distribution|test|"
    r"equation|transform|inequality|principle|effect|syndrome|disease|constant|number|"
    r"coefficient|correlation|rho|tau|kernel|optimizer|filter|process|conjecture|paradox|"
    r"criterion|index|series|function|model|sampler|sampling|estimator|bound|operator|momentum|"
    r"iteration|orthogonali[sz]ation|decomposition|divergence|inequality|test|method|scheme"
    r"|ultrasound|shift|radar|sign|reflex|[a-z]{2,20}(?:itis|osis|pathy))\b"
)
#: Two names joined by a dash name a method (Gram–Schmidt, Newton–Raphson, Mann–Whitney).
_DASH_JOINED = re.compile(r"[–—-][A-Z]")
#: A product, release or deployment word just before a single name: "the launch of Apollo",
#: "Start von Quinn", "update van Watson", "usan Hugo": the name is a product's.
_COPYRIGHT_HINT = re.compile(r"(?i)copyright|\(c\)|©")
_PRODUCT_BEFORE = re.compile(
    r"(?i)(?<![\w])(?:launch|launched|lancement|lancio|lançamento|lanzamiento|lancering|"
    r"markteinführung|start|release|released|update|upgrade|rollout|deploy|deployment|"
    r"versions?|versión|versione|versão|versie|uses|using|usa|usan|usano|usam|utilise|"
    r"utilisent|utilisons|gebruikt|gebruiken|nutzt|nutzen|verwendet|verwenden|kullanıyor|"
    r"använder|app|tool|bot|assistant|assistente|asistente|assistent|powered by|built on|"
    r"model|modelo|modello|plugin|chatbot|product|produkt|produit|producto|prodotto|"
    r"migration|migración|migrazione|migração|migratie|team|équipe|equipo|squadra|equipa|"
    r"offices?|büro|bureau|oficina|ufficio|kantoor|escritório)"
    r"[ \t]+(?:(?:of|de|del|di|da|do|du|van|von|der|des|la|le|el|il|lo|the|für|for|voor|"
    r"pour|para|per|to|auf|zu)[ \t]+){0,2}$"
)
#: A word that places what follows: "in Florence", "nach Regina", "from Austin".
_PLACE_BEFORE = re.compile(
    r"(?i)(?<![\w])(?:in|from|to|near|at|nach|aus|bei|im|en|em|à|a|au|di|da|uit|naar|"
    r"w|z|do|we|ve|till|från|i|sur|vers|desde|hasta|para|per|verso|bis|ab|von|van|de)[ \t]+$"
)
#: What stands at the start of a chat line before a speaker's name: "[12:01] ", "<", "- ".
_SPEAKER_PREFIX = re.compile(r"[ \t]*(?:\[[^\]\n]{0,40}\][ \t]*|\(\d[^)\n]{0,30}\)[ \t]*)*[<@]?$")
_PARTICLES = frozenset(_PARTICLE[3:-1].split("|"))
_AMPERSAND_AFTER = re.compile(r"[ \t]{0,3}&[ \t]{0,3}([^\W\d_]{1,40})")
_AMPERSAND_BEFORE = re.compile(r"(?<![^\W\d_])([^\W\d_]{1,40})[ \t]{0,3}&[ \t]{0,3}$")


#: A list's joining words: a name listed beside companies or products is one of them.
_LIST_NEXT = re.compile(
    r"[ \t]{0,2},?[ \t](?:and|und|et|y|e|en|i|och|og|ve|ja|or|oder|ou|o)[ \t]{1,3}"
    r"([^\W\d_][\w'’&.-]{0,30}(?:[ \t][^\W\d_][\w'’&.-]{0,30})?)"
)
_LIST_PREV = re.compile(
    r"(?<![\w'’&.-])([^\W\d_][\w'’&.-]{0,30})(?:,|[ \t](?:and|und|et|y|e|en|i|och|og|ve|ja|or"
    r"|oder|ou|o))[ \t]{1,3}$"
)


def _listed_with_things(text: str, start: int, end: int, lists: WordLists) -> bool:
    """The candidate is an item of a list whose neighbour is a company, a product or a place
    ("Ericsson, Philips and Tata", "thank Bosch and Siemens")."""
    after = text[end : end + 6]
    nxt = None if "," not in after and " " not in after[:1] else _LIST_NEXT.match(text, end)
    if nxt is not None:
        words = nxt.group(1).lower().split()
        if " ".join(words) in lists.things or words[0] in lists.things:
            return words[0] not in lists.given
    seg = text[max(0, start - 8) : start].rstrip(" \t")
    joined = seg.endswith(",") or _last_word(seg)[0].lower() in _CONJ | {"or", "oder", "ou", "o"}
    prev = _LIST_PREV.search(text, max(0, start - 40), start) if joined else None
    if prev is not None:
        word = prev.group(1).lower()
        return word in lists.things and word not in lists.given
    return False


#: Names that forms, documentation and tests use as stand-ins for a person, in many
#: languages: they name nobody.
PLACEHOLDER_NAMES = frozenset(
    {
        "jane doe",
        "john doe",
        "janet doe",
        "richard roe",
        "jane roe",
        "john q. public",
        "joe bloggs",
        "jane bloggs",
        "fred bloggs",
        "joe schmoe",
        "max mustermann",
        "erika mustermann",
        "maria mustermann",
        "hans muster",
        "jean dupont",
        "marie dupont",
        "jean dupond",
        "juan pérez",
        "juan perez",
        "juan español",
        "juan espanol",
        "española española",
        "fulano de tal",
        "fulano",
        "mengano",
        "zutano",
        "pepito pérez",
        "mario rossi",
        "maria rossi",
        "jan kowalski",
        "anna kowalska",
        "jan jansen",
        "jan janssen",
        "piet jansen",
        "jan modaal",
        "ola nordmann",
        "kari nordmann",
        "sven svensson",
        "anna andersson",
        "matti meikäläinen",
        "maija meikäläinen",
        "jan novák",
        "jan novak",
        "josef novák",
        "ion popescu",
        "john smith doe",
        "nome cognome",
        "vorname nachname",
        "first last",
        "firstname lastname",
    }
)


_PLACEHOLDER_FIRST = frozenset(n.split()[0] for n in PLACEHOLDER_NAMES)


def _header_cell(text: str, start: int, end: int) -> bool:
    """The candidate is a whole cell of a delimited table's first line (its header)."""
    line = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", end)
    if stop < 0:
        return False  # a header has rows under it
    row = text[line:stop]
    delim = next((d for d in ";\t|" if row.count(d) >= 2), "")
    if not delim:
        return False
    nxt_stop = text.find("\n", stop + 1)
    nxt = text[stop + 1 : nxt_stop if nxt_stop >= 0 else len(text)]
    if nxt.count(delim) != row.count(delim):
        return False
    if line > 0:
        prev = text[text.rfind("\n", 0, line - 1) + 1 : line - 1]
        if prev.count(delim) == row.count(delim):
            return False
    before = text[start - 1] if start > line else delim
    after = text[end] if end < stop else delim
    return before in (delim, " ") and after in (delim, " ")


def _firm(text: str, start: int, end: int, lists: WordLists) -> bool:
    """Names joined by ``&`` name a firm (Marks & Spencer, Johnson & Johnson) unless both
    sides are given names (Anna & Tom)."""
    after = _AMPERSAND_AFTER.match(text, end)
    if after is None:
        before = text[max(0, start - 24) : start]
        if not before.rstrip(" \t").endswith("&"):
            return False
        other = _AMPERSAND_BEFORE.search(before)
    else:
        other = after
    mine = text[start:end].split()[0].lower()
    side = other.group(1).lower() if other else ""
    return not (_given(mine, lists) and _given(side, lists))


#: Person context words too common to say that a place or brand name is a person.
_WEAK_CONTEXT = frozenset({"and", "with", "by", "from", "to", "cc", "met", "called", "named"})


#: Greetings and sign-offs right before a name: the word that follows one ("Ciao Benedetta,",
#: "Pozdrawiam, Krystyna", "Gruß Büşra") is a person's name even when no name list knows it.
_GREETING = frozenset(
    {
        "hi",
        "hello",
        "hey",
        "dear",
        "hallo",
        "liebe",
        "lieber",
        "liebes",
        "moin",
        "servus",
        "ciao",
        "caro",
        "cara",
        "gentile",
        "merhaba",
        "selam",
        "sayın",
        "değerli",
        "cześć",
        "witam",
        "szanowny",
        "szanowna",
        "hej",
        "hejsan",
        "kära",
        "hola",
        "estimado",
        "estimada",
        "querido",
        "querida",
        "olá",
        "oi",
        "prezado",
        "prezada",
        "bonjour",
        "bonsoir",
        "salut",
        "cher",
        "chère",
        "beste",
        "geachte",
        "hoi",
        "regards",
        "cheers",
        "thanks",
        "thx",
        "best",
        "yours",
        "gruß",
        "grüße",
        "grüßen",
        "lg",
        "vg",
        "mfg",
        "pozdrawiam",
        "pozdrowienia",
        "saygılarımla",
        "teşekkürler",
        "mvh",
        "hälsningar",
        "groeten",
        "groetjes",
        "saluti",
        "saludos",
        "cumprimentos",
        "abraços",
        "abraço",
        "cordialement",
        "amicalement",
        "atenciosamente",
        "atentamente",
        "tack",
        "merci",
        "grazie",
        "gracias",
        "obrigado",
        "obrigada",
        "dank",
        "bedankt",
        "danke",
        "dzięki",
        "dziękuję",
        "díky",
        "děkuji",
        "ahoj",
        "kiitos",
        "moi",
        "hei",
        "terve",
        "mulțumesc",
        "multumesc",
        "mersi",
        "salve",
        "takk",
        "tak",
        "hallå",
        "sağol",
        "sağolun",
        "groet",
        "presto",
        "pozdrav",
        "pozdravem",
        "terveisin",
        "drag",
        "bisous",
        "bises",
        "besos",
        "abrazos",
        "beijos",
        "abbracci",
        "hälsning",
    }
)
#: Words that wake a voice assistant by its name ("Hey Siri", "OK Google").
_WAKE = frozenset({"hey", "ok", "okay", "hallo", "salut", "oye", "ehi"})
#: Words joining two names after one greeting: "Thanks Ffion and Florence".
_CONJ = frozenset({"and", "und", "et", "y", "e", "en", "i", "og", "och", "ve", "ja", "și", "a"})
_CONJ_NAME = re.compile(r"[ \t]{1,4}(?:and|und|et|y|e|en|i|og|och|ve|ja|și|a|&)[ \t]{1,4}[^\W\d_]")
_NAME_END = re.compile(r"[ \t]*(?:[,:!;)\n]|\Z|[ \t]\()")


def _signature(text: str, start: int, end: int) -> bool:
    """The candidate is the last line of the text, alone on it after a blank line (a message
    signed with a name), or the first word of the text followed by a comma and a line break
    (a message addressed to a name), or followed by a comma and a lower-case word."""
    if "\n" in text[start:end]:
        return False
    if not text[end:].strip() and text[max(0, start - 2) : start] == "\n\n":
        return True
    if text[:start].strip():
        return False
    # "Harry, can you check ...": a message opening by addressing someone
    return text[end : end + 2] in (",\n", ",\r") or (
        text[end : end + 2] == ", " and text[end + 2 : end + 3].islower()
    )


#: Column names of a table written in text that hold a person's names and nothing else.
_NAME_COLUMNS = frozenset(
    {
        "first name",
        "firstname",
        "given name",
        "given names",
        "surname",
        "last name",
        "lastname",
        "family name",
        "full name",
        "fullname",
        "vorname",
        "nachname",
        "prénom",
        "prenom",
        "apellido",
        "apellidos",
        "cognome",
        "nome",
        "voornaam",
        "achternaam",
        "sobrenome",
        "imię",
        "imie",
        "nazwisko",
        "soyad",
        "soyadı",
        "förnamn",
        "efternamn",
        "fornavn",
        "etternavn",
        "etunimi",
        "sukunimi",
        "customer name",
        "patient name",
        "employee name",
        "contact name",
        "name",
        "nom",
        "nombre",
        "naam",
        "namn",
        "navn",
        "jméno",
        "příjmení",
        "név",
        "ad soyad",
        "adı soyadı",
        "employee",
        "customer",
        "patient",
        "client",
        "cliente",
        "kunde",
        "mitarbeiter",
        "mitarbeiterin",
        "medewerker",
        "dipendente",
        "empleado",
        "funcionário",
        "pracownik",
        "çalışan",
        "anställd",
        "passenger",
        "traveller",
        "traveler",
        "guest",
        "member",
        "student",
        "applicant",
        "recipient",
        "empfänger",
        "destinataire",
        "destinatario",
        "contact",
        "holder",
        "account holder",
        "cardholder",
    }
)


def _last_word(seg: str) -> tuple[str, int]:
    """The word (letters, dots inside) that ``seg`` ends with, and where it starts; string
    work, since a regular expression anchored at the end is tried at every position."""
    i = len(seg)
    while i > 0 and (seg[i - 1].isalpha() or (seg[i - 1] == "." and i < len(seg))):
        i -= 1
    return seg[i:], i


def _greeted(text: str, start: int, end: int, joined: bool = True) -> bool:
    """A greeting or a sign-off right before the candidate, and the candidate ends there;
    two names after one greeting ("Thanks Ffion and Florence") are both greeted."""
    if _NAME_END.match(text, end) is None and _CONJ_NAME.match(text, end) is None:
        return False
    base = max(0, start - 40)
    seg = text[base:start].rstrip(" \t")
    if seg.endswith("\n"):
        seg = seg[:-1].rstrip(" \t")
    if seg.endswith(("—", "–")):
        return True
    seg = seg.rstrip(",!:").rstrip(" \t")
    word, i = _last_word(seg)
    if joined and word.lower() in _CONJ and len(word) < len(seg):
        prev, j = _last_word(seg[:i].rstrip(" \t,"))
        if prev[:1].isupper():
            return _greeted(text, base + j, base + j + len(prev), joined=False)
    return word.lower() in _GREETING


#: Greetings' kin: a reminder or notice addressed to someone ("Reminder: Ivy, your ...").
_ADDRESSED = frozenset(
    {
        "reminder",
        "erinnerung",
        "rappel",
        "recordatorio",
        "promemoria",
        "lembrete",
        "herinnering",
        "przypomnienie",
        "hatırlatma",
        "hatirlatma",
        "påminnelse",
        "påmindelse",
        "muistutus",
        "připomínka",
        "pripominka",
        "emlékeztető",
        "memento",
        "aviso",
        "avviso",
        "hinweis",
    }
)
#: A commit trailer that credits a person ("Signed-off-by: Ana Lima <ana@x.org>").
_TRAILER_BEFORE = re.compile(
    r"(?i)(?:signed-off|co-authored|reviewed|tested|acked|reported|suggested|helped|requested"
    r"|approved|authored|committed|reverted|cc)(?:-by)?:[ \t]{0,4}$"
)
#: A display name before an e-mail address in angle brackets ("Ana Lima <ana@x.org>").
_ADDRESS_AFTER = re.compile(r"[ \t]{0,2}<[^<>\s@]{1,64}@[^<>\s@]{1,255}>")
#: A chat client's message header: the speaker, a dash and when ("Greta — Today at 21:14").
_HEADER_AFTER = re.compile(
    r"[ \t]{1,4}[—–-][ \t]{1,4}(?:today|yesterday|heute|gestern|aujourd['’]hui|hier|hoy|ayer"
    r"|oggi|ieri|hoje|ontem|vandaag|gisteren|dzisiaj|wczoraj|bugün|dün|idag|igår|\d{1,4}[./-]\d)",
    re.IGNORECASE,
)
#: Decorators and annotations in code that follow an ``@`` like a mention does.
_ANNOTATIONS = frozenset(
    {
        "override",
        "test",
        "deprecated",
        "component",
        "service",
        "autowired",
        "entity",
        "bean",
        "inject",
        "nullable",
        "nonnull",
        "param",
        "returns",
        "throws",
        "author",
        "since",
        "see",
        "link",
        "value",
        "data",
        "getter",
        "setter",
        "builder",
        "repository",
        "controller",
        "configuration",
        "transactional",
        "staticmethod",
        "classmethod",
        "property",
        "dataclass",
        "everyone",
        "here",
        "channel",
        "all",
    }
)
_SPEAKER_LINE = re.compile(
    r"(?m)^(?:\[[^\]\n]{1,40}\][ \t]*)?[^\W\d_][^\W\d_'\-]{1,30}[ \t]?:[ \t]"
)


#: Speakers of a transcript or a chat who are roles, not people, beside the role list.
_SPEAKER_ROLES = frozenset(
    {
        "nutzer",
        "nutzerin",
        "benutzer",
        "gast",
        "anrufer",
        "anruferin",
        "appelant",
        "appelante",
        "relatore",
        "relatrice",
        "presentador",
        "presentadora",
        "moderator",
        "moderatorin",
        "moderatore",
        "host",
        "guest",
        "caller",
        "interviewer",
        "interviewee",
        "system",
        "assistant",
        "operator",
        "support",
        "admin",
        "bot",
        "message",
        "opmerking",
        "ospite",
        "invitado",
        "invitada",
        "convidado",
        "entrevistador",
        "intervistatore",
        "kunde",
        "kundin",
        "klant",
        "cliente",
        "client",
        "customer",
        "user",
        "usuario",
        "utente",
        "utilisateur",
        "gebruiker",
        "użytkownik",
        "kullanıcı",
        "anvandare",
        "användare",
    }
)
#: The writer's own turn in a chat export ("me", "I" in the corpus languages: Mig:, Meg:,
#: Jag:, Io:, Yo:, Eu:, Moi:, Ich:, Ik:, Ja:) and family roles (Mamá:, Mom:): no one named.
_SELF_SPEAKERS = frozenset(
    {
        "me",
        "mig",
        "meg",
        "jag",
        "io",
        "yo",
        "eu",
        "moi",
        "ich",
        "ik",
        "ja",
        "mamá",
        "mamã",
        "papá",
        "mama",
        "papa",
        "mamma",
        "pappa",
        "mom",
        "mum",
        "dad",
    }
)
_SPEAKER_ROLES = _SPEAKER_ROLES | _SELF_SPEAKERS


_CUE_AFTER = re.compile(r"[ \t]{0,2}[:>,<—–-]")


@lru_cache(maxsize=32)
def _speaker_lines(text: str) -> tuple[str, ...]:
    return tuple(_SPEAKER_LINE.findall(text, 0, 4096))


def _chat(text: str, start: int, end: int, lists: WordLists) -> bool:
    """A chat turn's speaker: after a bracketed time stamp, or at the start of a line of a
    text where another line opens with a known given name ("Madison: nit ...\nEmma: ok")."""
    if not _speaker(text, start, end):
        return False
    if text[max(0, start - 2) : start] == "] ":
        return True
    speakers = _speaker_lines(text)
    return len(speakers) >= 2 and any(
        _given(w.rsplit("]", 1)[-1].strip(" \t:").lower(), lists) for w in speakers
    )


#: What follows an abbreviated street type or one before "No": a house number ("Sok. No: 18",
#: "Elm St. 5", "Lale Sokak No 3"); "Lois Lane 5 times" stays a name.
_HOUSE_NUMBER_AFTER = re.compile(
    r"(?:\.[ \t]{1,2}(?:(?:No|Nr|Nº|N°)\.?:?[ \t]?)?|[ \t]{1,2}(?:No|Nr|Nº|N°)\.?:?[ \t]?)\d"
)


#: A second name joined by "&" with a possessive: a brand ("Ben & Jerry's").
_BRAND_PAIR_AFTER = re.compile(r"[ \t]?&[ \t]?[A-Z][a-z]+['’]s\b")
#: Letters that only Turkish writes, among the corpus languages.
_TURKISH_LETTERS = re.compile("[ğışİĞŞ]")


def _self_speaker(text: str, key: str) -> bool:
    """The writer's own chat turn: "Meg:", "Io:", and "Ben:" ("I") in a Turkish chat."""
    if key == "ben":
        return _TURKISH_LETTERS.search(text) is not None
    return key in _SELF_SPEAKERS


#: A member of a line's list after a colon ("Joost, Sem en Femke"), and the lists' "and".
_LIST_WORD = re.compile(r"[^\W\d_][\w'-]*")
_LIST_AND = frozenset({"and", "en", "und", "et", "y", "e", "och", "og", "i", "ve", "oraz", "и"})


def _given_list(text: str, start: int, lists: WordLists) -> bool:
    """A name in a line's list after a colon whose every member is a known given name
    ("Lightning talks: Joost, Sem en Femke")."""
    line = text.rfind("\n", 0, start) + 1
    colon = text.rfind(":", line, start)
    if colon < 0:
        return False
    stop = text.find("\n", start)
    seg = text[colon + 1 : len(text) if stop < 0 else stop].strip(" \t").rstrip(".!")
    parts = [p.strip(" \t") for p in seg.split(",")]
    last = parts[-1].split()
    if len(last) != 3 or last[1] not in _LIST_AND:
        return False  # "Joost, Sem en Femke": the list ends with "and" and a name
    names = [*parts[:-1], last[0], last[2]]
    return all(
        _LIST_WORD.fullmatch(w) is not None
        and w[:1].isupper()
        and _given(w.lower(), lists)
        and w.lower() not in lists.things
        for w in names
    )


#: Words that open the name of an airport, a university, a station or a storm, so that the
#: capitalised words after them name that, not a person ("Aeroporto Santos Dumont").
_OPENERS = frozenset(
    {
        "aeroporto",
        "aeropuerto",
        "aéroport",
        "airport",
        "flughafen",
        "luchthaven",
        "lufthavn",
        "flygplats",
        "lotnisko",
        "universität",
        "universiteit",
        "université",
        "università",
        "universidad",
        "universidade",
        "uniwersytet",
        "politecnico",
        "stazione",
        "estación",
        "estação",
        "bahnhof",
        "sturmtief",
        "orkan",
        "hurricane",
        "typhoon",
        "storm",
        "ouragan",
        "huracán",
        "tempête",
        "tormenta",
        "ferry",
        "fähre",
        "færgen",
        "färjan",
        "ferja",
        "traghetto",
    }
)


def _opener_before(text: str, start: int) -> bool:
    seg = text[max(0, start - 24) : start]
    if not seg.endswith((" ", "\u00a0")):
        return False
    word, _ = _last_word(seg.rstrip())
    key = word.lower()
    if key in ("airport", "storm", "ferry"):
        return word[:1].isupper()  # "Storm Ciarán"; "ask the airport John Smith" names him
    return key in _OPENERS


def _chat_mention(text: str, start: int, key: str, lists: WordLists) -> bool:
    """A known given name inside a chat turn's message, where the turns open with people's
    given names ("Matteo: porto anche Alessia"): a person the chat mentions."""
    if not _given(key, lists) or key in lists.things or _self_speaker(text, key):
        return False
    line = text.rfind("\n", 0, start) + 1
    turn = _SPEAKER_LINE.match(text, line)
    if turn is None or turn.end() > start:
        return False
    speakers = _speaker_lines(text)
    return len(speakers) >= 2 and any(
        _given(w.rsplit("]", 1)[-1].strip(" \t:").lower(), lists) for w in speakers
    )


def _structural(text: str, start: int, end: int, words: list[_Tok], lists: WordLists) -> bool:
    """Where the text's own structure says a person is named, whatever the name is: a chat
    speaker, an ``@`` mention, a commit trailer, a display name before an e-mail address,
    a chat client's message header, or a reminder addressed to someone."""
    if len(words) == 1 and (
        _chat_mention(text, start, words[0].key, lists) or _given_list(text, start, lists)
    ):
        return True
    head = text[start - 4 : start] if start >= 4 else text[:start]
    if not ("@" in head[-1:] or ":" in head or "]" in head or _CUE_AFTER.match(text, end)):
        return False  # none of the marks below is near: the common case, decided at once
    if len(words) > 3 or any(w.text.isupper() and len(w.text) > 2 for w in words):
        return False
    if start > 0 and text[start - 1] == "@":
        return len(words) == 1 and words[0].key not in _ANNOTATIONS
    line = text.rfind("\n", 0, start) + 1
    if words[0].key in _SPEAKER_ROLES or words[0].key in lists.roles:
        return False
    if words[0].key in lists.context.get(Entity.PERSON, frozenset()) or words[0].key in _BOT_BEFORE:
        return False
    if start == 0 and len(words) == 1 and _speaker(text, start, end):
        said = text[end : end + 8].lstrip(" \t:")
        known = words[0].key in lists.given or _surname(words[0].key, lists)
        if known and said[:1].islower() and words[0].key not in lists.things:
            return True  # "Jade : attention, le fichier ..." opens a message with its author
    if len(words) <= 2 and (_chat(text, start, end, lists) or _HEADER_AFTER.match(text, end)):
        if text[max(0, start - 2) : start] == "] ":
            return True
        if text[line:start].strip(" \t"):
            return False
        # a line-opening label of a key/value list ("Hosts: a", "Vendors: B") is no speaker
        known = _known(words[0].key, lists.given) or _surname(words[0].key, lists)
        said = text[end : end + 6].lstrip(" \t:")
        return known or (not words[0].key.endswith("s") and said[:1].islower())
    if _TRAILER_BEFORE.search(text, max(0, start - 24), start) or _ADDRESS_AFTER.match(text, end):
        return True
    if _NAME_END.match(text, end) and text[end : end + 1] == ",":
        seg = text[max(0, start - 40) : start].rstrip(" \t").rstrip(":").rstrip(" \t")
        word, _ = _last_word(seg)
        return word.lower() in _ADDRESSED and not seg[: len(seg) - len(word)].strip()
    return False


def _speaker(text: str, start: int, end: int) -> bool:
    """A chat speaker or a field label's value: ``Anna: ...``, ``<Anna>`` at a line start or
    after a bracketed time stamp, ``Anna : ...`` as French writes it."""
    nxt = text[end : end + 4].lstrip(" ")
    if not (nxt[:1] in (":", ">") and not nxt.startswith("://")):
        return False
    if text[max(0, start - 2) : start] == "] ":
        return True
    line = text.rfind("\n", 0, start) + 1
    return _SPEAKER_PREFIX.match(text, line, start) is not None


def _title_before(text: str, start: int, lists: WordLists) -> int:
    """Where the name starts when a lower-case title stands right before the run ("la sig.ra
    Gatti"; "mevrouw van Beek" starts at "van"); -1 without one."""
    base = max(0, start - 32)
    seg = text[base:start]
    name_start = start
    while True:
        stripped = seg.rstrip(" \t")
        if len(stripped) == len(seg):
            return -1  # no space before the run or the particle
        word, i = _last_word(stripped[:-1] if stripped.endswith(".") else stripped)
        if not word or not word[0].islower():
            return -1
        key = word.rstrip(".").lower()
        if key in _PARTICLES:
            seg, name_start = stripped[:i], base + i
            continue
        return name_start if len(key) > 1 and key in lists.titles else -1


def _initialled(group: list[_Tok], lists: WordLists) -> bool:
    """``group`` opens with initials and then a word that the surname lists know: "O. Wood",
    "A. J. Hughes"."""
    i = 0
    while i < len(group) and group[i].initial:
        i += 1
    if not 0 < i < len(group) or group[i].key not in lists.surnames:
        return False
    # not "V. Marta Torres" (a given name: the letter belongs to what comes before)
    return not _given(group[i].key, lists) and (i + 1 == len(group) or not group[i + 1].particle)


def _trim_leading(group: list[_Tok], lists: WordLists) -> list[_Tok]:
    """Drop capitalised words that no name list knows before a given name: German nouns and
    words starting a sentence ("Raum Lincoln", "Kollegen von Hugo")."""
    while len(group) > 1:
        first = group[0]
        if first.initial and _initialled(group, lists):
            break  # "O. Wood": an initial before a surname is part of the name
        if first.particle or first.initial:
            group = group[1:]
            continue
        rest = [t for t in group[1:] if not (t.particle or t.initial)]
        if (
            rest
            and not _known(first.key, lists.given)
            and not _surname(first.key, lists)
            and _given(rest[0].key, lists)
        ):
            group = group[group.index(rest[0]) :]
            continue
        break
    return group


#: A login name made of a given name and a surname joined by a dot (``[Willow.Hill]``,
#: ``Benutzer Felix.Zimmermann``); not a domain, a path or an attribute chain.
_DOTTED = re.compile(
    rf"(?<![\w.@/\\-])([{_UP}][^\W\d_]{{1,30}})\.([{_UP}][^\W\d_]{{1,30}})(?![\w@(]|\.\w)"
)


def _dotted_names(text: str, lists: WordLists) -> list[Span]:
    """Both parts of a ``Given.Surname`` login name whose parts the name lists know."""
    out: list[Span] = []
    for m in _DOTTED.finditer(text):
        first, last = m.group(1).lower(), m.group(2).lower()
        if first in lists.things or last in lists.things or not _given(first, lists):
            continue
        if last in lists.not_names and last not in lists.surnames:
            continue
        if _surname(last, lists) or _given(last, lists):
            out.append(Span(m.start(1), m.end(1), Entity.PERSON, 0.7))
            out.append(Span(m.start(2), m.end(2), Entity.PERSON, 0.7))
    return out


#: Rank in the surname list past which a surname is rare: the census lists hold common words
#: (Reason, Board, Check, Sites), which open sentences and labels capitalised.
RARE_SURNAME = 2000
#: A label's value that is itself a person's name ("Veli: Mehmet Doğan").
_NAME_VALUE = re.compile(rf"[ \t]*:[ \t]*([{_UP}][^\W\d_]+)[ \t]+[{_UP}]")
#: A label's end after its first word: "Reason:", "Sites confirmed:", "Parent signature:".
_LABEL_AFTER = re.compile(r"(?:[ \t]+[^\W\d_A-Z]{2,20})?[ \t]*:(?!//)")
_LINE_MARKUP = " \t>*#•-–—[]xX0123456789.)"


def _opens_sentence(text: str, start: int) -> bool:
    """``text[start]`` opens a line (after list and quote marks) or a sentence: a word there
    is capitalised whatever it is."""
    head = text[max(0, start - 80) : start]
    if ("\n" in head or start <= 80) and not head.rsplit("\n", 1)[-1].strip(_LINE_MARKUP):
        return True
    return head.rstrip(" \t\"'“(").endswith((".", "!", "?"))


def _common_word(key: str, lists: WordLists) -> bool:
    """A word the name lists know only as a rare census surname (a common word, most often)."""
    return key not in lists.given and RARE_SURNAME <= lists.surnames.get(key, 0) < WORLD_RANK


def _labels_a_name(text: str, end: int, lists: WordLists) -> bool:
    """The word ending at ``end`` is a label whose value is a person's name."""
    m = _NAME_VALUE.match(text, end)
    return m is not None and _given(m.group(1).lower(), lists)


def _label(text: str, start: int, end: int, key: str, structural: bool) -> bool:
    """The one word ``key`` at ``text[start:end]`` opens a label, not a name: a label whose
    value is a name, or (no chat speaker) a common word the census holds as a rare surname
    before ``:``."""
    if not _opens_sentence(text, start):
        return False
    lists = word_lists()
    if _labels_a_name(text, end, lists):
        return True
    return not structural and _LABEL_AFTER.match(text, end) is not None and _common_word(key, lists)


def find_names(text: str, *, hint: str = "", threshold: float = THRESHOLD) -> list[Span]:
    """PERSON spans in ``text``; ``hint`` is a column or field name used as extra context."""
    lists = word_lists()
    extra = hint_words(hint) if hint else set()
    person_ctx = _person_context()
    out: list[Span] = []
    if "." in text and threshold <= 0.7:
        out += _dotted_names(text, lists)
    marks = any(c in text for c in ":@]<,—–-")  # a structural name cue may be present
    table = any(c in text for c in ";\t|")  # a delimited table may be written in the text
    for m in _RUN.finditer(text):
        tokens = [
            _Tok.of(p.group(), m.start() + p.start(), m.start() + p.end())
            for p in _PIECE.finditer(m.group())
        ]
        for group, titled in _groups(text, tokens, lists):
            words = [t for t in group if not (t.particle or t.initial)]
            if not words or len(words) > 4:
                continue
            structural = marks and _structural(text, group[0].start, group[-1].end, words, lists)
            if not titled and not structural:
                group = _trim_leading(group, lists)
                words = [t for t in group if not (t.particle or t.initial)]
            start, end = group[0].start, group[-1].end
            if words[0].key in lists.street_prefixes:
                continue  # Rua das Flores, Via Roma
            nxt = text[end : end + 1]
            if nxt.isdigit() or nxt in ("_", "@") or (nxt == "/" and not structural):
                continue  # Sommer396*, a user name, a repository's owner (Jenkins-ci/fix)
            before = text[max(0, start - 64) : start]
            if _DASH_JOINED.match(text, end) or (start > 1 and text[start - 1] in "–—"):
                continue  # Gram–Schmidt, Newton–Raphson
            prev, _ = _last_word(before.rstrip(" \t")) if before[-1:] in " \t" else ("", 0)
            if prev[:1].isupper() and f"{prev.lower()} {' '.join(w.key for w in words)}" in (
                lists.things
            ):
                continue  # São Paulo, Los Angeles (São and Los split the run)
            if prev.lower() in _SAINT and prev[:1].isupper():
                continue  # Santa Cruz de Tenerife, San Sebastián, Sankt Augustin
            if len(words) == 1 and before.endswith(". "):
                title, _ = _last_word(before[:-2])
                if f"{title.lower()}. {words[0].key}" in lists.things:
                    continue  # Dr. Martens, Dr. Oetker: a brand with a title in its name
            if prev and len(words) == 1 and prev.lower() in _WAKE and words[0].key in lists.things:
                continue  # "Hey Siri", "OK Google": an assistant woken by its name
            if len(words) == 1 and (
                prev.lower() in _BOT_BEFORE or _BOT_AFTER.match(text, group[-1].end)
            ):
                continue  # "bot Ada:", "ich bin Hugo, der digitale Assistent"
            if _COPYRIGHT_HINT.search(before) and _COPYRIGHT_BEFORE.search(before):
                continue  # Copyright (c) 2021 Jane Smith
            if _firm(text, start, end, lists):
                continue  # Marks & Spencer, Procter & Gamble
            if not titled:
                name_start = _title_before(text, start, lists)
                titled = name_start >= 0
                start = name_start if titled else start
            before_tokens = tokens_before(text, start)
            column = header_words(text, start)
            ctx = phrases(before_tokens[-WINDOW_WORDS:]) | extra | column
            if _speaker(text, start, end) and len(words) <= 2 and _given(words[0].key, lists):
                ctx.add("name:")
            words_after = _words_after(text, end)
            greeted = _greeted(text, start, end)
            if (
                len(words) == 1
                and not (titled or greeted)
                and _label(text, start, end, words[0].key, structural)
            ):
                continue  # "Reason: repeated use", "Board: Jetson", "Veli: Mehmet Doğan"
            named = (
                titled
                or greeted
                or structural
                or bool((phrases(before_tokens[-2:]) - _WEAK_CONTEXT) & person_ctx)
                or (
                    len(words) == 1  # "Sofia segnala", not "Calvin Klein confirmed"
                    and bool(words_after & lists.after.get(Entity.PERSON, frozenset()))
                )
            )
            if _is_thing(words, lists, named):
                continue
            if words[0].key in _PLACEHOLDER_FIRST and (
                " ".join(w.key for w in words) in PLACEHOLDER_NAMES
            ):
                continue  # Jane Doe, Max Mustermann
            if table and not structural and _header_cell(text, start, end):
                continue  # Nome;CPF;Nascimento: a column's name
            if (
                not titled
                and not structural
                and (len(words) == 1 or not _given(words[0].key, lists))
                and _listed_with_things(text, start, end, lists)
            ):
                continue  # "speakers from Ericsson, Philips and Tata"
            after = _after(text, group[-1].end)
            if after in lists.org_suffixes or after in lists.street_types:
                continue
            if not titled and _opener_before(text, start):
                continue  # "Aeroporto Santos Dumont", "Sturmtief Xaver", "Stazione Termini"
            street = len(words) > 1 and words[-1].key in lists.street_types
            if street and _HOUSE_NUMBER_AFTER.match(text, group[-1].end):
                continue  # "Lale Sok. No: 18", "Elm St. 5": a street, not a surname
            if not titled and (
                _MODEL_AFTER.match(text, end)
                or (
                    _ARTICLE_BEFORE.search(text[max(0, start - 8) : start])
                    and not _preposition_name(text, start, words, lists)
                )
                or _EPONYM_AFTER.match(text, end)
            ):
                continue  # "the Pixel Fold", "an Apple Watch", "Galaxy S23", "ThinkPad X1"
            if len(words) == 1 and not titled:
                short = len(words[0].key) < 3 and not (greeted or "name:" in ctx)
                if short or words[0].key in lists.particles:
                    continue  # "Tu", "Le", "De" starting a sentence
                if not named and _PRODUCT_BEFORE.search(before, max(0, len(before) - 44)):
                    continue
                if words[0].key in lists.things and _PLACE_BEFORE.search(before):
                    continue
                if _self_speaker(text, words[0].key) and _speaker(text, start, end):
                    continue  # "Meg: ja!", "Io: perfetto": the writer's own turn
            if _BRAND_PAIR_AFTER.match(text, end):
                continue  # "Ben & Jerry's", "Marks & Spencer's": a brand's two names
            if group[-1].key != group[-1].text.lower().rstrip("."):
                end -= 2  # possessive 's
            score = _score(words, ctx, words_after, titled, lists)
            if score < 0.6 and group[0].initial and _initialled(group, lists):
                score = 0.6
            greeting = greeted and not words[0].text.isupper()
            signed = _given(words[0].key, lists) and _signature(text, start, end)
            if score < 0.6 and (greeting or signed or column & _NAME_COLUMNS or structural):
                score = 0.6
            if score >= threshold:
                out.append(Span(start, end, Entity.PERSON, round(score, 2)))
    return out
