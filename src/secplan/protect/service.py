"""Encryption at rest as the commands use it: every key operation authorized and audited.

>>> # see docs/protect.md for the commands; the library API mirrors them:
>>> # p = Protection(open_services(), KeyStore()); p.encrypt(Path("data/"), key="default")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from secplan.audit.events import Outcome
from secplan.errors import (
    ConfigError,
    SecplanError,
    ServiceError,
    TargetError,
    VerificationError,
)
from secplan.protect import rotation
from secplan.protect.age import Header, X25519Identity, open_file_key
from secplan.protect.files import (
    SUFFIX,
    Encrypted,
    decrypt_file,
    destinations,
    encrypt_file,
    encrypted_name,
    header_of,
    hint_of,
    refuse_existing,
    walk,
)
from secplan.protect.keystore import KeyRing, KeyState, KeyStore, KeyVersion
from secplan.protect.rotation import Rotation
from secplan.protect.shred import check_dataset
from secplan.protect.staging import private_dirs, sweep, sweep_tree
from secplan.services import Services

Progress = Callable[[int], None] | None


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

    def _walk(self, path: Path, *, encrypted: bool) -> list[Path]:
        """The files under ``path`` to act on, once killed runs' leftovers are swept; what
        the walk leaves out is kept in :attr:`skipped`."""
        self._sweep([path], tree=True)
        found = walk(path, encrypted=encrypted)
        self.skipped = list(found.skipped)
        return list(found.files)

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
        files = self._walk(path, encrypted=False)
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
            refuse_existing(encrypted_name(f) for f in files)
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

    def _destroyed(self, f: Path, ring: KeyRing, version: KeyVersion) -> ConfigError:
        self.svc.audit(
            "key:decrypt", f"key:{ring.name}", Outcome.FAILED, file=str(f), reason="key destroyed"
        )
        return ConfigError(
            f"{f}: its key {ring.name} ({version.id}) was destroyed on "
            f"{version.destroyed}: the data cannot be recovered",
            "this is what crypto-shredding means; restore nothing",
        )

    def _opener(self, f: Path, key: str | None) -> tuple[KeyRing, KeyVersion]:
        """The key version that opens ``f``: the one its secplan stanza names, or else (a file
        made by another age tool) the first of the ring's versions (``key``'s only, if given)
        that unwraps its file key. Nothing is decrypted here."""
        header = header_of(f)
        hint = hint_of(header)
        if hint is not None:
            found = self.store.find_version(hint)
            if found is None:
                raise ConfigError(
                    f"{f}: names key version {hint}, which this key store does not hold",
                    "decrypt it where its key is kept, or with age -d -i IDENTITY",
                )
            ring, version = found
            if key is not None and ring.name != key:
                raise ConfigError(
                    f"{f}: is encrypted under key {ring.name!r}, not {key!r}",
                    f"leave out --key, or give --key {ring.name}",
                )
            if version.state is KeyState.DESTROYED:
                raise self._destroyed(f, ring, version)
            return ring, version
        unreachable: list[str] = []
        for ring in [self.store.ring(key)] if key else self.store.rings():
            for version in ring.versions:
                if version.state is KeyState.DESTROYED:
                    continue
                try:
                    identity = self.store.identity(ring.name, version)
                except ServiceError as exc:  # its KEK is not reachable here: try the others
                    unreachable.append(f"{version.id} ({exc.hint or exc.message})")
                    continue
                if _opens(f, header, identity):
                    return ring, version
        raise ConfigError(
            (
                f"{f}: no version of key {key!r} opens it"
                if key
                else f"{f}: no key of this key store opens it (it names no secplan key version)"
            )
            + (f"; not tried: {', '.join(unreachable)}" if unreachable else ""),
            "decrypt it with the key it was encrypted to, or with age -d -i IDENTITY",
        )

    def decrypt(
        self,
        path: Path,
        output: Path | None = None,
        *,
        key: str | None = None,
        force: bool = False,
        progress: Progress = None,
    ) -> list[Path]:
        """Decrypt ``path`` (a ``.age`` file or a directory of them), in place or into
        ``output`` (a file, or an existing directory). Nothing is written when a plaintext
        already exists, unless ``force``."""
        files = self._walk(path, encrypted=True)
        if not files:
            raise TargetError(f"{path}: no {SUFFIX} file to decrypt", "give a .age file")
        dests = destinations(path, files, output)
        openers = [self._opener(f, key) for f in files]
        by_key: dict[str, int] = {}
        for ring, _ in openers:
            by_key[ring.name] = by_key.get(ring.name, 0) + 1
        for name, count in by_key.items():  # one decision per key, before any plaintext
            self._require("key:decrypt", name, files=count)
        self._sweep({d.parent for d in dests if d.parent.is_dir()})
        if not force:
            refuse_existing(dests)
        out = []
        for f, dest, (ring, version) in zip(files, dests, openers, strict=True):
            identities = [self.store.identity(ring.name, version)]
            try:
                private_dirs(dest.parent)
                decrypt_file(f, identities, dest, overwrite=force, progress=progress)
            except SecplanError as exc:
                self.svc.audit(
                    "key:decrypt",
                    f"key:{ring.name}",
                    Outcome.FAILED,
                    file=str(f),
                    error=exc.message,
                )
                raise
            self.svc.audit(
                "data:decrypt", f"file:{f}", key=ring.name, version=version.id, output=str(dest)
            )
            out.append(dest)
        return out

    def rotate(
        self, key: str, rewrap: tuple[Path, ...] = (), *, reencrypt: bool = False
    ) -> Rotation:
        """New primary version; files under ``rewrap`` that use the key's versions get their
        file keys re-wrapped for it, or with ``reencrypt`` are re-encrypted with fresh file
        keys. All or nothing: see :mod:`secplan.protect.rotation`."""
        self._require("key:rotate", key)
        self._sweep(rewrap, tree=True)
        try:
            rot = rotation.rotate(self.store, key, rewrap, reencrypt=reencrypt)
        except SecplanError as exc:
            self.svc.audit("key:rotated", f"key:{key}", Outcome.FAILED, error=exc.message)
            raise
        self.svc.audit(
            "key:rotated",
            f"key:{key}",
            old=rot.old.id,
            new=rot.new.id,
            kek=rot.new.kek,
            rewrapped=len(rot.rewrapped),
            reencrypted=reencrypt,
            changed_meanwhile=[str(p) for p in rot.changed[:100]],
        )
        self.skipped += [(p, "changed while the rotation ran: not re-wrapped") for p in rot.changed]
        return rot

    def destroy(self, key: str, *, version: str | None = None) -> tuple[KeyVersion, ...]:
        """Destroy a key, or one of its older versions: what it encrypted becomes
        unrecoverable. Recorded in the audit trail (``key:destroyed``)."""
        self._require("key:destroy", key, version=version or "all")
        gone = self.store.destroy(key, version)
        self.svc.audit(
            "key:destroyed",
            f"key:{key}",
            versions=[v.id for v in gone],
            method="key versions destroyed",
        )
        return gone

    def shred(
        self, dataset: str, key: str, *, reason: str = "", root: Path | None = None
    ) -> tuple[KeyVersion, ...]:
        """Crypto-shred ``dataset`` by destroying ``key``, once the dataset is known to be
        encrypted under it (see :mod:`secplan.protect.shred`; records are read from
        ``root``, default the current directory). The deletion record (what, when, who,
        which key, why, on what evidence) goes into the audit trail."""
        self._require("key:destroy", key, dataset=dataset)
        evidence = check_dataset(self.store, dataset, key, root or Path.cwd())
        gone = self.store.destroy(key)
        if Path(dataset).exists():  # partial plaintext of a killed run must not outlive it
            self._sweep([Path(dataset)], tree=True)
        self.svc.audit(
            "data:shred",
            f"dataset:{dataset}",
            key=key,
            versions=[v.id for v in gone],
            reason=reason,
            evidence=evidence,
            method="crypto-shredding: key versions destroyed",
        )
        return gone

    def migrate(self, key: str | None = None) -> list[tuple[str, KeyVersion]]:
        """Re-wrap version secrets under the configured KEK, bound to key and version."""
        for name in [key] if key else [r.name for r in self.store.rings()]:
            self._require("key:rotate", name, migrate=True)
        done = self.store.migrate(key)
        for name, v in done:
            self.svc.audit("key:rewrapped", f"key:{name}", version=v.id, kek=v.kek)
        return done


def _opens(f: Path, header: Header, identity: X25519Identity) -> bool:
    try:
        return open_file_key(header, [identity]) is not None
    except VerificationError as exc:
        raise VerificationError(f"{f}: {exc.message}", exc.hint) from exc
