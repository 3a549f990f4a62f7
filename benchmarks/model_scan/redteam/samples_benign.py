"""Benign counterparts: clean files of the same formats, written by the libraries
themselves, so the corpus measures false positives too."""

from __future__ import annotations

import json
import os
import pickle
import zipfile
from pathlib import Path

from registry import Canary, benign


@benign("pickle-plain-p2", "pickle-os-system")
def _p2(out: Path, c: Canary) -> None:
    out.write_bytes(pickle.dumps({"lr": 0.01, "layers": [64, 32], "name": "mlp"}, protocol=2))


@benign("pickle-plain-p0", "pickle-python2-names")
def _p0(out: Path, c: Canary) -> None:
    out.write_bytes(pickle.dumps([1, 2.5, "a", (3, 4), {"k": None}], protocol=0))


@benign("pickle-collections-p5", "pickle-builtins-exec")
def _p5(out: Path, c: Canary) -> None:
    import collections
    import datetime

    obj = {"od": collections.OrderedDict(a=1), "when": datetime.date(2024, 1, 2), "s": {1, 2}}
    out.write_bytes(pickle.dumps(obj, protocol=5))


@benign("sklearn-pickle", "pickle-subprocess")
def _sk(out: Path, c: Canary) -> None:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    m = LogisticRegression().fit(np.array([[0.0], [1.0], [2.0], [3.0]]), [0, 0, 1, 1])
    out.write_bytes(pickle.dumps(m))


@benign("torch-state-dict", "pytorch-zip-pickle", loader="torch", name="pytorch_model.bin")
def _torch(out: Path, c: Canary) -> None:
    import torch

    torch.save(torch.nn.Linear(4, 2).state_dict(), out)


@benign("torch-checkpoint-optimizer", "pytorch-zip-pickle", loader="torch", name="last.ckpt")
def _ckpt(out: Path, c: Canary) -> None:
    import torch

    m = torch.nn.Linear(4, 2)
    opt = torch.optim.Adam(m.parameters())
    torch.save({"epoch": 3, "model": m.state_dict(), "optim": opt.state_dict()}, out)


@benign("torch-legacy-format", "pytorch-legacy-streams", loader="torch", name="model.pt")
def _legacy(out: Path, c: Canary) -> None:
    import torch

    torch.save(torch.nn.Linear(3, 3).state_dict(), out, _use_new_zipfile_serialization=False)


@benign("torchscript-clean", "torchscript-code-exec", loader="torch_jit", name="model.pt")
def _ts(out: Path, c: Canary) -> None:
    import torch

    torch.jit.save(
        torch.jit.script(torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ReLU())), str(out)
    )


@benign("torch-package-clean", "torch-package-code", loader="torch_package", name="model.pt")
def _pkg(out: Path, c: Canary) -> None:
    from torch.package import PackageExporter

    with PackageExporter(str(out)) as exp:
        exp.save_pickle("model", "model.pkl", {"weights": [0.1, 0.2], "classes": ["a", "b"]})


@benign("npy-float", "numpy-allow-pickle", loader="numpy", name="embeddings.npy")
def _npy(out: Path, c: Canary) -> None:
    import numpy as np

    np.save(out, np.arange(12, dtype=np.float32).reshape(3, 4))


@benign("npz-structured", "numpy-dtype-hides-object", loader="numpy", name="table.npz")
def _npz(out: Path, c: Canary) -> None:
    import numpy as np

    rec = np.zeros(3, dtype=[("id", "<i8"), ("score", "<f4"), ("vec", "<f4", (2,))])
    np.savez_compressed(out, rec=rec, w=np.ones(5))


@benign("joblib-sklearn", "joblib-pickle", loader="joblib", name="model.joblib")
def _joblib(out: Path, c: Canary) -> None:
    import joblib
    import numpy as np
    from sklearn.ensemble import RandomForestClassifier

    m = RandomForestClassifier(n_estimators=3, random_state=0).fit(np.eye(4), [0, 1, 0, 1])
    joblib.dump(m, out)


@benign("joblib-compressed", "joblib-compressed", loader="joblib", name="model.joblib.z")
def _joblib_z(out: Path, c: Canary) -> None:
    import joblib
    import numpy as np
    from sklearn.preprocessing import StandardScaler

    joblib.dump(StandardScaler().fit(np.eye(3)), out, compress=("zlib", 3))


@benign(
    "keras-dense",
    "cve-2025-1550-keras-module",
    loader="keras",
    env="keras38",
    gen="keras38",
    name="model.keras",
)
def _keras(out: Path, c: Canary) -> None:
    os.environ.setdefault("KERAS_BACKEND", "torch")
    import keras

    inp = keras.Input(shape=(4,))
    keras.Model(inp, keras.layers.Dense(2, activation="relu")(inp)).save(out)


@benign(
    "keras-h5-dense",
    "cve-2025-9905-keras-h5",
    loader="keras",
    env="keras311",
    gen="keras311",
    name="model.h5",
)
def _keras_h5(out: Path, c: Canary) -> None:
    os.environ.setdefault("KERAS_BACKEND", "torch")
    import keras

    inp = keras.Input(shape=(4,))
    keras.Model(inp, keras.layers.Dense(2)(inp)).save(out)


@benign(
    "onnx-internal",
    "cve-2024-27318-onnx-traversal",
    loader="onnx",
    env="onnx115",
    name="model.onnx",
)
def _onnx(out: Path, c: Canary) -> None:
    import onnx

    onnx.save(_onnx_add(2), out)


def _onnx_add(n: int):  # type: ignore[no-untyped-def]
    """y = x + w for n x n float tensors, w stored as an initializer."""
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper

    w = numpy_helper.from_array(np.ones((n, n), dtype=np.float32), "w")
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [n, n])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [n, n])
    g = helper.make_graph([helper.make_node("Add", ["x", "w"], ["y"])], "g", [x], [y], [w])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    return m


@benign("onnx-external-same-dir", "onnx-external-symlink", loader="onnx", name="model")
def _onnx_ext(out: Path, c: Canary) -> None:
    import onnx

    out.mkdir()
    model = _onnx_add(64)
    onnx.save(
        model,
        out / "model.onnx",
        save_as_external_data=True,
        location="weights.bin",
        size_threshold=0,
    )


CHATML = (
    "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content']"
    " + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}"
    "{{ '<|im_start|>assistant\\n' }}{% endif %}"
)


@benign("gguf-chatml", "cve-2024-34359-gguf-ssti", loader="gguf_jinja", name="model.gguf")
def _gguf(out: Path, c: Canary) -> None:
    import gguf
    import numpy as np

    w = gguf.GGUFWriter(str(out), "llama")
    w.add_chat_template(CHATML)
    w.add_tensor("token_embd.weight", np.zeros((4, 4), dtype=np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


@benign(
    "tokenizer-config-chatml",
    "chat-template-ssti-tokenizer-config",
    loader="hf_jinja",
    name="tokenizer_config.json",
)
def _tok(out: Path, c: Canary) -> None:
    out.write_text(json.dumps({"chat_template": CHATML, "eos_token": "<|im_end|>"}))


@benign(
    "safetensors-metadata",
    "unit42-safetensors-hydra",
    loader="hydra_safetensors",
    env="hydra132",
    name="model.safetensors",
)
def _st(out: Path, c: Canary) -> None:
    import numpy as np
    from safetensors.numpy import save_file

    cfg = {"_target_": "collections.OrderedDict", "hidden": 64}
    save_file(
        {"w": np.zeros((2, 2), dtype=np.float32)},
        str(out),
        metadata={"format": "pt", "config": json.dumps(cfg)},
    )


@benign(
    "nemo-config",
    "cve-2025-23304-nemo-hydra",
    loader="hydra_nemo",
    env="hydra132",
    name="model.nemo",
)
def _nemo(out: Path, c: Canary) -> None:
    from samples_configs import _nemo as write

    write(out, "_target_: collections.OrderedDict\nsample_rate: 16000\nlabels: [a, b, c]\n")


@benign("hf-folder-no-remote-code", "hf-auto-map-remote-code", loader="hf_config", name="model")
def _hf(out: Path, c: Canary) -> None:
    out.mkdir()
    cfg = {
        "model_type": "bert",
        "hidden_size": 32,
        "num_attention_heads": 2,
        "num_hidden_layers": 1,
    }
    (out / "config.json").write_text(json.dumps(cfg))


@benign("zip-plain-archive", "zip-parser-differential", loader="torch", name="model.pt")
def _zip(out: Path, c: Canary) -> None:
    import torch

    torch.save({"w": torch.ones(3)}, out)
    with zipfile.ZipFile(out) as z:
        assert any(n.endswith("data.pkl") for n in z.namelist())


@benign("sevenzip-state", "nullifai-7z", loader="sevenzip_pickle", name="model.7z")
def _7z(out: Path, c: Canary) -> None:
    import py7zr

    with py7zr.SevenZipFile(out, "w") as z:
        z.writestr(pickle.dumps({"w": [0.5, 0.25]}, protocol=2), "archive/data.pkl")
