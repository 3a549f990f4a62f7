"""joblib's compressed files from before version 0.10: a ``ZF`` header and one zlib stream.

``joblib.load`` recognises the header and reads the file with ``read_zfile`` (the content's
length in hex, then zlib): the content is the pickle, whose ``ZNDArrayWrapper`` objects name
array files beside it (``<name>_01.npy.z``) written the same way. Those array files hold the
raw bytes of an array, which ``ndarray.__setstate__`` takes as data (an array of objects needs
a list, never bytes): nothing in them is unpickled. The content is decompressed within the
archive limits; a pickle is analysed as a joblib pickle of this file's directory (its array
files are followed), other content under an array file's name is data, and anything else is
analysed as a file of its own.
"""

from __future__ import annotations

import zlib

from secplan.modelfile import signatures as sig
from secplan.modelfile.buffer import Buffer, Spill
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.handlers.archives import decompress
from secplan.modelfile.handlers.members import ratio_bomb
from secplan.modelfile.limits import LimitExceeded
from secplan.modelfile.registry import register
from secplan.modelfile.rules import ARCHIVE_BOMB, MALFORMED, NOT_VERIFIED

#: joblib names each array file of an old compressed pickle ``<pickle>_NN.npy.z``.
ARRAY_SUFFIX = ".npy.z"
_LIMITS = ("max_member_bytes", "max_total_bytes", "max_ratio", "ratio_floor", "max_nesting")


@register("joblib-zfile", limits=(*_LIMITS, "seconds"))
def handle(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    header = sig.joblib_zfile(bytes(buf[: sig.ZFILE_HEADER + 8]))
    if header is None:
        ctx.sink.add(MALFORMED, where, "joblib compressed file has a malformed 'ZF' header")
        return
    length, start = header
    base = where.child("<joblib content>")
    # the content stays in this file's directory: a pickle's array files are found there
    child = Where(base.path, base.member, where.directory, base.depth, where.name)
    if child.depth > ctx.limits.max_nesting:
        ctx.sink.add(
            ARCHIVE_BOMB, where, f"compression nested deeper than {ctx.limits.max_nesting}"
        )
        return
    with Spill() as out:
        try:
            trailing = decompress(
                "joblib-zfile",
                buf,
                size,
                ctx,
                min(ctx.limits.max_member_bytes, length + 1),
                out,
                start=start,
                opener=lambda: zlib.decompressobj(15),
                complete=True,
            )
        except LimitExceeded as exc:
            more = "" if length < ctx.limits.max_member_bytes else " (as its header says)"
            ctx.sink.add(
                ARCHIVE_BOMB,
                where,
                f"joblib compressed content {exc}{more}",
                evidence=f"compressed size {size:,} bytes; header length {length:,}",
            )
            return
        except (zlib.error, ValueError) as exc:
            ctx.sink.add(MALFORMED, where, f"joblib compressed stream is corrupt: {exc}")
            return
        if trailing:
            ctx.sink.add(MALFORMED, where, "data follows the end of the joblib zlib stream")
        if out.size != length:
            ctx.sink.add(
                MALFORMED,
                where,
                "joblib compressed content is not the length its header gives",
                evidence=f"header {length:,} bytes, content {out.size:,} bytes; joblib.load "
                "refuses the file",
            )
        ratio_bomb(out.size, size, where, ctx)
        content = out.result()
        head = bytes(content[:8192])
        if not sig.pickle(head, content, out.size) and where.name.lower().endswith(ARRAY_SUFFIX):
            return  # raw array bytes, taken by ndarray.__setstate__ as data
        if not ctx.nested(content, out.size, child):
            ctx.sink.add(
                NOT_VERIFIED, child, "the joblib compressed content's format is not recognised"
            )
