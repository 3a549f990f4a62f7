"""The data checks inside ``secplan scan``: each rule fires where it should, and stays quiet
on clean projects.

Known false negatives: names the name lists do not know, written without any title or
context word (``Koen Zwijsen``) are missed; free-form addresses without a house number or a
street type are missed; PII beyond the per-file limit is reported as DT203, not searched.
"""

from __future__ import annotations

import csv
import json
import pickle
from datetime import date
from pathlib import Path

import pytest

from secplan.catalog import load_catalog
from secplan.config import Settings
from secplan.data.profile import build_profile
from secplan.engine import scan
from secplan.governance.records import load_records
from secplan.model import Finding, Severity
from secplan.scanners import BUILTINS, NOT_VERIFIED, build_registry
from secplan.scanners.data_pii import RULES
from secplan.scanners.data_pii import scanners as mod
from tests.helpers import write


def run(root: Path) -> list[Finding]:
    registry = build_registry(BUILTINS, plugins=False, engine_rules=(NOT_VERIFIED,))
    report = scan(root, Settings(), load_records(root), registry, as_of=date(2026, 12, 2))
    assert not [e for e in report.errors if "data-" in e.scanner], report.errors
    return [f for f in report.findings if f.rule.startswith(("DT2", "DT3", "DT4"))]


def by_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def customers(root: Path, rows: int = 50) -> None:
    lines = ["name,email,ssn,plan"] + [
        f"Maria Gonzalez,user{i}@mail.es,536-22-{1000 + i},pro" for i in range(rows)
    ]
    write(root, "data/customers.csv", "\n".join(lines) + "\n")


def test_rules_are_documented_and_mapped_to_controls() -> None:
    load_catalog().validate_rules(RULES)
    for r in RULES:
        assert r.summary and r.rationale and r.remediation and r.example
        assert not r.name.startswith(("no-", "banned-"))


def test_personal_data_in_dataset_and_label_below_content(tmp_path: Path) -> None:
    customers(tmp_path)
    write(
        tmp_path,
        ".secplan/datasets/customers.toml",
        'path = "data/customers.csv"\nlabel = "public"\n',
    )
    found = run(tmp_path)
    pii = {f.message.split()[0]: f for f in by_rule(found, "DT201")}
    assert set(pii) == {"PERSON", "EMAIL_ADDRESS", "US_SSN"}
    assert (
        pii["US_SSN"].severity is Severity.HIGH and pii["EMAIL_ADDRESS"].severity is Severity.MEDIUM
    )
    assert (
        pii["EMAIL_ADDRESS"].location.path == "data/customers.csv"
        and pii["EMAIL_ADDRESS"].location.line == 2
    )
    assert (
        "u***@m***.es" in pii["EMAIL_ADDRESS"].evidence
        and "user0@mail.es" not in pii["EMAIL_ADDRESS"].evidence
    )
    (label,) = by_rule(found, "DT401")
    assert label.severity is Severity.CRITICAL and "labelled public" in label.message


def test_label_that_matches_content_does_not_fire(tmp_path: Path) -> None:
    customers(tmp_path)
    write(
        tmp_path,
        ".secplan/datasets/customers.toml",
        'path = "data/customers.csv"\nlabel = "restricted"\nretention_until = 2027-01-01\n',
    )
    assert by_rule(run(tmp_path), "DT401") == []


def test_clean_project_has_no_data_findings(tmp_path: Path) -> None:
    write(
        tmp_path,
        "data/metrics.csv",
        "step,loss,run\n"
        + "".join(
            f"{i},{1 / (i + 1):.4f},9f1c2e4a-7b3d-4e8f-a6c1-2d9e8b7a6f50\n" for i in range(100)
        ),
    )
    write(tmp_path, "logs/train.log", "2026-11-30T10:11:12Z INFO epoch 3 loss 0.12 build 4.12.7\n")
    write(tmp_path, "README.md", "# Project\n\nTrains a model.\n")
    assert run(tmp_path) == []


def test_personal_data_in_logs(tmp_path: Path) -> None:
    write(tmp_path, "logs/app.log", "login ok user=ana@mail.pt ip=81.2.69.160\nok\n")
    found = by_rule(run(tmp_path), "DT202")
    assert sorted(f.message for f in found) == [
        "1 EMAIL_ADDRESS value(s) in 1 line(s)",
        "1 IP_ADDRESS value(s) in 1 line(s)",
    ]


def test_partial_scan_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mod, "SCAN_LIMITS", mod.Limits(max_bytes=2048))
    customers(tmp_path, rows=500)
    (f,) = by_rule(run(tmp_path), "DT203")
    assert f.location.path == "data/customers.csv" and "2048" in f.message


def test_integrity_rules(tmp_path: Path) -> None:
    write(tmp_path, "data/train.csv", pickle.dumps({"a": 1}))
    with (tmp_path / "data").joinpath("comments.csv").open("w", newline="") as fh:
        csv.writer(fh).writerows(
            [["id", "comment"], ["1", '=HYPERLINK("http://evil/?x")'], ["2", "-5"]]
        )
    write(tmp_path, "data/latin.csv", b"name\nJos\xe9\n")
    found = run(tmp_path)
    rules = {(f.rule, f.location.path) for f in found}
    assert ("DT301", "data/train.csv") in rules and ("DT303", "data/train.csv") in rules
    assert ("DT302", "data/comments.csv") in rules and ("DT306", "data/latin.csv") in rules
    assert not any(r == "DT302" and p != "data/comments.csv" for r, p in rules)


def test_yara_rules_not_run_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mod, "yara_available", lambda: False)
    write(tmp_path, "data/a.csv", "x\n1\n")
    (f,) = by_rule(run(tmp_path), "DT310")
    assert "yara-python" in f.evidence


def test_profile_drift_in_scan(tmp_path: Path) -> None:
    write(
        tmp_path,
        "data/d.csv",
        "x,label\n" + "".join(f"{i % 10},{'a' if i % 2 else 'b'}\n" for i in range(500)),
    )
    doc = build_profile(tmp_path, [tmp_path / "data/d.csv"], label="label")
    write(tmp_path, ".secplan/profiles/d.json", json.dumps(doc))
    assert by_rule(run(tmp_path), "DT308") == [] and by_rule(run(tmp_path), "DT309") == []
    write(tmp_path, "data/d.csv", "x,label\n" + "".join(f"{i % 10},a\n" for i in range(500)))
    found = run(tmp_path)
    assert by_rule(found, "DT308") and any(
        "label distribution" in f.message for f in by_rule(found, "DT309")
    )


def test_a_file_with_unreadable_records_is_reported_as_not_fully_checked(tmp_path: Path) -> None:
    write(tmp_path, "data/events.jsonl", '{"id": 1}\n{"id": 2, "mail": \n')
    [f] = by_rule(run(tmp_path), "DT203")
    assert f.location.path == "data/events.jsonl" and "could not be read" in f.message
