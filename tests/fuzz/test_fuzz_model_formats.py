"""Fuzzing the "model-formats" group: safetensors, GGUF, ONNX, NumPy .npy, Keras (.keras and
raw .h5 configurations) and TensorFlow SavedModel, built from generated fields and mutated
(see ``_model_harness.py``)."""

from __future__ import annotations

import io
import json
import struct
import zipfile

from hypothesis import strategies as st

from tests.fuzz._model_harness import CANARY, fuzz, pick, seed_files
from tests.unit.modelfile.build import pb

ints = st.one_of(st.integers(-2, 64), st.integers(-(1 << 63), (1 << 64) - 1))
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), ints, st.text(max_size=12)),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@st.composite
def safetensors(draw: st.DrawFn) -> tuple[str, bytes]:
    header: dict[str, object] = {}
    for i in range(draw(st.integers(0, 4))):
        header[f"t{i}"] = {
            "dtype": draw(st.sampled_from(["F32", "F16", "BF16", "I64", "U8", "BOOL", "X"])),
            "shape": draw(st.lists(ints, max_size=4)),
            "data_offsets": draw(st.lists(ints, min_size=2, max_size=3)),
        }
    if draw(st.booleans()):
        header["__metadata__"] = draw(json_values)
    raw = json.dumps(header).encode()
    return "m.safetensors", struct.pack("<Q", len(raw)) + raw + b"\x00" * draw(st.integers(0, 64))


@st.composite
def gguf(draw: st.DrawFn) -> tuple[str, bytes]:
    def s(text: str) -> bytes:
        data = text.encode("utf-8", "surrogatepass")
        return struct.pack("<Q", len(data)) + data

    kv = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["tokenizer.chat_template", "general.name", "x.y", ""]),
                st.sampled_from([4, 5, 6, 7, 8, 9, 10, 12, 99]),
                st.text(max_size=40) | st.just("{{ ''.__class__.__mro__[1].__subclasses__() }}"),
            ),
            max_size=5,
        )
    )
    body = b""
    for key, vtype, value in kv:
        body += s(key) + struct.pack("<I", vtype)
        if vtype == 8:
            body += s(value)
        elif vtype == 9:
            body += struct.pack("<IQ", 8, 2) + s(value) + s(value[::-1])
        else:
            body += struct.pack("<Q", len(value))
    version = draw(st.sampled_from([1, 2, 3, 4]))
    return "m.gguf", b"GGUF" + struct.pack("<IQQ", version, draw(ints) % (1 << 64), len(kv)) + body


OPS = ["Conv", "Relu", "com.microsoft.Custom", "PyOp", "Loop", "If", "Scan"]


@st.composite
def onnx(draw: st.DrawFn) -> tuple[str, bytes]:
    nodes = b""
    for op in draw(st.lists(st.sampled_from(OPS), max_size=5)):
        attr = pb(1, b"body") + pb(6, pb(1, pb(4, op.encode())))  # a graph attribute
        nodes += pb(
            1,
            pb(4, op.encode())
            + pb(7, draw(st.sampled_from([b"", b"ai.onnx", b"x"])))
            + pb(5, attr),
        )
    graph = nodes + pb(2, b"g")
    model = pb(1, draw(st.integers(0, 12))) + pb(8, pb(1, b"") + pb(2, 13)) + pb(7, graph)
    return "m.onnx", model


@st.composite
def npy(draw: st.DrawFn) -> tuple[str, bytes]:
    descr = draw(st.sampled_from(["<f8", "|O", "<U5", "[('a', '<i4'), ('o', '|O')]", "x" * 300]))
    shape = draw(st.lists(st.integers(-1, 1 << 40), max_size=3))
    head = f"{{'descr': {descr!r}, 'fortran_order': False, 'shape': {tuple(shape)!r}, }}"
    if draw(st.booleans()):
        head = head.replace("'descr': ", "'descr': " + descr)
    raw = head.encode()
    major = draw(st.sampled_from([1, 2, 3]))
    size = struct.pack("<H", len(raw)) if major == 1 else struct.pack("<I", len(raw))
    return "w.npy", b"\x93NUMPY" + bytes([major, 0]) + size + raw + b"\x00" * draw(
        st.integers(0, 64)
    )


layer = st.fixed_dictionaries(
    {
        "class_name": st.sampled_from(["Dense", "Lambda", "TFOpLambda", "Custom>X", "function"]),
        "config": st.one_of(
            st.fixed_dictionaries({"name": st.text(max_size=5), "function": st.just(["YWJj"])}),
            st.text(max_size=10),
        ),
        "module": st.sampled_from(["keras.layers", "os", "builtins", "mymod"]),
    }
)


@st.composite
def keras(draw: st.DrawFn) -> tuple[str, bytes]:
    config = {"class_name": "Functional", "config": {"layers": draw(st.lists(layer, max_size=4))}}
    text = json.dumps(config).encode()
    if draw(st.booleans()):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr("config.json", text)
            zf.writestr("metadata.json", b"{}")
            zf.writestr("model.weights.h5", b"")
        return "m.keras", buf.getvalue()
    return "m.h5", b"\x89HDF\r\n\x1a\n" + b"\x00" * 56 + text * draw(st.integers(1, 3))


@st.composite
def savedmodel(draw: st.DrawFn) -> tuple[str, bytes]:
    ops = draw(
        st.lists(
            st.sampled_from(["PyFunc", "ReadFile", "WriteFile", "MatMul", "Const"]), max_size=5
        )
    )
    nodes = b"".join(pb(1, pb(1, b"n") + pb(2, op.encode())) for op in ops)
    fn = pb(1, pb(1, pb(1, b"f")) + pb(3, pb(1, b"m") + pb(2, b"PyFunc")))
    graph = pb(2, nodes + pb(2, fn))
    return "saved_model.pb", pb(2, graph)


files = st.one_of(
    safetensors(),
    gguf(),
    onnx(),
    npy(),
    keras(),
    savedmodel(),
    pick(seed_files("model-formats") or [("m.gguf", b"GGUF")]),
)


def test_fuzz_model_formats() -> None:
    assert fuzz("model-formats", files) > 0
    assert not CANARY.exists()
