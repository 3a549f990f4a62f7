"""Signed waiver approvals: a waiver counts only when its approval is signed.

``secplan waiver approve`` writes the waiver in its canonical form (every field that matters:
id, rule or control, paths, justification, risk, mitigations, requester, approver, approval
date, expiry; the comment lines at its top are kept) and signs that file's exact bytes with
the approver's ECDSA key, in the same OpenSSF model-signing format as models and datasets
(:mod:`secplan.protect.signing`): a Sigstore bundle, ``<waiver>.toml.sig``, beside it.

The trust policy is ``[governance] approver_keys`` in the project's settings: each approver's
name and the PEM public key (or keys) that may sign for them. A waiver's approval counts when
a key the policy gives to the approver it names signed the file as it is now. No signature, a
signature by any other key, or any change to the file after signing (a comment included)
leaves it a pending request, which waives nothing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from secplan._io import atomic_write, fsync_dir, sha256_file, write_new
from secplan._toml import read_toml, validate
from secplan.config import Settings
from secplan.errors import AccessDenied, ConfigError, ServiceError, VerificationError
from secplan.governance.records import RECORDS_DIR, Approval, Records, Waiver

if TYPE_CHECKING:
    from secplan.governance._records_in import WaiverIn as _WaiverIn

WAIVERS_DIR = f"{RECORDS_DIR}/waivers"
POLICY = "[governance] approver_keys"
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
#: The signed first line of an approval exported by the governance server.
SERVER_HEADER = "# approved on the secplan server for project "


def server_header(project: str) -> str:
    """The signed first line of an approval the server exports for ``project``."""
    return SERVER_HEADER + project


def _server_project(path: Path) -> str | None:
    """The project a server-exported approval holds for (its signed first line), if any."""
    with contextlib.suppress(OSError, UnicodeDecodeError):
        for line in _header(path):
            if line.startswith(SERVER_HEADER):
                return line[len(SERVER_HEADER) :].strip()
    return None


def signature_path(waiver: Path) -> Path:
    """``NAME.toml.sig`` beside ``NAME.toml``."""
    return waiver.with_name(waiver.name + ".sig")


def approver_keys(settings: Settings, approver: str) -> tuple[str, ...]:
    """The key paths (relative to the project) the trust policy gives to ``approver``."""
    want = approver.strip().casefold()
    return tuple(
        k for name, keys in settings.approver_keys if name.casefold() == want for k in keys
    )


def verify_approval(root: Path, w: Waiver, settings: Settings) -> tuple[Approval, str]:
    """Whether ``w``'s file is signed, as it is now, by a key of the approver it names."""
    path = root / w.file
    sig = signature_path(path)
    shown = f"{w.file}.sig"
    if sig.is_symlink() or not sig.is_file():
        return Approval.UNSIGNED, f"no approval signature ({shown})"
    if w.approver is None:
        return Approval.UNTRUSTED, "the signed waiver names no approver"
    rels = approver_keys(settings, w.approver)
    if not rels:
        return Approval.UNTRUSTED, f"{POLICY} lists no key for approver {w.approver!r}"
    from secplan.protect.signing import verify

    try:
        v = verify(path, [root / r for r in rels], sig)
    except (VerificationError, ServiceError) as exc:
        return Approval.UNTRUSTED, f"{shown} cannot be verified: {exc.message}"
    except (ValueError, TypeError, AttributeError, KeyError, OSError) as exc:
        # a statement signed by a trusted key, but not one this project's tools make
        return Approval.UNTRUSTED, f"{shown} cannot be verified: {type(exc).__name__}"
    if v.signer is None:
        return Approval.UNTRUSTED, f"{shown} was not made by a key of {w.approver} in {POLICY}"
    signer = next((r for r in rels if str(root / r) == v.signer), v.signer)
    if not v.ok:
        return Approval.ALTERED, f"{w.file} changed after {w.approver} signed it ({signer})"
    held_for = _server_project(path)
    if held_for is not None and held_for != settings.server_project:
        here = settings.server_project or "not set"
        return Approval.UNTRUSTED, (
            f"approved on the governance server for project {held_for!r}, not this project "
            f"([governance] server_project: {here})"
        )
    return Approval.SIGNED, f"signed with {signer}"


def check_approvals(root: Path, records: Records, settings: Settings) -> Records:
    """``records`` with each waiver's approval signature verified against the trust policy."""
    if not records.waivers:
        return records
    checked = []
    for w in records.waivers:
        approval, note = verify_approval(root, w, settings)
        checked.append(dataclasses.replace(w, approval=approval, approval_note=note))
    return dataclasses.replace(records, waivers=tuple(checked))


def load_checked_records(root: Path, settings: Settings) -> Records:
    """Every record under ``root/.secplan``, each waiver's approval and each model-test
    record's signature and model hash verified."""
    from secplan.governance.records import load_records

    records = check_approvals(root, load_records(root), settings)
    if not any(e.test is not None for e in records.evidence):
        return records  # no model-test record to check: the assurance modules stay unloaded
    from secplan.assurance.evidence import check_model_tests

    return check_model_tests(root, records)


# -- writing -------------------------------------------------------------------------------


def _string(value: str) -> str:
    # a JSON string is a TOML basic string, but for DEL, which TOML wants escaped
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _strings(values: Sequence[str]) -> str:
    return "[" + ", ".join(_string(v) for v in values) + "]"


def canonical_text(w: _WaiverIn, rid: str, header: Sequence[str] = ()) -> str:
    """The waiver as ``approve`` writes and signs it: fixed field order, one per line."""
    lines = [*header, f"id = {_string(rid)}"]
    if w.rule is not None:
        lines.append(f"rule = {_string(w.rule)}")
    if w.control is not None:
        lines.append(f"control = {_string(w.control)}")
    lines += [
        f"paths = {_strings(w.paths)}",
        f"justification = {_string(w.justification)}",
        f"risk = {_string(w.risk)}",
        f"mitigations = {_strings(w.mitigations)}",
        f"requester = {_string(w.requester)}",
    ]
    if w.approver is not None:
        lines.append(f"approver = {_string(w.approver)}")
    if w.approved is not None:
        lines.append(f"approved = {w.approved.isoformat()}")
    lines.append(f"expires = {w.expires.isoformat()}")
    text = "\n".join(lines) + "\n"
    import tomllib

    from secplan.governance._records_in import WaiverIn as _WaiverIn

    again = validate(_WaiverIn, tomllib.loads(text), "canonical waiver")
    if again.model_copy(update={"id": None}) != w.model_copy(update={"id": None}):
        raise ConfigError(f"waiver {rid}: cannot be written back as read", "report it as a bug")
    return text


def _header(path: Path) -> list[str]:
    """The comment lines at the top of the file (kept, and signed, by ``approve``)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.lstrip().startswith("#"):
            break
        out.append(line.rstrip())
    return out


def read_waiver(path: Path, shown: str) -> tuple[_WaiverIn, str]:
    """A waiver file, validated, and its id."""
    if path.is_symlink() or not path.is_file() or path.suffix != ".toml":
        raise ConfigError(f"{shown}: not a waiver file", "name a .toml file under .secplan/waivers")
    from secplan.governance._records_in import WaiverIn as _WaiverIn

    rec = validate(_WaiverIn, read_toml(path, shown), shown)
    return rec, rec.id or path.stem


def check_id(rid: str) -> str:
    if not _ID.fullmatch(rid):
        raise ConfigError(
            f"waiver id {rid!r} cannot name a file",
            "use letters, digits, '.', '_' and '-' (at most 64), like WV-2026-003",
        )
    return rid


def next_id(root: Path, on: dt.date) -> str:
    """``WV-<year>-<nnn>``, one past the highest number used this year."""
    pattern = re.compile(rf"WV-{on.year}-(\d{{1,6}})\.toml")
    folder = root / WAIVERS_DIR
    used = [
        int(m.group(1))
        for p in (folder.iterdir() if folder.is_dir() else ())
        if (m := pattern.fullmatch(p.name))
    ]
    return f"WV-{on.year}-{max(used, default=0) + 1:03d}"


def write_request(root: Path, request: _WaiverIn, rid: str) -> Path:
    """Create ``.secplan/waivers/<rid>.toml`` for a new, unapproved request."""
    path = root / WAIVERS_DIR / f"{check_id(rid)}.toml"
    text = canonical_text(request, rid)
    if not write_new(path, text.encode("utf-8"), mode=0o644):
        raise ConfigError(f"{WAIVERS_DIR}/{rid}.toml already exists", "choose another --id")
    return path


def _public_pem(private_key: Path) -> bytes:
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        PublicFormat,
        load_pem_private_key,
    )

    try:
        key = load_pem_private_key(private_key.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise ConfigError(
            f"{private_key}: cannot load the private key ({exc})",
            "give an unencrypted ECDSA P-256 or P-384 private key in PEM",
        ) from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ConfigError(
            f"{private_key}: not an ECDSA private key", "approvals are signed with ECDSA keys"
        )
    return key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)


def _policy_holds(root: Path, rels: Sequence[str], public: bytes) -> bool:
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        PublicFormat,
        load_pem_public_key,
    )

    for rel in rels:
        with contextlib.suppress(OSError, ValueError, TypeError):
            key = load_pem_public_key((root / rel).read_bytes())
            if key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo) == public:
                return True
    return False


@dataclasses.dataclass(frozen=True, slots=True)
class Approved:
    """A waiver just approved: its file, the signature written beside it, the file's
    hash and the trust-policy key the signature verifies with."""

    id: str
    file: Path
    signature: Path
    sha256: str
    key: str  # the trust-policy key (path in the project) the signature verifies with


def approve(
    root: Path,
    path: Path,
    shown: str,
    *,
    approver: str,
    private_key: Path,
    settings: Settings,
    on: dt.date,
) -> Approved:
    """Record ``approver``'s approval of the waiver at ``path`` on ``on`` and sign it.

    Refuses (before writing anything) the requester approving their own request, an approver
    outside ``[governance] approvers`` (when it is set), a key the trust policy does not give
    to ``approver``, and a waiver that would be expired or approved for longer than allowed.
    """
    if path.is_symlink():
        raise ConfigError(f"{shown}: a symbolic link, not a waiver file", "approve the file itself")
    path, root = path.resolve(), root.resolve()
    if not path.is_relative_to(root):
        raise ConfigError(f"{shown}: outside the project {root}", "approve the project's waivers")
    rec, rid = read_waiver(path, shown)
    check_id(rid)
    if approver.strip().casefold() == rec.requester.strip().casefold():
        raise AccessDenied(
            f"{shown}: {approver} requested this waiver and cannot approve it",
            "another designated approver must approve it",
        )
    if settings.approvers and approver.strip().casefold() not in {
        a.strip().casefold() for a in settings.approvers
    }:
        raise AccessDenied(
            f"{approver} is not a designated approver", "list them in [governance] approvers"
        )
    rels = approver_keys(settings, approver)
    if not _policy_holds(root, rels, _public_pem(private_key)):
        raise ConfigError(
            f"{private_key}: its public key is not one of {approver}'s keys in {POLICY}",
            f"add the public key to {POLICY} under {approver!r} (a reviewed change), "
            "or sign with the key listed there",
        )
    if rec.expires <= on:
        raise ConfigError(
            f"{shown}: expires {rec.expires}, not after the approval date {on}",
            "set a later expires before approving",
        )
    if (rec.expires - on).days > settings.max_waiver_days:
        raise ConfigError(
            f"{shown}: expires {(rec.expires - on).days} days after approval, over the "
            f"{settings.max_waiver_days}-day review period",
            "shorten expires, and renew the waiver after its review",
        )
    try:  # before anything is written: without it the waiver would be left half-approved
        import model_signing  # noqa: F401
    except ImportError as exc:
        raise ServiceError(
            "approving waivers needs the model-signing package", "pip install 'secplan[signing]'"
        ) from exc
    approved = rec.model_copy(update={"approver": approver, "approved": on})
    atomic_write(path, canonical_text(approved, rid, _header(path)))
    sig = signature_path(path)
    tmp = sig.with_name(f".{sig.name}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    from secplan.protect.signing import sign

    try:
        sign(path, private_key, tmp)
        tmp.replace(sig)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    fsync_dir(sig.parent)
    waiver = Waiver(
        id=rid,
        file=path.relative_to(root).as_posix(),
        control=approved.control,
        rule=approved.rule,
        paths=tuple(approved.paths),
        justification=approved.justification,
        risk=approved.risk,
        mitigations=tuple(approved.mitigations),
        requester=approved.requester,
        approver=approver,
        approved=on,
        expires=approved.expires,
    )
    state, note = verify_approval(root, waiver, settings)
    if state is not Approval.SIGNED:
        raise VerificationError(f"{shown}: the new approval does not verify: {note}")
    return Approved(rid, path, sig, sha256_file(path), note.removeprefix("signed with "))


__all__ = [
    "Approved",
    "approve",
    "approver_keys",
    "canonical_text",
    "check_approvals",
    "check_id",
    "load_checked_records",
    "next_id",
    "read_waiver",
    "signature_path",
    "verify_approval",
    "write_request",
]
