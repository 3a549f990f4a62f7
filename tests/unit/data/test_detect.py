"""The detector: what it finds, the look-alikes it must not report, and its invariants."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secplan.data.detect import Detector
from secplan.data.spans import Span, resolve

D = Detector()


def found(text: str, hint: str = "") -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.label) for s in D.analyze(text, hint=hint)]


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("write to ana.silva@mail.pt today", "ana.silva@mail.pt", "EMAIL_ADDRESS"),
        ("call me on +44 20 7946 0018", "+44 20 7946 0018", "PHONE_NUMBER"),
        ("phone (415) 555-2671", "(415) 555-2671", "PHONE_NUMBER"),
        ("paid with 4539 1488 0343 6467", "4539 1488 0343 6467", "CREDIT_CARD"),
        ("IBAN DE89 3704 0044 0532 0130 00 please", "DE89 3704 0044 0532 0130 00", "IBAN_CODE"),
        ("SSN 536-22-1847", "536-22-1847", "US_SSN"),
        ("ssn: 536221847", "536221847", "US_SSN"),
        ("from 81.2.69.160 via", "81.2.69.160", "IP_ADDRESS"),
        ("peer 2a00:1450:4001:81b::200e", "2a00:1450:4001:81b::200e", "IP_ADDRESS"),
        ("nic 00:1A:2B:3C:4D:5E up", "00:1A:2B:3C:4D:5E", "MAC_ADDRESS"),
        (
            "db postgres://etl:Tr0ub4dor@db.internal:5432/x",
            "postgres://etl:Tr0ub4dor@db.internal:5432/x",
            "URL",
        ),
        ("DOB: 14/03/1987", "14/03/1987", "DATE_OF_BIRTH"),
        ("born 12 March 1985 in Leeds", "12 March 1985", "DATE_OF_BIRTH"),
        ("passport no 533380006", "533380006", "PASSPORT"),
        ("DNI 12345678Z", "12345678Z", "NATIONAL_ID"),
        ("codice fiscale RSSMRA85T10A562S", "RSSMRA85T10A562S", "NATIONAL_ID"),
        ("BSN 111222333", "111222333", "NATIONAL_ID"),
        (
            "send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
            "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
            "CRYPTO",
        ),
        ("Dear Maria Gonzalez, thanks", "Maria Gonzalez", "PERSON"),
        ("Applicant Chantal Beckmann signed", "Chantal Beckmann", "PERSON"),
        (
            "ship to 742 Evergreen Terrace, Springfield, IL 62704",
            "742 Evergreen Terrace, Springfield, IL 62704",
            "STREET_ADDRESS",
        ),
        (
            "wohnt in der Hauptstraße 12, 10115 Berlin",
            "Hauptstraße 12, 10115 Berlin",
            "STREET_ADDRESS",
        ),
    ],
)
def test_finds(text: str, value: str, label: str) -> None:
    assert (value, label) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "request 9f1c2e4a-7b3d-4e8f-a6c1-2d9e8b7a6f50 took 12 ms",  # UUID
        "commit 3f2a9c1b7d04e8f6a5b9c2d1e0f9a8b7c6d5e4f3 merged",  # hash
        "checksum sha256:5d41402abc4b2a76b9719d911017c592aa0c5ee0d4f1b4b0ac4f5f5f5f5f5f5f",
        "upgrade to version 4.12.7 or v10.2.33",  # versions
        "Order 4539148803436467 shipped",  # Luhn-valid order number
        "ticket 536221847 closed",  # nine digits without an SSN context
        "2026-11-30T10:11:12.345Z INFO worker done in 1733000000123 ms",  # timestamps, epoch
        "shipped on 14/03/1987 by courier",  # a date that is not a date of birth
        "see https://example.org/u/42.",  # a URL without credentials names a resource
        "db postgres://etl:${DB_PASSWORD}@db.internal:5432/x",  # a placeholder password
        "card 4539 1488 0343 6468 declined",  # fails Luhn
        "IBAN DE89 3704 0044 0532 0130 01",  # fails mod-97
        "SSN 666-22-1847",  # invalid area
        "Machine Learning Weekly covers Deep Learning at New York Times",
        "Will you send the report on Monday?",
        "mail me at someone@mail.example or admin@host.invalid",  # reserved domains
        "documentation host 192.0.2.10 and 2001:db8::1",
        "report incidents to security@corp.eu or dpo@corp.eu",  # role mailboxes
        "price $1,299.00 for 3 units; ISBN 978-3-16-148410-0",
        "lat 48.85837, lon 2.29448",
    ],
)
def test_does_not_fire_on_look_alikes(text: str) -> None:
    assert found(text) == []


def test_column_name_is_context() -> None:
    assert found("536221847", hint="ssn") == [("536221847", "US_SSN")]
    assert found("536221847") == []
    assert found("4155552671", hint="order_id") == []


def test_long_text_is_analysed_in_windows() -> None:
    filler = "lorem ipsum dolor sit amet " * 5000
    text = filler + "mail ana@mail.pt now " + filler + "card 4539 1488 0343 6467"
    spans = D.analyze(text)
    assert [text[s.start : s.end] for s in spans] == ["ana@mail.pt", "4539 1488 0343 6467"]


def test_entities_filter() -> None:
    d = Detector(entities=frozenset({"EMAIL_ADDRESS"}))
    assert [s.label for s in d.analyze("Dear Maria Gonzalez, ana@mail.pt, +44 20 7946 0018")] == [
        "EMAIL_ADDRESS"
    ]


PIECES = st.sampled_from(
    [
        "ana@mail.pt",
        "+44 20 7946 0018",
        "4539 1488 0343 6467",
        "Maria Gonzalez",
        "536-22-1847",
        "2026-01-01T00:00:00Z",
        "v1.2.3",
        "Dear",
        "phone",
        "ssn",
        "\n",
        ", ",
        " ",
        "é",
        "Ü",
        "@",
        "+",
        "-",
        "0",
        "9",
        "(",
        ")",
        "<",
        "TOK_",
        "x" * 30,
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=30))
def test_spans_are_in_bounds_sorted_and_disjoint(parts: list[str]) -> None:
    text = "".join(parts)
    spans = D.analyze(text)
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert 0.0 <= s.score <= 1.0
    for a, b in itertools.pairwise(spans):
        assert a.end <= b.start


@given(
    st.lists(
        st.tuples(
            st.integers(0, 50),
            st.integers(1, 10),
            st.sampled_from(["PERSON", "URL", "EMAIL_ADDRESS"]),
        ),
        max_size=20,
    )
)
def test_resolve_keeps_disjoint_spans(items: list[tuple[int, int, str]]) -> None:
    spans = [Span(a, a + n, label, 0.5) for a, n, label in items]
    kept = resolve(spans)
    assert all(not x.overlaps(y) for i, x in enumerate(kept) for y in kept[i + 1 :])
    assert all(any(k.overlaps(s) for k in kept) for s in spans)  # nothing dropped without cause
