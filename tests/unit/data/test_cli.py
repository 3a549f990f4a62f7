"""``secplan data ...`` end to end, as a user runs it: exit codes, outputs, one-line errors."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def data(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SECPLAN_")}
    env["SECPLAN_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "secplan", "data", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "data").mkdir(parents=True)
    with (root / "data" / "customers.csv").open("w", newline="") as fh:
        csv.writer(fh).writerows(
            [["name", "email", "ssn", "age"]]
            + [
                ["Maria Gonzalez", f"user{i}@mail.es", f"536-22-{1000 + i}", str(20 + i)]
                for i in range(20)
            ]
        )
    (root / "notes.txt").write_text("nothing personal here\n")
    return root


def test_scan_json_and_exit_codes(project: Path, tmp_path: Path) -> None:
    r = data("scan", "data", "--format", "json", "--jobs", "1", cwd=project, home=tmp_path / "h")
    assert r.returncode == 1, r.stderr
    doc = json.loads(r.stdout)
    cols = {c["name"]: c["entity"] for c in doc["files"][0]["columns"]}
    assert cols == {"name": "PERSON", "email": "EMAIL_ADDRESS", "ssn": "US_SSN", "age": None}
    assert "user0@mail.es" not in r.stdout
    clean = data("scan", "notes.txt", "--jobs", "1", cwd=project, home=tmp_path / "h")
    assert clean.returncode == 0 and "no personal data found" in clean.stdout
    bad = data("scan", "missing.csv", cwd=project, home=tmp_path / "h")
    assert bad.returncode == 2 and bad.stderr.startswith("secplan: error: missing.csv")
    (project / "broken.jsonl").write_text('{"id": 1\n{"id": 2, "mail": \n')
    unread = data("scan", "broken.jsonl", "--jobs", "1", cwd=project, home=tmp_path / "h")
    assert unread.returncode == 2 and "not checked" in unread.stderr  # not "nothing found"


def test_detect_prints_one_line_per_record(project: Path, tmp_path: Path) -> None:
    (project / "t.jsonl").write_text(
        '{"id": 1, "text": "mail ana@mail.pt"}\n{"id": 2, "text": "nothing"}\n'
    )
    r = data(
        "detect", "t.jsonl", "--field", "text", "--jobs", "1", cwd=project, home=tmp_path / "h"
    )
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert lines == [
        {
            "record": 0,
            "line": 1,
            "spans": {"text": [{"start": 5, "end": 16, "label": "EMAIL_ADDRESS", "score": 0.9}]},
        },
        {"record": 1, "line": 2, "spans": {"text": []}},
    ]
    bad = data("detect", "t.jsonl", "--field", "nope", cwd=project, home=tmp_path / "h")
    assert bad.returncode == 2 and "no field 'nope'" in bad.stderr


def test_anonymize_refuses_to_publish_personal_data_it_left(project: Path, tmp_path: Path) -> None:
    home = tmp_path / "h"
    (project / "leaky.toml").write_text('[columns.email]\naction = "generalize"\nkeep = 64\n')
    args = ("anonymize", "data/customers.csv", "--out", "anon.csv", "--jobs", "1")
    r = data(*args, "--policy", "leaky.toml", "--report", "rep.json", cwd=project, home=home)
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and r.stderr.startswith(
        "secplan: error: anon.csv: personal data left after anonymizing: "
        "EMAIL_ADDRESS 20 in column email; nothing written"
    )
    assert not (project / "anon.csv").exists()
    rep = json.loads((project / "rep.json").read_text())
    assert rep["published"] is False and rep["residual"] == {"EMAIL_ADDRESS": 20}
    assert "user0@mail.es" not in (project / "rep.json").read_text()


def test_anonymize_a_spreadsheet_export_with_column_rules_only(
    project: Path, tmp_path: Path
) -> None:
    src = project / "export.csv"  # saved by a spreadsheet program: a byte-order mark first
    src.write_bytes(
        "\ufeffname,email,notes\nMaria Gonzalez,josé.garcía@correo.es,SSN 536-22-1847\n".encode()
    )
    (project / "cols.toml").write_text('[columns.name]\naction = "drop"\n')
    r = data(
        "anonymize", "export.csv", "--policy", "cols.toml", "--out", "anon.csv", "--jobs", "1",
        cwd=project, home=tmp_path / "h",
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    out = (project / "anon.csv").read_text(encoding="utf-8")
    assert out.splitlines()[0] == "email,notes"
    assert "josé" not in out and "536-22-1847" not in out and "Maria" not in out


def test_anonymize_classify_profile_validate(project: Path, tmp_path: Path) -> None:
    home = tmp_path / "h"
    (project / "policy.toml").write_text(
        '[entities]\nPERSON = { action = "pseudonym" }\ndefault = { action = "tag" }\n'
        '[columns.age]\naction = "generalize"\nband = 10\n'
    )
    r = data(
        "anonymize",
        "data/customers.csv",
        "--policy",
        "policy.toml",
        "--out",
        "anon.csv",
        "--report",
        "rep.json",
        "--jobs",
        "1",
        cwd=project,
        home=home,
    )
    assert r.returncode == 0, r.stderr
    rep = json.loads((project / "rep.json").read_text())
    assert rep["residual"] == {} and rep["rows"] == {"before": 20, "after": 20}
    assert "536-22-1000" not in (project / "anon.csv").read_text()
    again = data("anonymize", "data/customers.csv", "--out", "anon.csv", cwd=project, home=home)
    assert again.returncode == 2 and "already exists" in again.stderr

    r = data(
        "classify",
        "data/customers.csv",
        "--write",
        "--owner",
        "crm-team",
        "--retention-until",
        "2027-06-30",
        "--jobs",
        "1",
        cwd=project,
        home=home,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("data/customers.csv: restricted")
    record = (project / ".secplan" / "datasets" / "data-customers.toml").read_text()
    assert 'label = "restricted"' in record and "retention_until = 2027-06-30" in record

    r = data("profile", "data/customers.csv", "--name", "customers", cwd=project, home=home)
    assert r.returncode == 0 and (project / ".secplan" / "profiles" / "customers.json").exists()
    r = data(
        "validate", "data", "--profile", ".secplan/profiles/customers.json", cwd=project, home=home
    )
    assert r.returncode == 0, r.stdout
    with (project / "data" / "customers.csv").open("a", newline="") as fh:
        csv.writer(fh).writerow(['=HYPERLINK("http://x")', "a@b.co", "536-22-9999", "999"])
    r = data(
        "validate",
        "data",
        "--profile",
        ".secplan/profiles/customers.json",
        "--format",
        "json",
        cwd=project,
        home=home,
    )
    assert r.returncode == 1
    got = {p["rule"] for p in json.loads(r.stdout)["problems"]}
    assert {"DT302", "DT308", "DT309"} <= got
