"""Splitting personal-data detection among worker processes: what a worker needs to build its
detector, the pool (started early, forked where the platform allows), the pieces the input is
cut into, and the results handed back in input order.

This module loads no detector: a command imports it, starts its workers, and only then loads
what it needs itself, so that the workers load the detectors while the command checks access.

>>> piece_chars(2, 1_000, 1_000, 1_000) == MIN_PIECE_CHARS
True
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from secplan.data.readers import Batch
from secplan.data.spans import DEFAULT_ENTITIES
from secplan.deadline import Budget, run_until

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class DetectorSpec:
    """What a worker process needs to build its detector (a model is loaded there)."""

    threshold: float = 0.5
    entities: frozenset[str] = DEFAULT_ENTITIES
    ner: str = ""
    document: str = ""  # "", "text", "prose" or "attribution": see detect.for_document


#: Work items per worker that the input is cut into when a pool runs it (room for the
#: workers to even out: the last item of one worker is the time the others may wait), the
#: least text worth a work item (its share of the transfers) and the most (what a worker
#: holds at once, whatever the input's size).
PIECES_PER_WORKER = 8
MIN_PIECE_CHARS = 4 << 10
MAX_PIECE_CHARS = 256 << 10
#: Input per worker below which a worker costs more to start than it saves: a smaller input
#: is checked in the calling process, a larger one by at most size // this many workers.
WORKER_MIN_BYTES = 128 << 10
#: Text that takes a detector through every recognizer once, so that what each loads on
#: first use (word lists, compiled patterns, the credential rules) is loaded when a worker
#: starts, while the caller is still opening the input, not when the first work arrives.
WARM_TEXT = (
    "Maria Gonzalez <maria.g@mail.es>, card 4539 1488 0343 6467, tel +44 20 7946 0018, "
    "born 1990-01-02, SSN 536-22-8726, IBAN DE89370400440532013000, 10.1.2.3, "
    "12 Main Street, https://example.com/a, password=Xy7abcdefghijklmnopqrstu"
)


def workers_of(pool: Executor | None) -> int:
    return int(getattr(pool, "_max_workers", 1)) if pool is not None else 1


def row_chars(row: tuple[str, ...], chosen: tuple[int, ...] | None = None) -> int:
    """The characters of a record a detector reads (all its fields, or those ``chosen``)."""
    if chosen is None:
        return sum(map(len, row))
    return sum(len(row[i]) for i in chosen if i < len(row))


def piece_chars(workers: int, size: int, read: int, chars: int) -> int:
    """Characters per work item: the whole input, estimated from the ``chars`` of text in
    the first ``read`` bytes of its ``size``, shared out as :data:`PIECES_PER_WORKER` items
    per worker, between :data:`MIN_PIECE_CHARS` and :data:`MAX_PIECE_CHARS`."""
    total = chars * size // max(read, 1) if read < size else chars
    share = total // max(workers * PIECES_PER_WORKER, 1)
    return min(MAX_PIECE_CHARS, max(MIN_PIECE_CHARS, share))


def pieces(
    batch: Batch, workers: int, target: int = 0, chosen: tuple[int, ...] | None = None
) -> Iterator[Batch]:
    """``batch`` cut, in order, into pieces of about ``target`` characters of text (default:
    the batch shared out among ``workers``), so that a few thousand records keep every
    worker busy and long records do not leave one worker with most of the text."""
    if workers <= 1 or not batch.rows:
        yield batch
        return
    sizes = [row_chars(r, chosen) for r in batch.rows]
    if target <= 0:
        target = piece_chars(workers, 1, 1, sum(sizes))
    start = acc = 0
    for i, n in enumerate(sizes):
        acc += n
        if acc >= target:
            yield _slice(batch, start, i + 1)
            start, acc = i + 1, 0
    if start < len(sizes):
        yield _slice(batch, start, len(sizes))


def _slice(batch: Batch, start: int, end: int) -> Batch:
    if start == 0 and end == len(batch.rows):
        return batch
    return Batch(batch.first + start, batch.rows[start:end], batch.lines[start:end])


def ordered(
    pool: Executor | None,
    fn: Callable[..., R],
    items: Iterable[tuple[object, ...]],
    inflight: int,
    budget: Budget | None = None,
) -> Iterator[R]:
    """``fn(*item)`` for each item, in order, with at most ``inflight`` pending at once; a
    worker keeps the file's deadline (``budget``) as the calling process does."""
    if pool is None:
        for item in items:
            yield fn(*item)
        return
    pending: deque[Future[R]] = deque()
    for item in items:
        if budget is None:
            pending.append(pool.submit(fn, *item))
        else:
            pending.append(pool.submit(run_until, budget.ends, budget.seconds, fn, *item))
        if len(pending) >= inflight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def default_jobs() -> int:
    return max(
        1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )


def make_pool(jobs: int, spec: DetectorSpec | None = None) -> ProcessPoolExecutor | None:
    """``jobs`` worker processes (none for one job), started now: forked where the platform
    allows (a fork shares what this process has loaded; a fresh interpreter would import it
    all again), each building the detector for ``spec`` as it starts. On free cores the
    workers load the detectors side by side while the caller goes on (the shortest wall
    time); when other work already holds the cores, the caller loads them once before the
    fork and the workers share them (the least CPU time)."""
    if jobs <= 1:
        return None
    context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
    if context is not None and spec is not None and _cores_busy():
        warm(spec)  # loaded once, here: every forked worker shares it (the least CPU in all)
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=None if spec is None else partial(warm, spec),
    )
    pool.submit(int)  # starts the workers: they warm up while the caller goes on
    return pool


def _cores_busy() -> bool:
    """Whether the machine's load average is at least its number of cores."""
    try:
        return os.getloadavg()[0] >= (os.cpu_count() or 1)
    except OSError:
        return False


def pool_for(jobs: int, size: int, spec: DetectorSpec) -> ProcessPoolExecutor | None:
    """Workers for ``size`` bytes of input: ``jobs`` of them (0: one per core), but no more
    than one per :data:`WORKER_MIN_BYTES`, and none when that leaves one (the work is then
    done in the calling process)."""
    return make_pool(workers_for(jobs, size), spec)


def workers_for(jobs: int, size: int) -> int:
    """The workers :func:`pool_for` starts for ``size`` bytes (1: none, the caller works)."""
    return min(jobs or default_jobs(), max(1, size // WORKER_MIN_BYTES))


def warm(spec: DetectorSpec) -> None:
    """Build the detector for ``spec`` and run it once (see :data:`WARM_TEXT`); in a worker,
    this is where the detection modules are loaded."""
    from secplan.data.scan import detector_for

    detector_for(spec).analyze(WARM_TEXT)
