"""The layout of an array that joblib writes inline after its ``NumpyArrayWrapper``.

joblib's unpickler reads the array bytes straight from the file after the wrapper's ``BUILD``
opcode: ``prod(shape) * itemsize`` bytes (after one padding-length byte and the padding when
the wrapper records an alignment), or, for arrays of Python objects, a whole pickle stream.
The scanner must skip exactly those bytes to stay in step with the loader.
"""

from __future__ import annotations

import re

from secplan.modelfile.buffer import Buffer
from secplan.modelfile.pickle.ops import Malformed
from secplan.modelfile.pickle.values import Call, Coll, Lit, Ref

_SIZED = re.compile(r"[<>|=]?([biufcmMSUVO?])(\d{0,15})")  # NumPy's sizes fit 15 digits
_CHAR_SIZES = {
    "?": 1, "b": 1, "B": 1, "h": 2, "H": 2, "i": 4, "I": 4, "l": 8, "L": 8, "q": 8, "Q": 8,
    "e": 2, "f": 4, "d": 8, "g": 16, "F": 8, "D": 16, "G": 32, "p": 8, "P": 8,
}  # fmt: skip
MAX_COUNT = 1 << 48


def _items(v: object, kind: str) -> list[object] | None:
    return v.items if isinstance(v, Coll) and v.kind == kind else None


def _dict_get(state: object, key: str) -> object:
    items = _items(state, "dict") or []
    for i in range(0, len(items) - 1, 2):
        k = items[i]
        if isinstance(k, Lit) and k.value == key:
            return items[i + 1]
    return None


def dtype_info(dtype: object) -> tuple[int, bool] | None:
    """``(itemsize, has_object)`` of a pickled ``numpy.dtype(...)`` call, or None."""
    if not isinstance(dtype, Call) or not isinstance(dtype.func, Ref) or not dtype.args:
        return None
    if not dtype.func.full.endswith("dtype"):
        return None
    descr = dtype.args[0]
    if not isinstance(descr, Lit) or not isinstance(descr.value, str):
        return None
    text = descr.value
    if text in _CHAR_SIZES:
        return _CHAR_SIZES[text], False
    m = _SIZED.fullmatch(text)
    if m is None:
        return None
    kind, digits = m.group(1), m.group(2)
    if kind == "O":
        return 8, True
    state = _items(dtype.state, "tuple") or []
    if kind == "V":
        return _void(state, int(digits) if digits else 0)
    if not digits:
        return (_CHAR_SIZES.get(kind, 0), False) if kind in _CHAR_SIZES else None
    size = int(digits) * (4 if kind == "U" else 1)
    return size, False


def _void(state: list[object], declared: int) -> tuple[int, bool] | None:
    size = declared
    elsize = state[5] if len(state) > 5 else None
    if isinstance(elsize, Lit) and isinstance(elsize.value, int) and elsize.value > 0:
        size = elsize.value
    has_object = False
    if len(state) > 4:
        fields = _items(state[4], "dict") or []
        for i in range(1, len(fields), 2):
            entry = _items(fields[i], "tuple") or []
            info = dtype_info(entry[0]) if entry else None
            if info is None:
                return None
            has_object |= info[1]
    return (size, has_object) if size > 0 else None


def array_layout(state: object) -> tuple[int, bool, bool] | None:
    """``(data bytes, has_object, aligned)`` of a ``NumpyArrayWrapper`` state, or None."""
    shape = _items(_dict_get(state, "shape"), "tuple")
    info = dtype_info(_dict_get(state, "dtype"))
    if shape is None or info is None:
        return None
    count = 1
    for dim in shape:
        if not isinstance(dim, Lit) or not isinstance(dim.value, int) or dim.value < 0:
            return None
        count *= dim.value
        if count > MAX_COUNT:
            return None
    align = _dict_get(state, "numpy_array_alignment_bytes")
    aligned = isinstance(align, Lit) and isinstance(align.value, int) and align.value > 0
    itemsize, has_object = info
    return count * itemsize, has_object, aligned


def inline_length(buf: Buffer, raw: int, end: int, size: int, aligned: bool) -> int:
    """Bytes joblib reads at ``raw`` for an array of ``size`` data bytes: one padding-length
    byte and the padding first, when the wrapper records an alignment."""
    pad = 0
    if aligned:
        if raw >= end:
            raise Malformed(raw, "truncated joblib array padding")
        pad = 1 + buf[raw]
    return pad + size
