"""Each test gets its own secplan home."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def own_home(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path_factory.mktemp("secplan-home")))
