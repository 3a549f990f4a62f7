"""The PII benchmark: secplan and Presidio side by side on the same labelled corpus.

    python -m benchmarks.pii.run --work DIR --presidio-python PATH [--model NAME] [--big-mb 1024]
    python -m benchmarks.pii.run --work DIR --only-scaling [--scaling-runs 5] [--doc PAGE]

DIR (outside the repository) receives the corpus, predictions and a 1 GB CSV for the
constant-memory run. PATH is the Python of a separate environment with presidio-analyzer,
Faker, psutil and a spaCy English pipeline; secplan runs in this environment. Results go to
DIR/results.json; ``--doc FILE`` also writes the Markdown report.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.pii.report import SCALING_COMMAND, write_report
from benchmarks.pii.scaling import measure, replace_section, section
from benchmarks.pii.score import columns, score

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
COMMON = {
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "IBAN_CODE",
    "US_SSN",
    "IP_ADDRESS",
    "URL",
    "CRYPTO",
    "PASSPORT",
    "NATIONAL_ID",
}


def measured(
    cmd: list[str], env: dict[str, str] | None = None
) -> tuple[dict[str, object], float, int]:
    """Run ``cmd``; (its JSON stdout, wall seconds, peak RSS of its whole process tree)."""
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=REPO
    )
    peak = 0
    ps = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            rss = ps.memory_info().rss + sum(
                c.memory_info().rss for c in ps.children(recursive=True)
            )
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.05)
    wall = time.perf_counter() - t0
    out = proc.stdout.read().decode() if proc.stdout else ""
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    last = [line for line in out.splitlines() if line.startswith("{")]
    return (json.loads(last[-1]) if last else {}), wall, peak


def _sp(mode: str, src: Path, out: Path, jobs: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "benchmarks.pii.secplan_runner",
        mode,
        str(src),
        str(out),
        "--jobs",
        str(jobs),
    ]


def _pr(py: str, mode: str, src: Path, out: Path, model: str) -> list[str]:
    return [py, str(HERE / "presidio_runner.py"), mode, str(src), str(out), "--model", model]


def run_text(work: Path, py: str, model: str, name: str) -> dict[str, object]:
    corpus = work / "corpus" / f"{name}.jsonl"
    res: dict[str, object] = {}
    for label, cmd in (
        ("secplan_1", _sp("text", corpus, work / f"sp1_{name}.jsonl", 1)),
        ("secplan_all", _sp("text", corpus, work / f"sp_{name}.jsonl", os.cpu_count() or 1)),
        ("presidio", _pr(py, "text", corpus, work / f"pr_{name}.jsonl", model)),
    ):
        stats, wall, peak = measured(cmd)
        pred = work / (
            f"pr_{name}.jsonl"
            if label == "presidio"
            else f"sp1_{name}.jsonl"
            if label == "secplan_1"
            else f"sp_{name}.jsonl"
        )
        res[label] = {
            "stats": stats,
            "wall_s": wall,
            "peak_rss": peak,
            "all": score(corpus, pred),
            "common": score(corpus, pred, COMMON),
        }
    return res


def run_tables(work: Path, py: str, model: str) -> dict[str, object]:
    tables = work / "corpus" / "tables"
    out: dict[str, object] = {}
    for label, cmd, pred in (
        (
            "secplan",
            _sp("tables", tables, work / "sp_tables.json", os.cpu_count() or 1),
            work / "sp_tables.json",
        ),
        (
            "presidio",
            _pr(py, "tables", tables, work / "pr_tables.json", model),
            work / "pr_tables.json",
        ),
    ):
        stats, wall, peak = measured(cmd)
        out[label] = {
            "stats": stats,
            "wall_s": wall,
            "peak_rss": peak,
            "columns": columns(tables / "labels.json", pred),
        }
    return out


def big_csv(work: Path, py: str, mb: int) -> dict[str, object]:
    path = work / "big.csv"
    if not path.exists() or path.stat().st_size < mb * (1 << 20) * 0.99:
        subprocess.run(
            [py, "-m", "benchmarks.pii.bigcsv", str(path), "--mb", str(mb)], check=True, cwd=REPO
        )
    cmd = [
        sys.executable,
        "-m",
        "secplan",
        "data",
        "scan",
        str(path),
        "--format",
        "json",
        "--output",
        str(work / "big.json"),
    ]
    env = dict(os.environ, SECPLAN_HOME=str(work / "home"))
    t0 = time.perf_counter()
    import psutil

    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=REPO
    )
    ps = psutil.Process(proc.pid)
    peak, samples = 0, []
    while proc.poll() is None:
        try:
            rss = ps.memory_info().rss + sum(
                c.memory_info().rss for c in ps.children(recursive=True)
            )
            peak = max(peak, rss)
            samples.append(rss)
        except psutil.Error:
            pass
        time.sleep(0.5)
    wall = time.perf_counter() - t0
    doc = json.loads((work / "big.json").read_text())
    f = doc["files"][0]
    quarter = max(1, len(samples) // 4)
    quarters = [max(samples[i * quarter : (i + 1) * quarter] or [0]) for i in range(4)]
    return {
        "bytes": path.stat().st_size,
        "records": f["records"],
        "wall_s": wall,
        "peak_rss": peak,
        "rss_quarters_max": quarters,
        "entities": f["entities"],
        "exit": proc.returncode,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--presidio-python", help="Python of the Presidio environment")
    ap.add_argument("--model", default="en_core_web_sm")
    ap.add_argument("--records", type=int, default=4000)
    ap.add_argument("--big-mb", type=int, default=1024)
    ap.add_argument("--doc", type=Path)
    ap.add_argument(
        "--scaling-runs", type=int, default=5, help="paired rounds of -j 1 against all cores"
    )
    ap.add_argument(
        "--only-scaling",
        action="store_true",
        help="time only the whole command with -j 1 and on all cores (the corpus in --work is "
        "generated first if missing) and replace that section of --doc",
    )
    a = ap.parse_args()
    work = a.work.resolve()
    if REPO in work.parents or work == REPO:
        raise SystemExit("--work must be outside the repository")
    work.mkdir(parents=True, exist_ok=True)
    py = a.presidio_python
    corpus = work / "corpus" / "text.jsonl"
    if not (a.only_scaling and corpus.exists()):
        if not py:
            raise SystemExit("--presidio-python is needed to generate the corpus (Faker)")
        subprocess.run(
            [py, "-m", "benchmarks.pii.corpus", str(work / "corpus"), "--records", str(a.records)],
            check=True,
            cwd=REPO,
        )
    if a.only_scaling:
        scaling = measure(corpus, a.scaling_runs, os.cpu_count() or 2)
        lines = section(scaling, SCALING_COMMAND)
        if a.doc:
            replace_section(a.doc, lines)
        print("\n".join(lines))
        return
    results: dict[str, object] = {"model": a.model, "cpus": os.cpu_count()}
    results["text"] = run_text(work, py, a.model, "text")
    results["heldout"] = run_text(work, py, a.model, "heldout")
    results["tables"] = run_tables(work, py, a.model)
    results["anonymize"] = subprocess_json(
        [sys.executable, "-m", "benchmarks.pii.anon_check", str(work)]
    )
    if a.scaling_runs:
        results["scaling"] = measure(corpus, a.scaling_runs, os.cpu_count() or 2)
    if a.big_mb:
        results["big"] = big_csv(work, py, a.big_mb)
    (work / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    if a.doc:
        write_report(results, a.doc)


def subprocess_json(cmd: list[str]) -> object:
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=REPO).stdout
    return json.loads(out.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
