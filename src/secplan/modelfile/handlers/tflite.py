"""TensorFlow Lite models (``.tflite``), parsed as FlatBuffers without TensorFlow Lite.

A model names the operators its graph runs in ``operator_codes``; the interpreter resolves
every entry when it builds (an unresolved one fails the load). Builtin operators are the
interpreter's own kernels. A custom operator is looked up by name among the kernels the
loading application registered: those that TensorFlow Lite's builtin resolver and MediaPipe
ship are known (policy file, ``[tflite]``); any other needs a native kernel whose origin must be
trusted (MF112). A Flex operator (``Flex`` + a TensorFlow op name) runs that TensorFlow op
through the Select TF ops delegate, so it is checked against the SavedModel operation lists
(MF110). The structure is checked as the interpreter checks it: every operator names an
existing operator code, and every buffer kept outside the FlatBuffer lies inside the file.
Metadata files appended as a zip archive are analysed as an archive by the dispatcher.
"""

from __future__ import annotations

from secplan.model import Severity
from secplan.modelfile.buffer import Buffer
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.readers.flatbuf import FlatError, Table, root
from secplan.modelfile.readers.protowire import Counter
from secplan.modelfile.registry import register
from secplan.modelfile.rules import MALFORMED, ONNX_DOMAIN, SAVEDMODEL_OP

#: ``BuiltinOperator.CUSTOM`` in TensorFlow Lite's schema.
CUSTOM = 32
FLEX_PREFIX = "Flex"
MAX_NAME = 256

# Field numbers of TensorFlow Lite's schema (schema.fbs): Model, OperatorCode, SubGraph,
# Operator, Buffer.
_MODEL_OPERATOR_CODES, _MODEL_SUBGRAPHS, _MODEL_BUFFERS = 1, 2, 4
_CODE_DEPRECATED, _CODE_CUSTOM, _CODE_BUILTIN = 0, 1, 3
_SUBGRAPH_OPERATORS = 3
_OPERATOR_OPCODE_INDEX = 0
_BUFFER_DATA, _BUFFER_OFFSET, _BUFFER_SIZE = 0, 1, 2


def builtin_code(code: Table) -> int:
    """The operator's builtin code as the interpreter reads it (schema_utils GetBuiltinCode):
    the larger of the deprecated 8-bit field and the 32-bit field (codes above 126 leave the
    8-bit field at its placeholder, 127)."""
    return max(code.i32(_CODE_BUILTIN), code.i8(_CODE_DEPRECATED))


def custom_ops(model: Table) -> list[str]:
    """The names of the model's custom operators (Flex ones included), in table order."""
    names: list[str] = []
    for code in model.tables(_MODEL_OPERATOR_CODES):
        if builtin_code(code) == CUSTOM:
            names.append(code.string(_CODE_CUSTOM, MAX_NAME) or "")
    return names


@register("tflite", limits=("max_proto_fields",))
def handle(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    counter = Counter(ctx.limits.max_proto_fields)
    try:
        model = root(buf, size, counter)
        n_codes = model.vector(_MODEL_OPERATOR_CODES, 4)[1]
        names = custom_ops(model)
        _check_operators(model, n_codes, where, ctx)
        _check_buffers(model, size, where, ctx)
    except FlatError as exc:
        ctx.sink.add(MALFORMED, where, f"TensorFlow Lite flatbuffer is malformed: {exc}")
        return
    _check_custom(names, where, ctx)


def _check_operators(model: Table, n_codes: int, where: Where, ctx: Ctx) -> None:
    for i, subgraph in enumerate(model.tables(_MODEL_SUBGRAPHS)):
        for j, op in enumerate(subgraph.tables(_SUBGRAPH_OPERATORS)):
            index = op.u32(_OPERATOR_OPCODE_INDEX)
            if index >= n_codes:
                ctx.sink.add(
                    MALFORMED,
                    where,
                    "TensorFlow Lite operator names an operator code the model does not have",
                    evidence=f"operator {j} of subgraph {i}: code {index} of {n_codes}",
                )
                return


def _check_buffers(model: Table, size: int, where: Where, ctx: Ctx) -> None:
    for i, buffer in enumerate(model.tables(_MODEL_BUFFERS)):
        buffer.vector(_BUFFER_DATA, 1)  # bounds-checked
        offset, length = buffer.u64(_BUFFER_OFFSET), buffer.u64(_BUFFER_SIZE)
        if offset > 1 and offset + length > size:  # data kept after the FlatBuffer
            ctx.sink.add(
                MALFORMED,
                where,
                "TensorFlow Lite buffer lies outside the file",
                evidence=f"buffer {i}: {length:,} bytes at offset {offset:,} of {size:,}",
            )
            return


def _check_custom(names: list[str], where: Where, ctx: Ctx) -> None:
    tflite = ctx.policy.section("tflite")
    known = set(tflite["known_custom_ops"])
    graph = ctx.policy.section("savedmodel")
    critical, high = set(graph["critical_ops"]), set(graph["high_ops"])
    for name in dict.fromkeys(names):
        tf_op = name[len(FLEX_PREFIX) :] if name.startswith(FLEX_PREFIX) else None
        if tf_op is not None:
            if tf_op in critical or tf_op in high:
                crit = tf_op in critical
                ctx.sink.add(
                    SAVEDMODEL_OP,
                    where,
                    f"TensorFlow Lite model runs the TensorFlow {tf_op} operation (Flex): "
                    + (graph["critical_reason"] if crit else graph["high_reason"]),
                    evidence=f"operator code {name!r}",
                    severity=Severity.CRITICAL if crit else Severity.HIGH,
                )
            continue
        if name not in known:
            ctx.sink.add(
                ONNX_DOMAIN,
                where,
                f"TensorFlow Lite model uses the custom operator {name[:MAX_NAME]!r}: "
                + tflite["custom_reason"],
                evidence="operator code with builtin code CUSTOM",
            )
