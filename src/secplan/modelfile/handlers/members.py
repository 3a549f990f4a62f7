"""Checks every archive handler applies to its members: names that escape the extraction
directory (MF105) and members that expand beyond the limits (MF107); each member is analysed
:func:`~secplan.modelfile.isolation.isolated` from its siblings."""

from __future__ import annotations

import re

from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.isolation import isolated
from secplan.modelfile.rules import ARCHIVE_BOMB, ARCHIVE_TRAVERSAL

__all__ = ["check_member_name", "isolated", "ratio_bomb"]

_DRIVE = re.compile(r"^[A-Za-z]:")


def check_member_name(name: str, where: Where, ctx: Ctx) -> None:
    """MF105 when extracting ``name`` would write outside the target directory."""
    norm = name.replace("\\", "/")
    why = ""
    if norm.startswith("/") or _DRIVE.match(norm):
        why = "absolute path"
    elif ".." in norm.split("/"):
        why = "'..' component"
    elif "\x00" in norm:
        why = "NUL byte in the name"
    if why:
        ctx.sink.add(
            ARCHIVE_TRAVERSAL,
            where,
            f"archive member name escapes the extraction directory ({why})",
            evidence=repr(name),
        )


def ratio_bomb(usize: int, csize: int, where: Where, ctx: Ctx) -> bool:
    lim = ctx.limits
    ratio = usize / max(csize, 1)
    if usize > lim.max_member_bytes or (usize > lim.ratio_floor and ratio > lim.max_ratio):
        ctx.sink.add(
            ARCHIVE_BOMB,
            where,
            f"member expands to {usize:,} bytes from {csize:,} (ratio {ratio:,.0f})",
            evidence=f"limits: {lim.max_member_bytes:,} bytes per member, ratio "
            f"{lim.max_ratio} above {lim.ratio_floor:,} bytes; the member was not expanded",
        )
        return True
    return False
