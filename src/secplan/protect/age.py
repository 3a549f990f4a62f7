"""The age file-encryption format (age-encryption.org/v1, the C2SP ``age`` specification),
implemented on the primitives of the ``cryptography`` package.

Files written here decrypt with the ``age`` command-line tool and the other way round; the
test suite checks both directions against the reference implementation. Supported recipient
types: X25519 (``age1…`` / ``AGE-SECRET-KEY-1…``) and scrypt passphrases.

Layout (see ``docs/formats/age.md``)::

    age-encryption.org/v1
    -> X25519 <ephemeral share>         one stanza per recipient: the 16-byte file key,
    <wrapped file key>                  wrapped for that recipient
    --- <header MAC>                    HMAC-SHA256 under a key derived from the file key
    <16-byte nonce><payload>            ChaCha20-Poly1305 in 64 KiB chunks (STREAM): each
                                        chunk's nonce is its counter and a last-chunk flag,
                                        so truncation, reordering and swapping fail to decrypt
"""

from __future__ import annotations

import base64
import hmac
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from bech32 import bech32_decode, bech32_encode, convertbits
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.hmac import HMAC
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from secplan.errors import VerificationError

INTRO = b"age-encryption.org/v1\n"
CHUNK = 64 * 1024
#: Chunks read, sealed or opened per batch (256 KiB of plaintext): small enough that a batch
#: is still in the CPU's cache when it is sealed or opened and then written (4 MiB batches
#: took a fifth more CPU time per gigabyte, copied from and to main memory), large enough
#: that the system calls do not count.
BATCH = 4
TAG = 16
ZERO_NONCE = bytes(12)
MAX_HEADER = 1 << 20
MAX_STANZAS = 64
MAX_SCRYPT_LOG_N = 22  # refuse work factors that would take minutes (or be an attack)
DEFAULT_SCRYPT_LOG_N = 18


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _unb64(text: bytes) -> bytes:
    if b"=" in text or b"\n" in text or b"\r" in text:
        raise VerificationError("age header: non-canonical base64", "the file is corrupt")
    try:
        out = base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)
    except ValueError as exc:
        raise VerificationError("age header: invalid base64", "the file is corrupt") from exc
    if _b64(out) != text:
        raise VerificationError("age header: non-canonical base64", "the file is corrupt")
    return out


def _hkdf(ikm: bytes, salt: bytes, info: bytes, length: int = 32) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(ikm)


def _raw(pub: X25519PublicKey) -> bytes:
    return pub.public_bytes(Encoding.Raw, PublicFormat.Raw)


# -- keys -----------------------------------------------------------------------------------


def _bech32(hrp: str, data: bytes) -> str:
    bits = convertbits(list(data), 8, 5, True)
    assert bits is not None
    return str(bech32_encode(hrp, bits))


def _unbech32(text: str, hrp: str) -> bytes:
    got_hrp, bits = bech32_decode(text)
    if got_hrp != hrp or bits is None:
        raise ValueError(f"not an {hrp} key")
    data = convertbits(bits, 5, 8, False)
    if data is None or len(data) != 32:
        raise ValueError("wrong key length")
    return bytes(data)


@dataclass(frozen=True, slots=True)
class X25519Recipient:
    public: bytes

    def __str__(self) -> str:
        return _bech32("age", self.public)

    @classmethod
    def parse(cls, text: str) -> X25519Recipient:
        return cls(_unbech32(text.strip(), "age"))

    def wrap(self, file_key: bytes) -> Stanza:
        eph = X25519PrivateKey.generate()
        share = _raw(eph.public_key())
        shared = eph.exchange(X25519PublicKey.from_public_bytes(self.public))
        if shared == bytes(32):
            raise ValueError("recipient key is a low-order point")
        wrap_key = _hkdf(shared, share + self.public, b"age-encryption.org/v1/X25519")
        body = ChaCha20Poly1305(wrap_key).encrypt(ZERO_NONCE, file_key, None)
        return Stanza("X25519", (_b64(share).decode(),), body)


@dataclass(frozen=True, slots=True)
class X25519Identity:
    secret: bytes

    @classmethod
    def generate(cls) -> X25519Identity:
        key = X25519PrivateKey.generate()
        return cls(key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()))

    @classmethod
    def parse(cls, text: str) -> X25519Identity:
        return cls(_unbech32(text.strip().lower(), "age-secret-key-"))

    def __str__(self) -> str:
        return _bech32("age-secret-key-", self.secret).upper()

    @property
    def recipient(self) -> X25519Recipient:
        return X25519Recipient(_raw(X25519PrivateKey.from_private_bytes(self.secret).public_key()))

    def unwrap(self, stanza: Stanza) -> bytes | None:
        if stanza.type != "X25519":
            return None
        if len(stanza.args) != 1 or len(stanza.body) != 32:
            raise VerificationError("age header: malformed X25519 stanza", "the file is corrupt")
        share = _unb64(stanza.args[0].encode())
        if len(share) != 32:
            raise VerificationError("age header: malformed X25519 stanza", "the file is corrupt")
        key = X25519PrivateKey.from_private_bytes(self.secret)
        shared = key.exchange(X25519PublicKey.from_public_bytes(share))
        if shared == bytes(32):
            raise VerificationError("age header: low-order X25519 share", "the file is corrupt")
        wrap_key = _hkdf(shared, share + self.recipient.public, b"age-encryption.org/v1/X25519")
        try:
            return ChaCha20Poly1305(wrap_key).decrypt(ZERO_NONCE, stanza.body, None)
        except InvalidTag:
            return None  # for someone else


@dataclass(frozen=True, slots=True)
class ScryptRecipient:
    passphrase: bytes
    log_n: int = DEFAULT_SCRYPT_LOG_N

    def wrap(self, file_key: bytes) -> Stanza:
        salt = os.urandom(16)
        key = Scrypt(
            salt=b"age-encryption.org/v1/scrypt" + salt, length=32, n=1 << self.log_n, r=8, p=1
        ).derive(self.passphrase)
        body = ChaCha20Poly1305(key).encrypt(ZERO_NONCE, file_key, None)
        return Stanza("scrypt", (_b64(salt).decode(), str(self.log_n)), body)


@dataclass(frozen=True, slots=True)
class ScryptIdentity:
    passphrase: bytes
    max_log_n: int = MAX_SCRYPT_LOG_N

    def unwrap(self, stanza: Stanza) -> bytes | None:
        if stanza.type != "scrypt":
            return None
        if (
            len(stanza.args) != 2
            or len(stanza.body) != 32
            or not stanza.args[1].isdigit()
            or (stanza.args[1].startswith("0"))
        ):
            raise VerificationError("age header: malformed scrypt stanza", "the file is corrupt")
        salt, log_n = _unb64(stanza.args[0].encode()), int(stanza.args[1])
        if len(salt) != 16 or not 1 <= log_n <= self.max_log_n:
            raise VerificationError(
                f"age header: scrypt work factor 2^{log_n} refused",
                "re-encrypt with a work factor of at most 2^22",
            )
        key = Scrypt(
            salt=b"age-encryption.org/v1/scrypt" + salt, length=32, n=1 << log_n, r=8, p=1
        ).derive(self.passphrase)
        try:
            return ChaCha20Poly1305(key).decrypt(ZERO_NONCE, stanza.body, None)
        except InvalidTag:
            return None


@dataclass(frozen=True, slots=True)
class FileKey:
    """A file key already unwrapped elsewhere (released by the server for one file): it
    "opens" any stanza, and :func:`open_file_key` then checks it against the header's MAC,
    so a wrong key is refused as an altered header is."""

    key: bytes

    def unwrap(self, stanza: Stanza) -> bytes | None:
        return self.key


Recipient = X25519Recipient | ScryptRecipient
Identity = X25519Identity | ScryptIdentity | FileKey


# -- header ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Stanza:
    type: str
    args: tuple[str, ...]
    body: bytes

    def encode(self) -> bytes:
        line = b"-> " + " ".join((self.type, *self.args)).encode() + b"\n"
        b64 = _b64(self.body)
        lines = [b64[i : i + 64] for i in range(0, len(b64), 64)]
        if not lines or len(lines[-1]) == 64:
            lines.append(b"")
        return line + b"".join(x + b"\n" for x in lines)


@dataclass(frozen=True, slots=True)
class Header:
    stanzas: tuple[Stanza, ...]
    mac: bytes
    raw_without_mac: bytes  # the bytes the MAC covers: intro, stanzas and "---"
    size: int  # bytes from the start of the file to the end of the MAC line


def _mac_key(file_key: bytes) -> bytes:
    return _hkdf(file_key, b"", b"header")


def _mac(file_key: bytes, data: bytes) -> bytes:
    h = HMAC(_mac_key(file_key), hashes.SHA256())
    h.update(data)
    return h.finalize()


def encode_header(stanzas: Sequence[Stanza], file_key: bytes) -> bytes:
    body = INTRO + b"".join(s.encode() for s in stanzas) + b"---"
    return body + b" " + _b64(_mac(file_key, body)) + b"\n"


def _readline(fh: BinaryIO, budget: list[int]) -> bytes:
    line = fh.readline(min(budget[0], 4096) + 1)
    budget[0] -= len(line)
    if not line.endswith(b"\n") or budget[0] < 0:
        raise VerificationError(
            "not an age file, or its header is truncated or too large",
            "check that the file is an intact age-encrypted file",
        )
    return line


def header_bytes(header: Header) -> bytes:
    """The header as it stands in the file, MAC line included (what :func:`read_header`
    parsed)."""
    return header.raw_without_mac + b" " + _b64(header.mac) + b"\n"


def read_header(fh: BinaryIO) -> Header:
    """Parse the header at the start of ``fh``, leaving ``fh`` at the payload nonce."""
    budget = [MAX_HEADER]
    intro = _readline(fh, budget)
    if intro != INTRO:
        raise VerificationError(
            "not an age-encryption.org/v1 file",
            "decrypt only files written by secplan protect or age",
        )
    raw = bytearray(intro)
    stanzas: list[Stanza] = []
    line = _readline(fh, budget)
    while line.startswith(b"-> "):
        if len(stanzas) >= MAX_STANZAS:
            raise VerificationError("age header: too many recipients", "the file is corrupt")
        raw += line
        parts = line[3:-1].split(b" ")
        if not parts or any(not p or not all(33 <= c <= 126 for c in p) for p in parts):
            raise VerificationError("age header: malformed stanza line", "the file is corrupt")
        body = bytearray()
        while True:
            bl = _readline(fh, budget)
            raw += bl
            chunk = bl[:-1]
            if len(chunk) > 64:
                raise VerificationError("age header: stanza line too long", "the file is corrupt")
            body += _unb64(chunk) if chunk else b""
            if len(chunk) < 64:
                break
        stanzas.append(Stanza(parts[0].decode(), tuple(p.decode() for p in parts[1:]), bytes(body)))
        line = _readline(fh, budget)
    if not line.startswith(b"--- ") or not stanzas:
        raise VerificationError("age header: missing MAC or recipients", "the file is corrupt")
    raw += b"---"
    mac = _unb64(line[4:-1])
    return Header(tuple(stanzas), mac, bytes(raw), MAX_HEADER - budget[0])


def open_file_key(header: Header, identities: Sequence[Identity]) -> bytes | None:
    """The file key, authenticated by the header MAC, or None if no identity opens the file;
    :class:`VerificationError` if the header is malformed or was altered."""
    if any(s.type == "scrypt" for s in header.stanzas) and len(header.stanzas) != 1:
        raise VerificationError(
            "age header: a scrypt stanza must be the only one", "the file is corrupt"
        )
    for stanza in header.stanzas:
        for ident in identities:
            key = ident.unwrap(stanza)
            if key is None:
                continue
            if len(key) != 16:
                raise VerificationError("age header: wrong file-key length", "corrupt file")
            if not hmac.compare_digest(_mac(key, header.raw_without_mac), header.mac):
                raise VerificationError(
                    "age header: MAC does not verify (header altered)",
                    "the file was tampered with or is corrupt",
                )
            return key
    return None


def unwrap_file_key(header: Header, identities: Sequence[Identity]) -> bytes:
    """As :func:`open_file_key`, but no identity opening the file is an error too."""
    key = open_file_key(header, identities)
    if key is None:
        raise VerificationError(
            "no key of yours opens this file", "decrypt with the key it was encrypted to"
        )
    return key


# -- payload --------------------------------------------------------------------------------


def payload_cipher(file_key: bytes, nonce: bytes) -> ChaCha20Poly1305:
    """The payload's AEAD: keyed by HKDF-SHA256(file key, salt = the 16-byte nonce)."""
    return ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))


def chunk_nonce(counter: int, last: bool) -> bytes:
    """Chunk ``counter``'s nonce: 11-byte big-endian counter and the last-chunk flag."""
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def read_full(src: BinaryIO, view: memoryview) -> int:
    """Read into ``view`` until it is full or ``src`` ends; the number of bytes read."""
    readinto = getattr(src, "readinto", None)
    got = 0
    while got < len(view):
        if readinto is not None:
            n = readinto(view[got:])
        else:
            data = src.read(len(view) - got)
            n = len(data)
            view[got : got + n] = data
        if not n:
            break
        got += n
    return got


def encrypt_stream(
    src: BinaryIO,
    dst: BinaryIO,
    recipients: Sequence[Recipient],
    *,
    extra: Sequence[Stanza] = (),
    progress: Callable[[int], None] | None = None,
) -> int:
    """Encrypt ``src`` to ``dst`` in constant memory; returns the plaintext length.

    ``extra`` stanzas (of types age implementations do not know, so they skip them) are
    added to the header and authenticated by its MAC.

    The payload is read and sealed :data:`BATCH` chunks at a time, each chunk sealed in place
    into one output buffer (no per-chunk allocation), and written with one call per batch."""
    if not recipients:
        raise ValueError("no recipients")
    if any(isinstance(r, ScryptRecipient) for r in recipients) and len(recipients) != 1:
        raise ValueError("a passphrase cannot be combined with other recipients")
    file_key = os.urandom(16)
    dst.write(encode_header([*(r.wrap(file_key) for r in recipients), *extra], file_key))
    nonce = os.urandom(16)
    dst.write(nonce)
    aead = payload_cipher(file_key, nonce)
    seal = aead.encrypt_into
    # Two input buffers: the next batch is read before the current one is sealed, so the
    # last chunk of the stream is known to be last (STREAM flags it in its nonce).
    bufs = (bytearray(BATCH * CHUNK), bytearray(BATCH * CHUNK))
    out = bytearray(BATCH * (CHUNK + TAG))
    oview = memoryview(out)
    total, counter, which = 0, 0, 0
    current = memoryview(bufs[0])
    size = read_full(src, current)
    while True:
        if size == len(current):
            which ^= 1
            following = memoryview(bufs[which])
            next_size = read_full(src, following)
        else:
            following, next_size = current, 0
        end_of_stream = next_size == 0
        pos = opos = 0
        while True:
            piece = min(CHUNK, size - pos)
            last = end_of_stream and pos + piece >= size
            seal(
                chunk_nonce(counter, last),
                current[pos : pos + piece],
                None,
                oview[opos : opos + piece + TAG],
            )
            pos += piece
            opos += piece + TAG
            if pos >= size:
                break
            counter += 1
        dst.write(oview[:opos])
        total += size
        if progress is not None:
            progress(size)
        if end_of_stream:
            return total
        counter += 1
        current, size = following, next_size


def _chunk_error(
    aead: ChaCha20Poly1305, counter: int, chunk: bytes, last: bool
) -> VerificationError:
    """Why chunk ``counter`` failed: a full chunk that authenticates as a middle one means
    the file was cut at a chunk boundary; otherwise it was altered (or cut mid-chunk)."""
    if last and len(chunk) == CHUNK + TAG:
        try:
            aead.decrypt(chunk_nonce(counter, False), chunk, None)
        except InvalidTag:
            pass
        else:
            return VerificationError(
                f"age payload: truncated after chunk {counter} (the rest of the file is missing)",
                "the file was cut short: copy it again from its source",
            )
    return VerificationError(
        f"age payload: chunk {counter} does not authenticate (altered, reordered or truncated)",
        "the file was tampered with, cut short or is corrupt",
    )


def decrypt_chunks(fh: BinaryIO, identities: Sequence[Identity]) -> Iterator[bytes]:
    """Authenticated plaintext chunks of the age file ``fh`` (64 KiB each, the last one
    shorter), for consumers that read a little at a time.

    Raises :class:`VerificationError` on any alteration: each chunk is released only after
    its tag verifies, and the stream must end with the chunk marked last — callers that
    write plaintext must still discard it unless the iteration completes.
    """
    for batch in decrypt_batches(fh, identities):
        for pos in range(0, len(batch), CHUNK):
            yield bytes(batch[pos : pos + CHUNK])


def decrypt_batches(fh: BinaryIO, identities: Sequence[Identity]) -> Iterator[memoryview]:
    """Authenticated plaintext of the age file ``fh``, up to :data:`BATCH` chunks at a
    time: each chunk is opened in place into one reused buffer (no per-chunk allocation).

    Every view is valid only until the next one is asked for (copy what must outlive it).
    Errors as :func:`decrypt_chunks`: a batch is released only once each of its chunks has
    authenticated, and the stream must end with the chunk marked last.
    """
    header = read_header(fh)
    file_key = unwrap_file_key(header, identities)
    nonce = fh.read(16)
    if len(nonce) != 16:
        raise VerificationError("age payload: truncated before the nonce", "the file is cut")
    aead = payload_cipher(file_key, nonce)
    open_into = aead.decrypt_into
    sealed = CHUNK + TAG
    # Read BATCH chunks at a time, one batch ahead, so the stream's last chunk is known.
    bufs = (bytearray(BATCH * sealed), bytearray(BATCH * sealed))
    plain = memoryview(bytearray(BATCH * CHUNK))
    counter, which = 0, 0
    current = memoryview(bufs[0])
    size = read_full(fh, current)
    while True:
        if size == len(current):
            which ^= 1
            following = memoryview(bufs[which])
            next_size = read_full(fh, following)
        else:
            following, next_size = current, 0
        end_of_stream = next_size == 0
        pos = ppos = 0
        while True:
            piece = min(sealed, size - pos)
            last = end_of_stream and pos + piece >= size
            if piece < TAG or (last and piece == TAG and counter > 0):
                raise VerificationError(
                    "age payload: truncated or has an empty final chunk",
                    "the file was cut or altered",
                )
            chunk = current[pos : pos + piece]
            try:
                open_into(chunk_nonce(counter, last), chunk, None, plain[ppos : ppos + piece - TAG])
            except InvalidTag:
                raise _chunk_error(aead, counter, bytes(chunk), last) from None
            pos += piece
            ppos += piece - TAG
            if pos >= size:
                break
            counter += 1
        yield plain[:ppos]
        if end_of_stream:
            return
        counter += 1
        if counter >= 1 << 88:
            raise VerificationError("age payload: too many chunks", "corrupt file")
        current, size = following, next_size


def rewrap(
    src: BinaryIO,
    dst: BinaryIO,
    identities: Sequence[Identity],
    recipients: Sequence[Recipient],
    extra: Sequence[Stanza] = (),
) -> None:
    """Copy an age file with a new header for ``recipients`` and the same payload: the data
    is not re-encrypted, only its file key is wrapped again (key rotation)."""
    header = read_header(src)
    file_key = unwrap_file_key(header, identities)
    dst.write(encode_header([*(r.wrap(file_key) for r in recipients), *extra], file_key))
    while block := src.read(1 << 20):
        dst.write(block)
