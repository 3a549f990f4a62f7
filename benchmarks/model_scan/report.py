"""Markdown for docs/benchmarks/model_scan.md from the results of run.py."""

from __future__ import annotations

import os
from collections import defaultdict
from typing import Any

TOOLS = ("secplan", "modelscan", "picklescan", "fickling", "modelaudit")
ANCHORS = TOOLS[1:]


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.1f}% ({n}/{d})" if d else "n/a"


def render(
    manifest: list[dict[str, Any]], tallies: dict[str, Any], versions: dict[str, str], command: str
) -> str:
    mal = [e for e in manifest if e["label"] == "malicious"]
    ben = [e for e in manifest if e["label"] == "benign"]
    large = [e for e in ben if e["class"] == "large"]
    r = {t: tallies[t].results for t in TOOLS}
    out = [
        "## Model-file scanning: secplan and the anchor scanners",
        "",
        f"Produced by `{command}` ({os.cpu_count()} CPU cores; every tool run as a fresh process "
        "per file, so start-up time counts for each of them alike)."
        + (
            " With `--only`, the other tools' results are those of the previous full run on the "
            "same corpus (kept in results.json)."
            if "--only" in command
            else ""
        ),
        "",
        "Tool versions: " + ", ".join(f"{t} {versions.get(t, '?')}" for t in TOOLS) + ".",
        "",
        f"Corpus: {len(mal)} malicious samples in {len({e['class'] for e in mal})} bypass "
        f"classes (canary payloads), {len(ben)} benign files written by the libraries "
        f"themselves, {len(large)} of them large.",
        "",
        "MB/s on large files here is bound by process start-up for every tool (interpreter, "
        "imports, argument parsing); the last section compares the analysis itself, in-process, "
        "tool by tool.",
        "",
        "A tool *flags* a file when it reports it unsafe (exit code 1 for the anchors; for "
        "secplan a finding of high or critical severity, and separately of medium or above, "
        'which includes "not verified" and "unknown callable, review").',
        "",
        "| tool | recall (malicious flagged) | false-positive rate (benign flagged) | errors | "
        "MB/s on large files |",
        "|---|---|---|---|---|",
    ]
    for t in TOOLS:
        det = sum(r[t][e["path"]].flagged for e in mal)
        fp = sum(r[t][e["path"]].flagged for e in ben)
        err = sum(r[t][e["path"]].error for e in manifest)
        out.append(
            f"| {t}{' (high+)' if t == 'secplan' else ''} | {_pct(det, len(mal))} | "
            f"{_pct(fp, len(ben))} | {err} | {_speed(r[t], large)} |"
        )
        if t == "secplan":
            det_m = sum(r[t][e["path"]].flagged_medium for e in mal)
            fp_m = sum(r[t][e["path"]].flagged_medium for e in ben)
            out.append(
                f"| secplan (medium+) | {_pct(det_m, len(mal))} | {_pct(fp_m, len(ben))} | | |"
            )
    out += [
        "",
        *_classes(mal, r),
        "",
        *_missed(mal, r),
        "",
        *_large(large, r),
        "",
        *_benign(ben, r),
        "",
        *_sources(mal),
    ]
    return "\n".join(out) + "\n"


def _speed(res: dict[str, Any], large: list[dict[str, Any]]) -> str:
    size = sum(e["bytes"] for e in large)
    secs = sum(res[e["path"]].seconds for e in large)
    return f"{size / 2**20 / secs:,.0f}" if secs else "n/a"


def _classes(mal: list[dict[str, Any]], r: dict[str, Any]) -> list[str]:
    by: dict[str, list[str]] = defaultdict(list)
    for e in mal:
        by[e["class"]].append(e["path"])
    rows = [
        "### Recall per bypass class",
        "",
        "| class | samples | " + " | ".join(TOOLS) + " |",
        "|---|---|" + "---|" * len(TOOLS),
    ]
    for cls, paths in sorted(by.items()):
        cells = [f"{sum(r[t][p].flagged for p in paths)}/{len(paths)}" for t in TOOLS]
        rows.append(f"| {cls} | {len(paths)} | " + " | ".join(cells) + " |")
    return rows


def _missed(mal: list[dict[str, Any]], r: dict[str, Any]) -> list[str]:
    missed = [e for e in mal if not any(r[t][e["path"]].flagged for t in ANCHORS)]
    high = sum(r["secplan"][e["path"]].flagged for e in missed)
    medium = sum(r["secplan"][e["path"]].flagged_medium for e in missed)
    rows = [
        "### Samples that all four anchors miss",
        "",
        f"{len(missed)} samples; secplan flags {high} of them at high or above and {medium} "
        "at medium or above.",
        "",
        "| sample | class | secplan |",
        "|---|---|---|",
    ]
    for e in missed:
        res = r["secplan"][e["path"]]
        verdict = "high+" if res.flagged else ("medium" if res.flagged_medium else "missed")
        rows.append(f"| `{e['path'].split('/', 2)[-1]}` | {e['class']} | {verdict} |")
    return rows


def _large(large: list[dict[str, Any]], r: dict[str, Any]) -> list[str]:
    rows = [
        "### Large files (seconds per file; verdict)",
        "",
        "| file | MB | " + " | ".join(TOOLS) + " |",
        "|---|---|" + "---|" * len(TOOLS),
    ]
    for e in large:
        cells = []
        for t in TOOLS:
            res = r[t][e["path"]]
            verdict = "error" if res.error else ("flagged" if res.flagged else "clean")
            cells.append(f"{res.seconds:.2f} s, {verdict}")
        rows.append(
            f"| {e['path'].rsplit('/', 1)[-1]} | {e['bytes'] / 2**20:,.0f} | "
            + " | ".join(cells)
            + " |"
        )
    return rows


def _benign(ben: list[dict[str, Any]], r: dict[str, Any]) -> list[str]:
    by: dict[str, list[str]] = defaultdict(list)
    for e in ben:
        by[e["class"]].append(e["path"])
    rows = [
        "### False positives per benign class (files flagged / files)",
        "",
        "| class | " + " | ".join(TOOLS) + " |",
        "|---|" + "---|" * len(TOOLS),
    ]
    for cls, paths in sorted(by.items()):
        rows.append(
            f"| {cls} | "
            + " | ".join(f"{sum(r[t][p].flagged for p in paths)}/{len(paths)}" for t in TOOLS)
            + " |"
        )
    return rows


def _sources(mal: list[dict[str, Any]]) -> list[str]:
    seen: dict[str, str] = {}
    for e in mal:
        seen.setdefault(e["class"], e["source"])
    return [
        "### Where each bypass class comes from",
        "",
        "| class | source |",
        "|---|---|",
        *(f"| {c} | {s} |" for c, s in sorted(seen.items())),
    ]
