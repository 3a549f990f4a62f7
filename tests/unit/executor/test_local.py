"""The executor interface on the local engine: results in input order, failures reported as
values, a unit that kills its process reported alone, and Ray never loaded by a local scan."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from secplan.errors import ConfigError
from secplan.executor import Executor, Failed, make_executor
from secplan.executor.local import LocalExecutor


def square(offset: int, item: int) -> int:
    if item == 13:
        raise ValueError("unlucky\nnumber")
    return item * item + offset


def die_on_seven(offset: int, item: int) -> int:
    if item == 7:
        os._exit(3)  # the worker process dies, as on a crash in a native library
    return item + offset


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_come_back_in_input_order_with_failures_as_values(jobs: int) -> None:
    seen: list[str] = []
    units = [(f"u{i}", i) for i in (5, 13, 2, 9)]
    with make_executor("local", jobs=jobs) as ex:
        out = ex.run(square, 1, units, seen.append)
    assert out[0] == 26 and out[2] == 5 and out[3] == 82
    assert isinstance(out[1], Failed) and out[1].key == "u13"
    assert "ValueError" in out[1].message and "\n" not in out[1].message
    assert {"u5", "u2", "u9"} <= set(seen) <= {k for k, _ in units}


def test_a_unit_that_kills_its_worker_fails_alone() -> None:
    units = [(f"u{i}", i) for i in range(10)]
    with make_executor("local", jobs=2) as ex:
        out = ex.run(die_on_seven, 100, units)
    assert [r for r in out if isinstance(r, Failed)] == [Failed("u7", out[7].message)]  # type: ignore[union-attr]
    assert "BrokenProcessPool" in out[7].message  # type: ignore[union-attr]
    assert [r for i, r in enumerate(out) if i != 7] == [100 + i for i in range(10) if i != 7]


def test_unknown_engine_is_a_one_line_error() -> None:
    with pytest.raises(ConfigError, match="unknown engine"):
        make_executor("spark")


def test_a_local_scan_does_not_import_ray(tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text("import pickle\npickle.load(open('m.pkl', 'rb'))\n")
    (tmp_path / "model.pkl").write_bytes(b"\x80\x04K\x01.")
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from secplan.scan_command import ScanOptions, run_scan\n"
        "from secplan.cli.model_command import run_model_scan\n"
        f"run_scan(ScanOptions(path=Path({str(tmp_path)!r}), fmt='json', plugins=False))\n"
        f"run_model_scan([Path({str(tmp_path)!r})], fmt='json', jobs=2)\n"
        "print('RAY' if 'ray' in sys.modules else 'NO-RAY')\n"
    )
    env = {**os.environ, "SECPLAN_HOME": str(tmp_path / "home")}
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=300
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "NO-RAY"


class LosesOne(Executor):
    """The local engine, except that the unit named ``lost`` fails as if on every retry."""

    name = "test"

    def __init__(self, lost: str) -> None:
        self.lost = lost

    def run(self, fn, shared, units, progress=None):  # type: ignore[no-untyped-def]
        out = LocalExecutor(1).run(fn, shared, units, progress)
        return [
            Failed(k, "worker failed: WorkerCrashedError") if k == self.lost else r
            for (k, _), r in zip(units, out, strict=True)
        ]


def test_a_lost_unit_is_a_not_verified_finding_in_both_scans(tmp_path: Path) -> None:
    from datetime import date

    from secplan.config import Settings
    from secplan.engine import run
    from secplan.governance.records import Records
    from secplan.model_scan import scan_models

    (tmp_path / "secplan.toml").write_text("")
    (tmp_path / "a.safetensors").write_bytes(b"\x02\x00\x00\x00\x00\x00\x00\x00{}")
    (tmp_path / "b.py").write_text("print(1)\n")
    day = date(2026, 12, 2)
    models = scan_models(
        [tmp_path], Settings(), Records(), as_of=day, executor=LosesOne("a.safetensors")
    )
    project = run(tmp_path, as_of=day, plugins=False, executor=LosesOne("b.py"))
    for a, path in ((models, "a.safetensors"), (project, "b.py")):
        lost = [f for f in a.report.findings if f.location.path == path and f.rule == "SX001"]
        assert len(lost) == 1 and "WorkerCrashedError" in lost[0].message


@pytest.mark.parametrize("command", [["scan"], ["model", "scan"], ["data", "scan"]])
def test_an_unknown_engine_is_a_usage_error(command: list[str], tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from secplan.cli.app import app

    result = CliRunner().invoke(app, [*command, str(tmp_path), "--engine", "spark"])
    assert result.exit_code == 2
    assert "unknown engine 'spark'" in result.output


def test_ray_engine_without_ray_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "model.safetensors").write_bytes(b"\x02\x00\x00\x00\x00\x00\x00\x00{}")
    probe = (
        "import sys\n"
        "sys.modules['ray'] = None  # as if ray were not installed\n"
        "sys.argv = ['secplan', 'model', 'scan', sys.argv[1], '--engine', 'ray']\n"
        "from secplan.cli import main\n"
        "main()\n"
    )
    env = {**os.environ, "SECPLAN_HOME": str(tmp_path / "home")}
    out = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert "needs the ray package" in out.stderr and "secplan[ray]" in out.stderr


class NotesOrder(Executor):
    """The local engine, noting the order in which the units are handed to it."""

    name = "test"

    def __init__(self) -> None:
        self.order: list[str] = []

    def run(self, fn, shared, units, progress=None):  # type: ignore[no-untyped-def]
        self.order = [k for k, _ in units]
        return LocalExecutor(1).run(fn, shared, units, progress)


def test_a_model_scan_hands_out_the_largest_files_first_and_reports_alike(tmp_path: Path) -> None:
    import pickle
    from datetime import date

    from secplan.config import Settings
    from secplan.governance.records import Records
    from secplan.model_scan import scan_models

    (tmp_path / "secplan.toml").write_text("")
    for name, size in (("a.pkl", 10), ("b.pkl", 3000), ("c.pkl", 200)):
        (tmp_path / name).write_bytes(pickle.dumps({"w": "x" * size}) + b"junk")  # a finding
    day = date(2026, 12, 2)
    seen = NotesOrder()
    models = scan_models([tmp_path], Settings(), Records(), as_of=day, executor=seen)
    assert seen.order == ["b.pkl", "c.pkl", "a.pkl"]
    alone = scan_models([tmp_path], Settings(), Records(), as_of=day, jobs=1)
    assert [f.location.path for f in models.report.findings] == ["a.pkl", "b.pkl", "c.pkl"]
    assert models.report.findings == alone.report.findings
