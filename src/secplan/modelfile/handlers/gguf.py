"""GGUF files: header, metadata (chat templates among it) and tensor extents.

All counts and lengths are checked against the file size before anything is read, so a
header that claims billions of entries costs nothing.
"""

from __future__ import annotations

import mmap
import re
import struct
from collections.abc import Callable
from functools import cache

from secplan.model import Severity
from secplan.modelfile.buffer import Buffer
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.limits import LimitExceeded
from secplan.modelfile.registry import register
from secplan.modelfile.rules import GGUF_TEMPLATE, MALFORMED, NOT_VERIFIED

_SCALARS = {
    0: "<B",
    1: "<b",
    2: "<H",
    3: "<h",
    4: "<I",
    5: "<i",
    6: "<f",
    7: "<?",
    10: "<Q",
    11: "<q",
    12: "<d",
}
# ggml type -> (block size, bytes per block)
_GGML = {
    0: (1, 4),
    1: (1, 2),
    2: (32, 18),
    3: (32, 20),
    6: (32, 22),
    7: (32, 24),
    8: (32, 34),
    9: (32, 36),
    10: (256, 84),
    11: (256, 110),
    12: (256, 144),
    13: (256, 176),
    14: (256, 210),
    15: (256, 292),
    16: (256, 66),
    17: (256, 74),
    18: (256, 98),
    19: (256, 50),
    20: (32, 18),
    21: (256, 110),
    22: (256, 82),
    23: (256, 136),
    24: (1, 1),
    25: (1, 2),
    26: (1, 4),
    27: (1, 8),
    28: (1, 8),
    29: (256, 56),
    30: (1, 2),
    34: (256, 54),
    35: (256, 66),
    39: (32, 17),
}


#: Strings of an array stepped over between two charges to the budget.
_TICK_BLOCK = 4096
#: Strings stepped over at a time by a regular expression (C speed): each of at most
#: _SHORT bytes, its length spelled out, so that the expression matches exactly the bytes the
#: loop over lengths steps over, and only inside the buffer.
_RUN = 64
_SHORT = 31


@cache
def _short_strings(width: int) -> Callable[[Buffer, int, int], re.Match[bytes] | None]:
    """The matcher of :data:`_RUN` strings of at most :data:`_SHORT` bytes whose lengths take
    ``width`` bytes. Each alternative starts with its own first byte, and strings read one way
    only, so the repeat is possessive."""
    one = b"|".join(
        re.escape(n.to_bytes(width, "little")) + (b".{%d}" % n if n else b"")
        for n in range(_SHORT + 1)
    )
    return re.compile(b"(?:%s){%d}+" % (one, _RUN), re.DOTALL).match  # type: ignore[return-value]


class GGUFError(Exception):
    pass


class _Reader:
    def __init__(self, buf: Buffer, size: int, ctx: Ctx, version: int) -> None:
        self.buf, self.size, self.pos, self.ctx = buf, size, 0, ctx
        self.wide = version >= 2

    def take(self, fmt: str) -> int | float | bool:
        n = struct.calcsize(fmt)
        if self.pos + n > self.size:
            raise GGUFError(f"truncated at byte {self.pos}")
        raw = bytes(self.buf[self.pos : self.pos + n])
        self.pos += n
        value: int | float | bool = struct.unpack(fmt, raw)[0]
        return value

    def count(self) -> int:
        return int(self.take("<Q" if self.wide else "<I"))

    def string(self, keep: int) -> str:
        n = self.count()
        if n > self.size - self.pos:
            raise GGUFError(f"string of {n:,} bytes runs past the end of the file")
        if n > self.ctx.limits.max_header_bytes:
            raise LimitExceeded(f"metadata string of {n:,} bytes")
        raw = bytes(self.buf[self.pos : self.pos + min(n, keep)])
        self.pos += n
        return raw.decode("utf-8", "replace")

    def skip_strings(self, n: int) -> None:
        """Step over an array of ``n`` strings (a tokenizer's vocabulary: up to millions of
        them) by their lengths, with the checks :meth:`string` makes on each and the same
        budget: one tick per string, charged in blocks (and before any error is raised).

        A block is first stepped over with no check inside it: lengths never go back, so a
        block that ends inside the file, no further from its start than the longest string
        allowed, held no string that a check refuses. Any other block is stepped over again
        string by string, for the error and the offset it gives."""
        buf, size = self.buf, self.size
        width = 8 if self.wide else 4
        most = self.ctx.limits.max_header_bytes
        tick = self.ctx.budget.tick
        direct = isinstance(buf, bytes | mmap.mmap)  # read in place, not through a slice
        unpack_from = struct.Struct("<Q" if self.wide else "<I").unpack_from
        run = _short_strings(width)
        pos, done, charged = self.pos, 0, 0
        try:
            while done < n:
                stop = min(n, done + _TICK_BLOCK)
                if direct:
                    at, left = pos, stop - done
                    try:
                        while left:
                            if left >= _RUN and (m := run(buf, at, size)) is not None:
                                at, left = m.end(), left - _RUN
                                continue
                            k = min(left, _RUN)  # a long string among them: one at a time
                            for _ in range(k):
                                at += width + unpack_from(buf, at)[0]  # type: ignore[arg-type]
                            left -= k
                    except struct.error:  # read past the buffer: checked below
                        at = size + 1
                    if at <= size and at - pos <= most:
                        pos, done = at, stop
                while done < stop:
                    if pos + width > size:
                        raise GGUFError(f"truncated at byte {pos}")
                    length = (
                        unpack_from(buf, pos)[0]  # type: ignore[arg-type]
                        if direct
                        else int.from_bytes(buf[pos : pos + width], "little")
                    )
                    pos += width
                    if length > size - pos:
                        raise GGUFError(f"string of {length:,} bytes runs past the end of the file")
                    if length > most:
                        raise LimitExceeded(f"metadata string of {length:,} bytes")
                    pos += length
                    done += 1
                step, charged = done - charged, done
                tick(step)
        except (GGUFError, LimitExceeded):
            self.pos = pos
            if done > charged:
                tick(done - charged)  # a limit reached before the error comes first
            raise
        self.pos = pos

    def value(self, vtype: int, keep: int, depth: int = 0) -> object:
        if vtype in _SCALARS:
            return self.take(_SCALARS[vtype])
        if vtype == 8:
            return self.string(keep)
        if vtype == 9 and depth < 4:
            itype, n = int(self.take("<I")), self.count()
            if n > self.size - self.pos:
                raise GGUFError(f"array of {n:,} items runs past the end of the file")
            if itype in _SCALARS:
                self.pos += n * struct.calcsize(_SCALARS[itype])
                return None
            if itype == 8:
                self.skip_strings(n)
                return None  # no check reads an array's strings (a vocabulary)
            items: list[object] = []
            for _ in range(n):
                item = self.value(itype, 256, depth + 1)
                if len(items) < 16:
                    items.append(item)
                self.ctx.budget.tick(1)
            return items
        raise GGUFError(f"unknown metadata value type {vtype}")


@register("gguf", limits=("max_header_bytes", "max_ops"))
def handle(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    if size < 24:
        ctx.sink.add(MALFORMED, where, "GGUF file shorter than its header")
        return
    (version,) = struct.unpack("<I", bytes(buf[4:8]))
    if version not in (1, 2, 3):
        ctx.sink.add(NOT_VERIFIED, where, f"GGUF version {version} is not supported")
        return
    r = _Reader(buf, size, ctx, version)
    r.pos = 8
    try:
        n_tensors, n_kv = r.count(), r.count()
        alignment = 32
        for _ in range(n_kv):
            key = r.string(256)
            vtype = int(r.take("<I"))
            keep = ctx.limits.max_header_bytes if "chat_template" in key else 256
            value = r.value(vtype, keep)
            if key == "general.alignment" and isinstance(value, int) and value > 0:
                alignment = value
            if "chat_template" in key and isinstance(value, str):
                _template(key, value, where, ctx)
        _tensors(r, n_tensors, alignment, where, ctx)
    except GGUFError as exc:
        ctx.sink.add(MALFORMED, where, f"GGUF structure is malformed: {exc}", offset=r.pos)


def _template(key: str, text: str, where: Where, ctx: Ctx) -> None:
    from secplan.modelfile.templates import template_findings  # loads the template parser

    for severity, what in template_findings(text):
        ctx.sink.add(
            GGUF_TEMPLATE,
            where,
            f"chat template {key!r} {what}",
            evidence=text[:300],
            severity=Severity[severity.upper()],
        )


def _tensors(r: _Reader, n: int, alignment: int, where: Where, ctx: Ctx) -> None:
    extents = []
    for _ in range(n):
        name = r.string(256)
        ndim = int(r.take("<I"))
        if ndim > 8:
            raise GGUFError(f"tensor {name!r} has {ndim} dimensions")
        dims = [r.count() for _ in range(ndim)]
        gtype, offset = int(r.take("<I")), int(r.take("<Q"))
        extents.append((name, dims, gtype, offset))
        ctx.budget.tick(1)
    data_start = -(-r.pos // alignment) * alignment
    for name, dims, gtype, offset in extents:
        if gtype not in _GGML:
            continue
        block, nbytes = _GGML[gtype]
        count = 1
        for d in dims:
            count *= d
        end = data_start + offset + -(-count // block) * nbytes
        if end > r.size:
            ctx.sink.add(
                MALFORMED,
                where,
                f"GGUF tensor {name!r} extends past the end of the file",
                evidence=f"ends at byte {end:,}, file has {r.size:,}",
                severity=Severity.HIGH,
            )
            return
