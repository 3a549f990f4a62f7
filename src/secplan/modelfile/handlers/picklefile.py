"""Raw pickle files: plain pickle, joblib, dill, cloudpickle and legacy PyTorch (non-tar).

Old joblib files (before 0.10) keep each array in a file of its own beside the pickle: the
pickle holds an ``NDArrayWrapper`` whose state names the file, and ``joblib.load`` reads it
with ``numpy.load(..., allow_pickle=True)``. The reference is followed: the named file is
analysed as part of this one (its object arrays are pickles), and a name that leaves the
pickle's directory, a missing file or one that cannot be analysed is reported; a side file
that is there and clean leaves no finding.
"""

from __future__ import annotations

import io
from pathlib import Path

from secplan.model import Severity
from secplan.modelfile.buffer import Buffer
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.pickle.streams import analyze_pickle
from secplan.modelfile.registry import register
from secplan.modelfile.rules import MALFORMED, NOT_VERIFIED

#: Largest pickle searched for side-file names (old joblib pickles are small: the arrays are
#: in the side files) and largest side file read.
MAX_WRAPPER_PICKLE = 64 << 20
MAX_SIDE_FILE = 1 << 30
MAX_SIDE_FILES = 256
_MEMO_OPS = frozenset({"PUT", "BINPUT", "LONG_BINPUT", "MEMOIZE"})


@register(
    "pickle",
    limits=("max_ops", "max_stack", "max_objects", "max_streams", "max_nesting", "seconds"),
)
def handle(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    named: list[str] = []  # the side files the symbolic machine saw the wrappers name
    analyze_pickle(buf, 0, size, where, ctx, side_files=named)
    if size <= MAX_WRAPPER_PICKLE and buf.find(b"NDArrayWrapper", 0, size) >= 0:
        named += side_files(bytes(buf[:size]))
    for name in dict.fromkeys(named):
        _follow(name, where, ctx)


def side_files(data: bytes) -> list[str]:
    """File names given as ``'filename'`` in the pickle's dictionaries (the state of joblib's
    ``NDArrayWrapper``), read from the opcode stream without unpickling it."""
    import pickletools  # only for old joblib wrappers: not loaded for every pickle scanned

    names: list[str] = []
    previous: object = None
    try:
        for count, (op, arg, _) in enumerate(pickletools.genops(io.BytesIO(data))):
            if count > 5_000_000 or len(names) >= MAX_SIDE_FILES:
                break
            if op.name in _MEMO_OPS:  # memoising a value leaves the stack as it was
                continue
            if previous == "filename" and isinstance(arg, str) and arg:
                names.append(arg)
            previous = arg
    except (ValueError, EOFError, UnicodeDecodeError, OverflowError, MemoryError):
        pass  # a broken stream: the names found so far
    return list(dict.fromkeys(names))


def _follow(name: str, where: Where, ctx: Ctx) -> None:
    """Analyse the side file ``name`` as joblib would find it: joined to the pickle's
    directory (an absolute name or ``..`` leaves it)."""
    evidence = f"NDArrayWrapper names {name!r}; joblib.load reads it with allow_pickle=True"
    parts = Path(name).parts
    if Path(name).is_absolute() or ".." in parts or "\\" in name:
        ctx.sink.add(
            MALFORMED,
            where,
            "old joblib array wrapper names a file outside the model's directory",
            evidence=evidence,
            severity=Severity.HIGH,
        )
        return
    if where.directory is None:  # inside an archive: the side file is not on disk
        ctx.sink.add(
            NOT_VERIFIED,
            where,
            "old joblib array wrapper names a side file that was not at hand",
            evidence=evidence,
        )
        return
    path = where.directory / name
    try:
        size = path.stat().st_size if path.is_file() else -1
        if size < 0:
            ctx.sink.add(
                NOT_VERIFIED, where, f"joblib side file {name!r} is missing", evidence=evidence
            )
            return
        if size > MAX_SIDE_FILE:
            ctx.sink.add(NOT_VERIFIED, where, f"joblib side file {name!r} is too large")
            return
        data = path.read_bytes()
    except OSError as exc:
        ctx.sink.add(NOT_VERIFIED, where, f"joblib side file {name!r} cannot be read: {exc}")
        return
    child = where.child(name)
    if not ctx.nested(data, len(data), child):
        ctx.sink.add(NOT_VERIFIED, child, "the joblib side file's format is not recognised")
