"""E-mail addresses with non-ASCII letters (RFC 6531 local parts, IDN domains) are found
whole, as ASCII ones are, and the same look-alikes stay unreported."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secplan.data.detect import Detector
from secplan.data.typed import typed_span

D = Detector(entities=frozenset({"EMAIL_ADDRESS"}))


def emails(text: str) -> list[str]:
    return [text[s.start : s.end] for s in D.analyze(text) if s.label == "EMAIL_ADDRESS"]


@pytest.mark.parametrize(
    "address",
    [
        "josé.garcía@correo.es",  # Unicode local part, ASCII domain
        "müller@bücher.de",  # IDN domain (U-label)
        "ÿ@ÿ.fr",  # one-letter labels
        "почта@пример.рф",  # Cyrillic throughout, IDN top-level domain
        "用户@例子.中国",  # CJK
        "θέμα@παράδειγμα.ελ",  # Greek
        "info.kunde@xn--bcher-kva.de",  # an A-label (punycode) domain
        "ana@correo.xn--p1ai",  # a punycode top-level domain
        "ana.silva@mail.pt",  # ASCII, unchanged
    ],
)
def test_non_ascii_addresses_are_found_whole(address: str) -> None:
    assert emails(f"write to {address}, today") == [address]
    assert typed_span(address, "EMAIL_ADDRESS", "email") is not None


@pytest.mark.parametrize(
    "text",
    [
        "josé@correo.example",  # reserved domain (RFC 2606)
        "sécurité@bücher.test",  # reserved domain
        "müller@bücher",  # no top-level domain
        "müller@bü_cher.de",  # an underscore is no part of a host name
        "müller@-bücher.de",  # a label never starts with a hyphen
        "@bücher.de",  # no local part
        "müller@bücher.1",  # a top-level domain is never numeric
    ],
)
def test_look_alikes_stay_unreported(text: str) -> None:
    assert emails(text) == []


_LETTER = st.characters(categories=("Ll", "Lu", "Lo"))


@given(
    local=st.text(_LETTER, min_size=1, max_size=12),
    host=st.text(_LETTER, min_size=1, max_size=12),
    tld=st.text(st.characters(categories=("Ll",)), min_size=2, max_size=6),
)
def test_any_letters_make_an_address(local: str, host: str, tld: str) -> None:
    address = f"{local}@{host}.{tld}"
    found = emails(f"an {address} here")
    if tld.lower() in ("invalid", "test", "localhost", "example"):
        assert found == []
    else:
        assert found == [address] or _role_mailbox(local)


def _role_mailbox(local: str) -> bool:
    from secplan.data.lists import word_lists

    return local.lower() in word_lists().role_mailboxes
