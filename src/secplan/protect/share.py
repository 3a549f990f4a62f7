"""Share bundles for third parties (DS6): data encrypted to the recipient's public key, a
data-usage agreement, and a signature over both.

A bundle is an uncompressed tar archive of three members::

    agreement.json   purpose, permitted uses, recipient, sender, controller contact, dates,
                     and the digest of the payload
    payload.age      a tar of the shared files, age-encrypted to the recipient's X25519 key
    model.sig        an OpenSSF model-signing signature (Sigstore bundle) over the two above

Opening checks, before writing any plaintext under its final name: the sender's signature
against trusted sender keys, that the agreement names *this* recipient, that it has not
expired, and that every chunk of the payload authenticates. The payload archive is written
by this module, not by ``tarfile``'s extraction: regular files (0600) and directories (0700)
only, no path twice, nothing outside the output directory; anything else refuses the whole
bundle, and nothing appears under the output name. The work directory is a recognisable
partial (see :mod:`secplan.protect.staging`), swept if the process is killed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tarfile
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import Any, cast

from secplan._io import atomic_write
from secplan.errors import ConfigError, TargetError, VerificationError
from secplan.protect.age import X25519Identity, X25519Recipient
from secplan.protect.agestream import DecryptingReader, EncryptingWriter
from secplan.protect.signing import sign, verify
from secplan.protect.staging import SUFFIX as PARTIAL
from secplan.protect.staging import private_dirs, sweep, writing_in

SCHEMA = "secplan-share-agreement/1"
MEMBERS = ("agreement.json", "payload.age", "model.sig")
MAX_SMALL = 1 << 20
MAX_MEMBERS = 100_000


@dataclass(frozen=True, slots=True)
class Agreement:
    id: str
    purpose: str
    permitted_uses: tuple[str, ...]
    recipient: str
    recipient_name: str
    sender: str
    controller_contact: str
    created: str
    expires: date
    source: str
    payload_sha256: str
    payload_size: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "id": self.id,
            "purpose": self.purpose,
            "permitted_uses": list(self.permitted_uses),
            "recipient": self.recipient,
            "recipient_name": self.recipient_name,
            "sender": self.sender,
            "controller_contact": self.controller_contact,
            "created": self.created,
            "expires": self.expires.isoformat(),
            "source": self.source,
            "payload": {
                "name": "payload.age",
                "sha256": self.payload_sha256,
                "size": self.payload_size,
            },
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Agreement:
        try:
            if d["schema"] != SCHEMA:
                raise ValueError(f"schema {d['schema']!r}")
            return cls(
                id=str(d["id"]),
                purpose=str(d["purpose"]),
                permitted_uses=tuple(str(u) for u in d["permitted_uses"]),
                recipient=str(d["recipient"]),
                recipient_name=str(d["recipient_name"]),
                sender=str(d["sender"]),
                controller_contact=str(d["controller_contact"]),
                created=str(d["created"]),
                expires=date.fromisoformat(d["expires"]),
                source=str(d["source"]),
                payload_sha256=str(d["payload"]["sha256"]),
                payload_size=int(d["payload"]["size"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise VerificationError(
                f"share agreement is malformed ({exc})", "ask the sender for a new bundle"
            ) from exc


def _add_tree(tar: tarfile.TarFile, path: Path) -> None:
    """Regular files and directories only: links and devices are never shared."""
    if path.is_symlink():
        raise TargetError(f"{path}: symbolic links are not shared", "share the file it names")
    tar.add(path, arcname=path.name, recursive=False)
    if path.is_dir():
        for child in sorted(path.iterdir()):
            _add_tree_rel(tar, child, PurePosixPath(path.name) / child.name)


def _add_tree_rel(tar: tarfile.TarFile, path: Path, arc: PurePosixPath) -> None:
    if path.is_symlink() or not (path.is_file() or path.is_dir()):
        raise TargetError(
            f"{path}: only regular files and directories are shared",
            "remove links and special files from what you share",
        )
    tar.add(path, arcname=str(arc), recursive=False)
    if path.is_dir():
        for child in sorted(path.iterdir()):
            _add_tree_rel(tar, child, arc / child.name)


def create(
    path: Path,
    recipient: str,
    *,
    purpose: str,
    expires: date,
    sign_key: Path,
    sender: str,
    output: Path,
    recipient_name: str = "",
    permitted_uses: Sequence[str] = (),
    controller_contact: str = "",
    today: date | None = None,
) -> Agreement:
    """Build a share bundle of ``path`` for ``recipient`` (an ``age1…`` public key)."""
    if not path.exists():
        raise TargetError(f"{path}: no such file or directory", "share an existing dataset")
    to = X25519Recipient.parse(recipient)
    if not purpose.strip():
        raise ConfigError("a share needs a purpose", "say what the recipient may use it for")
    if expires <= (today or date.today()):
        raise ConfigError(f"expiry {expires} is not in the future", "give a later --expires")
    with tempfile.TemporaryDirectory(prefix="secplan-share-") as tmp:
        work = Path(tmp) / "bundle"
        work.mkdir()
        payload = work / "payload.age"
        with (
            payload.open("wb") as raw,
            EncryptingWriter(raw, [to]) as enc,
            tarfile.open(fileobj=cast(Any, enc), mode="w|", format=tarfile.PAX_FORMAT) as tar,
        ):
            _add_tree(tar, path)
        digest = hashlib.sha256()
        with payload.open("rb") as fh:
            while block := fh.read(1 << 20):
                digest.update(block)
        agreement = Agreement(
            id=uuid.uuid4().hex,
            purpose=purpose.strip(),
            permitted_uses=tuple(permitted_uses),
            recipient=str(to),
            recipient_name=recipient_name,
            sender=sender,
            controller_contact=controller_contact,
            created=datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
            expires=expires,
            source=path.name,
            payload_sha256=digest.hexdigest(),
            payload_size=payload.stat().st_size,
        )
        (work / "agreement.json").write_text(json.dumps(agreement.as_dict(), indent=2) + "\n")
        sign(work, sign_key, work / "model.sig")
        staged = Path(tmp) / "bundle.tar"
        with tarfile.open(staged, "w", format=tarfile.PAX_FORMAT) as out:
            for name in MEMBERS:
                out.add(work / name, arcname=name, recursive=False)
        atomic_write(output, staged.read_bytes())
    return agreement


def _extract_bundle(bundle: Path, dest: Path) -> None:
    try:
        with tarfile.open(bundle, "r:") as tar:
            members = tar.getmembers()
            if sorted(m.name for m in members) != sorted(MEMBERS):
                raise VerificationError(
                    "share bundle has unexpected members", "ask the sender for a new bundle"
                )
            for m in members:
                if not m.isfile() or (m.name != "payload.age" and m.size > MAX_SMALL):
                    raise VerificationError(
                        f"share bundle member {m.name} is not acceptable",
                        "ask the sender for a new bundle",
                    )
                src = tar.extractfile(m)
                assert src is not None
                with src, (dest / m.name).open("wb") as out:
                    shutil.copyfileobj(src, out, 1 << 20)
    except (tarfile.TarError, OSError) as exc:
        raise VerificationError(
            f"{bundle}: not a readable share bundle ({exc})", "check that the file arrived intact"
        ) from exc


def _safe_member(m: tarfile.TarInfo, count: int, dest: Path) -> PurePosixPath:
    """The normalised relative path of an acceptable member: a regular file or a directory,
    inside ``dest`` (and acceptable to the standard library's ``data`` filter too)."""
    if count > MAX_MEMBERS:
        raise VerificationError("shared archive has too many files", "refused")
    p = PurePosixPath(m.name)
    refused = VerificationError(
        f"shared archive member {m.name!r} is not allowed "
        "(absolute path, '..', link, device or other special file)",
        "refused: ask the sender for a new bundle",
    )
    if p.is_absolute() or ".." in p.parts or not (m.isfile() or m.isdir()):
        raise refused
    if p == PurePosixPath() and not m.isdir():  # "." can only be the output directory
        raise refused
    try:
        tarfile.data_filter(m, str(dest))
    except tarfile.FilterError as exc:
        raise refused from exc
    return p


def _write_member(tar: tarfile.TarFile, m: tarfile.TarInfo, target: Path) -> None:
    src = tar.extractfile(m)
    assert src is not None  # a regular file
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    with src, os.fdopen(os.open(target, flags, 0o600), "wb") as out:
        shutil.copyfileobj(src, out, 1 << 20)


def _extract_payload(tar: tarfile.TarFile, dest: Path) -> None:
    """Write the members of the payload archive under ``dest``: files 0600, directories 0700
    (a stricter umask applies too), never a link, a device or anything outside ``dest``, and
    never the same path twice (a second member would silently replace the first)."""
    seen: set[PurePosixPath] = set()
    for n, m in enumerate(tar, 1):
        rel = _safe_member(m, n, dest)
        if rel == PurePosixPath():
            continue  # "./": the output directory itself
        if rel in seen:
            raise VerificationError(
                f"shared archive has member {m.name!r} twice", "ask the sender for a new bundle"
            )
        seen.add(rel)
        try:
            if m.isdir():
                private_dirs(dest / rel)
            else:
                _write_member(tar, m, private_dirs(dest / rel.parent) / rel.name)
        except OSError as exc:  # a file where a directory should be, or the other way round
            raise VerificationError(
                f"shared archive member {m.name!r} cannot be written ({exc.strerror})",
                "ask the sender for a new bundle",
            ) from exc


def _checked_agreement(
    work: Path, identities: Sequence[X25519Identity], sender_keys: Sequence[Path], today: date
) -> tuple[Agreement, list[X25519Identity]]:
    """The agreement of the bundle unpacked in ``work`` and the identities it is for, once
    the signature, the recipient and the expiry date were checked."""
    v = verify(work, sender_keys, work / "model.sig")
    if v.signer is None:
        raise VerificationError(
            "the bundle is not signed by a trusted sender key",
            "pass the sender's public key with --sender-key",
        )
    if not v.ok:
        raise VerificationError(
            "the bundle was altered after signing ("
            + ", ".join((*v.added, *v.removed, *v.changed))
            + ")",
            "ask the sender for a new bundle",
        )
    agreement = Agreement.from_dict(json.loads((work / "agreement.json").read_text()))
    mine = [i for i in identities if str(i.recipient) == agreement.recipient]
    if not mine:
        raise VerificationError(
            f"the bundle is for {agreement.recipient_name or 'another'}"
            f" recipient ({agreement.recipient[:16]}…), not for your key",
            "open it with the key it was shared to",
        )
    if agreement.expires < today:
        raise VerificationError(
            f"the data-usage agreement expired on {agreement.expires}",
            "ask the sender for a renewed agreement",
        )
    return agreement, mine


def _decrypt_payload(payload: Path, mine: Sequence[X25519Identity], staging: Path) -> None:
    with payload.open("rb") as raw:
        reader = DecryptingReader(raw, mine)
        try:
            with tarfile.open(fileobj=reader, mode="r|") as tar:  # type: ignore[call-overload]
                _extract_payload(tar, staging)
            reader.exhaust()
        except tarfile.TarError as exc:
            raise VerificationError(
                f"shared archive is malformed ({exc})", "ask the sender for a new bundle"
            ) from exc


def open_bundle(
    bundle: Path,
    identities: Sequence[X25519Identity],
    sender_keys: Sequence[Path],
    output: Path,
    *,
    today: date | None = None,
) -> Agreement:
    """Verify a bundle and write its files under ``output`` (which must not exist)."""
    if output.exists():
        raise TargetError(f"{output}: already exists", "choose a new --output directory")
    if not output.parent.is_dir():
        raise TargetError(f"{output.parent}: no such directory", "create it first")
    sweep(output.parent)  # what a killed opening left there
    with (
        writing_in(output.parent),
        tempfile.TemporaryDirectory(
            prefix=f".{output.name}.", suffix=PARTIAL, dir=output.parent
        ) as tmp,
    ):
        work = Path(tmp) / "bundle"
        work.mkdir()
        _extract_bundle(bundle, work)
        agreement, mine = _checked_agreement(work, identities, sender_keys, today or date.today())
        staging = Path(tmp) / "out"
        staging.mkdir(mode=0o700)
        _decrypt_payload(work / "payload.age", mine, staging)
        staging.replace(output)  # only now, everything authenticated, does the data appear
    return agreement


def read_agreement(bundle: Path) -> Agreement:
    """The agreement of a bundle, unverified (for listing only)."""
    with tempfile.TemporaryDirectory() as tmp:
        _extract_bundle(bundle, Path(tmp))
        return Agreement.from_dict(json.loads((Path(tmp) / "agreement.json").read_text()))
