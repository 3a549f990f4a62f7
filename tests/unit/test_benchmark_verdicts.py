"""The verdict record of the model-scan benchmarks (benchmarks/model_scan/verdicts.py): a scan
is recorded per file, and any change in a finding, error or skip shows in the comparison."""

from __future__ import annotations

import importlib.util
import pickle
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "model_scan" / "verdicts.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("model_scan_verdicts", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _corpus(root: Path) -> Path:
    root.mkdir()
    (root / "clean.pkl").write_bytes(pickle.dumps({"w": [1.0, 2.0]}, protocol=4))
    marker = root / "CANARY"  # never created: nothing here is loaded
    call = f"touch {marker}".encode()
    payload = b"\x80\x02cos\nsystem\n(X" + len(call).to_bytes(4, "little") + call + b"tR."
    (root / "bad.pkl").write_bytes(payload)
    return root


def test_a_changed_verdict_is_reported(tmp_path: Path) -> None:
    verdicts = _load()
    folder = _corpus(tmp_path / "corpus")
    before = {"c": verdicts.scan(folder, 300)}
    assert [f[:2] for f in before["c"]["bad.pkl"]["findings"]] == [["MF101", "critical"]]
    assert before["c"]["clean.pkl"]["findings"] == []
    assert verdicts.compare(before, {"c": verdicts.scan(folder, 300)}) == []
    (folder / "clean.pkl").write_bytes((folder / "bad.pkl").read_bytes())
    diffs = verdicts.compare(before, {"c": verdicts.scan(folder, 300)})
    assert len(diffs) == 1 and diffs[0].startswith("c/clean.pkl:")
    assert verdicts.compare(before, {}) == ["c: only in the record"]
    assert not (folder / "CANARY").exists()


def test_seconds_in_a_message_are_left_out() -> None:
    verdicts = _load()
    assert verdicts._scrub("analysis took longer than 120 s") == ("analysis took longer than N s")
    assert verdicts._scrub("a 2.5 s limit; 3 streams") == "a N s limit; 3 streams"
