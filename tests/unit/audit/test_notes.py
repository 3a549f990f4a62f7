from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from secplan.audit.notes import Checkpoint, Signer, Verifier, open_note, parse_checkpoint
from secplan.errors import VerificationError


def _signer(name: str = "secplan-audit-test") -> Signer:
    return Signer(name, Ed25519PrivateKey.generate())


def test_round_trip_and_vkey() -> None:
    s = _signer()
    cp = Checkpoint("secplan.audit/abc", 42, b"\x11" * 32, ("time 2026-12-02T00:00:00Z",))
    note = s.sign(cp.text())
    assert note.splitlines()[-1].startswith("\u2014 secplan-audit-test ")
    text, names = open_note(note, [Verifier.parse(s.verifier.vkey())])
    assert names == ["secplan-audit-test"]
    assert parse_checkpoint(text) == cp


@pytest.mark.parametrize(
    "tamper",
    [
        lambda n: n.replace("\n42\n", "\n43\n"),
        lambda n: n.replace("secplan.audit/abc", "secplan.audit/abd"),
        lambda n: n[:-10] + ("A" if n[-10] != "A" else "B") + n[-9:],
    ],
)
def test_tampered_note_fails(tamper: object) -> None:
    s = _signer()
    note = s.sign(Checkpoint("secplan.audit/abc", 42, b"\x11" * 32).text())
    with pytest.raises(VerificationError):
        open_note(tamper(note), [s.verifier])  # type: ignore[operator]


def test_unknown_signer_is_rejected() -> None:
    note = _signer().sign(Checkpoint("o", 1, b"\x00" * 32).text())
    with pytest.raises(VerificationError, match="not signed by a trusted audit key"):
        open_note(note, [_signer("someone-else").verifier])


def test_bad_vkeys() -> None:
    good = _signer().verifier.vkey()
    name, kid, key = good.split("+", 2)
    for bad in ("nope", f"{name}+00000000+{key}", f"{name}+{kid}+!!!"):
        with pytest.raises(VerificationError):
            Verifier.parse(bad)
