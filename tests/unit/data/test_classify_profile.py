"""Labels suggested from content, dataset records written and read back, profiles and drift."""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

import pytest

from secplan.data.classify import RecordFields, suggest, write_record
from secplan.data.profile import build_profile, validate_profile
from secplan.governance.records import Label, load_records


@pytest.mark.parametrize(
    ("found", "health", "label"),
    [
        ({"US_SSN": 1}, [], Label.RESTRICTED),
        ({"CREDIT_CARD": 3, "PERSON": 2}, [], Label.RESTRICTED),
        ({"NATIONAL_ID": 1}, [], Label.RESTRICTED),
        ({"API_KEY": 1}, [], Label.RESTRICTED),
        ({"PERSON": 5, "HEALTH": 2}, [], Label.RESTRICTED),
        ({"EMAIL_ADDRESS": 5}, ["diagnosis"], Label.RESTRICTED),
        ({"EMAIL_ADDRESS": 5, "IP_ADDRESS": 1}, [], Label.CONFIDENTIAL),
        ({"HEALTH": 9}, [], Label.INTERNAL),  # health words without anyone they are about
        ({"URL": 4}, [], Label.INTERNAL),
        ({}, [], Label.INTERNAL),
    ],
)
def test_suggested_labels(found: dict[str, int], health: list[str], label: Label) -> None:
    assert suggest(found, health_columns=health).label is label


def test_record_is_written_read_back_and_only_raised(tmp_path: Path) -> None:
    fields = RecordFields(
        owner="data-team",
        source="crm export",
        licence="internal",
        retention_until=dt.date(2027, 6, 30),
    )
    path, label = write_record(tmp_path, "data/customers.csv", suggest({"PERSON": 1}), fields)
    assert label is Label.CONFIDENTIAL and path.name == "data-customers.toml"
    rec = load_records(tmp_path).datasets[0]
    assert (rec.label, rec.owner, rec.retention_until, rec.contains) == (
        Label.CONFIDENTIAL,
        "data-team",
        dt.date(2027, 6, 30),
        ("PERSON",),
    )
    _, label = write_record(tmp_path, "data/customers.csv", suggest({"US_SSN": 1}), RecordFields())
    rec = load_records(tmp_path).datasets[0]
    assert (
        label is Label.RESTRICTED
        and rec.owner == "data-team"
        and set(rec.contains) == {"PERSON", "US_SSN"}
    )
    _, label = write_record(tmp_path, "data/customers.csv", suggest({}), RecordFields())
    assert label is Label.RESTRICTED  # a scan that finds less never lowers a label


def test_record_text_is_escaped(tmp_path: Path) -> None:
    write_record(tmp_path, 'data/we"ird\\name.csv', suggest({}), RecordFields(owner='o"wner\nx'))
    rec = load_records(tmp_path).datasets[0]
    assert rec.paths == ('data/we"ird\\name.csv',) and rec.owner == 'o"wner\nx'


def _table(path: Path, rows: list[list[object]]) -> None:
    with path.open("w", newline="") as fh:
        csv.writer(fh).writerows([["x", "label", "note"], *rows])


def _rows(seed: int, n: int = 2000, shift: float = 0.0, flip: float = 0.5) -> list[list[object]]:
    r = random.Random(seed)
    return [
        [f"{r.gauss(shift, 1):.4f}", "spam" if r.random() < flip else "ham", r.choice("abc")]
        for _ in range(n)
    ]


def test_profile_then_validate_unchanged_data_is_clean(tmp_path: Path) -> None:
    _table(tmp_path / "d.csv", _rows(1))
    base = build_profile(tmp_path, [tmp_path / "d.csv"], label="label")
    assert base["rows"] == 2000 and [c["type"] for c in base["columns"]] == [
        "number",
        "category",
        "category",
    ]
    assert validate_profile(tmp_path, base) == []


def test_drift_signs_of_poisoning(tmp_path: Path) -> None:
    _table(tmp_path / "d.csv", _rows(1))
    base = build_profile(tmp_path, [tmp_path / "d.csv"], label="label")
    rows = _rows(2, shift=1.5, flip=0.8) + [["9", "spam", "a"]] * 100
    _table(tmp_path / "d.csv", rows)
    drift = validate_profile(tmp_path, base)
    text = " | ".join(d.message for d in drift)
    assert "content changed" in text
    assert "distribution shifted (PSI" in text
    assert "duplicate rows rose" in text
    assert "label distribution of label shifted" in text
    assert {d.rule for d in drift} == {"DT308", "DT309"}


def test_schema_drift_and_missing_file(tmp_path: Path) -> None:
    _table(tmp_path / "d.csv", _rows(1, n=100))
    base = build_profile(tmp_path, [tmp_path / "d.csv"])
    with (tmp_path / "d.csv").open("w", newline="") as fh:
        csv.writer(fh).writerows([["x", "extra"], ["oops", "1"]] * 50)
    msgs = [d.message for d in validate_profile(tmp_path, base)]
    assert "column x changed type from number to category" in msgs
    assert "column label disappeared" in msgs and "new column extra" in msgs
    (tmp_path / "d.csv").unlink()
    assert [d.message for d in validate_profile(tmp_path, base)] == [
        "a profiled file is missing",
        "column x disappeared",
        "column label disappeared",
        "column note disappeared",
    ]


def test_profile_lists_category_values_but_not_of_personal_data_columns(tmp_path: Path) -> None:
    rng = random.Random(3)
    names = ["Ana Silva", "Jo Park", "Li Wei", "Sam Okafor"]
    with (tmp_path / "d.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["plan", "full_name", "age"])
        for _ in range(200):
            w.writerow([rng.choice(["basic", "pro"]), rng.choice(names), rng.randint(18, 90)])
    cols = {c["name"]: c for c in build_profile(tmp_path, [tmp_path / "d.csv"])["columns"]}
    assert cols["plan"]["categories"] == ["basic", "pro"]
    assert cols["full_name"]["type"] == "category" and "categories" not in cols["full_name"]
