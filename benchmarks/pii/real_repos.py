"""The data findings (DT rules) of ``secplan scan`` on public ML repositories, triaged by hand.

    python -m benchmarks.pii.real_repos                       # precision from the triage file
    python -m benchmarks.pii.real_repos --repos DIR [--doc FILE]

``real_repos.toml`` lists each repository with the commit scanned, and every DT finding with
the verdict given by reading the file at that line (``true``: personal data at risk, or a
real data-governance problem; ``false``: not), marked ``before`` (reported by the code
before the document-kind changes) and ``now`` (reported by the current code). Without
``--repos`` the precision of both is recomputed from the file. With ``--repos`` (a folder
outside this repository holding each project as ``owner+name/``, checked out at the listed
commit), secplan scans every project again and the findings are matched to the triage by
(repository, file, line, rule, entity type): findings nobody triaged and triaged findings no
longer reported are listed, and the precision counts the current findings only (an
untriaged one counts as unknown).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRIAGE = HERE / "real_repos.toml"
_ENTITY = re.compile(r"\b[A-Z][A-Z_]{2,}\b")

Key = tuple[str, str, int, str, str]


def load(path: Path = TRIAGE) -> dict[str, object]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def entity_of(message: str) -> str:
    """The entity type a DT201/DT202 message names ("" for the other rules)."""
    m = _ENTITY.search(message)
    return m.group() if m else ""


def key_of(f: dict[str, object]) -> Key:
    return (
        str(f["repo"]),
        str(f["file"]),
        int(f.get("line") or 0),  # type: ignore[call-overload]
        str(f["rule"]),
        str(f.get("entity", "")),
    )


def precision(verdicts: list[str]) -> dict[str, object]:
    c = Counter(verdicts)
    judged = c["true"] + c["false"]
    return {
        "findings": len(verdicts),
        "true": c["true"],
        "false": c["false"],
        "unknown": len(verdicts) - judged,
        "precision": round(c["true"] / judged, 3) if judged else None,
    }


def scan(repo_dir: Path, repo: str) -> list[Key]:
    """secplan's DT findings on one project, as triage keys."""
    cmd = [sys.executable, "-m", "secplan", "scan", str(repo_dir), "--select", "DT"]
    cmd += ["--format", "json", "--fail-on", "critical"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode not in (0, 1):
        raise SystemExit(f"{repo}: secplan scan exited {out.returncode}: {out.stderr[-400:]}")
    report = json.loads(out.stdout)
    keys = []
    for f in report["findings"]:
        loc = f.get("location") or {}
        entity = entity_of(f["message"]) if f["rule"] in ("DT201", "DT202") else ""
        keys.append((repo, str(loc.get("path")), int(loc.get("line") or 0), f["rule"], entity))
    return keys


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repos", type=Path, help="folder with each project as owner+name/")
    ap.add_argument("--doc", type=Path, help="also write the results as Markdown here")
    a = ap.parse_args()
    data = load()
    triage = {key_of(f): f for f in data["finding"]}  # type: ignore[attr-defined]
    repos = [str(r["name"]) for r in data["repo"]]  # type: ignore[attr-defined]
    per_repo: dict[str, list[str]] = {r: [] for r in repos}
    per_rule: dict[str, list[str]] = {}
    new: list[Key] = []
    gone: list[Key] = []
    before = [k for k, f in triage.items() if f.get("before")]
    if a.repos is None:
        current = [k for k, f in triage.items() if f.get("now")]
    else:
        current = []
        for r in repos:
            current += scan(a.repos / r.replace("/", "+"), r)
        seen = set(current)
        new = [k for k in current if k not in triage]
        gone = [k for k, f in triage.items() if f.get("now") and k not in seen]
    for k in current:
        verdict = str(triage[k]["verdict"]) if k in triage else "unknown"
        per_repo.setdefault(k[0], []).append(verdict)
        per_rule.setdefault(k[3], []).append(verdict)
    result = {
        "before": precision([str(triage[k]["verdict"]) for k in before]),
        "total": precision([v for vs in per_repo.values() for v in vs]),
        "repos": {r: precision(v) for r, v in per_repo.items()},
        "rules": {r: precision(v) for r, v in sorted(per_rule.items())},
        "rules_before": {
            r: precision([str(triage[k]["verdict"]) for k in before if k[3] == r])
            for r in sorted({k[3] for k in before})
        },
        "untriaged": [list(k) for k in new],
        "no_longer_reported": [list(k) for k in gone],
    }
    print(json.dumps(result, indent=1))
    if a.doc:
        a.doc.write_text(markdown(result, data), encoding="utf-8")


def markdown(result: dict[str, object], data: dict[str, object]) -> str:
    """The results page: precision per repository, before and now, and every current finding
    with its verdict."""
    commits = {str(r["name"]): str(r["commit"]) for r in data["repo"]}  # type: ignore[attr-defined]
    total: dict[str, object] = result["total"]  # type: ignore[assignment]
    old: dict[str, object] = result["before"]  # type: ignore[assignment]
    lines = [
        "# Data findings on public ML repositories, triaged by hand",
        "",
        "Every DT finding of `secplan scan --select DT` on public ML projects, judged by",
        "reading the values it reported (`benchmarks/pii/real_repos.toml`, which gives the",
        "commit of each project and the reason for each verdict). Projects and triage: public",
        "real files, triaged by the authors of the detectors. Rerun with:",
        "",
        "    python -m benchmarks.pii.real_repos --repos /path/outside/repo "
        "--doc docs/benchmarks/pii_real_repos.md",
        "",
        "| repository | commit | DT findings | true | false | precision |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for name, p in result["repos"].items():  # type: ignore[attr-defined]
        prec = "-" if p["precision"] is None else f"{p['precision']:.2f}"
        lines.append(
            f"| {name} | {commits[name][:10]} | {p['findings']} | {p['true']} | {p['false']} "
            f"| {prec} |"
        )
    lines.append(
        f"| **all, now** | | {total['findings']} | {total['true']} | {total['false']} "
        f"| {total['precision']} |"
    )
    lines.append(
        f"| all, before the document-kind changes | | {old['findings']} | {old['true']} "
        f"| {old['false']} | {old['precision']} |"
    )
    lines += [
        "",
        "| rule | findings before | true before | findings now | true now |",
        "|---|---:|---:|---:|---:|",
    ]
    rules_now: dict[str, dict[str, object]] = result["rules"]  # type: ignore[assignment]
    rules_old: dict[str, dict[str, object]] = result["rules_before"]  # type: ignore[assignment]
    for rule in sorted(set(rules_now) | set(rules_old)):
        b = rules_old.get(rule, {"findings": 0, "true": 0})
        n = rules_now.get(rule, {"findings": 0, "true": 0})
        lines.append(f"| {rule} | {b['findings']} | {b['true']} | {n['findings']} | {n['true']} |")
    lines += ["", "Findings now:", ""]
    now = [f for f in data["finding"] if f.get("now")]  # type: ignore[attr-defined]
    for f in now:
        lines.append(
            f"- {f['rule']} `{f['repo']}:{f['file']}` {f['message']}: **{f['verdict']}**, "
            f"{f['reason']}"
        )
    lines += [
        "",
        "Notes:",
        "",
        "- *Before* is secplan at the commit the document-kind and look-alike changes started",
        "  from: its DT202 findings were links, product, dataset and section names, authors",
        "  credited in READMEs and licences, decimals read as phone numbers and 127.0.0.1.",
        "- None of these projects holds personal data at risk in its documents, so DT202 has",
        "  no true finding to keep here; its recall is measured on the PII corpora.",
        "- The false DT101 findings came from how files were classified as datasets (a",
        "  stylesheet sniffed as CSV, a NumPy asset of a library), not from the PII detectors;",
        "  both are classified as what they are now.",
    ]
    if result["untriaged"]:
        lines += ["", f"Untriaged findings in this run: {len(result['untriaged'])}."]  # type: ignore[arg-type]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
