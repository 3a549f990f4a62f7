"""The Ray engine: units run as Ray tasks on an existing cluster (``--ray-address`` or
``RAY_ADDRESS``), or on one Ray starts on this machine.

Units travel in chunks (a task costs about a millisecond of scheduling; a chunk of small files
shares it). Ray retries a task whose worker died; a chunk that fails on every retry is split
and its units run one by one, so only a unit that fails on its own every time comes back as
:class:`~secplan.executor.Failed`. ``shared`` is put in the object store once and every task
reads it from there.

Every worker needs the same version of secplan (and the extras its scanners use) installed;
the files to scan must be readable from the workers at the same paths (a shared file system),
or be remote URLs.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from secplan.errors import ServiceError
from secplan.executor import Executor, Failed, Progress, one_line

S = TypeVar("S")
A = TypeVar("A")
R = TypeVar("R")

#: Times Ray runs a task again after its worker process or node died.
MAX_RETRIES = 3
#: Chunks per cluster CPU (more chunks balance uneven files; fewer cost less scheduling).
CHUNKS_PER_CPU = 4
MAX_CHUNK = 64


def _run_chunk(fn: Callable[[S, A], R], shared: S, items: list[A]) -> list[tuple[bool, Any]]:
    """Runs on a worker: each unit's result, or the one-line reason it failed."""
    out: list[tuple[bool, Any]] = []
    for item in items:
        try:
            out.append((True, fn(shared, item)))
        except Exception as exc:  # one unit's failure is reported, never raised
            out.append((False, one_line(exc)))
    return out


def chunk_size(units: int, cpus: int) -> int:
    """Units per task: enough chunks for ``CHUNKS_PER_CPU`` per CPU, at most ``MAX_CHUNK``."""
    return max(1, min(MAX_CHUNK, units // max(1, cpus * CHUNKS_PER_CPU)))


class RayExecutor(Executor):
    """Runs units as Ray tasks; see the module documentation."""

    name = "ray"

    def __init__(self, address: str | None = None, *, retries: int = MAX_RETRIES) -> None:
        self.address = address
        self.retries = retries
        self._started = False
        #: Seconds of the last :meth:`run` from its first task submitted to its last result
        #: settled (the engine's own share of a scan; None before a run).
        self.last_run_s: float | None = None

    def _ray(self) -> Any:
        try:
            import ray
        except ImportError:
            raise ServiceError(
                "the Ray engine needs the ray package",
                "install it with: pip install 'secplan[ray]' (on the driver and every worker)",
            ) from None
        if not ray.is_initialized():
            try:
                ray.init(
                    address=self.address,
                    log_to_driver=False,
                    logging_level=logging.ERROR,
                    configure_logging=False,
                    include_dashboard=False,
                )
            except (ConnectionError, RuntimeError, ValueError) as exc:
                where = self.address or "a new local cluster"
                raise ServiceError(
                    f"cannot join the Ray cluster at {where}: {one_line(exc)}",
                    "check --ray-address (or RAY_ADDRESS) and that the cluster is running",
                ) from None
            self._started = True
        return ray

    def close(self) -> None:
        if self._started:
            import ray

            ray.shutdown()
            self._started = False

    def run(
        self,
        fn: Callable[[S, A], R],
        shared: S,
        units: Sequence[tuple[str, A]],
        progress: Progress | None = None,
    ) -> list[R | Failed]:
        if not units:
            return []
        ray = self._ray()
        cpus = int(ray.cluster_resources().get("CPU", 1))
        size = chunk_size(len(units), cpus)
        task = ray.remote(_run_chunk).options(max_retries=self.retries, retry_exceptions=False)
        shared_ref = ray.put(shared)
        fn_ref = ray.put(fn)
        out: list[R | Failed | None] = [None] * len(units)
        pending: dict[Any, list[int]] = {}

        def submit(indexes: list[int]) -> None:
            items = [units[i][1] for i in indexes]
            pending[task.remote(fn_ref, shared_ref, items)] = indexes

        began = time.perf_counter()
        for start in range(0, len(units), size):
            submit(list(range(start, min(start + size, len(units)))))
        while pending:
            done, _ = ray.wait(list(pending), num_returns=1)
            for ref in done:
                indexes = pending.pop(ref)
                try:
                    results = ray.get(ref)
                except ray.exceptions.RayError as exc:  # failed on every retry
                    if len(indexes) > 1:  # which unit is to blame is not known: each alone
                        for i in indexes:
                            submit([i])
                    else:
                        key = units[indexes[0]][0]
                        out[indexes[0]] = Failed(key, f"worker failed: {one_line(exc)}")
                        if progress is not None:
                            progress(key)
                    continue
                for i, (ok, value) in zip(indexes, results, strict=True):
                    out[i] = value if ok else Failed(units[i][0], value)
                    if progress is not None:
                        progress(units[i][0])
        self.last_run_s = time.perf_counter() - began
        return [Failed(units[i][0], "no result") if r is None else r for i, r in enumerate(out)]
