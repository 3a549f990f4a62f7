"""The age format: round trips, interoperability with the age tool, and tampering."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secplan.errors import VerificationError
from secplan.protect.age import (
    CHUNK,
    TAG,
    ScryptIdentity,
    ScryptRecipient,
    X25519Identity,
    X25519Recipient,
    decrypt_chunks,
    encrypt_stream,
    read_header,
    rewrap,
)
from secplan.protect.armor import BEGIN, END, age_stream
from tests.conftest import require_tool

IDENT = X25519Identity.generate()


def enc(data: bytes, recipients: list[object] | None = None) -> bytes:
    out = io.BytesIO()
    encrypt_stream(io.BytesIO(data), out, recipients or [IDENT.recipient])  # type: ignore[arg-type]
    return out.getvalue()


def dec(blob: bytes, identities: list[object] | None = None) -> bytes:
    return b"".join(decrypt_chunks(io.BytesIO(blob), identities or [IDENT]))  # type: ignore[arg-type]


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 7])
def test_round_trip_sizes(size: int) -> None:
    data = os.urandom(size)
    blob = enc(data)
    assert dec(blob) == data
    chunks = max(1, -(-size // CHUNK))
    header = read_header(io.BytesIO(blob))
    assert len(blob) == header.size + 16 + size + chunks * TAG


def test_keys_encode_like_age() -> None:
    assert str(IDENT.recipient).startswith("age1") and len(str(IDENT.recipient)) == 62
    assert str(IDENT).startswith("AGE-SECRET-KEY-1")
    assert X25519Identity.parse(str(IDENT)) == IDENT
    assert X25519Recipient.parse(str(IDENT.recipient)) == IDENT.recipient
    with pytest.raises(ValueError):
        X25519Recipient.parse("age1notakey")


def test_wrong_identity_and_multiple_recipients() -> None:
    other = X25519Identity.generate()
    blob = enc(b"secret", [IDENT.recipient, other.recipient])
    assert dec(blob, [other]) == b"secret"
    with pytest.raises(VerificationError, match="no key of yours"):
        dec(enc(b"secret"), [other])


def test_passphrase() -> None:
    blob = enc(b"secret", [ScryptRecipient(b"pass phrase", log_n=10)])
    assert dec(blob, [ScryptIdentity(b"pass phrase")]) == b"secret"
    with pytest.raises(VerificationError):
        dec(blob, [ScryptIdentity(b"wrong")])
    greedy = enc(b"x", [ScryptRecipient(b"p", log_n=23)])
    with pytest.raises(VerificationError, match="work factor"):
        dec(greedy, [ScryptIdentity(b"p")])


def test_rewrap_keeps_the_payload() -> None:
    new = X25519Identity.generate()
    blob = enc(os.urandom(CHUNK + 5))
    out = io.BytesIO()
    rewrap(io.BytesIO(blob), out, [IDENT], [new.recipient])
    old_payload = blob[read_header(io.BytesIO(blob)).size :]
    new_blob = out.getvalue()
    assert new_blob.endswith(old_payload)  # not re-encrypted
    assert dec(new_blob, [new]) == dec(blob)
    with pytest.raises(VerificationError):
        dec(new_blob, [IDENT])


@pytest.mark.parametrize("size", [0, 5, CHUNK, CHUNK * 2 + 3])
def test_interoperates_with_the_age_tool(tmp_path: Path, size: int) -> None:
    age = require_tool("age")
    data = os.urandom(size)
    key = tmp_path / "key.txt"
    key.write_text(str(IDENT) + "\n")
    (tmp_path / "ours.age").write_bytes(enc(data))
    r = subprocess.run(
        [age, "-d", "-i", str(key), str(tmp_path / "ours.age")], capture_output=True, check=True
    )
    assert r.stdout == data
    subprocess.run(
        [age, "-r", str(IDENT.recipient), "-o", str(tmp_path / "theirs.age")],
        input=data,
        check=True,
    )
    assert dec((tmp_path / "theirs.age").read_bytes()) == data


BLOB = enc(os.urandom(3 * CHUNK + 100))
HEADER_END = read_header(io.BytesIO(BLOB)).size


def _mutate(blob: bytes, how: str, i: int, j: int) -> bytes:
    i, j = i % len(blob), j % len(blob)
    if how == "flip":
        return blob[:i] + bytes([blob[i] ^ 0x01]) + blob[i + 1 :]
    if how == "drop":
        return blob[:i] + blob[i + 1 :]
    if how == "duplicate":
        return blob[:i] + blob[i : i + 1] + blob[i:]
    if how == "truncate":
        return blob[:i]
    # swap two whole chunks of the payload
    body = HEADER_END + 16
    chunks = [blob[k : k + CHUNK + TAG] for k in range(body, len(blob), CHUNK + TAG)]
    a, b = i % len(chunks), j % len(chunks)
    if a == b:
        b = (a + 1) % len(chunks)
    chunks[a], chunks[b] = chunks[b], chunks[a]
    return blob[:body] + b"".join(chunks)


@settings(max_examples=300, deadline=None)
@given(
    how=st.sampled_from(["flip", "drop", "duplicate", "truncate", "swap"]),
    i=st.integers(0, 10**9),
    j=st.integers(0, 10**9),
)
def test_any_alteration_is_rejected_without_output(how: str, i: int, j: int) -> None:
    bad = _mutate(BLOB, how, i, j)
    released = []
    with pytest.raises(VerificationError):
        for chunk in decrypt_chunks(io.BytesIO(bad), [IDENT]):
            released.append(chunk)
    # chunks before the damage may have been authenticated, never the whole file
    assert hashlib.sha256(b"".join(released)).digest() != hashlib.sha256(dec(BLOB)).digest()


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_parser_never_raises_anything_else(data: bytes) -> None:
    for blob in (data, b"age-encryption.org/v1\n" + data):
        with contextlib.suppress(VerificationError):
            dec(blob)


def _armor(blob: bytes, eol: bytes = b"\n") -> bytes:
    b64 = base64.b64encode(blob)
    lines = [b64[i : i + 64] for i in range(0, len(b64), 64)]
    return eol.join([BEGIN, *lines, END]) + eol


def _dearmored(data: bytes) -> bytes:
    return dec(age_stream(io.BytesIO(data)).read())


@pytest.mark.parametrize("size", [0, 1, 47, 48, CHUNK + 3])
def test_armored_files_are_read(size: int) -> None:
    data = os.urandom(size)
    blob = enc(data)
    assert _dearmored(_armor(blob)) == data
    assert _dearmored(_armor(blob, b"\r\n")) == data
    assert _dearmored(b"  \n" + _armor(blob) + b"\n\n ") == data  # whitespace around the block


@pytest.mark.parametrize(
    "damage",
    [
        lambda a: a + b"trailing text\n",  # data after the END line
        lambda a: a.replace(END + b"\n", b""),  # truncated: no END line
        lambda a: a[:-10],  # cut inside the END line
        lambda a: a.replace(b"\n", b"\nA", 1),  # a 65-column line
        lambda a: a.replace(b"\n", b"\n\n", 2),  # an empty line inside the block
        lambda a: a.replace(BEGIN, b"-----BEGIN AGE ENCRYPTED FILEZ-----"),
        lambda a: b" " * 1025 + a,  # too much leading whitespace
    ],
)
def test_malformed_armor_is_refused(damage: object) -> None:
    armored = damage(_armor(enc(os.urandom(500))))  # type: ignore[operator]
    with pytest.raises(VerificationError):
        _dearmored(armored)


def test_non_canonical_armor_is_refused() -> None:
    blob = next(b for b in (enc(b"x" * n) for n in range(3)) if len(b) % 3)  # padded
    lines = _armor(blob).split(b"\n")
    last = lines[-3]
    tail = last.rstrip(b"=")
    assert tail != last
    # the same bytes, with the unused low bits of the last base64 character set
    alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    bumped = tail[:-1] + bytes([alphabet[alphabet.index(tail[-1]) + 1]])
    lines[-3] = bumped + b"=" * (len(last) - len(tail))
    assert base64.b64decode(lines[-3]) == base64.b64decode(last)
    with pytest.raises(VerificationError, match="non-canonical"):
        _dearmored(b"\n".join(lines))


ARMORED = _armor(enc(os.urandom(300)))


@settings(max_examples=300, deadline=None)
@given(i=st.integers(0, len(ARMORED) - 1), b=st.integers(0, 255), cut=st.booleans())
def test_armor_parser_never_raises_anything_else(i: int, b: int, cut: bool) -> None:
    data = ARMORED[:i] if cut else ARMORED[:i] + bytes([b]) + ARMORED[i + 1 :]
    with contextlib.suppress(VerificationError):
        _dearmored(data)
