"""Every analyzer test gets a canary directory and checks that no payload ever ran."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _no_payload_runs(tmp_path: Path) -> Iterator[None]:
    yield
    assert not (tmp_path / "CANARY").exists(), "a payload was executed"
