"""Scale-out benchmark: ``secplan model scan`` of a generated corpus on a 1-process Ray
cluster, a 2-process Ray cluster and the local process pool, whole commands side by side
(alternating rounds, median and pair-by-pair ratio), written as a Markdown page; beside them,
labelled as such, the Ray engine's own time (first task submitted to last result settled,
measured in process).

    python benchmarks/scale/run.py --files 10000 --runs 3                # tiny files
    python benchmarks/scale/run.py --mix hub --files 10000 --runs 3      # a hub's mix

``--mix tiny`` (the default) writes ``docs/benchmarks/scale.md``: small generated files, the
worst case for a distributed engine's overhead. ``--mix hub`` writes
``docs/benchmarks/scale_hub.md``: model files whose formats and sizes follow a public hub's
published figures, scaled down (``hub_mix.py``).

The clusters run on this machine (``ray start`` on 127.0.0.1, one CPU per node): "1-process"
is a head node alone, "2-process" a head node and a worker node. The corpus is written to a
temporary directory and removed afterwards. Needs ``secplan[ray]``.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import hub_mix
from paired import Command, compare, machine, table

KINDS = ("safetensors", "pickle", "config", "npy")


def _safetensors(i: int) -> bytes:
    n = i % 16 + 1
    header = json.dumps({"w": {"dtype": "F32", "shape": [n], "data_offsets": [0, 4 * n]}}).encode()
    return len(header).to_bytes(8, "little") + header + b"\0" * (4 * n)


def _npy(i: int) -> bytes:
    n = i % 32 + 1
    header = f"{{'descr': '<f4', 'fortran_order': False, 'shape': ({n},), }}".encode()
    header += b" " * (-(10 + len(header) + 1) % 64) + b"\n"
    return b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header + b"\0" * (4 * n)


def generate(root: Path, files: int) -> dict[str, int]:
    """``files`` small files, a quarter of each kind, 100 per folder; returns counts."""
    counts = dict.fromkeys(KINDS, 0)
    for i in range(files):
        kind = KINDS[i % len(KINDS)]
        d = root / f"org{i // 1000:03d}" / f"m{i // 100:05d}"
        d.mkdir(parents=True, exist_ok=True)
        if kind == "safetensors":
            (d / f"w{i}.safetensors").write_bytes(_safetensors(i))
        elif kind == "pickle":  # plain data, written by pickle.dumps (never loaded here)
            (d / f"s{i}.pkl").write_bytes(pickle.dumps({"step": i, "lr": 0.001, "ids": [i, i + 1]}))
        elif kind == "config":
            (d / f"c{i}").mkdir(exist_ok=True)
            (d / f"c{i}" / "config.json").write_text(json.dumps({"model_type": "bert", "n": i}))
        else:
            (d / f"a{i}.npy").write_bytes(_npy(i))
        counts[kind] += 1
    return counts


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def cluster(nodes: int, temp: Path) -> Iterator[str]:
    """A Ray cluster of ``nodes`` one-CPU nodes on 127.0.0.1; its address."""
    ray = str(Path(sys.executable).parent / "ray")
    port = _port()
    address = f"127.0.0.1:{port}"
    common = [
        "--num-cpus",
        "1",
        "--block",
        "--disable-usage-stats",
        "--node-ip-address",
        "127.0.0.1",
    ]
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}
    procs = []
    try:
        head = [ray, "start", "--head", "--port", str(port), "--include-dashboard=false"]
        procs.append(_spawn([*head, "--temp-dir", str(temp), *common], env))
        _wait(address, 1)
        for _ in range(nodes - 1):
            procs.append(_spawn([ray, "start", "--address", address, *common], env))
            _wait(address, len(procs))
        yield address
    finally:
        import psutil

        for p in reversed(procs):
            kids = psutil.Process(p.pid).children(recursive=True) if p.poll() is None else []
            os.killpg(p.pid, signal.SIGTERM)
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
            for k in kids:
                with suppress(psutil.Error):
                    k.kill()


def _spawn(argv: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


def _wait(address: str, cpus: int) -> None:
    probe = (
        "import ray,time,sys\n"
        f"ray.init(address={address!r}, log_to_driver=False, logging_level='ERROR')\n"
        f"end=time.time()+300\n"
        f"while ray.cluster_resources().get('CPU',0)<{cpus} and time.time()<end: time.sleep(0.5)\n"
        f"sys.exit(0 if ray.cluster_resources().get('CPU',0)>={cpus} else 1)\n"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, timeout=400)


def commands(corpus: Path, out: Path, ray1: str, ray2: str) -> dict[str, Command]:
    base = [
        sys.executable,
        "-m",
        "secplan",
        "model",
        "scan",
        str(corpus),
        "-f",
        "json",
        "-o",
        str(out),
    ]
    return {
        "ray, 1 process": Command([*base, "--engine", "ray", "--ray-address", ray1]),
        "ray, 2 processes": Command([*base, "--engine", "ray", "--ray-address", ray2]),
        "local pool, -j 2": Command([*base, "-j", "2"]),
    }


ENGINE_PROBE = """
import json, sys
from datetime import date
from pathlib import Path
from secplan.config import Settings
from secplan.executor.ray_engine import RayExecutor
from secplan.governance.records import Records
from secplan.model_scan import scan_models
ex = RayExecutor(sys.argv[2])
out = []
try:
    for i in range(int(sys.argv[4]) + 1):
        target = Path(sys.argv[1] if i else sys.argv[3])
        scan_models([target], Settings(), Records(), as_of=date(2026, 1, 1), executor=ex)
        out.append(ex.last_run_s)
finally:
    ex.close()
print(json.dumps(out[1:]))
"""


def engine_seconds(corpus: Path, warm: Path, address: str, runs: int) -> list[float]:
    """The Ray engine's own time (first task submitted to last result settled) for ``runs``
    scans of ``corpus`` in one process, after a warm-up scan of ``warm`` that starts the
    workers and their imports."""
    argv = [sys.executable, "-c", ENGINE_PROBE, str(corpus), address, str(warm), str(runs)]
    done = subprocess.run(argv, check=True, capture_output=True, text=True, timeout=3600)
    return [float(x) for x in json.loads(done.stdout.strip().splitlines()[-1])]


def corpus_text(mix: str, n: int, counts: dict[str, int], scale: int, cap: int) -> str:
    if mix == "tiny":
        st = counts["safetensors"]
        return f"""{n:,} small generated files, a quarter each: safetensors ({st:,}),
plain-data pickles ({counts["pickle"]:,}), `config.json` ({counts["config"]:,}) and NumPy
arrays ({counts["npy"]:,}); 100 per folder. The worst case for a distributed engine: about
0.15 ms of analysis per file, so overhead weighs most."""
    return f"""{n:,} model files in the format mix of a public hub, sizes scaled down
(`benchmarks/scale/hub_mix.py`; the sources are in [../scale.md](../scale.md#the-hub-mix)):
PyTorch zip checkpoints (`pytorch_model-*.bin`: `data.pkl` plus stored tensor members) —
{counts["pytorch"]:,} ({counts["pytorch"] / n:.1%}; published share of pickle-based weights 44.9 %)
— and safetensors files with real tensor bytes — {counts["safetensors"]:,}. Sizes log-normal
with the hub's average (about 1 GB) divided by {scale:,}, cut at {cap >> 20} MiB:
{counts["bytes"] / 2**30:.2f} GiB in all, {counts["bytes"] / n / 1024:,.0f} KiB per file on average.
Each file keeps the tensor count of its full-size original (20–600), so its `data.pkl` or
safetensors header costs what the full-size file's costs: the analyzer reads neither
format's tensor bytes. Every file is distinct. 10 files per folder."""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--mix", choices=("tiny", "hub"), default="tiny")
    ap.add_argument("--scale", type=int, default=8192, help="hub mix: sizes divided by this")
    ap.add_argument("--cap", type=int, default=8, help="hub mix: largest file, MiB")
    ap.add_argument("--small", type=int, default=100, help="files of the fixed-cost corpus")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    page = "scale.md" if args.mix == "tiny" else "scale_hub.md"
    out_path: Path = args.out or Path("docs/benchmarks") / page
    cap = args.cap << 20
    with tempfile.TemporaryDirectory(prefix="scale") as tmp:
        t = Path(tmp)
        if args.mix == "tiny":
            counts = generate(t / "corpus", args.files)
        else:
            counts = hub_mix.generate(
                t / "corpus", args.files, scale=args.scale, floor=4096, cap=cap
            )
        generate(t / "small", args.small)
        load_before = os.getloadavg()
        where = machine()
        with (
            cluster(1, Path(tempfile.mkdtemp(prefix="r1"))) as ray1,
            cluster(2, Path(tempfile.mkdtemp(prefix="r2"))) as ray2,
        ):
            big = compare(
                commands(t / "corpus", t / "o.json", ray1, ray2),
                reference="ray, 1 process",
                runs=args.runs,
            )
            small = compare(
                commands(t / "small", t / "s.json", ray1, ray2),
                reference="ray, 1 process",
                runs=args.runs,
            )
            e1 = engine_seconds(t / "corpus", t / "small", ray1, args.runs)
            e2 = engine_seconds(t / "corpus", t / "small", ray2, args.runs)
        load_after = os.getloadavg()
    r1, r2, lp = (big.tools[k] for k in ("ray, 1 process", "ray, 2 processes", "local pool, -j 2"))
    s2, sp = small.tools["ray, 2 processes"], small.tools["local pool, -j 2"]
    speedups = [a / b for a, b in zip(r1.wall, r2.wall, strict=True)]
    fixed = statistics.median(a - b for a, b in zip(s2.wall, sp.wall, strict=True))
    extra = statistics.median(a - b for a, b in zip(r2.wall, lp.wall, strict=True))
    per_unit_ms = (extra - fixed) / (args.files - args.small) * 1000
    n = args.files
    e1m, e2m = statistics.median(e1), statistics.median(e2)
    flags = "" if args.mix == "tiny" else f" --mix hub --scale {args.scale} --cap {args.cap}"
    title = "small files" if args.mix == "tiny" else "a hub's file mix"
    argv = f"{flags} --files {n} --small {args.small} --runs {args.runs}"
    text = f"""# Scale-out: `secplan model scan` on Ray, {title}

Measured by `python benchmarks/scale/run.py{argv}`
(whole commands, alternating rounds after one warm-up round, median and pair-by-pair ratio;
CPU is the driver process's user + system time only: Ray's worker processes are not its
children). Clusters on this machine, one CPU per Ray node: "1 process" is a head node alone,
"2 processes" a head node and a second worker node.

Machine: {where}. Load average (1 min) before {load_before[0]:.2f}, after {load_after[0]:.2f}
(the machine is shared: other work ran at the same time, so every figure here is noisy).

## Corpus

{corpus_text(args.mix, n, counts, args.scale, cap)}

## {n:,} files

{table(big)}

Throughput: 1 process {n / r1.wall_median:,.0f} files/s,
2 processes {n / r2.wall_median:,.0f} files/s, local pool {n / lp.wall_median:,.0f} files/s
(median wall, whole command). Scaling efficiency, 2 processes against 1 (pair by pair,
median): **{statistics.median(speedups):.2f}×**
(spread {min(speedups):.2f}–{max(speedups):.2f}×; target ≥ 1.8×).

Inside the engine (in process, not whole commands: from the first task submitted to the
last result settled, median of {args.runs} scans after a warm-up scan of the
{args.small} files, same clusters):
1 process {e1m:.3f} s ({n / e1m:,.0f} files/s), 2 processes {e2m:.3f} s
({n / e2m:,.0f} files/s): **{e1m / e2m:.2f}×**. This leaves out the driver's serial share
(start-up, joining the cluster, listing, settling, the report: its CPU is in the table above).
These scans ran after the whole commands, under the machine's load at that moment: compare
the two ratios, not seconds across the two tables.

## {args.small} files (fixed cost of a run)

{table(small)}

## Per-unit overhead of the Ray engine against the local pool

Fixed cost of joining the cluster (Ray, 2 processes minus local pool on {args.small} files,
median of pairs): {fixed:.2f} s. Extra wall time on {n:,} files: {extra:.2f} s. Per unit,
after the fixed cost: **{per_unit_ms:.2f} ms** (target ≤ 2 ms). Negative means the Ray engine
was faster per file than the local pool on this corpus.
"""
    out_path.write_text(text)
    summary = {
        "mix": args.mix,
        "counts": counts,
        "files": n,
        "ray1_wall": r1.wall,
        "ray2_wall": r2.wall,
        "local_wall": lp.wall,
        "small": {k: v.wall for k, v in small.tools.items()},
        "speedup_median": statistics.median(speedups),
        "engine_ray1_s": e1,
        "engine_ray2_s": e2,
        "fixed_s": fixed,
        "per_unit_ms": per_unit_ms,
        "load": [load_before, load_after],
    }
    out_path.with_suffix(".json").write_text(json.dumps(summary, indent=2) + "\n")
    print(text)


if __name__ == "__main__":
    main()
