"""The CycloneDX 1.6 ``modelCard`` of each model that ``secplan model test`` has current,
signed results for: its quantitative analysis (accuracy, accuracy under attack, fairness per
sensitive column, calibration) and fairness considerations, for ``secplan bom``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from secplan._toml import read_toml
from secplan.governance.records import Evidence, Records, TestState

#: The controls whose records make up a card.
CARD_CONTROLS = ("MS3", "MS4", "SC2")


def _metrics(root: Path, e: Evidence) -> dict[str, Any]:
    doc = read_toml(root / e.file, e.file).get("assurance", {})
    try:
        out: dict[str, Any] = json.loads(doc.get("metrics", "{}"))
    except ValueError:
        return {}
    return out


def _metric(kind: str, value: object, slice_: str | None = None) -> dict[str, str]:
    out = {"type": kind, "value": str(value)}
    if slice_ is not None:
        out["slice"] = slice_
    return out


def _card(
    m: dict[str, Any], ref: str, checks: list[tuple[str, bool | None, str]]
) -> dict[str, Any]:
    perf = [_metric("accuracy", m.get("accuracy"))]
    for eps, acc in m.get("robustness", {}).get("curve", []):
        perf.append(_metric(f"accuracy under HopSkipJump attack at {eps} std", acc))
    fairness = []
    for col, f in sorted(m.get("fairness", {}).items()):
        perf.append(
            _metric("demographic parity difference", f["demographic_parity_difference"], col)
        )
        perf.append(_metric("equalized odds difference", f["equalized_odds_difference"], col))
        for group, v in sorted(f["groups"].items()):
            perf.append(_metric("selection rate", v["selection_rate"], f"{col}={group}"))
        fairness.append(
            {
                "groupAtRisk": f"groups of {col}",
                "harms": f"demographic-parity difference {f['demographic_parity_difference']}, "
                f"equalized-odds difference {f['equalized_odds_difference']}",
            }
        )
    if m.get("calibration", {}).get("ece") is not None:
        perf.append(_metric("expected calibration error", m["calibration"]["ece"]))
    limits = [f"{name}: {detail}" for name, ok, detail in checks if ok is False]
    considerations: dict[str, Any] = {}
    if fairness:
        considerations["fairnessAssessments"] = fairness
    if limits:
        considerations["technicalLimitations"] = limits
    card: dict[str, Any] = {
        "bom-ref": f"{ref}#model-card",
        "modelParameters": {"task": "classification"},
        "quantitativeAnalysis": {"performanceMetrics": perf},
    }
    if considerations:
        card["considerations"] = considerations
    return card


def model_cards(root: Path, records: Records) -> dict[str, dict[str, Any]]:
    """Model path (relative to ``root``) -> its ``modelCard``, from the latest current
    results of each control (records whose state :func:`check_model_tests` set)."""
    from secplan.assurance.evidence import latest_tests

    merged: dict[str, dict[str, Any]] = {}
    checks: dict[str, list[tuple[str, bool | None, str]]] = {}
    for control in CARD_CONTROLS:
        for e in latest_tests(records, control):
            if e.test is None or e.test.state is not TestState.CURRENT:
                continue
            merged.setdefault(e.test.model, {}).update(_metrics(root, e))
            checks.setdefault(e.test.model, []).extend(e.test.checks)
    return {model: _card(m, f"file:{model}", checks[model]) for model, m in sorted(merged.items())}
