"""Run secplan and the anchor scanners (modelscan, picklescan, fickling, ModelAudit) over the
same labelled corpus, side by side, and write docs/benchmarks/model_scan.md.

    python benchmarks/model_scan/run.py [--work DIR] [--large-mb 300] [--timeout 300]

Everything it installs goes under --work (default: a cache directory outside the repository):
one virtual environment per anchor, and one with PyTorch and the other libraries that
generate.py needs to write real model files. The corpus is generated there too.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
GEN_PACKAGES = [
    "torch==2.13.0",
    "numpy",
    "scikit-learn",
    "joblib",
    "pandas",
    "dill",
    "cloudpickle",
    "safetensors",
    "onnx",
    "gguf",
    "h5py",
    "py7zr",
]
ANCHORS = {
    "modelscan": (["modelscan"], lambda b, f: [b / "modelscan", "-p", f]),
    "picklescan": (["picklescan"], lambda b, f: [b / "picklescan", "-p", f]),
    "fickling": (
        ["fickling", "typing_extensions"],
        lambda b, f: [b / "fickling", "--check-safety", f],
    ),
    "modelaudit": (["modelaudit"], lambda b, f: [b / "modelaudit", "scan", f]),
}
SEVERITY = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}


@dataclass
class Result:
    rc: int
    seconds: float
    flagged: bool
    flagged_medium: bool = False
    error: bool = False


@dataclass
class Tally:
    results: dict[str, Result] = field(default_factory=dict)


def _venv(path: Path, packages: list[str]) -> Path:
    bindir = path / "bin"
    if not (bindir / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    stamp = path / ".installed"
    if not stamp.exists() or stamp.read_text() != " ".join(packages):
        subprocess.run([bindir / "pip", "install", "-q", *packages], check=True)
        stamp.write_text(" ".join(packages))
    return bindir


def _run(cmd: list[object], timeout: int, env: dict[str, str]) -> tuple[int, float, str]:
    t0 = time.perf_counter()
    try:
        p = subprocess.run(
            [str(c) for c in cmd],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            check=False,
            cwd=tempfile.gettempdir(),  # some tools write result files into the working dir
        )
        return p.returncode, time.perf_counter() - t0, p.stdout
    except subprocess.TimeoutExpired:
        return 124, time.perf_counter() - t0, ""


def _secplan(path: Path, timeout: int, env: dict[str, str]) -> Result:
    cmd = [sys.executable, "-m", "secplan", "model", "scan", path, "-f", "json", "-j", "1"]
    rc, secs, out = _run(cmd, timeout, env)
    try:
        findings = json.loads(out)["findings"]
    except (ValueError, KeyError):
        return Result(rc, secs, False, False, True)
    worst = max((SEVERITY[f["severity"]] for f in findings), default=-1)
    return Result(rc, secs, worst >= 3, worst >= 2, rc not in (0, 1))


def _anchor(cmd: list[object], timeout: int, env: dict[str, str]) -> Result:
    rc, secs, _ = _run(cmd, timeout, env)
    return Result(rc, secs, rc == 1, rc == 1, rc not in (0, 1))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", type=Path, default=Path.home() / ".cache" / "secplan-model-bench")
    ap.add_argument("--large-mb", type=int, default=300)
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--regenerate", action="store_true")
    ap.add_argument(
        "--only",
        choices=["secplan", *ANCHORS],
        help="run this tool only; the others' results come from the previous run (results.json)",
    )
    ap.add_argument(
        "--report-only", action="store_true", help="only rewrite the page from results.json"
    )
    ap.add_argument("--output", type=Path, default=REPO / "docs" / "benchmarks" / "model_scan.md")
    args = ap.parse_args()
    work: Path = args.work.resolve()
    corpus = work / "corpus"
    gen = _venv(work / "venv-generate", GEN_PACKAGES)
    if args.regenerate or not (corpus / "manifest.json").exists():
        shutil.rmtree(corpus, ignore_errors=True)
        subprocess.run(
            [gen / "python", HERE / "generate.py", corpus, "--large-mb", str(args.large_mb)],
            check=True,
        )
    bins = {name: _venv(work / f"venv-{name}", pkgs) for name, (pkgs, _) in ANCHORS.items()}
    versions = _versions(bins)
    manifest = json.loads((corpus / "manifest.json").read_text())
    env = {
        **os.environ,
        "PROMPTFOO_DISABLE_TELEMETRY": "1",
        "NO_COLOR": "1",
        "PYTHONPATH": str(REPO / "src"),
    }
    tallies: dict[str, Tally] = defaultdict(Tally)
    if args.only or args.report_only:
        previous = json.loads((work / "results.json").read_text())
        for tool, results in previous.items():
            if tool != args.only:
                tallies[tool].results = {p: Result(**r) for p, r in results.items()}
    for entry in [] if args.report_only else manifest:
        path = corpus / entry["path"]
        if args.only in (None, "secplan"):
            tallies["secplan"].results[entry["path"]] = _secplan(path, args.timeout, env)
        for name, (_, cmd) in ANCHORS.items():
            if args.only in (None, name):
                res = _anchor(cmd(bins[name], path), args.timeout, env)
                tallies[name].results[entry["path"]] = res
        rcs = {t: r.results[entry["path"]].rc for t, r in tallies.items()}
        print(entry["path"], rcs, flush=True)
    marker = corpus / "CANARY"
    assert not marker.exists(), "a payload ran during the benchmark"
    raw = {t: {p: vars(r) for p, r in tally.results.items()} for t, tally in tallies.items()}
    (work / "results.json").write_text(json.dumps(raw, indent=1), encoding="utf-8")
    shown = [
        a
        for i, a in enumerate(sys.argv[1:])
        if a not in ("--work", "--report-only") and sys.argv[i] != "--work"
    ]
    command = "python benchmarks/model_scan/run.py " + " ".join(shown)
    from report import render
    from throughput import section

    inproc_file = work / "inprocess.json"
    if args.report_only and inproc_file.exists():
        inproc = json.loads(inproc_file.read_text())
    else:
        inproc = _inprocess(bins, corpus, manifest, args.timeout, env)
        inproc_file.write_text(json.dumps(inproc, indent=1), encoding="utf-8")
    assert not marker.exists(), "a payload ran during the benchmark"
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = render(manifest, tallies, versions, command.strip())
    caught = {
        t: {
            e["class"]
            for e in manifest
            if e["label"] == "malicious" and r.results[e["path"]].flagged
        }
        for t, r in tallies.items()
    }
    text += section(corpus, manifest, 3, inproc, caught)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


def _inprocess(
    bins: dict[str, Path],
    corpus: Path,
    manifest: list[dict[str, object]],
    timeout: int,
    env: dict[str, str],
) -> dict[str, list[dict[str, object]]]:
    """Each anchor's library call on the large files, timed in its own environment."""
    files = [str(corpus / str(e["path"])) for e in manifest if e["class"] == "large"]
    out: dict[str, list[dict[str, object]]] = {}
    for name, b in bins.items():
        cmd = [b / "python", HERE / "inprocess.py", name, *files, "--repeat", "3"]
        rc, _, stdout = _run(cmd, timeout * len(files) * 3, env)
        out[name] = json.loads(stdout) if rc == 0 else []
        print("in-process", name, "rc", rc, flush=True)
    return out


def _versions(bins: dict[str, Path]) -> dict[str, str]:
    out = {}
    for name, b in bins.items():
        p = subprocess.run([b / "pip", "show", name], capture_output=True, text=True, check=False)
        out[name] = next(
            (
                ln.split(":", 1)[1].strip()
                for ln in p.stdout.splitlines()
                if ln.startswith("Version:")
            ),
            "?",
        )
    from secplan import __version__

    out["secplan"] = __version__
    return out


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    raise SystemExit(main())
