"""Files being written are never left behind as plaintext: a killed decrypt leaves nothing
under a name (or, without unnamed files, a recognisable 0600 partial that the next run and
crypto-shredding sweep), and a live writer's partial is never swept."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from secplan.errors import TargetError
from secplan.protect import staging
from secplan.protect.keystore import KeyStore
from secplan.protect.service import Protection
from secplan.services import open_services

MARKER = b"CANARY-PLAINTEXT-"

KILLED_DECRYPT = """
import os, signal, sys
from pathlib import Path
from secplan.errors import TargetError
from secplan.protect import staging
from secplan.protect.files import decrypt_file, encrypt_file
from secplan.protect.keystore import KeyStore
staging.UNNAMED = sys.argv[2] == "unnamed"
src = Path(sys.argv[1])
store = KeyStore()
store.create("k")
enc = encrypt_file(src, store, "k", remove_plaintext=True)
seen = []
def die_after_second_batch(n):
    seen.append(n)
    if len(seen) == 2:  # two authenticated batches are on disk: die as `kill -9` would
        os.kill(os.getpid(), signal.SIGKILL)
decrypt_file(enc.target, [i for _, i in store.identities("k")], progress=die_after_second_batch)
"""


def _killed_decrypt(tmp_path: Path, mode: str) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    src = data / "patients.csv"
    src.write_bytes(MARKER * 600_000)  # many batches of chunks (256 KiB each)
    r = subprocess.run(
        [sys.executable, "-c", KILLED_DECRYPT, str(src), mode],
        capture_output=True,
        env={**os.environ, "SECPLAN_HOME": str(tmp_path / "home")},
    )
    assert r.returncode == -9, r.stderr  # it really was killed mid-way
    return data


def _plaintext_left(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and MARKER in p.read_bytes()]


@pytest.mark.skipif(not staging.unnamed_supported(Path("/tmp")), reason="no O_TMPFILE here")
def test_killed_decrypt_leaves_no_plaintext_behind(tmp_path: Path) -> None:
    data = _killed_decrypt(tmp_path, "unnamed")
    assert sorted(p.name for p in data.iterdir()) == ["patients.csv.age"]
    assert _plaintext_left(tmp_path) == []


def test_partial_plaintext_is_recognisable_private_and_swept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _killed_decrypt(tmp_path, "named")  # as on a filesystem without unnamed files
    [partial] = [p for p in data.iterdir() if p.name != "patients.csv.age"]
    assert partial.name.startswith(".patients.csv.") and partial.name.endswith(".secplan-partial")
    assert stat.S_IMODE(partial.stat().st_mode) == 0o600
    assert _plaintext_left(tmp_path) == [partial]
    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / "home"))
    svc = open_services()
    try:
        Protection(svc, KeyStore()).decrypt(data)  # the next run in that directory sweeps it
    finally:
        svc.close()
    assert sorted(p.name for p in data.iterdir()) == ["patients.csv", "patients.csv.age"]
    assert _plaintext_left(tmp_path) == [data / "patients.csv"]


def test_crypto_shredding_sweeps_partial_plaintext(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _killed_decrypt(tmp_path, "named")
    assert len(_plaintext_left(tmp_path)) == 1
    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    svc = open_services()
    try:
        Protection(svc, KeyStore()).shred("data", "k", reason="retention ended")
    finally:
        svc.close()
    assert _plaintext_left(tmp_path) == []
    assert sorted(p.name for p in data.iterdir()) == ["patients.csv.age"]


@pytest.mark.parametrize("unnamed", [True, False])
def test_a_live_writers_partial_is_never_swept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unnamed: bool
) -> None:
    if unnamed and not staging.unnamed_supported(tmp_path):
        pytest.skip("no O_TMPFILE here")
    monkeypatch.setattr(staging, "UNNAMED", unnamed)
    dest = tmp_path / "out.csv"
    with staging.staged(dest, replace=False) as fh:
        fh.write(b"a" * 100)
        assert staging.sweep(tmp_path) == []  # the writer is alive: nothing is removed
        names = [p.name for p in tmp_path.iterdir()]
        assert names == ([] if unnamed else names) and "out.csv" not in names
    assert dest.read_bytes() == b"a" * 100
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600


def test_staged_writes_never_replace_without_being_asked(tmp_path: Path) -> None:
    dest = tmp_path / "x"
    dest.write_bytes(b"old")
    with (
        pytest.raises(TargetError, match="already exists"),
        staging.staged(dest, replace=False) as fh,
    ):
        fh.write(b"new")
    assert dest.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["x"]
    with staging.staged(dest, replace=True) as fh:
        fh.write(b"new")
    assert dest.read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["x"]


def test_filesystems_without_hard_links_still_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(staging, "UNNAMED", False)

    def no_links(*a: object, **k: object) -> None:
        raise PermissionError(1, "Operation not permitted")  # as on FAT or some FUSE mounts

    monkeypatch.setattr(os, "link", no_links)
    with staging.staged(tmp_path / "new", replace=False) as fh:
        fh.write(b"data")
    assert (tmp_path / "new").read_bytes() == b"data"
    with (
        pytest.raises(TargetError, match="already exists"),  # still never replaced
        staging.staged(tmp_path / "new", replace=False) as fh,
    ):
        fh.write(b"other")
    assert (tmp_path / "new").read_bytes() == b"data"
    assert [p.name for p in tmp_path.iterdir()] == ["new"]


def test_an_unreadable_file_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.helpers import deny_reading

    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / "home"))
    store = KeyStore()
    store.create("k")
    (tmp_path / "secret.csv").write_text("x\n")
    deny_reading(monkeypatch, "secret.csv")
    from secplan.protect.files import encrypt_file

    with pytest.raises(TargetError, match=r"secret.csv: cannot read \(Permission denied\)"):
        encrypt_file(tmp_path / "secret.csv", store, "k")
    assert not (tmp_path / "secret.csv.age").exists()


def test_write_behind_starts_writeback_behind_the_writer_and_keeps_the_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(staging, "WRITE_BEHIND", 64 << 10)
    data = os.urandom(1 << 20)
    dest = tmp_path / "out.bin"
    with staging.staged(dest, replace=False) as fh:
        behind = staging.WriteBehind(fh)
        for pos in range(0, len(data), 16 << 10):
            fh.write(data[pos : pos + (16 << 10)])
            behind()
            # the newest WRITE_BEHIND bytes are left alone; older ones are on their way
            assert behind._started == 0 or behind._started <= fh.tell() - (64 << 10)
            assert behind._started >= fh.tell() - (128 << 10)
    assert behind._started >= len(data) - (128 << 10)
    if sys.platform.startswith("linux"):  # sync_file_range(2) was found and accepted
        assert behind._start is not None
    assert dest.read_bytes() == data
