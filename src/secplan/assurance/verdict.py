"""Judging the measurements of ``secplan model test`` against the policy in ``[assurance]``.

Each :class:`Check` belongs to one control: MS3 (explainability: drivers, leakage,
calibration, slices), MS4 (robustness) or SC2 (fairness). ``passed`` is None for a measurement that
is reported but not judged (privacy leakage, which informs the guard's budget).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from secplan.config import Assurance

JUDGED = ("MS3", "MS4", "SC2")
#: How many standard errors a slice's fall must reach to count.
SLICE_Z = 3.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Check:
    control: str
    name: str
    passed: bool | None
    detail: str


def robust_accuracy(metrics: dict[str, Any], eps: float) -> float | None:
    """Accuracy under attack at strength ``eps`` (the curve's nearest point at or above)."""
    curve = metrics["robustness"]["curve"]
    above = [acc for e, acc in curve if e >= eps - 1e-12]
    return above[0] if above else None


def _robustness(m: dict[str, Any], p: Assurance) -> Check:
    acc = robust_accuracy(m, p.robust_epsilon)
    ok = acc is not None and acc >= p.min_robust_accuracy
    return Check(
        control="MS4",
        name="robustness",
        passed=ok,
        detail=f"accuracy under attack at {p.robust_epsilon} standard deviations is {acc} "
        f"({'at or above' if ok else 'below'} the minimum {p.min_robust_accuracy})",
    )


def _drivers(m: dict[str, Any], p: Assurance) -> Check:
    top = [f for f, mean, _ in m["importance"][: p.top_drivers] if (mean or 0) > 0.005]
    justified = dict(p.justified_drivers)
    bad = []
    for col in p.sensitive:
        linked = {col} | {f for f, _ in m["proxies"].get(col, [])}
        bad += [
            f"{f} ({'sensitive' if f == col else f'proxy of {col}'})"
            for f in top
            if f in linked and f not in justified
        ]
    return Check(
        control="MS3",
        name="sensitive-drivers",
        passed=not bad,
        detail=f"top drivers: {', '.join(top) or 'none'}"
        + (f"; unjustified sensitive drivers: {', '.join(sorted(set(bad)))}" if bad else ""),
    )


def _leakage(m: dict[str, Any], p: Assurance) -> Check:
    leaks = [f"{f} ({acc})" for f, acc in m["leakage"] if acc >= p.max_single_feature_accuracy]
    return Check(
        control="MS3",
        name="target-leakage",
        passed=not leaks,
        detail=f"a single feature predicts the target: {', '.join(leaks)}"
        if leaks
        else f"no single feature reaches accuracy {p.max_single_feature_accuracy}",
    )


def _calibration(m: dict[str, Any], p: Assurance) -> Check:
    ece = m["calibration"].get("ece")
    if ece is None:
        return Check(control="MS3", name="calibration", passed=None, detail="not measured")
    ok = ece <= p.max_calibration_error
    return Check(
        control="MS3",
        name="calibration",
        passed=ok,
        detail=f"expected calibration error {ece} (maximum {p.max_calibration_error})",
    )


def _slice_check(name: str, flagged: list[dict[str, Any]], ok: str, what: str, shown: Any) -> Check:
    """The MS3 check ``name``: passed with ``ok`` when nothing is ``flagged``, else failed,
    naming the first three flagged slices (``shown`` words one)."""
    if not flagged:
        return Check(control="MS3", name=name, passed=True, detail=ok)
    return Check(
        control="MS3",
        name=name,
        passed=False,
        detail=f"{len(flagged)} {what}: {'; '.join(shown(s) for s in flagged[:3])}",
    )


def _slices(m: dict[str, Any], p: Assurance) -> Check:
    """A slice of a feature's value whose accuracy or recall falls by at least
    ``max_slice_drop`` (relative to the other rows) with a z-score of at least 3, so that
    chance alone rarely explains it. Quartile slices are reported, not judged."""
    weak = [
        s
        for s in m.get("slices", [])
        if s["kind"] == "value"
        and (s["drop"] or 0) >= p.max_slice_drop
        and (s["z"] or 0) >= SLICE_Z
    ]
    return _slice_check(
        "slices",
        weak,
        f"no slice falls {p.max_slice_drop:.0%} or more below the other rows",
        "weak slice(s)",
        lambda s: (
            f"{s['slice']} ({s['metric']} {s['value']} against {s['rest']}, {s['rows']} rows)"
        ),
    )


def _confidence(m: dict[str, Any], p: Assurance) -> Check:
    """A slice of a feature's value whose mean confidence exceeds the upper Wilson bound of
    its accuracy (beyond the other rows' own excess) by ``max_overconfidence_gap``, or whose
    right predictions are less sure than the other rows' by ``max_underconfidence_gap``
    (Giskard's underconfidence flag), with a z-score of at least 3. Quartile slices are
    reported, not judged."""
    c = m.get("confidence")
    if not c or (c.get("wrong") is None and c.get("right") is None):
        return Check(control="MS3", name="confidence", passed=None, detail="not measured")
    limit = {
        "overconfidence": p.max_overconfidence_gap,
        "underconfidence": p.max_underconfidence_gap,
    }
    flagged = [
        s
        for s in c["slices"]
        if s["kind"] == "value" and (s["gap"] or 0) >= limit[s["flag"]] and (s["z"] or 0) >= SLICE_Z
    ]
    return _slice_check(
        "confidence",
        flagged,
        f"no slice is overconfident (by {p.max_overconfidence_gap}) or underconfident (by "
        f"{p.max_underconfidence_gap})",
        "slice(s)",
        _shown_confidence,
    )


def _shown_confidence(s: dict[str, Any]) -> str:
    if s["flag"] == "overconfidence":
        return (
            f"{s['slice']} (overconfidence: mean confidence {s['value']} on {s['rows']} "
            f"predictions, accuracy {s['accuracy']} (at most {s['bound']})"
            + (f", beyond the other rows' own excess {s['rest']})" if s["rest"] else ")")
        )
    return (
        f"{s['slice']} (underconfidence: mean confidence {s['value']} on {s['rows']} right "
        f"predictions against {s['rest']} on the other rows)"
    )


def _fairness(m: dict[str, Any], p: Assurance) -> list[Check]:
    if not m["fairness"]:
        return [
            Check(
                control="SC2",
                name="fairness",
                passed=None,
                detail="no sensitive column named (--sensitive or [assurance] sensitive)",
            )
        ]
    out = []
    for col, f in sorted(m["fairness"].items()):
        dp, eo = f["demographic_parity_difference"], f["equalized_odds_difference"]
        over = []
        if dp is not None and dp > p.max_demographic_parity_difference:
            over.append(
                f"demographic-parity difference {dp} > {p.max_demographic_parity_difference}"
            )
        if eo is not None and eo > p.max_equalized_odds_difference:
            over.append(f"equalized-odds difference {eo} > {p.max_equalized_odds_difference}")
        out.append(
            Check(
                control="SC2",
                name=f"fairness:{col}",
                passed=not over,
                detail=f"{col}: "
                + ("; ".join(over) or f"demographic parity {dp}, equalized odds {eo}"),
            )
        )
    return out


def _privacy(m: dict[str, Any], p: Assurance) -> list[Check]:
    e = m["extraction"]
    out = [
        Check(
            control="MS5",
            name="extraction",
            passed=None,
            detail=f"a surrogate agrees with the model on {e['agreement']} of unseen rows after "
            f"{e['queries']} queries",
        )
    ]
    if "membership" in m:
        adv = m["membership"]["advantage"]
        out.append(
            Check(
                control="MS5",
                name="membership-inference",
                passed=None,
                detail=f"membership-inference advantage {adv} "
                f"({'over' if adv > p.max_membership_advantage else 'within'} the guide "
                f"value {p.max_membership_advantage})",
            )
        )
    return out


def judge(metrics: dict[str, Any], p: Assurance) -> tuple[Check, ...]:
    return (
        _robustness(metrics, p),
        _drivers(metrics, p),
        _leakage(metrics, p),
        _calibration(metrics, p),
        _slices(metrics, p),
        _confidence(metrics, p),
        *_fairness(metrics, p),
        *_privacy(metrics, p),
    )
