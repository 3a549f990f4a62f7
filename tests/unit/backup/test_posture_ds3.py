"""DS3 from restore-drill records: pass, fail (EV020, EV021, EV022), needs-evidence."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from secplan.backup.record import render
from secplan.backup.service import DrillResult
from secplan.model import Status
from tests.conftest import AS_OF
from tests.helpers import findings_of, scan, write

CONFIDENTIAL = 'label = "confidential"\npaths = ["data/"]\n'


def _project(root: Path) -> None:
    write(root, "data/train.csv", "age,income\n34,50000\n")
    write(root, ".secplan/datasets/customers.toml", CONFIDENTIAL)


def _drill(root: Path, day: int, *, datasets: list[str], error: str | None = None) -> str:
    res = DrillResult(
        repository="/srv/backup",
        started=datetime(2026, 11, day, 9, 0, tzinfo=UTC),
        snapshot="ab" * 32,
        restore_seconds=1.5,
        files_checked=3,
        bytes_checked=1000,
        datasets=datasets,
    )
    if error:
        res.mismatches, res.mismatched = 1, ["data/train.csv: sha256 differs from the manifest"]
        res.fail("mismatch", error)
    rid = f"backup-drill-{day:02d}"
    write(root, f".secplan/evidence/{rid}.toml", render(res, rid, 30))
    return rid


def _ds3(root: Path) -> tuple[Status, tuple[str, ...], list[str]]:
    a = scan(root)
    [c] = [c for c in a.posture.controls if c.control == "DS3"]
    ev = [f.rule for f in a.report.findings if "DS3" in f.controls or f.rule == "EV001"]
    return c.status, c.reasons, ev


def test_no_drill_needs_evidence(tmp_path: Path) -> None:
    _project(tmp_path)
    status, reasons, found = _ds3(tmp_path)
    assert status is Status.NEEDS_EVIDENCE and found == []
    assert any("no restore drill recorded" in r for r in reasons)


def test_recent_passed_drill_covering_the_confidential_dataset_passes(tmp_path: Path) -> None:
    _project(tmp_path)
    _drill(tmp_path, 20, datasets=["customers"])
    status, reasons, found = _ds3(tmp_path)
    assert status is Status.PASS and found == [], reasons
    assert any(r.startswith("evidence: Restore drill of snapshot abababab") for r in reasons)


def test_latest_failed_drill_fails_even_after_an_earlier_pass(tmp_path: Path) -> None:
    _project(tmp_path)
    _drill(tmp_path, 10, datasets=["customers"])
    rid = _drill(tmp_path, 20, datasets=[], error="1 of 3 file(s) do not match")
    status, _, found = _ds3(tmp_path)
    assert status is Status.FAIL and found == ["EV020"]
    [f] = findings_of(scan(tmp_path), "EV020")
    assert f.location.path == f".secplan/evidence/{rid}.toml"
    assert "1 of 3 file(s) do not match" in f.message


def test_stale_drill_fails(tmp_path: Path) -> None:
    _project(tmp_path)
    _drill(tmp_path, 1, datasets=["customers"])  # 31 days before AS_OF
    assert (AS_OF - datetime(2026, 11, 1).date()).days == 31
    status, _, found = _ds3(tmp_path)
    assert status is Status.FAIL and found == ["EV021"]  # no EV001 for the drill's expiry
    write(tmp_path, "secplan.toml", "[backup]\nmax_drill_age_days = 60\n")
    status, _, found = _ds3(tmp_path)
    assert status is Status.PASS and found == []


def test_confidential_dataset_outside_the_drill_fails(tmp_path: Path) -> None:
    _project(tmp_path)
    _drill(tmp_path, 20, datasets=[])
    status, _, found = _ds3(tmp_path)
    assert status is Status.FAIL and found == ["EV022"]
    [f] = findings_of(scan(tmp_path), "EV022")
    assert f.location.path == ".secplan/datasets/customers.toml"


def test_a_typed_in_record_proves_no_recovery(tmp_path: Path) -> None:
    _project(tmp_path)
    write(
        tmp_path,
        ".secplan/evidence/restore.toml",
        'control = "DS3"\ntitle = "We restored it"\nowner = "ops"\n'
        "date = 2026-11-20\nexpires = 2027-11-20\n",
    )
    status, reasons, _ = _ds3(tmp_path)
    assert status is Status.NEEDS_EVIDENCE
    assert any("not a restore drill" in r for r in reasons)


def test_a_drill_record_claiming_a_pass_with_mismatches_is_invalid(tmp_path: Path) -> None:
    import pytest

    from secplan.errors import ConfigError

    _project(tmp_path)
    rid = _drill(tmp_path, 20, datasets=[], error="bad")
    p = tmp_path / f".secplan/evidence/{rid}.toml"
    p.write_text(p.read_text().replace('result = "failed"', 'result = "passed"'))
    with pytest.raises(ConfigError, match="cannot have passed"):
        scan(tmp_path)


def test_a_failed_drill_is_listed_as_failed_evidence(tmp_path: Path) -> None:
    from secplan.governance.records import load_records
    from secplan.provenance import collect

    _project(tmp_path)
    _drill(tmp_path, 20, datasets=[], error="1 of 3 file(s) do not match")
    [item] = collect(tmp_path, load_records(tmp_path), AS_OF).evidence
    assert item.state == "failed"
