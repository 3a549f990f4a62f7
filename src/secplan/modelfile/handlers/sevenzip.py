"""7z archives, read with py7zr (optional): sizes are checked before anything is expanded."""

from __future__ import annotations

import io
from types import ModuleType

from secplan.modelfile.buffer import Buffer, file_view
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.handlers.members import check_member_name, ratio_bomb
from secplan.modelfile.registry import register
from secplan.modelfile.rules import ARCHIVE_BOMB, ARCHIVE_LINK, NOT_VERIFIED


def analyze_7z(py7zr: ModuleType, fh: io.BufferedIOBase, size: int, where: Where, ctx: Ctx) -> None:
    lim = ctx.limits
    try:
        with py7zr.SevenZipFile(fh, mode="r") as z:
            if z.needs_password():
                ctx.sink.add(NOT_VERIFIED, where, "7z archive is encrypted; not analysed")
                return
            entries = list(z.list())
            if len(entries) > lim.max_members:
                ctx.sink.add(ARCHIVE_BOMB, where, f"7z has {len(entries):,} members")
                return
            total = 0
            wanted = []
            for e in entries:
                child = where.child(e.filename)
                check_member_name(e.filename, child, ctx)
                if getattr(e, "is_symlink", False):
                    ctx.sink.add(ARCHIVE_LINK, child, "7z member is a symbolic link")
                    continue
                if e.is_directory:
                    continue
                usize = int(e.uncompressed or 0)
                total += usize
                if ratio_bomb(usize, max(1, size // max(1, len(entries))), child, ctx):
                    continue
                wanted.append(e.filename)
            if total > lim.max_total_bytes:
                ctx.sink.add(ARCHIVE_BOMB, where, f"7z expands to {total:,} bytes")
                return
            factory = py7zr.io.BytesIOFactory(lim.max_member_bytes)
            z.extract(targets=wanted, factory=factory)
    except Exception as exc:  # py7zr raises many types on hostile input
        ctx.sink.add(NOT_VERIFIED, where, f"7z archive cannot be read: {type(exc).__name__}: {exc}")
        return
    for name in wanted:
        child = where.child(name)
        if child.depth > lim.max_nesting:
            ctx.sink.add(ARCHIVE_BOMB, child, f"archives nested deeper than {lim.max_nesting}")
            continue
        try:
            product = factory.get(name)
        except KeyError:
            ctx.sink.add(NOT_VERIFIED, child, "7z member was listed but could not be extracted")
            continue
        product.seek(0)
        data = product.read()
        if len(data) >= lim.max_member_bytes:
            ctx.sink.add(
                NOT_VERIFIED,
                child,
                f"7z member reaches the {lim.max_member_bytes:,}-byte limit; only that much "
                "was analysed",
            )
        ctx.budget.inflate(len(data))
        ctx.nested(data, len(data), child)


@register(
    "7z",
    limits=(
        "max_members",
        "max_member_bytes",
        "max_total_bytes",
        "max_ratio",
        "ratio_floor",
        "max_nesting",
    ),
)
def handle_7z(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    try:
        import py7zr
    except ImportError:
        ctx.sink.add(
            NOT_VERIFIED,
            where,
            "7z archive not analysed: the py7zr package is not installed",
            evidence="install secplan with 7z support (py7zr) to analyse 7z archives",
        )
        return
    analyze_7z(py7zr, file_view(buf, size), size, where, ctx)
