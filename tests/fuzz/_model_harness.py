"""The fuzzing harness for the model-file groups ("pickle", "archives", "model-formats").

Each input is a generated file (a valid container or model built by code, then mutated: bytes
overwritten, inserted, deleted, cut, slices repeated) given to the public entry points a scan
goes through: discovery's sniffer (:func:`secplan.sniff.classify`) and the analyzer
(:func:`secplan.modelfile.analyze_file`). Every input runs in a child process, so that a hang
in C code, a crash of the interpreter or a memory blow-up is caught too. An input fails the
run when

* an exception escapes either entry point, or the result is not a list of MF findings,
* the child uses more than :data:`INPUT_SECONDS` of processor time, or does not finish
  within :data:`WALL_SECONDS` however busy the machine is (killed), or
* the child's peak memory grows by more than :data:`MEMORY_BYTES` (its address space is
  capped a little above that, so the machine is never at risk);

the failing input is then saved under ``tests/fuzz/regressions/<group>/`` and replayed by
``test_fuzz_model_replay.py`` on every run after that.

Modes, with the names the text harnesses use: by default each harness runs
``SECPLAN_FUZZ_EXAMPLES`` examples (40 unless set); ``SECPLAN_FUZZ_SECONDS=N`` runs each
harness for ``N`` seconds instead (``make fuzz``). Payloads are canaries: a test asserts that
the marker file they would create never appears.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import sys
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import HypothesisWarning

HERE = Path(__file__).parent
SEEDS = HERE / "seeds" / "model"
REGRESSIONS = HERE / "regressions"
GROUPS = ("pickle", "archives", "model-formats")
#: Read when the module loads: the test suite's fixtures clear ``SECPLAN_*`` variables.
FUZZ_SECONDS = float(os.environ.get("SECPLAN_FUZZ_SECONDS") or 0)
EXAMPLES = int(os.environ.get("SECPLAN_FUZZ_EXAMPLES") or 40)
#: An input under 1 MB must finish within this (the project's target).
INPUT_SECONDS = 10.0
#: Beyond this, a child is a hang however busy the machine is; below it, processor time counts.
WALL_SECONDS = 120.0
#: Peak memory may grow by at most this while one input runs.
MEMORY_BYTES = 1 << 30
#: Inputs stay below this.
MAX_INPUT = 1 << 20
CANARY = Path(tempfile.gettempdir()) / "secplan-fuzz-model-CANARY"
#: Executions and seconds per group in this process (reported by ``make fuzz``).
STATS: dict[str, list[float]] = {}
T = TypeVar("T")


class FuzzFailure(AssertionError):
    """An input broke one of the promises; it has been saved as a regression case."""


def save(group: str, name: str, data: bytes) -> Path:
    """Keep a failing input (atomically) as ``<group>/<sha>--<file name>``."""
    folder = REGRESSIONS / group
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{hashlib.sha256(data).hexdigest()[:16]}--{name}"
    if not path.exists():
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    return path


def _rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _target(name: str, data: bytes, out: int) -> None:
    """In the child: both entry points on the input, the outcome written to ``out``."""
    from secplan.modelfile import analyze_file
    from secplan.sniff import HEAD_BYTES, classify

    why = ""
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / name
            path.write_bytes(data)
            classify(path, data[:HEAD_BYTES], len(data))
            found = analyze_file(path, name)
            if not isinstance(found, list) or not all(f.rule.startswith("MF1") for f in found):
                why = f"not a report: {found!r}"[:300]
            elif any("analysis failed" in f.message for f in found):
                why = "contained crash: " + next(
                    f.message for f in found if "analysis failed" in f.message
                )
    except BaseException as exc:
        why = "crash: " + "".join(traceback.format_exception_only(exc)).strip()[:400]
        why += " at " + " <- ".join(
            f"{Path(fr.filename).name}:{fr.lineno}"
            for fr in reversed(traceback.extract_tb(exc.__traceback__)[-4:])
        )
    os.write(out, why.encode()[:4000] or b"ok")


def _warm() -> None:
    """Import every handler and load the policy once, in the parent: each child is a fork
    that starts from here instead of importing them again."""
    from secplan.modelfile import analyze_file

    with tempfile.TemporaryDirectory() as tmp:
        for name, data in (("m.pkl", b"N."), ("m.zip", b"PK\x05\x06" + b"\x00" * 18)):
            (Path(tmp) / name).write_bytes(data)
            analyze_file(Path(tmp) / name, name)


_warm()


def run_one(name: str, data: bytes) -> str:
    """Run the entry points on ``data`` (a file called ``name``) in a child process; "" when
    the input kept every promise, else why not."""
    before = _rss()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        code = 0
        try:
            soft = before + MEMORY_BYTES + (512 << 20)
            resource.setrlimit(resource.RLIMIT_AS, (soft + (2 << 30), soft + (2 << 30)))
            _target(name, data, write)
        except BaseException:
            code = 3
        finally:
            os._exit(code)
    os.close(write)
    deadline = time.monotonic() + WALL_SECONDS
    status = None
    usage = None
    done = 0
    polls = 0
    while time.monotonic() < deadline:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        polls += 1
        if polls % 20 == 0 and _cpu_seconds(pid) > INPUT_SECONDS:
            break
        time.sleep(0.005)
    else:
        polls = -1
    if not done:
        os.kill(pid, signal.SIGKILL)
        os.wait4(pid, 0)
        os.close(read)
        if polls < 0:
            return f"hang: no result within {WALL_SECONDS:g} s"
        return f"hang: over {INPUT_SECONDS:g} s of processor time"
    with os.fdopen(read, "rb") as fh:
        said = fh.read().decode(errors="replace")
    if status is not None and os.WIFSIGNALED(status):
        return f"crash: the process died of signal {os.WTERMSIG(status)}"
    if usage is not None and usage.ru_maxrss * 1024 - before > MEMORY_BYTES:
        return f"memory: peak {usage.ru_maxrss >> 10} MiB"
    if said != "ok":
        return said or "crash: no result"
    return ""


def _cpu_seconds(pid: int) -> float:
    """Processor time (user and system) the process ``pid`` has used so far."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def check(group: str, name: str, data: bytes) -> None:
    """:func:`run_one`, saving the input and failing the test when it broke a promise."""
    why = run_one(name, data)
    if CANARY.exists():
        why = why or "a payload ran"
    if why:
        path = save(group, name, data)
        raise FuzzFailure(f"{group}: {why} (saved as {path.relative_to(HERE.parent.parent)})")


# ---------------------------------------------------------------------------------- mutation

_edit = st.tuples(
    st.sampled_from(["set", "insert", "delete", "repeat", "cut"]),
    st.integers(0, 1 << 20),
    st.integers(0, 1 << 20),
    st.binary(min_size=1, max_size=8)
    | st.sampled_from(
        [b"\x00", b"\xff", b"\x7f\xff\xff\xff", b"\xff\xff\xff\xff\xff\xff\xff\x7f", b"9" * 40]
    ),
)


def mutate(data: bytes, edits: list[tuple[str, int, int, bytes]]) -> bytes:
    buf = bytearray(data)
    for kind, a, b, value in edits:
        n = len(buf)
        if not n:
            buf += value
            continue
        i = a % n
        if kind == "set":
            buf[i : i + len(value)] = value
        elif kind == "insert":
            buf[i:i] = value
        elif kind == "delete":
            del buf[i : i + 1 + b % 16]
        elif kind == "repeat":
            piece = bytes(buf[i : i + 1 + b % 64])
            buf[i:i] = piece * (1 + b % 200)
        else:
            del buf[max(1, i) :]
        if len(buf) > MAX_INPUT:
            del buf[MAX_INPUT:]
    return bytes(buf)


def mutated(files: st.SearchStrategy[tuple[str, bytes]]) -> st.SearchStrategy[tuple[str, bytes]]:
    """Generated files, about a third of them left valid, the rest mutated."""
    return st.tuples(files, st.lists(_edit, max_size=6)).map(
        lambda fe: (fe[0][0], mutate(fe[0][1], fe[1]) if fe[1] else fe[0][1])
    )


def pick(items: list[T]) -> st.SearchStrategy[T]:
    """One of ``items`` (drawn by index: the strategy's description stays short)."""
    return st.integers(0, len(items) - 1).map(items.__getitem__)


def seed_files(group: str) -> list[tuple[str, bytes]]:
    folder = SEEDS / group
    if not folder.is_dir():
        return []
    return sorted((p.name, p.read_bytes()) for p in folder.iterdir() if p.is_file())


# ---------------------------------------------------------------------------------- driver


def fuzz(group: str, files: st.SearchStrategy[tuple[str, bytes]]) -> int:
    """Run the harness for ``group`` in the mode the environment selects; the inputs run."""
    count = [0]

    def batch(n: int) -> None:
        def one(item: tuple[str, bytes]) -> None:
            count[0] += 1
            check(group, *item)

        with warnings.catch_warnings():  # a failing input is large: no repr warning
            warnings.simplefilter("ignore", HypothesisWarning)
            _run(one, n)

    def _run(one: Callable[[tuple[str, bytes]], None], n: int) -> None:
        given(mutated(files))(
            settings(
                max_examples=n,
                deadline=None,
                database=None,
                phases=[Phase.generate],
                suppress_health_check=list(HealthCheck),
            )(one)
        )()

    started = time.monotonic()
    if FUZZ_SECONDS:
        while time.monotonic() - started < FUZZ_SECONDS:
            batch(100)
    else:
        batch(EXAMPLES)
    stat = STATS.setdefault(group, [0, 0.0])
    stat[0] += count[0]
    stat[1] += time.monotonic() - started
    if FUZZ_SECONDS:
        print(
            f"\nfuzz {group}: {count[0]:,} inputs in {(time.monotonic() - started) / 60:.1f} min",
            file=sys.stderr,
        )
    return count[0]


def report_stats() -> str:
    return json.dumps({g: {"inputs": int(n), "seconds": round(s)} for g, (n, s) in STATS.items()})


Builder = Callable[..., bytes]
