"""DT1xx: dataset labels, permissions, encryption and retention."""

from __future__ import annotations

from pathlib import Path

from secplan.model import Severity
from tests.helpers import findings_of, rules_of, scan, write

CSV = "name,email\nAda,ada@example.com\nBob,bob@example.com\nCy,cy@example.com\n"


def test_unlabelled_dataset_fires_and_a_record_silences_it(tmp_path: Path) -> None:
    write(tmp_path, "data/train.csv", CSV, mode=0o640)
    [f] = findings_of(scan(tmp_path), "DT101")
    assert f.location.path == "data/train.csv" and f.controls == ("DS3",)
    assert "no sensitivity label" in f.message
    write(tmp_path, ".secplan/datasets/train.toml", 'path = "data/train.csv"\nlabel = "public"\n')
    assert "DT101" not in rules_of(scan(tmp_path))


def test_non_dataset_files_are_not_labelled(tmp_path: Path) -> None:
    write(tmp_path, "notes.md", "a, b, c\n")
    write(tmp_path, "app.py", "x = 'a,b,c'\n")
    assert "DT101" not in rules_of(scan(tmp_path))


def test_sensitive_dataset_obligations(tmp_path: Path) -> None:
    write(tmp_path, "data/patients.csv", CSV, mode=0o644)
    write(
        tmp_path, ".secplan/datasets/p.toml", 'path = "data/patients.csv"\nlabel = "restricted"\n'
    )
    a = scan(tmp_path)
    rules = rules_of(a)
    assert {"DT102", "DT103", "DT104"} <= set(rules)
    [world] = findings_of(a, "DT102")
    assert world.severity is Severity.HIGH  # restricted data raises the severity
    assert world.evidence.startswith("mode 0644")
    [retention] = findings_of(a, "DT104")
    assert retention.location.path == ".secplan/datasets/p.toml"


def test_protected_sensitive_dataset_is_clean(tmp_path: Path) -> None:
    write(tmp_path, "data/patients.csv.age", b"age-encryption.org/v1\n-> X25519 abc\n", mode=0o600)
    write(
        tmp_path,
        ".secplan/datasets/p.toml",
        """
        path = "data/patients.csv.age"
        label = "restricted"
        retention_until = 2030-01-01
        """,
    )
    a = scan(tmp_path)
    assert not {"DT101", "DT102", "DT103", "DT104", "DT105"} & set(rules_of(a))


def test_internal_dataset_has_no_sensitive_obligations(tmp_path: Path) -> None:
    write(tmp_path, "data/events.csv", CSV, mode=0o644)
    write(tmp_path, ".secplan/datasets/e.toml", 'path = "data/events.csv"\nlabel = "internal"\n')
    assert not {"DT102", "DT103", "DT104"} & set(rules_of(scan(tmp_path)))


def test_past_retention(tmp_path: Path) -> None:
    write(tmp_path, "data/old.csv", CSV, mode=0o600)
    write(
        tmp_path,
        ".secplan/datasets/o.toml",
        """
        path = "data/old.csv"
        label = "confidential"
        retention_until = 2025-12-31
        """,
    )
    [f] = findings_of(scan(tmp_path), "DT105")
    assert "2025-12-31" in f.message and f.controls == ("SC3",)


def test_world_readable_private_key(tmp_path: Path) -> None:
    write(tmp_path, "deploy/id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\nx\n", mode=0o644)
    write(tmp_path, "deploy/ok_key", "-----BEGIN OPENSSH PRIVATE KEY-----\nx\n", mode=0o600)
    fs = findings_of(scan(tmp_path), "DT102")
    assert [f.location.path for f in fs] == ["deploy/id_ed25519"]


def test_world_readable_env_file_but_not_its_committed_template(tmp_path: Path) -> None:
    write(tmp_path, ".env", "OPENAI_API_KEY=sk-live\n", mode=0o644)
    write(tmp_path, ".env.example", "OPENAI_API_KEY=your-key-here\n", mode=0o644)
    write(tmp_path, "deploy/prod.env.template", "DB_PASSWORD=\n", mode=0o644)
    fs = findings_of(scan(tmp_path), "DT102")
    assert [f.location.path for f in fs] == [".env"]


def test_record_matching_nothing(tmp_path: Path) -> None:
    write(tmp_path, "data/customers.csv", CSV)
    write(tmp_path, ".secplan/datasets/c.toml", 'path = "data/custmers.csv"\nlabel = "internal"\n')
    [f] = findings_of(scan(tmp_path), "DT106")
    assert f.location.path == ".secplan/datasets/c.toml"
