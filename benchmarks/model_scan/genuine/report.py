"""Render the genuine-file benchmark page from the results JSON (pure: data in, text out)."""

from __future__ import annotations

from collections import Counter, defaultdict
from fnmatch import fnmatchcase
from typing import Any

TOOLS = ["secplan", "modelscan", "picklescan", "fickling", "modelaudit"]


def _pct(n: int, total: int) -> str:
    return f"{100 * n / total:.1f}% ({n}/{total})" if total else "n/a"


def _set_section(res: dict[str, Any]) -> list[str]:
    files = res["files"]
    fams: dict[str, set[str]] = defaultdict(set)
    count: Counter[str] = Counter()
    for f in files.values():
        fams[f["family"]].add(f["package"])
        count[f["family"]] += 1
    mb = sum(f["size"] for f in files.values()) / 1e6
    lines = [
        f"**The set**: {len(files)} files ({mb:,.0f} MB) from {res['packages']} packages "
        f"({res['distributions']} distributions) published on PyPI, pinned by sha256 in "
        "`benchmarks/model_scan/genuine/manifest.toml` and fetched by `fetch.py`; nothing in "
        "it was written for the benchmark. The family is the benchmark's own label, from each "
        "file's first bytes (and its name for protobuf formats, which have no magic).",
        "",
        "| family | files | packages |",
        "|---|---|---|",
    ]
    for fam in sorted(count, key=lambda k: (-count[k], k)):
        lines.append(f"| {fam} | {count[fam]} | {len(fams[fam])} |")
    return [*lines, ""]


def _true_findings(res: dict[str, Any], judgements: list[dict[str, Any]]) -> set[str]:
    """The files secplan flags whose judgement says the finding is true (a real gadget in a
    genuine file): not false alarms, though the file is genuine."""
    flagged = [p for p, v in res["verdicts"].get("secplan", {}).items() if v["any"]]
    return {p for p in flagged if (_judgement(p, judgements) or {}).get("true_finding")}


def _verdict_section(res: dict[str, Any], judgements: list[dict[str, Any]]) -> list[str]:
    total = len(res["files"])
    lines = [
        "A file counts under *any finding* when the tool reports anything above info about it "
        "(secplan: low or above; ModelAudit: a warning or critical issue; picklescan: a "
        "suspicious or dangerous import; modelscan: any issue; fickling: a verdict other than "
        "LIKELY_SAFE), and under *high or critical* when secplan reports high or critical, "
        "ModelAudit a critical issue, picklescan a dangerous import, modelscan a HIGH or "
        "CRITICAL issue, fickling LIKELY_UNSAFE or worse. Every file here is genuine, so every "
        "file counted is a false positive unless the list below says otherwise. *Errors* are "
        "files the tool could not analyse, in whole or in part.",
        "",
        "| tool | files at high or critical | files with any finding | errors |",
        "|---|---|---|---|",
    ]
    for tool in TOOLS:
        v = res["verdicts"].get(tool)
        if v is None:
            continue
        per = [x for f, x in v.items() if f in res["files"]]
        high = sum(x["high"] for x in per)
        anyf = sum(x["any"] for x in per)
        err = sum(x["error"] for x in per)
        lines.append(f"| {tool} | {_pct(high, total)} | {_pct(anyf, total)} | {err} |")
        true = _true_findings(res, judgements) if tool == "secplan" else set()
        if true:
            alarms = [x for f, x in v.items() if f in res["files"] and f not in true]
            lines.append(
                f"| {tool}, false alarms only | {_pct(sum(x['high'] for x in alarms), total)} "
                f"| {_pct(sum(x['any'] for x in alarms), total)} | |"
            )
    true = _true_findings(res, judgements)
    if true:
        lines += [
            "",
            f"*False alarms only* leaves out the {len(true)} files whose secplan finding is "
            "judged true (`judgements.toml`, shown as *True finding* below): a genuine file "
            "that holds a real gadget.",
        ]
    lines += ["", "Files with any finding, per family:", ""]
    tools = [t for t in TOOLS if t in res["verdicts"]]
    lines += ["| family | files | " + " | ".join(tools) + " |", "|---|---|" + "---|" * len(tools)]
    by_fam: dict[str, list[str]] = defaultdict(list)
    for path, f in res["files"].items():
        by_fam[f["family"]].append(path)
    for fam in sorted(by_fam):
        cells = []
        for t in tools:
            n = sum(res["verdicts"][t].get(p, {}).get("any", False) for p in by_fam[fam])
            cells.append(str(n))
        lines.append(f"| {fam} | {len(by_fam[fam])} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def _judgement(path: str, judgements: list[dict[str, Any]]) -> dict[str, Any] | None:
    return next((j for j in judgements if fnmatchcase(path, j["pattern"])), None)


def _judge(path: str, judgements: list[dict[str, Any]]) -> str:
    j = _judgement(path, judgements)
    if j is None:
        return "not yet reviewed"
    if j.get("true_finding"):
        verdict = "True finding (a genuine file, a real gadget). "
    else:
        verdict = "Benign. " if j["benign"] else "Not benign. "
    return verdict + " ".join(j["why"].split())


def _findings_section(res: dict[str, Any], judgements: list[dict[str, Any]]) -> list[str]:
    flagged = {p: v for p, v in res["verdicts"].get("secplan", {}).items() if v["any"]}
    lines = [
        f"Every file secplan reports above info ({len(flagged)}), with each finding and a "
        "judgement of whether the file is in fact benign and why it was flagged "
        "(`judgements.toml`).",
        "",
        "| file | family | finding | judgement |",
        "|---|---|---|---|",
    ]
    for path, v in sorted(flagged.items(), key=lambda kv: (not kv[1]["high"], kv[0])):
        fam = res["files"].get(path, {}).get("family", "")
        shown = []
        for f in v["findings"]:
            member = f" [{f['member']}]" if f["member"] else ""
            text = f"{f['rule']} {f['severity']}{member}: {f['message']}"
            if text not in shown:
                shown.append(text)
        finding = "<br>".join(s.replace("|", "\\|") for s in shown[:6])
        if len(shown) > 6:
            finding += f"<br>… and {len(shown) - 6} more"
        judgement = _judge(path, judgements).replace("|", "\\|")
        lines.append(f"| `{path}` | {fam} | {finding} | {judgement} |")
    return [*lines, ""]


def _skipped_section(res: dict[str, Any]) -> list[str]:
    skipped = {p: v.get("skipped", "") for p, v in res["verdicts"].get("secplan", {}).items()}
    skipped = {p: why for p, why in skipped.items() if why}
    fams: Counter[str] = Counter(res["files"][p]["family"] for p in skipped if p in res["files"])
    lines = [
        f"secplan left {len(skipped)} files of the set out as not model files (listed as "
        "skipped, no finding). By family: "
        + ", ".join(f"{fam} {n}" for fam, n in sorted(fams.items()))
        + ". Those a loader reads as a pickle or a graph are gaps in coverage, not clean "
        "results:",
        "",
        "| file | family | secplan's reason |",
        "|---|---|---|",
    ]
    for path, why in sorted(skipped.items()):
        lines.append(f"| `{path}` | {res['files'].get(path, {}).get('family', '')} | {why} |")
    return [*lines, ""]


def _timing_table(title: str, t: dict[str, Any]) -> list[str]:
    names = sorted((n for n in t if n not in ("commands", "runs")), key=TOOLS.index)
    lines = [
        f"{title} ({t['runs']} runs each, alternating; the commands below).",
        "",
        "| tool | median wall s | median CPU s | secplan ÷ tool, pair by pair (median; min–max) "
        "| CPU ratio (median) |",
        "|---|---|---|---|---|",
    ]
    for n in names:
        e = t[n]
        if e.get("ratio"):
            r = e["ratio"]
            ratio = f"{e['median_ratio']:.2f}× ({min(r):.2f}–{max(r):.2f})"
            cpu_ratio = f"{e['median_cpu_ratio']:.2f}×"
        else:
            ratio = cpu_ratio = "—"
        lines.append(
            f"| {n} | {e['median_wall']:.2f} | {e['median_cpu']:.2f} | {ratio} | {cpu_ratio} |"
        )
    lines += ["", *(f"- {n}: `{t['commands'][n]}`" for n in names), ""]
    return lines


def _breakdown(per: dict[str, dict[str, float]]) -> list[str]:
    base = min(v["cpu"] for v in per.values())  # the cheapest folder: about start-up alone
    work = {k: max(v["cpu"] - base, 0.0) for k, v in per.items()}
    total = sum(work.values())
    top = sorted(per.items(), key=lambda kv: -kv[1]["cpu"])[:10]
    lines = [
        "Where secplan's time goes: `secplan model scan SET/<package> -j 1`, one run per "
        f"package folder. Start-up is about {base:.2f} CPU s a run (the cheapest folder); "
        f"beyond it the folders take {total:.1f} CPU s in all. The ten most expensive:",
        "",
        "| package folder | MB | CPU s | beyond start-up | share of all beyond start-up |",
        "|---|---|---|---|---|",
    ]
    for name, v in top:
        share = f"{100 * work[name] / total:.0f}%" if total else ""
        lines.append(f"| {name} | {v['mb']:.1f} | {v['cpu']:.2f} | {work[name]:.2f} | {share} |")
    return [*lines, ""]


def render(res: dict[str, Any], judgements: list[dict[str, Any]]) -> str:
    versions = ", ".join(f"{k} {v}" for k, v in res["versions"].items())
    parts = "; ".join(f"{part}: `{cmd}`" for part, cmd in sorted(res.get("parts", {}).items()))
    lines = [
        "## Model-file scanning: genuine files from published packages",
        "",
        "Produced by `python benchmarks/model_scan/genuine/fetch.py` and then "
        f"`python benchmarks/model_scan/genuine/run.py` on {res['cores']} CPU cores, shared "
        "with other work: compare the ratios, taken pair by pair, rather than the seconds. "
        f"Each part can be rerun on its own with `--only`; the last run of each was {parts}. "
        "Results per file and per tool, with secplan's findings, are in "
        "`model_scan_genuine.json` beside this page.",
        "",
        f"Tool versions: {versions}.",
        "",
        *_set_section(res),
        "### Verdicts",
        "",
        *_verdict_section(res, judgements),
        "### secplan's findings on genuine files",
        "",
        *_findings_section(res, judgements),
        "### Files secplan skipped",
        "",
        *_skipped_section(res),
    ]
    timing = res.get("timing") or {}
    if timing:
        lines += [
            "### Whole commands, as a user runs them",
            "",
            "Each run is a fresh process, as a user runs it: interpreter start-up, imports and "
            "(for secplan) its worker processes all count. `SET` is the folder `fetch.py` fills. "
            "The tools take turns, the order reversed every other round, and each ratio is taken "
            "run by run. CPU seconds are user plus system time of the command and its children: "
            "they move less than wall-clock seconds when other work shares the machine. "
            "secplan's bytecode is compiled before the runs, as pip compiles it on install (the "
            "anchors are installed with pip).",
            "",
        ]
        if "directory" in timing:
            lines += _timing_table("Scanning the whole set directory", timing["directory"])
        if "small_file" in timing:
            lines += _timing_table("Scanning one small file", timing["small_file"])
        if "secplan_per_folder" in timing:
            lines += _breakdown(timing["secplan_per_folder"])
    return "\n".join(lines).rstrip() + "\n"
