"""secplan model test on small models trained in the test: each planted issue is caught, the
metrics are reproducible, and the signed results drive MS3, MS4 and SC2."""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from secplan.config import load_settings
from secplan.model import Status
from tests.helpers import findings_of, scan
from tests.unit.assurance.conftest import SETTINGS, make_project


def _test(root: Path, sensitive: tuple[str, ...] = ("sex",)):  # type: ignore[no-untyped-def]
    from secplan.assurance.run import test_model

    p = dataclasses.replace(load_settings(root).assurance, sensitive=sensitive)
    return test_model(root, root / "model.joblib", root / "data.csv", p)


def _failed(run: object) -> set[str]:
    return {c.name for c in run.checks if c.passed is False}  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def fair(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("fair"), "fair")


@pytest.fixture(scope="module")
def fair_run(fair: Path):  # type: ignore[no-untyped-def]
    return _test(fair)


@pytest.fixture(scope="module")
def biased(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("biased"), "biased")


@pytest.fixture(scope="module")
def biased_run(biased: Path):  # type: ignore[no-untyped-def]
    return _test(biased)


def _copy(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest


def test_fair_model_passes_and_two_runs_give_identical_metrics(
    fair: Path, fair_run: object
) -> None:
    first, second = fair_run, _test(fair)  # type: ignore[var-annotated]
    assert _failed(first) == set(), first.checks
    assert first.passed
    assert first.metrics == second.metrics
    assert [c.detail for c in first.checks] == [c.detail for c in second.checks]
    curve = first.metrics["robustness"]["curve"]
    assert [e for e, _ in curve] == sorted(e for e, _ in curve)
    # accuracy under attack can only fall as the attack grows stronger
    accs = [a for _, a in curve]
    assert accs == sorted(accs, reverse=True) and accs[0] <= first.metrics["accuracy"] + 0.2


def test_a_different_seed_changes_the_sample(fair: Path, fair_run: object) -> None:
    from secplan.assurance.run import test_model

    p = dataclasses.replace(load_settings(fair).assurance, sensitive=("sex",), seed=5)
    other = test_model(fair, fair / "model.joblib", fair / "data.csv", p)
    assert other.metrics["importance"] != fair_run.metrics["importance"]  # type: ignore[attr-defined]


def test_planted_bias_is_caught_as_unfair_and_as_a_sensitive_driver(biased_run: object) -> None:
    run = biased_run
    assert {"fairness:sex", "sensitive-drivers"} <= _failed(run)
    sex = run.metrics["fairness"]["sex"]
    assert sex["demographic_parity_difference"] > 0.5
    assert set(sex["groups"]) == {"0", "1"}
    assert run.metrics["importance"][0][0] == "sex"


def test_a_justified_sensitive_driver_is_not_a_failure(biased: Path) -> None:
    from secplan.assurance.run import test_model

    root = biased
    p = dataclasses.replace(
        load_settings(root).assurance,
        sensitive=("sex",),
        justified_drivers=(("sex", "priced by sex under an exemption"),),
    )
    run = test_model(root, root / "model.joblib", root / "data.csv", p)
    assert "sensitive-drivers" not in _failed(run)
    assert "fairness:sex" in _failed(run)  # the justification excuses the driver, not the bias


def test_planted_leak_is_caught(tmp_path: Path) -> None:
    run = _test(make_project(tmp_path, "leaky"))
    assert "target-leakage" in _failed(run)
    assert run.metrics["leakage"][0][0] == "outcome_code"
    assert run.metrics["leakage"][0][1] >= 0.98


def test_a_slice_where_the_model_fails_is_caught_and_named(tmp_path: Path) -> None:
    run = _test(make_project(tmp_path, "slice"), sensitive=())
    assert "slices" in _failed(run)
    worst = next(s for s in run.metrics["slices"] if s["kind"] == "value")
    assert worst["slice"] == "region == 4"
    assert worst["value"] < worst["rest"] - 0.2 and worst["z"] >= 3
    [check] = [c for c in run.checks if c.name == "slices"]
    assert "region == 4" in check.detail


@pytest.mark.parametrize(
    ("kind", "flag", "predictions"),
    [
        ("overconfident", "overconfidence", " predictions, accuracy "),
        ("underconfident", "underconfidence", " right predictions "),
    ],
)
def test_a_slice_that_is_over_or_underconfident_is_caught_and_named(
    tmp_path: Path, kind: str, flag: str, predictions: str
) -> None:
    run = _test(make_project(tmp_path, kind), sensitive=())
    assert "confidence" in _failed(run)
    c = run.metrics["confidence"]
    worst = next(s for s in c["slices"] if s["kind"] == "value" and s["flag"] == flag)
    assert worst["slice"] == "region == 4"
    assert worst["gap"] >= 0.1 and worst["z"] >= 3
    if flag == "overconfidence":  # surer than the best accuracy its rows make plausible
        assert worst["accuracy"] < worst["bound"] < worst["value"] - 0.1
    else:  # less sure of its right answers than the other rows are of theirs
        assert worst["value"] < worst["rest"] - 0.1
    [check] = [c for c in run.checks if c.name == "confidence"]
    assert f"region == 4 ({flag}: mean confidence" in check.detail
    assert predictions in check.detail


def test_a_calibrated_model_is_neither_over_nor_underconfident(fair_run: object) -> None:
    [check] = [c for c in fair_run.checks if c.name == "confidence"]  # type: ignore[attr-defined]
    assert check.passed is True
    c = fair_run.metrics["confidence"]  # type: ignore[attr-defined]
    assert 0.5 <= c["wrong"] < c["right"] <= 1


def test_quartiles_of_a_continuous_driver_are_reported_not_judged(fair_run: object) -> None:
    run = fair_run
    kinds = {s["kind"] for s in run.metrics["slices"]}  # type: ignore[attr-defined]
    assert "quartile" in kinds
    assert "slices" not in _failed(run)


def test_shap_importance_and_per_prediction_explanations(fair: Path, fair_run: object) -> None:
    pytest.importorskip("shap")
    from secplan.assurance.run import test_model

    shap = fair_run.metrics["shap"]  # type: ignore[attr-defined]
    assert shap[0][0] == "x0" and {f for f, _ in shap} == {"x0", "x1", "age", "sex"}
    p = dataclasses.replace(load_settings(fair).assurance, sensitive=("sex",))
    run = test_model(fair, fair / "model.joblib", fair / "data.csv", p, explain=(0, 5))
    first, second = run.metrics["explanations"]
    assert (first["row"], second["row"]) == (0, 5)
    # SHAP's efficiency: the contributions add up to the score's distance from the base
    for e in (first, second):
        total = sum(c for _, _, c in e["contributions"])
        assert abs(e["base"] + total - e["score"]) < 1e-3
        assert e["contributions"][0][0] in ("x0", "x1")
    again = test_model(fair, fair / "model.joblib", fair / "data.csv", p, explain=(0, 5))
    assert again.metrics["explanations"] == run.metrics["explanations"]


def test_a_row_outside_the_data_is_a_one_line_error(fair: Path) -> None:
    pytest.importorskip("shap")
    from secplan.assurance.run import test_model
    from secplan.errors import TargetError

    p = load_settings(fair).assurance
    with pytest.raises(TargetError, match="row 99999 is out of range"):
        test_model(fair, fair / "model.joblib", fair / "data.csv", p, explain=(99999,))


def test_fragile_model_is_caught_by_the_attack(tmp_path: Path) -> None:
    run = _test(make_project(tmp_path, "fragile"), sensitive=())
    assert "robustness" in _failed(run)
    r = run.metrics["robustness"]
    assert r["attack"].startswith("HopSkipJump")
    assert "age" in r["constraints"]["integer"]
    [fairness] = [c for c in run.checks if c.name == "fairness"]
    assert fairness.passed is None  # no sensitive column: reported, not proven


def test_signed_results_drive_posture_and_expire_with_the_model(
    tmp_path: Path, audit_home: Path, biased: Path, biased_run: object
) -> None:
    from secplan.assurance.evidence import write_records

    root = _copy(biased, tmp_path / "p")
    (root / "secplan.toml").write_text(
        (root / "secplan.toml").read_text() + "\n[profile]\ndevelops_models = true\n"
    )
    paths = write_records(root, biased_run, datetime(2026, 11, 20, 9, tzinfo=UTC))  # type: ignore[arg-type]
    assert [p.name[-8:] for p in paths] == ["ms3.toml", "ms4.toml", "sc2.toml"]
    a = scan(root)
    status = {c.control: c.status for c in a.posture.controls}
    assert status["SC2"] is Status.FAIL and status["MS3"] is Status.FAIL
    assert {f.controls for f in findings_of(a, "EV030")} == {("MS3",), ("SC2",)}
    ms4 = next(c for c in a.posture.controls if c.control == "MS4")
    assert any("signed" in r for r in ms4.reasons), ms4.reasons

    # the model changes: its results no longer count, and posture asks for a new test
    shutil.copy(root / "model.joblib", root / "old.joblib")
    (root / "model.joblib").write_bytes((root / "model.joblib").read_bytes() + b"\x00")
    a = scan(root)
    status = {c.control: c.status for c in a.posture.controls}
    assert findings_of(a, "EV030") == []
    assert status["SC2"] is Status.NEEDS_EVIDENCE
    sc2 = next(c for c in a.posture.controls if c.control == "SC2")
    assert any("stale" in r and "changed since it was tested" in r for r in sc2.reasons)


def test_an_edited_result_is_caught(
    tmp_path: Path, audit_home: Path, biased: Path, biased_run: object
) -> None:
    from secplan.assurance.evidence import write_records

    root = _copy(biased, tmp_path / "p")
    when = datetime(2026, 11, 20, 9, tzinfo=UTC)
    [_, _, sc2] = write_records(root, biased_run, when)  # type: ignore[arg-type]
    sc2.write_text(
        sc2.read_text()
        .replace('result = "failed"', 'result = "passed"')
        .replace("passed = false", "passed = true")
    )
    a = scan(root)
    [f] = [f for f in findings_of(a, "EV031") if f.controls == ("SC2",)]
    assert "changed after it was signed" in f.message
    sc2.with_name(sc2.name + ".sig").unlink()
    assert any("no signature" in f.message for f in findings_of(scan(root), "EV031"))


def test_record_metrics_round_trip(
    tmp_path: Path, audit_home: Path, fair: Path, fair_run: object
) -> None:
    from secplan.assurance.evidence import write_records
    from secplan.governance.records import load_records

    root = _copy(fair, tmp_path / "p")
    run = fair_run  # type: ignore[var-annotated]
    write_records(root, run, datetime(2026, 11, 20, 9, tzinfo=UTC))
    [ms4] = [e for e in load_records(root).evidence if e.control == "MS4"]
    assert ms4.test is not None and ms4.test.model_sha256 == run.model_sha256
    text = (root / ms4.file).read_text()
    assert '"adversarial-robustness-toolbox" = ' in text
    metrics = json.loads(text.split("metrics = ", 1)[1].split("\n", 1)[0].replace('\\"', '"')[1:-1])
    assert metrics["robustness"] == run.metrics["robustness"]


def test_membership_inference_sees_an_overfitted_model(tmp_path: Path) -> None:
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    joblib = pytest.importorskip("joblib")
    from sklearn.ensemble import RandomForestClassifier

    from secplan.assurance.run import test_model

    rng = np.random.default_rng(1)
    x = rng.normal(size=(1200, 5))
    y = (x[:, 0] + rng.normal(size=1200) > 0).astype(int)  # noisy labels: memorised
    df = pd.DataFrame(x, columns=[f"f{i}" for i in range(5)]).assign(y=y)
    df[:600].to_csv(tmp_path / "train.csv", index=False)
    df[600:].to_csv(tmp_path / "test.csv", index=False)
    forest = RandomForestClassifier(n_estimators=30, random_state=0)
    joblib.dump(forest.fit(df[:600].drop(columns="y"), y[:600]), tmp_path / "rf.joblib")
    (tmp_path / "secplan.toml").write_text(SETTINGS, encoding="utf-8")
    p = load_settings(tmp_path).assurance
    run = test_model(
        tmp_path, tmp_path / "rf.joblib", tmp_path / "test.csv", p, train=tmp_path / "train.csv"
    )
    mi = run.metrics["membership"]
    assert mi["rows"] == 600 and mi["advantage"] > 0.1, mi
    [check] = [c for c in run.checks if c.name == "membership-inference"]
    assert check.passed is None and "over the guide value" in check.detail


def test_bom_carries_the_model_card_of_current_results(
    tmp_path: Path, audit_home: Path, biased: Path, biased_run: object
) -> None:
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    from secplan.assurance.evidence import write_records
    from secplan.bom import render_bom

    root = _copy(biased, tmp_path / "p")
    write_records(root, biased_run, datetime(2026, 11, 20, 9, tzinfo=UTC))  # type: ignore[arg-type]
    text = render_bom(root)
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
    [model] = [c for c in json.loads(text)["components"] if c["name"] == "model.joblib"]
    card = model["modelCard"]
    metrics = card["quantitativeAnalysis"]["performanceMetrics"]
    assert {"type": "demographic parity difference", "slice": "sex"}.items() <= next(
        m for m in metrics if m["type"] == "demographic parity difference"
    ).items()
    assert any(m["type"].startswith("accuracy under HopSkipJump attack") for m in metrics)
    assert card["considerations"]["fairnessAssessments"][0]["groupAtRisk"] == "groups of sex"
    # once the model changes, its old results are no card of it
    (root / "model.joblib").write_bytes((root / "model.joblib").read_bytes() + b"\x00")
    [model] = [c for c in json.loads(render_bom(root))["components"] if c["name"] == "model.joblib"]
    assert "modelCard" not in model


def test_a_pipeline_with_a_text_category_is_tested_with_the_category_held_fixed(
    tmp_path: Path,
) -> None:
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    import joblib
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder

    from tests.unit.assurance.conftest import SETTINGS

    rng = np.random.default_rng(1)
    n = 900
    region = rng.choice(["north", "south", "east", "west"], size=n)
    x0 = rng.normal(size=n)
    y = np.where(region == "west", x0 < 0, x0 > 0).astype(int)  # west is the odd one out
    df = pd.DataFrame({"x0": x0, "region": region})
    encode = ColumnTransformer([("r", OneHotEncoder(), ["region"])], remainder="passthrough")
    model = make_pipeline(encode, LogisticRegression()).fit(df, y)
    joblib.dump(model, tmp_path / "model.joblib")
    df.assign(y=y).to_csv(tmp_path / "data.csv", index=False)
    (tmp_path / "secplan.toml").write_text(SETTINGS, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    run = _test(tmp_path, sensitive=())
    assert run.metrics["accuracy"] > 0.6
    assert run.metrics["robustness"]["constraints"]["categorical"] == ["region"]
    weak = [s["slice"] for s in run.metrics["slices"] if s["kind"] == "value"]
    assert weak[0] == "region == 'west'"
    assert "slices" in _failed(run)
