"""Files and directories, key rings, rotation, KMS (moto), crypto-shredding, audit."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from secplan.errors import AccessDenied, ConfigError, VerificationError
from secplan.protect.files import decrypt_file, encrypt_file, key_hint
from secplan.protect.keystore import AwsKmsKek, KeyState, KeyStore, LocalKek
from secplan.protect.service import Protection
from secplan.services import open_services


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / "home"))
    return tmp_path


@pytest.fixture
def protection(home: Path):  # type: ignore[no-untyped-def]
    svc = open_services()
    yield Protection(svc, KeyStore())
    svc.close()


def test_directory_round_trip_and_plaintext_removal(protection: Protection, home: Path) -> None:
    data = home / "data"
    (data / "sub").mkdir(parents=True)
    (data / "a.csv").write_bytes(b"name,email\nada,ada@example.com\n")
    (data / "sub" / "b.bin").write_bytes(os.urandom(200_000))
    digests = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in data.rglob("*") if p.is_file()
    }
    protection.create("customers")
    done = protection.encrypt(data, "customers", remove_plaintext=True)
    assert sorted(e.target.name for e in done) == ["a.csv.age", "b.bin.age"]
    assert not (data / "a.csv").exists() and all(e.removed for e in done)
    assert key_hint(data / "a.csv.age") == done[0].version
    protection.decrypt(data)
    assert {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in data.rglob("*")
        if p.is_file() and p.suffix != ".age"
    } == digests
    actions = [e.action for e in protection.svc.trail.events()]
    assert actions.count("data:encrypt") == 2 and actions.count("data:decrypt") == 2
    assert "key:decrypt" in actions


def test_failed_decryption_leaves_no_plaintext(home: Path) -> None:
    store = KeyStore()
    store.create("k")
    src = home / "f.bin"
    src.write_bytes(os.urandom(300_000))
    enc = encrypt_file(src, store, "k")
    src.unlink()
    blob = bytearray(enc.target.read_bytes())
    blob[-100] ^= 0xFF  # damage the last chunk
    enc.target.write_bytes(bytes(blob))
    with pytest.raises(VerificationError):
        decrypt_file(enc.target, [i for _, i in store.identities("k")])
    assert not src.exists()
    assert [p.name for p in home.iterdir() if p.name.startswith((".f", "f"))] == ["f.bin.age"]


def test_rotation_rewraps_without_reencrypting(protection: Protection, home: Path) -> None:
    f = home / "d.bin"
    f.write_bytes(os.urandom(100_000))
    protection.create("k")
    [enc] = protection.encrypt(f, "k")
    payload_before = enc.target.read_bytes()[-100_000:]
    rot = protection.rotate("k", (home,))
    assert rot.rewrapped == (enc.target,)
    assert key_hint(enc.target) == rot.new.id
    assert enc.target.read_bytes()[-100_000:] == payload_before
    states = {v.id: v.state for v in protection.store.ring("k").versions}
    assert states == {rot.old.id: KeyState.DECRYPT_ONLY, rot.new.id: KeyState.ACTIVE}
    f.unlink()
    protection.decrypt(enc.target)
    assert f.exists()


def test_shredding_makes_data_unrecoverable(protection: Protection, home: Path) -> None:
    f = home / "patients.csv"
    f.write_text("id,diagnosis\n1,x\n")
    protection.create("patients")
    [enc] = protection.encrypt(f, "patients", remove_plaintext=True)
    protection.shred(str(enc.target), "patients", reason="retention ended")
    with pytest.raises(ConfigError, match=r"was destroyed on .*cannot be recovered"):
        protection.decrypt(enc.target)
    assert "wrapped" not in protection.store.path.read_text().replace('"wrapped": ""', "")
    [record] = list(protection.svc.trail.events(action="data:shred"))
    assert record.resource == f"dataset:{enc.target}"
    assert record.details_dict()["key"] == "patients"


def test_decryption_needs_permission(protection: Protection, home: Path) -> None:
    f = home / "x.txt"
    f.write_text("x")
    protection.create("k")
    [enc] = protection.encrypt(f, "k")
    access = protection.svc.access
    access.add_principal(access.local_actor(), "root", password="p" * 12, roles=("admin",))
    access.add_principal(
        access.actor_from_token(access.login("root", "p" * 12).token),
        "dev",
        password="p" * 12,
        roles=("ml-engineer",),
    )
    protection.svc._actor = access.actor_from_token(access.login("dev", "p" * 12).token)
    with pytest.raises(AccessDenied):
        protection.decrypt(enc.target)
    [denied] = list(protection.svc.trail.events(action="key:decrypt", outcome="denied"))
    assert denied.actor == "dev"


def test_passphrase_key_store(home: Path) -> None:
    store = KeyStore(home / "ks", LocalKek(home / "ks", passphrase="correct horse battery"))
    store.create("k")
    assert "AGE-SECRET-KEY" not in store.path.read_text()
    other = KeyStore(home / "ks", LocalKek(home / "ks", passphrase="wrong"))
    from secplan.errors import ServiceError

    with pytest.raises(ServiceError, match="cannot unwrap"):
        other.identities("k")
    assert KeyStore(
        home / "ks", LocalKek(home / "ks", passphrase="correct horse battery")
    ).identities("k")


def test_aws_kms_key_store(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    moto = pytest.importorskip("moto")
    import boto3

    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with moto.mock_aws():
        kms = boto3.client("kms")
        key_id = kms.create_key(Description="secplan test")["KeyMetadata"]["KeyId"]
        store = KeyStore(home / "ks", AwsKmsKek(key_id, kms))
        store.create("k")
        [(version, _ident)] = store.identities("k")
        assert version.kek == f"aws-kms:{key_id}"
        f = home / "a.txt"
        f.write_text("hello")
        enc = encrypt_file(f, store, "k")
        fresh = KeyStore(home / "ks", AwsKmsKek(key_id, kms))
        out = decrypt_file(enc.target, [i for _, i in fresh.identities("k")], home / "b.txt")
        assert out.read_text() == "hello"
        # a wrapped secret moved to another version or key fails: the context names both
        from secplan.errors import ServiceError
        from secplan.protect.kek import WrapRef

        assert version.scheme == 2
        for elsewhere in (WrapRef("k", "skv-other"), WrapRef("other", version.id)):
            with pytest.raises(ServiceError):
                AwsKmsKek(key_id, kms).unwrap(elsewhere, version.wrapped)


def test_multi_gigabyte_sparse_file_in_constant_memory(home: Path) -> None:
    big = home / "big.bin"
    with big.open("wb") as fh:
        fh.truncate(2 * 1024**3 + 12345)  # 2 GiB sparse, not a multiple of the chunk size
        fh.seek(1024**3)
        fh.write(b"marker in the middle")
    script = f"""
import hashlib
from pathlib import Path
from secplan.protect.keystore import KeyStore
from secplan.protect.files import encrypt_file, decrypt_file
store = KeyStore(Path({str(home / "ks")!r}))
store.create("k")
enc = encrypt_file(Path({str(big)!r}), store, "k")
ids = [i for _, i in store.identities("k")]
out = decrypt_file(enc.target, ids, Path({str(home / "back.bin")!r}))
h = hashlib.sha256()
with out.open("rb") as fh:
    while b := fh.read(1 << 22):
        h.update(b)
# VmHWM is this process image's peak RSS (ru_maxrss would carry the parent's across exec)
hwm = next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(h.hexdigest(), hwm)
"""
    r = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "SECPLAN_HOME": str(home / "h")},
    )
    digest, rss_kb = r.stdout.split()
    h = hashlib.sha256()
    with big.open("rb") as fh:
        while b := fh.read(1 << 22):
            h.update(b)
    assert digest == h.hexdigest()
    assert int(rss_kb) < 200 * 1024  # constant memory: far below the 2 GiB it streamed
