"""The light append to the local trail: the same chain, tree and checkpoints as the full
services, and out of the way wherever it does not apply."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from secplan.audit import Outcome, local
from secplan.audit.keys import trusted_verifiers
from secplan.audit.verify import verify
from secplan.services import Services, open_services


@pytest.fixture
def svc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Services:
    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / "home"))
    s = open_services()
    yield s  # type: ignore[misc]
    s.close()


def _db(tmp_path: Path) -> Path:
    return tmp_path / "home" / "secplan.db"


def test_light_appends_are_links_of_the_one_verified_chain(svc: Services) -> None:
    svc.audit("model.load", "before", Outcome.ALLOWED, n=1)
    e = local.append("model.load", "light", Outcome.DENIED, {"reasons": ["x"], "cached": True})
    svc.audit("model.load", "after", Outcome.ALLOWED)
    assert e is not None and e.seq == 2
    events = list(svc.trail.events())
    assert [x.resource for x in events] == ["before", "light", "after"]
    assert events[1] == e
    # the same actor and ``via`` as the services record for the same user
    assert events[1].actor == events[0].actor == svc.actor.name
    assert e.details_dict() == {"via": "os", "reasons": ["x"], "cached": True}
    result = verify(svc.trail, trusted_verifiers())
    assert result.ok, result


def test_a_light_append_signs_the_checkpoint_it_owes(svc: Services) -> None:
    svc.audit("model.load", "first", Outcome.ALLOWED)
    assert local.append("model.load", "second", Outcome.ALLOWED, {}, checkpoint_every=2)
    assert local.append("model.load", "third", Outcome.ALLOWED, {}, checkpoint_every=2)
    [cp] = svc.trail.checkpoints()
    assert cp.tree_size == 2 and cp.key_name == svc.trail.signer.name  # type: ignore[union-attr]
    assert cp.root == svc.trail.checkpoints()[0].root
    result = verify(svc.trail, trusted_verifiers())
    assert result.ok, result


@pytest.mark.parametrize("where", ["token", "session", "url", "old schema", "no schema"])
def test_where_it_does_not_apply_nothing_is_written(
    svc: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    db = _db(tmp_path)
    match where:
        case "token":
            monkeypatch.setenv("SECPLAN_TOKEN", "spk_something")
        case "session":
            (tmp_path / "home" / "session").write_text("spk_something\n")
        case "url":
            monkeypatch.setenv("SECPLAN_DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")
        case "old schema":
            with sqlite3.connect(db) as conn:
                conn.execute("UPDATE alembic_version SET version_num = '0006'")
        case "no schema":
            svc.close()
            db.unlink()
            for extra in db.parent.glob("secplan.db-*"):
                extra.unlink()
            sqlite3.connect(db).close()
    assert local.append("model.load", "x", Outcome.ALLOWED, {}) is None
    with sqlite3.connect(db) as conn:
        if where == "no schema":
            assert conn.execute("SELECT name FROM sqlite_master").fetchall() == []
        else:
            assert conn.execute("SELECT count(*) FROM audit_events").fetchone() == (0,)


def test_without_a_database_the_services_are_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / "fresh"))
    assert local.database() is None
    assert local.append("model.load", "x", Outcome.ALLOWED, {}) is None
    assert not _db(tmp_path).exists()


def test_a_failed_append_writes_nothing(svc: Services, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="floats"):
        local.append("model.load", "x", Outcome.ALLOWED, {"n": 0.5})
    with sqlite3.connect(_db(tmp_path)) as conn:
        conn.execute("DROP TABLE audit_checkpoints")
    with pytest.raises(sqlite3.OperationalError):
        local.append("model.load", "x", Outcome.ALLOWED, {}, checkpoint_every=1)
    assert svc.trail.size() == 0


def test_the_light_append_loads_no_database_layer(svc: Services, tmp_path: Path) -> None:
    code = (
        "import sys; from secplan.audit import Outcome, local; "
        "assert local.append('model.load', 'x', Outcome.ALLOWED, {}); "
        "print(sorted(m for m in ('sqlalchemy', 'cryptography', 'secplan.access') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]"
    assert [e.resource for e in svc.trail.events()] == ["x"]


def _light_writer(home: str, n: int) -> None:
    import os

    os.environ["SECPLAN_HOME"] = home
    for i in range(n):
        assert local.append("model.load", f"light-{i}", Outcome.ALLOWED, {})


def test_light_and_full_writers_at_once_keep_one_chain(svc: Services, tmp_path: Path) -> None:
    """Writers in other processes appending directly, and this one through the services,
    serialise on the head row: no event lost, no fork, the trail verifies."""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_light_writer, args=(str(tmp_path / "home"), 15)) for _ in range(2)]
    for p in procs:
        p.start()
    for i in range(15):
        svc.audit("model.load", f"full-{i}", Outcome.ALLOWED)
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    events = list(svc.trail.events())
    assert len(events) == 45 and [e.seq for e in events] == list(range(1, 46))
    result = verify(svc.trail, trusted_verifiers())
    assert result.ok, result
