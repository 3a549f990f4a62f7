"""Fuzzing the "pickle" group: pickle streams (all protocols), joblib wrappers, legacy
PyTorch sequences, built opcode by opcode and mutated (see ``_model_harness.py``)."""

from __future__ import annotations

import pickle
import struct

from hypothesis import strategies as st

from tests.fuzz._model_harness import CANARY, fuzz, pick, seed_files

NAMES = ["m.pkl", "m.joblib", "model.bin", "w.pt", "x.dat", "m.pickle"]
GLOBALS = [
    ("os", "system"),
    ("posix", "system"),
    ("builtins", "getattr"),
    ("builtins", "eval"),
    ("_codecs", "encode"),
    ("numpy", "dtype"),
    ("numpy.core.multiarray", "_reconstruct"),
    ("joblib.numpy_pickle", "NumpyArrayWrapper"),
    ("torch._utils", "_rebuild_tensor_v2"),
    ("collections", "OrderedDict"),
    ("pickle", "loads"),
    ("importlib", "import_module"),
    ("os.path.os.path", "system"),
    ("a", ".".join(["b"] * 300)),
]


def _u(text: str) -> bytes:
    raw = text.encode("utf-8", "surrogatepass")
    return b"X" + struct.pack("<I", len(raw)) + raw


SIMPLE_OPS = (
    b"(",
    b"]",
    b"}",
    b")",
    b"\x8f",
    b"N",
    b"\x88",
    b"\x89",
    b"R",
    b"b",
    b"t",
    b"l",
    b"d",
    b"a",
    b"e",
    b"s",
    b"u",
    b"\x85",
    b"\x86",
    b"\x87",
    b"\x94",
    b"2",
    b"0",
    b"1",
    b"\x93",
    b"\x81",
    b"\x92",
    b"o",
    b"\x90",
    b"\x91",
    b"Q",
    b"\x97",
    b"\x98",
    b".",
)
_op = st.one_of(
    st.sampled_from(SIMPLE_OPS),
    st.integers(-(1 << 31), (1 << 31) - 1).map(lambda n: b"J" + struct.pack("<i", n)),
    st.integers(0, 255).map(lambda n: b"K" + bytes([n])),
    st.integers(0, 255).map(lambda n: b"h" + bytes([n])),
    st.integers(0, 255).map(lambda n: b"q" + bytes([n])),
    st.binary(max_size=40).map(lambda b: b"\x8a" + bytes([len(b)]) + b),
    st.integers(0, 3000).map(lambda n: b"\x8b" + struct.pack("<i", n) + b"\x7f" * n),
    st.text(max_size=20).map(_u),
    st.sampled_from(["latin1", "utf-8", "\u0100", "<f8", "<f" + "9" * 5000, "O", "|V16"]).map(_u),
    st.sampled_from(GLOBALS).map(lambda mn: b"c" + mn[0].encode() + b"\n" + mn[1].encode() + b"\n"),
    st.sampled_from(GLOBALS).map(lambda mn: _u(mn[0]) + _u(mn[1]) + b"\x93"),
    st.binary(max_size=20).map(lambda b: b"B" + struct.pack("<I", len(b)) + b),
    st.integers(0, 64).map(lambda n: b"\x95" + struct.pack("<Q", n)),
    st.sampled_from(
        [b"I01\n", b"I" + b"9" * 5000 + b"\n", b"F1.5\n", b"S'a'\n", b"Vx\n", b"Pid\n"]
    ),
    st.integers(1, 20_000).map(lambda n: b"(" * n),
    st.integers(1, 5_000).map(lambda n: b"]\x94" * n),
)
programs = st.tuples(st.integers(0, 5), st.lists(_op, max_size=60)).map(
    lambda pl: (b"\x80" + bytes([pl[0]]) if pl[0] >= 2 else b"") + b"".join(pl[1]) + b"."
)


def _seeds() -> list[bytes]:
    values: list[object] = [
        {"w": [0.5, 1, "x", b"y", None, True], "n": list(range(40))},
        ("a", 1.5, frozenset({1, 2}), {3, 4}, bytearray(b"z")),
        [[i, str(i)] for i in range(30)],
        {"big": 1 << 100, "neg": -(1 << 70), "s": "é" * 10},
    ]
    out = [pickle.dumps(v, protocol=p) for v in values for p in range(6)]

    class Payload:
        def __reduce__(self) -> tuple[object, ...]:
            import os

            return (os.system, (f"touch {CANARY}",))

    out += [pickle.dumps(Payload(), protocol=p) for p in (0, 2, 4)]
    magic = pickle.dumps(0x1950A86A20F9469CFC6C, protocol=2)
    out.append(magic + pickle.dumps(1001, 2) + pickle.dumps({}, 2) + out[0] + out[1])
    return out


files = st.one_of(
    st.tuples(st.sampled_from(NAMES), pick(_seeds())),
    st.tuples(st.sampled_from(NAMES), programs),
    pick(seed_files("pickle") or [("m.pkl", b"N.")]),
)


def test_fuzz_model_pickle() -> None:
    assert fuzz("pickle", files) > 0
    assert not CANARY.exists()
