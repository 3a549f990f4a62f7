"""Core ML models: the ``.mlmodel`` protobuf and an ``.mlpackage``'s weight file.

The protobuf (Apple's ``Model.proto``) is walked with the bounded wire reader, weights skipped
by length. Core ML runs no code from the file, but a model can name classes the application
must implement: a custom model (``CustomModel.className``) and custom neural-network layers
(``CustomLayerParams.className``), also inside pipelines and control-flow layers; those are
reported as ONNX custom domains are (MF112). A model that links another model file or wraps
an opaque serialized model is not verified (MF104). ML programs (``mlProgram``) hold MIL
operations, which Core ML implements itself.

The weight file (``weights/weight.bin``, coremltools' blob storage, version 2) is a header
and a chain of blobs, each behind a metadata record with a sentinel; the chain is checked to
stay inside the file.
"""

from __future__ import annotations

import struct

from secplan.modelfile.buffer import Buffer
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.limits import LimitExceeded
from secplan.modelfile.readers.protowire import Counter, ProtoError, fields, text
from secplan.modelfile.registry import register
from secplan.modelfile.rules import MALFORMED, NOT_VERIFIED, ONNX_DOMAIN

Span = tuple[int, int]
MAX_DEPTH = 32

# Model.proto field numbers.
_PIPELINE_WRAPPERS = (200, 201)  # PipelineClassifier / PipelineRegressor { Pipeline = 1 }
_PIPELINE = 202  # Pipeline { repeated Model models = 1 }
_NEURAL_NETWORKS = (303, 403, 500)  # NeuralNetworkRegressor / Classifier / NeuralNetwork
_CUSTOM_MODEL, _LINKED_MODEL, _SERIALIZED_MODEL = 555, 556, 3000
_LAYER_CUSTOM, _LAYER_BRANCH, _LAYER_LOOP = 500, 605, 615
_NETWORKS_IN = {_LAYER_BRANCH: (1, 2), _LAYER_LOOP: (3, 4)}  # if/else; condition/body
_CLASS_NAME = 10

# coremltools' blob storage (StorageFormat.hpp; recognised in signatures.py): a 64-byte
# header (count, version 2) and, per blob, a 64-byte metadata record (sentinel, type, size,
# offset) before its data.
BLOB_SENTINEL = 0xDEADBEEF
_HEADER = struct.Struct("<II")
_META = struct.Struct("<IIQQ")


class _Walk:
    def __init__(self, buf: Buffer, where: Where, ctx: Ctx) -> None:
        self.buf, self.where, self.ctx = buf, where, ctx
        self.counter = Counter(ctx.limits.max_proto_fields)

    def subs(self, span: Span, want: int | None = None) -> list[tuple[int, Span]]:
        return [
            (n, v)
            for n, w, v in fields(self.buf, span[0], span[1], self.counter)
            if w == 2 and isinstance(v, tuple) and (want is None or n == want)
        ]

    def model(self, span: Span, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise LimitExceeded(f"Core ML models nested deeper than {MAX_DEPTH}")
        for n, v in self.subs(span):
            if n in _PIPELINE_WRAPPERS:
                for _, pipeline in self.subs(v, 1):
                    self.pipeline(pipeline, depth)
            elif n == _PIPELINE:
                self.pipeline(v, depth)
            elif n in _NEURAL_NETWORKS:
                self.network(v, depth)
            elif n == _CUSTOM_MODEL:
                self.custom("custom model", v)
            elif n == _LINKED_MODEL:
                self.ctx.sink.add(
                    NOT_VERIFIED,
                    self.where,
                    "Core ML model links another model file, which is loaded with it",
                )
            elif n == _SERIALIZED_MODEL:
                self.ctx.sink.add(
                    NOT_VERIFIED, self.where, "Core ML model wraps an opaque serialized model"
                )

    def pipeline(self, span: Span, depth: int) -> None:
        for _, model in self.subs(span, 1):
            self.model(model, depth + 1)

    def network(self, span: Span, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise LimitExceeded(f"Core ML networks nested deeper than {MAX_DEPTH}")
        for _, layer in self.subs(span, 1):
            for n, v in self.subs(layer):
                if n == _LAYER_CUSTOM:
                    self.custom("custom layer", v)
                for inner in _NETWORKS_IN.get(n, ()):
                    for _, net in self.subs(v, inner):
                        self.network(net, depth + 1)

    def custom(self, what: str, span: Span) -> None:
        names = [text(self.buf, v, 256) for _, v in self.subs(span, _CLASS_NAME)]
        name = names[0] if names else ""
        self.ctx.sink.add(
            ONNX_DOMAIN,
            self.where,
            f"Core ML model uses the {what} {name!r}: the loading application must implement "
            "that class, so its origin must be trusted as well",
            evidence=f"{what} className",
        )


@register("coreml", limits=("max_proto_fields",))
def handle_model(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    try:
        _Walk(buf, where, ctx).model((0, size), 0)
    except ProtoError as exc:
        ctx.sink.add(MALFORMED, where, f"Core ML model protobuf is malformed: {exc}")


@register("coreml-weights", limits=())
def handle_weights(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    count = _HEADER.unpack(bytes(buf[: _HEADER.size]))[0]
    pos = 64
    for i in range(count):
        if pos + _META.size > size:
            _bad(where, ctx, f"blob {i} of {count}: its record at byte {pos:,} is past the end")
            return
        sentinel, _, length, offset = _META.unpack(bytes(buf[pos : pos + _META.size]))
        if sentinel != BLOB_SENTINEL:
            _bad(where, ctx, f"blob {i} of {count}: no sentinel at byte {pos:,}")
            return
        if offset < pos + 64 or offset + length > size:
            _bad(where, ctx, f"blob {i} of {count}: {length:,} bytes at {offset:,} of {size:,}")
            return
        pos = offset + length + (-(offset + length) % 64)


def _bad(where: Where, ctx: Ctx, evidence: str) -> None:
    ctx.sink.add(
        MALFORMED, where, "Core ML weight file's blob chain leaves the file", evidence=evidence
    )
