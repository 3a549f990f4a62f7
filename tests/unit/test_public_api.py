"""The public surface of ``secplan`` is deliberate: this test fails when it changes."""

from __future__ import annotations

import secplan

EXPECTED = {
    "Artifact",
    "ArtifactKind",
    "Assessment",
    "CatalogError",
    "Confidence",
    "ConfigError",
    "Finding",
    "LoadPolicy",
    "LoadRefused",
    "Location",
    "Posture",
    "Rule",
    "ScanReport",
    "SecplanError",
    "Severity",
    "Status",
    "TargetError",
    "VerificationError",
    "__version__",
    "guarded_loads",
    "run",
    "safe_load",
}


def test_public_names() -> None:
    assert set(secplan.__all__) == EXPECTED
    for name in secplan.__all__:
        assert hasattr(secplan, name), name
