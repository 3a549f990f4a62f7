"""The token vault: reversible tokenization of personal data.

A value becomes a token derived from it with a keyed hash (the same value always gets the same
token, so joins across files still work); the vault stores the value encrypted with AES-256-GCM
under the project key, bound to its token. Only re-identification, an authorized and audited
operation, reads values back.

>>> import tempfile, pathlib
>>> from secplan.data.keys import StaticKeySource
>>> v = TokenVault(pathlib.Path(tempfile.mkdtemp()) / "v.sqlite", StaticKeySource(b"k" * 32))
>>> t = v.tokenize("536-22-1847", "US_SSN")
>>> t.startswith("TOK_US_SSN_"), v.tokenize("536-22-1847", "US_SSN") == t
(True, True)
>>> v.reveal(t)
'536-22-1847'
>>> v.close()
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import sqlite3
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from secplan import paths
from secplan.data.keys import KeySource, subkey
from secplan.errors import ConfigError, VerificationError

TOKEN = re.compile(r"TOK_[A-Z_]{2,20}_[0-9a-f]{24}")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS tokens (
  token TEXT PRIMARY KEY,
  entity TEXT NOT NULL,
  nonce BLOB NOT NULL,
  ciphertext BLOB NOT NULL
)
"""


def vault_path(name: str) -> Path:
    if not re.match(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", name):
        raise ConfigError(
            f"vault name {name!r} is not valid", "use letters, digits, '.', '_' and '-'"
        )
    return paths.home() / "data-vaults" / f"{name}.sqlite"


class TokenVault:
    def __init__(self, path: Path, keys: KeySource, *, key_name: str = "default") -> None:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        self.path = path
        key = keys.data_key(key_name)
        self._token_key = subkey(key, "vault-token")
        self._aead = AESGCM(subkey(key, "vault-encrypt"))
        self._db = sqlite3.connect(path)
        self._db.execute(_SCHEMA)
        self._cache: dict[str, str] = {}

    def token_for(self, value: str, entity: str) -> str:
        digest = hmac.new(self._token_key, f"{entity}\x1f{value}".encode(), hashlib.sha256)
        tag = re.sub(r"[^A-Z_]", "", entity.upper())[:20] or "VALUE"
        return f"TOK_{tag}_{digest.hexdigest()[:24]}"

    def tokenize(self, value: str, entity: str) -> str:
        token = self.token_for(value, entity)
        if token in self._cache:
            return token
        nonce = os.urandom(12)
        sealed = self._aead.encrypt(nonce, value.encode("utf-8"), token.encode())
        self._db.execute(
            "INSERT OR IGNORE INTO tokens (token, entity, nonce, ciphertext) VALUES (?, ?, ?, ?)",
            (token, entity, nonce, sealed),
        )
        if len(self._cache) < 100_000:
            self._cache[token] = value
        return token

    def reveal(self, token: str) -> str | None:
        """The value behind ``token``; ``None`` for a token this vault never issued."""
        row = self._db.execute(
            "SELECT nonce, ciphertext FROM tokens WHERE token = ?", (token,)
        ).fetchone()
        if row is None:
            return None
        try:
            return self._aead.decrypt(row[0], row[1], token.encode()).decode("utf-8")
        except InvalidTag as exc:
            raise VerificationError(
                f"vault entry {token} failed its integrity check",
                "the vault or its key was changed; restore both from backup",
            ) from exc

    def commit(self) -> None:
        self._db.commit()

    def close(self) -> None:
        self._db.commit()
        self._db.close()
