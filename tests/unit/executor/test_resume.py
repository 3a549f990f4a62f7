"""``--resume``: the manifest of finished units in the database lets an interrupted scan pick
up where it stopped, with the same report as an uninterrupted one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from secplan.config import Settings
from secplan.executor import resume as resume_mod
from secplan.executor.local import LocalExecutor
from secplan.governance.records import Records
from secplan.model_scan import scan_models
from secplan.store.schema import scan_units
from tests.dbs import open_test_db
from tests.unit.modelfile.build import safetensors, system

AS_OF = date(2026, 12, 2)
FILES = 60


class Interrupt:
    """A progress observer that interrupts the scan (as Ctrl-C would) at unit ``at``."""

    def __init__(self, at: int) -> None:
        self.at = at
        self.seen = 0

    def discovered(self, total: int) -> None:
        return None

    def scanning(self, path: str) -> None:
        self.seen += 1
        if self.seen == self.at:
            raise KeyboardInterrupt

    def finished(self) -> None:
        return None


def _corpus(root: Path) -> Path:
    for i in range(FILES):
        if i % 20 == 0:
            (root / f"m{i:03d}.pkl").write_bytes(system(root))
        else:
            header = {"w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}
            (root / f"m{i:03d}.safetensors").write_bytes(safetensors(header, 4))
    return root


def _rows(db: object) -> dict[str, str]:
    with db.read() as conn:  # type: ignore[attr-defined]
        return {r.unit: r.finished for r in conn.execute(select(scan_units))}


def test_an_interrupted_scan_resumes_without_redoing_finished_files(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resume_mod, "BATCH", 16)  # record often, so an interruption keeps some
    (tmp_path / "models").mkdir()
    models = _corpus(tmp_path / "models")
    db = open_test_db(db_url)
    fresh = scan_models([models], Settings(), Records(), as_of=AS_OF, executor=LocalExecutor(1))

    with pytest.raises(KeyboardInterrupt):
        scan_models(
            [models],
            Settings(),
            Records(),
            as_of=AS_OF,
            executor=LocalExecutor(1),
            observer=Interrupt(at=40),
            resume=db,
        )
    before = _rows(db)
    assert len(before) == 32  # two batches of 16 finished before the interruption

    (models / "m001.safetensors").write_bytes(b"\x00" * 3)  # changed since: scanned again
    resumed = scan_models(
        [models], Settings(), Records(), as_of=AS_OF, executor=LocalExecutor(1), resume=db
    )
    after = _rows(db)
    assert len(after) == FILES
    kept = [u for u, when in before.items() if after[u] == when]
    assert len(kept) == 31  # every finished file but the changed one was not redone
    changed = [f for f in resumed.report.findings if f.location.path == "m001.safetensors"]
    assert changed and not [
        f for f in fresh.report.findings if f.location.path == "m001.safetensors"
    ]
    others = [f for f in resumed.report.findings if f.location.path != "m001.safetensors"]
    assert others == list(fresh.report.findings)


def test_an_interrupted_data_scan_resumes_with_the_same_result(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from secplan.data.ops import run_scan
    from secplan.data.report import scan_json
    from secplan.data.scan import DetectorSpec
    from secplan.services import open_services

    monkeypatch.setattr(resume_mod, "BATCH", 2)
    files = []
    for i in range(7):
        f = tmp_path / f"t{i}.csv"
        f.write_text("id,email\n" + "".join(f"{n},p{i}x{n}@example.com\n" for n in range(20)))
        files.append(f)
    calls = 0

    def stop_at_five(done: int, size: int, path: str) -> None:
        nonlocal calls
        calls += 1
        if calls == 5:
            raise KeyboardInterrupt

    db = open_test_db(db_url)
    svc = open_services()
    try:
        fresh = run_scan(svc, files, DetectorSpec(), jobs=1)
        with pytest.raises(KeyboardInterrupt):
            run_scan(svc, files, DetectorSpec(), jobs=1, resume=db, progress=stop_at_five)
        before = _rows(db)
        assert len(before) == 4  # two batches of two finished before the interruption
        resumed = run_scan(svc, files, DetectorSpec(), jobs=1, resume=db)
    finally:
        svc.close()
    after = _rows(db)
    assert len(after) == 7 and all(after[u] == when for u, when in before.items())
    assert scan_json(resumed) == scan_json(fresh)


def test_a_resumed_project_scan_reads_finished_files_back(db_url: str, tmp_path: Path) -> None:
    from secplan.engine import run

    tmp_path = tmp_path / "project"  # away from the SQLite file, which changes as it is used
    tmp_path.mkdir()
    (tmp_path / "secplan.toml").write_text("")
    (tmp_path / "train.py").write_text("import pickle\npickle.load(open('m.pkl', 'rb'))\n")
    (tmp_path / "Dockerfile").write_text("FROM python:latest\n")
    (tmp_path / "model.pkl").write_bytes(system(tmp_path))
    db = open_test_db(db_url)
    fresh = run(tmp_path, as_of=AS_OF, plugins=False)
    first = run(tmp_path, as_of=AS_OF, plugins=False, resume=db)
    rows = _rows(db)
    again = run(tmp_path, as_of=AS_OF, plugins=False, resume=db)
    assert len(rows) == len(fresh.report.artifacts) and _rows(db) == rows  # nothing redone
    assert first.report.findings == fresh.report.findings == again.report.findings
    assert again.posture == fresh.posture
