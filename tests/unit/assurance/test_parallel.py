"""A test step in a second process: its value and CPU seconds come back, what it raises is
raised in the test process (a secplan error with its hint, a limit as MemoryError, anything
else by its type's name), and with one core it runs in the test process itself."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from secplan.assurance import _parallel
from secplan.assurance._parallel import Beside, StepFailed
from secplan.errors import TargetError

fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def _pid_and_sum() -> tuple[int, int]:
    return os.getpid(), sum(range(1000))


@fork
def test_the_value_comes_back_from_another_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_parallel, "cores", lambda: 2)
    monkeypatch.setattr(_parallel, "single_threaded", lambda: True)  # other tests' threads
    (pid, total), cpu = Beside(_pid_and_sum).result()
    assert pid != os.getpid() and total == 499500 and cpu >= 0


def test_one_core_runs_the_step_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_parallel, "cores", lambda: 1)
    (pid, total), _ = Beside(_pid_and_sum).result()
    assert pid == os.getpid() and total == 499500


def _refuse() -> None:
    raise TargetError("data.csv: no rows", "give rows")


def _broken() -> None:
    raise KeyError("f07")


def _killed() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


@fork
def test_failures_are_raised_in_the_test_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_parallel, "cores", lambda: 2)
    monkeypatch.setattr(_parallel, "single_threaded", lambda: True)  # other tests' threads
    with pytest.raises(Exception) as caught:
        Beside(_refuse).result()
    assert caught.value.message == "data.csv: no rows" and caught.value.hint == "give rows"  # type: ignore[attr-defined]
    with pytest.raises(StepFailed) as failed:
        Beside(_broken).result()
    assert failed.value.kind == "KeyError" and "f07" in str(failed.value)
    with pytest.raises(MemoryError):
        Beside(_killed).result()


@fork
def test_a_cancelled_step_leaves_no_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_parallel, "cores", lambda: 2)
    monkeypatch.setattr(_parallel, "single_threaded", lambda: True)  # other tests' threads
    run = Beside(lambda: os.kill(os.getpid(), signal.SIGSTOP))
    pid = run._pid
    run.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def _wait_forever() -> None:
    signal.pause()


@fork
def test_the_second_process_dies_with_the_test_process(tmp_path: Path) -> None:
    """A test process stopped at its limits leaves nothing running that holds its output."""
    script = (
        "import os, sys\n"
        "from secplan.assurance import _parallel\n"
        "_parallel.cores = lambda: 2\n"
        "from tests.unit.assurance.test_parallel import _wait_forever\n"
        "run = _parallel.Beside(_wait_forever)\n"
        "print(run._pid, flush=True)\n"
        "os._exit(0)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    pid = int(out.stdout.split()[0])
    stat = Path(f"/proc/{pid}/stat")
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        if stat.is_file() and stat.read_text().rsplit(")", 1)[-1].split()[0] == "Z":
            return  # dead, not yet reaped
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    pytest.fail("the second process outlived the test process")


def test_a_process_with_threads_of_its_own_runs_the_step_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_parallel, "cores", lambda: 2)
    monkeypatch.setattr(_parallel, "single_threaded", lambda: False)
    (pid, _), _ = Beside(_pid_and_sum).result()
    assert pid == os.getpid()


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc")
def test_a_started_thread_is_seen() -> None:
    import threading

    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)
    helper.start()
    try:
        assert _parallel.single_threaded() is False
    finally:
        stop.set()
        helper.join()
