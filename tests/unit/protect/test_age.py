"""The age format: round trips, interoperability with the age tool, and tampering."""

from __future__ import annotations

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
