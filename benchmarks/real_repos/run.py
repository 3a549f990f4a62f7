"""Every finding of ``secplan scan`` on public ML repositories, triaged by hand.

    python -m benchmarks.real_repos.run                        # precision from the triage file
    python -m benchmarks.real_repos.run --repos DIR [--doc FILE] [--screens N]

``triage.toml`` lists each repository with the commit scanned (and, for a large project, the
folder of it that was scanned), and every finding with the verdict given by reading the code
or configuration at that place: ``true`` when the finding states something that holds there
and bears on the rule's risk, ``false`` otherwise, with a one-line reason. Findings are marked
``before`` (reported by secplan before the fixes this benchmark led to) and ``now`` (reported
by the current code).

Without ``--repos`` the results are recomputed from the file. With ``--repos`` (a folder
outside this repository holding each project as ``owner+name/``, checked out at the listed
commit), secplan scans every project again; findings are matched to the triage by
(repository, file, line, rule, message without its numbers, occurrence), and untriaged or
no longer reported findings are listed. ``--screens`` also records the first lines of the
table report of some projects, as a user sees them in a terminal 100 columns wide.

*Security-relevant* findings are all findings except the posture rules that only say a
record is missing from the project (``secplan.report.table.RECORD_GAP_RULES``) and
informational ones: those are true by construction on any project that never ran
``secplan init``, so they would inflate precision.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

from benchmarks.pii.real_repos import precision

from secplan.model import Confidence, Finding, Location, Severity
from secplan.report.table import TOP_FINDINGS, is_record_gap, top_findings

HERE = Path(__file__).resolve().parent
TRIAGE = HERE / "triage.toml"
SEVERITY_ORDER = ("critical", "high", "medium", "low", "info")
SCREEN_LINES = 40

Key = tuple[str, str, int, str, str, int]
_NUMBER = re.compile(r"\d+")


def security_relevant(rule: str, severity: str) -> bool:
    return not is_record_gap(rule) and severity != "info"


def load(path: Path = TRIAGE) -> dict[str, object]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def keyed(findings: list[dict[str, object]]) -> dict[Key, dict[str, object]]:
    """Each finding under (repo, file, line, rule, message with its numbers left out, n): n
    counts the findings with the same first five parts, in report order. Counts in messages
    ("25 dependencies were not checked") change with the code and are not part of a key."""
    seen: Counter[tuple[str, str, int, str, str]] = Counter()
    out: dict[Key, dict[str, object]] = {}
    for f in findings:
        base = (
            str(f["repo"]),
            str(f["file"]),
            int(f.get("line") or 0),  # type: ignore[call-overload]
            str(f["rule"]),
            _NUMBER.sub("#", str(f["message"])),
        )
        out[(*base, seen[base])] = f
        seen[base] += 1
    return out


def scan(repo_dir: Path, repo: str) -> list[dict[str, object]]:
    """secplan's findings on one project, in report order."""
    cmd = [sys.executable, "-m", "secplan", "scan", str(repo_dir), "--format", "json"]
    cmd += ["--fail-on", "critical"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode not in (0, 1):
        raise SystemExit(f"{repo}: secplan scan exited {out.returncode}: {out.stderr[-400:]}")
    found = []
    for f in json.loads(out.stdout)["findings"]:
        loc = f.get("location") or {}
        found.append(
            {
                "repo": repo,
                "file": str(loc.get("path")),
                "line": int(loc.get("line") or 0),
                "rule": f["rule"],
                "severity": f["severity"],
                "confidence": f["confidence"],
                "message": f["message"],
            }
        )
    return found


def on_first_screen(found: list[dict[str, object]]) -> list[dict[str, object]]:
    """The findings of one project that the table report's first screen lists."""
    severity = {s.label: s for s in Severity}
    confidence = {c.name.lower(): c for c in Confidence}
    by_finding = {}
    for f in found:
        finding = Finding(
            rule=str(f["rule"]),
            severity=severity[str(f["severity"])],
            confidence=confidence[str(f["confidence"])],
            location=Location(path=str(f["file"]), line=int(f["line"]) or None),  # type: ignore[call-overload]
            message=str(f["message"]),
        )
        by_finding[id(finding)] = (finding, f)
    top = top_findings(tuple(fin for fin, _ in by_finding.values()), TOP_FINDINGS)
    return [by_finding[id(fin)][1] for fin in top]


def first_screen(repo_dir: Path, lines: int = SCREEN_LINES) -> str:
    """The first lines of the table report, as a terminal 100 columns wide shows them."""
    cmd = [sys.executable, "-m", "secplan", "scan", str(repo_dir), "--fail-on", "critical"]
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    out = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    return "\n".join(out.stdout.splitlines()[:lines])


def _score(findings: list[dict[str, object]]) -> dict[str, object]:
    verdicts = [str(f.get("verdict", "unknown")) for f in findings]
    relevant = [
        str(f.get("verdict", "unknown"))
        for f in findings
        if security_relevant(str(f["rule"]), str(f["severity"]))
    ]
    return {"all": precision(verdicts), "relevant": precision(relevant)}


def evaluate(data: dict[str, object], current: list[dict[str, object]]) -> dict[str, object]:
    """Precision before and now, per repository and per rule, from triaged findings."""
    triaged: list[dict[str, object]] = data["finding"]  # type: ignore[assignment]
    before = [f for f in triaged if f.get("before")]
    repos = [str(r["name"]) for r in data["repo"]]  # type: ignore[attr-defined]
    rules = sorted({str(f["rule"]) for f in [*before, *current]})
    return {
        "before": _score(before),
        "now": _score(current),
        "repos": {
            r: {
                "before": _score([f for f in before if f["repo"] == r]),
                "now": _score([f for f in current if f["repo"] == r]),
            }
            for r in repos
        },
        "rules": {
            r: {
                "before": _score([f for f in before if f["rule"] == r]),
                "now": _score([f for f in current if f["rule"] == r]),
                "relevant": not is_record_gap(r),
            }
            for r in rules
        },
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repos", type=Path, help="folder with each project as owner+name/")
    ap.add_argument("--doc", type=Path, help="also write the results as Markdown here")
    ap.add_argument("--screens", nargs="*", default=[], help="projects whose first screen to show")
    a = ap.parse_args()
    data = load()
    triage = keyed(data["finding"])  # type: ignore[arg-type]
    untriaged: list[Key] = []
    gone: list[Key] = []
    screens: dict[str, str] = {}
    first: dict[str, list[str]] = {}
    if a.repos is None:
        current = [f for f in triage.values() if f.get("now")]
    else:
        found: list[dict[str, object]] = []
        for r in data["repo"]:  # type: ignore[attr-defined]
            root = a.repos / str(r["name"]).replace("/", "+") / str(r.get("path", ""))
            mine = scan(root, str(r["name"]))
            found += mine
            first[str(r["name"])] = [_verdict(triage, f) for f in on_first_screen(mine)]
            if r["name"] in a.screens:
                screens[str(r["name"])] = first_screen(root)
        now = keyed(found)
        current = [{**f, **triage.get(k, {}), **f} for k, f in now.items()]
        untriaged = [k for k in now if k not in triage]
        gone = [k for k, f in triage.items() if f.get("now") and k not in now]
    result = evaluate(data, current)
    result["first_screen"] = {r: precision(v) for r, v in first.items()}
    result["untriaged"] = [list(k) for k in untriaged]
    result["no_longer_reported"] = [list(k) for k in gone]
    print(json.dumps(result, indent=1))
    if a.doc:
        a.doc.write_text(markdown(result, data, current, screens), encoding="utf-8")


def _verdict(triage: dict[Key, dict[str, object]], found: dict[str, object]) -> str:
    """The verdict of one scanned finding (its key among the project's findings alone)."""
    for f in triage.values():
        same = all(f[x] == found[x] for x in ("repo", "file", "line", "rule"))
        shape = _NUMBER.sub("#", str(f["message"])) == _NUMBER.sub("#", str(found["message"]))
        if f.get("now") and same and shape:
            return str(f["verdict"])
    return "unknown"


def _p(score: dict[str, object]) -> str:
    p = score["precision"]
    return "-" if p is None else f"{p:.2f}"


def _cells(s: dict[str, dict[str, object]]) -> str:
    a, r = s["all"], s["relevant"]
    return f"{a['findings']} | {a['true']} | {_p(a)} | {r['findings']} | {r['true']} | {_p(r)}"


def markdown(
    result: dict[str, object],
    data: dict[str, object],
    current: list[dict[str, object]],
    screens: dict[str, str],
) -> str:
    """The results page."""
    repos: list[dict[str, object]] = data["repo"]  # type: ignore[assignment]
    res_repos: dict[str, dict[str, dict[str, dict[str, object]]]] = result["repos"]  # type: ignore[assignment]
    res_rules: dict[str, dict[str, object]] = result["rules"]  # type: ignore[assignment]
    before: dict[str, dict[str, object]] = result["before"]  # type: ignore[assignment]
    now: dict[str, dict[str, object]] = result["now"]  # type: ignore[assignment]
    head = "| findings | true | precision | relevant | true | precision |"
    lines = [
        "# `secplan scan` on public ML repositories, every finding triaged by hand",
        "",
        "Every finding of `secplan scan` (all rules, default settings) on public ML projects,",
        "each judged by reading the code or configuration at its place: `true` when what the",
        "finding states holds there and bears on the rule's risk, `false` otherwise. The",
        "verdicts and their one-line reasons, and the commit of each project, are in",
        "`benchmarks/real_repos/triage.toml`. **Triage author: secplan's own authors**, not an",
        "independent reviewer, so a verdict may lean the detectors' way; each one gives its",
        "reason so that anyone can check it. Files absent from the mirror the projects were",
        "read from (a few images, notebooks and data files) were left out. Rerun with:",
        "",
        "    python -m benchmarks.real_repos.run --repos /path/outside/repo \\",
        "        --doc docs/benchmarks/real_repos.md --screens " + " ".join(screens),
        "",
        "**Security-relevant** findings are all findings except informational ones and the",
        "posture rules that only say a record is missing from the project (`EV*`, `AU*`,",
        "`DP104` no vulnerability database imported, `DT101` no dataset record, `MF001` no",
        "signature, `MF003` no model record, `MF004` no model card): those hold on any project",
        "that never set secplan up, so counting them would inflate precision. Both counts are",
        "shown. *Before* is secplan before the fixes below, *now* the current code.",
        "",
        f"| | {head[2:]}",
        "|---|---:|---:|---:|---:|---:|---:|",
        f"| **all repositories, now** | {_cells(now)} |",
        f"| all repositories, before | {_cells(before)} |",
        "",
        "Per repository, now:",
        "",
        f"| repository | commit | {head[2:]}",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    first: dict[str, dict[str, object]] = result.get("first_screen", {})  # type: ignore[assignment]
    if first:
        lines[-2] += " first screen: true of rows |"
        lines[-1] += "---:|"
    for r in repos:
        name = str(r["name"])
        where = f"{name}/{r['path']}" if r.get("path") else name
        row = f"| {where} | {str(r['commit'])[:10]} | {_cells(res_repos[name]['now'])} |"
        if name in first:
            row += f" {first[name]['true']} of {first[name]['findings']} |"
        lines.append(row)
    if first:
        rows = sum(int(p["findings"]) for p in first.values())  # type: ignore[call-overload]
        true = sum(int(p["true"]) for p in first.values())  # type: ignore[call-overload]
        lines.append(f"| **all** | | | | | | | | {true} of {rows} |")
    lines += [
        "",
        "Per rule (findings / true, before and now; *relevant* says whether the rule counts",
        "as security-relevant):",
        "",
        "| rule | relevant | before | true before | now | true now | precision now |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for rule, s in res_rules.items():
        b: dict[str, object] = s["before"]["all"]  # type: ignore[index]
        n: dict[str, object] = s["now"]["all"]  # type: ignore[index]
        rel = "yes" if s["relevant"] else "no"
        lines.append(
            f"| {rule} | {rel} | {b['findings']} | {b['true']} | {n['findings']} | {n['true']} "
            f"| {_p(n)} |"
        )
    notes: list[str] = data.get("notes", [])  # type: ignore[assignment]
    if notes:
        lines += ["", "Causes of the false findings:", ""] + [f"- {n}" for n in notes]
    if screens:
        lines += [
            "",
            "The first screen of the table report lists the 15 most important findings: most",
            "severe first; within a severity, what the project's files hold before the records",
            "it lacks (before, the missing incident-response plan, EV006, opened every report),",
            "and one finding of each rule before a rule's second one.",
        ]
    for name, screen in screens.items():
        lines += ["", f"First screen of `secplan scan` on {name} (100 columns):", "", "```"]
        lines += [screen, "```"]
    lines += ["", "Findings now, with their verdicts:", ""]
    order = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    for f in sorted(current, key=lambda f: (str(f["repo"]), order.get(str(f["severity"]), 9))):
        line = f":{f['line']}" if f.get("line") else ""
        lines.append(
            f"- {f['repo']} {f['rule']} ({f['severity']}) `{f['file']}{line}` {f['message']}: "
            f"**{f.get('verdict', 'unknown')}**, {f.get('reason', 'not triaged')}"
        )
    if result["untriaged"]:
        lines += ["", f"Untriaged findings in this run: {len(result['untriaged'])}."]  # type: ignore[arg-type]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
