"""Share bundles: what opens, and every way one must not."""

from __future__ import annotations

import io
import json
import tarfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from secplan.errors import ConfigError, TargetError, VerificationError
from secplan.protect.age import EncryptingWriter, X25519Identity
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


def test_signed_but_hostile_payload_is_refused(tmp_path: Path, parties: dict[str, object]) -> None:
    """A sender (or a stolen sender key) packing ../ paths or links gets nothing written."""
    work = tmp_path / "work"
    work.mkdir()
    rec = parties["recipient"]
    recipient = rec.recipient  # type: ignore[attr-defined]
    with (
        (work / "payload.age").open("wb") as raw,
        EncryptingWriter(raw, [recipient]) as enc,
        tarfile.open(fileobj=enc, mode="w|") as tar,  # type: ignore[call-overload]
    ):
        data = b"pwned\n"
        info = tarfile.TarInfo("../../outside.txt")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
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
    with pytest.raises(VerificationError, match="not allowed"):
        open_bundle(bundle, [rec], [parties["pub"]], tmp_path / "in", today=TODAY)  # type: ignore[list-item]
    assert (
        not (tmp_path / "outside.txt").exists() and not (tmp_path.parent / "outside.txt").exists()
    )
    assert not (tmp_path / "in").exists()


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
