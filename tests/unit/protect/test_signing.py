"""Model signing: interoperability with the model_signing tool, diffs, and the MS1 checks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from secplan.errors import ConfigError, VerificationError
from secplan.protect.signing import default_signature, hashing_ahead, sign, verify
from tests.helpers import findings_of, rules_of, scan, write

pytest.importorskip("model_signing")
MODEL_SIGNING = shutil.which("model_signing") or str(Path(sys.executable).parent / "model_signing")


def keypair(d: Path, name: str = "key", curve: ec.EllipticCurve | None = None) -> tuple[Path, Path]:
    key = ec.generate_private_key(curve or ec.SECP256R1())
    priv, pub = d / f"{name}.pem", d / f"{name}.pub"
    priv.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    pub.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return priv, pub


@pytest.fixture
def model(tmp_path: Path) -> Path:
    m = tmp_path / "model"
    write(m, "config.json", '{"layers": 2}')
    write(m, "weights/part-0.bin", os.urandom(300_000))
    write(m, "weights/part-1.bin", os.urandom(10))
    return m


def _ms_sign(model: Path, priv: Path, sig: Path) -> None:
    subprocess.run(
        [
            MODEL_SIGNING,
            "sign",
            "key",
            str(model),
            "--private_key",
            str(priv),
            "--signature",
            str(sig),
        ],
        check=True,
        capture_output=True,
    )


def _ms_verifies(model: Path, pub: Path, sig: Path) -> bool:
    r = subprocess.run(
        [
            MODEL_SIGNING,
            "verify",
            "key",
            str(model),
            "--public_key",
            str(pub),
            "--signature",
            str(sig),
        ],
        capture_output=True,
        text=True,
    )
    return r.returncode == 0


def test_signed_here_verifies_with_model_signing_and_back(model: Path, tmp_path: Path) -> None:
    priv, pub = keypair(tmp_path)
    sig = sign(model, priv)
    assert sig == model / "model.sig"
    assert _ms_verifies(model, pub, sig)
    theirs = tmp_path / "theirs.sig"
    _ms_sign(model, priv, theirs)
    assert verify(model, [pub], theirs).ok
    assert verify(model, [pub]).ok


def _statement(sig: Path) -> dict[str, object]:
    import base64

    doc = json.loads(base64.b64decode(json.loads(sig.read_text())["dsseEnvelope"]["payload"]))
    doc["predicate"]["serialization"]["ignore_paths"].sort()  # a set, in no order, in theirs
    return dict(doc)


def test_signed_statement_is_model_signings_own(tmp_path: Path) -> None:
    """Signed here, the statement is the one model_signing signs for the same model: the
    same files (hidden ones included, the signature and git paths left out), digests, order
    (by path components: a/b before a-b) and subject digest; and each tool verifies the
    other's signature."""
    m = tmp_path / "model"
    for rel in ("a-b/f", "a/b", "a.bin", ".hidden", "sub/deep/x.txt", ".git/config", "é.txt"):
        write(m, rel, os.urandom(1000))
    write(m, "empty", b"")
    (m / "emptydir").mkdir()
    priv, pub = keypair(tmp_path)
    theirs = tmp_path / "theirs.sig"
    _ms_sign(m, priv, theirs)
    ours = sign(m, priv, tmp_path / "ours.sig")
    assert _statement(ours) == _statement(theirs)
    names = [r["name"] for r in _statement(ours)["predicate"]["resources"]]  # type: ignore[index]
    assert names == [".hidden", "a/b", "a-b/f", "a.bin", "empty", "sub/deep/x.txt", "é.txt"]
    assert _ms_verifies(m, pub, ours)
    assert verify(m, [pub], theirs).ok and verify(m, [pub], ours).ok
    inside = sign(m, priv)  # the signature inside the model is left out of it
    assert inside == m / "model.sig"
    assert "model.sig" in _statement(inside)["predicate"]["serialization"]["ignore_paths"]  # type: ignore[index]
    assert _ms_verifies(m, pub, inside) and verify(m, [pub]).ok


@pytest.mark.parametrize("curve", [ec.SECP384R1(), ec.SECP521R1()])
def test_larger_curves_sign_and_verify_both_ways(tmp_path: Path, curve: ec.EllipticCurve) -> None:
    m = tmp_path / "model"
    write(m, "w.bin", os.urandom(5000))
    priv, pub = keypair(tmp_path, curve=curve)
    ours = sign(m, priv, tmp_path / "ours.sig")
    assert _ms_verifies(m, pub, ours)
    theirs = tmp_path / "theirs.sig"
    _ms_sign(m, priv, theirs)
    assert verify(m, [pub], theirs).ok and verify(m, [pub], ours).ok


def test_single_file_statement_is_model_signings_own(tmp_path: Path) -> None:
    priv, _ = keypair(tmp_path)
    f = write(tmp_path, "model.gguf", os.urandom(3000))
    theirs = tmp_path / "theirs.sig"
    _ms_sign(f, priv, theirs)
    assert _statement(sign(f, priv)) == _statement(theirs)


def test_links_and_special_files_are_one_line_errors_not_hangs(tmp_path: Path) -> None:
    m = tmp_path / "model"
    write(m, "w.bin", os.urandom(100))
    priv, pub = keypair(tmp_path)
    sig = sign(m, priv)
    os.mkfifo(m / "pipe")  # reading it would block forever
    with pytest.raises(ConfigError, match="pipe: not a regular file"):
        sign(m, priv, tmp_path / "other.sig")
    with pytest.raises(VerificationError, match="pipe: not a regular file"):
        verify(m, [pub], sig)
    (m / "pipe").unlink()
    (m / "link").symlink_to(m / "w.bin")
    with pytest.raises(ConfigError, match="link: symbolic link"):
        sign(m, priv, tmp_path / "other.sig")
    assert not (tmp_path / "other.sig").exists()


def test_unusable_keys_are_config_errors(tmp_path: Path) -> None:
    m = tmp_path / "model"
    write(m, "w.bin", os.urandom(100))
    bad = write(tmp_path, "bad.pem", "not a key")
    with pytest.raises(ConfigError, match="not a usable private key"):
        sign(m, bad)
    from cryptography.hazmat.primitives.asymmetric import ed25519

    ed = tmp_path / "ed.pem"
    ed.write_bytes(
        ed25519.Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    with pytest.raises(ConfigError, match="not an ECDSA"):
        sign(m, ed)


def test_single_file(tmp_path: Path) -> None:
    priv, pub = keypair(tmp_path)
    f = write(tmp_path, "model.safetensors", os.urandom(5000))
    assert sign(f, priv) == default_signature(f) == tmp_path / "model.safetensors.sig"
    assert verify(f, [pub]).ok
    f.write_bytes(os.urandom(5000))
    assert verify(f, [pub]).changed == (".",)


def test_verification_lists_what_changed(model: Path, tmp_path: Path) -> None:
    priv, pub = keypair(tmp_path)
    sign(model, priv)
    write(model, "extra.py", "import os\n")
    (model / "weights" / "part-1.bin").unlink()
    write(model, "config.json", '{"layers": 3}')
    v = verify(model, [pub])
    assert not v.ok
    assert (v.added, v.removed, v.changed) == (
        ("extra.py",),
        ("weights/part-1.bin",),
        ("config.json",),
    )


def test_untrusted_or_forged_signatures(model: Path, tmp_path: Path) -> None:
    priv, _ = keypair(tmp_path)
    _, other_pub = keypair(tmp_path, "other")
    sig = sign(model, priv)
    assert verify(model, [other_pub]).signer is None
    assert verify(model, []).problems == ("no trusted signing keys configured",)
    import base64
    import json

    bundle = json.loads(sig.read_text())
    env = bundle["dsseEnvelope"]
    statement = json.loads(base64.b64decode(env["payload"]))
    statement["predicate"]["resources"][0]["digest"] = "0" * 64
    env["payload"] = base64.b64encode(json.dumps(statement).encode()).decode()
    sig.write_text(json.dumps(bundle))
    _, pub = tmp_path / "key.pem", tmp_path / "key.pub"
    assert verify(model, [pub]).signer is None  # the payload no longer matches its signature


def test_scan_checks_signatures_against_the_trust_policy(tmp_path: Path) -> None:
    project = tmp_path / "p"
    priv, pub = keypair(tmp_path)
    write(project, "models/m.safetensors", b'\x10\x00\x00\x00\x00\x00\x00\x00{"a": 1}        ')
    sign(project / "models", priv)
    assert "MF001" not in rules_of(scan(project))
    [f] = findings_of(scan(project), "MF006")
    assert f.message == "no trusted signing keys are configured"
    shutil.copy(pub, project / "release.pub")
    write(project, "secplan.toml", '[signing]\ntrusted_keys = ["release.pub"]\n')
    a = scan(project)
    assert not {"MF005", "MF006"} & set(rules_of(a))
    write(project, "models/m.safetensors", b'\x10\x00\x00\x00\x00\x00\x00\x00{"a": 2}        ')
    [bad] = findings_of(scan(project), "MF005")
    assert bad.location.path == "models/model.sig" and "changed: m.safetensors" in bad.evidence


def test_missing_trusted_key_is_a_config_error(tmp_path: Path) -> None:
    from secplan.errors import ConfigError

    write(tmp_path, "secplan.toml", '[signing]\ntrusted_keys = ["nope.pub"]\n')
    with pytest.raises(ConfigError, match=r"signing.trusted_keys: 'nope.pub' is not a file"):
        scan(tmp_path)


def test_keyless_bundles_need_a_trusted_identity(model: Path, tmp_path: Path) -> None:
    import json

    priv, _ = keypair(tmp_path)
    sig = sign(model, priv)
    bundle = json.loads(sig.read_text())
    bundle["verificationMaterial"] = {"certificate": {"rawBytes": "AAAA"}}
    sig.write_text(json.dumps(bundle))
    v = verify(model, [], sig)
    assert v.signer is None and "no [signing] identities" in v.problems[0]
    v = verify(
        model,
        [],
        sig,
        identities=("ci@example.com",),
        oidc_issuer="https://token.actions.githubusercontent.com",
    )
    assert v.signer is None and v.problems[0].startswith("ci@example.com: ")  # offline, forged


def test_keyless_signing_offline_is_a_one_line_error(
    model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from secplan.errors import ServiceError

    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")  # nothing listens: no network
    with pytest.raises(ServiceError) as info:
        sign(model, None, keyless=True, identity_token="not-a-token")
    assert "\n" not in info.value.message.split(":")[0]
    assert "network" in info.value.hint  # not the private-key advice of key-based signing


def test_oversized_or_non_object_signature_files_are_refused(model: Path, tmp_path: Path) -> None:
    from secplan.errors import VerificationError
    from secplan.protect import signing

    _, pub = keypair(tmp_path)
    sig = default_signature(model)
    sig.write_bytes(b" " * (signing.MAX_BUNDLE + 1))  # would parse as nothing, never read
    with pytest.raises(VerificationError, match="too large"):
        verify(model, [pub])
    sig.write_text("[1, 2, 3]")
    with pytest.raises(VerificationError, match="not a Sigstore bundle"):
        verify(model, [pub])
    sig.write_text("[" * 200_000)  # deeper than the JSON parser recurses
    with pytest.raises(VerificationError, match="not a readable Sigstore bundle"):
        verify(model, [pub])


def test_deeply_nested_signature_file_does_not_stop_the_signature_checks(tmp_path: Path) -> None:
    write(tmp_path, "model.sig", "[" * 200_000)
    write(tmp_path, "m.safetensors", b"\x08\x00\x00\x00\x00\x00\x00\x00{}      ")
    a = scan(tmp_path)
    assert not [e for e in a.report.errors if e.scanner == "signatures"]


def test_content_the_signature_does_not_cover_is_reported(model: Path, tmp_path: Path) -> None:
    """model_signing leaves .git, .gitattributes, .github and .gitignore out of a signature
    by default; files there after signing are unsigned content, never silently passed."""
    priv, pub = keypair(tmp_path)
    write(model, ".gitattributes", "*.bin filter=lfs\n")  # present when signing: still unsigned
    sign(model, priv)
    assert verify(model, [pub]).unsigned == (".gitattributes",)
    write(model, ".git/hooks/post-checkout", "#!/bin/sh\necho canary\n")
    write(model, ".github/workflows/release.yml", "on: push\n")
    v = verify(model, [pub])
    assert v.ok  # what the signature covers is intact ...
    assert v.unsigned == (  # ... and what it does not is said
        ".git/hooks/post-checkout",
        ".gitattributes",
        ".github/workflows/release.yml",
    )


def test_verify_command_names_unsigned_content(model: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from secplan.cli.app import app

    priv, pub = keypair(tmp_path)
    sign(model, priv)
    write(model, ".github/workflows/release.yml", "on: push\n")
    runner = CliRunner()
    r = runner.invoke(app, ["model", "verify", str(model), "--key", str(pub)])
    assert r.exit_code == 0, r.output
    assert "unsigned: .github/workflows/release.yml" in r.stdout
    r = runner.invoke(app, ["model", "verify", str(model), "--key", str(pub), "--strict"])
    assert r.exit_code == 1
    r = runner.invoke(app, ["model", "verify", str(model), "--key", str(pub), "-f", "json"])
    assert json.loads(r.stdout)["unsigned"] == [".github/workflows/release.yml"]


def test_scan_reports_unsigned_content(tmp_path: Path) -> None:
    project = tmp_path / "p"
    priv, pub = keypair(tmp_path)
    write(project, "models/m.safetensors", b'\x10\x00\x00\x00\x00\x00\x00\x00{"a": 1}        ')
    sign(project / "models", priv)
    shutil.copy(pub, project / "release.pub")
    write(project, "secplan.toml", '[signing]\ntrusted_keys = ["release.pub"]\n')
    assert "MF007" not in rules_of(scan(project))
    write(project, "models/.git/hooks/pre-commit", "#!/bin/sh\n")
    [f] = findings_of(scan(project), "MF007")
    assert f.location.path == "models/model.sig" and ".git/hooks/pre-commit" in f.evidence
    assert f.severity.name == "MEDIUM"


def test_digests_hashed_ahead_serve_only_files_unchanged_since(model: Path, tmp_path: Path) -> None:
    priv, pub = keypair(tmp_path)
    with hashing_ahead(model):
        write(model, "config.json", '{"layers": 22}')  # changed after its hashing began
        sig = sign(model, priv, tmp_path / "ahead.sig")
        assert verify(model, [pub], sig).ok
    assert _statement(sig) == _statement(sign(model, priv, tmp_path / "again.sig"))
    with hashing_ahead(tmp_path / "missing"), hashing_ahead(model / "config.json"):
        assert verify(model, [pub], sig).ok
