"""The commit a project is at, read from the files under ``.git`` and never by running git:
a scanned repository's configuration could make git run commands (``core.fsmonitor``,
``core.sshCommand``, hooks), and reading three small files needs none of that.

``HEAD`` names a branch (``ref: refs/heads/main``) or a commit; a branch is resolved through
its loose ref file, else ``packed-refs``. Worktrees (``.git`` a file naming the git folder)
and their ``commondir`` are followed. Every file read is small and bounded, ref names are
checked before they become paths, and anything unexpected gives no commit rather than an
error: whether the working tree differs from the commit is not known (that would need the
index and the objects).

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> (d / ".git" / "refs" / "heads").mkdir(parents=True)
>>> _ = (d / ".git" / "HEAD").write_text("ref: refs/heads/main\\n")
>>> _ = (d / ".git" / "refs" / "heads" / "main").write_text("a" * 40 + "\\n")
>>> head_commit(d)
Commit(sha='aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', ref='refs/heads/main')
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path

MAX_SMALL_FILE = 4096  # HEAD, a loose ref, a .git file, commondir
MAX_PACKED_REFS = 32 << 20
MAX_SYMREF_DEPTH = 5
_SHA = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64})$")
_REF = re.compile(r"^refs/[A-Za-z0-9._/@+-]{1,255}$")


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str | None  # None on a branch with no commit yet
    ref: str | None  # the branch HEAD names; None for a detached HEAD

    @property
    def branch(self) -> str | None:
        return self.ref.removeprefix("refs/heads/") if self.ref else None


def _read_small(path: Path, limit: int = MAX_SMALL_FILE) -> str | None:
    """The text of a regular file of at most ``limit`` bytes, else None (links, FIFOs and
    devices are never opened)."""
    try:
        st = path.lstat()
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError:
        return None
    if len(data) > limit:
        return None
    return data.decode("utf-8", errors="replace")


def _safe_ref(ref: str) -> bool:
    parts = ref.split("/")
    return bool(_REF.match(ref)) and not any(
        p in ("", ".", "..") or p.startswith(".") for p in parts
    )


def git_dirs(root: Path) -> tuple[Path, Path] | None:
    """(the git folder, the common folder) of the repository at ``root``."""
    dot = root / ".git"
    try:
        st = dot.lstat()
    except OSError:
        return None
    if stat.S_ISDIR(st.st_mode):
        gitdir = dot
    else:
        text = _read_small(dot)
        if text is None or not text.startswith("gitdir:"):
            return None
        gitdir = (root / text.removeprefix("gitdir:").strip()).resolve()
        if not gitdir.is_dir():
            return None
    common = gitdir
    pointer = _read_small(gitdir / "commondir")
    if pointer is not None and pointer.strip():
        common = (gitdir / pointer.strip()).resolve()
    return gitdir, common


def _packed(common: Path, ref: str) -> str | None:
    path = common / "packed-refs"
    try:
        st = path.lstat()
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_PACKED_REFS:
            return None
        with path.open("r", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                sha, _, name = line.strip().partition(" ")
                if name == ref and _SHA.match(sha):
                    return sha
    except OSError:
        return None
    return None


def _resolve(gitdir: Path, common: Path, ref: str) -> tuple[str | None, str]:
    """(sha or None, the branch ref finally named)."""
    for _ in range(MAX_SYMREF_DEPTH):
        if not _safe_ref(ref):
            return None, ref
        text = _read_small(gitdir / ref) or _read_small(common / ref)
        if text is None:
            return _packed(common, ref), ref
        value = text.strip()
        if value.startswith("ref:"):
            ref = value.removeprefix("ref:").strip()
            continue
        return (value if _SHA.match(value) else None), ref
    return None, ref


def head_commit(root: Path) -> Commit | None:
    """The commit HEAD names in the repository whose top is ``root``; None when there is no
    readable repository there."""
    dirs = git_dirs(root)
    if dirs is None:
        return None
    gitdir, common = dirs
    head = _read_small(gitdir / "HEAD")
    if head is None:
        return None
    value = head.strip()
    if _SHA.match(value):
        return Commit(sha=value, ref=None)
    if not value.startswith("ref:"):
        return None
    sha, ref = _resolve(gitdir, common, value.removeprefix("ref:").strip())
    return Commit(sha=sha, ref=ref if _safe_ref(ref) else None)


def repository_top(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``.git``, within the same trust
    bounds as the project root (:func:`secplan.project.find_root`)."""
    from secplan.project import trusted

    for directory in (start, *start.parents):
        if not trusted(directory):
            return None
        if (directory / ".git").exists():
            return directory
    return None
