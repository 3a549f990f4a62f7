"""Loading the team's model and dataset inside the test process (never in secplan's own).

The model is trusted code, so it is loaded with its own library; what reaches the tests is a
:class:`Model`: labels (as strings) and class probabilities for a float matrix.
"""

from __future__ import annotations

import importlib.util
import math
import sys
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
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
    """The loaded model behind one interface, whatever its library.

    The tests work on float matrices; a text column of the data reaches them as integer codes
    (:attr:`Table.codes`), and :meth:`frame` turns the codes back into the text the model was
    trained on before the model sees a row."""

    predict_raw: Callable[[Array], Any]
    proba_raw: Callable[[Array], Any] | None
    classes: list[str]
    kind: str
    names: list[str]  # the feature names the model was fitted with, when it knows them
    #: column index -> the text of each code, for the data's text columns
    codes: dict[int, Array] = field(default_factory=dict)
    #: whether the model gives the same answers on the bare matrix as on a DataFrame (checked
    #: on the data by :meth:`settle`): then it is queried with the matrix, which skips the
    #: DataFrame's per-call validation (most of an attack's time on a small batch)
    plain: bool = False

    def frame(self, x: Array) -> Any:
        """What the model is given for the rows ``x``: a DataFrame with its feature names
        (text columns decoded) when it was fitted on one, else the matrix."""
        if not self.names and not self.codes:
            return x
        if not self.names:
            out = np.asarray(x, dtype=object)
            for j, text in self.codes.items():
                out[:, j] = text[np.asarray(x[:, j], dtype=int)]
            return out
        import pandas as pd

        df = pd.DataFrame(x, columns=self.names)
        for j, text in self.codes.items():
            df[self.names[j]] = text[np.asarray(x[:, j], dtype=int)]
        return df

    def query(self, fn: Callable[[Any], Any], x: Array) -> Any:
        """``fn`` (the model's predict or predict_proba) on the rows ``x``: given the matrix
        where :meth:`settle` found the model answers the same (scikit-learn's warning that
        the matrix has no feature names is then expected, and silenced), else :meth:`frame`.
        Fitting always uses :meth:`frame`."""
        if not self.plain:
            return fn(self.frame(x))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return fn(x)

    def settle(self, x: Array) -> None:
        """Query the model with the bare matrix from now on if, on a seeded sample of up to
        ``SETTLE_ROWS`` rows of ``x``, it gives exactly the labels and probabilities it gives
        for the DataFrame with its feature names (never with text columns, which need the
        DataFrame; a model that rejects the matrix keeps the DataFrame)."""
        self.plain = False
        if not self.names or self.codes:
            return
        rows = x[np.sort(np.random.default_rng(0).permutation(len(x))[:SETTLE_ROWS])]
        try:
            before = (self.predict(rows), self.proba(rows))
            self.plain = True
            after = (self.predict(rows), self.proba(rows))
        except Exception:
            self.plain = False
            return
        same = np.array_equal(before[0], after[0])
        if before[1] is not None and after[1] is not None:
            same = same and np.array_equal(before[1], after[1])
        self.plain = same and (before[1] is None) == (after[1] is None)

    def predict(self, x: Array) -> Array:
        return labels(self.predict_raw(x))

    def proba(self, x: Array) -> Array | None:
        if self.proba_raw is None:
            return None
        return np.asarray(self.proba_raw(x), dtype=float)

    def decode(self, t: Table) -> None:
        """Give the model the text of the table's coded columns from now on (and settle how
        it is queried, on the table's rows)."""
        self.codes = {t.features.index(c): np.asarray(v, dtype=object) for c, v in t.codes.items()}
        self.settle(t.x)


#: Rows on which :meth:`Model.settle` compares the matrix with the DataFrame.
SETTLE_ROWS = 500


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
    proba = getattr(obj, "predict_proba", None)
    model = Model(
        predict_raw=lambda x: model.query(obj.predict, x),
        proba_raw=(lambda x: model.query(proba, x)) if callable(proba) else None,
        classes=[label(c) for c in getattr(obj, "classes_", [])],
        kind=kind,
        names=names,
    )
    return model


def is_torch_module(obj: object) -> bool:
    """Whether ``obj`` is a PyTorch ``nn.Module`` (without importing torch for anything else)."""
    torch = sys.modules.get("torch")
    return torch is not None and isinstance(obj, torch.nn.Module)


def softmax_rows(scores: Array) -> Array:
    """Class probabilities from a network's outputs: one column is a logit of the second
    class (sigmoid), several are logits (softmax); rows that already are probabilities stay."""
    s = np.asarray(scores, dtype=float)
    if s.ndim == 1:
        s = s[:, None]
    if s.shape[1] == 1:
        p = 1.0 / (1.0 + np.exp(-s[:, 0]))
        return np.column_stack([1.0 - p, p])
    if np.all(s >= 0) and np.allclose(s.sum(axis=1), 1.0, atol=1e-4):
        return s
    e = np.exp(s - s.max(axis=1, keepdims=True))
    out: Array = e / e.sum(axis=1, keepdims=True)
    return out


def _scored(scores: Callable[[Array], Array], classes: list[str], kind: str) -> Model:
    """A model that gives class scores only: its label is the class of the highest score.
    ``classes`` names the columns; when empty, they are ``0``..``k-1``, known after the
    first call."""

    def proba(x: Array) -> Array:
        p = softmax_rows(scores(x))
        if not model.classes:
            model.classes[:] = [str(i) for i in range(p.shape[1])]
        return p

    def predict(x: Array) -> Array:
        best = proba(x).argmax(axis=1)  # names the classes on the first call
        out: Array = np.asarray(model.classes, dtype=object)[best]
        return out

    model = Model(predict, proba, list(classes), kind, [])
    return model


def from_torch(module: Any, classes: list[str]) -> Model:
    """A PyTorch module behind :class:`Model`: rows as a float32 tensor, in eval mode,
    without gradients; its outputs are logits (or probabilities) of ``classes``."""
    import torch

    module.eval()

    def scores(x: Array) -> Array:
        with torch.no_grad():
            out = module(torch.as_tensor(np.asarray(x, dtype=np.float32)))
        return np.asarray(out.detach().cpu().numpy(), dtype=float)

    return _scored(scores, classes, "torch")


def _loader_file(path: Path, shown: str) -> tuple[Any, list[str]]:
    """What a loader file gives: ``load()``'s result, else its ``model``, else the module
    itself (module-level ``predict`` / ``predict_proba``); and its ``classes``, if named."""
    spec = importlib.util.spec_from_file_location("secplan_model_loader", path)
    if spec is None or spec.loader is None:
        raise TargetError(f"{shown}: not a Python file", "name a .py loader file")
    module = importlib.util.module_from_spec(spec)
    folder = str(path.resolve().parent)
    if folder not in sys.path:  # so that the loader can import the team's own modules
        sys.path.insert(0, folder)
    spec.loader.exec_module(module)
    classes = [label(c) for c in getattr(module, "classes", None) or []]
    if callable(getattr(module, "load", None)):
        return module.load(), classes
    if hasattr(module, "model"):
        return module.model, classes
    return module, classes


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

    first = sess.get_outputs()[0]
    if len(outs) == 1 and "float" in first.type and len(first.shape or ()) == 2:
        # one output of class scores (a network exported from PyTorch, say): logits
        return _scored(lambda x: np.asarray(run(x)[0], dtype=float), [], "onnx")
    return Model(lambda x: run(x)[0], proba if len(outs) > 1 else None, [], "onnx", [])


def _xgboost(path: Path) -> Any:
    import xgboost

    clf = xgboost.XGBClassifier()
    clf.load_model(str(path))
    return clf


def load_model(path: Path, shown: str) -> Model:
    """The model in ``path``: a pickled or joblib estimator or pipeline, an ONNX graph, an
    XGBoost model (``.json``/``.ubj``), or a loader ``.py`` file (whose ``load()`` may give a
    PyTorch module)."""
    if path.suffix.lower() == ".onnx":
        return _loading(shown, lambda: _onnx(path, shown))
    if path.suffix.lower() == ".py":
        obj, classes = _loading(shown, lambda: _loader_file(path, shown))
        if is_torch_module(obj):
            return from_torch(obj, classes)
        model = from_object(obj, "loader", shown)
        model.classes = model.classes or classes
        return model
    obj, kind, _ = load_object(path, shown)
    return from_object(obj, kind, shown)


def load_object(path: Path, shown: str) -> tuple[Any, str, list[str]]:
    """The object saved in ``path`` (not an ONNX graph), the library it comes from (``torch``
    for a PyTorch module), and the classes a loader file names."""
    suffix = path.suffix.lower()

    def load() -> tuple[Any, str, list[str]]:
        if suffix == ".py":
            obj, classes = _loader_file(path, shown)
            return obj, "torch" if is_torch_module(obj) else "loader", classes
        if suffix in (".json", ".ubj"):
            return _xgboost(path), "xgboost", []
        import joblib

        obj = joblib.load(path)
        return obj, type(obj).__module__.split(".")[0], []

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
    #: text feature columns, coded 0..n-1 in ``x``: column -> the text of each code
    codes: dict[str, list[str]] = field(default_factory=dict)


def _floats(values: list[str]) -> Array:
    return np.asarray([float(v) if v.strip() else math.nan for v in values], dtype=float)


def _column(values: list[str], column: str, shown: str) -> tuple[Array, list[str] | None]:
    """A feature column as floats, or, when it holds text, as integer codes with the text of
    each code (sorted, so the codes do not depend on the order of the rows)."""
    if all(_is_float(v) for v in values):
        return _floats(values), None
    if any(not v.strip() for v in values):
        raise TargetError(
            f"{shown}: empty values in the text column {column!r}",
            "impute missing values before testing",
        )
    text = sorted(set(values))
    if len(text) > MAX_CODES:
        raise TargetError(
            f"{shown}: column {column!r} holds {len(text)} different texts (at most "
            f"{MAX_CODES} are read as categories)",
            "leave free-text or identifier columns out with [assurance] features",
        )
    index = {v: i for i, v in enumerate(text)}
    return np.asarray([index[v] for v in values], dtype=float), text


#: A text column with more distinct values than this is not a category.
MAX_CODES = 1000


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
    columns = [_column([r[index[c]] for r in rows], c, shown) for c in cols]
    x = np.column_stack([values for values, _ in columns])
    codes = {c: text for c, (_, text) in zip(cols, columns, strict=True) if text is not None}
    y = labels([r[index[target]] for r in rows])
    sens = {s: np.asarray([r[index[s]] for r in rows], dtype=object) for s in sensitive}
    if np.isnan(x).any():
        raise TargetError(
            f"{shown}: empty or NaN feature values", "impute missing values before testing"
        )
    return Table(x=x, y=y, features=cols, sensitive=sens, codes=codes)


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


def align(*tables: Table) -> None:
    """Give the text columns of ``tables`` (the same features) one code book: the union of
    their texts, sorted; each table's codes are rewritten to it."""
    for column in sorted({c for t in tables for c in t.codes}):
        j = tables[0].features.index(column)
        text = sorted({v for t in tables for v in t.codes.get(column, [])})
        index = {v: i for i, v in enumerate(text)}
        for t in tables:
            if column not in t.codes:
                raise TargetError(
                    f"column {column!r} holds text in one dataset and numbers in another",
                    "give every dataset the same encoding of that column",
                )
            old = np.asarray([index[v] for v in t.codes[column]], dtype=float)
            t.x[:, j] = old[np.asarray(t.x[:, j], dtype=int)]
            t.codes[column] = text
