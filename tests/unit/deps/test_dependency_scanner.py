"""The dependency scanner end to end: DP001-DP108 through a full scan."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from secplan.config import Settings
from secplan.governance.records import Records
from secplan.model import Confidence, Severity
from secplan.scanners._base import ScanContext
from secplan.scanners.deps import EnvironmentScanner
from secplan.vulndb import VulnDB
from tests.helpers import AS_OF, findings_of, rules_of, scan, write

DOCKERFILE = "FROM python:3.11-slim\nUSER 1000\n"


def test_database_missing_is_reported_once(tmp_path: Path) -> None:
    write(tmp_path, "requirements.txt", "torch==2.5.1\n")
    write(tmp_path, "sub/requirements.txt", "numpy==1.26.4\n")
    [f] = findings_of(scan(tmp_path), "DP104")
    assert "2 dependencies" in f.message and f.controls == ("PS1",)


def test_no_dependencies_no_database_finding(tmp_path: Path) -> None:
    write(tmp_path, "README.md", "hello\n")
    assert findings_of(scan(tmp_path), "DP104") == []


def test_vulnerable_pins(tmp_path: Path, osv_db: Path) -> None:
    write(
        tmp_path,
        "requirements.txt",
        "torch==2.5.1\nmlflow==2.10.0\nnumpy==1.26.4\ntorch-triton==1.0\n",
    )
    a = scan(tmp_path)
    found = findings_of(a, "DP101")
    assert [(f.location.line, f.severity) for f in found] == [
        (1, Severity.CRITICAL),
        (2, Severity.HIGH),
    ]
    torch = found[0]
    assert "GHSA-53q9-r3pm-6pq6" in torch.message and "CVE-2025-32434" in torch.message
    assert "2.6.0" in torch.remediation and torch.confidence is Confidence.HIGH
    assert findings_of(a, "DP104") == []


def test_fixed_pins_are_silent(tmp_path: Path, osv_db: Path) -> None:
    write(tmp_path, "requirements.txt", "torch==2.6.0\nmlflow==2.10.1\nray==2.9.0\n")
    assert findings_of(scan(tmp_path), "DP101") == []


def test_ranges_judged_only_when_every_version_is_affected(tmp_path: Path, osv_db: Path) -> None:
    write(tmp_path, "requirements.txt", "torch<2.6\ntransformers>=4.0\n")
    [f] = findings_of(scan(tmp_path), "DP101")
    assert (
        f.location.line == 1 and f.confidence is Confidence.MEDIUM and "every version" in f.message
    )


def test_lock_pins_are_judged_instead_of_ranges(tmp_path: Path, osv_db: Path) -> None:
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\ndependencies = ["torch<2.6"]\n')
    write(
        tmp_path,
        "uv.lock",
        '[[package]]\nname = "torch"\nversion = "2.5.1"\nsdist = { hash = "sha256:aa" }\n',
    )
    [f] = findings_of(scan(tmp_path), "DP101")
    assert f.location.path == "uv.lock" and f.location.line == 2


def test_conda_and_poetry_lock(tmp_path: Path, osv_db: Path) -> None:
    write(
        tmp_path,
        "environment.yml",
        "dependencies:\n  - pytorch=2.5.1=py3.11\n  - pip:\n    - ray==2.8.1\n",
    )
    write(tmp_path, "app/poetry.lock", '[[package]]\nname = "transformers"\nversion = "4.30.0"\n')
    a = scan(tmp_path)
    got = sorted((f.location.path, f.location.line, f.confidence) for f in findings_of(a, "DP101"))
    assert got == [
        ("app/poetry.lock", 2, Confidence.HIGH),
        ("environment.yml", 2, Confidence.MEDIUM),
        ("environment.yml", 4, Confidence.HIGH),
    ]


def test_unpinned_is_low_outside_deployable_projects(tmp_path: Path) -> None:
    write(tmp_path, "requirements.txt", "numpy\n")
    [f] = findings_of(scan(tmp_path), "DP001")
    assert f.severity is Severity.LOW
    write(tmp_path, "Dockerfile", DOCKERFILE)
    [f] = findings_of(scan(tmp_path), "DP001")
    assert f.severity is Severity.MEDIUM


def test_constraints_pin_and_compiled_inputs(tmp_path: Path) -> None:
    write(tmp_path, "requirements.txt", "-c constraints.txt\nnumpy\npandas\n")
    write(tmp_path, "constraints.txt", "numpy==1.26.4\nscipy>=1\n")
    write(tmp_path, "requirements-dev.in", "pytest\n")
    write(tmp_path, "requirements-dev.txt", "pytest==8.0.0\n")
    assert [f.evidence for f in findings_of(scan(tmp_path), "DP001")] == ["pandas any version"]


def test_hashes_only_in_deployable_projects(tmp_path: Path) -> None:
    write(tmp_path, "requirements.txt", "torch==2.6.0 --hash=sha256:aa\nnumpy==1.26.4\n")
    assert findings_of(scan(tmp_path), "DP102") == []
    write(tmp_path, "Dockerfile", DOCKERFILE)
    [f] = findings_of(scan(tmp_path), "DP102")
    assert f.location.line == 2 and "1 of 2" in f.message
    write(
        tmp_path,
        "requirements.txt",
        "torch==2.6.0 --hash=sha256:aa\nnumpy==1.26.4 --hash=sha256:bb\n",
    )
    assert findings_of(scan(tmp_path), "DP102") == []


def test_lock_file_missing_in_deployable_project(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\ndependencies = ["torch>=2"]\n')
    assert findings_of(scan(tmp_path), "DP103") == []  # a library: ranges are fine
    write(
        tmp_path,
        "k8s/deploy.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n",
    )
    [f] = findings_of(scan(tmp_path), "DP103")
    assert f.location.path == "pyproject.toml"
    write(
        tmp_path,
        "poetry.lock",
        '[[package]]\nname = "torch"\nversion = "2.6.0"\n'
        'files = [{file = "t", hash = "sha256:a"}]\n',
    )
    assert findings_of(scan(tmp_path), "DP103") == []


def test_includes(tmp_path: Path) -> None:
    write(
        tmp_path,
        "requirements.txt",
        "-r base.txt\n-r ../outside.txt\n-r https://example.org/r.txt\n-r missing.txt\n",
    )
    write(tmp_path, "base.txt", "-r base.txt\nscipy\n")  # a cycle, and an unpinned line
    a = scan(tmp_path)
    assert [(f.location.path, f.evidence) for f in findings_of(a, "DP001")] == [
        ("base.txt", "scipy any version")
    ]
    assert sorted(f.evidence for f in findings_of(a, "DP106")) == [
        "-r ../outside.txt",
        "-r https://example.org/r.txt",
        "-r missing.txt",
    ]


def test_include_depth_limit(tmp_path: Path) -> None:
    write(tmp_path, "requirements.txt", "-r r1.txt\n")
    for i in range(1, 12):
        write(tmp_path, f"r{i}.txt", f"-r r{i + 1}.txt\n")
    [f] = findings_of(scan(tmp_path), "DP106")
    assert "deeper" in f.message


def test_malformed_files_are_findings(tmp_path: Path) -> None:
    write(tmp_path, "c/pyproject.toml", "[project\n")  # (a root one is read as settings)
    write(tmp_path, "a/Pipfile.lock", "{")
    write(tmp_path, "b/environment.yml", "dependencies: [unclosed\n")
    a = scan(tmp_path)
    assert sorted(f.location.path for f in findings_of(a, "DP105")) == [
        "a/Pipfile.lock",
        "b/environment.yml",
        "c/pyproject.toml",
    ]
    assert "SX001" not in rules_of(a)


def test_insecure_index(tmp_path: Path) -> None:
    write(
        tmp_path,
        "Pipfile",
        '[[source]]\nurl = "http://pypi.internal/simple"\n'
        'verify_ssl = false\nname = "x"\n[packages]\n',
    )
    write(tmp_path, "r/requirements.txt", "--extra-index-url https://ok.example/simple\n")
    http, unverified = findings_of(scan(tmp_path), "DP108")
    # plain HTTP and verification off: two problems, each on its own line
    assert http.location.path == unverified.location.path == "Pipfile"
    assert (http.location.line, unverified.location.line) == (2, 3)
    assert "plain HTTP" in http.message and "TLS verification" in unverified.message


def test_pdm_sources_are_checked(tmp_path: Path) -> None:
    write(
        tmp_path,
        "pyproject.toml",
        '[project]\nname = "svc"\ndependencies = []\n[tool.pdm]\ndistribution = false\n'
        '[[tool.pdm.source]]\nname = "corp"\nurl = "https://pypi.corp.example/simple"\n'
        "verify_ssl = false\n",
    )
    [f] = findings_of(scan(tmp_path), "DP108")
    assert f.location.line == 9 and "TLS verification" in f.message


def test_stale_database(tmp_path: Path, osv_db: Path) -> None:
    write(tmp_path, "requirements.txt", "numpy==1.26.4\n")
    imported = VulnDB(osv_db).info.imported_at.date()
    assert findings_of(scan(tmp_path, as_of=imported), "DP107") == []
    later = date.fromordinal(imported.toordinal() + 31)
    assert len(findings_of(scan(tmp_path, as_of=later), "DP107")) == 1


def _fake_site(root: Path, dists: dict[str, str]) -> Path:
    site = root / "site-packages"
    for name, version in dists.items():
        info = site / f"{name}-{version}.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    canary = root / "CANARY"
    (site / "evil.pth").write_text(f"import os; open({str(canary)!r}, 'w')\n")
    return site


def test_environment_scanner(tmp_path: Path, osv_db: Path) -> None:
    site = _fake_site(tmp_path, {"torch": "2.5.1", "numpy": "1.26.4", "ray": "2.8.0"})
    ctx = ScanContext(root=tmp_path, settings=Settings(), records=Records(), as_of=AS_OF)
    found = list(EnvironmentScanner(site).scan_project(ctx))
    assert sorted(f.location.member for f in found if f.rule == "DP101") == [
        "ray==2.8.0",
        "torch==2.5.1",
    ]
    assert not (tmp_path / "CANARY").exists()


def test_environment_without_database(tmp_path: Path) -> None:
    site = _fake_site(tmp_path, {"torch": "2.5.1"})
    ctx = ScanContext(root=tmp_path, settings=Settings(), records=Records(), as_of=AS_OF)
    assert [f.rule for f in EnvironmentScanner(site).scan_project(ctx)] == ["DP104"]


def test_catalog_accepts_every_rule() -> None:
    from secplan.catalog import load_catalog
    from secplan.scanners import default_registry

    load_catalog().validate_rules(default_registry(plugins=False).rules)


@pytest.mark.parametrize("name", ["requirements.txt", "pyproject.toml", "poetry.lock"])
def test_oversized_file(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from secplan.scanners.deps import files

    monkeypatch.setattr(files, "MAX_DEPENDENCY_FILE_BYTES", 100)
    write(tmp_path, name, "# x\n" * 100)
    [f] = findings_of(scan(tmp_path), "DP105")
    assert "larger" in f.message
    assert json.dumps(f.message)


def test_requirement_files_in_a_requirements_folder(tmp_path: Path) -> None:
    write(
        tmp_path, "requirements/airflow.txt", "apache-airflow==2.9.3\ndbt-core\npandas>=2.0,<2.2\n"
    )
    write(tmp_path, "docker/requirements.txt", "torch\n")
    # prose in the same folder is not a requirement file
    write(tmp_path, "requirements/README.txt", "Install these with pip before you start.\n")
    found = {(f.location.path, f.location.line) for f in findings_of(scan(tmp_path), "DP001")}
    assert found == {
        ("requirements/airflow.txt", 2),
        ("requirements/airflow.txt", 3),
        ("docker/requirements.txt", 1),
    }


def test_packages_a_deployment_config_installs(tmp_path: Path) -> None:
    write(
        tmp_path,
        "bentofile.yaml",
        'service: "service:Svc"\npython:\n  packages:\n    - torch\n    - transformers==4.44.2\n',
    )
    write(
        tmp_path,
        "serve_config.yaml",
        "applications:\n  - name: a\n    import_path: app:app\n    runtime_env:\n"
        "      pip:\n        - scikit-learn\n        - dill==0.3.8\n",
    )
    # a YAML file of another kind that happens to have a packages list is not read
    write(tmp_path, "docs.yaml", "python:\n  packages:\n    - torch\n")
    a = scan(tmp_path)
    found = {(f.location.path, f.location.line) for f in findings_of(a, "DP001")}
    assert found == {("bentofile.yaml", 4), ("serve_config.yaml", 6)}
    assert not findings_of(a, "DP102")  # these lists take no hashes
