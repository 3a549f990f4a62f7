"""Model formats that hold numbers and names only: CRFsuite models and GGML files.

Their loaders are C code that reads a fixed layout (CRFsuite's ``crfsuite_create_instance``,
whisper.cpp's and early llama.cpp's GGML readers): nothing in the formats names code, a
module or a file to open. The headers are checked against the file as the loaders read them,
so that a file which only starts like one is reported; the content is otherwise data.
"""

from __future__ import annotations

import struct

from secplan.modelfile.buffer import Buffer
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.registry import register
from secplan.modelfile.rules import MALFORMED

#: CRFsuite's header: magic, total size, type, version, three counts, five section offsets.
_CRF = struct.Struct("<4sI4sI3I5I")


@register("crfsuite", limits=())
def handle_crfsuite(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    if size < _CRF.size:
        ctx.sink.add(MALFORMED, where, "CRFsuite model is shorter than its header")
        return
    fields = _CRF.unpack(bytes(buf[: _CRF.size]))
    declared, kind, offsets = fields[1], fields[2], fields[7:]
    if kind != b"FOMC":  # the only model type CRFsuite reads
        ctx.sink.add(MALFORMED, where, f"CRFsuite model of unknown type {kind!r}")
        return
    if declared != size:
        ctx.sink.add(
            MALFORMED,
            where,
            "CRFsuite model's header gives another size than the file's",
            evidence=f"header says {declared:,} bytes, the file has {size:,}",
        )
    bad = [o for o in offsets if not _CRF.size <= o <= size]
    if bad:
        ctx.sink.add(
            MALFORMED,
            where,
            "CRFsuite model's header points outside the file",
            evidence=f"section offsets {', '.join(f'{o:,}' for o in bad)} of {size:,}",
        )


@register("ggml", limits=())
def handle_ggml(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    """The magic is all the loaders check before reading hyperparameters and tensors."""
