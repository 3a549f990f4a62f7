"""Markdown and JSON for docs/benchmarks/model_scan_redteam.* from the corpus, the fire
check and the scans."""

from __future__ import annotations

import os
from collections import defaultdict
from typing import Any

from loaders import CALLS

TOOLS = ("secplan", "modelscan", "picklescan", "fickling", "modelaudit")


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.1f}% ({n}/{d})" if d else "n/a"


def _cell(r: dict[str, Any]) -> str:
    return "H" if r["high"] else "M" if r["medium"] else ("err" if r["error"] else "·")


def render(
    manifest: list[dict[str, Any]],
    techniques: dict[str, dict[str, Any]],
    fire: dict[str, dict[str, Any]],
    results: dict[str, dict[str, dict[str, Any]]],
    versions: dict[str, str],
    command: str,
    round_: int = 0,
) -> tuple[str, dict[str, Any]]:
    scanned = [
        e for e in manifest if e["id"] in results and all(t in results[e["id"]] for t in TOOLS)
    ]
    mal = [e for e in scanned if e["label"] == "malicious" and fire.get(e["id"], {}).get("fired")]
    unfired = [e for e in manifest if e["label"] == "malicious" and e not in mal]
    ben = [e for e in scanned if e["label"] == "benign"]
    cls = {e["id"]: techniques[e["technique"]]["class"] for e in manifest}
    summary = {
        t: {
            "recall_high": sum(results[e["id"]][t]["high"] for e in mal),
            "recall_medium": sum(results[e["id"]][t]["medium"] for e in mal),
            "fp_high": sum(results[e["id"]][t]["high"] for e in ben),
            "fp_medium": sum(results[e["id"]][t]["medium"] for e in ben),
            "errors": sum(results[e["id"]][t]["error"] for e in scanned),
        }
        for t in TOOLS
    }
    out = [
        "## Model-file scanning: the independent red-team corpus"
        + (f", round {round_}" if round_ else ""),
        "",
        *(
            [
                f"Round {round_} only: the techniques marked `round = {round_}` in the "
                "catalogue, none of which an earlier round holds. Earlier rounds: "
                "[model_scan_redteam.md](model_scan_redteam.md).",
                "",
            ]
            if round_
            else []
        ),
        f"Produced by `{command}` ({os.cpu_count()} CPU cores; every tool run as a fresh "
        "process per "
        "sample). The samples were written from published advisories, research and scanner bug "
        "trackers by someone who had not read secplan's analyzer; each carries a canary payload "
        "that only creates a marker file. The catalogue with sources is "
        "`benchmarks/model_scan/redteam/techniques.toml`.",
        "",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in sorted(versions.items())) + ".",
        "",
        f"Corpus: {len([e for e in manifest if e['label'] == 'malicious'])} malicious samples for "
        f"{len({e['technique'] for e in manifest if e['label'] == 'malicious'})} techniques in "
        f"{len({cls[e['id']] for e in manifest})} classes; **{len(mal)} fired** with their "
        "real loader "
        f"in a throwaway process and count below; {len(unfired)} did not fire (listed at the end, "
        f"kept out of the figures). {len(ben)} benign files of the same formats. "
        f"{sum(t['status'] == 'catalogued' for t in techniques.values())} further published "
        "techniques are catalogued without a sample.",
        "",
        "*Caught* means a finding of high or critical severity (secplan, modelscan, ModelAudit: "
        "their own severities; picklescan: a dangerous global, exit 1; fickling: LIKELY_UNSAFE "
        "or worse). *Medium+* adds medium findings (ModelAudit warnings, picklescan suspicious "
        "globals, fickling POSSIBLY_UNSAFE/SUSPICIOUS). No scan ran a payload: the canary folder "
        "stayed empty.",
        "",
        "| tool | recall, high+ | recall, medium+ | benign flagged high+ "
        "| benign flagged medium+ | errors |",
        "|---|---|---|---|---|---|",
    ]
    for t in TOOLS:
        s = summary[t]
        out.append(
            f"| {t} | {_pct(s['recall_high'], len(mal))} | {_pct(s['recall_medium'], len(mal))} | "
            f"{_pct(s['fp_high'], len(ben))} | {_pct(s['fp_medium'], len(ben))} | {s['errors']} |"
        )
    out += ["", *_by_class(mal, cls, results), "", *_misses(mal, results, techniques)]
    out += ["", *_by_technique(manifest, techniques, fire, results), ""]
    out += [*_benign(ben, results), "", *_unfired(unfired, fire, techniques), ""]
    out += [*_catalogued(techniques)]
    data = {
        "command": command,
        "versions": versions,
        "summary": {
            t: {**s, "malicious_fired": len(mal), "benign": len(ben)} for t, s in summary.items()
        },
        "samples": {
            e["id"]: {
                "technique": e["technique"], "class": cls[e["id"]], "label": e["label"],
                "loader": CALLS.get(e["loader"], e["loader"]), "env": e["env"],
                "fire": fire.get(e["id"]), "scan": results.get(e["id"]),
            }
            for e in manifest
        },
    }  # fmt: skip
    return "\n".join(out) + "\n", data


def _by_class(mal: list[dict[str, Any]], cls: dict[str, str], r: dict[str, Any]) -> list[str]:
    by: dict[str, list[str]] = defaultdict(list)
    for e in mal:
        by[cls[e["id"]]].append(e["id"])
    rows = [
        "### Per class (fired samples caught at high+ / medium+)",
        "",
        "| class | samples | " + " | ".join(TOOLS) + " |",
        "|---|---|" + "---|" * len(TOOLS),
    ]
    for c, ids in sorted(by.items()):
        cells = [
            f"{sum(r[i][t]['high'] for i in ids)} / {sum(r[i][t]['medium'] for i in ids)}"
            for t in TOOLS
        ]
        rows.append(f"| {c} | {len(ids)} | " + " | ".join(cells) + " |")
    return rows


def _misses(mal: list[dict[str, Any]], r: dict[str, Any], techniques: dict[str, Any]) -> list[str]:
    missed = [e for e in mal if not r[e["id"]]["secplan"]["high"]]
    rows = [
        "### Fired samples secplan does not catch at high or above",
        "",
        f"{len(missed)} samples. *secplan said*: its findings at medium or above (nothing: none "
        "above "
        "info). *Why the loader runs it*: the technique, and the call that ran the canary.",
        "",
        "| sample | technique | secplan said | anchors at high+ | why the loader runs it |",
        "|---|---|---|---|---|",
    ]
    for e in missed:
        res = r[e["id"]]
        anchors = ", ".join(t for t in TOOLS[1:] if res[t]["high"]) or "none"
        said = res["secplan"]["detail"] or ("error" if res["secplan"]["error"] else "nothing")
        why = f"{techniques[e['technique']]['title']}; `{CALLS.get(e['loader'], e['loader'])}`"
        rows.append(f"| `{e['id']}` | {e['technique']} | {said} | {anchors} | {why} |")
    return rows


def _by_technique(manifest: list[dict[str, Any]], techniques: dict[str, Any], fire: dict[str, Any],
                  r: dict[str, Any]) -> list[str]:  # fmt: skip
    rows = [
        "### Per technique",
        "",
        "Cells: fired samples caught at high+ (H), medium only (M), missed (·) or tool error "
        "(err), one mark per sample in catalogue order. *fired* counts samples whose canary fired.",
        "",
        "| technique | class | year | loader | fired | " + " | ".join(TOOLS) + " | sources |",
        "|---|---|---|---|---|" + "---|" * len(TOOLS) + "---|",
    ]
    for tid, t in sorted(techniques.items(), key=lambda kv: (kv[1]["class"], kv[0])):
        if t["status"] != "sampled":
            continue
        ids = [i for i in t["samples"] if i in r and fire.get(i, {}).get("fired")]
        cells = [" ".join(_cell(r[i][tool]) for i in ids) or "–" for tool in TOOLS]
        src = " ".join(f"[{n + 1}]({u})" for n, u in enumerate(t["sources"]))
        rows.append(
            f"| **{tid}**: {t['title']} | {t['class']} | {t['year']} | {t['loader']} | "
            f"{len(ids)}/{len(t['samples'])} | " + " | ".join(cells) + f" | {src} |"
        )
    return rows


def _benign(ben: list[dict[str, Any]], r: dict[str, Any]) -> list[str]:
    rows = [
        "### Benign files (flagged high+ H, medium M, clean ·, tool error err)",
        "",
        "| file | counterpart of | " + " | ".join(TOOLS) + " |",
        "|---|---|" + "---|" * len(TOOLS),
    ]
    for e in ben:
        rows.append(
            f"| `{e['path'].split('/', 1)[1]}` | {e['technique']} | "
            + " | ".join(_cell(r[e["id"]][t]) for t in TOOLS)
            + " |"
        )
    return rows


def _unfired(
    unfired: list[dict[str, Any]], fire: dict[str, Any], techniques: dict[str, Any]
) -> list[str]:
    rows = [
        "### Samples that did not fire (kept out of the figures)",
        "",
        "The loader named was run on the sample in its own environment; the canary did not "
        "appear. These stay in the corpus: a loader version, a platform module or a library "
        "change may make "
        "them fire elsewhere.",
        "",
        "| sample | technique | loader | what the loader said |",
        "|---|---|---|---|",
    ]
    for e in unfired:
        said = str(fire.get(e["id"], {}).get("said", "not checked")).replace("|", "\\|")
        rows.append(
            f"| `{e['id']}` | {e['technique']} | "
            f"`{CALLS.get(e['loader'], e['loader'])}` ({e['env']}) | {said[:160]} |"
        )
    return rows


def _catalogued(techniques: dict[str, Any]) -> list[str]:
    rows = [
        "### Catalogued techniques without a sample",
        "",
        "| technique | title | why no sample | sources |",
        "|---|---|---|---|",
    ]
    for tid, t in sorted(techniques.items()):
        if t["status"] == "catalogued":
            src = " ".join(f"[{n + 1}]({u})" for n, u in enumerate(t["sources"]))
            rows.append(f"| {tid} | {t['title']} | {t.get('note', '')} | {src} |")
    return rows
