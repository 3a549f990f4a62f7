"""The CI script the GitHub Action and the GitLab template run, run here on small projects:
SARIF written and valid, exit codes 0/1/2, baseline, deferred exit for the upload step."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml

REPO = Path(__file__).parents[3]
SCRIPT = REPO / "scripts" / "ci" / "secplan-ci.sh"
SCHEMA = json.loads((REPO / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
LOADS = "import pickle\n\n\ndef load(f):\n    return pickle.load(f)\n"


def _ci(project: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full = {
        **{k: v for k, v in os.environ.items() if k != "GITHUB_OUTPUT"},
        "SECPLAN": f"{shlex.quote(sys.executable)} -m secplan",
        "SECPLAN_ARGS": "--as-of 2026-12-02 --no-plugins",
        "SECPLAN_SARIF": str(project.parent / "secplan.sarif"),
        **env,
    }
    return subprocess.run(
        ["bash", str(SCRIPT)], cwd=project, env=full, capture_output=True, text=True, timeout=300
    )


def _project(tmp_path: Path, code: str) -> Path:
    root = tmp_path / "proj"
    root.mkdir(exist_ok=True)
    (root / "app.py").write_text(code)
    (root / "secplan.toml").write_text("[profile]\ndevelops_models = true\n")
    return root


def _open_rules(sarif: dict) -> list[str]:  # type: ignore[type-arg]
    return sorted(r["ruleId"] for r in sarif["runs"][0]["results"] if not r.get("suppressions"))


def test_findings_fail_with_valid_sarif_then_baseline_and_suppression_pass(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path, LOADS)
    r = _ci(root, SECPLAN_FAIL_ON="high")
    assert r.returncode == 1, r.stderr
    sarif = json.loads((tmp_path / "secplan.sarif").read_text())
    jsonschema.validate(sarif, SCHEMA)
    assert "CD101" in _open_rules(sarif)
    assert "secplan-ci: findings" in r.stdout

    # adopting on an old codebase: the earlier report is the baseline, nothing new passes
    baseline = tmp_path / "baseline.sarif"
    (tmp_path / "secplan.sarif").rename(baseline)
    r = _ci(root, SECPLAN_FAIL_ON="high", SECPLAN_BASELINE=str(baseline))
    assert r.returncode == 0, r.stdout + r.stderr
    # ... and a new unsafe load fails again
    (root / "app.py").write_text(LOADS + "\n\ndef more(b):\n    return pickle.loads(b)\n")
    r = _ci(root, SECPLAN_FAIL_ON="high", SECPLAN_BASELINE=str(baseline))
    assert r.returncode == 1
    assert "CD101" in _open_rules(json.loads((tmp_path / "secplan.sarif").read_text()))

    # suppressing the finding with a reason: listed as an inSource suppression, job passes
    (root / "app.py").write_text(
        LOADS.replace("pickle.load(f)", "pickle.load(f)  # secplan: ignore[CD101] -- signed cache")
    )
    r = _ci(root, SECPLAN_FAIL_ON="high")
    sarif = json.loads((tmp_path / "secplan.sarif").read_text())
    assert "CD101" not in _open_rules(sarif)
    kinds = [s["kind"] for x in sarif["runs"][0]["results"] for s in x.get("suppressions", [])]
    assert kinds == ["inSource"]
    assert not [x for x in _open_rules(sarif) if x.startswith("CD")]


def test_deferred_exit_lets_the_upload_run_and_records_the_verdict(tmp_path: Path) -> None:
    root = _project(tmp_path, LOADS)
    out = tmp_path / "github-output"
    r = _ci(root, SECPLAN_FAIL_ON="high", SECPLAN_DEFER_EXIT="1", GITHUB_OUTPUT=str(out))
    assert r.returncode == 0
    assert out.read_text() == "exit-code=1\n"
    assert (tmp_path / "secplan.sarif").is_file()


def test_usage_errors_exit_2_even_when_the_exit_is_deferred(tmp_path: Path) -> None:
    root = _project(tmp_path, "x = 1\n")
    (tmp_path / "bad.json").write_text("{")
    for env in (
        {"SECPLAN_FAIL_ON": "severe"},
        {"SECPLAN_BASELINE": str(tmp_path / "bad.json")},
        {"SECPLAN_PATH": "missing"},
    ):
        r = _ci(root, SECPLAN_DEFER_EXIT="1", **env)
        assert r.returncode == 2, (env, r.stdout, r.stderr)


def test_action_and_gitlab_template_run_the_script_and_upload_sarif() -> None:
    action = yaml.safe_load((REPO / ".github/actions/secplan/action.yml").read_text())
    steps = action["runs"]["steps"]
    assert action["runs"]["using"] == "composite"
    scan = next(s for s in steps if s.get("id") == "scan")
    assert "scripts/ci/secplan-ci.sh" in scan["run"]
    assert (REPO / ".github/actions/secplan" / "../../../scripts/ci/secplan-ci.sh").resolve() == (
        SCRIPT.resolve()
    )
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    assert "always()" in next(s["if"] for s in steps if "upload-sarif" in s.get("uses", ""))
    gitlab = yaml.safe_load((REPO / "ci/gitlab/secplan.yml").read_text())
    assert "secplan-ci.sh" in " ".join(gitlab["secplan"]["script"])
    assert "$SECPLAN_SARIF" in gitlab["secplan"]["artifacts"]["paths"]
