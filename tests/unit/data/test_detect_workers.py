"""``secplan data detect`` with workers checks access and records the read in a process of
its own: the same output, the same refusals and the same audit trail as with one job."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from secplan.cli._checked import AccessCheck
from secplan.errors import SecplanError
from secplan.services import open_services
from tests.unit.data.test_parallel import corpus

PASSWORD = "correct horse battery staple"


def _detect(
    path: Path, home: Path, jobs: str, *extra: str, **env: str
) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SECPLAN_")}
    argv = [sys.executable, "-m", "secplan", "data", "detect", str(path), *extra, "-j", jobs]
    return subprocess.run(
        argv,
        capture_output=True,
        text=True,
        env={**environ, "SECPLAN_HOME": str(home), **env},
        cwd=path.parent,
        timeout=300,
        check=False,
    )


def _trail(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> list[tuple[str, str, str, dict[str, object]]]:
    monkeypatch.setenv("SECPLAN_HOME", str(home))
    svc = open_services()
    try:
        return [(e.actor, e.action, e.outcome, json.loads(e.details)) for e in svc.trail.events()]
    finally:
        svc.close()


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An input worth two workers."""
    return corpus(tmp_path_factory.mktemp("big") / "c.jsonl", 1500, seed=3)


def test_the_read_is_checked_and_recorded_as_with_one_job(
    big: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = _detect(big, tmp_path / "one", "1", "--field", "text")
    two = _detect(big, tmp_path / "two", "2", "--field", "text")
    assert (two.returncode, two.stderr) == (0, "")
    assert two.stdout == one.stdout and one.stdout.count("\n") == 1500
    trail = _trail(tmp_path / "two", monkeypatch)
    assert trail == _trail(tmp_path / "one", monkeypatch)
    assert [(action, outcome) for _, action, outcome, _ in trail] == [("data:read", "allowed")] * 2
    assert trail[1][3]["records"] == 1500


def test_a_run_stopped_early_is_not_recorded(
    big: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = _detect(big, tmp_path / "one", "1", "--field", "nope")
    two = _detect(big, tmp_path / "two", "2", "--field", "nope")
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert two.returncode == 2 and two.stderr.count("\n") == 1 and "'nope'" in two.stderr
    trail = _trail(tmp_path / "two", monkeypatch)
    assert trail == _trail(tmp_path / "one", monkeypatch)
    assert len(trail) == 1 and "records" not in trail[0][3]  # the check, and no record


def test_a_refusal_is_one_line_audited_and_nothing_is_written(
    big: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("one", "two"):  # a database with users: nobody logged in may read nothing
        monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / name))
        svc = open_services()
        svc.access.add_principal(
            svc.access.local_actor(), "alice", password=PASSWORD, roles=("admin",)
        )
        svc.close()
    one = _detect(big, tmp_path / "one", "1")
    two = _detect(big, tmp_path / "two", "2")
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, "", one.stderr)
    assert two.returncode == 2 and two.stderr.count("\n") == 1 and "Traceback" not in two.stderr
    denied = [e for e in _trail(tmp_path / "two", monkeypatch) if e[1] == "data:read"]
    assert [(action, outcome) for _, action, outcome, _ in denied] == [("data:read", "denied")]


def test_a_server_setting_is_refused_in_one_line(big: Path, tmp_path: Path) -> None:
    server = {"SECPLAN_SERVER": "https://secplan.example"}
    one = _detect(big, tmp_path / "one", "1", **server)
    two = _detect(big, tmp_path / "two", "2", **server)
    assert (two.returncode, two.stdout, two.stderr) == (2, "", one.stderr)
    assert "SECPLAN_SERVER is set" in two.stderr and two.stderr.count("\n") == 1
    assert not (tmp_path / "two" / "secplan.db").exists()


@pytest.mark.parametrize(
    ("answer", "raised", "shown"),
    [
        (b"", SecplanError, "the access check stopped without an answer (run the command again)"),
        (
            b"not json\n",
            SecplanError,
            "the access check stopped without an answer (run the command again)",
        ),
        (b'["error", "denied here", "log in"]\n', SecplanError, "denied here (log in)"),
        (b'["crash", "Traceback: boom"]\n', RuntimeError, "Traceback: boom"),
    ],
)
def test_what_the_check_answers_is_raised_in_the_command(
    answer: bytes, raised: type[Exception], shown: str
) -> None:
    check = AccessCheck(pid=0, answers=io.BytesIO(answer), orders=io.BytesIO())
    with pytest.raises(raised) as exc:
        check.allowed()
    assert str(exc.value) == shown


def test_an_ok_lets_the_command_go_on_and_the_record_sends_the_count() -> None:
    orders = io.BytesIO()
    check = AccessCheck(pid=0, answers=io.BytesIO(b'["ok"]\n["ok"]\n'), orders=orders)
    check.allowed()
    check.record(1234)
    check.recorded()
    assert orders.getvalue() == b"1234\n"


def test_a_record_that_could_not_be_written_is_the_command_s_error() -> None:
    answers = io.BytesIO(b'["ok"]\n["error", "database is locked", "run it again"]\n')
    check = AccessCheck(pid=0, answers=answers, orders=io.BytesIO())
    check.allowed()
    check.record(3)
    with pytest.raises(SecplanError, match="database is locked"):
        check.recorded()


@pytest.mark.parametrize("platform", ["linux", "darwin"])  # darwin: the check in-process
def test_both_ways_of_checking_give_the_same_lines_and_trail(
    big: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    platform: str,
) -> None:
    from secplan.cli.detect_command import run_detect

    monkeypatch.chdir(big.parent)
    monkeypatch.delenv("SECPLAN_SERVER", raising=False)
    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / "one"))
    assert run_detect(big, ("text",), 1, 0.5) == 0
    one = capsys.readouterr()
    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / "two"))
    monkeypatch.setattr(sys, "platform", platform)
    assert run_detect(big, ("text",), 2, 0.5) == 0
    two = capsys.readouterr()
    monkeypatch.undo()
    assert (two.out, two.err) == (one.out, "") and one.out.count("\n") == 1500
    assert _trail(tmp_path / "two", monkeypatch) == _trail(tmp_path / "one", monkeypatch)


def test_the_check_stops_waiting_once_the_command_is_gone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from secplan.cli import _checked

    monkeypatch.setattr(_checked, "ORPHAN_CHECK_S", 0.01)
    read, write = os.pipe()
    with os.fdopen(read, "rb") as orders, os.fdopen(write, "wb", buffering=0) as sent:
        # the workers keep the pipe open: only the parent's going shows that it is gone
        assert _checked._order(orders, parent=os.getppid() + 1) == b""
        sent.write(b"12\n")
        assert _checked._order(orders, parent=os.getppid()) == b"12\n"
