"""Time one anchor scanner's library call on each file, inside that scanner's own virtual
environment, and print the results as JSON (one object per file).

    /path/to/venv-picklescan/bin/python inprocess.py picklescan FILE... [--repeat 3]

run.py calls this for every anchor so that analysis speed can be compared without process
start-up. Each call mirrors what the tool's command line does for one file and reports the
same verdict its exit code would: ``clean``, ``flagged`` or ``error``. Nothing here imports
secplan; the secplan side is measured by throughput.py.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path


def _picklescan(path: str) -> str:
    from picklescan.scanner import scan_file_path

    result = scan_file_path(path)
    if result.scan_err:
        return "error"
    return "flagged" if result.issues_count else "clean"


def _modelscan(path: str) -> str:
    from modelscan.modelscan import ModelScan

    scanner = ModelScan()
    scanner.scan(path)
    if not scanner.scanned or scanner.errors:
        return "error"
    return "flagged" if scanner.issues.all_issues else "clean"


def _fickling(path: str) -> str:
    from fickling import fickle
    from fickling.analysis import Severity, check_safety

    with Path(path).open("rb") as fh:
        try:
            stacked = fickle.StackedPickle.load(fh, fail_on_decode_error=False)
        except fickle.PickleDecodeError:
            return "error"
    unsafe = any(
        check_safety(p, json_output_path="/dev/null").severity > Severity.LIKELY_SAFE
        for p in stacked
    )
    return "flagged" if unsafe else "clean"


def _modelaudit(path: str) -> str:
    from modelaudit.core import determine_exit_code, scan_model_directory_or_file

    code = determine_exit_code(scan_model_directory_or_file(path))
    return {0: "clean", 1: "flagged"}.get(code, "error")


TOOLS: dict[str, Callable[[str], str]] = {
    "picklescan": _picklescan,
    "modelscan": _modelscan,
    "fickling": _fickling,
    "modelaudit": _modelaudit,
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("tool", choices=sorted(TOOLS))
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    call = TOOLS[args.tool]
    out = []
    for path in args.files:
        best, verdict = float("inf"), "error"
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            try:
                verdict = call(str(path))
            except Exception:  # a crash is what the command line reports as an error
                verdict = "error"
            best = min(best, time.perf_counter() - t0)
        out.append({"file": path.name, "seconds": best, "verdict": verdict})
    json.dump(out, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
