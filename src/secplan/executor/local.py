"""The local engine: units run in this process (one job) or on a pool of worker processes.

A worker that dies (out of memory, a crash in a native library) takes every unit in flight
with it, and which unit killed it is not known: each of those units then runs again alone, so
that one unit that kills its process never hides the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from secplan.executor import Executor, Failed, Progress, one_line

if TYPE_CHECKING:
    from concurrent.futures import Future

S = TypeVar("S")
A = TypeVar("A")
R = TypeVar("R")


class LocalExecutor(Executor):
    """Runs units on ``jobs`` processes of this machine (in this process for one job)."""

    name = "local"

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = max(1, jobs)

    def run(
        self,
        fn: Callable[[S, A], R],
        shared: S,
        units: Sequence[tuple[str, A]],
        progress: Progress | None = None,
    ) -> list[R | Failed]:
        if self.jobs <= 1 or len(units) <= 1:
            return self._here(fn, shared, units, progress)
        return self._pool(fn, shared, units, progress)

    @staticmethod
    def _here(
        fn: Callable[[S, A], R],
        shared: S,
        units: Sequence[tuple[str, A]],
        progress: Progress | None,
    ) -> list[R | Failed]:
        out: list[R | Failed] = []
        for key, item in units:
            if progress is not None:
                progress(key)
            try:
                out.append(fn(shared, item))
            except Exception as exc:  # one unit's failure is reported, never raised
                out.append(Failed(key, one_line(exc)))
        return out

    def _pool(
        self,
        fn: Callable[[S, A], R],
        shared: S,
        units: Sequence[tuple[str, A]],
        progress: Progress | None,
    ) -> list[R | Failed]:
        # the process pool loads only when there is work for it
        from concurrent.futures import ProcessPoolExecutor, as_completed
        from concurrent.futures.process import BrokenProcessPool

        out: list[R | Failed | None] = [None] * len(units)
        broken: list[int] = []
        with ProcessPoolExecutor(max_workers=min(self.jobs, len(units))) as pool:
            futures: dict[Future[R], int] = {
                pool.submit(fn, shared, item): i for i, (_, item) in enumerate(units)
            }
            for fut in as_completed(futures):
                i = futures[fut]
                key = units[i][0]
                try:
                    out[i] = fut.result()
                except BrokenProcessPool:  # some worker died: which unit killed it is not known
                    broken.append(i)
                    continue
                except Exception as exc:
                    out[i] = Failed(key, _why(exc))
                    continue
                if progress is not None:
                    progress(key)
        for i in sorted(broken, key=lambda i: units[i][0]):
            key, item = units[i]
            if progress is not None:
                progress(key)
            with ProcessPoolExecutor(max_workers=1) as alone:
                try:
                    out[i] = alone.submit(fn, shared, item).result()
                except Exception as exc:  # this unit kills its process (out of memory, a crash)
                    out[i] = Failed(key, _why(exc))
        return _complete(out, units)


def _complete(out: list[R | Failed | None], units: Sequence[tuple[str, A]]) -> list[R | Failed]:
    """Every slot filled (a unit with no result at all is reported as failed)."""
    return [Failed(units[i][0], "no result") if r is None else r for i, r in enumerate(out)]


def _why(exc: BaseException) -> str:
    return " ".join(f"analysis process failed: {type(exc).__name__}: {exc}".split())[:300]
