"""Share bundles: what opens, and every way one must not."""

from __future__ import annotations

import io
import json
import os
import stat
import tarfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from secplan.errors import ConfigError, TargetError, VerificationError
from secplan.protect.age import X25519Identity
from secplan.protect.agestream import EncryptingWriter
from secplan.protect.share import create, open_bundle
from secplan.protect.signing import sign
from tests.helpers import write
from tests.unit.protect.test_signing import keypair

pytest.importorskip("model_signing")
TODAY = date(2026, 12, 2)
LATER = TODAY + timedelta(days=30)


@pytest.fixture
def parties(tmp_path: Path) -> dict[str, object]:
    priv, pub = keypair(tmp_path, "sender")
    _, other_pub = keypair(tmp_path, "someone")
    data = tmp_path / "export"
    write(data, "customers.csv", "id,name\n1,Ada\n")
    write(data, "notes/readme.txt", "synthetic\n")
    return {
        "priv": priv,
        "pub": pub,
        "other_pub": other_pub,
        "data": data,
        "recipient": X25519Identity.generate(),
        "stranger": X25519Identity.generate(),
    }


def _make(tmp_path: Path, p: dict[str, object], **kw: object) -> Path:
    out = tmp_path / "share.tar"
    create(
        p["data"],
        str(p["recipient"].recipient),
        purpose="churn model evaluation",  # type: ignore[attr-defined, arg-type]
        expires=kw.pop("expires", LATER),
        sign_key=p["priv"],
        sender="alice",  # type: ignore[arg-type]
        output=out,
        recipient_name="Partner Ltd",
        permitted_uses=("evaluation",),
        controller_contact="dpo@example.com",
        today=TODAY,
    )
    return out


def test_round_trip(tmp_path: Path, parties: dict[str, object]) -> None:
    bundle = _make(tmp_path, parties)
    with tarfile.open(bundle) as t:
        assert sorted(t.getnames()) == ["agreement.json", "model.sig", "payload.age"]
    a = open_bundle(
        bundle,
        [parties["recipient"]],
        [parties["pub"]],
        tmp_path / "in",  # type: ignore[list-item]
        today=TODAY,
    )
    assert (a.purpose, a.recipient_name, a.permitted_uses) == (
        "churn model evaluation",
        "Partner Ltd",
        ("evaluation",),
    )
    assert (tmp_path / "in" / "export" / "customers.csv").read_text() == "id,name\n1,Ada\n"
    assert (tmp_path / "in" / "export" / "notes" / "readme.txt").exists()


def test_wrong_recipient(tmp_path: Path, parties: dict[str, object]) -> None:
    bundle = _make(tmp_path, parties)
    with pytest.raises(VerificationError, match="for Partner Ltd recipient"):
        open_bundle(
            bundle,
            [parties["stranger"]],
            [parties["pub"]],
            tmp_path / "in",  # type: ignore[list-item]
            today=TODAY,
        )
    assert not (tmp_path / "in").exists()


def test_expired_agreement(tmp_path: Path, parties: dict[str, object]) -> None:
    bundle = _make(tmp_path, parties)
    with pytest.raises(VerificationError, match="agreement expired on"):
        open_bundle(
            bundle,
            [parties["recipient"]],
            [parties["pub"]],
            tmp_path / "in",  # type: ignore[list-item]
            today=LATER + timedelta(days=1),
        )
    assert not (tmp_path / "in").exists()
    with pytest.raises(ConfigError, match="not in the future"):
        _make(tmp_path, parties, expires=TODAY)


def test_untrusted_sender(tmp_path: Path, parties: dict[str, object]) -> None:
    bundle = _make(tmp_path, parties)
    with pytest.raises(VerificationError, match="not signed by a trusted sender key"):
        open_bundle(
            bundle,
            [parties["recipient"]],
            [parties["other_pub"]],
            tmp_path / "in",  # type: ignore[list-item]
            today=TODAY,
        )


def _retar(bundle: Path, edit: str) -> None:
    with tarfile.open(bundle) as t:
        files = {m.name: t.extractfile(m).read() for m in t.getmembers()}  # type: ignore[union-attr]
    if edit == "agreement":
        a = json.loads(files["agreement.json"])
        a["expires"] = "2099-01-01"
        files["agreement.json"] = json.dumps(a).encode()
    elif edit == "payload":
        p = bytearray(files["payload.age"])
        p[-5] ^= 1
        files["payload.age"] = bytes(p)
    elif edit == "extra":
        files["evil.sh"] = b"rm -rf /\n"
    with tarfile.open(bundle, "w") as t:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))


@pytest.mark.parametrize("edit", ["agreement", "payload", "extra"])
def test_tampered_bundle(tmp_path: Path, parties: dict[str, object], edit: str) -> None:
    bundle = _make(tmp_path, parties)
    _retar(bundle, edit)
    with pytest.raises(VerificationError):
        open_bundle(
            bundle,
            [parties["recipient"]],
            [parties["pub"]],
            tmp_path / "in",  # type: ignore[list-item]
            today=TODAY,
        )
    assert not (tmp_path / "in").exists()


def _hostile_bundle(
    tmp_path: Path, parties: dict[str, object], members: list[tuple[tarfile.TarInfo, bytes]]
) -> Path:
    """A bundle correctly signed by the sender (or a stolen sender key) around a payload tar
    of ``members``: what the recipient's checks of the archive itself must catch."""
    work = tmp_path / "work"
    work.mkdir()
    rec = parties["recipient"]
    recipient = rec.recipient  # type: ignore[attr-defined]
    with (
        (work / "payload.age").open("wb") as raw,
        EncryptingWriter(raw, [recipient]) as enc,
        tarfile.open(fileobj=enc, mode="w|") as tar,  # type: ignore[call-overload]
    ):
        for info, data in members:
            info.size = len(data) if info.isfile() else 0
            tar.addfile(info, io.BytesIO(data) if info.isfile() else None)
    agreement = {
        "schema": "secplan-share-agreement/1",
        "id": "x",
        "purpose": "p",
        "permitted_uses": [],
        "recipient": str(rec.recipient),  # type: ignore[attr-defined]
        "recipient_name": "",
        "sender": "mallory",
        "controller_contact": "",
        "created": "2026-12-01T00:00:00Z",
        "expires": "2027-01-31",
        "source": "x",
        "payload": {"name": "payload.age", "sha256": "0", "size": 0},
    }
    (work / "agreement.json").write_text(json.dumps(agreement))
    sign(work, parties["priv"], work / "model.sig")  # type: ignore[arg-type]
    bundle = tmp_path / "evil.tar"
    with tarfile.open(bundle, "w") as t:
        for n in ("agreement.json", "payload.age", "model.sig"):
            t.add(work / n, arcname=n)
    return bundle


def _member(name: str, kind: bytes = tarfile.REGTYPE, link: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname, info.mode = kind, link, 0o777
    return info


def _open_hostile(tmp_path: Path, parties: dict[str, object], bundle: Path) -> None:
    open_bundle(bundle, [parties["recipient"]], [parties["pub"]], tmp_path / "in", today=TODAY)  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("members", "why"),
    [
        ([(_member("../../outside.txt"), b"pwned\n")], "not allowed"),
        ([(_member("/tmp/outside.txt"), b"pwned\n")], "not allowed"),
        ([(_member("x/link", tarfile.SYMTYPE, "/etc/passwd"), b"")], "not allowed"),
        ([(_member("x/a"), b"a"), (_member("x/hard", tarfile.LNKTYPE, "x/a"), b"")], "not allowed"),
        ([(_member("x/dev", tarfile.CHRTYPE), b"")], "not allowed"),
        ([(_member("x/fifo", tarfile.FIFOTYPE), b"")], "not allowed"),
        # a second member of the same name would silently replace the first
        ([(_member("x/a.csv"), b"first\n"), (_member("x/a.csv"), b"second\n")], "twice"),
        ([(_member("x/a.csv"), b"first\n"), (_member("./x//a.csv"), b"second\n")], "twice"),
        ([(_member("x", tarfile.DIRTYPE), b""), (_member("x/", tarfile.DIRTYPE), b"")], "twice"),
    ],
)
def test_signed_but_hostile_payload_is_refused(
    tmp_path: Path,
    parties: dict[str, object],
    members: list[tuple[tarfile.TarInfo, bytes]],
    why: str,
) -> None:
    bundle = _hostile_bundle(tmp_path, parties, members)
    with pytest.raises(VerificationError, match=why):
        _open_hostile(tmp_path, parties, bundle)
    assert not list(tmp_path.rglob("outside.txt")) and not Path("/tmp/outside.txt").exists()
    assert not (tmp_path / "in").exists()  # nothing written
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".secplan-partial")] == []


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_received_data_is_private(tmp_path: Path, parties: dict[str, object], umask: int) -> None:
    bundle = _make(tmp_path, parties)
    old = os.umask(umask)
    try:
        open_bundle(bundle, [parties["recipient"]], [parties["pub"]], tmp_path / "in", today=TODAY)  # type: ignore[list-item]
    finally:
        os.umask(old)
    got = {
        str(p.relative_to(tmp_path)): stat.S_IMODE(p.stat().st_mode)
        for p in [tmp_path / "in", *(tmp_path / "in").rglob("*")]
    }
    assert got == {
        "in": 0o700,
        "in/export": 0o700,
        "in/export/customers.csv": 0o600,
        "in/export/notes": 0o700,
        "in/export/notes/readme.txt": 0o600,
    }


def test_output_must_be_new(tmp_path: Path, parties: dict[str, object]) -> None:
    bundle = _make(tmp_path, parties)
    (tmp_path / "in").mkdir()
    with pytest.raises(TargetError, match="already exists"):
        open_bundle(
            bundle,
            [parties["recipient"]],
            [parties["pub"]],
            tmp_path / "in",  # type: ignore[list-item]
            today=TODAY,
        )
