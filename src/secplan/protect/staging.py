"""Files that protect is still writing (plaintext, ciphertext, re-wrapped headers), and the
sweeping of those that a killed process left behind.

A file appears under its final name only once it is complete and synced. Until then:

* **Unnamed** (Linux, where the filesystem supports ``O_TMPFILE``): the file is created
  without a name in its destination directory. If the process dies, even by ``kill -9``,
  the kernel frees it: partial plaintext never has a name that could outlive the process.
  It is linked into place when complete.
* **Named**, elsewhere: ``.NAME.XXXXXXXX.secplan-partial`` in the destination directory,
  mode 0600, while the writer holds a shared lock on that directory. :func:`sweep` removes
  partial files from directories no writer holds (the lock is released when a process dies,
  however it dies): every protect command sweeps the directories it writes in, and
  crypto-shredding sweeps the dataset.

>>> # with staged(Path("data/out.csv"), replace=False) as fh:
>>> #     fh.write(b"...")        # out.csv appears only if the block completes
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from secplan._io import fsync_dir, is_special
from secplan.errors import TargetError

SUFFIX = ".secplan-partial"
MODE = 0o600
#: Use unnamed files where the filesystem supports them (tests turn it off to exercise the
#: named fallback).
UNNAMED = True

_locks: dict[str, tuple[int, int]] = {}  # directory -> (fd holding a shared lock, users)
_guard = threading.Lock()


def exists_error(dest: Path) -> TargetError:
    return TargetError(f"{dest}: already exists", "move it away, or add --force to replace it")


def _acquire(directory: Path) -> str:
    key = os.path.realpath(directory)
    with _guard:
        fd, users = _locks.get(key, (-1, 0))
        if fd < 0:
            fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
            fcntl.flock(fd, fcntl.LOCK_SH)
        _locks[key] = (fd, users + 1)
    return key


def _release(key: str) -> None:
    with _guard:
        fd, users = _locks[key]
        if users > 1:
            _locks[key] = (fd, users - 1)
            return
        del _locks[key]
        os.close(fd)  # closing the last descriptor drops the lock


def _partial_name(dest: Path) -> Path:
    return dest.with_name(f".{dest.name}.{secrets.token_hex(4)}{SUFFIX}")


def _open_unnamed(directory: Path) -> int | None:
    flag = getattr(os, "O_TMPFILE", 0)
    if not UNNAMED or not flag or not Path("/proc/self/fd").is_dir():
        return None
    try:
        return os.open(directory, flag | os.O_WRONLY, MODE)
    except OSError:  # not supported by this filesystem: fall back to a named file
        return None


def _link_open_file(fd: int, dest: Path) -> None:
    """Give the unnamed open file ``fd`` the name ``dest`` (never replacing one). linkat with
    AT_SYMLINK_FOLLOW on its /proc entry, which os.link uses once a directory fd is given."""
    proc = os.open("/proc/self/fd", os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.link(str(fd), dest, src_dir_fd=proc, follow_symlinks=True)
    finally:
        os.close(proc)


def _place_new(partial: Path, dest: Path) -> None:
    """Give ``partial`` the name ``dest`` unless that name exists: a hard link never
    replaces. On filesystems without hard links: a check, then a rename (a narrow race)."""
    try:
        os.link(partial, dest)
    except FileExistsError:
        raise exists_error(dest) from None
    except OSError:
        if dest.exists() or dest.is_symlink():
            raise exists_error(dest) from None
        partial.replace(dest)
        return
    partial.unlink()


#: How far a large staged file's writing runs ahead of the disk (see :class:`WriteBehind`).
WRITE_BEHIND = 64 << 20


def _sync_file_range() -> Callable[[int, int, int], None] | None:
    """Linux's sync_file_range(2) with SYNC_FILE_RANGE_WRITE: starts the writeback of a
    file's dirty pages in a range, without waiting for it and without dropping them from the
    page cache (the os module has no binding; None where the C library lacks it)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # loaded only for large files

    try:
        call = ctypes.CDLL(None, use_errno=True).sync_file_range
    except (AttributeError, OSError):
        return None
    call.argtypes = (ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint)
    call.restype = ctypes.c_int
    write = 2  # SYNC_FILE_RANGE_WRITE

    def start(fd: int, offset: int, length: int) -> None:
        if call(fd, offset, length, write) != 0:
            errno = ctypes.get_errno()
            raise OSError(errno, os.strerror(errno))

    return start


class WriteBehind:
    """Call after each large write to ``fh``: once :data:`WRITE_BEHIND` bytes are written
    beyond what is already on its way to the disk, their writeback is started (not waited
    for, and the pages stay cached), so that the disk works while the data is still being
    produced and the final fsync has little left to wait for, instead of all of it."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self._started = 0  # bytes from the start whose writeback was asked for
        self._start: Callable[[int, int, int], None] | None = None
        self._loaded = False

    def __call__(self) -> None:
        end = self._fh.tell() - WRITE_BEHIND
        if end - self._started < WRITE_BEHIND:
            return
        if not self._loaded:
            self._start, self._loaded = _sync_file_range(), True
        if self._start is not None:
            try:
                self._start(self._fh.fileno(), self._started, end - self._started)
            except OSError:
                self._start = None  # not supported here: the final fsync does all the work
        self._started = end


class Staged:
    """A file being written for ``dest``; :meth:`commit` gives it its final name."""

    def __init__(self, dest: Path, *, named: bool = False) -> None:
        self.dest = dest
        self._lock = _acquire(dest.parent)
        try:
            fd = None if named else _open_unnamed(dest.parent)
            self.partial: Path | None = None
            if fd is None:
                self.partial = _partial_name(dest)
                fd = os.open(self.partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, MODE)
            os.fchmod(fd, MODE)  # whatever the umask
            self.file: BinaryIO = os.fdopen(fd, "wb")
        except BaseException:
            _release(self._lock)
            raise
        self._done = False

    def finish(self) -> None:
        """Flush and sync the content (the file keeps its temporary state). A named file is
        closed too, so that many can wait for :meth:`commit` without holding descriptors."""
        if not self.file.closed:
            self.file.flush()
            os.fsync(self.file.fileno())
            if self.partial is not None:
                self.file.close()

    def commit(self, *, replace: bool) -> None:
        """Give the complete file its final name. Without ``replace`` an existing file is
        never replaced (:class:`TargetError`), even one that appeared meanwhile."""
        self.finish()
        try:
            if replace and is_special(self.dest):
                raise TargetError(
                    f"{self.dest}: not a regular file (a device or a pipe), never replaced",
                    "give the path of a file",
                )
            if self.partial is None:  # unnamed: link the open file into the directory
                source = _partial_name(self.dest) if replace else self.dest
                try:
                    _link_open_file(self.file.fileno(), source)
                except FileExistsError:
                    raise exists_error(self.dest) from None
                if replace:
                    try:
                        source.replace(self.dest)
                    except OSError:
                        source.unlink(missing_ok=True)
                        raise
            elif replace:
                self.partial.replace(self.dest)
            else:
                _place_new(self.partial, self.dest)
            fsync_dir(self.dest.parent)
            self._done = True
        finally:
            self.discard()

    def discard(self) -> None:
        """Drop the file unless it was committed (idempotent)."""
        with contextlib.suppress(OSError):
            self.file.close()
        if self.partial is not None and not self._done:
            with contextlib.suppress(FileNotFoundError):
                self.partial.unlink()
        if self._lock:
            _release(self._lock)
            self._lock = ""


@contextlib.contextmanager
def writing_in(directory: Path) -> Iterator[None]:
    """Hold the shared lock on ``directory`` that keeps :func:`sweep` away from partial
    files and directories this process creates there."""
    key = _acquire(directory)
    try:
        yield
    finally:
        _release(key)


@contextlib.contextmanager
def staged(dest: Path, *, replace: bool) -> Iterator[BinaryIO]:
    """Write ``dest`` through a staged file, committed only if the block completes."""
    s = Staged(dest)
    try:
        yield s.file
        s.commit(replace=replace)
    finally:
        s.discard()


def private_dirs(path: Path) -> Path:
    """``path`` as a directory, each missing level created 0700 (a stricter umask applies)."""
    missing = []
    here = path
    while not here.is_dir():
        missing.append(here)
        here = here.parent
    for d in reversed(missing):
        d.mkdir(mode=0o700)
    return path


def sweep(directory: Path) -> list[Path]:
    """Remove the partial files that dead writers left in ``directory`` (not recursive)."""
    try:
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return []
    removed = []
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return []  # a live writer is at work here: its files are not leftovers
        with os.scandir(directory) as entries:
            for e in entries:
                if not (e.name.startswith(".") and e.name.endswith(SUFFIX)):
                    continue
                path = Path(e.path)
                with contextlib.suppress(FileNotFoundError):
                    if e.is_dir(follow_symlinks=False):
                        shutil.rmtree(path)
                    else:
                        path.unlink()
                    removed.append(path)
    finally:
        os.close(fd)
    return removed


def sweep_tree(root: Path) -> list[Path]:
    """:func:`sweep` ``root`` and every directory under it (a file: its directory)."""
    if not root.is_dir() or root.is_symlink():
        return sweep(root.parent) if root.exists() else []
    removed = []
    for dirpath, dirnames, _ in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.endswith(SUFFIX)]
        removed += sweep(Path(dirpath))
    return removed


def unnamed_supported(directory: Path) -> bool:
    """Whether files in ``directory`` can be written unnamed (for tests and diagnostics)."""
    fd = _open_unnamed(directory)
    if fd is None:
        return False
    os.close(fd)
    return True
