"""The terminal summary's blocks, and a plain-text writer that lays them out as the terminal
library does without colour, without loading it.

:mod:`secplan.report.table` describes the summary as blocks (lines of text and tables). With
colour, or with any text the plain writer does not measure (characters other than printable
ASCII and a few one-cell symbols: wide or combining characters, tabs, control characters),
the blocks go to the terminal library. Otherwise :func:`plain` writes them: the same column
widths, word wrapping, folding and ellipses, character for character (the tests compare the
two writers on generated tables). Loading and running the library costs more than a small
model scan; the pre-commit hook's output is not a terminal, so the plain writer serves it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from math import ceil

#: Characters the plain writer measures besides printable ASCII (each one cell wide, none
#: of them a space): symbols the summary and its messages use.
SYMBOLS = frozenset("·–—…‘’“”→×")
_WORD = re.compile(r"\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")
ELLIPSIS = "…"

#: A piece of text and its style (a style name of the terminal library, or "").
Span = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table: header, alignment, wrapping and style."""

    header: str
    justify: str = "left"  # "left" or "right"
    no_wrap: bool = False
    ratio: int | None = None
    overflow: str = "ellipsis"  # "ellipsis" or "fold"
    style: str = ""


@dataclass(frozen=True, slots=True)
class Grid:
    """A table: a title, columns and rows of styled cells, as wide as the page when
    ``expand`` (the columns with a ratio share what the others leave)."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Span, ...], ...]
    expand: bool


#: One block of the summary: a line of styled spans (empty: a blank line) or a table.
Block = tuple[Span, ...] | Grid


def texts(blocks: list[Block]) -> list[str]:
    """Every piece of text in ``blocks``."""
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Grid):
            out.append(b.title)
            out.extend(c.header for c in b.columns)
            out.extend(text for row in b.rows for text, _ in row)
        else:
            out.extend(text for text, _ in b)
    return out


def is_simple(blocks: list[Block]) -> bool:
    """Whether the plain writer measures every piece of text in ``blocks`` as the terminal
    library does."""
    return all(_simple(t) for t in texts(blocks))


def _simple(text: str) -> bool:
    if text.isascii():
        return text.isprintable()
    return all((c.isascii() and c.isprintable()) or c in SYMBOLS for c in text)


def plain(blocks: list[Block], width: int) -> str | None:
    """``blocks`` laid out ``width`` cells wide, without colour (see :func:`is_simple`);
    None when a table does not fit with at least one cell of text per column (the terminal
    library decides then)."""
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Grid):
            lines = grid_lines(b, width)
            if lines is None:
                return None
            out.extend(line[:width] for line in lines)
        else:
            text = "".join(t for t, _ in b)
            out.extend(wrap(text, width, justify="default", overflow="fold", no_wrap=False))
    return "".join(line + "\n" for line in out)


def wrap(text: str, width: int, *, justify: str, overflow: str, no_wrap: bool) -> list[str]:
    """One paragraph wrapped at word boundaries into lines of at most ``width`` cells,
    justified as asked ("left" and "right" pad to ``width``, "default" does not); a word
    longer than a line folds or ends in an ellipsis, as ``overflow`` says."""
    if no_wrap:
        lines = [text]
    else:
        lines = [_rstrip_end(s, width) for s in _divide(text, width, fold=overflow == "fold")]
    if justify == "left":
        lines = [_truncate(line, width, overflow).ljust(width) for line in lines]
    elif justify == "right":
        lines = [_truncate(line.rstrip(), width, overflow) for line in lines]
        lines = [line.rjust(width) for line in lines]
    return [_truncate(line, width, overflow) for line in lines]


def _rstrip_end(line: str, width: int) -> str:
    """Trailing whitespace beyond ``width`` removed."""
    if len(line) <= width:
        return line
    match = _TRAILING_SPACE.search(line)
    if match is None:
        return line
    return line[: len(line) - min(len(match.group(0)), len(line) - width)]


def _truncate(line: str, width: int, overflow: str) -> str:
    if len(line) <= width:
        return line
    if overflow == "ellipsis":
        return line[: max(width - 1, 0)].ljust(max(width - 1, 0)) + ELLIPSIS
    return line[:width]


def _words(text: str) -> Iterator[tuple[int, str]]:
    """Each word of ``text`` with the white space after it, the first with the white space
    before it too (the pieces of ``\\s*\\S+\\s*``, found without restarting a search inside
    a run of white space)."""
    lead = len(text) - len(text.lstrip())
    for i, match in enumerate(_WORD.finditer(text, lead)):
        start = 0 if i == 0 else match.start()
        yield start, text[start : match.end()]


def _divide(text: str, width: int, *, fold: bool) -> list[str]:
    """``text`` cut into lines where the terminal library breaks it."""
    breaks: list[int] = []
    offset = 0
    for start, word in _words(text):
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            if fold:
                chunks = [word[i : i + width] for i in range(0, len(word), width)] or [""]
                for i, chunk in enumerate(chunks):
                    if start:
                        breaks.append(start)
                    if i == len(chunks) - 1:
                        offset = len(chunk)
                    else:
                        start += len(chunk)
            else:
                if start:
                    breaks.append(start)
                offset = len(word)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    cuts = [0, *breaks, len(text)]
    return [text[a:b] for a, b in pairwise(cuts)] if breaks else [text]


def ratio_distribute(total: int, ratios: list[int], minimums: list[int] | None = None) -> list[int]:
    """``total`` divided in proportion to ``ratios``, each part at least its minimum."""
    if minimums:
        ratios = [r if m else 0 for r, m in zip(ratios, minimums, strict=True)]
    total_ratio = sum(ratios)
    remaining = total
    parts = []
    for ratio, minimum in zip(ratios, minimums or [0] * len(ratios), strict=True):
        part = max(minimum, ceil(ratio * remaining / total_ratio)) if total_ratio > 0 else remaining
        parts.append(part)
        total_ratio -= ratio
        remaining -= part
    return parts


def ratio_reduce(
    total: int, ratios: list[int], maximums: list[int], values: list[int]
) -> list[int]:
    """``values`` reduced by ``total`` in proportion to ``ratios``, each by at most its
    maximum."""
    ratios = [r if m else 0 for r, m in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    out = []
    for ratio, maximum, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            part = min(maximum, round(ratio * remaining / total_ratio))
            out.append(value - part)
            remaining -= part
            total_ratio -= ratio
        else:
            out.append(value)
    return out


def _collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    """Widths reduced, the widest wrapable columns first, until they fit ``max_width``."""
    total = sum(widths)
    excess = total - max_width
    if any(wrapable):
        while total and excess > 0:
            widest = max(w for w, ok in zip(widths, wrapable, strict=True) if ok)
            second = max(
                w if ok and w != widest else 0 for w, ok in zip(widths, wrapable, strict=True)
            )
            ratios = [
                1 if (w == widest and ok) else 0 for w, ok in zip(widths, wrapable, strict=True)
            ]
            if not any(ratios) or not widest - second:
                break
            widths = ratio_reduce(
                excess, ratios, [min(excess, widest - second)] * len(widths), widths
            )
            total = sum(widths)
            excess = total - max_width
    return widths


def column_widths(grid: Grid, max_width: int) -> list[int]:
    """Each column's width, padding included, separators not."""
    if max_width < 1:
        return [0] * len(grid.columns)
    maxima = []
    for i, column in enumerate(grid.columns):
        longest = max(len(t) for t in (column.header, *(row[i][0] for row in grid.rows)))
        maxima.append(min(longest + 2, max_width) if max_width >= 3 else max_width)
    widths = [m or 1 for m in maxima]
    flexible = [bool(c.ratio) for c in grid.columns]
    if grid.expand and any(flexible):
        fixed = [0 if flex else m for m, flex in zip(maxima, flexible, strict=True)]
        ratios = [c.ratio or 0 for c in grid.columns if c.ratio]
        shares = iter(ratio_distribute(max_width - sum(fixed), ratios, [3] * len(ratios)))
        widths = [
            fixed[i] + next(shares) if flex else w
            for i, (w, flex) in enumerate(zip(widths, flexible, strict=True))
        ]
    total = sum(widths)
    if total > max_width:
        wrapable = [not c.no_wrap for c in grid.columns]
        widths = _collapse(widths, wrapable, max_width)
        total = sum(widths)
        if total > max_width:
            widths = ratio_reduce(total - max_width, [1] * len(widths), widths, widths)
            total = sum(widths)
        widths = [min(m, w) if w >= 1 else 0 for m, w in zip(maxima, widths, strict=True)]
    if total < max_width and grid.expand:
        pads = ratio_distribute(max_width - total, widths)
        widths = [w + p for w, p in zip(widths, pads, strict=True)]
    return widths


def _cell(text: str, width: int, column: Column) -> list[str]:
    """A cell's lines, one space of padding either side, each ``width`` cells."""
    inner = width - 2
    lines = wrap(
        text, inner, justify=column.justify, overflow=column.overflow, no_wrap=column.no_wrap
    )
    return [" " + line[:inner].ljust(inner) + " " for line in lines]


def grid_lines(grid: Grid, max_width: int) -> list[str] | None:
    """The table's lines: its title, the header row, a rule and the rows; None when a
    column is left no room for text."""
    widths = column_widths(grid, max_width - (len(grid.columns) - 1))
    if min(widths) < 3:
        return None
    table_width = sum(widths) + len(grid.columns) - 1
    out = []
    if grid.title:
        out += wrap(grid.title, table_width, justify="left", overflow="fold", no_wrap=False)
    header = tuple((c.header, "") for c in grid.columns)
    for n, row in enumerate((header, *grid.rows)):
        cells = [
            _cell(text, w, c) for (text, _), w, c in zip(row, widths, grid.columns, strict=True)
        ]
        height = max(len(c) for c in cells)
        # the header row's cells sit at the bottom of the row, the others at the top
        cells = [
            [" " * w] * (height - len(c)) + c if n == 0 else c + [" " * w] * (height - len(c))
            for c, w in zip(cells, widths, strict=True)
        ]
        divider = "┃" if n == 0 else "│"
        out.extend(divider.join(c[i] for c in cells) for i in range(height))
        if n == 0:
            out.append("╇".join("━" * w for w in widths))
    return out
