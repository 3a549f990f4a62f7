"""gitignore-style path patterns (``exclude`` in the settings, waiver and record ``paths``,
``.gitignore`` files in the scanned tree), compiled without ever raising on a bad line.

>>> [n for n, _, _ in compile_lines(["*.log", "!", "[z-a]"]).errors]
[2, 3]
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

#: A pattern longer than this is a mistake or an attack (a path is at most 4096 bytes).
MAX_PATTERN_CHARS = 4096


class Matcher(Protocol):
    """Compiled patterns: whether a path (relative, ``/``-separated) matches."""

    def match_file(self, file: str) -> bool: ...


class _NoPatterns:
    """What no pattern compiles to: it matches nothing (without loading the pattern library,
    which a scan with no exclusions and no ``.gitignore`` never needs)."""

    __slots__ = ()

    def match_file(self, file: str) -> bool:
        return False


@dataclass(frozen=True, slots=True)
class Compiled:
    """Patterns compiled into one matcher, with the lines that could not be used."""

    spec: Matcher
    errors: tuple[tuple[int, str, str], ...]  # (line number from 1, line, why)


def spec(lines: Iterable[str]) -> Matcher:
    """``lines`` compiled; the regular-expression module's warnings about what a pattern
    might mean in a later Python (``[[`` as a nested set) are not the user's concern here."""
    lines = list(lines)
    if not lines:
        return _NoPatterns()
    from pathspec import GitIgnoreSpec

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return GitIgnoreSpec.from_lines(lines)


def pattern_error(line: str) -> str:
    """Why ``line`` is not a valid gitignore-style pattern, or ``""`` when it is."""
    if len(line) > MAX_PATTERN_CHARS:
        return f"longer than {MAX_PATTERN_CHARS} characters"
    try:
        spec([line])
    except (ValueError, re.error, RecursionError) as exc:
        msg = str(exc).split(" at position", 1)[0]
        return msg.replace("\n", " ")
    return ""


def compile_lines(lines: Iterable[str]) -> Compiled:
    """The valid lines of ``lines`` as one spec (git itself skips invalid lines too), and the
    lines left out with the reason."""
    kept: list[str] = []
    errors: list[tuple[int, str, str]] = []
    for n, line in enumerate(lines, 1):
        why = pattern_error(line)
        if why:
            errors.append((n, line, why))
        else:
            kept.append(line)
    return Compiled(spec(kept), tuple(errors))


def check_pattern(value: str) -> str:
    """``value`` if it is a valid pattern; :class:`ValueError` saying why not (for pydantic
    validators, which turn it into a one-line configuration error)."""
    why = pattern_error(value)
    if why:
        raise ValueError(f"invalid path pattern {value[:80]!r}: {why}")
    return value


__all__ = [
    "MAX_PATTERN_CHARS",
    "Compiled",
    "Matcher",
    "check_pattern",
    "compile_lines",
    "pattern_error",
    "spec",
]
