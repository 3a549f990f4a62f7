"""Per-file deadlines for the scanners, readers and detectors that parse text and data.

A scanner that takes longer than the deadline on one file is stopped, and the file is
reported as not verified (SX001), never as clean. Two mechanisms work together:

* in the main thread of a POSIX process, a real-time interval timer interrupts whatever is
  running when the deadline passes, including a regular-expression match (Python's ``re``
  checks for signals while it backtracks);
* everywhere, loops over untrusted input call :func:`check` (and :meth:`Budget.spend` for
  work counted in items), which raise once the deadline has passed or the work budget is
  spent.

:class:`DeadlineExceeded` derives from :class:`BaseException` so that a scanner's own
``except Exception`` cannot swallow it and carry on as if the file were clean.

>>> with deadline(5.0):
...     check()
"""

from __future__ import annotations

import contextvars
import math
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType
from typing import TypeVar

R = TypeVar("R")

#: Wall-clock seconds all text, configuration and data scanners together may spend on one
#: file (the model-file analyzer has its own limit). ``SECPLAN_FILE_SECONDS`` overrides it.
FILE_SECONDS = 120.0
#: Items (lines, rows, cells, nodes) one file may make a reader or scanner walk.
FILE_WORK = 50_000_000
#: Data files (tables, JSON Lines, text corpora) may be large for good reasons: beyond
#: :data:`FILE_SECONDS`, ``secplan data`` allows one more second per this many bytes.
DATA_BYTES_PER_SECOND = 1 << 20


class DeadlineExceeded(BaseException):
    """The file took longer than its deadline, or more work than its budget."""


@dataclass(slots=True)
class Budget:
    """The deadline and the work left for the file being scanned."""

    seconds: float
    ends: float
    work: int
    work_left: int = -1
    pid: int = field(default_factory=os.getpid)  # a forked worker starts its own

    def __post_init__(self) -> None:
        if self.work_left < 0:
            self.work_left = self.work

    def spend(self, n: int = 1) -> None:
        self.work_left -= n
        if self.work_left < 0:
            raise DeadlineExceeded(f"more than {self.work:,} items of work on one file")
        if time.monotonic() > self.ends:
            raise DeadlineExceeded(f"took longer than {self.seconds:g} s")


_current: contextvars.ContextVar[Budget | None] = contextvars.ContextVar(
    "secplan_file_budget", default=None
)


def file_seconds() -> float:
    """The per-file deadline: :data:`FILE_SECONDS`, or ``SECPLAN_FILE_SECONDS`` when it is a
    positive number."""
    raw = os.environ.get("SECPLAN_FILE_SECONDS", "")
    try:
        value = float(raw)
    except ValueError:
        return FILE_SECONDS
    return value if math.isfinite(value) and value > 0 else FILE_SECONDS


def data_file_seconds(size: int) -> float:
    """The deadline for a data file of ``size`` bytes: :func:`file_seconds`, plus one second
    per :data:`DATA_BYTES_PER_SECOND` (a slower scan means a cell or line the detectors cannot
    get through, and the file is reported as not completely checked)."""
    return file_seconds() + max(size, 0) / DATA_BYTES_PER_SECOND


def rounded(seconds: float) -> float:
    """``seconds`` as messages show it: whole seconds from 10 s up, tenths below."""
    return float(round(seconds)) if seconds >= 10 else round(seconds, 1)


def run_until(ends: float, shown: float, fn: Callable[..., R], *args: object) -> R:
    """``fn(*args)`` under the deadline that ends at ``ends`` (:func:`time.monotonic`, which
    is system-wide, so a worker process can keep the deadline of the file it works on)."""
    with deadline(max(ends - time.monotonic(), 0.001), shown=shown):
        return fn(*args)


def current() -> Budget | None:
    """The budget of the file being scanned, if any."""
    return _current.get()


def check() -> None:
    """Raise :class:`DeadlineExceeded` when the current file's deadline has passed."""
    b = _current.get()
    if b is not None and time.monotonic() > b.ends:
        raise DeadlineExceeded(f"took longer than {b.seconds:g} s")


def spend(n: int = 1) -> None:
    """Count ``n`` items of work against the current file's budget (and check the time)."""
    b = _current.get()
    if b is not None:
        b.spend(n)


def _can_alarm() -> bool:
    if not hasattr(signal, "setitimer"):
        return False
    if threading.current_thread() is not threading.main_thread():
        return False
    if signal.getitimer(signal.ITIMER_REAL)[0] != 0.0:
        return False
    handler = signal.getsignal(signal.SIGALRM)
    # our own handler without a timer: inherited by a worker forked during a deadline
    return handler in (signal.SIG_DFL, signal.SIG_IGN, None) or getattr(handler, _MARK, False)


_MARK = "_secplan_deadline"


@contextmanager
def deadline(
    seconds: float | None = None, work: int = FILE_WORK, *, shown: float | None = None
) -> Iterator[Budget]:
    """Run the body under a deadline of ``seconds`` (default :func:`file_seconds`) and a work
    budget of ``work`` items; nested calls keep the earlier deadline. ``shown`` is the limit
    messages name (the whole file's, when ``seconds`` is what is left of it)."""
    limit = file_seconds() if seconds is None else seconds
    outer = _current.get()
    if outer is not None and outer.pid != os.getpid():
        outer = None  # a forked worker: the parent's alarm does not reach this process
    ends = time.monotonic() + limit
    if outer is not None and outer.ends <= ends:
        yield outer
        return
    budget = Budget(seconds=limit if shown is None else shown, ends=ends, work=work)
    token = _current.set(budget)
    alarm = _can_alarm()
    if alarm:

        def _fire(signum: int, frame: FrameType | None) -> None:
            raise DeadlineExceeded(f"took longer than {budget.seconds:g} s")

        setattr(_fire, _MARK, True)
        previous = signal.signal(signal.SIGALRM, _fire)
        signal.setitimer(signal.ITIMER_REAL, max(limit, 0.001))
    try:
        yield budget
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0.0)
            signal.signal(signal.SIGALRM, previous)
        _current.reset(token)


__all__ = [
    "DATA_BYTES_PER_SECOND",
    "FILE_SECONDS",
    "FILE_WORK",
    "Budget",
    "DeadlineExceeded",
    "check",
    "current",
    "data_file_seconds",
    "deadline",
    "file_seconds",
    "rounded",
    "run_until",
    "spend",
]
