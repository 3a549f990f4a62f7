"""Record secplan's verdict on every file of one or more corpus folders, and compare a later run
with the record: a change in the analyzer that should only make it faster must leave every
finding as it was.

    python benchmarks/model_scan/verdicts.py --save BASELINE.json [--src SRC] DIR [DIR ...]
    python benchmarks/model_scan/verdicts.py --compare BASELINE.json DIR [DIR ...]

Each DIR is scanned as a user scans it, ``secplan model scan DIR -f json -j 1`` (the secplan
of this checkout: its ``src/`` comes first on the path), and every finding is kept with its rule,
severity, file, archive member, offset, message and evidence; the files reported as errors or
skipped are kept with their reasons, and each artifact with its format. Timing is left out:
the run's duration, and any number of seconds in a message (the time limit's). ``--compare``
prints every difference and exits 1 when there is one, 0 when the verdicts are the same.
Folders to use: the genuine-file set (``genuine/fetch.py``), the red-team corpus
(``redteam/generate.py``) and the labelled corpus (``generate.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
_SECONDS = re.compile(r"\d+(?:\.\d+)?\s*s\b")


def _scrub(text: str) -> str:
    return _SECONDS.sub("N s", text)


def scan(folder: Path, timeout: int, src: Path = REPO / "src") -> dict[str, Any]:
    """secplan's verdicts on one folder, keyed by file path relative to the folder."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), str(REPO)])}
    cmd = [sys.executable, "-m", "secplan", "model", "scan", str(folder), "-f", "json", "-j", "1"]
    proc = subprocess.run(
        cmd, capture_output=True, text=True, env=env, timeout=timeout, check=False
    )
    if proc.returncode not in (0, 1) or "{" not in proc.stdout:
        raise SystemExit(f"{folder}: secplan exited {proc.returncode}: {proc.stderr[-600:]}")
    report = json.loads(proc.stdout[proc.stdout.index("{") :])
    files: dict[str, dict[str, list[Any]]] = {}

    def entry(path: str) -> dict[str, list[Any]]:
        return files.setdefault(
            path, {"findings": [], "errors": [], "skipped": [], "artifacts": []}
        )

    for f in report["findings"]:
        loc = f["location"]
        entry(loc["path"])["findings"].append(
            [
                f["rule"],
                f["severity"],
                loc.get("member") or "",
                loc.get("offset"),
                _scrub(f["message"]),
                _scrub(f.get("evidence") or ""),
            ]
        )
    for e in report.get("errors", []):
        entry(e["path"])["errors"].append(_scrub(json.dumps(e, sort_keys=True)))
    for s in report.get("skipped", []):
        entry(s["path"])["skipped"].append(s.get("reason", ""))
    for a in report.get("artifacts", []):
        entry(a["path"])["artifacts"].append([a.get("kind"), a.get("format")])
    for v in files.values():
        for key in v:
            v[key].sort(key=lambda x: json.dumps(x, sort_keys=True))
    return files


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    diffs = []
    for folder in sorted(set(old) | set(new)):
        a, b = old.get(folder), new.get(folder)
        if a is None or b is None:
            diffs.append(f"{folder}: only in the {'new run' if a is None else 'record'}")
            continue
        for path in sorted(set(a) | set(b)):
            x, y = a.get(path), b.get(path)
            if x != y:
                diffs.append(f"{folder}/{path}:\n  was {json.dumps(x)}\n  now {json.dumps(y)}")
    return diffs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path, metavar="FILE", help="record the verdicts here")
    mode.add_argument("--compare", type=Path, metavar="FILE", help="compare with this record")
    ap.add_argument("folders", type=Path, nargs="+")
    ap.add_argument("--timeout", type=int, default=3600, help="seconds per folder")
    ap.add_argument(
        "--src",
        type=Path,
        default=REPO / "src",
        help="the secplan sources to run (default: this checkout's; another commit's `src/`, "
        "e.g. from git archive, records the verdicts before a change)",
    )
    args = ap.parse_args()
    got = {str(f.resolve()): scan(f.resolve(), args.timeout, args.src) for f in args.folders}
    total = sum(len(v) for v in got.values())
    findings = sum(len(e["findings"]) for v in got.values() for e in v.values())
    if args.save:
        args.save.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"recorded {total} files, {findings} findings in {args.save}")
        return 0
    diffs = compare(json.loads(args.compare.read_text(encoding="utf-8")), got)
    for d in diffs:
        print(d)
    print(f"{total} files, {findings} findings: {len(diffs)} differences from {args.compare}")
    return 1 if diffs else 0


if __name__ == "__main__":
    raise SystemExit(main())
