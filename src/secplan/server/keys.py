"""The server's own secrets, kept in its home (``server/`` in secplan's home, mode 0700) and
never in the database:

* ``secret``: 32 random bytes; the row key that seals accounts, role bindings and tokens
  (:mod:`secplan.access.rowseal`) and the key of CSRF tokens are derived from it;
* ``approval-key.pem``: the ECDSA P-256 key that signs the exceptions approved on the server
  when they are exported to a project's ``.secplan/waivers/``; its public half
  (``approval-key.pub``) goes in the project's ``[governance] approver_keys``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from dataclasses import dataclass
from pathlib import Path

from secplan import paths
from secplan._io import write_new
from secplan.errors import ServiceError

_FIX = "restore the server's key files from its backup, or start over with a new server home"


def server_home() -> Path:
    d = paths.home() / "server"
    d.mkdir(mode=0o700, exist_ok=True)
    return d


def _secret(path: Path) -> bytes:
    if not path.exists():
        write_new(path, base64.b64encode(_random()) + b"\n")
    try:
        raw = base64.b64decode(path.read_bytes().strip(), validate=True)
    except (OSError, binascii.Error) as exc:
        raise ServiceError(f"{path}: cannot read the server secret ({exc})", _FIX) from exc
    if len(raw) != 32:
        raise ServiceError(f"{path}: the server secret is not 32 bytes", _FIX)
    return raw


def _random() -> bytes:
    import secrets

    return secrets.token_bytes(32)


def _approval_key(path: Path) -> bytes:
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
        PublicFormat,
        load_pem_private_key,
    )

    if not path.exists():
        key = ec.generate_private_key(ec.SECP256R1())
        pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
        write_new(path, pem)
    try:
        loaded = load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise ServiceError(f"{path}: cannot load the approval key ({exc})", _FIX) from exc
    if not isinstance(loaded, ec.EllipticCurvePrivateKey):
        raise ServiceError(f"{path}: the approval key is not an ECDSA key", _FIX)
    public = loaded.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    pub = path.with_suffix(".pub")
    if not pub.exists():
        write_new(pub, public, mode=0o644)
    return public


@dataclass(frozen=True, slots=True)
class ServerKeys:
    row_key: bytes
    csrf_key: bytes
    approval_key: Path  # the private key (PEM)
    approval_public: bytes  # its public key (PEM)

    def csrf(self, bound_to: str) -> str:
        """The CSRF token of a session (or of a login form's nonce)."""
        return hmac.new(self.csrf_key, bound_to.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, bound_to: str, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(self.csrf(bound_to), given)


def load_keys(home: Path | None = None) -> ServerKeys:
    """The server's keys, created (0600) on first start."""
    d = home or server_home()
    secret = _secret(d / "secret")
    key = d / "approval-key.pem"
    public = _approval_key(key)
    return ServerKeys(_derive(secret, b"row-seal"), _derive(secret, b"csrf"), key, public)


def _derive(secret: bytes, label: bytes) -> bytes:
    return hmac.new(secret, label, hashlib.sha256).digest()
