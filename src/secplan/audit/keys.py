"""The audit signing key and the keys trusted to sign checkpoints.

The local key lives in secplan's home (``audit/signing-key.pem``, mode 0600), created on first
use; ``SECPLAN_AUDIT_KEY`` points at another PEM file. Trusted verifier keys are listed, one
``name+id+key`` per line, in ``audit/trusted-keys`` in secplan's home; the local key is always
trusted. Trust deliberately lives outside the database: whoever can write the database must
not be able to add a key that vouches for a rewritten trail.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
)

from secplan import paths
from secplan._io import atomic_write, write_new
from secplan.audit.notes import Signer, Verifier
from secplan.errors import ServiceError

ENV_KEY = "SECPLAN_AUDIT_KEY"


def _dir() -> Path:
    d = paths.home() / "audit"
    d.mkdir(mode=0o700, exist_ok=True)
    return d


def _name_for(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return "secplan-audit-" + hashlib.sha256(raw).hexdigest()[:8]


def local_signer(create: bool = True) -> Signer | None:
    """The local audit signing key, created (0600) on first use when ``create`` is true."""
    explicit = os.environ.get(ENV_KEY)
    path = Path(explicit) if explicit else _dir() / "signing-key.pem"
    if explicit and create and not path.exists():
        # a misspelt path must not quietly turn automatic checkpoints off
        raise ServiceError(
            f"{path}: the audit signing key named by {ENV_KEY} does not exist",
            f"fix {ENV_KEY}, or unset it to use the local key in secplan's home",
        )
    if not path.exists() and create:
        # exclusive: of several processes creating the key at once, all use the winner's
        pem = Ed25519PrivateKey.generate().private_bytes(
            Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()
        )
        write_new(path, pem)
    if path.exists():
        try:
            key = load_pem_private_key(path.read_bytes(), password=None)
        except (OSError, ValueError, TypeError) as exc:
            raise ServiceError(
                f"{path}: cannot load the audit signing key ({exc})",
                "restore the key file or point SECPLAN_AUDIT_KEY at it",
            ) from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise ServiceError(
                f"{path}: the audit signing key is not Ed25519", "use an Ed25519 key"
            )
        return Signer(_name_for(key), key)
    return None


def trusted_verifiers() -> list[Verifier]:
    """Keys whose checkpoint signatures count: the trusted-keys file plus the local key."""
    out: list[Verifier] = []
    listed = _dir() / "trusted-keys"
    if listed.is_file():
        for line in listed.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                out.append(Verifier.parse(line))
    signer = local_signer(create=False)
    if signer is not None and all(v.vkey() != signer.verifier.vkey() for v in out):
        out.append(signer.verifier)
    return out


def trust(vkey: str) -> Verifier:
    """Add a verifier key to the trusted-keys file (idempotent)."""
    v = Verifier.parse(vkey)
    listed = _dir() / "trusted-keys"
    existing = listed.read_text(encoding="utf-8") if listed.is_file() else ""
    if v.vkey() not in existing.split():
        atomic_write(listed, existing + v.vkey() + "\n", mode=0o600)
    return v
