"""The backup manifest and its sources, without restic."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from secplan.backup import manifest
from secplan.backup.restic import _classify
from secplan.config import load_settings
from secplan.errors import ConfigError, ServiceError
from tests.helpers import write


def test_sqlite_database_is_copied_consistently(tmp_path: Path) -> None:
    db = tmp_path / "secplan.db"
    with sqlite3.connect(db) as c:
        c.execute("create table t (x)")
        c.execute("insert into t values (42)")
    staging = tmp_path / "staging"
    staging.mkdir()
    copy, note = manifest.copy_database(f"sqlite:///{db}", staging)
    assert note is None and copy is not None and copy.stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(copy) as c:
        assert c.execute("select x from t").fetchall() == [(42,)]


def test_postgresql_without_pg_dump_is_said_not_covered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    copy, note = manifest.copy_database("postgresql+psycopg://u@db/secplan", tmp_path)
    assert copy is None and note == "database: PostgreSQL is not covered (pg_dump is not installed)"


def test_paths_must_stay_inside_the_project(tmp_path: Path) -> None:
    for bad in ("../elsewhere", "/etc", "missing"):
        with pytest.raises(ConfigError, match=r"\[backup\] paths"):
            manifest.collect(tmp_path, [bad], keyring=False, database_url=None, staging=tmp_path)


@pytest.mark.parametrize(
    "data",
    [b"", b"[]", b'{"version": 1}', b'{"version": 9, "files": []}', b"[" * 100_000, b"\xff"],
)
def test_a_malformed_manifest_is_a_one_line_error(data: bytes) -> None:
    with pytest.raises(ServiceError) as info:
        manifest.parse(data)
    assert "\n" not in info.value.message and "manifest.json is unreadable" in info.value.message


def test_backup_settings(tmp_path: Path) -> None:
    write(tmp_path, "secplan.toml", '[backup]\nrepository = "r"\npaths = ["data"]\n')
    s = load_settings(tmp_path)
    assert (s.backup_repository, s.backup_paths, s.max_drill_age_days) == ("r", ("data",), 30)
    write(tmp_path, "secplan.toml", "[backup]\nmax_drill_age_days = 0\n")
    with pytest.raises(ConfigError, match="max_drill_age_days"):
        load_settings(tmp_path)


def test_restic_errors_become_one_line_with_a_kind() -> None:
    assert _classify("Fatal: wrong password or no key found\n")[0] == "wrong-password"
    assert _classify('Fatal: no matching ID found for prefix "ab"\n')[0] == "missing-snapshot"
    kind, message, _ = _classify(
        "ignoring error for /d/a.csv: ciphertext verification failed\nThere were 2 errors\n"
    )
    assert kind == "corrupted" and "ciphertext verification failed" in message
    assert _classify("")[1] == "restic failed: no message"


def test_password_is_wrapped_by_the_kek_and_opens_only_with_it(tmp_path: Path) -> None:
    from secplan.backup.secret import PasswordStore
    from secplan.protect.kek import LocalKek

    keys = tmp_path / "keys"
    keys.mkdir()
    store = PasswordStore(tmp_path / "backup", keys, LocalKek(keys, "first passphrase"))
    secret = store.create("/srv/repo")
    assert store.password("/srv/repo") == secret
    assert secret not in store.path("/srv/repo").read_bytes()
    other = PasswordStore(tmp_path / "backup", keys, LocalKek(keys, "another passphrase"))
    with pytest.raises(ServiceError, match="cannot unwrap"):
        other.password("/srv/repo")
    # bound to its repository: moved to another one's name, it does not unwrap
    moved = store.path("/srv/other")
    moved.write_bytes(store.path("/srv/repo").read_bytes().replace(b"/srv/repo", b"/srv/other"))
    with pytest.raises(ServiceError):
        store.password("/srv/other")
