"""Key lifecycle: destroying one version, re-encryption with fresh file keys, shredding only
known datasets, and wrapped secrets bound to their key and version."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest

from secplan.errors import ServiceError
from secplan.protect.age import X25519Identity, encrypt_stream, read_header, unwrap_file_key
from secplan.protect.kek import LocalKek, WrapRef
from secplan.protect.keystore import KeyStore
from tests.helpers import write
from tests.unit.protect.conftest import cli, keys, one_line_error


def _versions(name: str) -> dict[str, str]:
    [ring] = [k for k in keys() if k["name"] == name]
    return {v["id"]: v["state"] for v in ring["versions"]}  # type: ignore[index, union-attr]


def test_one_old_version_can_be_destroyed(home: Path, tmp_path: Path) -> None:
    assert cli("keys", "create", "k").exit_code == 0
    write(tmp_path, "old.csv", "old\n")
    assert cli("protect", "encrypt", str(tmp_path / "old.csv"), "--key", "k").exit_code == 0
    [v1] = _versions("k")
    assert cli("keys", "rotate", "k").exit_code == 0
    write(tmp_path, "new.csv", "new\n")
    assert cli("protect", "encrypt", str(tmp_path / "new.csv"), "--key", "k").exit_code == 0
    [v2] = [v for v in _versions("k") if v != v1]
    line = one_line_error(cli("keys", "destroy", "k", "--version", v2, "--yes"))
    assert "is the active version" in line and "rotate" in line
    one_line_error(cli("keys", "destroy", "k", "--version", "skv-000000000000", "--yes"))
    r = cli("keys", "destroy", "k", "--version", v1, "--yes")
    assert r.exit_code == 0, r.output
    assert _versions("k") == {v1: "destroyed", v2: "active"}
    line = one_line_error(cli("protect", "decrypt", str(tmp_path / "old.csv.age"), "--force"))
    assert f"({v1}) was destroyed" in line
    r = cli("protect", "decrypt", str(tmp_path / "new.csv.age"), "--force")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "new.csv").read_text() == "new\n"
    log = cli("audit", "log", "-f", "json", "--action", "key:destroyed").stdout
    assert json.loads(log.splitlines()[-1])["details"]["versions"] == [v1]


def _file_key(path: Path, store: KeyStore, key: str) -> bytes:
    with path.open("rb") as fh:
        header = read_header(fh)
    return unwrap_file_key(header, [i for _, i in store.identities(key)])


def test_rotation_can_re_encrypt_with_fresh_file_keys(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    write(data, "a.bin", "x" * 100_000)
    assert cli("keys", "create", "k").exit_code == 0
    assert cli("protect", "encrypt", str(data), "--key", "k", "--remove-plaintext").exit_code == 0
    f = data / "a.bin.age"
    before, key_before = f.read_bytes(), _file_key(f, KeyStore(), "k")
    r = cli("keys", "rotate", "k", "--rewrap", str(data))  # re-wrapping keeps the file key
    assert r.exit_code == 0, r.output
    assert _file_key(f, KeyStore(), "k") == key_before
    assert f.read_bytes()[-100_000:] == before[-100_000:]
    r = cli("keys", "rotate", "k", "--rewrap", str(data), "--reencrypt")
    assert r.exit_code == 0, r.output
    assert "re-encrypted 1 file(s)" in r.stdout
    assert _file_key(f, KeyStore(), "k") != key_before  # a leaked old file key opens nothing
    assert f.read_bytes()[-100_000:] != before[-100_000:]
    assert cli("protect", "decrypt", str(f)).exit_code == 0
    assert (data / "a.bin").read_text() == "x" * 100_000


def test_shred_accepts_only_a_known_dataset(
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("patients", "other"):
        assert cli("keys", "create", name).exit_code == 0
        write(tmp_path, f"data/{name}/rows.csv", "id\n1\n")
        r = cli("protect", "encrypt", f"data/{name}", "--key", name, "--remove-plaintext")
        assert r.exit_code == 0, r.output
    for dataset, why in [
        ("data/patinets", "no such path"),  # a typo
        ("data/other", "encrypted under key 'other', not 'patients'"),
    ]:
        line = one_line_error(cli("protect", "shred", dataset, "--key", "patients", "--yes"))
        assert why in line, line
    assert set(_versions("patients").values()) == {"active"}  # nothing was destroyed
    r = cli("protect", "shred", "data/patients", "--key", "patients", "--yes")
    assert r.exit_code == 0, r.output
    assert set(_versions("patients").values()) == {"destroyed"}
    # a dataset whose ciphertext is gone already is named by its record in .secplan/datasets
    assert cli("keys", "create", "old").exit_code == 0
    write(
        tmp_path,
        ".secplan/datasets/old.toml",
        'id = "old-cohort"\npath = "data/old/*"\nlabel = "restricted"\n',
    )
    r = cli("protect", "shred", "old-cohort", "--key", "old", "--yes")
    assert r.exit_code == 0, r.output
    log = cli("audit", "log", "-f", "json", "--action", "data:shred").stdout.splitlines()
    assert [json.loads(x)["resource"] for x in log] == [
        "dataset:data/patients",
        "dataset:old-cohort",
    ]


def test_local_kek_binds_a_wrapped_secret_to_its_key_and_version(tmp_path: Path) -> None:
    for kek in (LocalKek(tmp_path), LocalKek(tmp_path, passphrase="pass phrase")):
        wrapped = kek.wrap(WrapRef("patients", "skv-aaaaaaaaaaaa"), b"secret")
        assert kek.unwrap(WrapRef("patients", "skv-aaaaaaaaaaaa"), wrapped) == b"secret"
        for other in (
            WrapRef("other", "skv-aaaaaaaaaaaa"),
            WrapRef("patients", "skv-bbbbbbbbbbbb"),
        ):
            with pytest.raises(ServiceError, match="cannot unwrap"):
                kek.unwrap(other, wrapped)


def test_a_ring_from_before_the_binding_still_opens_and_migrates(
    home: Path, tmp_path: Path
) -> None:
    assert cli("keys", "create", "k").exit_code == 0
    write(tmp_path, "a.csv", "a\n")
    assert cli("protect", "encrypt", str(tmp_path / "a.csv"), "--key", "k").exit_code == 0
    # rewrite the version as an earlier release stored it: age-wrapped to master.key, unbound
    ring_file = home / "keys" / "keyring.json"
    doc = json.loads(ring_file.read_text())
    [version] = doc["rings"][0]["versions"]
    secret = str(KeyStore().identity("k", KeyStore().ring("k").versions[0])).encode()
    master = X25519Identity.parse((home / "keys" / "master.key").read_text())
    out = io.BytesIO()
    encrypt_stream(io.BytesIO(secret), out, [master.recipient])
    version["wrapped"] = base64.b64encode(out.getvalue()).decode()
    del version["scheme"]
    ring_file.write_text(json.dumps({**doc, "schema": 1}))
    r = cli("protect", "decrypt", str(tmp_path / "a.csv.age"), "--force")
    assert r.exit_code == 0, r.output
    assert keys()[0]["versions"][0]["scheme"] == 1  # type: ignore[index]
    r = cli("keys", "migrate")
    assert r.exit_code == 0, r.output
    assert "re-wrapped 1 version(s)" in r.stdout
    assert keys()[0]["versions"][0]["scheme"] == 2  # type: ignore[index]
    r = cli("protect", "decrypt", str(tmp_path / "a.csv.age"), "--force")
    assert r.exit_code == 0, r.output
