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
from secplan.modelfile.readers.marshalwalk import looks_like_marshal

#: Largest safetensors header a loader accepts (the reference implementation's limit).
SAFETENSORS_MAX_HEADER = 100_000_000
#: Top-level protobuf fields walked to recognise a message: a SentencePiece model has one per
#: vocabulary piece, 32,000 for Llama's and 256,000 for Gemma's.
MAX_PROTO_FIELDS = 400_000


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
    from secplan.modelfile.readers.zipend import is_zip

    return is_zip


@cache
def _looks_like_pickle() -> Callable[[bytes], bool]:
    from secplan.modelfile.pickle.vm import looks_like_pickle

    return looks_like_pickle


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


def pickle(head: bytes, buf: Buffer | None = None, size: int = 0) -> bool:
    """A pickle stream: a protocol header, or opcodes a real unpickler accepts (see
    :func:`secplan.modelfile.pickle.vm.looks_like_pickle`), also after leading strings longer
    than the head (a loader reads on; a scanner that judges by the head alone does not)."""
    return _looks_like_pickle()(head) or _after_long_strings(head, buf, size)


#: String opcodes and the width of their length prefix (0: terminated by a newline).
_STRING_OPS = {ord("S"): 0, ord("V"): 0, ord("X"): 4, ord("B"): 4, ord("T"): 4, ord("U"): 1}
_STRING_OPS |= {ord("C"): 1, 0x8C: 1, 0x8D: 8, 0x8E: 8, 0x96: 8}
_MAX_LEADING = 16


def _after_long_strings(head: bytes, buf: Buffer | None, size: int) -> bool:
    """Skip the string opcodes a stream starts with, then judge what follows them. With the
    head only (discovery), a string that runs past the head and fits the file is enough to
    hand the file to the analyzer, which reads on."""
    data, end = (head, len(head)) if buf is None else (buf, size)
    pos = 0
    for _ in range(_MAX_LEADING):
        if pos >= end:
            return False
        op = data[pos]
        width = _STRING_OPS.get(op)
        if width is None:
            break
        if width == 0:  # S'...'\n or V...\n
            if op == ord("S") and bytes(data[pos + 1 : pos + 2]) not in (b"'", b'"'):
                return False
            nl = data.find(b"\n", pos + 1, min(end, pos + (64 << 20)))
            if nl < 0:
                return buf is None and len(head) >= 4096
            pos = nl + 1
        else:
            raw = bytes(data[pos + 1 : pos + 1 + width])
            n = int.from_bytes(raw, "little")
            if len(raw) < width or pos + 1 + width + n > (size or end):
                return False
            pos += 1 + width + n
            if pos > end:  # the head only, and the string runs past it
                return n >= 4096
    else:
        return False
    if pos == 0:
        return False
    rest = bytes(data[pos : min(end, pos + len(head))])
    return _looks_like_pickle()(b"S'x'\n" + rest)


def zlib_stream(head: bytes) -> bool:
    """A zlib stream (joblib's default compression) whose first bytes are a pickle or a tar."""
    if len(head) < 2 or head[0] != 0x78 or (head[0] * 256 + head[1]) % 31:
        return False
    try:
        out = zlib.decompressobj().decompress(head, 64)
    except zlib.error:
        return False
    return _looks_like_pickle()(out) or tar(out)


#: ModelProto fields and their wire types (0 varint, 2 length-delimited).
_ONNX_FIELDS = {1: 0, 2: 2, 3: 2, 4: 2, 5: 0, 6: 2, 7: 2, 8: 2, 14: 2, 20: 2, 25: 2}


def onnx(head: bytes, buf: Buffer | None = None, size: int = 0) -> bool:
    """An ONNX ModelProto, recognised by its wire structure as protobuf reads it (fields may
    come in any order): only ModelProto fields with their wire types, a graph (7), and an
    ir_version (1) or opset imports (8)."""
    seen = _proto_top(head, buf, size, _ONNX_FIELDS)
    return seen is not None and 7 in seen and bool(seen & {1, 8})


#: SentencePiece ModelProto: pieces (1), trainer, normalizer, self-test and denormalizer specs.
_SENTENCEPIECE_FIELDS = {1: 2, 2: 2, 3: 2, 4: 2, 5: 2}


def sentencepiece(head: bytes, buf: Buffer | None = None, size: int = 0) -> bool:
    """A SentencePiece tokenizer model (``tokenizer.model``): a protobuf of its five fields
    only, starting with a vocabulary piece."""
    if not head.startswith(b"\x0a"):
        return False
    seen = _proto_top(head, buf, size, _SENTENCEPIECE_FIELDS)
    return seen is not None and 1 in seen


#: MetaGraphDef: meta_info_def, graph_def, saver_def, collection_def, signature_def,
#: asset_file_def, object_graph_def (all length-delimited).
_METAGRAPH_FIELDS = dict.fromkeys(range(1, 8), 2)


def tf_metagraph(head: bytes, buf: Buffer | None = None, size: int = 0) -> bool:
    """A TensorFlow MetaGraphDef (a checkpoint's ``.meta`` file, read by
    ``tf.train.import_meta_graph``): MetaGraphDef fields only, with its graph when the whole
    file is at hand."""
    if head[:1] not in (b"\x0a", b"\x12"):
        return False
    seen = _proto_top(head, buf, size, _METAGRAPH_FIELDS)
    if seen is None:
        return False
    return 2 in seen if buf is not None else bool(seen & {1, 2})


#: joblib before 0.10 compressed with zlib behind a header: ``ZF``, the content's length in
#: hex padded with spaces to 19 characters (``len(hex(2**64))``), sometimes one space more.
ZFILE_PREFIX = b"ZF"
ZFILE_HEADER = 2 + 19


def joblib_zfile(head: bytes) -> tuple[int, int] | None:
    """``(content length, offset of the zlib stream)`` of an old joblib compressed file, read
    as joblib's ``read_zfile`` reads it, or None."""
    if not head.startswith(ZFILE_PREFIX) or len(head) < ZFILE_HEADER + 3:
        return None
    field = head[2:ZFILE_HEADER]
    if not field.startswith(b"0x") or not field[2:].rstrip(b" ").isalnum():
        return None
    try:
        length = int(field, 16)
    except ValueError:
        return None
    start = ZFILE_HEADER + (head[ZFILE_HEADER : ZFILE_HEADER + 1] == b" ")
    if head[start] != 0x78 or (head[start] * 256 + head[start + 1]) % 31:
        return None
    return length, start


def _proto_top(
    head: bytes, buf: Buffer | None, size: int, allowed: dict[int, int]
) -> set[int] | None:
    """The top-level field numbers of a protobuf message whose fields are all in ``allowed``
    (number -> wire type), or None. With the whole buffer the fields are walked to the end
    (skipping each field's bytes); with the head only, up to the first field that runs past
    it."""
    if len(head) < 8:
        return None
    data, end = (head, len(head)) if buf is None else (buf, size)
    seen: set[int] = set()
    pos = count = 0
    while pos < end:
        count += 1
        if count > MAX_PROTO_FIELDS:
            return None
        key, pos = _varint(bytes(data[pos : pos + 10]), 0, pos)
        if key < 0 or allowed.get(key >> 3) != key & 7:
            return None
        seen.add(key >> 3)
        value, pos = _varint(bytes(data[pos : pos + 10]), 0, pos)
        if value < 0:
            return None
        if key & 7 == 2:
            if pos + value > end:
                if buf is None and pos < end:
                    break  # the head ends inside this field: the rest is not at hand
                return None
            pos += value
    return seen


def _varint(data: bytes, pos: int, base: int) -> tuple[int, int]:
    """(value, ``base`` + the position after it), or (-1, ...) when it is cut or overlong."""
    value = shift = 0
    while pos < len(data) and shift <= 63:
        b = data[pos]
        pos += 1
        value |= (b & 0x7F) << shift
        if b < 0x80:
            return value, base + pos
        shift += 7
    return -1, base + pos


#: h5py (the HDF5 library) looks for the superblock at 0, then 512, 1024, 2048, ...
HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"


def hdf5_offset(buf: Buffer | None, size: int) -> int | None:
    """Where the HDF5 library finds a superblock (after a user block when not at 0)."""
    if buf is None:
        return None
    off = 512
    while off + 8 <= size:
        if bytes(buf[off : off + 8]) == HDF5_MAGIC:
            return off
        off *= 2
    return None


def coreml_weights(head: bytes) -> bool:
    """coremltools' blob storage (an ``.mlpackage``'s ``weight.bin``): version 2 in the
    header, and the first blob record's sentinel, 0xDEADBEEF, at byte 64."""
    return (
        len(head) >= 88
        and head[4:8] == b"\x02\x00\x00\x00"
        and head[:4] != b"\x00\x00\x00\x00"
        and head[64:68] == b"\xef\xbe\xad\xde"
    )


def marshal(head: bytes, size: int) -> bool:
    """Python ``marshal`` data whose first value is a container (see
    :func:`secplan.modelfile.readers.marshalwalk.looks_like_marshal`)."""
    return looks_like_marshal(head, size)
