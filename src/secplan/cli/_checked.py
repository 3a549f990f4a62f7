"""A command's access check and audit record in a process of its own.

A command with workers forks this process before it loads its detectors: the process opens
the database, checks access and, once the command has finished, records what was done,
while the command loads the detectors once (the workers it forks afterwards share them).
Nothing of the input is read before the check has passed: the command waits for the
answer (:meth:`AccessCheck.allowed`) before it opens the input. Without an answer of
``records`` (the command stopped early), no record is written, as when the command checks
and records in its own process.

The two processes exchange one JSON line each way per step: the check's outcome, the
number of records, the record's outcome.
"""

from __future__ import annotations

import json
import os
import select
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: An answer: ``["ok"]``, ``["error", message, hint]`` (a refusal, as the command prints
#: it) or ``["crash", traceback]`` (a fault, not a refusal).
Answer = list[str]
#: Seconds between the child's checks that the command is still running.
ORPHAN_CHECK_S = 1.0


@dataclass(slots=True)
class AccessCheck:
    """The parent's end: the child's process id and the two pipes."""

    pid: int
    answers: Any  # binary file: the child's answers
    orders: Any  # binary file: the number of records to record
    done: bool = field(default=False)

    @classmethod
    def start(cls, file: Path, action: str, **details: object) -> AccessCheck:
        """Fork the process that checks ``action`` on ``file`` for the current actor."""
        to_child, from_parent = os.pipe()
        to_parent, from_child = os.pipe()
        for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice
            stream.flush()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child; its outcome is what the tests check
            code = 1
            try:
                os.close(from_parent)
                os.close(to_parent)
                _serve(to_child, from_child, file, action, details)
                code = 0
            finally:
                os._exit(code)
        os.close(to_child)
        os.close(from_child)
        return cls(pid, os.fdopen(to_parent, "rb"), os.fdopen(from_parent, "wb", buffering=0))

    def allowed(self) -> None:
        """Return once the actor may act; raise the refusal (a ``SecplanError``) otherwise."""
        _raise(self._answer("the access check"))

    def record(self, records: int) -> None:
        """Have the read recorded with the number of ``records`` (see :meth:`recorded`)."""
        self.orders.write(json.dumps(records).encode() + b"\n")

    def recorded(self) -> None:
        """Return once the record is written; raise if it could not be."""
        _raise(self._answer("the audit record"))

    def close(self) -> None:
        """Let the child go (without a record, unless :meth:`record` was called) and reap it."""
        if self.done:
            return
        self.done = True
        self.orders.close()
        self.answers.close()
        os.waitpid(self.pid, 0)

    def _answer(self, what: str) -> Answer:
        line = self.answers.readline()
        try:
            answer = json.loads(line)
        except ValueError:
            answer = None
        if isinstance(answer, list) and answer and all(isinstance(a, str) for a in answer):
            return answer
        return ["error", f"{what} stopped without an answer", "run the command again"]


def _raise(answer: Answer) -> None:
    from secplan.errors import SecplanError

    if answer[0] == "error":
        raise SecplanError(answer[1], answer[2] if len(answer) > 2 else "")
    if answer[0] != "ok":
        raise RuntimeError("\n".join(answer[1:]))


def _outcome(step: Any) -> Answer:
    from secplan.errors import SecplanError

    try:
        step()
    except SecplanError as exc:
        return ["error", exc.message, exc.hint]
    except BaseException:  # handed to the parent, which raises it
        import traceback

        return ["crash", traceback.format_exc()]
    return ["ok"]


def _serve(
    orders_fd: int, answers_fd: int, file: Path, action: str, details: dict[str, Any]
) -> None:
    """The child: check, answer, wait for the number of records, record it, answer."""
    from secplan.cli._services import services
    from secplan.data.ops import authorize, record, resource

    parent = os.getppid()
    opened: list[Any] = []

    def check() -> None:
        svc = services()
        res = resource(file)
        authorize(svc, action, res, **details)
        opened.extend((svc, res))

    with os.fdopen(answers_fd, "wb", buffering=0) as answers, os.fdopen(orders_fd, "rb") as orders:
        answer = _outcome(check)
        answers.write(json.dumps(answer).encode() + b"\n")
        if answer[0] != "ok":
            return
        line = _order(orders, parent)
        if not line:
            return  # the command stopped before the end: nothing to record
        records = int(json.loads(line))
        svc, res = opened
        answer = _outcome(lambda: record(svc, action, res, **details, records=records))
        answers.write(json.dumps(answer).encode() + b"\n")


def _order(orders: Any, parent: int) -> bytes:
    """The command's next line; empty once it has closed the pipe or is gone (its workers,
    which hold a copy of the pipe, may outlive it)."""
    while not select.select([orders], [], [], ORPHAN_CHECK_S)[0]:
        if os.getppid() != parent:
            return b""
    return bytes(orders.readline())
