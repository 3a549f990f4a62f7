"""``secplan data detect`` answered before the full command line loads: the same output,
the same errors and the same audit record as the full command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from secplan.cli.detect_command import parse

FULL = "import sys; sys.argv[0] = 'secplan'; from secplan.cli.app import main; main()"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["a.jsonl"], {"file": "a.jsonl", "fields": [], "jobs": 0, "threshold": 0.5}),
        (
            ["--field=text", "a.jsonl", "--field", "title", "--jobs=3", "-j", "2"],
            {"file": "a.jsonl", "fields": ["text", "title"], "jobs": 2, "threshold": 0.5},
        ),
        (
            ["a.jsonl", "--threshold", "0.7"],
            {"file": "a.jsonl", "fields": [], "jobs": 0, "threshold": 0.7},
        ),
    ],
)
def test_options_the_lean_entry_takes(args: list[str], expected: dict[str, object]) -> None:
    assert parse(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["a.jsonl", "b.jsonl"],
        ["a.jsonl", "--help"],
        ["a.jsonl", "--ner", "spacy:en_core_web_sm"],
        ["a.jsonl", "--field"],
        ["a.jsonl", "--field", "-j"],
        ["a.jsonl", "-j", "x"],
        ["a.jsonl", "-j", "-1"],
        ["a.jsonl", "-j2"],
        ["a.jsonl", "-j=2"],
        ["a.jsonl", "-j", "²"],
        ["a.jsonl", "--threshold", "1.5"],
        ["a.jsonl", "--threshold", "nan"],
        ["a.jsonl", "--threshold", "high"],
        ["-", "--field", "text"],
        ["a.jsonl", "--", "b"],
    ],
)
def test_anything_else_goes_to_the_full_command_line(args: list[str]) -> None:
    assert parse(args) is None


def _run(argv: list[str], home: Path, *, full: bool) -> subprocess.CompletedProcess[str]:
    entry = ["-c", FULL] if full else ["-m", "secplan"]
    env = {**os.environ, "SECPLAN_HOME": str(home)}
    return subprocess.run(
        [sys.executable, *entry, *argv], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.mark.parametrize(
    "extra",
    [["--field", "text"], ["--field", "nope"], ["-j", "2", "--threshold", "0.9"]],
)
def test_lean_and_full_command_lines_agree(tmp_path: Path, extra: list[str]) -> None:
    path = tmp_path / "d.jsonl"
    rows = [{"text": f"Call Maria Gonzalez on +44 20 7946 00{i:02d}", "n": i} for i in range(40)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    argv = ["data", "detect", str(path), *extra]
    lean = _run(argv, tmp_path / "lean", full=False)
    full = _run(argv, tmp_path / "full", full=True)
    assert (lean.returncode, lean.stdout, lean.stderr) == (
        full.returncode,
        full.stdout,
        full.stderr,
    )
    assert "Traceback" not in lean.stderr
    if lean.returncode == 0:
        audit = _run(["audit", "log", "--format", "json"], tmp_path / "lean", full=True)
        assert "pii-detect" in audit.stdout


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    done = _run(["data", "detect", str(tmp_path / "none.jsonl")], tmp_path, full=False)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "no such file" in done.stderr
