"""``secplan protect`` and ``secplan keys`` in-process: refusals, one-line errors, exit codes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import require_tool
from tests.helpers import write
from tests.unit.protect.conftest import cli, keys, one_line_error


def test_encrypt_refuses_to_replace_an_existing_ciphertext(home: Path, tmp_path: Path) -> None:
    assert cli("keys", "create", "k").exit_code == 0
    data = tmp_path / "data"
    first = write(data, "a.csv", "a\n")
    write(data, "b.csv", "new b\n")
    old = write(data, "b.csv.age", b"the only copy of the old b")
    line = one_line_error(cli("protect", "encrypt", str(data), "--key", "k"))
    assert "b.csv.age: already exists" in line and "--force" in line
    # refused before anything was written: no a.csv.age either, the old ciphertext untouched
    assert sorted(p.name for p in data.iterdir()) == ["a.csv", "b.csv", "b.csv.age"]
    assert old.read_bytes() == b"the only copy of the old b" and first.read_text() == "a\n"
    r = cli("protect", "encrypt", str(data), "--key", "k", "--force", "--remove-plaintext")
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in data.iterdir()) == ["a.csv.age", "b.csv.age"]
    assert cli("protect", "decrypt", str(data)).exit_code == 0
    assert (data / "b.csv").read_text() == "new b\n"


def test_decrypt_refuses_to_replace_an_existing_plaintext(home: Path, tmp_path: Path) -> None:
    assert cli("keys", "create", "k").exit_code == 0
    f = write(tmp_path, "notes.txt", "version 1\n")
    assert cli("protect", "encrypt", str(f), "--key", "k").exit_code == 0
    f.write_text("version 2, edited since\n")
    line = one_line_error(cli("protect", "decrypt", str(tmp_path / "notes.txt.age")))
    assert "notes.txt: already exists" in line and "--force" in line
    assert f.read_text() == "version 2, edited since\n"
    other = write(tmp_path, "elsewhere.txt", "keep me\n")
    one_line_error(cli("protect", "decrypt", str(tmp_path / "notes.txt.age"), "-o", str(other)))
    assert other.read_text() == "keep me\n"
    r = cli("protect", "decrypt", str(tmp_path / "notes.txt.age"), "--force")
    assert r.exit_code == 0, r.output
    assert f.read_text() == "version 1\n"


def test_a_misspelt_key_is_refused_not_created(home: Path, tmp_path: Path) -> None:
    assert cli("keys", "create", "customers").exit_code == 0
    f = write(tmp_path, "c.csv", "id\n1\n")
    line = one_line_error(cli("protect", "encrypt", str(f), "--key", "cutsomers"))
    assert "no key named 'cutsomers'" in line and "secplan keys create cutsomers" in line
    assert [k["name"] for k in keys()] == ["customers"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv", "home"]
    # the default key is no exception: nothing is created behind the user's back
    line = one_line_error(cli("protect", "encrypt", str(f)))
    assert "secplan keys create default" in line
    assert [k["name"] for k in keys()] == ["customers"]


def test_dotfiles_are_encrypted_and_what_is_left_out_is_said(home: Path, tmp_path: Path) -> None:
    assert cli("keys", "create", "k").exit_code == 0
    project = tmp_path / "project"
    write(project, ".env", "API_TOKEN=canary-secret\n")
    write(project, ".cache/features.csv", "a\n1\n")
    write(project, "train.csv", "b\n2\n")
    write(project, ".git/config", "[core]\n")
    (project / "link.csv").symlink_to(project / "train.csv")
    r = cli("protect", "encrypt", str(project), "--key", "k", "--remove-plaintext")
    assert r.exit_code == 0, r.output
    left = sorted(str(p.relative_to(project)) for p in project.rglob("*") if p.is_file())
    assert left == [".cache/features.csv.age", ".env.age", ".git/config", "train.csv.age"]
    assert "canary-secret" not in (project / ".env.age").read_text(errors="replace")
    # nothing is skipped silently: each left-out path is named, with the reason
    assert f"skipped {project / '.git'}: version-control data" in r.stderr
    assert f"skipped {project / 'link.csv'}: a symbolic link" in r.stderr
    r = cli("protect", "decrypt", str(project))
    assert r.exit_code == 0, r.output
    assert (project / ".env").read_text() == "API_TOKEN=canary-secret\n"
    assert (project / ".cache" / "features.csv").read_text() == "a\n1\n"


def _recipient(name: str) -> str:
    r = cli("keys", "show", name)
    assert r.exit_code == 0, r.output
    return r.stdout.strip()


@pytest.mark.parametrize("armor", [False, True])
def test_files_made_by_the_age_tool_decrypt(home: Path, tmp_path: Path, armor: bool) -> None:
    age = require_tool("age")
    assert cli("keys", "create", "other").exit_code == 0
    assert cli("keys", "create", "inbox").exit_code == 0
    blob = tmp_path / "from-partner.csv.age"
    subprocess.run(
        [age, "-r", _recipient("inbox"), *(["-a"] if armor else []), "-o", str(blob)],
        input=b"id,amount\n1,20\n",
        check=True,
    )
    assert blob.read_bytes().startswith(b"-----BEGIN AGE" if armor else b"age-encryption.org/v1")
    r = cli("protect", "decrypt", str(blob))  # no secplan stanza: the ring's keys are tried
    assert r.exit_code == 0, r.output
    assert (tmp_path / "from-partner.csv").read_bytes() == b"id,amount\n1,20\n"
    log = cli("audit", "log", "-f", "json", "--action", "data:decrypt").stdout
    assert json.loads(log.splitlines()[-1])["details"]["key"] == "inbox"
    line = one_line_error(cli("protect", "decrypt", str(blob), "--key", "other", "--force"))
    assert "no version of key 'other' opens it" in line


def test_not_age_or_truncated_files_get_a_precise_error(home: Path, tmp_path: Path) -> None:
    assert cli("keys", "create", "k").exit_code == 0
    write(tmp_path, "notes.txt.age", "just some text\n")
    line = one_line_error(cli("protect", "decrypt", str(tmp_path / "notes.txt.age")))
    assert "notes.txt.age: not an age-encryption.org/v1 file" in line
    big = write(tmp_path, "big.bin", os.urandom(200_000))
    assert cli("protect", "encrypt", str(big), "--key", "k", "--remove-plaintext").exit_code == 0
    blob = (tmp_path / "big.bin.age").read_bytes()
    (tmp_path / "cut.bin.age").write_bytes(blob[: len(blob) - 200_000 % 65536 - 16])
    line = one_line_error(cli("protect", "decrypt", str(tmp_path / "cut.bin.age")))
    assert "cut.bin.age: " in line and "truncated" in line
    (tmp_path / "head.bin.age").write_bytes(blob[:60])
    line = one_line_error(cli("protect", "decrypt", str(tmp_path / "head.bin.age")))
    assert "head.bin.age: " in line and "truncated" in line
    (tmp_path / "empty.age").write_bytes(b"")
    line = one_line_error(cli("protect", "decrypt", str(tmp_path / "empty.age")))
    assert "empty.age: " in line
    assert not [p for p in tmp_path.iterdir() if p.name in {"notes.txt", "cut.bin", "head.bin"}]


def test_decrypt_output_into_a_directory(home: Path, tmp_path: Path) -> None:
    assert cli("keys", "create", "k").exit_code == 0
    data = tmp_path / "data"
    write(data, "a.csv", "a\n")
    write(data, "sub/b.csv", "b\n")
    assert cli("protect", "encrypt", str(data), "--key", "k", "--remove-plaintext").exit_code == 0
    out = tmp_path / "out"
    out.mkdir()
    r = cli("protect", "decrypt", str(data / "a.csv.age"), "--output", str(out))
    assert r.exit_code == 0, r.output
    assert (out / "a.csv").read_text() == "a\n"
    r = cli("protect", "decrypt", str(data), "--output", str(out), "--force")
    assert r.exit_code == 0, r.output
    assert (out / "sub" / "b.csv").read_text() == "b\n"
    assert stat.S_IMODE((out / "sub").stat().st_mode) == 0o700  # new folders are private
    line = one_line_error(cli("protect", "decrypt", str(data), "-o", str(tmp_path / "x.csv")))
    assert "--output" in line
    line = one_line_error(
        cli("protect", "decrypt", str(data / "a.csv.age"), "-o", str(tmp_path / "no" / "x.csv"))
    )
    assert "no such directory" in line


def _ring_file(home: Path) -> bytes:
    return (home / "keys" / "keyring.json").read_bytes()


def test_a_key_outlives_a_change_of_kek(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """create, set SECPLAN_KEY_PASSPHRASE, rotate; then encrypt, decrypt, rotate in both
    settings: each version is unwrapped with the KEK that wrapped it."""
    data = tmp_path / "data"
    assert cli("keys", "create", "k").exit_code == 0
    write(data, "one.csv", "1\n")
    assert cli("protect", "encrypt", str(data / "one.csv"), "--key", "k").exit_code == 0
    monkeypatch.setenv("SECPLAN_KEY_PASSPHRASE", "correct horse battery staple")
    r = cli("keys", "rotate", "k")
    assert r.exit_code == 0, r.output
    assert [v["kek"] for v in keys()[0]["versions"]] == ["local-file", "local-passphrase"]
    # with the passphrase: every version opens, whichever KEK wrapped it
    write(data, "two.csv", "2\n")
    r = cli("protect", "encrypt", str(data / "two.csv"), "--key", "k", "--remove-plaintext")
    assert r.exit_code == 0, r.output
    assert cli("protect", "decrypt", str(data), "--force").exit_code == 0
    assert (data / "one.csv").read_text() == "1\n" and (data / "two.csv").read_text() == "2\n"
    r = cli("keys", "rotate", "k", "--rewrap", str(data))
    assert r.exit_code == 0, r.output
    assert "re-wrapped 2 file(s)" in r.stdout
    # without it: the file-wrapped versions still work; a passphrase-wrapped one says so
    monkeypatch.delenv("SECPLAN_KEY_PASSPHRASE")
    write(data, "three.csv", "3\n")
    assert cli("protect", "encrypt", str(data / "three.csv"), "--key", "k").exit_code == 0
    line = one_line_error(cli("protect", "decrypt", str(data / "three.csv.age"), "--force"))
    assert "wrapped with a passphrase" in line and "SECPLAN_KEY_PASSPHRASE" in line
    r = cli("keys", "rotate", "k")
    assert r.exit_code == 0, r.output
    assert [v["kek"] for v in keys()[0]["versions"]][-1] == "local-file"
    write(data, "four.csv", "4\n")
    r = cli("protect", "encrypt", str(data / "four.csv"), "--key", "k", "--remove-plaintext")
    assert r.exit_code == 0, r.output  # the read-back needs the new version only
    assert cli("protect", "decrypt", str(data / "four.csv.age")).exit_code == 0
    # a rotation that cannot re-wrap (a passphrase-wrapped version is needed) changes nothing
    before = _ring_file(home)
    files_before = {p: p.read_bytes() for p in data.iterdir()}
    line = one_line_error(cli("keys", "rotate", "k", "--rewrap", str(data)))
    assert "SECPLAN_KEY_PASSPHRASE" in line
    assert _ring_file(home) == before
    assert {p: p.read_bytes() for p in data.iterdir()} == files_before
    monkeypatch.setenv("SECPLAN_KEY_PASSPHRASE", "correct horse battery staple")
    assert cli("protect", "decrypt", str(data), "--force").exit_code == 0
    for n, name in enumerate(("one", "two", "three", "four"), 1):
        assert (data / f"{name}.csv").read_text() == f"{n}\n"


def test_a_failed_rotation_leaves_the_ring_and_the_files_as_they_were(
    home: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    assert cli("keys", "create", "k").exit_code == 0
    write(data, "a.csv", "a\n")
    write(data, "b.csv", "b\n")
    assert cli("protect", "encrypt", str(data), "--key", "k", "--remove-plaintext").exit_code == 0
    blob = bytearray((data / "b.csv.age").read_bytes())
    at = blob.index(b"\n--- ") + 10  # damage b's header MAC: its file key is not re-wrapped
    blob[at] = ord("A") if blob[at] != ord("A") else ord("B")
    (data / "b.csv.age").write_bytes(bytes(blob))
    before, a_before = _ring_file(home), (data / "a.csv.age").read_bytes()
    line = one_line_error(cli("keys", "rotate", "k", "--rewrap", str(data)))
    assert "b.csv.age" in line
    assert _ring_file(home) == before and (data / "a.csv.age").read_bytes() == a_before
    assert sorted(p.name for p in data.iterdir()) == ["a.csv.age", "b.csv.age"]
