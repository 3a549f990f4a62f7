"""Key rings for encryption at rest: named keys with versions, a primary for new data, older
versions kept to decrypt, and destruction for crypto-shredding.

Each key version is an age X25519 identity. Its secret is stored only wrapped by a
key-encryption key (KEK, :mod:`secplan.protect.kek`: a local file, a passphrase or a cloud
KMS). Each version records which KEK wrapped it and is unwrapped by that one, so a version
outlives a change of configuration; an unwrapped secret must match the version's public
recipient.

The ring file (``keys/keyring.json``, mode 0600, written atomically) holds ids, dates, states,
public recipients and wrapped secrets — never a plaintext secret.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from secplan import paths
from secplan._io import atomic_write
from secplan.errors import ConfigError, SecplanError, ServiceError, VerificationError
from secplan.protect.age import X25519Identity, X25519Recipient
from secplan.protect.kek import (
    BOUND,
    LEGACY,
    AwsKmsKek,
    Kek,
    KekResolver,
    LocalKek,
    WrapRef,
    default_kek,
)

RING_FILE = "keyring.json"
SCHEMA = 2  # 2: versions record their wrapping scheme


class KeyState(StrEnum):
    ACTIVE = "active"  # the primary: encrypts new data
    DECRYPT_ONLY = "decrypt-only"  # an older version: decrypts, never encrypts
    DESTROYED = "destroyed"  # the secret is gone: its data can no longer be decrypted


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class KeyVersion:
    id: str
    created: str
    state: KeyState
    recipient: str  # age1… public key
    wrapped: str  # the secret as wrapped by the KEK ("" once destroyed)
    kek: str  # which KEK wrapped it
    destroyed: str | None = None
    scheme: int = LEGACY  # how: bound to its key and version (2), or not (1, earlier rings)


@dataclass(frozen=True, slots=True)
class KeyRing:
    name: str
    created: str
    versions: tuple[KeyVersion, ...] = field(default=())
    rotated: str | None = None

    @property
    def primary(self) -> KeyVersion:
        for v in self.versions:
            if v.state is KeyState.ACTIVE:
                return v
        raise ConfigError(
            f"key {self.name} has no active version (it was destroyed)", "create a new key"
        )

    def public(self) -> dict[str, Any]:
        """The ring as ``secplan keys list --format json`` shows it: every field but the
        versions' wrapped secrets."""
        return {
            **asdict(self),
            "versions": [
                {k: v for k, v in asdict(x).items() if k != "wrapped"} for x in self.versions
            ],
        }

    @classmethod
    def from_public(cls, got: object) -> KeyRing:
        """A ring from :meth:`public`'s form (as a server sends it), its secrets left empty;
        a :class:`ServiceError` for anything else."""
        try:
            if not isinstance(got, dict) or not isinstance(got["versions"], list):
                raise TypeError
            versions = tuple(
                KeyVersion(**{**v, "state": KeyState(v["state"]), "wrapped": ""})
                for v in got["versions"]
            )
            ring = cls(**{**got, "versions": versions})
            texts = [ring.name, ring.created, *(t for v in versions for t in _texts(v))]
            if not all(isinstance(t, str) for t in texts) or not all(
                type(v.scheme) is int and isinstance(v.destroyed, str | None) for v in versions
            ):
                raise TypeError
        except (KeyError, TypeError, ValueError):
            raise ServiceError("the server sent a key list secplan cannot read", "") from None
        return ring


def _texts(v: KeyVersion) -> tuple[object, ...]:
    return (v.id, v.created, v.recipient, v.kek)


def _version_id(recipient: str) -> str:
    return "skv-" + hashlib.sha256(recipient.encode()).hexdigest()[:12]


def _check_destroyable(ring: KeyRing, version: str) -> None:
    found = [v for v in ring.versions if v.id == version]
    if not found:
        raise ConfigError(
            f"key {ring.name} has no version {version}", f"see secplan keys list ({ring.name})"
        )
    if found[0].state is KeyState.ACTIVE:
        raise ConfigError(
            f"{version} is the active version of key {ring.name}",
            f"rotate first (secplan keys rotate {ring.name}), then destroy the old version",
        )


def _check_name(name: str) -> str:
    if not name or len(name) > 100 or not all(c.isalnum() or c in "-_." for c in name):
        raise ConfigError(f"invalid key name {name!r}", "use letters, digits, '-', '_' and '.'")
    return name


class KeyStore:
    """Key rings in ``directory`` (default: ``keys/`` in secplan's home)."""

    def __init__(self, directory: Path | None = None, kek: Kek | None = None) -> None:
        self.directory = directory or paths.home() / "keys"
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.kek = kek or default_kek(self.directory)
        self.keks = KekResolver(self.directory, self.kek)
        self._secrets: dict[str, X25519Identity] = {}

    # -- persistence ------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self.directory / RING_FILE

    def _load(self) -> dict[str, KeyRing]:
        if not self.path.exists():
            return {}
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
            rings = {}
            for r in doc["rings"]:
                versions = tuple(
                    KeyVersion(**{**v, "state": KeyState(v["state"])}) for v in r.pop("versions")
                )
                rings[r["name"]] = KeyRing(**r, versions=versions)
        except (ValueError, KeyError, TypeError) as exc:
            raise ServiceError(
                f"{self.path}: key ring file is damaged ({exc})", "restore it from a backup"
            ) from exc
        return rings

    def _save(self, rings: dict[str, KeyRing]) -> None:
        doc = {
            "schema": SCHEMA,
            "rings": [asdict(r) for r in sorted(rings.values(), key=lambda r: r.name)],
        }
        atomic_write(self.path, json.dumps(doc, indent=2) + "\n", mode=0o600)

    @contextmanager
    def _editing(self) -> Iterator[dict[str, KeyRing]]:
        """Read-modify-write of the ring file under an exclusive lock (several processes may
        create or rotate keys at once)."""
        with (self.directory / ".lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                rings = self._load()
                yield rings
                self._save(rings)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    # -- operations -------------------------------------------------------------------------

    def rings(self) -> list[KeyRing]:
        return sorted(self._load().values(), key=lambda r: r.name)

    def ring(self, name: str) -> KeyRing:
        rings = self._load()
        if name not in rings:
            raise ConfigError(
                f"no key named {name!r}", f"create it with: secplan keys create {name}"
            )
        return rings[name]

    def new_version(self, name: str) -> KeyVersion:
        """A fresh active version of key ``name``, wrapped by the configured KEK and bound to
        the key and the version (not saved in any ring)."""
        ident = X25519Identity.generate()
        recipient = str(ident.recipient)
        vid = _version_id(recipient)
        return KeyVersion(
            id=vid,
            created=_now(),
            state=KeyState.ACTIVE,
            recipient=recipient,
            wrapped=self.kek.wrap(WrapRef(name, vid), str(ident).encode()),
            kek=self.kek.name,
            scheme=BOUND,
        )

    def create(self, name: str) -> KeyRing:
        _check_name(name)
        version = self.new_version(name)
        with self._editing() as rings:
            if name in rings:
                raise ConfigError(f"key {name!r} already exists", "rotate it, or pick a name")
            rings[name] = KeyRing(name=name, created=_now(), versions=(version,))
            return rings[name]

    def commit_rotation(self, name: str, old: str, new: KeyVersion) -> None:
        """Make ``new`` the primary of ``name`` in one atomic write, ``old`` (which must still
        be the primary) decrypt-only. Any failure leaves the ring file as it was."""
        with self._editing() as rings:
            ring = rings.get(name)
            if ring is None:
                raise ConfigError(f"no key named {name!r}", "create it first")
            if ring.primary.id != old:
                raise ConfigError(
                    f"key {name} was rotated by another process meanwhile",
                    "run the rotation again",
                )
            kept = tuple(
                replace(v, state=KeyState.DECRYPT_ONLY) if v.id == old else v for v in ring.versions
            )
            rings[name] = replace(ring, versions=(*kept, new), rotated=_now())

    def rotate(self, name: str) -> tuple[KeyVersion, KeyVersion]:
        """A new primary version; the old primary becomes decrypt-only."""
        old = self.ring(name).primary
        new = self.new_version(name)
        self.commit_rotation(name, old.id, new)
        return old, new

    def destroy(self, name: str, version: str | None = None) -> tuple[KeyVersion, ...]:
        """Destroy every version of a key, or one older ``version``: the wrapped secrets are
        erased from the ring file, and what they encrypted can no longer be decrypted
        (crypto-shredding). Returns the versions destroyed."""
        with self._editing() as rings:
            ring = rings.get(name)
            if ring is None:
                raise ConfigError(f"no key named {name!r}", "nothing to destroy")
            doomed = {v.id for v in ring.versions} if version is None else {version}
            if version is not None:
                _check_destroyable(ring, version)
            when = _now()
            rings[name] = replace(
                ring,
                versions=tuple(
                    replace(v, state=KeyState.DESTROYED, wrapped="", destroyed=v.destroyed or when)
                    if v.id in doomed
                    else v
                    for v in ring.versions
                ),
            )
            for vid in doomed:
                self._secrets.pop(vid, None)
            return tuple(v for v in rings[name].versions if v.id in doomed)

    def migrate(self, name: str | None = None) -> list[tuple[str, KeyVersion]]:
        """Re-wrap the secret of every live version (of key ``name``, or of all keys) that is
        not yet bound or not wrapped by the configured KEK: unwrapped by its own KEK, wrapped
        by the configured one, bound to its key and version. One atomic write: a failure
        changes nothing. Returns the versions re-wrapped."""
        done: list[tuple[str, KeyVersion]] = []
        with self._editing() as rings:
            for ring in list(rings.values()):
                if name is not None and ring.name != name:
                    continue
                versions = []
                for v in ring.versions:
                    if v.state is not KeyState.DESTROYED and (
                        v.scheme != BOUND or v.kek != self.kek.name
                    ):
                        secret = str(self.identity(ring.name, v)).encode()
                        ref = WrapRef(ring.name, v.id)
                        v = replace(
                            v, wrapped=self.kek.wrap(ref, secret), kek=self.kek.name, scheme=BOUND
                        )
                        done.append((ring.name, v))
                    versions.append(v)
                rings[ring.name] = replace(ring, versions=tuple(versions))
            if name is not None and name not in rings:
                raise ConfigError(f"no key named {name!r}", "see secplan keys list")
        return done

    def recipient(self, name: str) -> tuple[KeyVersion, X25519Recipient]:
        v = self.ring(name).primary
        return v, X25519Recipient.parse(v.recipient)

    def identity(self, name: str, version: KeyVersion) -> X25519Identity:
        """The secret of ``version`` of key ``name``, unwrapped by the KEK that wrapped it,
        and checked against the version's public recipient."""
        if version.state is KeyState.DESTROYED:
            raise ConfigError(f"key version {version.id} was destroyed", "nothing can open it")
        if version.id not in self._secrets:
            kek = self.keks(version.kek, version.id)
            secret = kek.unwrap(WrapRef(name, version.id, version.scheme), version.wrapped)
            try:
                ident = X25519Identity.parse(secret.decode("ascii"))
            except (UnicodeDecodeError, ValueError) as exc:
                raise VerificationError(
                    f"key version {version.id}: its wrapped secret is not a key",
                    "the key ring file was altered; restore it from a backup",
                ) from exc
            if str(ident.recipient) != version.recipient:
                raise VerificationError(
                    f"key version {version.id}: its wrapped secret belongs to another key",
                    "the key ring file was altered; restore it from a backup",
                )
            self._secrets[version.id] = ident
        return self._secrets[version.id]

    def identities(
        self, name: str, only: Collection[str] | None = None
    ) -> list[tuple[KeyVersion, X25519Identity]]:
        """Unwrapped identities of the versions that can still decrypt (of ``only``, if
        given: a KEK that is not reachable matters only for the versions needed)."""
        return [
            (v, self.identity(name, v))
            for v in self.ring(name).versions
            if v.state is not KeyState.DESTROYED and (only is None or v.id in only)
        ]

    def find_version(self, version_id: str) -> tuple[KeyRing, KeyVersion] | None:
        for ring in self._load().values():
            for v in ring.versions:
                if v.id == version_id:
                    return ring, v
        return None


__all__ = [
    "AwsKmsKek",
    "Kek",
    "KeyRing",
    "KeyState",
    "KeyStore",
    "KeyVersion",
    "LocalKek",
    "SecplanError",
    "ServiceError",
]
