"""Text that scanners parse: a UTF-8 byte-order mark is read as the loaders read it."""

from __future__ import annotations

from pathlib import Path

from secplan.textfile import read_text
from tests.helpers import rules_of, scan, write


def test_a_byte_order_mark_is_not_text(tmp_path: Path) -> None:
    p = write(tmp_path, "a.py", b"\xef\xbb\xbfimport os\n")
    assert read_text(p) == "import os\n"


def test_code_with_a_byte_order_mark_is_still_checked(tmp_path: Path) -> None:
    # Python runs a file that starts with a byte-order mark; the scanner must read it too
    write(tmp_path, "load.py", b'\xef\xbb\xbfimport pickle\npickle.load(open("m.pkl", "rb"))\n')
    found = rules_of(scan(tmp_path))
    assert "CD101" in found and "SX001" not in found
