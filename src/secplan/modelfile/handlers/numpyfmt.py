"""NumPy ``.npy`` files (``.npz`` archives are zips of them).

The header is a Python literal, read with :func:`ast.literal_eval` (as NumPy does, and for
format versions 1 and 2 again without Python 2's ``L`` suffixes when that fails). An array
of Python objects is stored as a pickle right after the header, which
``numpy.load(allow_pickle=True)`` unpickles: that pickle is analysed like any other.
"""

from __future__ import annotations

import ast
import io
import math
import re
import struct
import tokenize

from secplan.modelfile.buffer import Buffer
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.pickle.streams import analyze_pickle
from secplan.modelfile.registry import register
from secplan.modelfile.rules import MALFORMED, NOT_VERIFIED

MAX_HEADER = 1 << 20
_SHAPE = re.compile(r"\([^()]*\)")  # a subarray shape in a type string, '(2,3)O'

_SIZES = {"b": 1, "?": 1, "i": 0, "u": 0, "f": 0, "c": 0, "S": 0, "U": 0, "V": 0, "M": 0, "m": 0}


def parse_header(buf: Buffer, size: int) -> tuple[dict[str, object], int]:
    """The header dict and the offset of the data; raises ValueError when malformed."""
    if size < 10:
        raise ValueError("file shorter than a .npy header")
    major = buf[6]
    if major == 1:
        (hlen,) = struct.unpack("<H", bytes(buf[8:10]))
        start = 10
    elif major in (2, 3):
        (hlen,) = struct.unpack("<I", bytes(buf[8:12]))
        start = 12
    else:
        raise ValueError(f"unknown .npy format version {major}")
    if hlen > MAX_HEADER or start + hlen > size:
        raise ValueError(f"header of {hlen} bytes does not fit")
    raw = bytes(buf[start : start + hlen])
    text = raw.decode("utf-8" if major == 3 else "latin-1", "replace")
    try:
        header = _literal(text)
    except SyntaxError:
        if major == 3:
            raise ValueError("header is not a Python literal (SyntaxError)") from None
        try:
            header = _literal(_filter_header(text))  # written by Python 2: (2L,)
        except SyntaxError:
            raise ValueError("header is not a Python literal (SyntaxError)") from None
    if not isinstance(header, dict) or not {"descr", "shape"} <= set(header):
        raise ValueError("header lacks descr or shape")
    return header, start + hlen


def _literal(text: str) -> object:
    """``ast.literal_eval`` of a header; SyntaxError passes, so the caller can retry."""
    try:
        return ast.literal_eval(text)
    except SyntaxError:
        raise
    except (ValueError, MemoryError, RecursionError) as exc:
        raise ValueError(f"header is not a Python literal ({type(exc).__name__})") from None


def _filter_header(text: str) -> str:
    """The header without the ``L`` suffix Python 2 wrote after long integers, as NumPy's
    reader removes it for format versions 1 and 2 (``numpy.lib.format._filter_header``)."""
    out: list[tokenize.TokenInfo] = []
    after_number = False
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if not (after_number and token.type == tokenize.NAME and token.string == "L"):
                out.append(token)
            after_number = token.type == tokenize.NUMBER
        return tokenize.untokenize(out)
    except (tokenize.TokenError, SyntaxError, ValueError) as exc:
        raise ValueError(f"header is not a Python literal ({type(exc).__name__})") from None


def _has_object(descr: object, depth: int = 0) -> bool:
    """Whether ``numpy.lib.format.descr_to_dtype(descr)`` has objects anywhere: a type
    string (``numpy.dtype`` also reads ``'object'`` and comma-separated fields such as
    ``'i4,(2,)O'``), a ``(type, shape)`` tuple, or structured fields nested to any depth.
    Anything else numpy refuses."""
    if depth > 32:
        return True
    if isinstance(descr, str):
        return any(_object_code(part) for part in _SHAPE.sub("", descr[:4096]).split(","))
    if isinstance(descr, tuple):  # (type, shape): a subarray of the type
        return len(descr) >= 2 and _has_object(descr[0], depth + 1)
    if isinstance(descr, list):  # structured: (name, dtype[, shape]) per field; names don't count
        return any(
            _has_object(f[1], depth + 1) if isinstance(f, tuple) and len(f) in (2, 3) else True
            for f in descr
        )
    return False


def _object_code(part: str) -> bool:
    code = part.strip().lstrip("<>|=")
    return code.startswith("O") or code.lower().startswith("object")


def _itemsize(descr: object) -> int | None:
    if not isinstance(descr, str) or len(descr) < 2:
        return None
    kind, digits = descr.lstrip("<>|=")[:1], descr.lstrip("<>|=")[1:]
    if kind not in _SIZES or not digits.isdigit():
        return None
    return int(digits) * (4 if kind == "U" else 1)


@register("npy", limits=("max_ops", "max_stack", "max_nesting"))
def handle(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    try:
        header, data = parse_header(buf, size)
    except ValueError as exc:
        ctx.sink.add(MALFORMED, where, f".npy header is malformed: {exc}")
        return
    descr, shape = header.get("descr"), header.get("shape")
    if _has_object(descr):
        analyze_pickle(buf, data, size, where, ctx, trailing_ok=False)
        return
    item = _itemsize(descr)
    if item is None or not isinstance(shape, tuple) or not all(isinstance(d, int) for d in shape):
        if not isinstance(descr, list):
            ctx.sink.add(NOT_VERIFIED, where, f".npy dtype {descr!r} not understood")
        return
    expected = math.prod(shape) * item
    if data + expected > size:
        ctx.sink.add(
            MALFORMED,
            where,
            ".npy file is shorter than its header says",
            evidence=f"{expected:,} data bytes declared, {size - data:,} present",
        )
    elif data + expected < size:
        ctx.sink.add(
            MALFORMED,
            where,
            f"{size - data - expected:,} bytes follow the array data",
            offset=data + expected,
            evidence="numpy.load ignores them; they may carry a payload for another loader",
        )
