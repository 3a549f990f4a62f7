"""secplan model test on every kind of model it loads, each trained here on data generated here
with a planted bias: XGBoost and LightGBM estimators, an XGBoost model saved with
``save_model``, ONNX graphs run by onnxruntime (exported with skl2onnx, and built by hand with
onnx's helper), a PyTorch module through a loader file, and loader files that give any object or
module-level function with ``predict`` / ``predict_proba``. Each runs end to end from the command
line: the metrics are measured, the bias is caught, and signed evidence names the model's hash.
A library that is not installed skips its case and says which."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from secplan.cli.app import app
from tests.helpers import write
from tests.unit.assurance.conftest import SETTINGS

FEATURES = ["x0", "x1", "age", "sex"]


def _data(root: Path, n: int = 600) -> tuple[Any, Any]:
    """``data.csv`` (the four features and ``y``) whose label leans on ``sex``; the features
    as a float32 matrix and the labels."""
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    rng = np.random.default_rng(7)
    df = pd.DataFrame(
        {
            "x0": rng.normal(size=n),
            "x1": rng.normal(size=n),
            "age": rng.integers(18, 80, size=n),
            "sex": rng.integers(0, 2, size=n),
        }
    )
    y = df.x0 + 0.5 * df.x1 + 2.5 * df.sex - 1.25 + rng.normal(scale=0.3, size=n) > 0
    y = y.astype(int).to_numpy()
    root.mkdir(parents=True, exist_ok=True)
    df.assign(y=y).to_csv(root / "data.csv", index=False)
    (root / "secplan.toml").write_text(SETTINGS, encoding="utf-8")
    (root / ".git").mkdir(exist_ok=True)
    return df, y


def _xgboost_joblib(root: Path) -> str:
    xgboost = pytest.importorskip("xgboost", reason="xgboost is not installed")
    import joblib

    df, y = _data(root)
    clf = xgboost.XGBClassifier(n_estimators=30, max_depth=3, random_state=0)
    joblib.dump(clf.fit(df, y), root / "model.joblib")
    return "model.joblib"


def _xgboost_json(root: Path) -> str:
    xgboost = pytest.importorskip("xgboost", reason="xgboost is not installed")
    df, y = _data(root)
    clf = xgboost.XGBClassifier(n_estimators=30, max_depth=3, random_state=0)
    clf.fit(df.to_numpy(dtype=float), y).save_model(root / "model.json")
    return "model.json"


def _lightgbm(root: Path) -> str:
    lightgbm = pytest.importorskip("lightgbm", reason="lightgbm is not installed")
    import joblib

    df, y = _data(root)
    clf = lightgbm.LGBMClassifier(n_estimators=30, random_state=0, verbose=-1)
    joblib.dump(clf.fit(df, y), root / "model.joblib")
    return "model.joblib"


def _onnx_skl2onnx(root: Path) -> str:
    pytest.importorskip("onnxruntime", reason="onnxruntime is not installed")
    skl2onnx = pytest.importorskip("skl2onnx", reason="skl2onnx is not installed")
    np = pytest.importorskip("numpy")
    from sklearn.linear_model import LogisticRegression

    df, y = _data(root)
    x = df.to_numpy(dtype=np.float32)
    graph = skl2onnx.to_onnx(LogisticRegression(max_iter=500).fit(x, y), x[:1])
    (root / "model.onnx").write_bytes(graph.SerializeToString())
    return "model.onnx"


def _onnx_helper(root: Path) -> str:
    """A graph built node by node: one output of logits (``x @ W + b``), as a network exported
    from PyTorch gives; the weights are a logistic regression's, fitted here."""
    pytest.importorskip("onnxruntime", reason="onnxruntime is not installed")
    onnx = pytest.importorskip("onnx", reason="onnx is not installed")
    np = pytest.importorskip("numpy")
    from onnx import TensorProto, helper, numpy_helper
    from sklearn.linear_model import LogisticRegression

    df, y = _data(root)
    lr = LogisticRegression(max_iter=500).fit(df.to_numpy(dtype=float), y)
    w = np.column_stack([-lr.coef_[0], lr.coef_[0]]).astype(np.float32) / 2
    b = (np.array([-lr.intercept_[0], lr.intercept_[0]]) / 2).astype(np.float32)
    nodes = [
        helper.make_node("MatMul", ["x", "W"], ["xw"]),
        helper.make_node("Add", ["xw", "b"], ["logits"]),
    ]
    graph = helper.make_graph(
        nodes,
        "logistic",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 4])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [None, 2])],
        [numpy_helper.from_array(w, "W"), numpy_helper.from_array(b, "b")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    (root / "model.onnx").write_bytes(model.SerializeToString())
    return "model.onnx"


TORCH_LOADER = """import torch
from pathlib import Path

classes = ["0", "1"]


class Net(torch.nn.Module):
    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", torch.as_tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.as_tensor(std, dtype=torch.float32))
        self.body = torch.nn.Sequential(
            torch.nn.Linear(len(mean), 16), torch.nn.ReLU(), torch.nn.Linear(16, 2)
        )

    def forward(self, x):
        return self.body((x - self.mean) / self.std)


def load():
    state = torch.load(Path(__file__).with_name("weights.pt"), weights_only=True)
    net = Net(state["mean"], state["std"])
    net.load_state_dict(state)
    return net
"""


def train_torch(root: Path, x: Any, y: Any, epochs: int = 300) -> None:
    """A small MLP trained on ``x``, ``y``: ``loader.py`` builds it and ``weights.pt`` holds
    its weights."""
    torch = pytest.importorskip("torch", reason="torch is not installed")
    np = pytest.importorskip("numpy")
    namespace: dict[str, Any] = {"__file__": str(root / "loader.py")}
    exec(compile(TORCH_LOADER, "loader.py", "exec"), namespace)  # the loader's own code
    torch.manual_seed(0)
    net = namespace["Net"](x.mean(axis=0), x.std(axis=0) + 1e-6)
    opt = torch.optim.Adam(net.parameters(), lr=0.02)
    xt = torch.as_tensor(np.asarray(x, dtype=np.float32))
    yt = torch.as_tensor(np.array(y, dtype=np.int64))
    for _ in range(epochs):
        opt.zero_grad()
        torch.nn.functional.cross_entropy(net(xt), yt).backward()
        opt.step()
    torch.save(net.state_dict(), root / "weights.pt")
    write(root, "loader.py", TORCH_LOADER)


def _torch(root: Path) -> str:
    df, y = _data(root)
    train_torch(root, df.to_numpy(dtype=float), y)
    return "loader.py"


def _callable_object(root: Path) -> str:
    """A loader whose ``load()`` gives a plain object with ``predict`` and ``predict_proba``."""
    np = pytest.importorskip("numpy")
    from sklearn.linear_model import LogisticRegression

    df, y = _data(root)
    lr = LogisticRegression(max_iter=500).fit(df.to_numpy(dtype=float), y)
    np.save(root / "coef.npy", np.append(lr.coef_[0], lr.intercept_[0]))
    write(
        root,
        "loader.py",
        "import numpy as np\nfrom pathlib import Path\n\n\nclass Scorer:\n"
        "    def __init__(self):\n"
        "        self.w = np.load(Path(__file__).with_name('coef.npy'))\n\n"
        "    def predict_proba(self, x):\n"
        "        p = 1 / (1 + np.exp(-(np.asarray(x) @ self.w[:-1] + self.w[-1])))\n"
        "        return np.column_stack([1 - p, p])\n\n"
        "    def predict(self, x):\n"
        "        return (self.predict_proba(x)[:, 1] > 0.5).astype(int)\n\n\n"
        "def load():\n    return Scorer()\n",
    )
    return "loader.py"


def _functions(root: Path) -> str:
    """A loader file with module-level ``predict`` only (no probabilities)."""
    _data(root)
    write(
        root,
        "loader.py",
        "import numpy as np\n\n\ndef predict(x):\n"
        "    x = np.asarray(x)\n"
        "    return (x[:, 0] + 0.5 * x[:, 1] + 2.5 * x[:, 3] - 1.25 > 0).astype(int)\n",
    )
    return "loader.py"


KINDS: dict[str, Callable[[Path], str]] = {
    "xgboost": _xgboost_joblib,
    "xgboost-save-model": _xgboost_json,
    "lightgbm": _lightgbm,
    "onnx-skl2onnx": _onnx_skl2onnx,
    "onnx-helper-logits": _onnx_helper,
    "torch-loader": _torch,
    "loader-object": _callable_object,
    "loader-functions": _functions,
}


def _model_test(root: Path, model: str) -> tuple[int, dict[str, Any], str]:
    r = CliRunner().invoke(
        app,
        ["model", "test", str(root / model), "-d", str(root / "data.csv"), "-s", "sex",
         "-f", "json"],
    )  # fmt: skip
    return r.exit_code, (json.loads(r.stdout) if r.stdout.strip() else {}), r.stderr


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_model_kind_is_tested_end_to_end(kind: str, tmp_path: Path, audit_home: Path) -> None:
    root = tmp_path / kind
    model = KINDS[kind](root)
    code, out, err = _model_test(root, model)
    assert code == 1, err  # the planted bias fails SC2
    m = out["metrics"]
    assert m["features"] == FEATURES and m["rows"] == 600
    assert m["classes"] == ["0", "1"] and m["positive"] == "1"
    assert m["accuracy"] >= 0.85, m["accuracy"]
    failed = {c["name"] for c in out["checks"] if c["passed"] is False}
    assert "fairness:sex" in failed
    assert m["fairness"]["sex"]["demographic_parity_difference"] > 0.5
    assert m["importance"][0][0] in ("sex", "x0")
    curve = m["robustness"]["curve"]
    assert curve and all(0 <= a <= 1 for _, a in curve)
    if kind == "loader-functions":  # no probabilities: calibration is not measured
        assert m["calibration"]["ece"] is None
    else:
        assert 0 <= m["calibration"]["ece"] < 0.2
    digest = hashlib.sha256((root / model).read_bytes()).hexdigest()
    assert out["model_sha256"] == digest
    assert [e.rsplit("-", 1)[1] for e in out["evidence"]] == ["ms3.toml", "ms4.toml", "sc2.toml"]
    for record in out["evidence"]:
        assert digest in (root / record).read_text(encoding="utf-8")
        assert (root / (record + ".sig")).is_file()


def test_a_torch_module_gives_probabilities_and_two_runs_agree(
    tmp_path: Path, audit_home: Path
) -> None:
    root = tmp_path / "torch"
    _torch(root)
    (root / "secplan.toml").write_text(SETTINGS, encoding="utf-8")
    first = _model_test(root, "loader.py")[1]
    second = _model_test(root, "loader.py")[1]
    assert first["metrics"] == second["metrics"]
    assert first["metrics"]["calibration"]["ece"] is not None
