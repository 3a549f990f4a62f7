"""The lean entry of ``secplan model scan`` (the pre-commit hook's command) gives the output
and exit code of the full command line, and loads none of its machinery.

Each case runs both entries in a subprocess, as pre-commit does: ``secplan.cli.main`` (which
takes the lean path when it can) and the typer application itself. The malicious file's
payload is a canary; the conftest asserts it never ran.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from secplan.cli.lean import LeanScan, parse
from tests.helpers import reader_goes_away

from .build import system

LEAN = "import sys; from secplan.cli import main; sys.argv[0] = 'secplan'; main()"
FULL = "import sys; from secplan.cli.app import main; sys.argv[0] = 'secplan'; main()"
HEAVY = ("typer", "click", "jinja2", "sqlalchemy", "alembic", "cryptography", "pydantic")
_TIMES = re.compile(r'"(startTimeUtc|endTimeUtc|started)": "[^"]*"')


def _run(entry: str, args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "120"}
    env.pop("FORCE_COLOR", None)
    env.pop("TTY_COMPATIBLE", None)
    return subprocess.run(
        [sys.executable, "-c", entry, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def _same_but_clock(text: str) -> str:
    """The report without the clock: start times and the duration differ run to run."""
    text = _TIMES.sub(r'"\1": "<time>"', text)
    return re.sub(r'"duration_s": [0-9.e-]+', '"duration_s": 0', text)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "clean.pkl").write_bytes(pickle.dumps({"w": [1.0, 2.0]}, protocol=4))
    (tmp_path / "bad.pkl").write_bytes(system(tmp_path))
    return tmp_path


@pytest.mark.parametrize("fmt", ["table", "json", "sarif"])
@pytest.mark.parametrize("name, code", [("clean.pkl", 0), ("bad.pkl", 1)])
def test_the_lean_entry_writes_what_the_full_command_writes(
    files: Path, fmt: str, name: str, code: int
) -> None:
    args = ["model", "scan", "--jobs", "1", "-f", fmt, name]
    lean, full = _run(LEAN, args, files), _run(FULL, args, files)
    assert (lean.returncode, full.returncode) == (code, code), lean.stderr + full.stderr
    assert _same_but_clock(lean.stdout) == _same_but_clock(full.stdout)
    assert lean.stderr == full.stderr == ""
    if fmt == "json":
        report: dict[str, Any] = json.loads(lean.stdout)
        rules = {f["rule"] for f in report["findings"]}
        assert ("MF101" in rules) == (name == "bad.pkl")


def test_fail_on_and_output_file_match(files: Path) -> None:
    for entry, out in ((LEAN, "lean.sarif"), (FULL, "full.sarif")):
        res = _run(entry, ["model", "scan", "bad.pkl", "--fail-on=critical", "-o", out], files)
        assert res.returncode == 1 and res.stdout == "", res.stderr
    lean = (files / "lean.sarif").read_text(encoding="utf-8")
    full = (files / "full.sarif").read_text(encoding="utf-8")
    assert _same_but_clock(lean) == _same_but_clock(full)


@pytest.mark.parametrize(
    "args",
    [
        ["model", "scan", "missing.pt"],  # input error: exit 2, one line
        ["model", "scan", "clean.pkl", "--fail-on", "severe"],  # bad value, checked by both
        ["model", "scan", "clean.pkl", "--jobs", "0"],  # usage error: the full command's
        ["model", "scan", "clean.pkl", "--colour"],  # unknown option: the full command's
        ["model", "scan"],  # no path
    ],
)
def test_errors_match_the_full_command(files: Path, args: list[str]) -> None:
    lean, full = _run(LEAN, args, files), _run(FULL, args, files)
    assert lean.returncode == full.returncode == 2
    assert lean.stdout == full.stdout
    assert lean.stderr == full.stderr
    assert "Traceback" not in lean.stderr


def test_a_reader_that_goes_away_is_no_traceback(files: Path) -> None:
    for entry in (LEAN, FULL):
        argv = [sys.executable, "-c", entry, "model", "scan", "-f", "sarif", "clean.pkl"]
        assert reader_goes_away(argv, files) == (1, ""), entry


def _after_scan(files: Path, args: list[str], what: str) -> Any:
    """The exit code of ``secplan model scan --jobs 1 ARGS`` in a fresh interpreter, and the
    value of the expression ``what`` (over ``sys.modules``) once it has run."""
    probe = (
        "import sys, json, io, contextlib\n"
        f"sys.argv = ['secplan', 'model', 'scan', '--jobs', '1', *{args!r}]\n"
        "from secplan.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as exc:\n"
        "        code = exc.code\n"
        f"print(json.dumps([code, {what}]))\n"
    )
    res = subprocess.run(
        [sys.executable, "-c", probe], cwd=files, capture_output=True, text=True, check=True
    )
    return json.loads(res.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_the_lean_entry_loads_no_command_line_or_database_machinery(files: Path, fmt: str) -> None:
    heavy = f"sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))"
    code, (heavy, rich) = _after_scan(
        files, ["-f", fmt, "bad.pkl"], f"[{heavy}, 'rich' in sys.modules]"
    )
    assert code == 1  # the canary pickle was analysed and reported
    assert heavy == []
    # the terminal library loads only for colour, or text the plain writer does not measure
    assert rich is False


#: Loaded only by what a local scan without a settings file never does: reading TOML, a
#: remote object, a project scan's deadlines, git, SARIF import, the user's name, an object
#: store, a baseline, an archive (the pickle is no zip).
NOT_FOR_A_MODEL_FILE = (
    "tomllib",
    "tempfile",
    "getpass",
    "secplan.deadline",
    "secplan.gitinfo",
    "secplan.importers",
    "secplan.objectstore",
    "secplan.baseline",
    "secplan.modelfile.readers.zipread",
)


def test_a_clean_model_file_loads_only_what_its_scan_uses(files: Path) -> None:
    loaded = f"sorted(set({NOT_FOR_A_MODEL_FILE!r}) & set(sys.modules))"
    assert _after_scan(files, ["clean.pkl"], loaded) == [0, []]


def test_the_records_a_model_scan_loads_have_their_own_docstrings(files: Path) -> None:
    # a dataclass without one gets a docstring made from its signature, at a cost paid on
    # every start of the hook
    undocumented = (
        "sorted(f'{m}.{k}' for m, mod in list(sys.modules.items()) if m.startswith('secplan')"
        " for k, v in list(vars(mod).items()) if isinstance(v, type)"
        " and hasattr(v, '__dataclass_fields__') and v.__module__ == m"
        " and (v.__doc__ or '').startswith(k + '('))"
    )
    for args in (["clean.pkl"], ["-f", "json", "bad.pkl"]):
        assert _after_scan(files, args, undocumented)[1] == [], args


@pytest.mark.parametrize(
    "args, expected",
    [
        (["a.pt"], LeanScan(paths=(Path("a.pt"),))),
        (
            ["a.pt", "b.pkl", "-j", "2", "--format=sarif", "--fail-on", "low", "-o", "r.sarif"],
            LeanScan(
                paths=(Path("a.pt"), Path("b.pkl")),
                fmt="sarif",
                output=Path("r.sarif"),
                fail_on="low",
                jobs=2,
            ),
        ),
        (["-f", "json", "-f", "table", "a.pt"], LeanScan(paths=(Path("a.pt"),), fmt="table")),
    ],
)
def test_parse_takes_the_hook_options(args: list[str], expected: LeanScan) -> None:
    assert parse(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help"],
        ["a.pt", "--debug"],
        ["a.pt", "--config", "s.toml"],
        ["a.pt", "--jobs"],
        ["a.pt", "--jobs", "x"],
        ["a.pt", "--jobs", "-1"],
        ["a.pt", "-j=2"],
        ["--", "a.pt"],
        ["-"],
        ["a.pt", "--format", ""],
    ],
)
def test_anything_else_goes_to_the_full_command(args: list[str]) -> None:
    assert parse(args) is None


def test_only_an_argument_with_a_scheme_is_remote(tmp_path: Path) -> None:
    from secplan.cli.model_command import _remote

    # Path folds "s3://" into "s3:/": the URL gets its two slashes back
    assert _remote([Path("s3://bucket/models"), tmp_path]) == ["s3://bucket/models"]
    assert _remote([tmp_path / "model.pt", Path("file:///srv/model.pt")]) == []
