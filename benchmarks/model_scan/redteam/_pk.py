"""Small helpers to assemble pickle opcode streams by hand (protocol 0-5)."""

from __future__ import annotations

import pickle
import struct
from typing import Any


def proto(n: int = 4) -> bytes:
    return pickle.PROTO + bytes([n])


def sbu(s: str) -> bytes:
    """SHORT_BINUNICODE (protocol 4)."""
    b = s.encode()
    return pickle.SHORT_BINUNICODE + bytes([len(b)]) + b


def binunicode(s: str) -> bytes:
    b = s.encode()
    return pickle.BINUNICODE + struct.pack("<I", len(b)) + b


def glob(module: str, name: str) -> bytes:
    """GLOBAL opcode (protocol 0 text form)."""
    return pickle.GLOBAL + f"{module}\n{name}\n".encode()


def stack_global(module: str, name: str) -> bytes:
    return sbu(module) + sbu(name) + pickle.STACK_GLOBAL


class Raw(bytes):
    """Opcodes that push a value, placed as they are among call arguments."""


def body(obj: Any, protocol: int = 4) -> bytes:
    """The opcodes that push ``obj``, without PROTO/FRAME and STOP."""
    raw = pickle.dumps(obj, protocol=protocol)
    if raw[:1] == pickle.PROTO:
        raw = raw[2:]
    if raw[:1] == pickle.FRAME:
        raw = raw[9:]
    assert raw[-1:] == pickle.STOP
    return raw[:-1]


def call(fn: bytes, *args: Any, protocol: int = 4) -> bytes:
    """fn(*args) where fn is the opcodes that push a callable; ``Raw`` arguments are opcodes
    that push the argument (another call, a global)."""
    if not any(isinstance(a, Raw) for a in args):
        return fn + body(tuple(args), protocol) + pickle.REDUCE
    parts = b"".join(bytes(a) if isinstance(a, Raw) else body(a, protocol) for a in args)
    return fn + pickle.MARK + parts + pickle.TUPLE + pickle.REDUCE


class Reduce:
    """An object whose pickle is ``fn(*args)``: the usual way payloads are written."""

    def __init__(self, fn: Any, *args: Any) -> None:
        self.fn, self.args = fn, args

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return self.fn, self.args


def dumps(fn: Any, *args: Any, protocol: int = 4) -> bytes:
    return pickle.dumps(Reduce(fn, *args), protocol=protocol)
