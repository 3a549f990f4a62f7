"""Keys used through the server: the key ring and its key-encryption keys stay in the
server's home, and a command line with ``SECPLAN_SERVER`` set asks for what one file needs.

* ``GET /api/v1/keys/{name}/recipient``: the public recipient of the key's primary version,
  to encrypt with (``key:encrypt``). Encryption needs nothing secret.
* ``POST /api/v1/file-keys`` with an age file's header: the server finds the
  version that wrapped the file key, unwraps it, checks the header's MAC with it and returns
  that one file's key (``key:decrypt``, which asks for a second factor). The key-version
  secrets and the key-encryption keys never leave the server; a file key opens one file.

* ``GET /api/v1/keys``: the keys the caller holds a key action on, with their versions' ids,
  dates and states (public recipients; never a secret).
* ``POST /api/v1/keys/{name}/rotate``: a new primary version made on the server, the old one
  decrypt-only (``key:rotate``), recorded as ``key:rotated``.

Every release and every refusal is an audit event (``key:decrypt`` with the decision, then
``key:file-key-release`` with the version, the SHA-256 of the header and the path the client
named), so who opened which file is on the record.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import re
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from pydantic import BaseModel, ConfigDict, Field

from secplan.access import AccessControl, Actor
from secplan.audit.events import Outcome
from secplan.errors import ConfigError, SecplanError, VerificationError
from secplan.protect.age import MAX_HEADER, Header, open_file_key, read_header
from secplan.protect.files import hint_of
from secplan.protect.keystore import KeyState, KeyStore, KeyVersion

#: A key's name in a path: what ``secplan keys create`` accepts, at most.
NAME = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"
#: Holding any of these on ``key:NAME`` shows the key in the list.
KEY_ACTIONS = ("key:create", "key:encrypt", "key:decrypt", "key:rotate", "key:destroy")


class FileKeyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    header: str = Field(max_length=(MAX_HEADER * 4) // 3 + 4)  # base64 of the age header
    path: str = Field(default="", max_length=4096)  # what the client calls the file
    key: str | None = Field(default=None, max_length=100)  # for files naming no key version


class _Refused(Exception):
    def __init__(self, status: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.status, self.message, self.hint = status, message, hint


def _named(name: str) -> str:
    if not re.fullmatch(NAME, name):
        raise ConfigError(f"{name[:100]!r} is not a key name", "see secplan keys list")
    return name


def parse_header(b64: str) -> tuple[Header, bytes]:
    """The age header sent as base64, parsed with the limits of a local decryption."""
    try:
        raw = base64.b64decode(b64, validate=True)
    except (binascii.Error, ValueError):
        raise VerificationError("the header is not base64", "send the file's age header") from None
    if len(raw) > MAX_HEADER:
        raise VerificationError("the header is too large", "send the file's age header only")
    return read_header(io.BytesIO(raw)), raw


def _versions(store: KeyStore, header: Header, key: str | None) -> tuple[str, list[KeyVersion]]:
    """The key, and those of its versions that may have wrapped the file key: the one the
    secplan stanza names, or (a file another age tool made) every version of ``key`` not
    destroyed."""
    hint = hint_of(header)
    if hint is None:
        if key is None:
            raise ConfigError(
                "the file names no secplan key version (another age tool made it)",
                "give the key it was encrypted under (--key)",
            )
        versions = store.ring(_named(key)).versions
        return key, [v for v in versions if v.state is not KeyState.DESTROYED]
    found = store.find_version(hint)
    if found is None:
        raise ConfigError(
            f"the file names key version {hint[:80]}, which the server does not hold",
            "decrypt it where its key is kept",
        )
    ring, version = found
    if key is not None and ring.name != key:
        raise ConfigError(
            f"the file is encrypted under key {ring.name!r}, not {key[:100]!r}",
            f"leave out --key, or give --key {ring.name}",
        )
    if version.state is KeyState.DESTROYED:
        raise ConfigError(f"key version {hint} was destroyed", "nothing can open the file")
    return ring.name, [version]


def release(ac: AccessControl, store: KeyStore, actor: Actor, body: FileKeyIn) -> dict[str, str]:
    """The file key of the age header in ``body``, for an actor allowed to decrypt with its
    key; raises :class:`~secplan.errors.SecplanError` (denied, malformed, not this key)."""
    header, raw = parse_header(body.header)
    digest = hashlib.sha256(raw).hexdigest()
    if body.key is not None:
        # the permission is checked before a key's existence is revealed to anyone
        ac.require(actor, "key:decrypt", f"key:{_named(body.key)}", path=body.path, header=digest)
    name, versions = _versions(store, header, body.key)
    if body.key is None:
        ac.require(actor, "key:decrypt", f"key:{name}", path=body.path, header=digest)
    for version in versions:
        file_key = open_file_key(header, [store.identity(name, version)])  # checks the MAC
        if file_key is not None:
            ac.record(
                actor,
                "key:file-key-release",
                f"key:{name}",
                version=version.id,
                header=digest,
                path=body.path,
            )
            return {
                "file_key": base64.b64encode(file_key).decode(),
                "key": name,
                "version": version.id,
            }
    ac.record(
        actor, "key:file-key-release", f"key:{name}", Outcome.FAILED, header=digest, path=body.path
    )
    raise VerificationError(f"key {name!r} does not open this file", "check the key's name")


def install(
    app: FastAPI,
    ac: AccessControl,
    authenticate: Callable[[Request], Actor],
    store: Callable[[], KeyStore] = KeyStore,
) -> None:
    """Add the key routes to ``app``."""

    @app.get("/api/v1/keys/{name}/recipient", tags=["keys"])
    async def recipient(name: str, request: Request) -> dict[str, Any]:
        """The public recipient (age1…) of the key's primary version, to encrypt with."""
        a = authenticate(request)
        ac.require(a, "key:encrypt", f"key:{_named(name)}")
        version, rcpt = store().recipient(name)
        return {"key": name, "version": version.id, "recipient": str(rcpt)}

    @app.get("/api/v1/keys", tags=["keys"])
    async def list_keys(request: Request) -> list[dict[str, Any]]:
        """The keys you hold a key action on: versions' ids, dates, states and public
        recipients (never a secret)."""
        a = authenticate(request)
        shown = [
            r.public()
            for r in store().rings()
            if any(ac.decide(a, act, f"key:{r.name}").allowed for act in KEY_ACTIONS)
        ]
        ac.record(a, "key:list", "keys", shown=len(shown))
        return shown

    @app.post("/api/v1/keys/{name}/rotate", tags=["keys"])
    async def rotate(name: str, request: Request) -> dict[str, Any]:
        """A new primary version of the key; the old one becomes decrypt-only (files
        encrypted under it still open). Files are not moved: the key ring is the server's."""
        from secplan.protect import rotation

        a = authenticate(request)
        ac.require(a, "key:rotate", f"key:{_named(name)}")
        try:
            rot = rotation.rotate(store(), name)
        except SecplanError as exc:
            ac.record(a, "key:rotated", f"key:{name}", Outcome.FAILED, error=exc.message)
            raise
        ac.record(
            a,
            "key:rotated",
            f"key:{name}",
            old=rot.old.id,
            new=rot.new.id,
            kek=rot.new.kek,
            rewrapped=0,
            reencrypted=False,
        )
        return {"key": name, "old": rot.old.id, "new": rot.new.id, "kek": rot.new.kek}

    @app.post("/api/v1/file-keys", tags=["keys"])
    async def file_key(body: FileKeyIn, request: Request) -> dict[str, str]:
        """The key of one file, from its age header (``key:decrypt``, second factor)."""
        return release(ac, store(), authenticate(request), body)


__all__ = ["FileKeyIn", "install", "parse_header", "release"]
