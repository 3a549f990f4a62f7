"""Run secplan and the anchor scanners (modelscan, picklescan, fickling, ModelAudit) on the
red-team corpus, side by side, and write docs/benchmarks/model_scan_redteam.md (+ .json).

    .venv/bin/python benchmarks/model_scan/redteam/run.py [--work DIR] [--jobs 2]

Steps: build the ``fire`` environment, write the corpus (generate.py), fire-check every
sample with its real loader (verify.py), install the anchors, scan every sample with every
tool (one process per file), then check that no canary fired during the scans.
Everything installed or written goes under --work, outside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
sys.path.insert(0, str(HERE))

from envs import ANCHORS, BORROW_FIRE, ENVS, FIRE, borrow, venv, version  # noqa: E402
from generate import SAMPLES  # noqa: E402
from report import render  # noqa: E402
from scanners import ANCHOR_RUNNERS, secplan, tool_env  # noqa: E402

TOOLS = ("secplan", *ANCHORS)


def _prepare(work: Path, regenerate: bool, reverify: bool) -> list[dict[str, str]]:
    fire = venv(work / "venv-fire", FIRE)
    if regenerate or not (work / "manifest.json").exists():
        subprocess.run([fire / "python", HERE / "generate.py", work], check=True)
        for gen in sorted({s.gen for s in SAMPLES.values()} - {"fire"}):
            _generate_in(work, gen)
        (work / "fire.json").unlink(missing_ok=True)
    if reverify or not (work / "fire.json").exists():
        subprocess.run([fire / "python", HERE / "verify.py", work], check=True)
    return list(json.loads((work / "manifest.json").read_text()))


def _generate_in(work: Path, gen: str) -> None:
    """Write the samples that need another environment (a pinned Keras, TensorFlow)."""
    cmd: list[object] = [HERE / "generate.py", work, "--gen", gen]
    try:
        b = venv(work / f"venv-{gen}", ENVS[gen][0])
        if gen in BORROW_FIRE:
            borrow(work / f"venv-{gen}", work / "venv-fire")
        env = {**os.environ, **ENVS[gen][1]}
        subprocess.run([b / "python", *cmd], check=True, env=env)
    except subprocess.CalledProcessError as exc:
        why = f"environment {gen} could not be installed or failed ({exc.returncode})"
        subprocess.run([sys.executable, *cmd, "--missing", why], check=True)


def _scan_one(entry: dict[str, str], work: Path, bins: dict[str, Path], tools: tuple[str, ...],
              timeout: int) -> tuple[str, dict[str, dict[str, object]]]:  # fmt: skip
    path = work / "corpus" / entry["path"]
    env = tool_env(REPO)
    out: dict[str, dict[str, object]] = {}
    for tool in tools:
        if tool == "secplan":
            out[tool] = secplan(path, timeout, env).as_dict()
        else:
            out[tool] = ANCHOR_RUNNERS[tool](bins[tool], path, timeout, env).as_dict()
    return entry["id"], out


def _check_catalogue(manifest: list[dict[str, str]]) -> dict[str, dict[str, object]]:
    """The catalogue and the generated samples must agree, both ways."""
    techniques = {
        t["id"]: t for t in tomllib.loads((HERE / "techniques.toml").read_text())["technique"]
    }
    for e in manifest:
        t = techniques.get(e["technique"])
        if t is None:
            raise SystemExit(
                f"sample {e['id']}: technique {e['technique']} is not in techniques.toml"
            )
        listed = t["samples"] if e["label"] == "malicious" else t["benign"]
        if e["id"] not in listed:
            raise SystemExit(f"techniques.toml: add {e['id']!r} to {e['technique']}")
    return techniques


def _scrub(obj: Any, work: Path) -> Any:
    """Loader messages name files on this machine: keep only what is under the work folder."""
    if isinstance(obj, dict):
        return {k: _scrub(v, work) for k, v in obj.items()}
    if isinstance(obj, str):
        return re.sub(
            r"/(?:[\w.+-]+/)+", ".../", obj.replace(str(work), "WORK").replace("WORK/", "WORK:")
        )
    return obj


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", type=Path, default=Path.home() / ".cache" / "secplan-redteam")
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--regenerate", action="store_true", help="write the corpus again")
    ap.add_argument("--reverify", action="store_true", help="fire-check every sample again")
    ap.add_argument(
        "--only", choices=TOOLS, help="scan with this tool only; keep the others' results"
    )
    ap.add_argument(
        "--report-only", action="store_true", help="only rewrite the page from the results"
    )
    ap.add_argument(
        "--secplan-rescan",
        action="store_true",
        help="rescan with secplan only, on a corpus already written in --work (its "
        "manifest.json), keeping the fire checks and the anchors' results published beside the "
        "page: for checking a change to secplan without the loader environments",
    )
    ap.add_argument(
        "--round",
        type=int,
        default=0,
        help="measure only the techniques of this round (techniques.toml `round`), on a page "
        "of its own (model_scan_redteam_round<N>.md unless --output)",
    )
    ap.add_argument("--output", type=Path, default=None)
    args = ap.parse_args()
    if args.output is None:
        page = f"model_scan_redteam_round{args.round}.md" if args.round else "model_scan_redteam.md"
        args.output = REPO / "docs" / "benchmarks" / page
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    if args.secplan_rescan:
        return _secplan_rescan(work, args)
    manifest = _prepare(work, args.regenerate, args.reverify)
    techniques = _check_catalogue(manifest)
    if args.round:
        techniques = {k: t for k, t in techniques.items() if t.get("round") == args.round}
        manifest = [e for e in manifest if e["technique"] in techniques]
    fire = json.loads((work / "fire.json").read_text())
    bins = {name: venv(work / f"venv-{name}", pkgs) for name, pkgs in ANCHORS.items()}
    results_file = work / (f"scan-round{args.round}.json" if args.round else "scan.json")
    results: dict[str, dict[str, dict[str, object]]] = (
        json.loads(results_file.read_text())
        if (args.only or args.report_only) and results_file.exists()
        else {}
    )
    tools = (args.only,) if args.only else TOOLS
    todo = [] if args.report_only else [e for e in manifest if "error" not in e]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(_scan_one, e, work, bins, tools, args.timeout) for e in todo]
        for f in futures:
            sid, res = f.result()
            results.setdefault(sid, {}).update(res)
            print(
                sid,
                {t: ("H" if r["high"] else "M" if r["medium"] else "-") for t, r in res.items()},
                flush=True,
            )
    leaked = sorted(p.name for p in (work / "fired").iterdir())
    if leaked:
        raise SystemExit(f"a payload ran during the scans: {leaked}")
    results_file.write_text(json.dumps(results, indent=1))
    versions = {name: version(b, name) for name, b in bins.items()}
    from secplan import __version__

    versions["secplan"] = __version__
    versions.update({f"loader env {k}": " ".join(v[0]) for k, v in ENVS.items() if k != "fire"})
    command = (
        "python benchmarks/model_scan/redteam/run.py"
        + (f" --only {args.only}" if args.only else "")
        + (f" --round {args.round}" if args.round else "")
    )
    fire, results = _scrub(fire, work), _scrub(results, work)
    text, data = render(manifest, techniques, fire, results, versions, command, args.round)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    args.output.with_suffix(".json").write_text(
        json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    shutil.rmtree(work / "scratch", ignore_errors=True)
    print(f"wrote {args.output}")
    return 0


def _secplan_rescan(work: Path, args: argparse.Namespace) -> int:
    """secplan's column again, every other column as published (fire checks, anchors)."""
    published = json.loads(args.output.with_suffix(".json").read_text(encoding="utf-8"))
    manifest = list(json.loads((work / "manifest.json").read_text()))
    techniques = _check_catalogue(manifest)
    if args.round:
        techniques = {k: t for k, t in techniques.items() if t.get("round") == args.round}
        manifest = [e for e in manifest if e["technique"] in techniques]
    samples = published["samples"]
    missing = [e["id"] for e in manifest if e["id"] not in samples]
    if missing:
        raise SystemExit(f"samples not in the published results: {missing[:5]}")
    fire = {sid: s["fire"] for sid, s in samples.items()}
    results = {sid: dict(s["scan"]) for sid, s in samples.items()}
    (work / "fired").mkdir(exist_ok=True)
    todo = [e for e in manifest if "error" not in e and (work / "corpus" / e["path"]).exists()]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(_scan_one, e, work, {}, ("secplan",), args.timeout) for e in todo]
        for f in futures:
            sid, res = f.result()
            results.setdefault(sid, {}).update(res)
    leaked = sorted(p.name for p in (work / "fired").iterdir())
    if leaked:
        raise SystemExit(f"a payload ran during the scans: {leaked}")
    from secplan import __version__

    versions = {**published["versions"], "secplan": __version__}
    command = (
        "python benchmarks/model_scan/redteam/run.py --secplan-rescan"
        + (f" --round {args.round}" if args.round else "")
        + " (other columns as published)"
    )
    text, data = render(
        manifest, techniques, fire, _scrub(results, work), versions, command, args.round
    )
    args.output.write_text(text, encoding="utf-8")
    args.output.with_suffix(".json").write_text(
        json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.output} ({len(todo)} samples rescanned with secplan)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
