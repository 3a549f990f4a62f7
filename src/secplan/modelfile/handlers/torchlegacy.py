"""Members of PyTorch's legacy tar checkpoints (``storages`` and ``tensors``).

Both interleave pickle streams with raw data: ``storages`` holds a count, then for each
storage a pickled ``(key, location, storage_type)`` followed by an 8-byte element count and
the elements; ``tensors`` holds a count, then for each tensor a pickled triple followed by
``ndim``, 4 bytes, ``ndim`` sizes, ``ndim`` strides and an offset (all little-endian).
Every pickle stream is analysed; the raw data is skipped by its length.
"""

from __future__ import annotations

import struct

from secplan.modelfile.buffer import Buffer
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.pickle.streams import report_stream
from secplan.modelfile.pickle.vm import Coll, Lit, Machine, Ref
from secplan.modelfile.rules import NOT_VERIFIED

_ELEMENT = {
    "Double": 8,
    "Float": 4,
    "Half": 2,
    "BFloat16": 2,
    "Long": 8,
    "Int": 4,
    "Short": 2,
    "Char": 1,
    "Byte": 1,
    "Bool": 1,
    "ComplexFloat": 8,
    "ComplexDouble": 16,
    "Untyped": 1,
}


def _element_size(args: object) -> int | None:
    if not isinstance(args, Coll) or len(args.items) < 3 or not isinstance(args.items[2], Ref):
        return None
    name = args.items[2].name.rsplit(".", 1)[-1]
    return _ELEMENT.get(name.removesuffix("Storage"))


def analyze_legacy_member(name: str, data: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    pos, end = 0, size
    first = Machine(data, pos, end, ctx.policy, ctx.budget).run()
    report_stream(data, first, where, ctx)
    if (
        first.end is None
        or not isinstance(first.value, Lit)
        or not isinstance(first.value.value, int)
    ):
        ctx.sink.add(NOT_VERIFIED, where, f"legacy PyTorch {name!r} member has no count")
        return
    pos = first.end
    for _ in range(min(first.value.value, ctx.limits.max_streams * 1024)):
        r = Machine(data, pos, end, ctx.policy, ctx.budget).run()
        report_stream(data, r, where, ctx)
        if r.end is None:
            ctx.sink.add(NOT_VERIFIED, where, f"legacy PyTorch {name!r} member breaks off")
            return
        pos = r.end
        try:
            pos = _skip(name, data, size, pos, r.value)
        except (struct.error, ValueError):
            ctx.sink.add(NOT_VERIFIED, where, f"legacy PyTorch {name!r} data cannot be followed")
            return


def _skip(name: str, data: Buffer, end: int, pos: int, args: object) -> int:
    if name == "storages":
        size = _element_size(args)
        if size is None:
            raise ValueError("unknown storage type")
        (count,) = struct.unpack("<q", data[pos : pos + 8])
        pos += 8 + count * size
    else:
        (ndim,) = struct.unpack("<i", data[pos : pos + 4])
        pos += 8 + 16 * ndim + 8
    if pos > end or pos < 0:
        raise ValueError("past the end")
    return pos
