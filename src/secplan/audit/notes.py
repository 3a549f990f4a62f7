"""Signed checkpoints in the C2SP formats ``tlog-checkpoint`` inside a ``signed-note``,
signed with Ed25519: the format transparency logs use, verifiable by their tooling.

A checkpoint note looks like::

    secplan.audit/3f6c…            <- origin: this trail's identity
    1024                           <- tree size
    qRk3…=                         <- base64 Merkle root (RFC 9162)
    time 2026-12-02T09:00:00Z      <- extension line
                                   <- blank line
    — secplan-audit-ab12 AAAA…     <- key name, base64(4-byte key id || signature)
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from secplan.errors import VerificationError

ALG_ED25519 = 0x01
SIG_PREFIX = "\u2014 "  # em dash and space
MAX_NOTE_BYTES = 1 << 16


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id(name: str, public: Ed25519PublicKey) -> bytes:
    return hashlib.sha256(
        name.encode() + b"\n" + bytes([ALG_ED25519]) + _raw_public(public)
    ).digest()[:4]


def _check_name(name: str) -> str:
    if not name or any(c.isspace() or c == "+" for c in name):
        raise ValueError("a key name has no spaces and no '+'")
    return name


@dataclass(frozen=True, slots=True)
class Verifier:
    """A public key allowed to sign checkpoints, in the note ``vkey`` encoding."""

    name: str
    public: Ed25519PublicKey

    @property
    def id(self) -> bytes:
        return key_id(self.name, self.public)

    def vkey(self) -> str:
        raw = base64.b64encode(bytes([ALG_ED25519]) + _raw_public(self.public)).decode()
        return f"{self.name}+{self.id.hex()}+{raw}"

    @classmethod
    def parse(cls, vkey: str) -> Verifier:
        try:
            name, hexid, b64 = vkey.strip().split("+", 2)
            raw = base64.b64decode(b64, validate=True)
            if raw[0] != ALG_ED25519 or len(raw) != 33:
                raise ValueError("not an Ed25519 key")
            v = cls(_check_name(name), Ed25519PublicKey.from_public_bytes(raw[1:]))
            if v.id.hex() != hexid.lower():
                raise ValueError("key id does not match the key")
        except (ValueError, IndexError) as exc:
            raise VerificationError(
                f"invalid verifier key {vkey[:40]!r}: {exc}", "use the form name+keyid+base64key"
            ) from exc
        return v


@dataclass(frozen=True, slots=True)
class Signer:
    name: str
    private: Ed25519PrivateKey

    @property
    def verifier(self) -> Verifier:
        return Verifier(self.name, self.private.public_key())

    def sign(self, text: str) -> str:
        """A signed note of ``text`` (which must end in a newline)."""
        if not text.endswith("\n") or "\n\n" in text:
            raise ValueError("note text must end in one newline and contain no blank line")
        sig = self.private.sign(text.encode())
        blob = base64.b64encode(self.verifier.id + sig).decode()
        return f"{text}\n{SIG_PREFIX}{self.name} {blob}\n"


@dataclass(frozen=True, slots=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...] = ()

    def text(self) -> str:
        lines = [
            self.origin,
            str(self.size),
            base64.b64encode(self.root).decode(),
            *self.extensions,
        ]
        return "\n".join(lines) + "\n"


def open_note(note: str, verifiers: list[Verifier]) -> tuple[str, list[str]]:
    """The text of ``note`` and the names of the known keys whose signatures verify.

    Raises :class:`VerificationError` when the note is malformed, carries a signature by a
    known key that does not verify, or none of its signatures is by a known key.
    """
    if len(note.encode()) > MAX_NOTE_BYTES:
        raise VerificationError("checkpoint note is too large", "checkpoints are a few lines")
    text, sep, sigs = note.partition("\n\n")
    if not sep or not text:
        raise VerificationError("checkpoint note has no signature block", "re-export it")
    text += "\n"
    by_id = {(v.name, v.id): v for v in verifiers}
    good: list[str] = []
    for line in sigs.splitlines():
        if not line.startswith(SIG_PREFIX):
            raise VerificationError("malformed signature line in checkpoint note", "re-export it")
        name, _, b64 = line[len(SIG_PREFIX) :].partition(" ")
        try:
            blob = base64.b64decode(b64, validate=True)
        except ValueError as exc:
            raise VerificationError("signature is not base64", "re-export it") from exc
        v = by_id.get((name, blob[:4]))
        if v is None:
            continue  # a co-signer we do not know: allowed by the format
        try:
            v.public.verify(blob[4:], text.encode())
        except InvalidSignature as exc:
            raise VerificationError(
                f"checkpoint signature by {name} does not verify",
                "the checkpoint or its signature was altered",
            ) from exc
        good.append(name)
    if not good:
        raise VerificationError(
            "checkpoint is not signed by a trusted audit key",
            "add the signer's key to the trusted audit keys",
        )
    return text, good


def parse_checkpoint(text: str) -> Checkpoint:
    lines = text.rstrip("\n").split("\n")
    if len(lines) < 3:
        raise VerificationError("checkpoint text has fewer than three lines", "re-export it")
    origin, size_text, root_b64, *ext = lines
    try:
        size = int(size_text)
        root = base64.b64decode(root_b64, validate=True)
    except ValueError as exc:
        raise VerificationError("checkpoint size or root is malformed", "re-export it") from exc
    if size < 0 or str(size) != size_text or len(root) != 32:
        raise VerificationError("checkpoint size or root is malformed", "re-export it")
    return Checkpoint(origin, size, root, tuple(ext))


__all__ = ["Checkpoint", "Signer", "Verifier", "open_note", "parse_checkpoint"]
