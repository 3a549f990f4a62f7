"""Structural probes: how content without a decisive magic number is recognised.

Each probe looks at the first bytes of a file (``head``) and, where the format keeps its
directory at the end, at the whole buffer; discovery passes ``buf=None`` and gets the answer
the head alone gives. Probes never raise on hostile bytes and read no more than they need.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from functools import cache

from secplan.modelfile.buffer import Buffer

#: Largest safetensors header a loader accepts (the reference implementation's limit).
SAFETENSORS_MAX_HEADER = 100_000_000


def tar(head: bytes) -> bool:
    """A tar header: the ustar magic, or (old v7 archives) a header whose checksum adds up."""
    if len(head) < 512:
        return False
    if head[257:262] == b"ustar":
        return True
    try:
        stored = int(head[148:156].split(b"\x00", 1)[0].strip() or b"-1", 8)
    except ValueError:
        return False
    total = sum(head[:148]) + 8 * 32 + sum(head[156:512])
    return stored == total and head[0] != 0


# The probes below need parsers that discovery should not load until a file calls for them;
# each is imported once, on first use (probes run on every file and archive member).
@cache
def _is_zip() -> Callable[[Buffer, int], bool]:
    from secplan.modelfile.readers.zipread import is_zip

    return is_zip


@cache
def _looks_like_pickle() -> Callable[[bytes], bool]:
    from secplan.modelfile.pickle.vm import looks_like_pickle

    return looks_like_pickle


@cache
def _top_fields() -> Callable[[bytes], set[int]]:
    from secplan.modelfile.readers.protowire import top_fields

    return top_fields


def zip_anywhere(head: bytes, buf: Buffer | None, size: int) -> bool:
    """An end-of-central-directory record near the end: a zip with data prepended (Python's
    zipfile and PyTorch both open it), unless the content is a tar. Needs the whole buffer."""
    return buf is not None and _is_zip()(buf, size) and not tar(head)


def safetensors(head: bytes, size: int) -> bool:
    """An 8-byte little-endian header length that fits the file, then a JSON object."""
    if len(head) < 10:
        return False
    (n,) = struct.unpack_from("<Q", head)
    return 2 <= n <= SAFETENSORS_MAX_HEADER and 8 + n <= size and head[8:9] == b"{"


def pickle(head: bytes) -> bool:
    """A pickle stream: a protocol header, or opcodes a real unpickler accepts (see
    :func:`secplan.modelfile.pickle.vm.looks_like_pickle`)."""
    return _looks_like_pickle()(head)


def zlib_stream(head: bytes) -> bool:
    """A zlib stream (joblib's default compression) whose first bytes are a pickle or a tar."""
    if len(head) < 2 or head[0] != 0x78 or (head[0] * 256 + head[1]) % 31:
        return False
    try:
        out = zlib.decompressobj().decompress(head, 64)
    except zlib.error:
        return False
    return _looks_like_pickle()(out) or tar(out)


def onnx(head: bytes) -> bool:
    """An ONNX ModelProto: ir_version (field 1) first, then only ModelProto fields, with a
    graph (7) or opset imports (8) among them."""
    if len(head) <= 8 or head[0] != 0x08 or head[1] >= 0x80:
        return False
    fields = _top_fields()(head)
    return bool(fields & {7, 8}) and fields <= {1, 2, 3, 4, 5, 6, 7, 8, 14, 20, 25}
