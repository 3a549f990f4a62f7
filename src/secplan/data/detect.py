"""The detector: every recognizer over a text, then overlaps resolved.

>>> d = Detector()
>>> text = "Maria Gonzalez <maria.g@mail.es>, card 4539 1488 0343 6467, build 4.12.7"
>>> [s.label for s in d.analyze(text)]
['PERSON', 'EMAIL_ADDRESS', 'CREDIT_CARD']
>>> d.analyze("request 9f1c2e4a-7b3d-4e8f-a6c1-2d9e8b7a6f50 took 1733000000123 ms")
[]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from secplan.data.address import find_addresses
from secplan.data.cjk_names import find_cjk_names
from secplan.data.context import (
    ContextIndex,
    header_words,
    hint_words,
    near_words,
    trie_pattern,
    words_before,
)
from secplan.data.dates import birth_dates_after_names, find_birth_dates
from secplan.data.fields import field_spans, find_fields, number_field, sql_column
from secplan.data.ids import find_ids
from secplan.data.lists import word_lists
from secplan.data.names import find_names
from secplan.data.ner import NerEngine
from secplan.data.not_people import drop_named_things
from secplan.data.patterns import RECOGNIZERS, Recognizer, matches
from secplan.data.phones import find_phones
from secplan.data.script_names import find_script_names
from secplan.data.spans import DEFAULT_ENTITIES as DEFAULT_ENTITIES
from secplan.data.spans import Entity, Span, resolve

#: Texts longer than this are analysed in overlapping windows.
WINDOW = 64 * 1024
OVERLAP = 512

_BLOCKERS = re.compile(
    r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"  # UUID
    r"|\b(?=[0-9]*[a-fA-F])(?=[a-fA-F]*[0-9])[0-9a-fA-F]{16,}\b"  # hex digests, object ids
    # a token starts where a run of its characters starts (\b would also start after each
    # "-" inside the run, and the look-aheads would rescan the run from every one of them)
    r"|(?<![A-Za-z0-9+/_-])(?=[A-Za-z0-9+/_-]*[0-9])(?=[A-Za-z0-9+/_-]*[a-z])"
    r"(?=[A-Za-z0-9+/_-]*[A-Z])[A-Za-z0-9+/_-]{24,}={0,2}"  # base64 tokens
    r"|\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"  # ISO time
    r"|\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b"  # clock time
    r"|\b\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2}"  # web-server log time
    # version x.y.z; not a dotted date run into more digits (Belgian 61.12.19-959.30)
    r"|(?<![\w.])v?\d{1,2}\.\d{1,3}\.\d{1,3}(?:[-+](?![\d.]+(?![\w.]))[0-9A-Za-z.]+)?"
    r"(?![\w.]|-\d)"
    r"|(?<=[@=#:])(?=[0-9]*[a-f])[0-9a-f]{7,12}\b"  # short commit hashes after @ = # :
)
_DIGIT = re.compile(r"\d")
#: Types whose values carry their own proof (a checksum, a fixed syntax or a numbering plan):
#: only these are searched for again once the first findings are blanked out, since a
#: blanked gap removes the context that keeps looser types (dates, names) precise.
_SELF_VALIDATING = frozenset(
    {
        Entity.CREDIT_CARD,
        Entity.IBAN_CODE,
        Entity.US_SSN,
        Entity.PHONE_NUMBER,
        Entity.EMAIL_ADDRESS,
        Entity.IP_ADDRESS,
        Entity.MAC_ADDRESS,
        Entity.NATIONAL_ID,
        Entity.CRYPTO,
    }
)
#: Words that make a dotted quad a version number ("firmware 10.2.3.4", "upgrade to
#: 4.1.0.2", "10.2.3.4-rc1"): before it (a few words back) or right after it.
_VERSION_BEFORE = re.compile(
    r"(?i)(?:\b(?:versions?|ver|v|vers|release[sd]?|rel|builds?|firmware|fw|drivers?|sdk|kernel"
    r"|patch(?:ed)?|hotfix|updated?|upgraded?|downgraded?|installed|install|packages?|pkg|tags?"
    r"|bump(?:ed)?|pinned|pin|runtime|changelog|rc|nightly|stable|lts|edition|revision|rev"
    r"|verze|verzi|wersj\w*|sürüm\w*|versio\w*|versiune|versão|versao|versie|versión|versione"
    r"|aktualisier\w*|actualiz\w*|aggiorn\w*|runs?|running|replaced|fixed|shipped|introduced"
    r"|landed|merged|resolved|risolto|naprawion\w*|opraven\w*|corrigé|behoben|opgelost"
    r"|mise à jour|seit|sinds|desde|depuis|launch\w*|tag\w*|déploiement|deploy\w*|rolled out"
    r"|rollout|upload\w*|converted from|subí|lanzamiento|rilascio|lançamento)\b"
    r"[^\n]{0,24}?)\W*$"
)
#: Version words of Chinese, Japanese and Korean, which have no word boundaries to match.
_VERSION_CJK = re.compile(
    r"(?:版本|版|固件|驱动|驅動|バージョン|ファームウェア|ドライバ|ビルド|버전|펌웨어|드라이버|빌드)"
    r"[^\n]{0,12}$"
)
_VERSION_AFTER = re.compile(
    r"(?i)^(?:[-+~_](?:rc|alpha|beta|dev|pre|post|snapshot|final|ga|build|[ab]\d)|\+\w"
    r"|[\s,]+(?:release[sd]?|build|update|patch|hotfix|version|is out|was released|changelog"
    r"|aktualisieren|aktualisiert|installieren|is live|rolled out|launch|stabil|stable)\b)"
)

_ADDRESS_BEFORE = re.compile(
    r"(?i)(?:server|host|proxy|adresse|address|gateway)\W*$"  # Testserver, Webhost
    r"|(?i:\b(?:ip|ipv4|address|addr|host|hostname|server|src|dst|from|proxy|client|peer|remote"
    r"|gateway|gw|dns|nameserver|login|logins?|access|accès|acceso|accesso|acesso|toegang|zugriff"
    r"|adresse|dirección|direccion|indirizzo|adres|endereço|endereco|serveur|servidor|depuis"
    r"|desde|vanaf|von|da|dal|z|från|ab|aus|origin|source|via|connection|connected|ssh|scp"
    r"|ping|telnet|curl|wget|connect|connects|connecting|rdp|vpn|nc|dig|nslookup|traceroute"
    r"|mount|smb|nfs|ftp|sftp|tcp|udp|port|node|nodes|machine|device|laptop|workstation)\W*$)"
)


def _product_before(before: str) -> bool:
    """A product or library name right before the number ("Pillow 11.7.4.4",
    "Orca-10.7.2.4"): a capitalised word and one blank, or a word and a dash."""
    if before.endswith((" ", "\t")):
        head, sep = before[:-1], "+#._"
        if head.endswith((" ", "\t")):
            return False
        word = head.rsplit(None, 1)[-1] if head.strip() else ""
        return (
            word[:1].isascii() and word[:1].isupper() and all(c.isalnum() or c in sep for c in word)
        )
    if before.endswith("-"):
        word = before[:-1].rsplit(None, 1)[-1] if before[:-1].strip() else ""
        return (
            word[:1].isascii()
            and word[:1].isalpha()
            and all(c.isalnum() or c in "._" for c in word)
        )
    return False


#: A lower-case library name with a dash or an underscore right before the number
#: ("scikit-learn 3.4.8.251", "torch_geometric 2.1.0.4").
_LIBRARY_BEFORE = re.compile(r"(?<![\w./-])[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+[ \t]$")
#: Table columns whose cells are versions.
_VERSION_COLUMNS = frozenset(
    {
        "version",
        "versions",
        "release",
        "build",
        "versao",
        "versão",
        "versie",
        "versione",
        "versión",
        "verze",
        "wersja",
        "sürüm",
        "versio",
        "versiune",
        "tag",
    }
)
_ADDRESS_COLUMNS = frozenset({"ip", "ipv4", "address", "addr", "host", "hostname", "server"})
_VERSION_KEYS = _VERSION_COLUMNS | {"release version", "app version", "model version"}


def version_context(text: str, start: int, end: int) -> bool:
    """Whether the dotted number at ``text[start:end]`` reads as a version number: a version
    word before or after it, a product name right before it, or four small parts (1.3.4.6)
    with no address word before it."""
    before = text[max(0, start - 40) : start]
    if _ADDRESS_BEFORE.search(before):
        return False
    column = header_words(text, start)
    if column & _ADDRESS_COLUMNS:
        return False
    if _VERSION_BEFORE.search(before) or _VERSION_AFTER.match(text[end : end + 24]):
        return True
    if _VERSION_CJK.search(before[-16:]):
        return True  # 驱动版本 4.7.12.216
    if before.endswith("/") and before[-2:-1].isalpha():
        return True  # a product token of a user agent: Chrome/4.4.76.195
    if _product_before(before) or _LIBRARY_BEFORE.search(before):
        return True
    if column & _VERSION_COLUMNS or sql_column(text, start) in _VERSION_KEYS:
        return True
    parts = text[start:end].split(".")
    return len(parts) == 4 and all(p.isdigit() and int(p) <= 12 for p in parts)


_SECRET_HINT = re.compile(
    r"[A-Za-z0-9_\-]{20,}|(?i:pass|secret|token|api[_-]?key|pwd|bearer|private key|auth)"
)


class _Blocked:
    """The stretches of a text that hold no personal data (UUIDs, digests, timestamps,
    versions), found when first asked about: most texts with digits have no candidate that
    needs them."""

    __slots__ = ("_ends", "_starts", "_text")

    def __init__(self, text: str = "") -> None:
        self._text = text
        self._starts: list[int] = []
        self._ends: list[int] = []

    def hits(self, start: int, end: int) -> bool:
        if self._text:
            self._find()
        i = bisect.bisect_left(self._ends, start + 1)
        return i < len(self._starts) and self._starts[i] < end

    def _find(self) -> None:
        last = -1
        for m in _BLOCKERS.finditer(self._text):
            if m.end() > last:
                self._starts.append(m.start())
                self._ends.append(m.end())
                last = m.end()
        self._text = ""


#: The texts whose findings are kept for when the same text comes again (at most this many,
#: of at most this many characters each; a model's findings are not kept).
SEEN_TEXTS = 4096
SEEN_CHARS = 1024
_SEEN: dict[tuple[str, str, float, frozenset[str], bool, str], tuple[Span, ...]] = {}


@dataclass(frozen=True, slots=True)
class Detector:
    """Finds personal data in text. ``threshold`` is the lowest score reported."""

    threshold: float = 0.5
    entities: frozenset[str] = DEFAULT_ENTITIES
    ner: NerEngine | None = None
    secrets: bool = True
    #: The kind of document the texts come from: "" (data), "text", "prose" or "attribution"; see
    #: :func:`for_document`.
    document: str = ""

    def analyze(self, text: str, *, hint: str = "") -> list[Span]:
        """Spans of personal data in ``text``; ``hint`` (a column or field name) is context.
        A short text seen again (a repeated cell, a template's fixed line) is answered from
        :data:`_SEEN`: detection is a function of the text, its hint and the settings."""
        if len(text) > SEEN_CHARS or self.ner is not None:
            return self._analyze_document(text, hint)
        key = (text, hint, self.threshold, self.entities, self.secrets, self.document)
        found = _SEEN.get(key)
        if found is None:
            found = tuple(self._analyze_document(text, hint))
            if len(_SEEN) >= SEEN_TEXTS:
                _SEEN.clear()  # (one call, so safe where threads share a detector)
            _SEEN[key] = found
        return list(found)

    def _analyze_document(self, text: str, hint: str) -> list[Span]:
        if self.document:
            return for_document(text, self._analyze_all(text, hint), self.document)
        return self._analyze_all(text, hint)

    def _analyze_all(self, text: str, hint: str) -> list[Span]:
        if len(text) <= WINDOW:
            return self._analyze(text, hint)
        out: list[Span] = []
        pos = 0
        while pos < len(text):
            end = min(len(text), pos + WINDOW)
            if end < len(text):
                cut = text.rfind("\n", pos + WINDOW // 2, end)
                end = cut + 1 if cut > 0 else end
            base = max(0, pos - OVERLAP)
            for s in self._analyze(text[base:end], hint):
                if s.end + base > pos or pos == 0:
                    out.append(Span(s.start + base, s.end + base, s.label, s.score))
            pos = end
        return resolve(out)

    def _analyze(self, text: str, hint: str) -> list[Span]:
        """Detection, then again over the text with what was found blanked out: a value run
        into another ("+44 20 7946 0018 4539 1488 0343 6467") hides the second until the
        first is removed, and anonymized output must not reveal what the input hid."""
        spans = self._analyze_once(text, hint)
        for _ in range(2):
            if not spans:
                break
            chars = list(text)
            for s in spans:
                chars[s.start : s.end] = " " * (s.end - s.start)
            masked = "".join(chars)
            if _DIGIT.search(masked) is None:
                break
            new = [
                s
                for s in self._analyze_once(masked, hint, self.entities & _SELF_VALIDATING)
                if not any(s.start < o.end and o.start < s.end for o in spans)
            ]
            if not new:
                break
            spans = resolve(spans + new)
        return spans

    def _analyze_once(self, text: str, hint: str, want: frozenset[str] | None = None) -> list[Span]:
        """One pass of every recognizer of the types in ``want`` (default: all)."""
        if not text.strip():
            return []
        want = self.entities if want is None else want
        hints = hint_words(hint) if hint else set()
        digits = _DIGIT.search(text) is not None
        blocked = _Blocked(text if digits else "")
        present = _index().present(text, hints)
        spans = self._patterns(text, hints, blocked, digits, present, want)
        t = self.threshold
        if digits:
            found: list[Span] = []
            if Entity.PHONE_NUMBER in want:
                phones = find_phones(text, threshold=t, hint=hints, blocked=blocked.hits)
                if phones and ('"' in text or "'" in text or ":" in text):
                    keyed = field_spans(text)
                    phones = [p for p in phones if not number_field(keyed, p.start, p.end)]
                found += phones
            if want & {Entity.NATIONAL_ID, Entity.PASSPORT}:
                found += find_ids(text, threshold=t, hint=hints, present=present)
            if Entity.DATE_OF_BIRTH in want and Entity.DATE_OF_BIRTH in present:
                found += find_birth_dates(text, threshold=t, hint=hints)
            spans += [s for s in found if not blocked.hits(s.start, s.end)]
        if Entity.STREET_ADDRESS in want:
            spans += find_addresses(text, threshold=t, hint=hints)
        if Entity.PERSON in want or Entity.DATE_OF_BIRTH in want:
            persons = find_names(text, hint=hint, threshold=t)
            persons += [s for s in find_cjk_names(text) if s.score >= t]
            persons += [s for s in find_script_names(text) if s.score >= t]
            if self.ner is not None:
                persons += self.ner.persons(text)
            persons = drop_named_things(text, persons)
            if digits and Entity.DATE_OF_BIRTH in want and t <= 0.7:
                spans += birth_dates_after_names(text, persons)
            spans += persons
            spans += find_fields(text)
        if self.secrets and Entity.API_KEY in want and _SECRET_HINT.search(text):
            # "Pass-Nr.: C4F2K7XYZ" names a passport, not a password
            ids = {(s.start, s.end) for s in spans if s.label == Entity.PASSPORT}
            spans += [s for s in _secrets(text) if (s.start, s.end) not in ids]
        if Entity.HEALTH in want:
            spans += [
                Span(m.start(), m.end(), Entity.HEALTH, 0.6)
                for m in _health().finditer(text.lower())
            ]
        spans = [s for s in spans if s.label in want]
        if spans and _stand_in_words(text):
            spans = _not_stand_ins(text, spans)
        return resolve(spans)

    def _patterns(
        self,
        text: str,
        hints: set[str],
        blocked: _Blocked,
        digits: bool,
        present: frozenset[str],
        want: frozenset[str],
    ) -> list[Span]:
        lists = word_lists()
        out: list[Span] = []
        starts: dict[str, list[int]] = {}  # where numbers start, for digit-first patterns
        for r in RECOGNIZERS:
            if r.entity not in want or (r.needs and r.needs not in text):
                continue
            if r.numeric and not digits:
                continue
            if (r.score < self.threshold or r.gated) and r.entity not in present:
                continue  # it needs a context word, and the text has none
            for m in matches(r, text, starts):
                span = _candidate(r, m, text, hints, blocked, lists.negative)
                if span is not None and span.score >= self.threshold:
                    out.append(span)
        return out


#: A line that credits people: copyright and licence notices, author and maintainer lines,
#: citations (BibTeX fields, "et al."), acknowledgements.
_ATTRIBUTION = re.compile(
    r"(?i)copyright|\(c\)\s*(?:19|20)\d\d|©|\bauthors?\b|\bauthored\b|\bmaintainers?\b"
    r"|\bmaintained by\b|\bwritten by\b|\bcreated by\b|\bdeveloped by\b|\bcontributed by\b"
    r"|\bcontributors?\b|\bthanks?\b|\backnowledg|\bcredits?\b|\bcourtesy of\b|\bet al\b"
    r"|\bcit(?:e|ation|ing)\b|^\s*@\w+\s*\{|^\s*(?:title|journal|booktitle|year|editor)\s*="
    r"|\barxiv\b|\bdoi\b|\bproceedings\b|\bpublished\b|\bpaper\b|\bblog\b|\btwitter\b"
)
_CREDITS = frozenset({Entity.PERSON, Entity.EMAIL_ADDRESS})


def _private_ip(value: str) -> bool:
    import ipaddress

    try:
        return ipaddress.ip_address(value.split("%")[0]).is_private
    except ValueError:
        return False


def for_document(text: str, spans: list[Span], kind: str) -> list[Span]:
    """The spans of one line of a project document that are personal data at risk.

    Documents credit people on purpose: licences, author and citation files name their
    authors ("attribution" files keep no names or e-mail addresses at all), and in other
    documents ("prose": READMEs, docs) a line that credits or cites people keeps none. A
    name on its own elsewhere in prose is not reported either (documents name the people
    and products they discuss); a name on a line with other personal data is. URLs are
    links, and private, loopback and documentation addresses are the machines examples run
    on: neither is reported from a document. From other text ("text": logs, notes) URLs
    are left out (a link names a resource, not a person), and so are names scored below
    0.6 on a line without other personal data.
    """
    keep = [s for s in spans if s.label != Entity.URL]
    if kind == "text":
        return _names_with_evidence(keep, _WEAK_NAME)
    keep = [
        s for s in keep if not (s.label == Entity.IP_ADDRESS and _private_ip(text[s.start : s.end]))
    ]
    if kind == "attribution" or (kind == "prose" and _ATTRIBUTION.search(text)):
        return [s for s in keep if s.label not in _CREDITS]
    return _names_with_evidence(keep, 1.0) if kind == "prose" else keep


#: Below this score a name in a text file needs other personal data on its line: an unknown
#: word before a common surname ("Granny Smith", "Pembroke Welsh") is a weak guess.
_WEAK_NAME = 0.6


def _names_with_evidence(spans: list[Span], below: float) -> list[Span]:
    """``spans`` without the names scored under ``below``, unless the line holds other
    personal data."""
    if any(s.label not in (Entity.PERSON, Entity.HEALTH) for s in spans):
        return spans
    return [s for s in spans if s.label != Entity.PERSON or s.score >= below]


#: The types whose detection asks whether a context word occurs in the text (recognizers
#: scored below the threshold, identifiers, passports, dates of birth); names, addresses and
#: phones read their context around each candidate, so their words need no index.
_GATED = frozenset(
    {
        Entity.US_SSN,
        Entity.CREDIT_CARD,
        Entity.IBAN_CODE,
        Entity.DATE_OF_BIRTH,
        Entity.PASSPORT,
        Entity.NATIONAL_ID,
        Entity.API_KEY,
        Entity.EMAIL_ADDRESS,
        Entity.URL,
        Entity.IP_ADDRESS,
        Entity.MAC_ADDRESS,
        Entity.CRYPTO,
    }
)


@lru_cache(maxsize=1)
def _index() -> ContextIndex:
    context = word_lists().context
    return ContextIndex({e: w for e, w in context.items() if e in _GATED})


@lru_cache(maxsize=1)
def _health() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{trie_pattern(sorted(word_lists().health_terms))})(?!\w)")


def _trim_url(value: str) -> str:
    value = value.rstrip(".,;:!?'\"")
    while value.endswith(")") and value.count("(") < value.count(")"):
        value = value[:-1]
    return value


def _iban_prefix(value: str, validate: object) -> str | None:
    """The longest prefix of an IBAN candidate (whole 4-character groups) that validates."""
    parts = value.split(" ")
    for n in range(len(parts), 2, -1):
        cand = " ".join(parts[:n])
        if callable(validate) and validate(cand):
            return cand
    return None


_GIT_SHA = re.compile(r"[0-9a-f]{40}")
_COMMIT_WORDS = frozenset(
    {"commit", "committed", "in", "since", "seit", "depuis", "desde", "sinds", "sha", "at", "rev"}
)


def _candidate(
    r: Recognizer,
    m: re.Match[str],
    text: str,
    hints: set[str],
    blocked: _Blocked,
    negative: frozenset[str],
) -> Span | None:
    value = m.group(r.group)
    start = m.start(r.group)
    if r.entity == Entity.URL:
        value = _trim_url(value)
    if r.numeric and blocked.hits(start, start + len(value)):
        return None
    if (
        r.entity == Entity.IP_ADDRESS
        and "." in value
        and version_context(text, start, start + len(value))
    ):
        return None
    if r.entity == Entity.IBAN_CODE and " " in value:
        found = _iban_prefix(value, r.validate)
        if found is None:
            return None
        value = found
    elif r.validate is not None and not r.validate(value):
        return None
    if (
        r.entity == Entity.API_KEY
        and _GIT_SHA.fullmatch(value)
        and near_words(text, start) & _COMMIT_WORDS
    ):
        return None  # "committed in 6e08c4b8...", "seit 334096ff... im Repository"
    ctx = words_before(text, start) | hints
    score = r.score
    if ctx & word_lists().context.get(r.entity, frozenset()):
        score += r.context_boost
    elif r.numeric and (near_words(text, start) | hints) & negative:
        score -= r.negative_penalty
    return Span(start, start + len(value), r.entity, round(min(score, 0.99), 2))


#: Words of a field's name that say its value is a stand-in, not a person's data
#: ("sample_user", "example_name", "placeholder_name", "demoUser").
_STAND_IN_KEYS = frozenset(
    {"sample", "example", "placeholder", "dummy", "fake", "demo", "mock", "test", "template"}
)
#: Words of a field's name that say its value names a bot or an assistant ("assistant_name").
_BOT_KEYS = frozenset({"assistant", "bot", "chatbot", "persona", "mascot"})


_STAND_IN_WORDS = (
    "sample",
    "example",
    "placeholder",
    "dummy",
    "fake",
    "demo",
    "mock",
    "test",
    "template",
    "assistant",
    "bot",
    "persona",
    "mascot",
)


def _stand_in_words(text: str) -> bool:
    """Whether a field named for a sample or a bot may be in ``text`` (a cheap test first)."""
    low = text.lower()
    return any(w in low for w in _STAND_IN_WORDS) and _STAND_IN_HINT.search(text) is not None


_STAND_IN_HINT = re.compile(
    r"(?i)(?:sample|example|placeholder|dummy|fake|demo|mock|test|template|assistant|bot"
    r"|persona|mascot)[\w.-]{0,30}[\"']?[ \t]{0,4}[:=]"
)


def _not_stand_ins(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` without the values a field marks as a sample ("sample_card", "example_name")
    and the names a field gives a bot; a bot's name is nobody's wherever else the text
    repeats it ("Hi, I'm Amelia")."""
    keyed = field_spans(text)
    if not keyed:
        return spans
    bots = {text[s:e].strip().lower() for s, e, key in keyed if set(key.split()) & _BOT_KEYS}
    out = []
    for p in spans:
        key = next((k for s, e, k in keyed if s <= p.start and p.end <= e), "")
        if set(key.split()) & _STAND_IN_KEYS:
            continue
        if p.label == Entity.PERSON and text[p.start : p.end].lower() in bots:
            continue
        out.append(p)
    return out


def _secrets(text: str) -> list[Span]:
    try:
        from secplan.scanners.code.secret_detect import secret_spans
    except ImportError:  # the code scanners are not installed: no credential detection
        return []
    return [Span(a, b, Entity.API_KEY, 0.9) for a, b in secret_spans(text, bare_values=True)]
