"""``secplan scan`` under access control: what ``data scan`` needs for each data file it reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from secplan.access import Actor
from secplan.engine import run
from secplan.errors import AccessDenied
from secplan.services import open_services

PASSWORD = "a long enough password"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / "home"))
    root = tmp_path / "proj"
    (root / "public").mkdir(parents=True)
    (root / "private").mkdir()
    (root / "public" / "open.csv").write_text("city\nOslo\n")
    (root / "private" / "people.csv").write_text("name,ssn\nMaria Gonzalez,536-22-1847\n")
    (root / "train.py").write_text("x = 1\n")
    monkeypatch.chdir(root)
    return root


def _as(role_bindings: tuple[tuple[str, str], ...]) -> Actor:
    return Actor(name="eve", kind="user", bindings=role_bindings, via="session")


def test_scan_needs_data_read_on_every_data_file(project: Path) -> None:
    svc = open_services()
    try:
        ac = svc.access
        ac.add_principal(ac.local_actor(), "root", password=PASSWORD, roles=("admin",))
        svc._actor = _as((("ml-engineer", "project:*"), ("viewer", "dataset:public/*")))
        denied = re.escape("data:read on dataset:private/people.csv")
        with pytest.raises(AccessDenied, match=denied):
            run(project, plugins=False, state=svc)
        decided = {(e.resource, e.outcome) for e in svc.trail.events(action="data:read")}
        assert decided == {
            ("dataset:public/open.csv", "allowed"),
            ("dataset:private/people.csv", "denied"),
        }
        # the same grant is what `data scan` asks for each of these files
        assert ac.decide(svc.actor, "data:read", "dataset:public/open.csv").allowed
        svc._actor = _as((("ml-engineer", "project:*"), ("viewer", "dataset:**")))
        assert run(project, plugins=False, state=svc).report.findings
        svc._actor = _as((("viewer", "*"),))  # reads data, may not run scans
        with pytest.raises(AccessDenied, match="scan:run"):
            run(project, plugins=False, state=svc)
    finally:
        svc.close()


def test_local_mode_scans_without_per_file_decisions(project: Path) -> None:
    svc = open_services()
    try:
        run(project, plugins=False, state=svc)
        assert not list(svc.trail.events(action="data:read"))
    finally:
        svc.close()
