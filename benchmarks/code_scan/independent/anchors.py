"""Run secplan and the anchor tools over one project directory; return their findings.

Every tool runs as a user would run it, as a command, in its own virtual environment
(``WORK/venvs/<tool>``, made by ``run.py --setup``), with its JSON output parsed here.
Paths in findings are relative to the corpus root (``projects/``).
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

TIMEOUT = 900


@dataclass(frozen=True)
class Finding:
    tool: str
    file: str
    line: int | None  # None: the tool gave no line (a project-level or output-level finding)
    rule: str
    end_line: int | None = None  # a range (checkov reports resources, not lines)
    cell: int | None = None  # notebook cell, where the tool reports one


def _run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(
        cmd,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT,
        env={**os.environ, **(env or {})},
    )
    return proc.stdout


def _rel(path: str, project: Path, corpus: Path) -> str:
    p = Path(path)
    p = p if p.is_absolute() else (project / p)
    return p.resolve().relative_to(corpus.resolve()).as_posix()


def secplan(cmd: list[str], project: Path, corpus: Path, home: Path) -> list[Finding]:
    out = home / "last-report.json"
    _run(
        [*cmd, "scan", str(project), "--format", "json", "--output", str(out)],
        env={"SECPLAN_HOME": str(home)},
    )
    report = json.loads(out.read_text())
    found = []
    for f in report["findings"]:
        loc = f["location"]
        found.append(
            Finding(
                "secplan",
                _rel(loc["path"], project, corpus),
                loc.get("line"),
                f["rule"],
                cell=loc.get("cell"),
            )
        )
    return found


def bandit(venv: Path, project: Path, corpus: Path) -> list[Finding]:
    data = json.loads(
        _run([str(venv / "bin" / "bandit"), "-r", str(project), "-f", "json", "-q"]) or "{}"
    )
    return [
        Finding("bandit", _rel(r["filename"], project, corpus), r["line_number"], r["test_id"])
        for r in data.get("results", [])
    ]


def detect_secrets(venv: Path, project: Path, corpus: Path) -> list[Finding]:
    data = json.loads(
        _run([str(venv / "bin" / "detect-secrets"), "scan", "--all-files", "."], cwd=project)
        or "{}"
    )
    return [
        Finding("detect-secrets", _rel(path, project, corpus), r["line_number"], r["type"])
        for path, results in data.get("results", {}).items()
        for r in results
    ]


def checkov(venv: Path, project: Path, corpus: Path) -> list[Finding]:
    cmd = [
        str(venv / "bin" / "checkov"),
        "-d",
        ".",
        "--framework",
        "dockerfile",
        "kubernetes",
        "secrets",
    ]
    cmd += ["--enable-secret-scan-all-files", "-o", "json", "--quiet"]
    raw = _run(cmd, cwd=project, env={"BC_SKIP_MAPPING": "TRUE", "LOG_LEVEL": "ERROR"})
    data = json.loads(raw or "[]")
    found = []
    for rep in data if isinstance(data, list) else [data]:
        for c in rep.get("results", {}).get("failed_checks", []):
            start, end = (c.get("file_line_range") or [None, None])[:2]
            rel = _rel(c["file_path"].lstrip("/"), project, corpus)
            found.append(Finding("checkov", rel, start, c["check_id"], end_line=end))
    return found


def semgrep(venv: Path, project: Path, corpus: Path, rules: Path) -> list[Finding]:
    cmd = [str(venv / "bin" / "semgrep"), "scan", "--config", str(rules), "--json", "--metrics=off"]
    cmd += ["--disable-version-check", "--quiet", "."]
    data = json.loads(_run(cmd, cwd=project, env={"SEMGREP_SEND_METRICS": "off"}) or "{}")
    # rule ids start with the folder the rules were loaded from; keep the repository's own part
    return [
        Finding(
            "semgrep",
            _rel(r["path"], project, corpus),
            r["start"]["line"],
            r["check_id"].split("semgrep-rules.", 1)[-1],
        )
        for r in data.get("results", [])
    ]


def hadolint(venv: Path, project: Path, corpus: Path) -> list[Finding]:
    found = []
    for dockerfile in sorted(project.rglob("Dockerfile*")):
        raw = _run([str(venv / "bin" / "hadolint"), "-f", "json", "--no-fail", str(dockerfile)])
        for r in json.loads(raw or "[]"):
            found.append(
                Finding("hadolint", _rel(r["file"], project, corpus), r["line"], r["code"])
            )
    return found
