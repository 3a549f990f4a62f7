"""TensorFlow SavedModel graphs (``saved_model.pb``), parsed without TensorFlow.

Every ``NodeDef`` of every meta graph and of every function in its library is checked against
the operation lists in the policy file. ``keras_metadata.pb`` carries Keras layer configs as
JSON, which the Keras checks read.
"""

from __future__ import annotations

from secplan.model import Severity
from secplan.modelfile.buffer import Buffer
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.handlers.keras import analyze_config_text
from secplan.modelfile.readers.protowire import Counter, ProtoError, fields, text
from secplan.modelfile.registry import register
from secplan.modelfile.rules import MALFORMED, SAVEDMODEL_OP

Span = tuple[int, int]


def _sub(buf: Buffer, span: Span, counter: Counter, want: int) -> list[Span]:
    return [
        v
        for n, w, v in fields(buf, span[0], span[1], counter)
        if n == want and w == 2 and isinstance(v, tuple)
    ]


def graph_ops(buf: Buffer, size: int, counter: Counter) -> list[tuple[str, str, str]]:
    """``(function or "graph", node name, op)`` for every node of every meta graph."""
    found: list[tuple[str, str, str]] = []
    for meta in _sub(buf, (0, size), counter, 2):
        for graph in _sub(buf, meta, counter, 2):
            for node in _sub(buf, graph, counter, 1):
                found += [("graph", name, op) for name, op in _node(buf, node, counter)]
            for lib in _sub(buf, graph, counter, 2):
                for fn in _sub(buf, lib, counter, 1):
                    fname = ""
                    for sig in _sub(buf, fn, counter, 1):
                        for n, w, v in fields(buf, sig[0], sig[1], counter):
                            if n == 1 and w == 2 and isinstance(v, tuple):
                                fname = text(buf, v, 512)
                    nodes = [
                        v
                        for n, w, v in fields(buf, fn[0], fn[1], counter)
                        if n == 3 and w == 2 and isinstance(v, tuple)
                    ]
                    for node in nodes:
                        found += [(fname, nm, op) for nm, op in _node(buf, node, counter)]
    return found


def _node(buf: Buffer, node: Span, counter: Counter) -> list[tuple[str, str]]:
    name = op = ""
    for n, w, v in fields(buf, node[0], node[1], counter):
        if w == 2 and isinstance(v, tuple):
            if n == 1:
                name = text(buf, v, 512)
            elif n == 2:
                op = text(buf, v, 512)
    return [(name, op)]


def _metadata(buf: Buffer, size: int, where: Where, ctx: Ctx, counter: Counter) -> None:
    for node in _sub(buf, (0, size), counter, 1):
        for n, w, v in fields(buf, node[0], node[1], counter):
            if n == 4 and w == 2 and isinstance(v, tuple):
                blob = text(buf, v, ctx.limits.max_header_bytes)
                if blob.lstrip().startswith("{"):
                    analyze_config_text(blob, where, ctx)


@register("savedmodel", limits=("max_proto_fields", "max_header_bytes"))
def handle(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    counter = Counter(ctx.limits.max_proto_fields)
    policy = ctx.policy.section("savedmodel")
    try:
        if where.name.lower() == "keras_metadata.pb":
            _metadata(buf, size, where, ctx, counter)
            return
        ops = graph_ops(buf, size, counter)
    except ProtoError as exc:
        ctx.sink.add(MALFORMED, where, f"SavedModel protobuf is malformed: {exc}")
        return
    critical, high = set(policy["critical_ops"]), set(policy["high_ops"])
    for fname, node, op in ops:
        if op in critical or op in high:
            crit = op in critical
            ctx.sink.add(
                SAVEDMODEL_OP,
                where,
                f"SavedModel uses the {op} operation: "
                + (policy["critical_reason"] if crit else policy["high_reason"]),
                evidence=f"node {node!r} in {'the main graph' if fname == 'graph' else fname!r}",
                severity=Severity.CRITICAL if crit else Severity.HIGH,
            )
