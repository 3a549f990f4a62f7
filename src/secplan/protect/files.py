"""Encrypting and decrypting files and directories of any size, in constant memory.

* Encryption writes ``FILE.age`` atomically (staged file, fsync, then its name), encrypted to
  the key's primary version, with a ``secplan-key <version id>`` stanza naming the version
  (age tools ignore stanzas they do not know; the header MAC authenticates it). An existing
  file is replaced only when asked (``overwrite``), on encryption and decryption alike.
* ``remove_plaintext`` deletes the original only after the ciphertext on disk has been read
  back, fully authenticated, and its plaintext digest matched the original's.
* Decryption writes to a staged file (see :mod:`secplan.protect.staging`: unnamed where the
  platform allows) that gets its real name only after the last chunk has authenticated:
  unauthenticated plaintext is never released under the real name, and a killed decryption
  leaves no plaintext behind under any name that outlives the next run.
* Rotation re-wraps the file key for the new primary version (the payload is copied, not
  re-encrypted), or re-encrypts the data under a fresh file key; both are staged beside the
  file and put in place only once the ring has changed (:mod:`secplan.protect.rotation`).
* Files are read armored (``age -a``) or binary, and every error names the file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from secplan.errors import ConfigError, TargetError, VerificationError
from secplan.protect.age import (
    BATCH,
    CHUNK,
    Header,
    Identity,
    Stanza,
    X25519Recipient,
    decrypt_batches,
    decrypt_chunks,
    read_full,
    read_header,
    rewrap,
)
from secplan.protect.age import encrypt_stream as _encrypt_stream
from secplan.protect.agestream import EncryptingWriter
from secplan.protect.armor import age_stream
from secplan.protect.keystore import KeyStore
from secplan.protect.staging import SUFFIX as PARTIAL
from secplan.protect.staging import Staged, WriteBehind, exists_error, staged

SUFFIX = ".age"
HINT = "secplan-key"
Progress = Callable[[int], None] | None


@dataclass(frozen=True, slots=True)
class Encrypted:
    source: Path
    target: Path
    key: str
    version: str
    size: int
    removed: bool


def _decrypts_to(encrypted: Path, identities: Sequence[Identity], original: Path) -> bool:
    """Whether ``encrypted`` authenticates and decrypts to exactly the bytes of ``original``
    as they are now (read back, compared batch by batch)."""
    with encrypted.open("rb") as fh, original.open("rb", buffering=0) as plain:
        mine = bytearray(BATCH * CHUNK)
        for batch in decrypt_batches(fh, identities):
            n = len(batch)
            got = read_full(plain, memoryview(mine)[:n])
            # a full batch views the whole of its buffer: compared as bytearrays (memcmp)
            same = batch.obj == mine if n == len(mine) else batch.tobytes() == mine[:n]
            if got != n or not same:
                return False
        return plain.read(1) == b""


def encrypt_file(
    src: Path,
    store: KeyStore,
    key: str,
    *,
    remove_plaintext: bool = False,
    overwrite: bool = False,
    progress: Progress = None,
) -> Encrypted:
    """Encrypt ``src`` to ``src.age``; an existing ``src.age`` is replaced only with
    ``overwrite`` (its plaintext may be gone already)."""
    version, recipient = store.recipient(key)
    return encrypt_to(
        src,
        key,
        version.id,
        recipient,
        opener=(lambda: [store.identity(key, version)]) if remove_plaintext else None,
        overwrite=overwrite,
        progress=progress,
    )


def encrypt_to(
    src: Path,
    key: str,
    version_id: str,
    recipient: X25519Recipient,
    *,
    opener: Callable[[], Sequence[Identity]] | None = None,
    overwrite: bool = False,
    progress: Progress = None,
) -> Encrypted:
    """Encrypt ``src`` to ``src.age`` for ``recipient`` (version ``version_id`` of key
    ``key``). With ``opener`` (what opens the result: the key's identity, or a file key the
    server releases), the original is deleted once the ciphertext on disk was read back,
    authenticated and found to hold exactly its bytes."""
    if not src.is_file() or src.is_symlink():
        raise TargetError(f"{src}: not a regular file", "encrypt files or directories")
    dest = encrypted_name(src)
    if dest.exists() and not overwrite:
        raise exists_error(dest)
    try:
        raw = src.open("rb")
    except OSError as exc:
        raise TargetError(f"{src}: cannot read ({exc.strerror or exc})", "check the path") from exc
    try:
        with raw, staged(dest, replace=overwrite) as out:
            size = encrypt_hinted(raw, out, recipient, version_id, _writing_behind(out, progress))
    except OSError as exc:  # reading the plaintext or writing the ciphertext
        raise TargetError(
            f"{src} -> {dest}: {exc.strerror or exc}", "check the paths and the free space"
        ) from exc
    removed = False
    if opener is not None:
        if not _decrypts_to(dest, opener(), src):
            raise VerificationError(
                f"{dest}: read back, it differs from {src.name}; plaintext kept",
                "check the disk, and that nothing writes to the file while it is encrypted",
            )
        src.unlink()
        removed = True
    return Encrypted(src, dest, key, version_id, size, removed)


def _writing_behind(out: BinaryIO, progress: Progress) -> Callable[[int], None]:
    """A progress callback that also keeps the disk writing ``out`` as it grows."""
    behind = WriteBehind(out)

    def step(n: int) -> None:
        behind()
        if progress is not None:
            progress(n)

    return step


def encrypt_hinted(
    src: BinaryIO,
    dst: BinaryIO,
    recipient: X25519Recipient,
    version_id: str,
    progress: Progress = None,
) -> int:
    """age encryption to ``recipient`` with a stanza naming the key version."""
    return _encrypt_stream(
        src, dst, [recipient], extra=[Stanza(HINT, (version_id,), b"")], progress=progress
    )


@contextlib.contextmanager
def reading(path: Path) -> Iterator[BinaryIO]:
    """``path`` opened as an age file (armored or binary); every error names the file, in
    one line: :class:`TargetError` if it cannot be read, :class:`VerificationError` if it is
    not an intact age file."""
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise TargetError(f"{path}: cannot read ({exc.strerror})", "check the path") from exc
    with raw:
        try:
            yield age_stream(raw)
        except VerificationError as exc:
            if exc.message.startswith(f"{path}: "):
                raise
            raise VerificationError(f"{path}: {exc.message}", exc.hint) from exc


def header_of(path: Path) -> Header:
    """The parsed header of the age file ``path`` (see :func:`reading` for errors)."""
    with reading(path) as fh:
        return read_header(fh)


def hint_of(header: Header) -> str | None:
    """The key version a header names in secplan's stanza, if any."""
    for s in header.stanzas:
        if s.type == HINT and len(s.args) == 1:
            return s.args[0]
    return None


def key_hint(path: Path) -> str | None:
    """The key version an age file names, without decrypting anything (None if absent or
    if the file is not a readable age file)."""
    try:
        return hint_of(header_of(path))
    except (TargetError, VerificationError):
        return None


def encrypted_name(src: Path) -> Path:
    return src.with_name(src.name + SUFFIX)


def plaintext_name(src: Path) -> Path:
    if src.suffix != SUFFIX:
        raise TargetError(f"{src}: does not end in {SUFFIX}", "give --output")
    return src.with_suffix("")


def decrypt_file(
    src: Path,
    identities: Sequence[Identity],
    dest: Path | None = None,
    *,
    overwrite: bool = False,
    progress: Progress = None,
) -> Path:
    """Decrypt ``src`` to ``dest`` (default: without ``.age``) once every chunk verifies; an
    existing ``dest`` is replaced only with ``overwrite``."""
    dest = dest or plaintext_name(src)
    if dest.exists() and not overwrite:
        raise exists_error(dest)
    try:
        with reading(src) as fh, staged(dest, replace=overwrite) as out:
            step = _writing_behind(out, progress)
            for batch in decrypt_batches(fh, identities):
                out.write(batch)
                step(len(batch))
    except OSError as exc:  # reading the ciphertext or writing the plaintext
        raise TargetError(
            f"{src} -> {dest}: {exc.strerror or exc}", "check the paths and the free space"
        ) from exc
    return dest


def rewrap_file(
    path: Path, identities: Sequence[Identity], recipient: X25519Recipient, version_id: str
) -> None:
    """Re-wrap ``path``'s file key for ``recipient`` in place (atomically)."""
    stage_rewrap(path, identities, recipient, version_id).commit(replace=True)


@dataclass(slots=True)
class StagedRewrap:
    """A re-wrapped copy of ``path``, complete and synced, waiting to replace it."""

    path: Path
    staged: Staged
    was: tuple[int, int, int]  # inode, size, mtime of the file it re-wraps

    def commit(self, *, replace: bool = True) -> bool:
        """Replace the original, unless it changed since it was read (then: False)."""
        if _identity_of(self.path) != self.was:
            self.staged.discard()
            return False
        self.staged.commit(replace=replace)
        return True

    def discard(self) -> None:
        self.staged.discard()


def _identity_of(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_ino, st.st_size, st.st_mtime_ns


def stage_rewrap(
    path: Path, identities: Sequence[Identity], recipient: X25519Recipient, version_id: str
) -> StagedRewrap:
    """Write ``path`` with its file key re-wrapped for ``recipient`` beside it, without
    replacing it yet (:meth:`StagedRewrap.commit` does). The payload is copied, not
    re-encrypted."""
    was = _identity_of(path)
    s = Staged(path, named=True)
    try:
        with reading(path) as src:
            rewrap(src, s.file, identities, [recipient], [Stanza(HINT, (version_id,), b"")])
        s.finish()
    except BaseException:
        s.discard()
        raise
    return StagedRewrap(path, s, was)


def stage_reencrypt(
    path: Path, identities: Sequence[Identity], recipient: X25519Recipient, version_id: str
) -> StagedRewrap:
    """As :func:`stage_rewrap`, but the data is decrypted and encrypted again under a fresh
    file key (plaintext only in memory, one chunk at a time); nothing is staged unless every
    chunk authenticated."""
    was = _identity_of(path)
    s = Staged(path, named=True)
    try:
        with reading(path) as src:
            out = EncryptingWriter(s.file, [recipient], [Stanza(HINT, (version_id,), b"")])
            for chunk in decrypt_chunks(src, identities):
                out.write(chunk)
            out.close()
        s.finish()
    except BaseException:
        s.discard()
        raise
    return StagedRewrap(path, s, was)


#: Directories an encryption of a tree leaves as they are, and why (each is reported).
KEPT_DIRS = {
    ".git": "version-control data: encrypting it would break the repository "
    "(its history may still hold plaintext)",
    ".secplan": "secplan's own records",
}


@dataclass(frozen=True, slots=True)
class Walk:
    """The files a command acts on, and what it leaves out with the reason."""

    files: tuple[Path, ...]
    skipped: tuple[tuple[Path, str], ...]


def _why_not(p: Path, name: str) -> str | None:
    if name.startswith(".") and name.endswith(PARTIAL):
        return "a file another secplan process is writing"
    if p.is_symlink():
        return "a symbolic link (not followed)"
    if not p.is_file():
        return "not a regular file"
    return None


def walk(root: Path, *, encrypted: bool) -> Walk:
    """Regular files under ``root``, hidden ones (``.env``) included, ``.age`` or not. Links,
    special files and the directories in :data:`KEPT_DIRS` are left out and listed."""
    if not root.is_dir() or root.is_symlink():
        return Walk((root,), ())
    files, skipped = [], []
    for dirpath, dirnames, filenames in os.walk(root):
        base = Path(dirpath)
        for d in sorted(dirnames):
            if d in KEPT_DIRS:
                skipped.append((base / d, KEPT_DIRS[d]))
            elif (base / d).is_symlink():  # os.walk does not descend into it
                skipped.append((base / d, "a symbolic link (not followed)"))
        dirnames[:] = sorted(d for d in dirnames if d not in KEPT_DIRS)
        for name in sorted(filenames):
            p = base / name
            why = _why_not(p, name)
            if why is not None:
                skipped.append((p, why))
            elif (p.suffix == SUFFIX) is encrypted:
                files.append(p)
    return Walk(tuple(files), tuple(skipped))


def iter_files(root: Path, *, encrypted: bool) -> Iterator[Path]:
    """The files of :func:`walk`."""
    yield from walk(root, encrypted=encrypted).files


def refuse_existing(targets: Iterable[Path]) -> None:
    """Refuse (:func:`exists_error`) when any of ``targets`` exists, before anything is
    written."""
    for t in targets:
        if t.exists() or t.is_symlink():
            raise exists_error(t)


def destinations(root: Path, files: list[Path], output: Path | None) -> list[Path]:
    """Where each decrypted file goes: beside it, or under ``output`` (an existing directory:
    the same relative paths) or at ``output`` (one file only)."""
    if output is None:
        return [plaintext_name(f) for f in files]
    if output.is_dir():
        base = root if root.is_dir() else root.parent
        return [output / plaintext_name(f).relative_to(base) for f in files]
    if len(files) != 1:
        raise ConfigError(
            f"--output {output} is not a directory, and there are {len(files)} files to decrypt",
            "give an existing directory as --output, or decrypt in place",
        )
    if not output.parent.is_dir():
        raise TargetError(
            f"{output.parent}: no such directory", "create it, or choose another --output"
        )
    return [output]


__all__ = [
    "Encrypted",
    "decrypt_file",
    "destinations",
    "encrypt_file",
    "encrypted_name",
    "exists_error",
    "header_of",
    "hint_of",
    "iter_files",
    "key_hint",
    "plaintext_name",
    "refuse_existing",
    "rewrap_file",
    "stage_reencrypt",
    "stage_rewrap",
    "walk",
]
