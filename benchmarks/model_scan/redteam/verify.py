"""Fire check: load each sample with its real loader in a throwaway child process, in the
sample's own virtual environment, and see whether its canary fired.

    python verify.py WORK [--timeout 120] [--only ID ...]

Writes WORK/fire.json: per sample, ``fired`` (malicious: the canary file appeared),
``loaded`` (the loader returned without an exception), the loader's last words, seconds.
A malicious sample that does not fire is kept out of the recall figure and listed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from envs import BORROW_FIRE, ENVS, borrow, venv  # noqa: E402


def _env(work: Path, extra: dict[str, str]) -> dict[str, str]:
    home = work / "home"
    home.mkdir(exist_ok=True)
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TMPDIR")}
    return {**keep, **extra, "HOME": str(home), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
            "PYTHONDONTWRITEBYTECODE": "1", "PYTHONWARNINGS": "ignore"}  # fmt: skip


def check(
    work: Path, entry: dict[str, str], bindir: Path, extra: dict[str, str], timeout: int
) -> dict[str, object]:
    canary = work / "fired" / entry["id"]
    canary.unlink(missing_ok=True)
    scratch = work / "scratch" / entry["id"]
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    cmd = [
        str(bindir / "python"),
        str(HERE / "loaders.py"),
        entry["loader"],
        str(work / "corpus" / entry["path"]),
        str(canary),
    ]
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=scratch,
                           env=_env(work, extra), check=False, start_new_session=True)  # fmt: skip
        rc, said = p.returncode, (p.stdout.strip().splitlines() or [""])[-1]
    except subprocess.TimeoutExpired:
        rc, said = 124, "timed out"
    time.sleep(0.2)  # a payload run by a shell in the background may land a moment later
    fired = canary.exists()
    shutil.rmtree(scratch, ignore_errors=True)
    return {
        "fired": fired,
        "loaded": rc == 0,
        "rc": rc,
        "said": said[:300],
        "seconds": round(time.perf_counter() - t0, 2),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("work", type=Path)
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("--only", nargs="*", default=None)
    args = ap.parse_args()
    work = args.work.resolve()
    manifest = json.loads((work / "manifest.json").read_text())
    out_file = work / "fire.json"
    results = json.loads(out_file.read_text()) if out_file.exists() else {}
    bins: dict[str, Path | str] = {}
    for entry in manifest:
        if args.only is not None and entry["id"] not in args.only:
            continue
        if "error" in entry:
            results[entry["id"]] = {
                "fired": False,
                "loaded": False,
                "rc": -1,
                "said": "not generated: " + entry["error"],
            }
            continue
        name = entry["env"]
        if name not in bins:
            try:
                bins[name] = venv(work / f"venv-{name}", ENVS[name][0])
                if name in BORROW_FIRE:
                    borrow(work / f"venv-{name}", work / "venv-fire")
            except subprocess.CalledProcessError as exc:
                bins[name] = f"environment {name} could not be installed ({exc})"
        b = bins[name]
        if isinstance(b, str):
            results[entry["id"]] = {"fired": False, "loaded": False, "rc": -2, "said": b}
            continue
        results[entry["id"]] = check(work, entry, b, ENVS[name][1], args.timeout)
        print(entry["id"], results[entry["id"]], flush=True)
    out_file.write_text(json.dumps(results, indent=1))
    fired_dir = work / "fired"
    for p in fired_dir.iterdir():  # leave nothing behind for the scan that follows
        shutil.rmtree(p) if p.is_dir() else p.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
