"""One interface for running work units: the local process pool (the default) or a Ray
cluster (imported only when chosen).

A *work unit* is one call ``fn(shared, item)``: ``shared`` is what every unit reads (settings,
limits, the scan context) and is sent to each worker once; ``item`` is the unit's own input (a
file). :meth:`Executor.run` returns one result per unit, in the order the units were given, so
a report does not depend on which worker finished first. A unit that fails (its function
raised, or its process died on every retry) comes back as :class:`Failed`, never as an
exception: the caller turns it into a "not verified" finding.

>>> with make_executor("local", jobs=1) as ex:
...     ex.run(pow, 2, [("a", 3), ("b", 5)])  # pow(2, 3), pow(2, 5)
[8, 32]
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Self, TypeVar

from secplan.errors import ConfigError

S = TypeVar("S")
A = TypeVar("A")
R = TypeVar("R")

#: The engines ``--engine`` accepts.
ENGINES = ("local", "ray")
#: Called with a unit's key each time a unit finishes (the driver's progress bar).
Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Failed:
    """A unit that gave no result: which one, and why (one line)."""

    key: str
    message: str


class Executor(ABC):
    """Runs work units; see the module documentation for the contract. A context manager:
    leaving it releases what the engine holds (a Ray connection)."""

    name: ClassVar[str]

    @abstractmethod
    def run(
        self,
        fn: Callable[[S, A], R],
        shared: S,
        units: Sequence[tuple[str, A]],
        progress: Progress | None = None,
    ) -> list[R | Failed]:
        """``fn(shared, item)`` for every ``(key, item)`` of ``units``, in their order."""

    def close(self) -> None:
        return None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def one_line(exc: BaseException, limit: int = 300) -> str:
    """``Type: message`` of ``exc`` on one line, cut to ``limit`` characters."""
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def ray_address(given: str | None) -> str | None:
    """The cluster to join: ``--ray-address``, else ``RAY_ADDRESS``, else none (Ray then
    starts a cluster on this machine)."""
    return given or os.environ.get("RAY_ADDRESS") or None


def make_executor(engine: str = "local", *, jobs: int = 1, address: str | None = None) -> Executor:
    """The executor named ``engine``; Ray is imported only for ``"ray"``."""
    if engine == "local":
        from secplan.executor.local import LocalExecutor

        return LocalExecutor(jobs)
    if engine == "ray":
        from secplan.executor.ray_engine import RayExecutor

        return RayExecutor(ray_address(address))
    raise ConfigError(f"unknown engine {engine!r}", "use --engine local or --engine ray")


__all__ = ["ENGINES", "Executor", "Failed", "Progress", "make_executor", "one_line", "ray_address"]
