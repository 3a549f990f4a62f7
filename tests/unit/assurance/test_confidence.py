"""Overconfidence by slice, measured on probabilities made here: a slice whose confidence
clears the upper Wilson bound of its accuracy is flagged; a calibrated model, a small unlucky
slice and a model that is overconfident everywhere (the calibration check's finding) are not."""

from __future__ import annotations

from typing import Any

import pytest

np = pytest.importorskip("numpy")

from secplan.assurance._load import Table  # noqa: E402
from secplan.assurance.confidence import confidence, wilson_upper  # noqa: E402
from secplan.assurance.verdict import _confidence  # noqa: E402
from secplan.config import Assurance  # noqa: E402


def _table(region: Any, p1: Any, rng: Any) -> tuple[Any, Table]:
    """Labels drawn from ``p1`` (the true chance of class 1) and a second, unrelated
    feature; the probabilities are the model's."""
    y = np.where(rng.random(len(p1)) < p1, "1", "0").astype(object)
    x = np.column_stack([region, rng.integers(0, 2, size=len(p1))]).astype(float)
    return y, Table(x=x, y=y, features=["region", "other"], sensitive={})


def _run(model_p1: Any, true_p1: Any, region: Any, seed: int = 0) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    _, t = _table(region, true_p1, rng)
    proba = np.column_stack([1 - model_p1, model_p1])
    return confidence(proba, ["0", "1"], t, 30)


def _judged(m: dict[str, Any]) -> bool | None:
    return _confidence({"confidence": m}, Assurance()).passed


def _over(m: dict[str, Any], name: str) -> dict[str, Any]:
    return next(s for s in m["slices"] if s["slice"] == name and s["flag"] == "overconfidence")


def test_wilson_upper_bound() -> None:
    assert wilson_upper(50, 100) == pytest.approx(0.6437, abs=1e-3)  # z = 3
    assert wilson_upper(100, 100) == pytest.approx(1.0)
    assert 0 < wilson_upper(0, 30) < 0.3
    assert wilson_upper(6, 10) > wilson_upper(60, 100) > 0.6


def test_a_slice_sure_of_a_rule_the_data_does_not_follow_is_overconfident() -> None:
    rng = np.random.default_rng(1)
    n = 4000
    region = rng.integers(0, 5, size=n)
    truth = rng.uniform(0.05, 0.95, size=n)
    model = np.where(region == 4, 1 - truth, truth)  # sure and mostly wrong in region 4
    m = _run(model, truth, region)
    s = _over(m, "region == 4")
    assert s["value"] > s["bound"] + 0.1 > s["accuracy"] + 0.1
    assert s["gap"] >= 0.1 and s["z"] >= 3
    assert _judged(m) is False


def test_a_calibrated_model_is_not_flagged() -> None:
    rng = np.random.default_rng(2)
    n = 4000
    region = rng.integers(0, 5, size=n)
    truth = rng.uniform(0.0, 1.0, size=n)
    m = _run(truth, truth, region)
    assert _judged(m) is True
    assert all(s["gap"] < 0.05 for s in m["slices"] if s["flag"] == "overconfidence")


def test_a_small_unlucky_slice_is_not_flagged() -> None:
    """30 rows where the model says 0.8 and is right 20 times: 0.67 is bad luck within the
    slice's Wilson interval, not overconfidence."""
    region = np.array([4] * 30 + [0] * 970)
    model = np.full(1000, 0.8)
    rng = np.random.default_rng(3)
    _, t = _table(region, np.full(1000, 0.8), rng)
    t.y[:30] = np.array(["1"] * 20 + ["0"] * 10, dtype=object)
    proba = np.column_stack([1 - model, model])
    m = confidence(proba, ["0", "1"], t, 30)
    s = _over(m, "region == 4")
    assert s["accuracy"] == pytest.approx(2 / 3, abs=1e-5) and s["value"] > s["accuracy"]
    assert s["gap"] < 0.1
    assert _judged(m) is True


def test_a_model_overconfident_everywhere_is_left_to_the_calibration_check() -> None:
    rng = np.random.default_rng(4)
    n = 4000
    region = rng.integers(0, 5, size=n)
    truth = np.where(rng.random(n) < 0.5, 0.25, 0.75)
    model = np.where(truth > 0.5, 1.0, 0.0)  # always sure, right 75% of the time
    m = _run(model, truth, region)
    assert _judged(m) is True
    assert all(s["rest"] > 0.2 for s in m["slices"] if s["flag"] == "overconfidence")
