"""SentencePiece tokenizer models (``tokenizer.model``, ``spiece.model``).

The file is a protobuf that the SentencePiece library parses into a vocabulary and settings;
nothing in the format names code. It is checked to be a well-formed message of the
format's fields (a file that only looks like one is reported), so that a tokenizer shipped
beside a model is analysed rather than reported as unrecognised.
"""

from __future__ import annotations

from secplan.modelfile.buffer import Buffer
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.readers.protowire import Counter, ProtoError, fields
from secplan.modelfile.registry import register
from secplan.modelfile.rules import MALFORMED


@register("sentencepiece", limits=("max_proto_fields",))
def handle(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    counter = Counter(ctx.limits.max_proto_fields)
    try:
        for num, wire, value in fields(buf, 0, size, counter):
            if num == 1 and wire == 2 and isinstance(value, tuple):
                for _ in fields(buf, value[0], value[1], counter):  # one piece
                    pass
    except ProtoError as exc:
        ctx.sink.add(MALFORMED, where, f"SentencePiece model is malformed: {exc}")
