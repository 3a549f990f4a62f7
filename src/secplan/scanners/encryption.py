"""Encrypted files in the project and the keys they name (DS1, SC3): rotation overdue, and
ciphertext of shredded data left behind."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import ClassVar

from secplan.model import ControlId, Location, Rule, Severity
from secplan.model.finding import Finding
from secplan.scanners._base import ScanContext

C = ControlId
ROTATE_DAYS = 365

ROTATION_OVERDUE = Rule(
    id="DT107",
    name="key-rotation-overdue",
    title="Data encrypted under a key not rotated for a year",
    severity=Severity.MEDIUM,
    controls=(C("DS1"),),
    summary=f"An encrypted file names a key version of the local key store that is active and "
    f"was created more than {ROTATE_DAYS} days ago.",
    rationale="Keys are rotated on a schedule so that a key that leaked unnoticed stops "
    "protecting new data, and to limit how much data one key guards.",
    remediation="`secplan keys rotate NAME --rewrap PATH` (re-wraps the files' keys without "
    "re-encrypting the data).",
)
SHREDDED_LEFTOVER = Rule(
    id="DT108",
    name="shredded-data-left-behind",
    title="Ciphertext of shredded data",
    severity=Severity.LOW,
    controls=(C("SC3"),),
    summary="An encrypted file names a key version that was destroyed: its data can never be "
    "decrypted again, but the file is still kept.",
    rationale="Crypto-shredded data is gone; keeping its ciphertext only adds clutter and "
    "questions at the next audit.",
    remediation="Delete the file.",
)


class EncryptionScanner:
    name: ClassVar[str] = "encryption"
    rules: ClassVar[tuple[Rule, ...]] = (ROTATION_OVERDUE, SHREDDED_LEFTOVER)

    def scan_project(self, ctx: ScanContext) -> Iterator[Finding]:
        from secplan import paths
        from secplan.protect.files import key_hint
        from secplan.protect.keystore import KeyState, KeyStore

        if not (paths.home() / "keys" / "keyring.json").exists():
            return  # no local key store: nothing to compare with
        store = KeyStore()
        horizon = datetime.combine(ctx.as_of, datetime.min.time(), UTC) - timedelta(
            days=ROTATE_DAYS
        )
        for a in ctx.artifacts:
            if a.format != "encrypted-age":
                continue
            hint = key_hint(a.path)
            found = store.find_version(hint) if hint else None
            if found is None:
                continue
            ring, v = found
            loc = Location(path=a.relpath)
            if v.state is KeyState.DESTROYED:
                yield SHREDDED_LEFTOVER.at(
                    loc,
                    f"key {ring.name} ({v.id}) was destroyed on "
                    f"{v.destroyed}: this file can never be decrypted",
                )
            elif (
                v.state is KeyState.ACTIVE
                and datetime.fromisoformat(v.created.replace("Z", "+00:00")) < horizon
            ):
                yield ROTATION_OVERDUE.at(
                    loc, f"key {ring.name} ({v.id}) has not been rotated since {v.created[:10]}"
                )
