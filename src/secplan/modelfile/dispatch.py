"""Recognise a file (or member) by its content and run every handler that applies.

A file can be valid as several formats at once (a pickle that is also a zip, a tar whose first
header is a pickle): different loaders then act on different bytes. Every interpretation a
loader could take is analysed, and a file that has more than one is reported.
"""

from __future__ import annotations

import dataclasses
import mmap
import struct
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

from secplan.model import Severity
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.limits import Budget, LimitExceeded
from secplan.modelfile.pickle.ops import Buffer
from secplan.modelfile.pickle.vm import looks_like_pickle
from secplan.modelfile.readers.zipread import is_zip
from secplan.modelfile.rules import MALFORMED, NOT_VERIFIED

HEAD = 8192
Handler = Callable[[Buffer, int, Where, Ctx], None]
_CONTAINERS = frozenset({"zip", "tar", "pickle", "7z"})
MODEL_NAMES = (
    ".pkl",
    ".pickle",
    ".pt",
    ".pth",
    ".bin",
    ".ckpt",
    ".joblib",
    ".h5",
    ".hdf5",
    ".keras",
    ".onnx",
    ".pb",
    ".gguf",
    ".safetensors",
    ".npy",
    ".npz",
    ".dill",
    ".model",
    ".mar",
)


def _tar(head: bytes) -> bool:
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


def _safetensors(head: bytes, size: int) -> bool:
    if len(head) < 10:
        return False
    (n,) = struct.unpack_from("<Q", head)
    return 2 <= n <= 100_000_000 and 8 + n <= size and head[8:9] == b"{"


def _zlib(head: bytes) -> bool:
    if len(head) < 2 or head[0] != 0x78 or (head[0] * 256 + head[1]) % 31:
        return False
    try:
        out = zlib.decompressobj().decompress(head, 64)
    except zlib.error:
        return False
    return looks_like_pickle(out) or _tar(out)


def _protobuf_kind(head: bytes, name: str) -> str | None:
    low = name.lower()
    if low in ("saved_model.pb", "keras_metadata.pb"):
        return "savedmodel"
    if low.endswith(".onnx"):
        return "onnx"
    if len(head) > 8 and head[0] == 0x08 and head[1] < 0x80:
        from secplan.modelfile.readers.protowire import top_fields

        fields = top_fields(head)
        if fields & {7, 8} and fields <= {1, 2, 3, 4, 5, 6, 7, 8, 14, 20, 25}:
            return "onnx"
    return None


def detect(buf: Buffer, size: int, head: bytes, name: str) -> list[str]:
    """Every format the content is valid as, most specific first."""
    kinds: list[str] = []
    tar = _tar(head)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")) or (not tar and is_zip(buf, size)):
        kinds.append("zip")
    for magic, kind in (
        (b"7z\xbc\xaf\x27\x1c", "7z"),
        (b"\x1f\x8b", "gzip"),
        (b"BZh", "bzip2"),
        (b"\xfd7zXZ\x00", "xz"),
        (b"\x93NUMPY", "npy"),
        (b"\x89HDF\r\n\x1a\n", "hdf5"),
        (b"GGUF", "gguf"),
        (b"age-encryption.org/", "encrypted"),
        (b"-----BEGIN AGE ENCRYPTED", "encrypted"),
        (b"-----BEGIN PGP MESSAGE", "encrypted"),
        (b"\x28\xb5\x2f\xfd", "zstd"),
        (b"\x04\x22\x4d\x18", "lz4"),
    ):
        if head.startswith(magic):
            kinds.append(kind)
    if head[:3] == b"\x5d\x00\x00" and len(head) > 13:
        kinds.append("lzma")
    if _zlib(head):
        kinds.append("zlib")
    if tar:
        kinds.append("tar")
    if len(head) >= 8 and head[4:8] == b"TFL3":
        kinds.append("tflite")
    if _safetensors(head, size):
        kinds.append("safetensors")
    if set(kinds) <= {"zip", "tar"} and not head.startswith(b"PK") and looks_like_pickle(head):
        kinds.append("pickle")
    if not kinds:
        proto = _protobuf_kind(head, name)
        if proto:
            kinds.append(proto)
    return kinds


@cache
def handlers() -> dict[str, Handler]:
    """Format -> handler, built once (on first use, so that importing this module stays light)."""
    from secplan.modelfile.handlers import (
        archives,
        gguf,
        keras,
        numpyfmt,
        onnxfmt,
        picklefile,
        safetensors,
        savedmodel,
        zips,
    )

    return {
        "zip": zips.handle,
        "tar": archives.handle_tar,
        "7z": archives.handle_7z,
        "gzip": archives.handle_compressed,
        "bzip2": archives.handle_compressed,
        "xz": archives.handle_compressed,
        "lzma": archives.handle_compressed,
        "zlib": archives.handle_compressed,
        "npy": numpyfmt.handle,
        "hdf5": keras.handle_hdf5,
        "gguf": gguf.handle,
        "safetensors": safetensors.handle,
        "pickle": picklefile.handle,
        "savedmodel": savedmodel.handle,
        "onnx": onnxfmt.handle,
    }


_UNSUPPORTED = {
    "encrypted": "the file is encrypted; its content cannot be analysed",
    "zstd": "zstandard compression is not supported",
    "lz4": "lz4 compression is not supported",
    "tflite": "TensorFlow Lite flatbuffers are not analysed",
}


def analyze(buf: Buffer, size: int, where: Where, ctx: Ctx, *, top: bool = False) -> bool:
    """Run every handler the content calls for; False when the format is not recognised."""
    head = bytes(buf[:HEAD])
    kinds = detect(buf, size, head, where.name)
    if "pickle" in kinds and "zip" in kinds and _zip_inside_pickle(buf, size, ctx):
        kinds.remove("zip")  # an archive carried as bytes inside the pickle, not a polyglot
    table = handlers()
    if len([k for k in kinds if k in _CONTAINERS]) > 1:
        ctx.sink.add(
            MALFORMED,
            where,
            "file is valid as several formats at once: " + " and ".join(kinds),
            evidence="different loaders act on different bytes of a polyglot file; "
            "each interpretation was analysed",
            severity=Severity.HIGH,
        )
    for kind in kinds:
        if kind in _UNSUPPORTED:
            ctx.sink.add(NOT_VERIFIED, where, _UNSUPPORTED[kind], evidence=f"format {kind}")
            continue
        try:
            table[kind](buf, size, where, ctx)
        except LimitExceeded as exc:
            ctx.sink.add(NOT_VERIFIED, where, f"analysis stopped at a limit: {exc}")
    if not kinds and (top or where.name.lower().endswith(MODEL_NAMES)):
        ctx.sink.add(
            NOT_VERIFIED,
            where,
            "the file's format is not recognised, so it could not be analysed",
            evidence=f"first bytes {head[:16].hex(' ')}",
        )
    return bool(kinds)


def _zip_inside_pickle(buf: Buffer, size: int, ctx: Ctx) -> bool:
    from secplan.modelfile.pickle.streams import walk_streams
    from secplan.modelfile.readers.zipread import ZipError, read_directory

    try:
        start = read_directory(buf, size, 1).concat
    except ZipError:
        return True  # not a readable archive at all
    # a probe: its opcodes are not charged to the file's budget, which the real walk of the
    # same streams spends afterwards (only the deadline is shared)
    probe = dataclasses.replace(ctx, budget=Budget(ctx.limits, deadline=ctx.budget.deadline))
    results, end = walk_streams(buf, 0, size, probe)
    return bool(results) and results[-1].end is not None and start < end


def analyze_bytes(data: bytes, where: Where, ctx: Ctx) -> None:
    analyze(data, len(data), where, ctx)


def analyze_path(path: Path, where: Where, ctx: Ctx) -> None:
    """Analyse a file on disk through a read-only memory map (nothing is read whole)."""
    with path.open("rb") as fh:
        size = path.stat().st_size
        if size == 0:
            ctx.sink.add(NOT_VERIFIED, where, "the file is empty")
            return
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            analyze(mm, size, where, ctx, top=True)
