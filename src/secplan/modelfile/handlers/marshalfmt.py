"""Python ``marshal`` data (snownlp's models, caches of dicts and lists).

``marshal.loads`` builds values and runs nothing, but the format can carry code objects that
the application may then run; secplan never unmarshals it. The data is walked value by value
(:mod:`secplan.modelfile.readers.marshalwalk`): plain data passes, a code object is reported
as not verified (secplan does not analyse bytecode), data that is not well formed or that
another value follows is malformed.
"""

from __future__ import annotations

import mmap

from secplan.modelfile.buffer import Buffer
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.readers.marshalwalk import MarshalError, walk
from secplan.modelfile.registry import register
from secplan.modelfile.rules import MALFORMED, NOT_VERIFIED

#: Largest marshal content copied when it is not already one contiguous buffer.
MAX_COPY = 256 << 20


@register("marshal", limits=("max_ops",))
def handle(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    if isinstance(buf, bytes | mmap.mmap):
        data: bytes | memoryview = memoryview(buf)
    elif size <= MAX_COPY:
        data = bytes(buf[:size])
    else:
        ctx.sink.add(NOT_VERIFIED, where, f"marshal data of {size:,} bytes inside an archive")
        return
    try:
        end, code = walk(data, 0, size, ctx.limits.max_ops)
    except MarshalError as exc:
        ctx.sink.add(MALFORMED, where, f"marshal data is malformed: {exc}")
        return
    finally:
        if isinstance(data, memoryview):
            data.release()
    if code is not None:
        ctx.sink.add(
            NOT_VERIFIED,
            where,
            "marshal data holds a Python code object, which the application may run; "
            "secplan does not analyse bytecode",
            offset=code,
        )
    elif end < size:
        ctx.sink.add(
            MALFORMED,
            where,
            f"{size - end:,} bytes follow the marshal value",
            offset=end,
            evidence="marshal.loads ignores them",
        )
