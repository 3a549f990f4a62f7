"""World-writable permissions set by ``chmod`` and ``umask`` command lines.

>>> cases = [["chmod", "-R", "777", "/app"], ["chmod", "1777", "/tmp/x"], ["chmod", "a+w", "f"],
...          ["chmod", "u+x", "f"], ["umask", "000"], ["umask", "022"]]
>>> [world_writable(a) is not None for a in cases]
[True, False, True, False, True, False]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from secplan.scanners.platform_config.rules import WORLD_WRITABLE
from secplan.scanners.platform_config.servers import Hit

_NUMERIC = re.compile(r"^0*([0-7]?)([0-7])([0-7])([0-7])$")
_CLAUSE = re.compile(r"^([ugoa]*)([-+=])([rwxXst]*)$")


def _numeric_world_writable(mode: str) -> bool:
    m = _NUMERIC.match(mode)
    if m is None:
        return False
    special, other = int(m.group(1) or "0"), int(m.group(4))
    return bool(other & 2) and not special & 1  # the sticky bit keeps a shared directory safe


def _symbolic_world_writable(mode: str) -> bool:
    for clause in mode.split(","):
        m = _CLAUSE.match(clause)
        if m is None:
            continue
        who, op, perms = m.groups()
        if op in "+=" and "w" in perms and ("o" in who or "a" in who) and "t" not in perms:
            return True
    return False


def _chmod_mode(args: Sequence[str]) -> str | None:
    for arg in args:
        if arg.startswith("--"):
            continue
        if arg.startswith("-") and not _CLAUSE.match(arg):
            continue  # -R, -v, -f, -c
        return arg
    return None


def _umask_allows_world_write(mask: str) -> bool:
    if re.fullmatch(r"[0-7]{1,4}", mask):
        return not int(mask[-1]) & 2
    return _symbolic_world_writable(mask)


def world_writable(argv: Sequence[str]) -> Hit | None:
    """CF124 for ``chmod``/``umask`` words that let every user write, else ``None``."""
    if not argv:
        return None
    prog = argv[0].rsplit("/", 1)[-1]
    if prog == "chmod":
        mode = _chmod_mode(argv[1:])
        if mode and (_numeric_world_writable(mode) or _symbolic_world_writable(mode)):
            targets = [a for a in argv[1:] if a != mode and not a.startswith("-")]
            shown = f"chmod {mode} {targets[0] if targets else ''}".strip()[:120]
            return Hit(WORLD_WRITABLE, "chmod makes files writable by every user", shown)
    elif prog == "umask" and len(argv) > 1 and _umask_allows_world_write(argv[-1]):
        return Hit(
            WORLD_WRITABLE,
            "umask lets every user write the files created afterwards",
            f"umask {argv[-1][:20]}",
        )
    return None
