"""Column-level judgement and file scans: verdicts, misleading names, masking, parallel runs."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from secplan.data.readers import Limits
from secplan.data.scan import FileScan, make_pool, scan_file

EMAILS = [f"user{i}@mail{i % 7}.com" for i in range(300)]
PHONES = [f"+44 20 7946 {i:04d}" for i in range(300)]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([header, *rows])
    return path


def verdicts(r: FileScan) -> dict[str, str]:
    return {c.name: c.entity for c in r.columns}


def test_columns_judged_by_values_not_names(tmp_path: Path) -> None:
    rows = [
        [e, p, f"ORD-{i:06d}", str(i), "true"]
        for i, (e, p) in enumerate(zip(EMAILS, PHONES, strict=True))
    ]
    p = write_csv(
        tmp_path / "t.csv", ["ref_code", "notes_id", "phone", "amount", "email_opt_in"], rows
    )
    r = scan_file(p)
    assert verdicts(r) == {
        "ref_code": "EMAIL_ADDRESS",
        "notes_id": "PHONE_NUMBER",
        "phone": "",
        "amount": "",
        "email_opt_in": "",
    }
    modes = {c.name: c.mode for c in r.columns}
    assert modes["ref_code"] == "typed" and modes["amount"] == "numeric"


def test_mixed_column_and_odd_cells_are_found(tmp_path: Path) -> None:
    rows = [[e, "nothing to see" if i % 10 else f"call {PHONES[i]}"] for i, e in enumerate(EMAILS)]
    rows[250][0] = "+44 20 7946 0999"  # a phone number in the e-mail column
    r = scan_file(write_csv(tmp_path / "t.csv", ["contact", "comment"], rows))
    assert verdicts(r)["comment"] == "MIXED"
    hits = {(h.field, h.entity): h for h in r.hits}
    assert hits[("contact", "PHONE_NUMBER")].cells == 1
    assert hits[("comment", "PHONE_NUMBER")].cells == 30
    assert hits[("contact", "EMAIL_ADDRESS")].rows[0] == 2  # line of the first data row


def test_reports_never_hold_raw_values(tmp_path: Path) -> None:
    rows = [[e, p] for e, p in zip(EMAILS, PHONES, strict=True)]
    r = scan_file(write_csv(tmp_path / "t.csv", ["a", "b"], rows))
    text = json.dumps([h.as_json() for h in r.hits])
    assert not any(v in text for v in EMAILS + PHONES)
    assert "u***@m***.com" in text


def test_parallel_scan_matches_serial(tmp_path: Path) -> None:
    rows = [[e, p, "x"] for e, p in zip(EMAILS * 10, PHONES * 10, strict=True)]
    p = write_csv(tmp_path / "t.csv", ["a", "b", "c"], rows)
    serial = scan_file(p, limits=Limits(batch_rows=500))
    from secplan.data import scan

    scan._MEMO.clear()  # workers must judge the cells themselves, not inherit the verdicts
    pool = make_pool(2)
    try:
        parallel = scan_file(p, limits=Limits(batch_rows=500), pool=pool)
    finally:
        assert pool is not None
        pool.shutdown()
    assert serial.hits == parallel.hits and serial.columns == parallel.columns


def test_partial_scan_is_marked(tmp_path: Path) -> None:
    rows = [[e] for e in EMAILS * 20]
    r = scan_file(write_csv(tmp_path / "t.csv", ["email"], rows), limits=Limits(max_bytes=4096))
    assert not r.complete and r.bytes_read <= 4096 and r.truncated


def test_text_and_jsonl_files(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_text("ok\nuser=ana@mail.pt ip=81.2.69.160\nbuild 4.12.7\n")
    r = scan_file(log)
    assert r.entities == {"EMAIL_ADDRESS": 1, "IP_ADDRESS": 1}
    assert [h.rows for h in r.hits] == [(2,), (2,)]
    jl = tmp_path / "a.jsonl"
    jl.write_text('{"user": {"mail": "ana@mail.pt"}, "id": 1}\n')
    assert scan_file(jl).hits[0].field == "user.mail"


def test_empty_and_header_only_files(tmp_path: Path) -> None:
    (tmp_path / "e.csv").write_text("")
    (tmp_path / "h.csv").write_text("a,b\n")
    assert scan_file(tmp_path / "e.csv").hits == ()
    assert scan_file(tmp_path / "h.csv").records == 0


def test_verdicts_cached_for_one_file_never_leak_into_another(tmp_path: Path) -> None:
    from secplan.data.scan import DetectorSpec

    leak = "ip=81.2.69.160"
    a = write_csv(tmp_path / "a.csv", ["ref"], [[f"ip=192.0.2.{i}"] for i in range(250)] + [[leak]])
    b = write_csv(tmp_path / "b.csv", ["ref"], [[f"ref-{i}"] for i in range(250)] + [[leak]])
    alone = scan_file(b).entities
    scan_file(a)
    assert scan_file(b).entities == alone and "IP_ADDRESS" in alone
    # the detector's settings are part of a verdict too
    log = tmp_path / "app.log"
    log.write_text("ana@mail.pt wrote to Maria Fernandes\n")
    only_mail = scan_file(log, spec=DetectorSpec(entities=frozenset({"EMAIL_ADDRESS"})))
    assert set(only_mail.entities) == {"EMAIL_ADDRESS"}
    assert set(scan_file(log).entities) > {"EMAIL_ADDRESS"}


def test_records_that_cannot_be_parsed_leave_the_scan_incomplete(tmp_path: Path) -> None:
    jl = tmp_path / "a.jsonl"
    jl.write_text('{"mail": "ana@mail.pt"}\n{"mail": broken\n')
    r = scan_file(jl)
    assert r.errors and not r.complete
    assert r.entities == {"EMAIL_ADDRESS": 1}  # what could be read is still reported


def _stuck(self: object, text: str, hint: str | None = None) -> list[object]:
    """A detector that never gets through its cell (bounded, so a missing deadline fails the
    test instead of hanging it)."""
    import time

    ends = time.monotonic() + 60
    while time.monotonic() < ends:
        pass
    raise AssertionError("the per-file deadline did not stop the detector")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_the_detectors_cannot_get_through_is_stopped_and_marked_unchecked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    from secplan.data.detect import Detector

    monkeypatch.setenv("SECPLAN_FILE_SECONDS", "0.5")
    monkeypatch.setattr(Detector, "analyze", _stuck)
    p = tmp_path / "notes.txt"
    p.write_text("a line of notes\n" * 200)
    pool = make_pool(jobs)
    try:
        r = scan_file(p, pool=pool)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    assert not r.complete
    assert r.errors and "took longer than 0.5 s" in r.errors[0], r.errors


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_data_detect_past_the_deadline_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    from typer.testing import CliRunner

    from secplan.cli.app import app
    from secplan.data.detect import Detector

    monkeypatch.setenv("SECPLAN_FILE_SECONDS", "0.5")
    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(Detector, "analyze", _stuck)
    p = tmp_path / "r.jsonl"
    p.write_text("".join(json.dumps({"text": f"note {i}"}) + "\n" for i in range(50)))
    result = CliRunner().invoke(app, ["data", "detect", str(p), "-j", jobs])
    assert result.exit_code == 2, result.output
    assert "r.jsonl: stopped after 0 records: took longer than 0.5 s" in result.output
    assert "Traceback" not in result.output
