"""Encryption at rest as the commands use it: every key operation authorized and audited.

>>> # see docs/protect.md for the commands; the library API mirrors them:
>>> # p = Protection(open_services(), KeyStore()); p.encrypt(Path("data/"), key="default")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from secplan.audit.events import Outcome
from secplan.errors import ConfigError, SecplanError, TargetError
from secplan.protect.files import (
    SUFFIX,
    Encrypted,
    decrypt_file,
    encrypt_file,
    encrypted_name,
    exists_error,
    iter_files,
    key_hint,
    plaintext_name,
    rewrap_file,
    walk,
)
from secplan.protect.keystore import KeyRing, KeyState, KeyStore, KeyVersion
from secplan.protect.staging import sweep, sweep_tree
from secplan.services import Services

Progress = Callable[[int], None] | None


@dataclass(frozen=True, slots=True)
class Rotation:
    key: str
    old: KeyVersion
    new: KeyVersion
    rewrapped: tuple[Path, ...]


class Protection:
    def __init__(self, services: Services, store: KeyStore) -> None:
        self.svc = services
        self.store = store
        self.swept: list[Path] = []  # partial files of killed runs, removed by this one
        self.skipped: list[tuple[Path, str]] = []  # what a directory walk left out, and why

    def _sweep(self, roots: Iterable[Path], *, tree: bool = False) -> None:
        """Remove what killed runs left half-written in the directories about to be used."""
        removed = []
        for root in sorted(set(roots)):
            removed += sweep_tree(root) if tree else sweep(root)
        if removed:
            self.swept += removed
            self.svc.audit(
                "data:partial-removed",
                f"path:{removed[0].parent}",
                files=[str(p) for p in removed[:100]],
                count=len(removed),
            )

    def _require(self, action: str, key: str, **details: object) -> None:
        self.svc.access.require(self.svc.actor, action, f"key:{key}", **details)

    def create(self, key: str) -> KeyRing:
        self._require("key:create", key)
        ring = self.store.create(key)
        self.svc.audit("key:created", f"key:{key}", version=ring.primary.id, kek=ring.primary.kek)
        return ring

    def encrypt(
        self,
        path: Path,
        key: str = "default",
        *,
        remove_plaintext: bool = False,
        force: bool = False,
        progress: Progress = None,
    ) -> list[Encrypted]:
        """Encrypt ``path`` (a file, or every file under a directory) under the existing key
        ``key``. Nothing is written when a ``FILE.age`` already exists, unless ``force``."""
        self._sweep([path], tree=True)
        found = walk(path, encrypted=False)
        files, self.skipped = list(found.files), list(found.skipped)
        if not files:
            raise TargetError(f"{path}: nothing to encrypt", "give a file or a directory")
        self._require("key:encrypt", key, files=len(files))
        self.store.ring(key)  # a key is never created by a typo: it must exist
        if self.skipped:
            self.svc.audit(
                "data:encrypt-skipped",
                f"path:{path}",
                count=len(self.skipped),
                paths=[f"{p}: {why}" for p, why in self.skipped[:100]],
            )
        if not force:
            _refuse_existing(encrypted_name(f) for f in files)
        done = []
        for f in files:
            try:
                enc = encrypt_file(
                    f,
                    self.store,
                    key,
                    remove_plaintext=remove_plaintext,
                    overwrite=force,
                    progress=progress,
                )
            except SecplanError as exc:
                self.svc.audit(
                    "data:encrypt", f"file:{f}", Outcome.FAILED, key=key, error=exc.message
                )
                raise
            self.svc.audit(
                "data:encrypt",
                f"file:{f}",
                key=key,
                version=enc.version,
                bytes=enc.size,
                plaintext_removed=enc.removed,
            )
            done.append(enc)
        return done

    def _key_of(self, f: Path) -> str:
        hint = key_hint(f)
        found = self.store.find_version(hint) if hint else None
        if found is None:
            raise ConfigError(
                f"{f}: names no key of this key store" + (f" (version {hint})" if hint else ""),
                "decrypt it where its key is kept, or with age -i IDENTITY",
            )
        ring, version = found
        if version.state is KeyState.DESTROYED:
            self.svc.audit(
                "key:decrypt",
                f"key:{ring.name}",
                Outcome.FAILED,
                file=str(f),
                reason="key destroyed",
            )
            raise ConfigError(
                f"{f}: its key {ring.name} ({version.id}) was destroyed on "
                f"{version.destroyed}: the data cannot be recovered",
                "this is what crypto-shredding means; restore nothing",
            )
        return ring.name

    def decrypt(
        self,
        path: Path,
        output: Path | None = None,
        *,
        force: bool = False,
        progress: Progress = None,
    ) -> list[Path]:
        """Decrypt ``path`` (a ``.age`` file or a directory of them). Nothing is written when
        a plaintext already exists, unless ``force``."""
        self._sweep([path], tree=True)
        found = walk(path, encrypted=True)
        files, self.skipped = list(found.files), list(found.skipped)
        if not files:
            raise TargetError(f"{path}: no {SUFFIX} file to decrypt", "give a .age file")
        if output is not None and len(files) != 1:
            raise ConfigError("--output takes a single file", "decrypt directories in place")
        by_key: dict[str, list[Path]] = {}
        for f in files:
            by_key.setdefault(self._key_of(f), []).append(f)
        for key, group in by_key.items():  # one decision per key, before any plaintext
            self._require("key:decrypt", key, files=len(group))
        if output is not None:
            self._sweep([output.parent])
        if not force:
            _refuse_existing(output or plaintext_name(f) for f in files)
        out = []
        for f in files:
            key = self._key_of(f)
            identities = [i for _, i in self.store.identities(key)]
            try:
                dest = decrypt_file(f, list(identities), output, overwrite=force, progress=progress)
            except SecplanError as exc:
                self.svc.audit(
                    "key:decrypt", f"key:{key}", Outcome.FAILED, file=str(f), error=exc.message
                )
                raise
            self.svc.audit("data:decrypt", f"file:{f}", key=key, output=str(dest))
            out.append(dest)
        return out

    def rotate(self, key: str, rewrap: tuple[Path, ...] = ()) -> Rotation:
        """New primary version; files under ``rewrap`` that use older versions get their file
        keys re-wrapped for it (their data is not re-encrypted)."""
        self._require("key:rotate", key)
        self._sweep(rewrap, tree=True)
        old, new = self.store.rotate(key)
        identities = [i for _, i in self.store.identities(key)]
        _, recipient = self.store.recipient(key)
        versions = {v.id for v in self.store.ring(key).versions}
        moved = []
        for root in rewrap:
            for f in iter_files(root, encrypted=True):
                if key_hint(f) in versions - {new.id}:
                    rewrap_file(f, list(identities), recipient, new.id)
                    moved.append(f)
        self.svc.audit("key:rotated", f"key:{key}", old=old.id, new=new.id, rewrapped=len(moved))
        return Rotation(key, old, new, tuple(moved))

    def destroy(self, key: str, *, dataset: str | None = None, reason: str = "") -> KeyRing:
        """Destroy a key: everything encrypted under it becomes unrecoverable. The deletion
        record (what, when, who, which key) goes into the audit trail."""
        self._require("key:destroy", key, dataset=dataset or "")
        ring = self.store.destroy(key)
        if dataset:  # partial plaintext of a killed decryption must not outlive the shredding
            self._sweep([Path(dataset)], tree=True)
        self.svc.audit(
            "data:shred" if dataset else "key:destroyed",
            f"dataset:{dataset}" if dataset else f"key:{key}",
            key=key,
            versions=[v.id for v in ring.versions],
            reason=reason,
            method="crypto-shredding: key versions destroyed",
        )
        return ring


def _refuse_existing(targets: Iterable[Path]) -> None:
    for t in targets:
        if t.exists() or t.is_symlink():
            raise exists_error(t)
