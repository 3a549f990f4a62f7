"""Every input a model-file harness ever saved as failing, replayed: each must now keep every
promise (a report, within the time and memory limits)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz._model_harness import GROUPS, REGRESSIONS, run_one

CASES = sorted(p for g in GROUPS if (REGRESSIONS / g).is_dir() for p in (REGRESSIONS / g).iterdir())


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_saved_input_keeps_every_promise(path: Path) -> None:
    name = path.name.split("--", 1)[-1]
    assert run_one(name, path.read_bytes()) == ""


def test_a_harness_sees_a_hang_a_crash_and_a_clean_input(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.fuzz import _model_harness as h

    def hang(name: str, data: bytes, out: int) -> None:
        while True:
            pass

    def crash(name: str, data: bytes, out: int) -> None:
        raise RuntimeError("boom")

    assert h.run_one("m.pkl", b"N.") == ""
    monkeypatch.setattr(h, "INPUT_SECONDS", 0.5)
    monkeypatch.setattr(h, "_target", hang)
    assert h.run_one("m.pkl", b"N.").startswith("hang")
    monkeypatch.setattr(h, "_target", crash)
    assert h.run_one("m.pkl", b"N.").startswith("crash")
