"""Key rotation, all or nothing: a new primary version, and the files under the given paths
moved to it.

Moving a file re-wraps its file key for the new version: only the header is rewritten, the
payload is copied. That is enough when the concern is the old *key version* (it can then be
destroyed). It is not enough when a *file key* may have leaked (anyone who once decrypted
the file could have kept it): with ``reencrypt`` each file is decrypted and encrypted again,
chunk by chunk in memory, under a fresh random file key, so the old file key opens nothing.

Everything that can fail happens before the ring changes: the older versions' secrets are
unwrapped (each by its own KEK), the new version is wrapped, and every file is re-written
beside itself (complete and synced, not yet in place). Only then is the ring file rewritten,
in one atomic write; then the staged files replace the originals. A failure before that point
leaves the ring and every file exactly as they were, the staged copies discarded; after it,
every file decrypts, whether it was moved already or not (the old version stays decrypt-only).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from secplan.protect.age import X25519Recipient
from secplan.protect.files import (
    StagedRewrap,
    iter_files,
    key_hint,
    stage_reencrypt,
    stage_rewrap,
)
from secplan.protect.keystore import KeyState, KeyStore, KeyVersion


@dataclass(frozen=True, slots=True)
class Rotation:
    key: str
    old: KeyVersion
    new: KeyVersion
    rewrapped: tuple[Path, ...]
    changed: tuple[Path, ...] = ()  # changed by someone else while staged: left as they were
    reencrypted: bool = False  # fresh file keys, not re-wrapped ones


def _targets(roots: Iterable[Path], versions: set[str]) -> list[tuple[Path, str]]:
    """The files under ``roots`` that name one of ``versions``, with the version."""
    out = []
    for root in roots:
        for f in iter_files(root, encrypted=True):
            hint = key_hint(f)
            if hint in versions:
                out.append((f, hint))
    return out


def rotate(
    store: KeyStore, key: str, roots: Iterable[Path] = (), *, reencrypt: bool = False
) -> Rotation:
    """Rotate ``key`` and move its files under ``roots`` to the new version: re-wrap their
    file keys, or with ``reencrypt`` re-encrypt them under fresh file keys."""
    stage = stage_reencrypt if reencrypt else stage_rewrap
    ring = store.ring(key)
    old = ring.primary
    live = {v.id for v in ring.versions if v.state is not KeyState.DESTROYED}
    targets = _targets(roots, live)
    opening = {v.id: i for v, i in store.identities(key, only={h for _, h in targets})}
    new = store.new_version(key)
    recipient = X25519Recipient.parse(new.recipient)
    staged: list[StagedRewrap] = []
    try:
        for f, version in targets:
            staged.append(stage(f, [opening[version]], recipient, new.id))
        store.commit_rotation(key, old.id, new)
    except BaseException:
        for s in staged:
            s.discard()
        raise
    done: list[Path] = []
    changed: list[Path] = []
    for s in staged:
        (done if s.commit() else changed).append(s.path)
    return Rotation(key, old, new, tuple(done), tuple(changed), reencrypt)


__all__ = ["Rotation", "rotate"]
