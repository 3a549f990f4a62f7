"""Projects with a small model trained here on data generated here: a fair one, one with a
planted bias, one with a planted leak, a deliberately fragile one, one that fails on one
slice of the data, and ones that are over- or under-confident on one slice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

SETTINGS = """[assurance]
target = "y"
attack_samples = 30
attack_iterations = 5
attack_evaluations = 100
importance_samples = 500
leakage_samples = 1000
extraction_queries = 300
cpu_seconds = 120
"""


def _libs() -> tuple[Any, Any]:
    np = pytest.importorskip("numpy")
    pytest.importorskip("sklearn")
    pytest.importorskip("art")
    pytest.importorskip("fairlearn")
    pd = pytest.importorskip("pandas")
    return np, pd


def make_project(root: Path, kind: str, n: int = 1200) -> Path:
    """``root`` with ``model.joblib`` and ``data.csv`` of the given kind: fair, biased,
    leaky, fragile, slice (one region where the model fails), overconfident or underconfident
    (on one region; see :func:`_confident`). Returns ``root``."""
    np, pd = _libs()
    import joblib
    from sklearn.linear_model import LogisticRegression
    from sklearn.tree import DecisionTreeClassifier

    rng = np.random.default_rng(7)
    x0, x1 = rng.normal(size=n), rng.normal(size=n)
    age = rng.integers(18, 80, size=n)
    sex = rng.integers(0, 2, size=n)
    noise = rng.normal(scale=0.3, size=n)
    region = np.random.default_rng(11).integers(0, 5, size=n)  # its own stream
    if kind == "biased":  # the sensitive column drives the label
        y = (x0 + 2.5 * sex - 1.25 + noise > 0).astype(int)
    elif kind == "slice":  # one region follows another rule, which a linear model misses
        y = np.where(region == 4, x1 + noise < 0, x0 + 0.5 * x1 + noise > 0).astype(int)
    else:
        y = (x0 + 0.5 * x1 + noise > 0).astype(int)
    df = pd.DataFrame({"x0": x0, "x1": x1, "age": age, "sex": sex})
    if kind in ("slice", "overconfident", "underconfident"):
        df["region"] = region
    if kind == "leaky":  # a feature that is the label
        df["outcome_code"] = y
    if kind in ("overconfident", "underconfident"):
        model = _confident(df, y, region == 4, kind, rng)
    elif kind == "fragile":  # a fully grown tree on noisy labels and noise features
        for i in range(6):
            df[f"n{i}"] = rng.normal(size=n)
        flipped = np.where(rng.random(n) < 0.15, 1 - y, y)
        model: Any = DecisionTreeClassifier(random_state=0).fit(df, flipped)
    else:
        model = LogisticRegression().fit(df, y)
    root.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, root / "model.joblib")
    df.assign(y=y).to_csv(root / "data.csv", index=False)
    (root / "secplan.toml").write_text(SETTINGS, encoding="utf-8")
    (root / ".git").mkdir(exist_ok=True)  # the project root
    return root


def _confident(df: Any, y: Any, region: Any, kind: str, rng: Any) -> Any:
    """A random forest trained on labels that differ from the data's in one region: there,
    the training labels follow another rule (the model is sure of them and wrong half the
    time on the data: overconfident), or 40% of them are flipped (the model is right on the
    data but unsure: underconfident)."""
    np = pytest.importorskip("numpy")
    from sklearn.ensemble import RandomForestClassifier

    if kind == "overconfident":
        trained = np.where(region, (df["x1"] < 0).astype(int), y)
    else:
        trained = np.where(region & (rng.random(len(y)) < 0.4), 1 - y, y)
    forest = RandomForestClassifier(n_estimators=50, min_samples_leaf=10, random_state=0)
    return forest.fit(df, trained)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture
def audit_home(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One audit key for the module, so records signed in one test verify in the next."""
    monkeypatch.setenv("SECPLAN_HOME", str(home))
    return home
