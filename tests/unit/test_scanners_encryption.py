"""DS1/PS4 inventory of encrypted files; DT107 rotation overdue; DT108 shredded leftovers."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from secplan.protect.keystore import KeyStore
from secplan.protect.service import Protection
from secplan.report import render_json
from secplan.services import open_services
from tests.helpers import findings_of, rules_of, scan, write


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / "home"))
    root = tmp_path / "p"
    write(root, "data/customers.csv", "id,email\n1,a@example.com\n2,b@example.com\n3,c@x.org\n")
    write(
        root,
        ".secplan/datasets/c.toml",
        'path = "data/customers.csv*"\nlabel = "confidential"\nretention_until = 2030-01-01\n',
    )
    svc = open_services()
    p = Protection(svc, KeyStore())
    p.create("customers")
    p.encrypt(root / "data", "customers", remove_plaintext=True)
    yield root, p
    svc.close()


def test_encrypted_dataset_passes_ds1_and_is_inventoried(project) -> None:  # type: ignore[no-untyped-def]
    root, p = project
    a = scan(root)
    assert "DT103" not in rules_of(a)
    version = p.store.ring("customers").primary.id
    ds1 = a.posture.get("DS1")
    assert f"encrypted at rest: 1 file(s) under {version}" in ds1.reasons
    inv = json.loads(render_json(a))["inventory"]["encrypted"]
    assert inv == [
        {"path": "data/customers.csv.age", "format": "encrypted-age", "key_version": version}
    ]


def test_rotation_overdue_and_shredded_leftovers(project) -> None:  # type: ignore[no-untyped-def]
    root, p = project
    later = date.today() + timedelta(days=400)
    [f] = findings_of(scan(root, as_of=later), "DT107")
    assert "has not been rotated" in f.message
    rot = p.rotate("customers", (root,))
    # the file now names the new version; a year from now it is due again, not before
    assert "DT107" not in rules_of(scan(root, as_of=date.today() + timedelta(days=300)))
    assert "DT107" in rules_of(scan(root, as_of=later))
    p.shred(str(root / "data"), "customers")
    [left] = findings_of(scan(root), "DT108")
    assert left.location.path == "data/customers.csv.age"
    assert f"key customers ({rot.new.id}) was destroyed on" in left.message
