"""ONNX models: external-data locations, operator domains, nested graphs and functions.

The protobuf is walked with the bounded wire reader; tensor payloads are skipped by length.
Nested graphs (attributes of If/Loop/Scan nodes) and model-local functions are followed to a
fixed depth.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from secplan.modelfile.buffer import Buffer
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.limits import LimitExceeded
from secplan.modelfile.readers.protowire import Counter, ProtoError, fields, text
from secplan.modelfile.registry import register
from secplan.modelfile.rules import MALFORMED, NOT_VERIFIED, ONNX_DOMAIN, ONNX_EXTERNAL

Span = tuple[int, int]
MAX_GRAPH_DEPTH = 32


class _Walk:
    def __init__(self, buf: Buffer, ctx: Ctx) -> None:
        self.buf, self.ctx = buf, ctx
        self.counter = Counter(ctx.limits.max_proto_fields)
        self.domains: dict[str, str] = {}  # domain -> first op seen
        self.external: list[tuple[str, str]] = []  # (tensor name, location)

    def subs(self, span: Span) -> list[tuple[int, Span]]:
        return [
            (n, v)
            for n, w, v in fields(self.buf, span[0], span[1], self.counter)
            if w == 2 and isinstance(v, tuple)
        ]

    def model(self, size: int) -> None:
        for n, v in self.subs((0, size)):
            if n == 7:
                self.graph(v, 0)
            elif n == 25:
                self.function(v)

    def graph(self, span: Span, depth: int) -> None:
        if depth > MAX_GRAPH_DEPTH:
            raise LimitExceeded(f"ONNX graphs nested deeper than {MAX_GRAPH_DEPTH}")
        for n, v in self.subs(span):
            if n == 1:
                self.node(v, depth)
            elif n == 5:
                self.tensor(v)
            elif n == 15:
                for _, t in self.subs(v):
                    self.tensor(t)

    def function(self, span: Span) -> None:
        for n, v in self.subs(span):
            if n == 7:
                self.node(v, 0)

    def node(self, span: Span, depth: int) -> None:
        op, domain = "", ""
        for n, v in self.subs(span):
            if n == 4:
                op = text(self.buf, v, 256)
            elif n == 7:
                domain = text(self.buf, v, 256)
            elif n == 5:
                self.attribute(v, depth)
        self.domains.setdefault(domain, op)

    def attribute(self, span: Span, depth: int) -> None:
        for n, v in self.subs(span):
            if n in (6, 11):
                self.graph(v, depth + 1)
            elif n in (5, 10):
                self.tensor(v)
            elif n in (22, 23):
                for _, t in self.subs(v):
                    self.tensor(t)

    def tensor(self, span: Span) -> None:
        name, location = "", None
        for n, v in self.subs(span):
            if n == 8:
                name = text(self.buf, v, 512)
            elif n == 13:
                entry = {k: text(self.buf, s, 4096) for k, s in self.subs(v)}
                if entry.get(1) == "location":
                    location = entry.get(2, "")
        if location is not None:
            self.external.append((name, location))


def _escapes(location: str, directory: Path | None) -> str:
    norm = location.replace("\\", "/")
    if norm.startswith("/") or (len(norm) > 1 and norm[1] == ":"):
        return "absolute path"
    if posixpath.normpath(norm).startswith("../") or posixpath.normpath(norm) == "..":
        return "climbs out of the model directory"
    if directory is not None:
        target = Path(os.path.realpath(directory / norm))
        base = Path(os.path.realpath(directory))
        if base != target and base not in target.parents:
            return "resolves (through a link) outside the model directory"
    return ""


@register("onnx", limits=("max_proto_fields",))
def handle(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    walk = _Walk(buf, ctx)
    try:
        walk.model(size)
    except ProtoError as exc:
        ctx.sink.add(MALFORMED, where, f"ONNX protobuf is malformed: {exc}")
    standard = set(ctx.policy.section("onnx")["standard_domains"])
    for domain, op in sorted(walk.domains.items()):
        if domain not in standard:
            ctx.sink.add(
                ONNX_DOMAIN,
                where,
                f"ONNX graph uses operators of the custom domain {domain!r}",
                evidence=f"first operator {op!r}",
            )
    directory = where.directory if where.member is None else None
    for name, location in walk.external:
        why = _escapes(location, directory)
        if why:
            ctx.sink.add(
                ONNX_EXTERNAL,
                where,
                f"tensor {name!r} loads external data from outside the model directory ({why})",
                evidence=f"location {location!r}",
            )
    if walk.counter.left <= 0:
        ctx.sink.add(NOT_VERIFIED, where, "ONNX model has more fields than the limit")
