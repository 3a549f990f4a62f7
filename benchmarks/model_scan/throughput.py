"""In-process analysis speed on the large files of a generated corpus (no process start-up),
secplan beside the anchors' own library calls, as a Markdown section.

    python benchmarks/model_scan/throughput.py CORPUS_DIR [--repeat 3] [--anchors FILE]

run.py appends the same section to its report, with the anchors measured by inprocess.py in
their own virtual environments (``--anchors`` takes the JSON it saved). The page cache is warm
(each file was read before), so the figures are what the analysis itself costs.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from secplan.model.finding import Severity
from secplan.modelfile import analyze_file

REPO = Path(__file__).resolve().parent.parent.parent


def measure(corpus: Path, manifest: list[dict[str, Any]], repeat: int) -> list[dict[str, Any]]:
    """Best of ``repeat`` in-process secplan runs per large file, with its verdict."""
    out = []
    for e in (e for e in manifest if e["class"] == "large"):
        path = corpus / e["path"]
        best, found = float("inf"), []
        for _ in range(repeat):
            t0 = time.perf_counter()
            found = analyze_file(path, e["path"])
            best = min(best, time.perf_counter() - t0)
        flagged = any(f.severity >= Severity.HIGH for f in found)
        out.append(
            {
                "file": path.name,
                "bytes": e["bytes"],
                "seconds": best,
                "verdict": "flagged" if flagged else "clean",
                "findings": len(found),
            }
        )
    return out


#: The malicious classes that show whether a tool looks inside a file of this format at all.
FORMAT_CLASSES = {
    ".gguf": {"gguf-template-injection"},
    ".safetensors": {"safetensors-malformed"},
    ".npy": {"numpy-object-array"},
    ".joblib": {"joblib-variants"},
    ".pkl": {"reduce-os-system"},
    ".pt": {"torch-real-payload", "torch-zip-tricks"},
}


def section(
    corpus: Path,
    manifest: list[dict[str, Any]],
    repeat: int,
    anchors: dict[str, list[dict[str, Any]]] | None = None,
    caught: dict[str, set[str]] | None = None,
) -> str:
    """The Markdown section; ``anchors`` maps a tool to what inprocess.py printed for it,
    ``caught`` a tool to the malicious classes it flagged at least one sample of (without it,
    as when this file is run on its own, every anchor counts as analysing every format)."""
    ours = measure(corpus, manifest, repeat)
    anchors = anchors or {}
    by_tool = {t: {r["file"]: r for r in rows} for t, rows in anchors.items()}
    tools = sorted(by_tool)
    rows = ["", "### Analysis speed in-process (library call, no process start-up)", "",
            f"Best of {repeat} runs per file and tool, page cache warm: secplan's `analyze_file`, "
            "and for each anchor the library call its command line makes for one file "
            "(`benchmarks/model_scan/inprocess.py`, run in that tool's own environment), with "
            "the verdict its exit code would give. *Ratio* is the fastest anchor's time over "
            "secplan's, among the anchors that reached the same verdict *and* look inside that "
            "format: a tool that caught none of the corpus's malicious samples of the format "
            "(marked †) answers without analysing it, for instance by reading a GGUF or "
            "safetensors header as a pickle and stopping at the first byte that is not an "
            "opcode, and is left out of the ratio.", "",
            "| file | MB | secplan | " + " | ".join(tools) + " | ratio |",
            "|---|---|---|" + "---|" * len(tools) + "---|"]  # fmt: skip
    ratios = []
    for r in ours:
        mb = r["bytes"] / 2**20
        cells = [f"{r['seconds'] * 1000:.2f} ms, {r['verdict']}"]
        same = []
        for t in tools:
            a = by_tool[t].get(r["file"])
            if a is None:
                cells.append("n/a")
                continue
            suffix = Path(r["file"]).suffix
            looks = caught is None or bool(caught.get(t, set()) & FORMAT_CLASSES.get(suffix, set()))
            mark = "" if looks else " †"
            cells.append(f"{a['seconds'] * 1000:,.1f} ms, {a['verdict']}{mark}")
            if a["verdict"] == r["verdict"] and looks:
                same.append((a["seconds"], t))
        if same:
            secs, tool = min(same)
            ratio = secs / max(r["seconds"], 1e-9)
            ratios.append(ratio)
            cells.append(f"{_x(ratio)} ({tool})")
        else:
            cells.append("no anchor that analyses it agrees")
        rows.append(f"| {r['file']} | {mb:,.0f} | " + " | ".join(cells) + " |")
    if ratios:
        rows += ["", f"Ratios file by file: {_x(min(ratios))} to {_x(max(ratios))} (above 1x "
                 "secplan is faster)."]  # fmt: skip
    rows += ["", "secplan reads headers, opcodes and archive directories and skips tensor "
             "payloads by their declared length, so the time does not grow with the size of "
             "the weights."]  # fmt: skip
    return "\n".join(rows) + "\n"


def _x(ratio: float) -> str:
    return f"{ratio:,.2f}x" if ratio < 10 else f"{ratio:,.0f}x"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--anchors", type=Path, help="JSON saved by run.py (inprocess.json)")
    args = ap.parse_args()
    manifest = json.loads((args.corpus / "manifest.json").read_text())
    anchors = json.loads(args.anchors.read_text()) if args.anchors else None
    print(section(args.corpus, manifest, args.repeat, anchors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
