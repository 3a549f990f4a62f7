"""Archives models travel in: tar (and legacy PyTorch tar checkpoints) and single-stream
compression (gzip, bzip2, xz, lzma, zlib: joblib's compressed files among them).

Tar archives are read with Python's ``tarfile``, which is what PyTorch's legacy loader uses,
so member selection matches (for a repeated name, the last member wins). Members are
analysed by content, with the chain of member names in the finding's location.
"""

from __future__ import annotations

import lzma
import tarfile
import zlib
from collections.abc import Iterator

from secplan.model import Severity
from secplan.modelfile import formats
from secplan.modelfile.buffer import Buffer, file_view
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.handlers.members import check_member_name, ratio_bomb
from secplan.modelfile.limits import LimitExceeded, ZlibDecompressor
from secplan.modelfile.registry import register
from secplan.modelfile.rules import (
    ARCHIVE_BOMB,
    ARCHIVE_LINK,
    MALFORMED,
    NOT_VERIFIED,
)

_TORCH_TAR = frozenset({"storages", "tensors", "pickle"})


def _tar_members(tf: tarfile.TarFile, where: Where, ctx: Ctx) -> Iterator[tarfile.TarInfo]:
    count = 0
    while True:
        try:
            info = tf.next()
        except tarfile.TarError as exc:
            ctx.sink.add(MALFORMED, where, f"tar archive breaks off: {exc}")
            return
        if info is None:
            return
        count += 1
        if count > ctx.limits.max_members:
            ctx.sink.add(
                ARCHIVE_BOMB, where, f"tar has more than {ctx.limits.max_members:,} members"
            )
            return
        ctx.budget.check_time()
        yield info


_ARCHIVE_LIMITS = ("max_members", "max_member_bytes", "max_total_bytes", "seconds")
_STREAM_LIMITS = ("max_member_bytes", "max_total_bytes", "max_ratio", "ratio_floor")


@register("tar", limits=_ARCHIVE_LIMITS)
def handle_tar(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    try:
        tf = tarfile.open(fileobj=file_view(buf, size), mode="r:")  # noqa: SIM115
    except (tarfile.TarError, OSError, ValueError) as exc:
        ctx.sink.add(NOT_VERIFIED, where, f"tar archive cannot be read: {exc}")
        return
    seen: dict[str, int] = {}
    with tf:
        for info in _tar_members(tf, where, ctx):
            child = where.child(info.name)
            check_member_name(info.name, child, ctx)
            seen[info.name] = seen.get(info.name, 0) + 1
            if info.issym() or info.islnk():
                kind = "symbolic" if info.issym() else "hard"
                ctx.sink.add(
                    ARCHIVE_LINK,
                    child,
                    f"tar member is a {kind} link",
                    evidence=f"{info.name!r} -> {info.linkname!r}",
                )
                check_member_name(info.linkname, child, ctx)
                continue
            if not info.isreg() or info.size == 0:  # nothing any loader could act on
                continue
            data = _tar_data(tf, info, child, ctx)
            if data is None:
                continue
            if info.name in _TORCH_TAR and info.name != "pickle":
                from secplan.modelfile.handlers.torchlegacy import analyze_legacy_member

                analyze_legacy_member(info.name, data, child, ctx)
            else:
                ctx.nested(data, len(data), child)
    dupes = sorted(n for n, c in seen.items() if c > 1)
    if dupes:
        ctx.sink.add(
            MALFORMED,
            where,
            "tar archive repeats member names",
            evidence=", ".join(map(repr, dupes[:10])) + ": extraction keeps the last one, "
            "some readers the first; all were analysed",
            severity=Severity.HIGH,
        )


def _tar_data(tf: tarfile.TarFile, info: tarfile.TarInfo, where: Where, ctx: Ctx) -> bytes | None:
    if info.size > ctx.limits.max_member_bytes:
        ctx.sink.add(NOT_VERIFIED, where, f"tar member of {info.size:,} bytes was not analysed")
        return None
    ctx.budget.inflate(info.size)
    fh = tf.extractfile(info)
    if fh is None:
        return None
    try:
        return fh.read(info.size)
    except (tarfile.TarError, OSError) as exc:
        ctx.sink.add(MALFORMED, where, f"tar member cannot be read: {exc}")
        return None


def decompress(kind: str, buf: Buffer, size: int, ctx: Ctx, limit: int) -> tuple[bytes, int, bool]:
    """(content, compressed bytes consumed, whether more data follows the stream)."""
    new = formats.get(kind).decompressor
    assert new is not None, f"{kind} is not a compressed stream"
    dec = new()
    out = bytearray()
    pos = 0
    while pos < size:
        chunk = bytes(buf[pos : pos + (1 << 20)])
        pos += len(chunk)
        while chunk:
            part = dec.decompress(chunk, limit + 1 - len(out))
            ctx.budget.inflate(len(part))
            out += part
            if len(out) > limit:
                raise LimitExceeded(f"expands to more than {limit:,} bytes")
            chunk = dec.unconsumed_tail if isinstance(dec, ZlibDecompressor) else b""
            if getattr(dec, "eof", False):
                rest = dec.unused_data
                if kind == "gzip" and rest.lstrip(b"\x00"):
                    dec, chunk = new(), rest  # another gzip member
                    continue
                return bytes(out), pos - len(rest), bool(rest.strip(b"\x00"))
        ctx.budget.check_time()
    return bytes(out), pos, False


def handle_compressed(kind: str, buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    """Decompress a single-stream file of format ``kind`` and analyse its content."""
    child = where.child(f"<{kind} content>")
    if child.depth > ctx.limits.max_nesting:
        ctx.sink.add(
            ARCHIVE_BOMB, where, f"compression nested deeper than {ctx.limits.max_nesting}"
        )
        return
    try:
        data, _, trailing = decompress(kind, buf, size, ctx, ctx.limits.max_member_bytes)
    except LimitExceeded as exc:
        ctx.sink.add(
            ARCHIVE_BOMB, where, f"{kind} stream {exc}", evidence=f"compressed size {size:,} bytes"
        )
        return
    except (zlib.error, OSError, EOFError, lzma.LZMAError, ValueError) as exc:
        ctx.sink.add(MALFORMED, where, f"{kind} stream is corrupt: {exc}")
        return
    if trailing:
        ctx.sink.add(MALFORMED, where, f"data follows the end of the {kind} stream")
    ratio_bomb(len(data), size, where, ctx)
    if not ctx.nested(data, len(data), child):
        ctx.sink.add(NOT_VERIFIED, child, f"the {kind} content's format is not recognised")


def _stream_handler(kind: str) -> None:
    def handle(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
        handle_compressed(kind, buf, size, where, ctx)

    register(kind, limits=(*_STREAM_LIMITS, "max_nesting", "seconds"))(handle)


for _format in formats.FORMATS:
    if _format.decompressor is not None:
        _stream_handler(_format.name)
