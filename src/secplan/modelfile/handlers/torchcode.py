"""Code that PyTorch archives carry: TorchScript ``code/`` and ``torch.package`` sources.

``torch.load`` hands a TorchScript archive to ``torch.jit.load``, which compiles the Python
subset in ``<archive>/code/`` and runs its ``__setstate__`` methods while loading; a
``torch.package`` archive's ``PackageImporter`` executes the packaged ``.py`` modules as soon as
a pickle refers to them. The sources are parsed with :mod:`ast`, never compiled or run.

TorchScript that only computes on tensors is what every exported model holds and is not
reported; calls that reach files or processes are (``torch.from_file(path, shared=True)``
maps a file writable, ``torch.save``/``torch.load`` and their ``torch.ops.aten`` forms write and
read files, ``torch.ops`` from outside PyTorch's own namespaces need a native library). A
``torch.package`` source is code by construction and always reported.
"""

from __future__ import annotations

import ast

from secplan.model import Severity
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.policy import Verdict
from secplan.modelfile.rules import MALFORMED, MODEL_CODE

MAX_SOURCE = 8 << 20
#: Operator namespaces of PyTorch and its own domain libraries; any other ``torch.ops.<ns>``
#: needs a custom native library.
_TORCH_NAMESPACES = frozenset(
    {
        "aten",
        "prim",
        "prims",
        "quantized",
        "_quantized",
        "quantized_decomposed",
        "profiler",
        "fbgemm",
        "mkldnn",
        "onednn",
        "_caffe2",
        "c10d",
        "_c10d_functional",
        "torchvision",
        "torchaudio",
        "torchtext",
    }
)
#: ``(call, what it does, severity)`` for the PyTorch calls that reach the file system.
_FILE_CALLS = {
    "torch.from_file": ("maps a file into a tensor", Severity.HIGH),
    "torch.ops.aten.from_file": ("maps a file into a tensor", Severity.HIGH),
    "torch.save": ("writes a file", Severity.CRITICAL),
    "torch.ops.aten.save": ("writes a file", Severity.CRITICAL),
    "torch.load": ("reads and unpickles a file", Severity.CRITICAL),
    "torch.jit.load": ("loads further TorchScript from a file", Severity.CRITICAL),
    "torch.jit.save": ("writes a file", Severity.CRITICAL),
    "torch.hub.load": ("downloads and runs code", Severity.CRITICAL),
    "torch.classes.load_library": ("loads a native library", Severity.CRITICAL),
    "torch.ops.load_library": ("loads a native library", Severity.CRITICAL),
}


def _dotted(node: ast.expr) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def _true(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and bool(node.value)


def _shared(call: ast.Call) -> bool:
    """``torch.from_file(filename, shared, size, ...)``: whether ``shared`` may be true."""
    for kw in call.keywords:
        if kw.arg == "shared":
            return not isinstance(kw.value, ast.Constant) or _true(kw.value)
    if len(call.args) >= 2:
        arg = call.args[1]
        return not isinstance(arg, ast.Constant) or _true(arg)
    return False


def analyze_source(data: bytes, where: Where, ctx: Ctx, *, package: bool) -> None:
    """Report the code of one ``.py`` member (``package``: a torch.package module)."""
    if package:
        ctx.sink.add(
            MODEL_CODE,
            where,
            "torch.package archive carries a Python module that PackageImporter executes",
            evidence=f"{len(data):,} bytes of source; loading the package's pickles imports "
            "it and runs its top-level code",
            severity=Severity.CRITICAL,
        )
    if len(data) > MAX_SOURCE:
        return
    try:
        tree = ast.parse(data.decode("utf-8", "replace"))
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        if not package:
            ctx.sink.add(
                MALFORMED,
                where,
                f"TorchScript code does not parse: {type(exc).__name__}",
                evidence="torch.jit.load refuses it; the archive may target another reader",
            )
        return
    kind = "torch.package module" if package else "TorchScript code"
    try:
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    except RecursionError:
        return
    for call in calls[:100_000]:
        hit = _call(call, ctx)
        if hit is None:
            continue
        name, what, severity = hit
        try:
            shown = ast.unparse(call)[:200]
        except (RecursionError, ValueError):
            shown = name
        ctx.sink.add(
            MODEL_CODE,
            where,
            f"{kind} calls {name}, which {what}",
            evidence=f"line {call.lineno}: {shown}",
            severity=severity,
        )


def _call(call: ast.Call, ctx: Ctx) -> tuple[str, str, Severity] | None:
    name = _dotted(call.func)
    if name is None:
        return None
    if name in _FILE_CALLS:
        what, severity = _FILE_CALLS[name]
        if name.endswith("from_file") and _shared(call):
            return (
                name,
                "maps a file shared and writable: tensor writes change the file",
                (Severity.CRITICAL),
            )
        return name, what, severity
    parts = name.split(".")
    if parts[:2] == ["torch", "ops"] and len(parts) >= 4 and parts[2] not in _TORCH_NAMESPACES:
        return name, f"needs the custom operator library {parts[2]!r}", Severity.HIGH
    if len(parts) >= 2 and parts[0] not in ("torch", "self", "ops"):
        d = ctx.policy.classify(".".join(parts[:-1]), parts[-1])
        if d.verdict is Verdict.DANGEROUS:
            return name, f"is dangerous ({d.reason})", Severity.CRITICAL
    if len(parts) == 1 and parts[0] in ("open", "exec", "eval", "compile", "__import__"):
        return name, "reaches files or runs code", Severity.CRITICAL
    return None
