"""A basic personal-data detector for notebook outputs, behind a replaceable interface.

:class:`PiiDetector` is the seam: the notebook scanner takes any object with a ``find``
method, so a fuller engine (NER, more entity types, more countries) can replace
:class:`BasicPiiDetector` without touching the scanner. The basic one knows three things:
e-mail addresses (not on documentation domains), phone numbers written with separators or
in international form, and payment-card numbers that pass the Luhn check.

>>> [h.kind for h in BasicPiiDetector().find("mail ana.silva@mail.pt or +44 20 7946 0958")]
['email', 'phone']
>>> [h.kind for h in BasicPiiDetector().find("card 4539 1488 0343 6467, id 1234 5678 9012 3456")]
['card']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from secplan.data.checks import luhn_ok
from secplan.data.detect import Detector
from secplan.data.spans import Entity

_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24})\b"
)
_PHONE = re.compile(
    r"(?<![\w+.])(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]\d{2,8}){1,4}"
    r"|\(\d{3}\)[ .-]?\d{3}[ .-]\d{4}|\d{3}[.-]\d{3}[.-]\d{4})(?![\w.])"
)
_CARD = re.compile(r"(?<![\d.-])(?:\d[ -]?){12,18}\d(?![\d.-])")
_DOC_DOMAINS = frozenset(
    {"example.com", "example.org", "example.net", "test.com", "localhost", "domain.com"}
)
MAX_PII_TEXT = 4 << 20


@dataclass(frozen=True, slots=True)
class PiiHit:
    kind: str  # "email", "phone" or "card"
    start: int
    end: int


class PiiDetector(Protocol):
    def find(self, text: str) -> Iterator[PiiHit]: ...


#: Card numbers payment processors publish for testing (Stripe, Braintree, Adyen, PayPal and
#: the card networks' own examples): no person holds them.
TEST_CARDS = frozenset(
    {
        "4242424242424242", "4000056655665556", "4111111111111111", "4012888888881881",
        "4222222222222", "4000000000000002", "4000000000009995", "4000000000000077",
        "4000002500003155", "4000000000003220", "4000000000000341", "4000000000000119",
        "4000000000000127", "4000000000000069", "4000000000000101", "4005519200000004",
        "5555555555554444", "5200828282828210", "5105105105105100", "2223003122003222",
        "5454545454545454", "5425233430109903", "2222400070000005",
        "378282246310005", "371449635398431", "378734493671000", "6011111111111117",
        "6011000990139424", "6011981111111113", "3056930009020004", "36227206271667",
        "30569309025904", "38520000023237", "3566002020360505", "3530111333300000",
        "6200000000000005", "6200000000000047",
    }
)  # fmt: skip


def is_test_card(number: str) -> bool:
    """Whether ``number`` is a published test card number (separators ignored).

    >>> is_test_card("4242 4242 4242 4242"), is_test_card("4539 1488 0343 6467")
    (True, False)
    """
    return re.sub(r"\D", "", number) in TEST_CARDS


def _card(number: str) -> bool:
    digits = re.sub(r"\D", "", number)
    if digits in TEST_CARDS:
        return False
    return 13 <= len(digits) <= 19 and len(set(digits)) > 2 and luhn_ok(digits)


def _phone(number: str) -> bool:
    """A phone number, not an address that looks like one (``141.84.41.65`` in a download
    log is a dotted quad: an IP address, never a phone).

    >>> _phone("+44 20 7946 0958"), _phone("141.84.41.65")
    (True, False)
    """
    if _DOTTED_QUAD.fullmatch(number.strip()):
        return False
    digits = re.sub(r"\D", "", number)
    return 9 <= len(digits) <= 15 and len(set(digits)) > 2 and not fictional_nanp(number)


#: Four groups of one to three digits joined by dots: an IPv4 address.
_DOTTED_QUAD = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")


#: A number written the North American way: ``(555) 010-4477``, ``+1 617-555-0134``.
_NANP = re.compile(r"^(?:\+?1[ .-]?)?(?:\((\d{3})\)|(\d{3}))[ .-]?(\d{3})[ .-](\d{4})$")


def fictional_nanp(number: str) -> bool:
    """Whether a North American number is one no subscriber can hold: the 555-0100 to
    555-0199 range kept for fiction and examples, the unassigned area code 555, or an area
    code or exchange starting with 0 or 1 (the numbering plan gives none such).

    >>> fictional_nanp("(555) 010-4477"), fictional_nanp("617-555-0134")
    (True, True)
    >>> fictional_nanp("+1 (617) 839-2204"), fictional_nanp("617-555-0234")
    (False, False)
    """
    m = _NANP.match(number.strip())
    if m is None:
        return False
    area = m.group(1) or m.group(2) or ""
    exchange, line = m.group(3), m.group(4)
    return (
        area == "555"
        or area[0] in "01"
        or exchange[0] in "01"
        or (exchange == "555" and line.startswith("01"))
    )


class BasicPiiDetector:
    """Regular expressions plus checksums; no models, no network."""

    def find(self, text: str) -> Iterator[PiiHit]:
        text = text[:MAX_PII_TEXT]
        cards: list[tuple[int, int]] = []
        for m in _CARD.finditer(text):
            if _card(m.group()):
                cards.append(m.span())
                yield PiiHit("card", *m.span())
        for m in _EMAIL.finditer(text):
            if m.group(1).lower() not in _DOC_DOMAINS:
                yield PiiHit("email", *m.span())
        for m in _PHONE.finditer(text):
            if _phone(m.group()) and not any(a <= m.start() < b for a, b in cards):
                yield PiiHit("phone", *m.span())


#: The entity types of the data engine that are personal data in an output, and their kind.
_KINDS: dict[str, str] = {
    Entity.PERSON: "person",
    Entity.EMAIL_ADDRESS: "email",
    Entity.PHONE_NUMBER: "phone",
    Entity.CREDIT_CARD: "card",
    Entity.US_SSN: "ssn",
    Entity.NATIONAL_ID: "national-id",
    Entity.IBAN_CODE: "iban",
    Entity.PASSPORT: "passport",
    Entity.DATE_OF_BIRTH: "birth-date",
    Entity.STREET_ADDRESS: "address",
}


#: Kinds whose value proves itself (a syntax, a checksum or a numbering plan).
_STRONG = frozenset({"email", "phone", "card", "ssn", "iban", "passport"})


class DataPiiDetector:
    """The personal-data engine that ``secplan data`` uses (names, e-mail, phone, card, SSN
    and national ids, IBAN, passports, birth dates, addresses), restricted to the types that
    identify a person; e-mail addresses on documentation domains are left out.

    >>> text = "Aiko Tanaka  aiko.t@mail.jp  +46 70 123 45 67"
    >>> [h.kind for h in DataPiiDetector().find(text)]
    ['person', 'email', 'phone']
    """

    def __init__(self) -> None:
        self._detector = Detector(entities=frozenset(_KINDS))

    def find(self, text: str) -> Iterator[PiiHit]:
        """Hits line by line: a name, a national id, a birth date or an address counts only
        on a line that also shows an identifier that proves itself (an e-mail address, a
        phone number, a checksummed card, an SSN, an IBAN, a passport number): a customer
        record, not a dog breed in a results table or a large number in a column."""
        text = text[:MAX_PII_TEXT]
        hits = list(self._engine(text))
        strong_lines = {text.count("\n", 0, h.start) for h in hits if h.kind in _STRONG}
        lines = text.split("\n") if strong_lines else []
        for h in hits:
            line = text.count("\n", 0, h.start)
            if (
                h.kind in _STRONG
                or line in strong_lines
                or _record_field(h.kind, line, lines, strong_lines)
            ):
                yield h

    def _engine(self, text: str) -> Iterator[PiiHit]:
        for span in self._detector.analyze(text):
            kind = _KINDS.get(span.label)
            if kind is None:
                continue
            value = text[span.start : span.end]
            if kind == "phone" and (not _phone(value) or "  " in value or "\t" in value):
                continue  # table cells run together ("0  1024  0.5") are not a number
            if kind == "email":
                domain = text[span.start : span.end].rpartition("@")[2].lower()
                if domain in _DOC_DOMAINS:
                    continue
            if kind == "person" and _placeholder_name(text[span.start : span.end]):
                continue
            if kind == "card" and is_test_card(value):
                continue
            yield PiiHit(kind, span.start, span.end)


#: A line of a record printed one field a line (``full_name     Ana Silva``, ``Address: ...``,
#: a transposed data frame row): the field's label, then its value.
_FIELD_LABEL = re.compile(r"[A-Za-z][\w.-]*(?: [\w.-]+){0,3}")
#: Words of a field's label that say which kind of personal data its value is.
_FIELD_WORDS = {
    "person": ("name", "customer", "patient", "holder", "contact"),
    "address": ("address", "addr", "street", "residence"),
    "birth-date": ("birth", "dob"),
    "national-id": ("national", "tax", "ssn", "licence", "license", "id_no", "idno"),
}
#: How far (in lines) a field may be from the identifier that proves the record.
RECORD_SPAN = 6


def _field_label(line: str) -> str | None:
    """The label of a ``label  value`` or ``label: value`` line (``None`` when it is not one)."""
    text = line.strip()
    m = _FIELD_LABEL.match(text)
    if m is None:
        return None
    rest = text[m.end() :]
    return m.group() if rest.startswith((":", "  ", "\t")) and rest.strip(" \t:") else None


def _record_field(kind: str, line: int, lines: list[str], strong_lines: set[int]) -> bool:
    """Whether a name, address, birth date or national id is the value of a labelled field of
    a record printed one field a line, near a field that proves itself (a phone number, an
    e-mail address), with no blank line between: a customer's record, not a table cell."""
    words = _FIELD_WORDS.get(kind)
    if not words or line >= len(lines):
        return False
    label = _field_label(lines[line])
    if label is None or not any(w in label.lower() for w in words):
        return False
    for strong in strong_lines:
        if abs(strong - line) <= RECORD_SPAN:
            low, high = sorted((strong, line))
            if all(lines[i].strip() for i in range(low, high + 1)):
                return True
    return False


#: Names that stand for "some person" in examples and documentation.
_PLACEHOLDER_NAMES = frozenset(
    {
        "john doe",
        "jane doe",
        "john q. public",
        "joe bloggs",
        "max mustermann",
        "erika mustermann",
        "jean dupont",
        "mario rossi",
        "juan pérez",
        "fulano de tal",
        "taro yamada",
        "hanako yamada",
    }
)


def _placeholder_name(value: str) -> bool:
    return " ".join(value.lower().split()) in _PLACEHOLDER_NAMES
