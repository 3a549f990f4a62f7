"""A scan of one file or folder inside a project finds the project root upward (as git and
ruff do) and uses its settings and records; the search stops at a repository's top and at
directories anyone may write to."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from secplan.project import find_root
from tests.helpers import findings_of, rules_of, scan, write

CSV = "name,email\nMaria Gonzalez,maria.g@mail.es\nJohn Smith,john@mail.es\n"
RECORD = (
    'path = "data/customers.csv"\nlabel = "confidential"\nowner = "crm"\n'
    "retention_until = 2030-01-01\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    write(root, "secplan.toml", '[severity]\nDT201 = "critical"\n')
    write(root, ".secplan/datasets/customers.toml", RECORD)
    write(root, "data/customers.csv", CSV, mode=0o600)
    write(root, "src/app/train.py", "import pickle\npickle.load(open('m.pkl', 'rb'))\n")
    return root


def test_markers_and_the_nearest_wins(tmp_path: Path) -> None:
    write(tmp_path, "a/secplan.toml", "")
    write(tmp_path, "a/b/pyproject.toml", "[project]\nname = 'x'\n")  # no [tool.secplan]
    write(tmp_path, "a/b/c/d.py", "")
    assert find_root(tmp_path / "a/b/c/d.py") == tmp_path / "a"
    write(tmp_path, "a/b/pyproject.toml", "[project]\nname = 'x'\n[tool.secplan]\n")
    assert find_root(tmp_path / "a/b/c/d.py") == tmp_path / "a/b"
    (tmp_path / "a/b/c/.secplan").mkdir()
    assert find_root(tmp_path / "a/b/c") == tmp_path / "a/b/c"


def test_a_repository_top_is_a_boundary(tmp_path: Path) -> None:
    write(tmp_path, "secplan.toml", "")  # outside the repository: not this project's
    (tmp_path / "repo/.git").mkdir(parents=True)
    write(tmp_path, "repo/pkg/mod.py", "")
    assert find_root(tmp_path / "repo/pkg/mod.py") == tmp_path / "repo"
    write(tmp_path, "wt/.git", "gitdir: /elsewhere/.git/worktrees/wt\n")  # a worktree
    write(tmp_path, "wt/pkg/mod.py", "")
    assert find_root(tmp_path / "wt/pkg") == tmp_path / "wt"


def test_a_directory_anyone_may_write_to_is_a_boundary(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    write(shared, "secplan.toml", 'ignore = ["DT"]\n')  # planted by someone else
    write(shared, ".secplan/waivers/all.toml", "not even valid")
    write(shared, "mine/data/customers.csv", CSV)
    shared.chmod(0o1777)
    try:
        assert find_root(shared / "mine/data/customers.csv") == shared / "mine/data"
        assert "DT201" in rules_of(scan(shared / "mine/data/customers.csv"))
    finally:
        shared.chmod(0o755)


def test_without_a_marker_the_target_is_the_root(tmp_path: Path) -> None:
    write(tmp_path, "x/y.py", "")
    assert find_root(tmp_path / "x/y.py") == tmp_path / "x"
    assert find_root(tmp_path / "x") == tmp_path / "x"


def test_one_file_is_scanned_with_the_projects_settings_and_records(project: Path) -> None:
    a = scan(project / "data" / "customers.csv")
    assert a.settings.source == "secplan.toml"
    [pii, *_] = findings_of(a, "DT201")
    assert pii.location.path == "data/customers.csv"  # relative to the project root
    assert pii.severity.label == "critical"  # the project's severity override
    assert "DT101" not in rules_of(a)  # the dataset record covers the file
    assert "DT106" not in rules_of(a)  # records outside the scanned part are not "orphaned"
    assert a.records.datasets and a.report.run.root == "proj"
    assert a.report.run.target == "data/customers.csv"
    assert {x.relpath for x in a.report.artifacts} == {"data/customers.csv"}


def test_a_subfolder_keeps_paths_gitignore_and_excludes_of_the_root(project: Path) -> None:
    write(project, ".gitignore", "src/app/generated/\n")
    write(project, "secplan.toml", 'exclude = ["src/app/vendor/"]\n')
    write(project, "src/app/generated/x.py", "import pickle\npickle.loads(b)\n")
    write(project, "src/app/vendor/y.py", "import pickle\npickle.loads(b)\n")
    a = scan(project / "src" / "app")
    assert [f.location.path for f in findings_of(a, "CD101")] == ["src/app/train.py"]
    skipped = {s.path: s.reason for s in a.report.skipped}
    assert skipped["src/app/generated/"] == "ignored by .gitignore"
    assert skipped["src/app/vendor/"] == "excluded by configuration"
    assert a.report.run.target == "src/app"


def test_not_applicable_says_only_part_was_scanned(project: Path) -> None:
    a = scan(project / "data" / "customers.csv")
    ms2 = a.posture.get("MS2")
    assert ms2.reasons == (
        "applies when the project has: serving; none found in the part scanned "
        "(data/customers.csv)",
    )


def test_the_cli_reports_the_root_and_the_target(project: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SECPLAN_")}
    env["SECPLAN_HOME"] = str(tmp_path / "home")
    r = subprocess.run(
        [sys.executable, "-m", "secplan", "scan", "customers.csv", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=project / "data",
        env=env,
        timeout=120,
    )
    assert r.returncode == 1, r.stderr  # DT201 is critical in this project
    doc = json.loads(r.stdout)
    assert doc["run"]["root"] == "proj" and doc["run"]["target"] == "data/customers.csv"
    assert {f["location"]["path"] for f in doc["findings"] if f["rule"] == "DT201"} == {
        "data/customers.csv"
    }
