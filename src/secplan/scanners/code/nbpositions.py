"""Where a notebook cell's lines are stored in the ``.ipynb`` file.

A notebook is JSON: a cell's ``source`` is a list of strings (one per line, by convention) or
one string with ``\\n`` escapes. The decoder here is the standard library's, with its string
hook recording where each string starts, so a line and column in a cell become a line and
column in the file as stored: what a SARIF viewer opens. JSON escapes (``\\n``, ``\\"``,
``\\u00e9``) are walked, so columns after them are still right.

>>> text = '{"cells": [{"source": ["import os\\\\n", "x = \\\\"\\\\u00e9\\\\" + eval(y)"]}]}'
>>> doc = decode(text)
>>> lines = source_lines(doc["cells"][0]["source"], Positions(text))
>>> locate(lines, 2, 11)
(1, 57)
>>> text[56:60]
'eval'
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
import re
from dataclasses import dataclass
from typing import Any

_ESCAPE = re.compile(r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[0-9a-fA-F]{4}|u[0-9a-fA-F]{4}|.)")


class _Located(str):
    """A JSON string value that knows where its opening quote is (``start``) and where its
    closing quote is (``end``) in the decoded text."""

    start: int = -1
    end: int = -1


def _parse_string(s: str, end: int, strict: bool = True) -> tuple[str, int]:
    value, after = json.decoder.scanstring(s, end, strict)  # type: ignore[attr-defined]
    located = _Located(value)
    located.start, located.end = end - 1, after - 1
    return located, after


def decode(text: str) -> Any:
    """``json.loads(text)``, except that every string value knows its place in ``text``.

    Raises what :func:`json.loads` raises (``ValueError``, ``RecursionError``).
    """
    decoder = json.JSONDecoder()
    decoder.parse_string = _parse_string  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder.decode(text)


class Positions:
    """Line and column of any index of the notebook text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def line_col(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, index)
        return line, index - self._starts[line - 1] + 1


@dataclass(frozen=True, slots=True)
class Piece:
    """Part of a cell line held by one JSON string: where it starts in the file (line and
    column), the JSON text that encodes it, and how many characters that decodes to."""

    line: int
    column: int
    raw: str
    length: int


#: One cell line: usually one piece; more when the line runs over several strings.
StoredLine = tuple[Piece, ...]


def _piece(index: int, raw: str, positions: Positions) -> Piece:
    line, column = positions.line_col(index)
    escaped = sum(len(m.group()) - 1 for m in _ESCAPE.finditer(raw))
    return Piece(line, column, raw, len(raw) - escaped)


def _segments(value: _Located, text: str) -> list[tuple[int, str]]:
    """``(index, raw)`` of each line a JSON string encodes (split at ``\\n`` escapes)."""
    raw_start, raw = value.start + 1, text[value.start + 1 : value.end]
    out: list[tuple[int, str]] = []
    seg = 0
    for m in _ESCAPE.finditer(raw):
        if m.group() in ("\\n", "\\u000a", "\\u000A"):
            out.append((raw_start + seg, raw[seg : m.start()]))
            seg = m.end()
    out.append((raw_start + seg, raw[seg:]))
    return out


def source_lines(source: object, positions: Positions) -> tuple[StoredLine, ...]:
    """Where each line of a cell's ``source`` (a list of strings, or one string) is stored;
    ``()`` when the source is not made of strings read by :func:`decode`."""
    parts = source if isinstance(source, list) else [source]
    lines: list[StoredLine] = []
    current: list[Piece] = []
    for part in parts:
        if not isinstance(part, _Located) or part.start < 0:
            return ()
        for i, (index, raw) in enumerate(_segments(part, positions.text)):
            if i:  # a newline came before this segment
                lines.append(tuple(current))
                current = []
            current.append(_piece(index, raw, positions))
    if current:
        lines.append(tuple(current))
    return tuple(lines)


def _raw_offset(raw: str, chars: int) -> int | None:
    """How many characters of ``raw`` encode its first ``chars`` decoded characters."""
    offset = decoded = 0
    for m in _ESCAPE.finditer(raw):
        plain = m.start() - offset
        if decoded + plain >= chars:
            return offset + (chars - decoded)
        decoded += plain + 1
        offset = m.end()
    rest = chars - decoded
    return offset + rest if offset + rest <= len(raw) else None


def locate(
    lines: tuple[StoredLine, ...], line: int, column: int | None, text: str | None = None
) -> tuple[int | None, int | None]:
    """File line and column of ``line``/``column`` (1-based) of a cell.

    ``column`` counts characters, or UTF-8 bytes when the cell line's ``text`` is given (as
    :mod:`ast` counts). Unknown positions are ``None``.
    """
    if not 1 <= line <= len(lines):
        return None, None
    pieces = lines[line - 1]
    if not pieces:
        return None, None
    if column is None:
        first = next((p for p in pieces if p.length), pieces[0])
        return first.line, None
    chars = column - 1
    if text is not None:
        chars = len(text.encode("utf-8")[:chars].decode("utf-8", "ignore"))
    for i, piece in enumerate(pieces):
        if chars < piece.length or i == len(pieces) - 1:
            offset = _raw_offset(piece.raw, chars)
            return piece.line, None if offset is None else piece.column + offset
        chars -= piece.length
    return pieces[0].line, None


__all__ = ["Piece", "Positions", "StoredLine", "decode", "locate", "source_lines"]
