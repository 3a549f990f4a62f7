"""Run secplan and the anchor scanners over the genuine-file set, and time whole commands.

    python benchmarks/model_scan/genuine/run.py [--cache DIR] [--runs 5] [--only PART]
        [--skip-timing] [--report-only]

PART is a tool (secplan, modelscan, picklescan, fickling, modelaudit), `timing` or
`breakdown`; a part rerun alone is merged into the results of the others.

Needs the set from fetch.py (in DIR/set). For each file and each tool it records whether the
tool reported anything above info, anything at high or critical, or could not analyse it,
and secplan's findings in full. Then it times, as a user runs them, `secplan model scan DIR`
against `picklescan -p DIR` and `modelscan -p DIR` on the whole set, and the same on one small
file: one fresh process per run, alternating, median of --runs and the ratio pair by pair;
and, to show where secplan's time goes, its CPU time per package folder (one run each).
Writes docs/benchmarks/model_scan_genuine.md and model_scan_genuine.json beside it. The anchors
are installed in their own virtual environments under DIR, as benchmarks/model_scan/run.py
installs them (plus what ANCHOR_EXTRAS says they need for these files).
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import tools  # noqa: E402
from common import DEFAULT_CACHE, load_manifest  # noqa: E402
from report import render  # noqa: E402
from timing import paired, per_folder  # noqa: E402

OUT = tools.REPO / "docs" / "benchmarks" / "model_scan_genuine.md"
SMALL_FILE = "lpips-0.1.4/lpips/weights/v0.1/alex.pth"
# What each anchor needs to analyse the files of the set: picklescan reads .npy/.npz only with
# NumPy installed (as its README says); modelscan reads HDF5 only with h5py (its h5py extra),
# and its .npy reader calls a private function NumPy 2 removed, so it gets a NumPy 1, within
# its declared range. (modelscan's TensorFlow extra, for .keras and SavedModel, is left out:
# it would install TensorFlow; those few files count as its errors.) ModelAudit reads HDF5,
# ONNX, TFLite and safetensors only with their libraries (its extras), so it gets them.
ANCHOR_EXTRAS = {
    "picklescan": ["numpy"],
    "modelscan": ["numpy<2", "h5py"],
    "modelaudit": ["h5py", "onnx", "tflite", "safetensors"],
}


def _anchor_bins(cache: Path) -> dict[str, Path]:
    """The anchors, installed as the model-scan benchmark (../run.py) installs them."""
    spec = importlib.util.spec_from_file_location("model_scan_run", HERE.parent / "run.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench
    spec.loader.exec_module(bench)
    return {
        name: bench._venv(cache / f"venv-{name}", [*pkgs, *ANCHOR_EXTRAS.get(name, [])])
        for name, (pkgs, _) in bench.ANCHORS.items()
    }


def _versions(bins: dict[str, Path]) -> dict[str, str]:
    out = {}
    for name, b in bins.items():
        p = subprocess.run([b / "pip", "show", name], capture_output=True, text=True, check=False)
        lines = [ln for ln in p.stdout.splitlines() if ln.startswith("Version:")]
        out[name] = lines[0].split(":", 1)[1].strip() if lines else "?"
    from secplan import __version__

    return {"secplan": __version__, **out}


def _files(cache: Path) -> dict[str, dict[str, object]]:
    files = {}
    for pkg in load_manifest():
        for m in pkg.members:
            path = f"{pkg.folder}/{m.path}"
            on_disk = cache / "set" / path
            if not on_disk.is_file() or on_disk.stat().st_size != m.size:
                raise SystemExit(f"{on_disk}: missing or changed; run fetch.py first")
            files[path] = {"package": pkg.name, "family": m.family, "size": m.size}
    return files


def _timing(root: Path, bins: dict[str, Path], runs: int, timeout: int) -> dict[str, object]:
    def commands(target: Path) -> dict[str, list[str]]:
        return {
            "secplan": tools.secplan_cmd(target),
            "picklescan": [str(bins["picklescan"] / "picklescan"), "-p", str(target)],
            "modelscan": [str(bins["modelscan"] / "modelscan"), "-p", str(target)],
        }

    def shown(target: str) -> dict[str, str]:
        return {
            "secplan": f"secplan model scan {target}",
            "picklescan": f"picklescan -p {target}",
            "modelscan": f"modelscan -p {target}",
        }

    # an installed secplan has its bytecode compiled (pip does it), as the anchors' have
    if not compileall.compile_dir(tools.REPO / "src", quiet=1):
        raise SystemExit("cannot compile secplan's sources")
    print("timing: whole set directory", flush=True)
    directory = paired(commands(root), shown("SET"), runs, timeout)
    print("timing: one small file", flush=True)
    small = paired(commands(root / SMALL_FILE), shown(f"SET/{SMALL_FILE}"), runs, timeout)
    return {"directory": directory, "small_file": small}


def _save(results_file: Path, update: dict[str, object], part: str | None = None) -> dict[str, Any]:
    """Merge this run's part into the results file: re-read first, so that runs of different
    parts (--only) may overlap without losing each other's results."""
    res: dict[str, Any] = json.loads(results_file.read_text()) if results_file.exists() else {}
    res.setdefault("verdicts", {})
    res.setdefault("timing", {})
    res.setdefault("parts", {})
    for key, value in update.items():
        if key == "verdicts":
            res["verdicts"].update(value)  # type: ignore[arg-type]
        else:
            res[key] = value
    if part:
        res["parts"][part] = " ".join(["run.py", *_shown_arguments(sys.argv[1:])])
    results_file.write_text(json.dumps(res, indent=1, sort_keys=True) + "\n")
    return res


def _shown_arguments(argv: list[str]) -> list[str]:
    """The arguments as the page shows them: without ``--cache DIR``, a folder of this
    machine's."""
    shown: list[str] = []
    skip = False
    for arg in argv:
        if skip or arg.startswith("--cache="):
            skip = False
            continue
        if arg == "--cache":
            skip = True
            continue
        shown.append(arg)
    return shown


def _run_part(
    part: str, root: Path, bins: dict[str, Path], files: list[str], args: argparse.Namespace
) -> dict[str, object]:
    """One part of the benchmark: a tool's verdicts, the paired timings or the breakdown."""
    if part == "secplan":
        got = tools.secplan_verdicts(root, files, args.timeout)
        return {"verdicts": {part: tools.as_json(got)}}
    if part in tools.RUNNERS:
        got = tools.RUNNERS[part](bins[part], root, files, args.timeout)
        return {"verdicts": {part: tools.as_json(got)}}
    previous = json.loads(args.output.with_suffix(".json").read_text())
    timing = dict(previous.get("timing", {}))
    if part == "timing":
        timing.update(_timing(root, bins, args.runs, args.timeout))
    else:
        cmd = [*tools.secplan_cmd(root)[:-1], "-j", "1", "-f", "json"]
        timing["secplan_per_folder"] = per_folder(cmd, root, args.timeout)
    return {"timing": timing}


def _arguments() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--timeout", type=int, default=3600)
    ap.add_argument("--only", choices=["secplan", *tools.RUNNERS, "timing", "breakdown"])
    ap.add_argument("--skip-timing", action="store_true")
    ap.add_argument("--report-only", action="store_true")
    ap.add_argument(
        "--keep-anchors",
        action="store_true",
        help="with --only secplan: do not install the anchors; keep their verdicts and versions "
        "from the results file (the page says so)",
    )
    ap.add_argument("--output", type=Path, default=OUT)
    return ap.parse_args()


def main() -> int:
    args = _arguments()
    cache: Path = args.cache.resolve()
    root = cache / "set"
    results_file = args.output.with_suffix(".json")
    files = _files(cache)
    if args.keep_anchors and args.only != "secplan":
        raise SystemExit("--keep-anchors goes with --only secplan")
    if args.keep_anchors:
        from secplan import __version__

        bins: dict[str, Path] = {}
        kept = json.loads(results_file.read_text())["versions"]
        versions = {**kept, "secplan": __version__}
    else:
        bins = _anchor_bins(cache)
        versions = _versions(bins)
    packages = load_manifest()
    res = _save(
        results_file,
        {
            "cores": os.cpu_count(),
            "versions": versions,
            "packages": len({p.name for p in packages}),
            "distributions": len(packages),
            "files": files,
        },
    )
    parts = [] if args.report_only else [args.only] if args.only else ["secplan", *tools.RUNNERS]
    if not (args.only or args.skip_timing or args.report_only):
        parts += ["timing", "breakdown"]
    for part in parts:
        print(f"{part}:", flush=True)
        res = _save(results_file, _run_part(part, root, bins, list(files), args), part)
    judgements_file = HERE / "judgements.toml"
    judgements = tomllib.loads(judgements_file.read_text(encoding="utf-8"))["judgement"]
    args.output.write_text(render(res, judgements), encoding="utf-8")
    print(f"wrote {args.output} and {results_file.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
