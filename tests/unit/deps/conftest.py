"""Each test gets its own secplan home (so its vulnerability database is its own), and the
OSV fixtures can be imported as that database."""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.vulndb import default_path, import_osv

OSV_DATA = Path(__file__).resolve().parents[2] / "data" / "osv"


@pytest.fixture(autouse=True)
def own_home(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path_factory.mktemp("secplan-home")))


@pytest.fixture
def osv_db() -> Path:
    """The OSV fixtures imported as the default database."""
    import_osv(OSV_DATA, default_path())
    return default_path()
