"""Exceptions between the server and a project's ``.secplan/waivers/``: an approved exception
is exported in the canonical form ``secplan waiver approve`` writes, with a first comment line
naming the project it was approved in, signed (same format) with the server's approval key; a
file is imported back as approved only into that project and only when that key signed it as
it is, else as a pending request."""

from __future__ import annotations

import datetime as dt
import tempfile
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from secplan._toml import validate
from secplan.errors import ConfigError, SecplanError
from secplan.governance.approval import canonical_text, check_id, server_header

if TYPE_CHECKING:
    from secplan.governance._records_in import WaiverIn

MAX_FILE = 64 * 1024


def waiver_in(fields: dict[str, Any]) -> WaiverIn:
    """The fields of an exception, checked as a waiver file's are (a one-line ConfigError)."""
    from secplan.governance._records_in import WaiverIn

    try:
        return WaiverIn(**fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "exception"
        raise ConfigError(f"{where}: {first['msg']}", "see docs/server.md") from None


def _approved(e: dict[str, Any]) -> WaiverIn:
    return waiver_in(
        {
            "id": e["id"],
            "rule": e["rule"],
            "control": e["control"],
            "paths": e["paths"],
            "justification": e["justification"],
            "risk": e["risk"],
            "mitigations": e["mitigations"],
            "requester": e["requester"],
            "approver": e["approver"],
            "approved": dt.date.fromisoformat(e["decided"][:10]),
            "expires": dt.date.fromisoformat(e["expires"]),
        }
    )


def approval_header(project: str) -> str:
    """The signed first line of an exported approval: the project it holds for."""
    return server_header(project)


def export(e: dict[str, Any], key: Path, project: str) -> tuple[str, str]:
    """An approved exception of ``project`` as a waiver file and its signature (both text)."""
    from secplan.protect.signing import sign

    rid = check_id(e["id"])
    text = canonical_text(_approved(e), rid, [approval_header(project)])
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"{rid}.toml"
        path.write_text(text, encoding="utf-8")
        sig = Path(d) / f"{rid}.toml.sig"
        sign(path, key, sig)
        return text, sig.read_text(encoding="utf-8")


def read_import(
    name: str, text: str, signature: str | None, public: bytes, project: str
) -> tuple[WaiverIn, bool]:
    """A waiver file sent for import into ``project``, and whether it is an approval of that
    project: the server's key signed it as it is, and its signed header names ``project``."""
    if len(text) > MAX_FILE or (signature is not None and len(signature) > MAX_FILE):
        raise ConfigError(f"{name}: larger than {MAX_FILE} bytes", "import waiver files only")
    rid = check_id(name.removesuffix(".toml"))
    from secplan.governance._records_in import WaiverIn

    try:
        rec = validate(WaiverIn, tomllib.loads(text), name)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{name}: not TOML ({exc})", "import waiver files only") from None
    # the id in the file names the exception's export file later: it must name a file
    rec = rec.model_copy(update={"id": check_id(rec.id or rid)})
    if signature is None:
        return rec, False
    from secplan.protect.signing import verify

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"{rid}.toml"
        path.write_text(text, encoding="utf-8")
        sig = Path(d) / f"{rid}.toml.sig"
        sig.write_text(signature, encoding="utf-8")
        pub = Path(d) / "server.pub"
        pub.write_bytes(public)
        try:
            v = verify(path, [pub], sig)
        except (SecplanError, ValueError, TypeError, KeyError, AttributeError, OSError):
            return rec, False
    if not (v.ok and v.signer is not None and rec.approver):
        return rec, False
    # the signature covers the text, so the header line is the project the approval is for
    try:
        own = canonical_text(rec, rid, [approval_header(project)])
    except SecplanError:
        return rec, False
    return rec, text == own
