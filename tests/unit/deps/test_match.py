"""Matching the OSV fixtures: ranges, last_affected, explicit versions, withdrawn, severity."""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.model import Severity
from secplan.vulndb import VulnDB, match_range, match_version


@pytest.fixture
def db(osv_db: Path) -> VulnDB:
    return VulnDB(osv_db)


@pytest.mark.parametrize(
    "name, version, expected",
    [
        ("torch", "2.5.1", [("GHSA-53q9-r3pm-6pq6", "2.6.0", Severity.CRITICAL)]),
        ("torch", "1.0", [("GHSA-53q9-r3pm-6pq6", "2.6.0", Severity.CRITICAL)]),
        ("torch", "2.6.0", []),
        ("torch", "2.6.0rc1", [("GHSA-53q9-r3pm-6pq6", "2.6.0", Severity.CRITICAL)]),
        ("MLflow", "2.9.2", [("PYSEC-2024-0001", None, Severity.HIGH)]),  # last_affected
        ("mlflow", "2.9.3", []),
        ("mlflow", "2.10.0", [("PYSEC-2024-0001", "2.10.1", Severity.HIGH)]),  # second range
        ("mlflow", "2.10.1", []),
        ("ray", "2.8.0", [("PYSEC-2023-0002", None, Severity.CRITICAL)]),  # versions list
        ("ray", "2.8", [("PYSEC-2023-0002", None, Severity.CRITICAL)]),  # PEP 440: 2.8 == 2.8.0
        ("ray", "2.9.0", []),
        ("numpy", "1.0", []),  # withdrawn
        ("transformers", "4.30.0", [("GHSA-0000-trfm-0003", "4.36.0", Severity.MEDIUM)]),
        ("torchtriton", "3.0.0", [("MAL-2022-0004", None, Severity.CRITICAL)]),
        ("left-pad", "1.0.0", []),  # npm only
    ],
)
def test_match_version(
    db: VulnDB, name: str, version: str, expected: list[tuple[str, str | None, Severity]]
) -> None:
    found = [m for a in db.advisories_for(name) if (m := match_version(a, name, version))]
    assert [(m.advisory.id, m.fixed, m.severity) for m in found] == expected


def test_cvss_score_and_aliases(db: VulnDB) -> None:
    [m] = [m for a in db.advisories_for("mlflow") if (m := match_version(a, "mlflow", "2.0"))]
    assert m.score == 7.5 and "CVE-2024-0520" in m.ids


@pytest.mark.parametrize(
    "name, spec, expected",
    [
        ("torch", "<2.6", ["GHSA-53q9-r3pm-6pq6"]),
        ("torch", ">=2.0,<2.5", ["GHSA-53q9-r3pm-6pq6"]),
        ("torch", ">=2.0", []),
        ("torch", "", []),
        ("mlflow", "<=2.9.2", ["PYSEC-2024-0001"]),
        ("mlflow", "<2.10", []),  # 2.9.2.post0 would be fine
        ("transformers", "==4.30.*", ["GHSA-0000-trfm-0003"]),
    ],
)
def test_match_range(db: VulnDB, name: str, spec: str, expected: list[str]) -> None:
    assert [m.advisory.id for m in match_range(db.advisories_for(name), name, spec)] == expected
