"""``secplan data detect`` without the command-line framework.

The command's body (:func:`run_detect`) is shared by the full command line and by the lean
entry (:func:`run`), which ``secplan data detect FILE`` with only the options below reaches
before typer, rich and the other commands load. Anything else (``--ner``, ``--help``, a value
missing or out of range, a second file) returns ``None`` and the full command line takes the
arguments unchanged, so that its usage errors and help stay the only ones.

With workers, the access check and the audit record run in a process of their own
(:mod:`secplan.cli._checked`) while this one loads the detector once, before it forks the
workers, which share it; the input is opened once the check has passed.

>>> parse(["corpus.jsonl", "--field", "text", "-j", "2"])
{'file': 'corpus.jsonl', 'fields': ['text'], 'jobs': 2, 'threshold': 0.5}
>>> parse(["corpus.jsonl", "--threshold=1.5"]) is None
True
>>> parse(["corpus.jsonl", "--help"]) is None
True
"""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from secplan.cli._argv import option_value

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from secplan.data.work import DetectorSpec

OK, ERROR = 0, 2
#: The options the lean entry takes, each with one value.
OPTIONS = ("--field", "--jobs", "-j", "--threshold")


def _value(name: str, value: str) -> int | float | str | None:
    """``value`` as the full command line reads it, or ``None`` when it would refuse it."""
    if name in ("--jobs", "-j"):
        return int(value) if value.isascii() and value.isdigit() else None
    if name == "--threshold":
        try:
            number = float(value)
        except ValueError:
            return None
        return number if not math.isnan(number) and 0.0 <= number <= 1.0 else None
    return value


def parse(args: list[str]) -> dict[str, Any] | None:
    """The file and options, or ``None`` when the full command line must parse ``args``."""
    found: dict[str, Any] = {"file": None, "fields": [], "jobs": 0, "threshold": 0.5}
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if not arg.startswith("-"):
            if found["file"] is not None:
                return None  # a second file: the full command reports it
            found["file"] = arg
            continue
        name, eq, value = arg.partition("=")
        if name not in OPTIONS or (eq and name == "-j"):
            return None  # --help, --ner, another option: the full command decides
        taken = option_value(args, i, eq, value)
        if taken is None:
            return None
        value, i = taken
        parsed = _value(name, value)
        if parsed is None:
            return None
        if name == "--field":
            found["fields"].append(parsed)
        else:  # the last one wins, as on the full command line
            found["jobs" if name in ("--jobs", "-j") else "threshold"] = parsed
    return found if found["file"] is not None else None


def run(args: list[str]) -> int | None:
    """Run ``secplan data detect ARGS`` and return its exit code; ``None`` when the arguments
    are not for the lean entry (nothing has been done then)."""
    opts = parse(args)
    if opts is None:
        return None
    try:
        fields = tuple(opts["fields"])
        return run_detect(Path(opts["file"]), fields, opts["jobs"], opts["threshold"])
    except KeyboardInterrupt:
        sys.stderr.write("secplan: interrupted\n")
        return 130


def _fail(message: str, hint: str) -> int:
    sys.stderr.write(f"secplan: error: {message} ({hint})\n")
    return ERROR


def run_detect(
    file: Path, fields: tuple[str, ...], jobs: int, threshold: float, ner: str = ""
) -> int:
    """Print one JSON line per record of ``file`` with the spans found in ``fields`` (all
    text fields if empty), audited as a read of the dataset. Returns 0, or 2 with a one-line
    error."""
    from secplan.errors import SecplanError

    try:
        return _detect(file, fields, jobs, threshold, ner)
    except SecplanError as exc:
        sys.stderr.write(
            f"secplan: error: {exc.message}" + (f" ({exc.hint})" if exc.hint else "") + "\n"
        )
        return ERROR


def _detect(file: Path, fields: tuple[str, ...], jobs: int, threshold: float, ner: str) -> int:
    from secplan.data.work import DetectorSpec, make_pool, workers_for

    if not file.is_file():
        return _fail(f"{file}: no such file", "name a file to analyse")
    if ner:
        from secplan.data.ner import load_ner

        load_ner(ner)  # fail here, once, if the model is missing
    spec = DetectorSpec(threshold=threshold, ner=ner)
    workers = workers_for(jobs, file.stat().st_size)
    if workers > 1 and sys.platform == "linux" and not ner:  # where workers are forked
        return _detect_in_workers(file, fields, spec, workers)
    # elsewhere, and with a model (never run before a fork), the workers start first and
    # load the detector while access is checked
    pool = make_pool(workers, spec)
    from secplan.cli._services import services
    from secplan.data.ops import authorize, record, resource

    try:
        svc = services()
        res = resource(file)
        authorize(svc, "data:read", res, operation="pii-detect")
        n = _write(file, fields, spec, pool)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if n < 0:
        return ERROR
    record(svc, "data:read", res, operation="pii-detect", records=n)
    return OK


def _detect_in_workers(
    file: Path, fields: tuple[str, ...], spec: DetectorSpec, workers: int
) -> int:
    """The access check and the audit record run in a process of their own while this one
    loads the detector once; the workers forked afterwards share it. The input is opened
    once the check has passed."""
    from secplan.cli._checked import AccessCheck
    from secplan.data.work import make_pool, warm

    check = AccessCheck.start(file, "data:read", operation="pii-detect")
    try:
        warm(spec)
        pool = make_pool(workers)
        try:
            check.allowed()
            n = _write(file, fields, spec, pool)
            if n >= 0:
                check.record(n)  # written while the workers stop
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
        if n < 0:
            return ERROR
        check.recorded()
    finally:
        check.close()
    return OK


def _write(file: Path, fields: tuple[str, ...], spec: DetectorSpec, pool: Executor | None) -> int:
    """Write the results; return the number of records, or -1 after a one-line error."""
    from secplan.data.stream import detect_lines
    from secplan.deadline import DeadlineExceeded

    n = 0
    try:
        out = sys.stdout
        for count, lines in detect_lines(file, fields=fields, spec=spec, pool=pool):
            out.write(lines)
            n += count
    except DeadlineExceeded as exc:  # the alarm may ring while a result is being written
        _fail(
            f"{file.name}: stopped after {n:,} records: {exc}",
            "records after it were not analysed; split the file or raise SECPLAN_FILE_SECONDS",
        )
        return -1
    return n
