"""Atomic writes replace regular files only: a device, pipe or socket named as the output
(``--report /dev/null``, ``/dev/stdout``, a FIFO) is written to, never renamed over."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from secplan._io import atomic_write
from secplan.errors import TargetError
from secplan.protect.staging import staged


def test_a_regular_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")
    atomic_write(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary left


def test_a_pipe_is_written_to_and_stays_a_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    atomic_write(fifo, b"through the pipe")
    reader.join(timeout=30)
    assert got == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.fifo"]


def test_a_decryption_never_replaces_a_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "plain.fifo"
    os.mkfifo(fifo)
    with pytest.raises(TargetError, match="not a regular file"), staged(fifo, replace=True) as fh:
        fh.write(b"plaintext")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain.fifo"]
