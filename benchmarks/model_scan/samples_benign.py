"""Benign benchmark samples, written by the real libraries (PyTorch, scikit-learn, joblib,
pandas, NumPy, dill, cloudpickle, h5py/Keras layouts, ONNX, GGUF, safetensors), plus large
files of a configurable size generated at run time (never committed)."""

from __future__ import annotations

import io
import json
import pickle
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

Files = dict[str, bytes]


def torch_files() -> Files:
    import torch

    net = torch.nn.Sequential(
        torch.nn.Conv2d(3, 8, 3),
        torch.nn.BatchNorm2d(8),
        torch.nn.ReLU(),
        torch.nn.Flatten(),
        torch.nn.Linear(8, 4),
        torch.nn.LSTM(4, 4),
        torch.nn.Embedding(10, 4),
        torch.nn.LayerNorm(4),
        torch.nn.Dropout(),
    )
    opt = torch.optim.AdamW(net.parameters())
    out: Files = {}

    def save(name: str, obj: object, **kw: object) -> None:
        buf = io.BytesIO()
        torch.save(obj, buf, **kw)  # type: ignore[arg-type]
        out[name] = buf.getvalue()

    save("state_dict.pt", net.state_dict())
    save("full_module.pt", net)
    save("checkpoint.ckpt", {"model": net.state_dict(), "optimizer": opt.state_dict(), "epoch": 3})
    save("legacy_state_dict.pt", net.state_dict(), _use_new_zipfile_serialization=False)
    save("pytorch_model-00001-of-00002", {"w": torch.randn(16, 16, dtype=torch.bfloat16)})
    save("int8_tensor.pt", torch.tensor([1, 2, 3], dtype=torch.int8))
    buf = io.BytesIO()
    torch.jit.save(torch.jit.script(torch.nn.Linear(4, 2)), buf)
    out["torchscript.pt"] = buf.getvalue()
    out["tensor_pickled.pkl"] = pickle.dumps(torch.zeros(4), protocol=2)
    return out


def sklearn_files() -> Files:
    import joblib
    import numpy as np
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    rng = np.random.default_rng(0)
    x = rng.random((200, 4))
    y = (x[:, 0] > 0.5).astype(int)
    models = {
        "pipeline": make_pipeline(StandardScaler(), LogisticRegression()).fit(x, y),
        "forest": RandomForestClassifier(n_estimators=10).fit(x, y),
        "gboost": GradientBoostingClassifier(n_estimators=10).fit(x, y),
        "tfidf": TfidfVectorizer().fit(["alpha beta", "beta gamma", "gamma delta"]),
        "columns": ColumnTransformer(
            [("s", StandardScaler(), [0, 1]), ("o", OneHotEncoder(), [2])]
        ).fit(np.c_[x[:, :2], rng.integers(0, 3, 200)]),
    }
    out: Files = {}
    for name, model in models.items():
        out[f"{name}.pkl"] = pickle.dumps(model, protocol=4)
        for suffix, comp in (("", 0), ("_zlib", 3), ("_gzip", ("gzip", 3)), ("_lzma", ("lzma", 3))):
            buf = io.BytesIO()
            joblib.dump(model, buf, compress=comp)
            out[f"{name}{suffix}.joblib"] = buf.getvalue()
    return out


def data_files() -> Files:
    import cloudpickle
    import dill
    import numpy as np
    import pandas as pd

    df = pd.DataFrame(
        {
            "a": range(100),
            "b": [f"s{i}" for i in range(100)],
            "t": pd.date_range("2024-01-01", periods=100),
            "c": pd.Categorical(["x", "y"] * 50),
        }
    )
    npy, npz = io.BytesIO(), io.BytesIO()
    np.save(npy, np.arange(1000.0).reshape(10, 100))
    np.savez_compressed(npz, w=np.ones((20, 20)), b=np.zeros(20))
    return {
        "frame.pkl": pickle.dumps(df, protocol=5),
        "series_p2.pkl": pickle.dumps(df["a"], protocol=2),
        "arrays.npy": npy.getvalue(),
        "weights.npz": npz.getvalue(),
        "numpy_pickle_p2.pkl": pickle.dumps(np.random.default_rng(1).random(50), protocol=2),
        "dill_data.pkl": dill.dumps({"vocab": {"a": 1}, "sizes": [1, 2]}),
        "cloudpickle_data.pkl": cloudpickle.dumps({"weights": np.arange(5)}),
        "plain_p0.pkl": pickle.dumps({"lr": 0.1, "layers": [64, 32]}, protocol=0),
    }


def keras_files() -> Files:
    import h5py

    cfg = {
        "class_name": "Sequential",
        "config": {
            "name": "seq",
            "layers": [
                {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 4]}},
                {"class_name": "Dense", "config": {"name": "d", "units": 2, "activation": "relu"}},
            ],
        },
    }
    h5 = io.BytesIO()
    with h5py.File(h5, "w") as f:
        f.attrs["model_config"] = json.dumps(cfg)
        f.attrs["keras_version"] = "2.15.0"
        f.create_dataset("model_weights/d/kernel", data=[[1.0, 2.0]] * 4)
    v3 = {
        "module": "keras",
        "class_name": "Sequential",
        "config": {
            "name": "s",
            "layers": [
                {
                    "module": "keras.layers",
                    "class_name": "Dense",
                    "config": {"units": 2, "activation": "relu"},
                    "registered_name": None,
                }
            ],
        },
    }
    z = io.BytesIO()
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("metadata.json", json.dumps({"keras_version": "3.5.0"}))
        zf.writestr("config.json", json.dumps(v3))
        zf.writestr("model.weights.h5", h5.getvalue())
    return {"keras2.h5": h5.getvalue(), "model.keras": z.getvalue()}


def onnx_files() -> Files:
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper

    w = numpy_helper.from_array(np.ones((4, 4), dtype=np.float32), "w")
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4])
    g = helper.make_graph(
        [
            helper.make_node("MatMul", ["x", "w"], ["y"]),
            helper.make_node("Gelu", ["y"], ["z"], domain="com.microsoft"),
        ],
        "g",
        [x],
        [y],
        [w],
    )
    model = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)])
    return {"matmul.onnx": model.SerializeToString()}


LLAMA_TEMPLATE = (
    "{% set ns = namespace(system='') %}{% for message in messages %}"
    "{% if message['role'] == 'system' %}{% set ns.system = message['content'] %}"
    "{% else %}{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + "
    "message['content'] | trim + '<|eot_id|>' }}{% endif %}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>' }}"
    "{% endif %}"
)


def gguf_file(path: Path, mb: int) -> None:
    import gguf
    import numpy as np

    path.parent.mkdir(parents=True, exist_ok=True)
    w = gguf.GGUFWriter(str(path), "llama")
    w.add_chat_template(LLAMA_TEMPLATE)
    w.add_context_length(2048)
    per = max(1, mb) * (1 << 20) // 4 // 4
    for i in range(4):
        w.add_tensor(f"blk.{i}.weight", np.ones(per, dtype=np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


def archive_files(small: Files) -> Files:
    t = io.BytesIO()
    with tarfile.open(fileobj=t, mode="w:gz") as tf:
        for name in ("state_dict.pt", "pipeline.joblib"):
            info = tarfile.TarInfo(f"bundle/{name}")
            info.size = len(small[name])
            tf.addfile(info, io.BytesIO(small[name]))
    z = io.BytesIO()
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("models/model.keras", small["model.keras"])
        zf.writestr("models/README.md", "# model\n")
    return {"bundle.tar.gz": t.getvalue(), "bundle.zip": z.getvalue()}


def large_files(root: Path, mb: int) -> list[tuple[str, str]]:
    """Large benign files (several hundred MB each); returns (name, class)."""
    import joblib
    import numpy as np
    import torch
    from safetensors.torch import save_file

    n = mb * (1 << 20) // 4
    t = torch.ones(n, dtype=torch.float32)
    torch.save({"layer.weight": t.view(-1, 1024)}, root / "large_state_dict.pt")
    save_file({"layer.weight": t.view(-1, 1024)}, str(root / "large.safetensors"))
    arr = np.ones(n, dtype=np.float32)
    np.save(root / "large.npy", arr)
    with (root / "large_array.pkl").open("wb") as fh:
        pickle.dump({"w": arr}, fh, protocol=4)
    joblib.dump({"w": arr}, root / "large.joblib")
    gguf_file(root / "large.gguf", mb)
    return [
        (f"large_{k}", "large")
        for k in ("state_dict.pt", "safetensors", "npy", "array.pkl", "joblib", "gguf")
    ]


BENIGN: tuple[tuple[str, Callable[[], Files]], ...] = (
    ("pytorch", torch_files),
    ("scikit-learn", sklearn_files),
    ("data-libraries", data_files),
    ("keras", keras_files),
    ("onnx", onnx_files),
)
