"""Judging slice measurements against policy: a value slice that is over- or under-confident
by the policy's gap with a z-score of at least 3 fails MS3; a quartile, a smaller gap or a
weaker z-score does not; a model without probabilities is reported as not measured."""

from __future__ import annotations

from typing import Any

from secplan.assurance.verdict import _confidence, _slices
from secplan.config import Assurance


def _slice(flag: str, gap: float, z: float, kind: str = "value") -> dict[str, Any]:
    if flag == "overconfidence":
        return {"slice": "region == 4", "kind": kind, "flag": flag, "rows": 40, "value": 0.9,
                "accuracy": 0.6, "bound": 0.9 - gap, "rest": 0.0, "gap": gap, "z": z}  # fmt: skip
    return {"slice": "region == 4", "kind": kind, "flag": flag, "rows": 40, "value": 0.9,
            "rest": 0.9 - gap, "gap": gap, "z": z}  # fmt: skip


def _metrics(*slices: dict[str, Any]) -> dict[str, Any]:
    return {"confidence": {"wrong": 0.7, "right": 0.9, "slices": list(slices)}}


def test_an_overconfident_value_slice_fails_and_is_named() -> None:
    check = _confidence(_metrics(_slice("overconfidence", 0.15, 5.0)), Assurance())
    assert check.control == "MS3" and check.passed is False
    assert check.detail.startswith("1 slice(s): region == 4 (overconfidence: mean confidence")
    assert "on 40 predictions, accuracy 0.6 (at most 0.75))" in check.detail


def test_the_other_rows_excess_is_named_when_there_is_one() -> None:
    s = _slice("overconfidence", 0.15, 5.0) | {"rest": 0.05}
    check = _confidence(_metrics(s), Assurance())
    assert check.detail.endswith("(at most 0.75), beyond the other rows' own excess 0.05)")


def test_underconfidence_names_the_right_predictions() -> None:
    check = _confidence(_metrics(_slice("underconfidence", 0.15, 5.0)), Assurance())
    assert "on 40 right predictions against 0.75 on the other rows" in check.detail


def test_thresholds_come_from_policy_per_flag() -> None:
    m = _metrics(_slice("underconfidence", 0.15, 5.0))
    assert _confidence(m, Assurance()).passed is False
    assert _confidence(m, Assurance(max_underconfidence_gap=0.2)).passed is True
    assert _confidence(m, Assurance(max_overconfidence_gap=0.01)).passed is False


def test_quartiles_small_gaps_and_weak_evidence_do_not_fail() -> None:
    m = _metrics(
        _slice("overconfidence", 0.3, 9.0, kind="quartile"),
        _slice("overconfidence", 0.05, 9.0),
        _slice("underconfidence", 0.3, 2.0),
    )
    check = _confidence(m, Assurance())
    assert check.passed is True and "no slice is overconfident (by 0.1)" in check.detail


def test_no_probabilities_is_not_measured() -> None:
    m = {"confidence": {"wrong": None, "right": None, "slices": []}}
    assert _confidence(m, Assurance()).passed is None
    assert _confidence({}, Assurance()).passed is None


def test_weak_slices_are_still_named() -> None:
    weak = {"slice": "region == 4", "kind": "value", "metric": "accuracy", "rows": 50,
            "value": 0.5, "rest": 0.9, "drop": 0.44, "z": 6.0}  # fmt: skip
    check = _slices({"slices": [weak]}, Assurance())
    assert check.passed is False
    assert check.detail == "1 weak slice(s): region == 4 (accuracy 0.5 against 0.9, 50 rows)"
    assert _slices({"slices": []}, Assurance()).passed is True
