"""Small text helpers shared by the dependency parsers: finding the line that declares
something, within the TOML or INI section that holds it.

>>> lines = ["[project]", 'dependencies = [', '  "numpy",', "]", "[tool.x]", 'numpy = "1"']
>>> start = table_start(lines, "project")
>>> key_at = key_line(lines, "dependencies", start)
>>> key_at, line_of(lines, '"numpy"', start=key_at - 1), key_line(lines, "numpy", start)
(2, 3, None)
"""

from __future__ import annotations

import re


def line_of(lines: list[str], *needles: str, start: int = 0) -> int | None:
    """The 1-based number of the first line at or after ``start`` containing any needle."""
    for number in range(start, len(lines)):
        text = lines[number]
        if any(n and n in text for n in needles):
            return number + 1
    return None


def _header(line: str) -> str | None:
    m = re.match(r"^\s*+\[\[?\s*+([^\]]*[^\]\s])\s*\]\]?\s*+(?:[#;].*)?$", line)
    if m is None:
        return None
    dotted = ".".join(part.strip() for part in m.group(1).split("."))
    return dotted.replace('"', "").replace("'", "")


def table_start(lines: list[str], table: str) -> int | None:
    """The 0-based index of the line after the ``[table]`` header (``None`` without one)."""
    for number, line in enumerate(lines):
        if _header(line) == table:
            return number + 1
    return None


def key_line(lines: list[str], key: str, start: int | None) -> int | None:
    """The 1-based line of ``key = ...`` (or ``key: ...`` in INI) in the section that begins at
    ``start``, stopping at the next section header."""
    if start is None:
        return None
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[=:]")
    for number in range(start, len(lines)):
        if _header(lines[number]) is not None:
            return None
        if pattern.match(lines[number]):
            return number + 1
    return None
