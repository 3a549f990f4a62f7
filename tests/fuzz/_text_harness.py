"""The fuzzing harness for the text groups ("code", "config", "data").

Each harness feeds generated files (seeds from ``tests/fuzz/seeds/`` mutated by Hypothesis:
long runs of one character, repeated slices, deep nesting, random bytes) to one target: the
scanners that apply to a file of that name, a configuration or record loader, the SARIF
importer, a data reader with detection. An input fails the run when it

* raises out of the target (a traceback the user would see),
* takes longer than :data:`INPUT_SECONDS` of processor time (a hang: the target runs under
  :func:`secplan.deadline.deadline`; on a busy machine an input past the wall-clock deadline is
  run again and its processor time counted), or
* raises the process's peak memory by more than :data:`MEMORY_BYTES`;

the failing input is then saved under ``tests/fuzz/regressions/<group>/`` and replayed by
``test_fuzz_text_replay.py`` on every run after that.

Modes: by default each harness runs a few hundred examples within a short time box (the
``make test`` pass). ``SECPLAN_FUZZ_SECONDS=N`` makes each harness run for ``N`` seconds
(``make fuzz``); ``SECPLAN_FUZZ_EXAMPLES`` changes the default example count.
"""

from __future__ import annotations

import gc
import hashlib
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from secplan.config import Settings
from secplan.deadline import DeadlineExceeded, deadline
from secplan.discovery import discover
from secplan.errors import SecplanError
from secplan.governance.records import Records
from secplan.model import Finding
from secplan.scanners import builtin_scanners
from secplan.scanners._base import ArtifactScanner, ScanContext

HERE = Path(__file__).parent
SEEDS = HERE / "seeds"
REGRESSIONS = HERE / "regressions"
#: Read when the module loads: the test suite's fixtures clear ``SECPLAN_*`` variables.
FUZZ_SECONDS = float(os.environ.get("SECPLAN_FUZZ_SECONDS") or 0)
EXAMPLES = int(os.environ.get("SECPLAN_FUZZ_EXAMPLES") or 200)
#: The default (short) mode stops a harness after this many seconds even below EXAMPLES.
SHORT_BOX_SECONDS = 2.0
#: An input under 1 MB must finish within this (the project's target).
INPUT_SECONDS = 10.0
#: Beyond this, an input is a hang however busy the machine is (see :func:`_busy_or_hang`).
WALL_SECONDS = 120.0
#: Peak memory may grow by at most this while one input runs.
MEMORY_BYTES = 1 << 30
#: Inputs stay below this; the short mode keeps runs of characters shorter.
MAX_INPUT = 256 << 10 if FUZZ_SECONDS else 32 << 10  # the short pass stays quick on busy CI
RUN_LENGTHS = [2, 17, 300, 5000, 30_000] if FUZZ_SECONDS else [2, 17, 300, 3000]

AS_OF = date(2026, 12, 2)
_SCANNERS = tuple(
    s
    for s in builtin_scanners()
    if isinstance(s, ArtifactScanner) and s.name not in {"modelfile", "models", "signatures"}
)
STATS: dict[str, tuple[int, float]] = {}


class FuzzFailure(AssertionError):
    """An input broke one of the promises; it has been saved as a regression case."""


def _rss() -> int:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb * 1024 if sys.platform != "darwin" else kb


def save(group: str, target: str, data: bytes) -> Path:
    folder = REGRESSIONS / group
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{target}-{hashlib.sha256(data).hexdigest()[:16]}.bin"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    return path


def _busy_or_hang(run: Callable[[bytes], object], data: bytes) -> None:
    """The input ran past :data:`INPUT_SECONDS` of wall-clock time: run it again and count the
    processor time it takes, so that a busy machine is not taken for a hang. It is a hang when
    it needs more than :data:`INPUT_SECONDS` of processor time, or :data:`WALL_SECONDS` of
    wall-clock time whatever the load."""
    started = time.process_time()
    with deadline(WALL_SECONDS):
        run(data)
    used = time.process_time() - started
    if used > INPUT_SECONDS:
        raise DeadlineExceeded(f"took {used:.1f} s of processor time")


def check(group: str, target: str, run: Callable[[bytes], object], data: bytes) -> None:
    """Run ``run(data)`` under the deadline; on a crash, hang or memory blow-up save the
    input and raise :class:`FuzzFailure`."""
    before = _rss()
    why = ""
    # Hypothesis watches the garbage collector with a callback; the deadline's alarm ringing
    # inside it would be swallowed (an "unraisable" exception) instead of stopping the input
    callbacks = gc.callbacks[:]
    gc.callbacks.clear()
    try:
        try:
            with deadline(INPUT_SECONDS):
                run(data)
        except DeadlineExceeded:
            _busy_or_hang(run, data)
    except DeadlineExceeded as exc:
        why = f"hang: {exc}"
    except SecplanError:
        pass  # a one-line error for the user: the promised outcome for bad input
    except MemoryError:
        why = "memory: MemoryError"
    except Exception as exc:
        why = f"crash: {type(exc).__name__}: {exc}"[:500]
    finally:
        gc.callbacks.extend(callbacks)
    if not why and _rss() - before > MEMORY_BYTES:
        why = f"memory: peak grew by {(_rss() - before) >> 20} MiB"
    if why:
        path = save(group, target, data)
        raise FuzzFailure(f"{group}/{target}: {why} (saved as {path.relative_to(HERE.parent)})")


# ---------------------------------------------------------------------------------------------
# targets


def scan_file(name: str) -> Callable[[bytes], list[Finding]]:
    """A target that writes the input as ``name`` and runs every text/config/data scanner
    that applies, as the engine does (each under its own deadline): what a scan would do with
    the file. A scanner that fails is a "not verified" finding in a scan, and is accepted here;
    a scanner stopped by the deadline is a hang."""

    def run(data: bytes) -> list[Finding]:
        with tempfile.TemporaryDirectory() as d:
            root = Path(d)
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            found = discover(root, root=root)
            ctx = ScanContext(
                root=root,
                settings=Settings(),
                records=Records(),
                as_of=AS_OF,
                artifacts=found.artifacts,
            )
            out: list[Finding] = []
            for artifact in found.artifacts:
                for s in _SCANNERS:
                    try:
                        if s.applies_to(artifact):
                            out.extend(s.scan(artifact, ctx))
                    except (DeadlineExceeded, MemoryError):
                        raise
                    except Exception:  # the engine turns this into SX001
                        continue
            return out

    return run


# ---------------------------------------------------------------------------------------------
# generation


def seeds(folder: str, *suffixes: str) -> list[bytes]:
    out = []
    for p in sorted((SEEDS / folder).iterdir()):
        if not suffixes or p.name.endswith(suffixes):
            out.append(p.read_bytes())
    return out or [b""]


_UNITS = [
    b" ",
    b"\t",
    b"\n",
    b"\r\n",
    b"-9",
    b"a",
    b"0",
    b"=",
    b":",
    b"\\",
    b"'",
    b'"',
    b"#",
    b"[",
    b"{",
    b"]",
    b"}",
    b"$",
    b"${",
    b"- ",
    b"*a ",
    b"&a ",
    b".",
    b"::",
    b"!",
    b"%",
    b"a=",
    b" a",
    b"\\\n",
]


@st.composite
def mutated(draw: Any, corpus: list[bytes]) -> bytes:
    """A seed with a few structure-aware mutations: what finds hangs (long runs, repeats)
    and crashes (truncation, stray bytes) in text parsers."""
    data = bytearray(draw(st.sampled_from(corpus)))
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["run", "bytes", "cut", "repeat", "nest", "replace"]))
        pos = draw(st.integers(0, len(data)))
        if op == "run":
            unit = draw(st.sampled_from(_UNITS))
            n = draw(st.sampled_from(RUN_LENGTHS))
            data[pos:pos] = unit * n
        elif op == "bytes":
            data[pos:pos] = draw(st.binary(max_size=24))
        elif op == "cut":
            end = draw(st.integers(pos, len(data)))
            del data[pos:end]
        elif op == "repeat" and data:
            start = draw(st.integers(0, len(data) - 1))
            piece = bytes(data[start : start + draw(st.integers(1, 64))])
            data[pos:pos] = piece * draw(st.sampled_from([2, 50, 1000, 20_000]))
        elif op == "nest":
            depth = draw(st.sampled_from([50, 500, 5000]))
            o, c = draw(st.sampled_from([(b"[", b"]"), (b"{", b"}"), (b"(", b")"), (b"- ", b"")]))
            data[pos:pos] = o * depth + c * depth
        elif op == "replace" and data:
            data[pos - 1 if pos else 0] = draw(st.integers(0, 255))
        if len(data) > MAX_INPUT:
            del data[MAX_INPUT:]
    return bytes(data)


def inputs(corpus: list[bytes]) -> st.SearchStrategy[bytes]:
    return st.one_of(mutated(corpus), st.binary(max_size=2048))


def fuzz(
    group: str, target: str, run: Callable[[bytes], object], strategy: st.SearchStrategy[bytes]
) -> int:
    """Run the harness: ``EXAMPLES`` examples within a short time box by default, or for
    ``SECPLAN_FUZZ_SECONDS``; returns the number of inputs run."""
    count = 0
    failures: list[FuzzFailure] = []

    def body(data: bytes) -> None:
        nonlocal count
        if failures:
            return  # the first failure is kept and reported after this round
        count += 1
        try:
            check(group, target, run, data)
        except FuzzFailure as exc:
            failures.append(exc)

    # no shrinking: the first failing input is the one saved (a hang would be re-run slowly)
    common: dict[str, Any] = {
        "database": None,
        "deadline": None,
        "phases": (Phase.generate,),
        "suppress_health_check": list(HealthCheck),
    }
    started = time.monotonic()
    budget = FUZZ_SECONDS or SHORT_BOX_SECONDS
    while True:
        left = (FUZZ_SECONDS and 1_000_000) or (EXAMPLES - count)
        if left <= 0 or time.monotonic() - started > budget:
            break
        size = 50 if FUZZ_SECONDS else 10
        step = settings(max_examples=min(size, left), **common)(given(strategy)(body))
        step()
        if failures:
            _report(group, target, count, started, "failed")
            raise failures[0]
    _report(group, target, count, started, "ok")
    return count


def _report(group: str, target: str, count: int, started: float, outcome: str) -> None:
    elapsed = time.monotonic() - started
    STATS[f"{group}/{target}"] = (count, elapsed)
    if FUZZ_SECONDS:  # shown with pytest -s (make fuzz)
        print(f"\nfuzz {group}/{target}: {count} inputs in {elapsed:.0f} s, {outcome}", flush=True)
