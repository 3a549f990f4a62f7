"""Pickle samples whose payload is plain, but whose opcode stream is written so that a
scanner's reading of it differs from CPython's unpickler: memo tricks, old opcodes,
dotted names, discarded calls, broken or framed streams, extra streams."""

from __future__ import annotations

import pickle
import struct
from pathlib import Path

from _pk import body, glob, proto, sbu, stack_global
from registry import Canary, sample

R, S = pickle.REDUCE, pickle.STOP


def _sh(c: Canary) -> bytes:
    return body(c.shell)


@sample("op-protocol0-builtin-eval", "pickle-python2-names")
def _p0(out: Path, c: Canary) -> None:
    out.write_bytes(
        glob("__builtin__", "eval") + b"(" + pickle.STRING + repr(c.py_expr).encode() + b"\ntR."
    )


@sample("op-inst", "pickle-inst-opcode")
def _inst(out: Path, c: Canary) -> None:
    out.write_bytes(b"(" + pickle.STRING + repr(c.py).encode() + b"\ni__builtin__\nexec\n.")


@sample("op-obj-pop", "ghsa-fickling-obj-pop")
def _obj_pop(out: Path, c: Canary) -> None:
    data = proto(4) + pickle.MARK + stack_global("os", "system") + _sh(c) + pickle.OBJ
    out.write_bytes(data + pickle.POP + pickle.NONE + S)


@sample("op-memo-stack-global", "picklescan-memo-ctf")
def _memo(out: Path, c: Canary) -> None:
    data = b"".join(
        [
            pickle.UNICODE + b"os\n", pickle.PUT + b"2\n", pickle.POP,
            pickle.UNICODE + b"system\n", pickle.PUT + b"3\n", pickle.POP,
            pickle.UNICODE + b"torch\n", pickle.PUT + b"0\n", pickle.POP,
            pickle.UNICODE + b"LongStorage\n", pickle.PUT + b"1\n", pickle.POP,
            pickle.GET + b"2\n", pickle.GET + b"3\n", pickle.STACK_GLOBAL,
            pickle.MARK, pickle.UNICODE + c.shell.encode() + b"\n", pickle.TUPLE, R, S,
        ]
    )  # fmt: skip
    out.write_bytes(data)


@sample("op-string-stack-global", "ghsa-picklescan-parsing-flaw")
def _string_sg(out: Path, c: Canary) -> None:
    data = pickle.STRING + b"'os'\n" + pickle.STRING + b"'system'\n" + pickle.STACK_GLOBAL
    out.write_bytes(data + pickle.STRING + repr(c.shell).encode() + b"\n" + pickle.TUPLE1 + R + S)


@sample("op-dotted-stack-global", "ghsa-fickling-dotted-name")
def _dotted(out: Path, c: Canary) -> None:
    out.write_bytes(
        proto(4) + stack_global("pathlib", "os.system") + _sh(c) + pickle.TUPLE1 + R + S
    )


@sample("op-dotted-allowlisted-prefix", "ghsa-fickling-dotted-name")
def _dotted_torch(out: Path, c: Canary) -> None:
    # torch.serialization imports os: a module that looks allowlisted reaches os.system
    name = stack_global("torch.serialization", "os.system")
    out.write_bytes(proto(4) + name + _sh(c) + pickle.TUPLE1 + R + S)


@sample("op-broken-after-payload", "nullifai-broken-pickle")
def _broken(out: Path, c: Canary) -> None:
    data = proto(2) + glob("os", "system") + _sh(c) + pickle.TUPLE1 + R
    out.write_bytes(data + b"\x00\xff garbage that is not an opcode")


@sample("op-memo-keyerror", "picklescan-memo-keyerror")
def _keyerror(out: Path, c: Canary) -> None:
    data = proto(4) + glob("os", "system") + _sh(c) + pickle.TUPLE1 + R + pickle.POP
    data += sbu("os") + pickle.MEMOIZE + pickle.BINGET + b"\x07" + pickle.BINGET + b"\x00"
    out.write_bytes(data + pickle.STACK_GLOBAL + pickle.BININT1 + b"\x42" + S)


@sample("op-trailing-bytes", "picklescan-invalid-trailing")
def _trailing(out: Path, c: Canary) -> None:
    data = proto(2) + glob("os", "system") + _sh(c) + pickle.TUPLE1 + R + S
    out.write_bytes(data + b"\n\n\t\t\xff\xfe")


@sample("op-frame-divergence", "cpython-frame-divergence")
def _frame(out: Path, c: Canary) -> None:
    hidden = glob("os", "system") + pickle.UNICODE + c.shell.encode() + b"\n" + pickle.TUPLE1 + R
    data = (
        proto(5) + pickle.NONE + pickle.UNICODE + b"a" * (8192 * 16 - 17) + b"\n" + pickle.POP
        + pickle.MARK + pickle.FRAME + struct.pack("<Q", 2) + pickle.BINBYTES
        + struct.pack("<I", 256 + 7) + b"\x00\x00"
        + (hidden + pickle.MARK).ljust(256 + 5, pickle.NONE) + pickle.POP_MARK + S
    )  # fmt: skip
    out.write_bytes(data)


@sample("op-second-stream", "pickle-second-stream", loader="pickle_stream")
def _second(out: Path, c: Canary) -> None:
    first = pickle.dumps({"weights": [0.0, 1.0]}, protocol=2)
    second = proto(2) + glob("os", "system") + _sh(c) + pickle.TUPLE1 + R + S
    out.write_bytes(first + second)


@sample("op-long-string-start", "pickle-sniffing-evasion", name="weights.txt")
def _long_string(out: Path, c: Canary) -> None:
    filler = "model card: " + "lorem ipsum " * 400
    data = pickle.UNICODE + filler.encode() + b"\n" + pickle.POP
    data += glob("os", "system") + pickle.UNICODE + c.shell.encode() + b"\n" + pickle.TUPLE1 + R + S
    out.write_bytes(data)


@sample("op-setstate-via-build-on-reduce", "pickle-build-setstate")
def _build_on_call(out: Path, c: Canary) -> None:
    # BUILD on the result of a call: a SimpleNamespace gets __setstate__, then is rebuilt
    inst = stack_global("types", "SimpleNamespace") + pickle.EMPTY_TUPLE + R
    plant = pickle.EMPTY_DICT + sbu("__setstate__") + stack_global("os", "system") + pickle.SETITEM
    out.write_bytes(proto(4) + inst + plant + pickle.BUILD + _sh(c) + pickle.BUILD + S)
