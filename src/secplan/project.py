"""Finding the project a path belongs to, as git and ruff do: from the scanned file or folder
upward, the nearest directory that holds ``secplan.toml``, a ``pyproject.toml`` with a
``[tool.secplan]`` table, or a ``.secplan/`` folder of records.

The search never leaves the project a user can vouch for:

- a directory holding ``.git`` (a repository's top, or a worktree's) is the root when nothing
  nearer is marked, and the search never looks above it;
- a directory that every user may write to (``/tmp``), or that belongs to another user (as
  git's ownership check), ends the search below it: anyone could have planted settings or
  waivers there;
- without a marker the scanned folder (or the file's folder) is the root, as before.

Only names and, for ``pyproject.toml``, the first 1 MiB of text are read; nothing is parsed
as configuration here (that is :mod:`secplan.config`'s job, with its errors).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

MARKER_FILE = "secplan.toml"
RECORDS_DIR = ".secplan"
# blanks, not \s: with MULTILINE, ``^\s*`` would run over every following newline from each
# line start (quadratic in a file of empty lines); TOML allows only spaces and tabs there
_TOOL_TABLE = re.compile(rb"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*secplan[ \t]*[\].]", re.MULTILINE)
_MAX_PYPROJECT = 1 << 20


def trusted(directory: Path) -> bool:
    """Owned by this user (or root), and not writable by every user."""
    try:
        st = directory.stat()
    except OSError:
        return False
    return st.st_uid in (0, os.geteuid()) and not st.st_mode & stat.S_IWOTH


def _pyproject_marks(directory: Path) -> bool:
    path = directory / "pyproject.toml"
    try:
        with path.open("rb") as fh:
            head = fh.read(_MAX_PYPROJECT)
    except OSError:
        return False
    return _TOOL_TABLE.search(head) is not None


def is_marked(directory: Path) -> bool:
    """``directory`` holds secplan settings or records."""
    return (
        (directory / MARKER_FILE).is_file()
        or (directory / RECORDS_DIR).is_dir()
        or _pyproject_marks(directory)
    )


def find_root(target: Path) -> Path:
    """The root of the project ``target`` (a file or folder) belongs to."""
    start = target if target.is_dir() else target.parent
    for directory in (start, *start.parents):
        if not trusted(directory):
            break
        if is_marked(directory) or (directory / ".git").exists():
            return directory
    return start


def scope_of(target: Path, root: Path) -> str:
    """``target`` relative to ``root`` (POSIX), ``""`` when it is the root itself."""
    rel = target.relative_to(root).as_posix()
    return "" if rel == "." else rel
