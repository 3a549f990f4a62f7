"""Signed waiver approvals: a waiver counts only when a key the trust policy gives to its
approver signed its exact content; anything else is a pending request (EV008)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from secplan.config import load_settings
from secplan.errors import AccessDenied, ConfigError
from secplan.governance._records_in import WaiverIn as _WaiverIn
from secplan.governance.approval import approve, canonical_text, read_waiver
from secplan.model import Severity, Status
from secplan.protect.signing import sign
from tests.helpers import (
    findings_of,
    new_signing_key,
    scan,
    sign_waivers,
    trust_approver,
    write,
)
from tests.unit.code import tokens as T

pytest.importorskip("model_signing")

WAIVER = """\
# Rotating the key is scheduled with the provider.
rule = "CD201"
paths = ["settings.py"]
justification = "Test account without access to anything real."
risk = "critical"
requester = "bob"
approver = "carol"
approved = 2026-06-01
expires = 2027-01-31
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / "home"))
    root = tmp_path / "proj"
    write(root, "settings.py", f'AWS_ACCESS_KEY_ID = "{T.aws_key_id()}"\n')
    write(root, "secplan.toml", '[governance]\napprovers = ["carol", "dana"]\n')
    write(root, ".secplan/waivers/w.toml", WAIVER)
    return root


def _critical_open(root: Path) -> bool:
    a = scan(root)
    return any(f.rule == "CD201" and f.severity is Severity.CRITICAL for f in a.report.findings)


def _pending(root: Path) -> str:
    a = scan(root)
    assert not a.report.suppressed
    assert a.posture.get("HS4").status is Status.FAIL
    [f] = findings_of(a, "EV008")
    assert f.location.path == ".secplan/waivers/w.toml" and f.controls == ("HS4",)
    assert "pending request" in f.message and "secplan waiver approve" in f.message
    return f.message


def test_hand_written_waiver_naming_an_approver_suppresses_nothing(project: Path) -> None:
    # before signed approvals this waiver suppressed the critical finding and HS4 passed
    assert _critical_open(project)
    assert "no approval signature (.secplan/waivers/w.toml.sig)" in _pending(project)
    trust_approver(project, "carol")  # a trust policy alone does not help either
    assert _critical_open(project)
    assert "no approval signature" in _pending(project)


def test_signed_waiver_suppresses(project: Path) -> None:
    sign_waivers(project, "carol")
    a = scan(project)
    assert [(f.rule, w) for f, w in a.report.suppressed] == [("CD201", "w")]
    assert not findings_of(a, "EV008")
    assert a.posture.get("HS4").status is not Status.FAIL


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace('paths = ["settings.py"]', 'paths = ["**"]'),
        lambda t: t.replace("2027-01-31", "2027-01-30"),
        lambda t: t.replace("Rotating", "Rotatng"),  # even a comment: the exact bytes are signed
        lambda t: t + "\n",
    ],
)
def test_altered_after_signing_is_pending(project: Path, edit: object) -> None:
    sign_waivers(project, "carol")
    w = project / ".secplan/waivers/w.toml"
    w.write_text(edit(w.read_text()))  # type: ignore[operator]
    assert _critical_open(project)
    assert "changed after carol signed it" in _pending(project)


def test_untrusted_key_is_pending(project: Path, tmp_path: Path) -> None:
    trust_approver(project, "carol")
    other, _ = new_signing_key(tmp_path / "elsewhere", "mallory")
    w = project / ".secplan/waivers/w.toml"
    sign(w, other, w.with_name("w.toml.sig"))
    assert _critical_open(project)
    assert "was not made by a key of carol" in _pending(project)


def test_another_approvers_key_does_not_sign_for_carol(project: Path) -> None:
    trust_approver(project, "carol")
    sign_waivers(project, "dana")  # trusted, but for dana: the waiver names carol
    assert "was not made by a key of carol" in _pending(project)


def test_no_key_for_the_named_approver_is_pending(project: Path) -> None:
    sign_waivers(project, "dana")
    assert "lists no key for approver 'carol'" in _pending(project)


@pytest.mark.parametrize("junk", [b"", b"not json", b"[]", b'{"dsseEnvelope": 3}', b"\xff" * 64])
def test_malformed_signature_is_pending_not_a_crash(project: Path, junk: bytes) -> None:
    trust_approver(project, "carol")
    write(project, ".secplan/waivers/w.toml.sig", junk)
    assert "cannot be verified" in _pending(project)


def test_signature_through_a_link_is_not_followed(project: Path, tmp_path: Path) -> None:
    sign_waivers(project, "carol")
    sig = project / ".secplan/waivers/w.toml.sig"
    moved = sig.rename(tmp_path / "outside.sig")
    sig.symlink_to(moved)
    assert "no approval signature" in _pending(project)


def test_signature_moved_to_another_waiver_does_not_count(project: Path) -> None:
    sign_waivers(project, "carol")
    other = WAIVER.replace('paths = ["settings.py"]', 'paths = ["**"]')
    write(project, ".secplan/waivers/x.toml", other)
    (project / ".secplan/waivers/x.toml.sig").write_bytes(
        (project / ".secplan/waivers/w.toml.sig").read_bytes()
    )
    a = scan(project)
    [f] = findings_of(a, "EV008")
    assert f.location.path == ".secplan/waivers/x.toml" and "changed after" in f.message


def test_expired_stays_expired(project: Path) -> None:
    w = project / ".secplan/waivers/w.toml"
    w.write_text(WAIVER.replace("2027-01-31", "2026-11-30"))
    assert findings_of(scan(project), "EV003") and not findings_of(scan(project), "EV008")
    sign_waivers(project, "carol")
    assert findings_of(scan(project), "EV003") and _critical_open(project)


def test_self_approved_stays_self_approved(project: Path) -> None:
    w = project / ".secplan/waivers/w.toml"
    w.write_text(WAIVER.replace('approver = "carol"', 'approver = "bob"'))
    sign_waivers(project, "bob")
    [f] = findings_of(scan(project), "EV004")
    assert "approved by its own requester" in f.message and _critical_open(project)


# -- approve -------------------------------------------------------------------------------

ON = dt.date(2026, 11, 1)


def _approve(root: Path, key: Path, approver: str = "carol") -> None:
    w = root / ".secplan/waivers/w.toml"
    approve(
        root,
        w,
        ".secplan/waivers/w.toml",
        approver=approver,
        private_key=key,
        settings=load_settings(root),
        on=ON,
    )


def test_approve_writes_canonical_content_and_signs_it(project: Path) -> None:
    w = project / ".secplan/waivers/w.toml"
    w.write_text(WAIVER.replace('approver = "carol"\napproved = 2026-06-01\n', ""))
    key = trust_approver(project, "carol")
    _approve(project, key)
    text = w.read_text()
    assert text.startswith("# Rotating the key")  # the comment at the top is kept (and signed)
    data = tomllib.loads(text)
    assert (data["id"], data["approver"], data["approved"]) == ("w", "carol", ON)
    assert (project / ".secplan/waivers/w.toml.sig").is_file()
    a = scan(project)
    assert [(f.rule, x) for f, x in a.report.suppressed] == [("CD201", "w")]


def test_requester_cannot_approve_own_request(project: Path) -> None:
    key = trust_approver(project, "bob")
    before = (project / ".secplan/waivers/w.toml").read_bytes()
    with pytest.raises(AccessDenied, match="requested this waiver and cannot approve it"):
        _approve(project, key, approver="Bob")
    assert (project / ".secplan/waivers/w.toml").read_bytes() == before
    assert not (project / ".secplan/waivers/w.toml.sig").exists()


def test_approver_must_be_designated(project: Path) -> None:
    key = trust_approver(project, "erin")
    with pytest.raises(AccessDenied, match="not a designated approver"):
        _approve(project, key, approver="erin")


def test_approve_refuses_a_key_the_policy_does_not_give_the_approver(
    project: Path, tmp_path: Path
) -> None:
    trust_approver(project, "carol")
    other, _ = new_signing_key(tmp_path / "elsewhere", "mallory")
    with pytest.raises(ConfigError, match="not one of carol's keys"):
        _approve(project, other)
    assert not (project / ".secplan/waivers/w.toml.sig").exists()


def test_approve_refuses_past_the_review_period(project: Path) -> None:
    w = project / ".secplan/waivers/w.toml"
    w.write_text(WAIVER.replace("2027-01-31", "2028-01-31"))
    key = trust_approver(project, "carol")
    with pytest.raises(ConfigError, match="review period"):
        _approve(project, key)


@pytest.mark.parametrize(
    "text",
    ['a "quoted" word', "back\\slash", "line\nbreak\ttab", "ünïcödé ✓", "del\x7fchar", "\x01"],
)
def test_canonical_text_round_trips(text: str, tmp_path: Path) -> None:
    rec = _WaiverIn(
        rule="CD201",
        justification="justified: " + text,
        risk="low",
        mitigations=[text],
        requester=text,
        expires=dt.date(2027, 1, 1),
    )
    out = canonical_text(rec, "W-1", ["# " + "head"])
    p = write(tmp_path, "W-1.toml", out)
    again, rid = read_waiver(p, "W-1.toml")
    assert rid == "W-1" and again.model_copy(update={"id": None}) == rec


@pytest.mark.parametrize(
    "serialization", [["not", "a", "table"], {"method": "shards", "hash_type": "nonsense"}, 3]
)
def test_odd_statement_signed_by_a_trusted_key_is_pending_not_a_crash(
    project: Path, serialization: object
) -> None:
    import base64
    import json

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric import ec

    from secplan.protect.signing import PAYLOAD_TYPE, PREDICATE, _pae

    key = ser.load_pem_private_key(trust_approver(project, "carol").read_bytes(), None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    statement = {
        "predicateType": PREDICATE,
        "predicate": {"resources": [{"name": ".", "digest": "00"}], "serialization": serialization},
    }
    payload = json.dumps(statement).encode()
    signature = key.sign(_pae(PAYLOAD_TYPE, payload), ec.ECDSA(hashes.SHA256()))
    bundle = {
        "dsseEnvelope": {
            "payload": base64.b64encode(payload).decode(),
            "payloadType": PAYLOAD_TYPE,
            "signatures": [{"sig": base64.b64encode(signature).decode()}],
        }
    }
    write(project, ".secplan/waivers/w.toml.sig", json.dumps(bundle))
    message = _pending(project)
    assert "cannot be verified" in message or "changed after" in message
    assert _critical_open(project)
