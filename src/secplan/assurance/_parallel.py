"""One test step in a second process, beside the others, in the test process.

The step runs in a fork of the test process (the model and the data are already loaded, and
no network is reachable), with the CPU time the test process has left; its result comes back
through a pipe. Every step seeds its own random choices, so the numbers are the same as when
the steps run one after another. Where ``fork`` is missing, a single core is available, or the
model's library has started threads of its own (a fork would copy only one of them), the step
runs in the test process when its result is asked for.
"""

from __future__ import annotations

import os
import pickle
import resource
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from secplan.errors import SecplanError


class StepFailed(Exception):
    """A step that failed in the second process: ``kind`` is its exception's type name."""

    def __init__(self, kind: str, text: str) -> None:
        super().__init__(text)
        self.kind = kind


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


#: Threads that survive a fork: the allocator's background thread (jemalloc re-creates it).
FORK_SAFE = frozenset({"jemalloc_bg_thd"})


def single_threaded() -> bool:
    """Whether the process runs a single thread, the allocator's aside (Linux: the entries of
    ``/proc/self/task``). A fork copies only the thread that calls it, so a library that started
    a pool of threads (LightGBM's OpenMP pool, say) could wait forever in the copy; where
    ``/proc`` is missing it is unknown, and the answer is no."""
    try:
        tasks = Path("/proc/self/task").iterdir()
        names = [(t / "comm").read_text(encoding="utf-8").strip() for t in tasks]
    except OSError:
        return False
    return sum(n not in FORK_SAFE for n in names) == 1


class Beside:
    """``step`` started in a forked process; :meth:`result` waits for its value and the CPU
    seconds it took (and raises what the step raised)."""

    def __init__(self, step: Callable[[], Any]) -> None:
        self._step = step
        self._pid = 0
        if not hasattr(os, "fork") or cores() < 2 or not single_threaded():
            return
        read, write = os.pipe()
        used, parent = time.process_time(), os.getpid()
        pid = os.fork()
        if pid == 0:  # the second process: never returns
            try:
                os.close(read)
                _detach(parent)
                _serve(step, write, used)
            finally:
                os._exit(0)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> tuple[Any, float]:
        if not self._pid:
            start = time.process_time()
            value = self._step()
            return value, time.process_time() - start
        chunks = []
        with os.fdopen(self._read, "rb") as pipe:
            while chunk := pipe.read(1 << 16):
                chunks.append(chunk)
        _, status = os.waitpid(self._pid, 0)
        self._pid = -1
        if os.WIFSIGNALED(status):
            raise MemoryError  # killed at its CPU or memory limit
        if not chunks:
            raise StepFailed("Error", "the second test process ended without a result")
        # the pickle is our own process's, written by _serve below
        kind, *rest = pickle.loads(b"".join(chunks))  # noqa: S301
        if kind == "ok":
            return rest[0], rest[1]
        if kind == "secplan":
            raise SecplanError(rest[0], rest[1])
        if kind == "memory":
            raise MemoryError
        raise StepFailed(rest[0], rest[1])

    def cancel(self) -> None:
        """Stop the second process (when the test process fails first)."""
        if self._pid > 0:
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            os.close(self._read)
            self._pid = -1


def _detach(parent: int) -> None:
    """Leave the test process's output to it (its caller reads that to the end), and die with
    it (on Linux), so that a test process stopped at its limits leaves nothing running."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not on Linux
        pass
    if os.getppid() != parent:  # it died before the line above
        os._exit(1)


def _serve(step: Callable[[], Any], write: int, used: float) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if soft != resource.RLIM_INFINITY:
        left = max(1, int(soft - used))
        top = left + 5 if hard == resource.RLIM_INFINITY else min(left + 5, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (left, top))
    try:
        start = time.process_time()
        value = step()
        out: tuple[Any, ...] = ("ok", value, time.process_time() - start)
    except SecplanError as exc:
        out = ("secplan", exc.message, exc.hint)
    except MemoryError:
        out = ("memory",)
    except BaseException as exc:  # any failure goes back to the test process
        out = ("failed", type(exc).__name__, str(exc)[:300])
    data = pickle.dumps(out)
    with os.fdopen(write, "wb") as pipe:
        pipe.write(data)
