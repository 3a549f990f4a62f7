"""How the loaded model is queried: with the bare matrix only where it answers exactly as it
does for the DataFrame with its feature names (the attack's queries then skip the DataFrame's
validation); fitting is never affected. The models are this test's own, trained here."""

from __future__ import annotations

from typing import Any

import pytest


def _table(n: int = 300) -> tuple[Any, Any, Any]:
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    from secplan.assurance._load import Table, labels

    rng = np.random.default_rng(0)
    x = np.column_stack([rng.normal(size=n), rng.normal(size=n), rng.integers(0, 3, size=n)])
    y = (x[:, 0] + x[:, 1] > 0).astype(int)
    df = pd.DataFrame(x, columns=["a", "b", "c"])
    return df, y, Table(x=x, y=labels(y), features=["a", "b", "c"], sensitive={})


def test_a_model_fitted_on_a_dataframe_is_queried_with_the_matrix_when_it_agrees() -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    from secplan.assurance._load import from_object

    df, y, t = _table()
    clf = HistGradientBoostingClassifier(max_iter=20, random_state=0).fit(df, y)
    model = from_object(clf, "sklearn", "m")
    before = model.proba(t.x)
    model.decode(t)
    assert model.plain
    assert (model.proba(t.x) == before).all()
    assert list(model.frame(t.x).columns) == ["a", "b", "c"]  # what fitting gets


def test_a_pipeline_that_selects_columns_by_name_keeps_the_dataframe() -> None:
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from secplan.assurance._load import from_object

    df, y, t = _table()
    pipe = make_pipeline(
        ColumnTransformer([("num", StandardScaler(), ["a", "b"])]), LogisticRegression()
    ).fit(df, y)
    model = from_object(pipe, "sklearn", "m")
    model.decode(t)
    assert not model.plain
    assert (model.predict(t.x) == model.predict(t.x)).all()


def test_a_model_without_feature_names_is_given_the_matrix_as_before() -> None:
    from sklearn.linear_model import LogisticRegression

    from secplan.assurance._load import from_object

    df, y, t = _table()
    model = from_object(LogisticRegression().fit(df.to_numpy(), y), "sklearn", "m")
    model.decode(t)
    assert not model.plain and model.frame(t.x) is t.x
