"""Loading the team's model and dataset inside the test process (never in secplan's own).

The model is trusted code, so it is loaded with its own library; what reaches the tests is a
:class:`Model`: labels (as strings) and class probabilities for a float matrix.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from secplan.errors import TargetError

Array = np.ndarray[Any, Any]
_T = TypeVar("_T")
PICKLED = frozenset({".joblib", ".pkl", ".pickle", ".sav"})


def label(value: object) -> str:
    """One spelling per class: ``1``, ``1.0``, ``True`` and ``"1"`` are all ``1``."""
    if isinstance(value, (bool, np.bool_)):
        return str(int(value))
    text = str(value).strip()
    try:
        f = float(text)
    except ValueError:
        return text
    return str(int(f)) if math.isfinite(f) and f == int(f) else repr(f)


def labels(values: Any) -> Array:
    return np.asarray([label(v) for v in np.asarray(values).ravel()], dtype=object)


@dataclass
class Model:
    """The loaded model behind one interface, whatever its library."""

    predict_raw: Callable[[Array], Any]
    proba_raw: Callable[[Array], Any] | None
    classes: list[str]
    kind: str
    names: list[str]  # the feature names the model was fitted with, when it knows them

    def predict(self, x: Array) -> Array:
        return labels(self.predict_raw(x))

    def proba(self, x: Array) -> Array | None:
        if self.proba_raw is None:
            return None
        return np.asarray(self.proba_raw(x), dtype=float)


def _names(obj: Any) -> list[str]:
    names = getattr(obj, "feature_names_in_", None)
    return [str(n) for n in names] if names is not None else []


def from_object(obj: Any, kind: str, shown: str) -> Model:
    if not callable(getattr(obj, "predict", None)):
        raise TargetError(
            f"{shown}: the loaded object ({type(obj).__name__}) has no predict method",
            "save a fitted estimator or pipeline, or name a loader file exposing predict",
        )
    names = _names(obj)
    wrap: Callable[[Array], Any] = lambda x: x  # noqa: E731
    if names:  # fitted on a DataFrame: given one with the same column names
        import pandas as pd

        wrap = lambda x: pd.DataFrame(x, columns=names)  # noqa: E731
    proba = getattr(obj, "predict_proba", None)
    return Model(
        predict_raw=lambda x: obj.predict(wrap(x)),
        proba_raw=(lambda x: proba(wrap(x))) if callable(proba) else None,
        classes=[label(c) for c in getattr(obj, "classes_", [])],
        kind=kind,
        names=names,
    )


def _loader_file(path: Path, shown: str) -> Any:
    spec = importlib.util.spec_from_file_location("secplan_model_loader", path)
    if spec is None or spec.loader is None:
        raise TargetError(f"{shown}: not a Python file", "name a .py loader file")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if callable(getattr(module, "load", None)):
        return module.load()
    if hasattr(module, "model"):
        return module.model
    return module


def _onnx(path: Path, shown: str) -> Model:
    try:
        import onnxruntime as ort
    except ImportError as exc:
        raise TargetError(
            f"{shown}: ONNX models need onnxruntime", "pip install 'secplan[assurance-onnx]'"
        ) from exc
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    name = sess.get_inputs()[0].name
    outs = [o.name for o in sess.get_outputs()]

    def run(x: Array) -> list[Any]:
        return list(sess.run(outs, {name: np.asarray(x, dtype=np.float32)}))

    def proba(x: Array) -> Array:
        p = run(x)[1]
        if isinstance(p, list):  # a ZipMap output: one dict per row
            keys = sorted(p[0])
            return np.asarray([[row[k] for k in keys] for row in p], dtype=float)
        return np.asarray(p, dtype=float)

    return Model(lambda x: run(x)[0], proba if len(outs) > 1 else None, [], "onnx", [])


def _xgboost(path: Path) -> Any:
    import xgboost

    clf = xgboost.XGBClassifier()
    clf.load_model(str(path))
    return clf


def load_model(path: Path, shown: str) -> Model:
    """The model in ``path``: a pickled or joblib estimator or pipeline, an ONNX graph, an
    XGBoost model (``.json``/``.ubj``), or a loader ``.py`` file."""
    if path.suffix.lower() == ".onnx":
        return _loading(shown, lambda: _onnx(path, shown))
    obj, kind = load_object(path, shown)
    return from_object(obj, kind, shown)


def load_object(path: Path, shown: str) -> tuple[Any, str]:
    """The object saved in ``path`` (not an ONNX graph) and the library it comes from."""
    suffix = path.suffix.lower()

    def load() -> tuple[Any, str]:
        if suffix == ".py":
            return _loader_file(path, shown), "loader"
        if suffix in (".json", ".ubj"):
            return _xgboost(path), "xgboost"
        import joblib

        obj = joblib.load(path)
        return obj, type(obj).__module__.split(".")[0]

    return _loading(shown, load)


def _loading(shown: str, load: Callable[[], _T]) -> _T:
    """``load()``, with every failure turned into a one-line :class:`TargetError`."""
    try:
        return load()
    except TargetError:
        raise
    except MemoryError:
        raise
    except PermissionError as exc:
        if "network access is blocked" not in str(exc):
            raise _unloadable(shown, exc) from exc
        raise TargetError(
            f"{shown}: the model tried to reach the network while loading",
            "tests run offline: load the model and its weights from local files",
        ) from exc
    except Exception as exc:
        raise _unloadable(shown, exc) from exc


def _unloadable(shown: str, exc: Exception) -> TargetError:
    return TargetError(
        f"{shown}: the model cannot be loaded ({type(exc).__name__}: {str(exc)[:200]})",
        "check that the file is a saved model and that its library is installed in this "
        "environment",
    )


@dataclass
class Table:
    x: Array  # float features
    y: Array  # labels as strings
    features: list[str]
    sensitive: dict[str, Array]  # the sensitive columns' values as strings


def _floats(values: list[str], column: str, shown: str) -> Array:
    try:
        return np.asarray([float(v) if v.strip() else math.nan for v in values], dtype=float)
    except ValueError:
        bad = next(v for v in values if not _is_float(v))
        raise TargetError(
            f"{shown}: column {column!r} is not numeric (value {bad[:40]!r})",
            "encode categorical features as integer codes, or leave the column out with "
            "[assurance] features",
        ) from None


def _is_float(v: str) -> bool:
    try:
        float(v)
    except ValueError:
        return bool(not v.strip())
    return True


def load_table(
    path: Path,
    shown: str,
    target: str,
    sensitive: Sequence[str],
    features: Sequence[str],
    max_rows: int,
) -> Table:
    from secplan.data.readers import Limits, open_reader

    reader = open_reader(path, limits=Limits(max_records=max_rows))
    rows = [row for batch in reader.batches() for row in batch.rows]
    fields = list(reader.fields)
    if reader.errors:
        raise TargetError(f"{shown}: {reader.errors[0]}", "fix the dataset file")
    check_columns(fields, shown, target, sensitive, features)
    index = {name: i for i, name in enumerate(fields)}
    cols = list(features) or [f for f in fields if f != target]
    width = len(fields)
    rows = [r + ("",) * (width - len(r)) for r in rows]
    x = np.column_stack([_floats([r[index[c]] for r in rows], c, shown) for c in cols])
    y = labels([r[index[target]] for r in rows])
    sens = {s: np.asarray([r[index[s]] for r in rows], dtype=object) for s in sensitive}
    if np.isnan(x).any():
        raise TargetError(
            f"{shown}: empty or NaN feature values", "impute missing values before testing"
        )
    return Table(x=x, y=y, features=cols, sensitive=sens)


def check_columns(
    fields: Sequence[str],
    shown: str,
    target: str,
    sensitive: Sequence[str],
    features: Sequence[str],
) -> None:
    """A one-line error when the dataset lacks a named column."""
    have = set(fields)
    if target not in have:
        raise TargetError(
            f"{shown}: the target column {target!r} is missing (columns: "
            f"{', '.join(list(fields)[:12])})",
            "name the label column with --target or [assurance] target",
        )
    missing = [c for c in [*sensitive, *features] if c not in have]
    if missing:
        raise TargetError(
            f"{shown}: column(s) {', '.join(map(repr, missing))} are not in the dataset",
            "fix --sensitive / [assurance] sensitive and features to name existing columns",
        )
