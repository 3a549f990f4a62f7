"""Re-run secplan on public ML repositories and compare with the hand triage.

    python benchmarks/code_scan/independent/real_repos.py --root DIR [--home SECPLAN_HOME]
    python benchmarks/code_scan/independent/real_repos.py --root DIR --worksheet OUT.tsv

``--root`` holds one checkout per repository of ``real_repos.toml``, in a folder named
``owner+name`` (the commit the triage was made at is recorded beside each). secplan is run on
each with its defaults; its findings of the code, configuration and dependency rules are
compared with the triage: the precision per rule family, the findings that the triage has not
seen (new, to be triaged) and the triaged ones that secplan no longer reports.
``--worksheet`` writes the untriaged findings with their source line, for triage by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRIAGE = HERE / "real_repos.toml"
#: rules of the code, configuration and dependency engines; the rest (personal data, records,
#: audit state, database state) is triaged elsewhere or is not a finding about the code.
IN_SCOPE = ("CD", "CF", "DP0", "DP101", "DP102", "DP103", "DP108")
FAMILIES = {
    "CD10": "unsafe deserialization",
    "CD11": "remote code and model pins",
    "CD12": "code execution",
    "CD13": "transport",
    "CD14": "serving exposure",
    "CD2": "secrets",
    "CD3": "notebooks",
    "CF": "containers and platform",
    "DP": "dependencies",
}

Key = tuple[str, str, int | None, int | None]  # rule, path, line, cell


def family(rule: str) -> str:
    return next(name for prefix, name in FAMILIES.items() if rule.startswith(prefix))


def in_scope(rule: str) -> bool:
    return rule.startswith(IN_SCOPE)


def scan(path: Path, home: Path | None) -> list[dict[str, object]]:
    out = path.parent / f".{path.name}.secplan.json"
    env = {**os.environ, **({"SECPLAN_HOME": str(home)} if home else {})}
    cmd = [
        sys.executable,
        "-m",
        "secplan",
        "scan",
        str(path),
        "--format",
        "json",
        "--output",
        str(out),
    ]
    subprocess.run(cmd, env=env, capture_output=True, check=False)
    findings = json.loads(out.read_text())["findings"]
    out.unlink()
    return [f for f in findings if in_scope(f["rule"])]


def key(rule: str, loc: dict[str, object]) -> Key:
    return (rule, str(loc["path"]), loc.get("line"), loc.get("cell"))  # type: ignore[return-value]


def source_line(root: Path, path: str, line: int | None) -> str:
    if line is None:
        return ""
    try:
        return (root / path).read_text(errors="replace").splitlines()[line - 1].strip()[:160]
    except (OSError, IndexError):
        return ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, required=True)
    ap.add_argument("--home", type=Path, help="SECPLAN_HOME with the vulnerability database")
    ap.add_argument("--worksheet", type=Path)
    args = ap.parse_args()
    repos = tomllib.loads(TRIAGE.read_text())["repo"]
    verdicts: Counter[tuple[str, bool]] = Counter()
    new_rows, gone = [], []
    for repo in repos:
        path = args.root / repo["name"].replace("/", "+")
        if not path.is_dir():
            print(f"{repo['name']}: no checkout at {path}; skipped", file=sys.stderr)
            continue
        triaged = {
            (t["rule"], t["path"], t.get("line"), t.get("cell")): t for t in repo.get("finding", [])
        }
        seen = set()
        for f in scan(path, args.home):
            k = key(f["rule"], f["location"])
            seen.add(k)
            if k in triaged:
                verdicts[(family(f["rule"]), triaged[k]["verdict"] == "true")] += 1
            else:
                new_rows.append((repo["name"], *k, f["message"], source_line(path, k[1], k[2])))
        gone += [(repo["name"], *k) for k in triaged if k not in seen]
    print("| family | triaged findings | true | precision |\n|---|---|---|---|")
    fams = sorted({f for f, _ in verdicts})
    for fam in fams:
        t, f = verdicts[(fam, True)], verdicts[(fam, False)]
        print(f"| {fam} | {t + f} | {t} | {t / (t + f):.2f} |")
    t = sum(v for (_, ok), v in verdicts.items() if ok)
    n = sum(verdicts.values())
    print(f"| all | {n} | {t} | {t / n:.2f} |" if n else "| all | 0 | 0 | — |")
    print(
        f"\n{len(new_rows)} findings not triaged yet; {len(gone)} triaged ones no longer reported"
    )
    for row in gone:
        print("gone:", *row)
    if args.worksheet:
        lines = ["\t".join(str(c) for c in row) for row in new_rows]
        args.worksheet.write_text(
            "repo\trule\tpath\tline\tcell\tmessage\tsource\n" + "\n".join(lines) + "\n"
        )
    return 1 if new_rows or gone else 0


if __name__ == "__main__":
    sys.exit(main())
