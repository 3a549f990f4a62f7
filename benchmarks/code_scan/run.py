"""Precision and recall per class, and files per second, for secplan and anchor tools.

    python benchmarks/code_scan/run.py --anchors VENV [--checkov VENV] [--large DIR ...]
        [--output docs/benchmarks/code_scan.md]

``--anchors`` is a virtualenv (outside the repository) with bandit and detect-secrets;
``--checkov`` one with checkov (it pins its own fork of detect-secrets, so it lives apart).
``--large`` names directories of real code (for example the installed sources of scikit-learn
and transformers) on which secplan and bandit are timed. The corpus is generated afresh in a
temporary directory (see generate.py); results are written as Markdown.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import tools
from generate import CLASSES, generate

Metric = tuple[int, int, int]  # true positives, false positives, false negatives


def evaluate(entries: list[dict[str, object]], found: tools.Detections) -> dict[str, Metric]:
    out: dict[str, Metric] = {}
    for cls, (group, _) in CLASSES.items():
        tp = fp = fn = 0
        for e in entries:
            path, label_cls, positive = str(e["path"]), str(e["class"]), bool(e["positive"])
            hit = cls in found.get(path, set())
            if positive and label_cls == cls:
                tp, fn = (tp + 1, fn) if hit else (tp, fn + 1)
            elif positive and CLASSES[label_cls][0] == group:
                continue  # another class of the same family: not a negative for this one
            elif hit:
                fp += 1
        out[cls] = (tp, fp, fn)
    return out


def fmt(metric: Metric, mapped: bool) -> str:
    tp, fp, fn = metric
    if not mapped:
        return "— / 0.00"
    precision = f"{tp / (tp + fp):.2f}" if tp + fp else "—"
    recall = f"{tp / (tp + fn):.2f}" if tp + fn else "—"
    return f"{precision} / {recall}"


def mapped_classes(mapping: dict[str, tuple[str, ...]]) -> set[str]:
    return {c for classes in mapping.values() for c in classes}


SECRET_TOOLS = set(tools.SECRET_CLASSES)


def version(cmd: list[str]) -> str:
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    return (
        (proc.stdout or proc.stderr).strip().splitlines()[0]
        if (proc.stdout or proc.stderr)
        else "?"
    )


def python_files(paths: list[Path]) -> int:
    return sum(1 for p in paths for _ in p.rglob("*.py"))


def accuracy_section(
    entries: list[dict[str, object]],
    results: dict[str, dict[str, Metric]],
    mapped: dict[str, set[str]],
) -> list[str]:
    names = list(results)
    lines = [
        "## Precision / recall per class",
        "",
        "Each cell is *precision / recall*. A tool with no rule for a class scores 0 recall there "
        "(precision shown as —). Negatives of every class count against every class; positives "
        "of other classes of the same family (secrets, code) are left out of a class's count, "
        "because generic detectors legitimately report them.",
        "",
        "| class | ML-specific | positives | " + " | ".join(names) + " |",
        "|---|---|---|" + "---|" * len(names),
    ]
    for cls, (_, ml) in CLASSES.items():
        pos = sum(1 for e in entries if e["positive"] and e["class"] == cls)
        cells = [fmt(results[n][cls], cls in mapped[n]) for n in names]
        lines.append(f"| {cls} | {'yes' if ml else 'no'} | {pos} | " + " | ".join(cells) + " |")
    lines.append("")
    tp_fp_fn = {n: [sum(m[i] for m in results[n].values()) for i in range(3)] for n in names}
    lines.append(
        "Micro-averaged over all classes: "
        + "; ".join(
            f"{n} {fmt(tuple(v), True)}"
            for n, v in tp_fp_fn.items()  # type: ignore[arg-type]
        )
        + "."
    )
    return lines


def speed_section(large: list[Path], anchors: Path) -> list[str]:
    files = python_files(large)
    lines = ["## Speed on a large real code base", ""]
    rows = []
    for name, run in (
        ("secplan (code, secrets and notebook scanners)", lambda: tools.time_secplan(large)),
        ("bandit", lambda: tools.time_bandit(anchors, large)),
    ):
        seconds = min(run() for _ in range(2))
        rows.append((name, seconds))
    lines += [
        f"{files} Python files in: " + ", ".join(f"`{p.name}`" for p in large) + ". Best of two "
        "runs, wall clock, one process each. secplan also scans every non-Python file there "
        "(JSON, YAML, text) for secrets; bandit reads only `.py` files.",
        "",
        "| tool | seconds | Python files / s |",
        "|---|---|---|",
    ]
    lines += [f"| {n} | {s:.1f} | {files / s:.0f} |" for n, s in rows]
    return lines


def header(args: argparse.Namespace, entries: list[dict[str, object]]) -> list[str]:
    versions = {
        "bandit": version([str(args.anchors / "bin" / "bandit"), "--version"]),
        "detect-secrets": version([str(args.anchors / "bin" / "detect-secrets"), "--version"]),
    }
    shown = ["python benchmarks/code_scan/run.py --anchors $ANCHORS"]
    checkov = ""
    if args.checkov:
        shown.append("--checkov $CHECKOV")
        ck = version([str(args.checkov / "bin" / "checkov"), "--version"])
        checkov = f"; `$CHECKOV` one with checkov ({ck})"
    if args.large:
        shown.append("--large " + " ".join(f"$SITE/{p.name}" for p in args.large))
    anchors = ", ".join(f"{k} ({v})" for k, v in versions.items())
    return [
        "# Benchmark: code, secrets and notebook scanning",
        "",
        "<!-- Generated by benchmarks/code_scan/run.py; do not edit by hand. -->",
        "",
        f"Command: `{' '.join(shown)}` (seed {args.seed}). `$ANCHORS` is a virtualenv with "
        f"{anchors}{checkov}; `$SITE` the site-packages the large code base is installed in. "
        f"Run on {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d')}.",
        "",
        f"Corpus: {len(entries)} generated files, "
        f"{sum(1 for e in entries if e['positive'])} positive, one snippet per file "
        "(see benchmarks/code_scan/generate.py). The corpus was written together with secplan's "
        "rules, so secplan's scores on it show that the rules do what they are meant to, not "
        "how they fare on code nobody has seen; the findings on real code below are the second "
        "check.",
        "",
    ]


def real_code_section(large: list[Path]) -> list[str]:
    counts: Counter[str] = Counter()
    for path in large:
        counts.update(rule for _, rule in tools.secplan_findings(path))
    lines = [
        "",
        "### secplan findings on the large code base",
        "",
        "| rule | findings |",
        "|---|---|",
    ]
    lines += [f"| {rule} | {n} |" for rule, n in sorted(counts.items())]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anchors", type=Path, required=True)
    parser.add_argument("--checkov", type=Path)
    parser.add_argument("--large", type=Path, nargs="*", default=[])
    parser.add_argument("--output", type=Path, default=Path("docs/benchmarks/code_scan.md"))
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        entries = generate(corpus, args.seed)
        runners: dict[str, Callable[[], tools.Detections]] = {
            "secplan": lambda: tools.run_secplan(corpus),
            "bandit": lambda: tools.run_bandit(args.anchors, corpus),
            "detect-secrets": lambda: tools.run_detect_secrets(args.anchors, corpus),
        }
        mapped = {
            "secplan": mapped_classes(tools.SECPLAN),
            "bandit": mapped_classes(tools.BANDIT),
            "detect-secrets": SECRET_TOOLS,
        }
        if args.checkov:
            runners["checkov"] = lambda: tools.run_checkov(args.checkov, corpus)
            mapped["checkov"] = SECRET_TOOLS
        results = {name: evaluate(entries, run()) for name, run in runners.items()}

    lines = [*header(args, entries), *accuracy_section(entries, results, mapped)]
    if args.large:
        lines += ["", *speed_section(args.large, args.anchors), *real_code_section(args.large)]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sys.stdout.write("\n".join(lines) + "\n")


def scan_only(paths: list[Path]) -> None:
    """Scan ``paths`` with secplan's code scanners (the timed half of the speed benchmark)."""
    total = sum(len(tools.secplan_findings(p)) for p in paths)
    sys.stdout.write(f"{total} findings\n")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--scan-only":
        scan_only([Path(p) for p in sys.argv[2:]])
    else:
        main()
