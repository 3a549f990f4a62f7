"""In-process throughput of secplan's analyzer on the large files of a generated corpus
(no process start-up), as a Markdown section.

    python benchmarks/model_scan/throughput.py CORPUS_DIR [--repeat 3]

run.py appends the same section to its report. The page cache is warm (each file was read
before), so the figure is what the analysis itself costs, without process start-up.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from secplan.scanners.modelfile import analyze_file

REPO = Path(__file__).resolve().parent.parent.parent


def section(corpus: Path, manifest: list[dict[str, Any]], repeat: int) -> str:
    """The Markdown section: best of ``repeat`` in-process runs per large file."""
    rows = ["", "### secplan analysis in-process (library call, no process start-up)", "",
            f"Measured by run.py (or `python benchmarks/model_scan/throughput.py CORPUS`); best "
            f"of {repeat} runs per file, page cache warm.", "",
            "| file | MB | seconds | MB/s | findings |", "|---|---|---|---|---|"]  # fmt: skip
    for e in (e for e in manifest if e["class"] == "large"):
        path = corpus / e["path"]
        best, found = float("inf"), []
        for _ in range(repeat):
            t0 = time.perf_counter()
            found = analyze_file(path, e["path"])
            best = min(best, time.perf_counter() - t0)
        mb = e["bytes"] / 2**20
        rows.append(f"| {path.name} | {mb:,.0f} | {best:.4f} | {mb / best:,.0f} | {len(found)} |")
    return "\n".join(rows) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    manifest = json.loads((args.corpus / "manifest.json").read_text())
    print(section(args.corpus, manifest, args.repeat))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
