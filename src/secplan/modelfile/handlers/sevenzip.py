"""7z archives, read with py7zr (optional): sizes are checked before anything is expanded."""

from __future__ import annotations

import io
from types import ModuleType

from secplan.modelfile.buffer import Buffer, file_view
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.handlers.members import check_member_name, isolated, ratio_bomb
from secplan.modelfile.isolation import short
from secplan.modelfile.registry import register
from secplan.modelfile.rules import ARCHIVE_BOMB, ARCHIVE_LINK, NOT_VERIFIED

MAX_RETRIED = 1000  # members extracted one by one when the archive fails as a whole


def analyze_7z(py7zr: ModuleType, fh: io.BufferedIOBase, size: int, where: Where, ctx: Ctx) -> None:
    lim = ctx.limits
    try:
        with py7zr.SevenZipFile(fh, mode="r") as z:
            if z.needs_password():
                ctx.sink.add(NOT_VERIFIED, where, "7z archive is encrypted; not analysed")
                return
            entries = list(z.list())
    except Exception as exc:  # py7zr raises many types on hostile input
        ctx.sink.add(NOT_VERIFIED, where, f"7z archive cannot be read: {short(exc)}")
        return
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
    failed: set[str] = set()
    try:
        products = _extract(py7zr, fh, wanted, lim.max_member_bytes)
    except Exception:  # one member spoils the whole extraction: take them one by one
        products = {}
        failed.update(wanted[MAX_RETRIED:])
        for name in wanted[:MAX_RETRIED]:
            ctx.budget.check_time()
            try:
                products.update(_extract(py7zr, fh, [name], lim.max_member_bytes))
            except Exception as exc:
                failed.add(name)
                ctx.sink.add(
                    NOT_VERIFIED,
                    where.child(name),
                    f"7z member cannot be extracted: {short(exc)}",
                    evidence="its content was not analysed; the other members were",
                )
        if len(wanted) > MAX_RETRIED:
            ctx.sink.add(
                NOT_VERIFIED,
                where,
                f"7z archive cannot be extracted as a whole; {len(wanted) - MAX_RETRIED:,} "
                f"members beyond the first {MAX_RETRIED:,} were not analysed",
            )
    for name in wanted:
        child = where.child(name)
        if child.depth > lim.max_nesting:
            ctx.sink.add(ARCHIVE_BOMB, child, f"archives nested deeper than {lim.max_nesting}")
            continue
        data = products.get(name)
        if data is None:
            if name in failed:
                continue
            ctx.sink.add(NOT_VERIFIED, child, "7z member was listed but could not be extracted")
            continue
        if len(data) >= lim.max_member_bytes:
            ctx.sink.add(
                NOT_VERIFIED,
                child,
                f"7z member reaches the {lim.max_member_bytes:,}-byte limit; only that much "
                "was analysed",
            )
        ctx.budget.inflate(len(data))
        with isolated(child, ctx, "7z member"):
            ctx.nested(data, len(data), child)


def _extract(
    py7zr: ModuleType, fh: io.BufferedIOBase, names: list[str], limit: int
) -> dict[str, bytes]:
    """The content of the members ``names`` (each cut at ``limit`` bytes)."""
    fh.seek(0)
    factory = py7zr.io.BytesIOFactory(limit)
    with py7zr.SevenZipFile(fh, mode="r") as z:
        z.extract(targets=names, factory=factory)
    out: dict[str, bytes] = {}
    for name in names:
        try:
            product = factory.get(name)
        except KeyError:
            continue
        product.seek(0)
        out[name] = product.read()
    return out


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
