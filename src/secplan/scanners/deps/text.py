"""Small text helpers shared by the dependency parsers."""

from __future__ import annotations


def line_of(lines: list[str], *needles: str, start: int = 0) -> int | None:
    """The 1-based number of the first line at or after ``start`` containing any needle."""
    for number in range(start, len(lines)):
        text = lines[number]
        if any(n and n in text for n in needles):
            return number + 1
    return None
