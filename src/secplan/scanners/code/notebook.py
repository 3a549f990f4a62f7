"""Reading notebooks (``.ipynb``) without running them: cells, outputs and IPython syntax.

:func:`load_notebook` turns the JSON into :class:`Cell` values within limits, or says why it
cannot. :func:`python_lines` replaces IPython magics and shell escapes by ``pass`` (keeping
line numbers and indentation) so the rest parses as Python, and returns the shell commands
it took out so they can be judged on their own.

>>> code, shell = python_lines("!pip install torch\\nimport torch\\nx = !ls\\n%time f()")
>>> code.splitlines()
['pass', 'import torch', 'x = None', 'pass']
>>> [(c.line, c.command) for c in shell]
[(1, 'pip install torch'), (3, 'ls')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from secplan.scanners.code.nbpositions import Positions, StoredLine, decode, source_lines

MAX_CELLS = 10_000
# possessive: a lazy name between two ``\s*`` backtracked cubically on a line of spaces
_ASSIGNED_MAGIC = re.compile(r"^(\s*+[\w.\[\]'\", ]++\s*+=\s*+)([!%])(.*)$")
_HELP = re.compile(r"^\s*\?{0,2}[\w.]+\?{0,2}\s*$")
_SHELL_CELLS = frozenset({"bash", "sh", "script", "system", "zsh"})
_PYTHON_CELLS = frozenset({"time", "timeit", "capture", "prun", "memit", "debug", "px"})
_MIME_TYPES = ("text/plain", "text/html", "text/markdown", "text/latex")
_SHELL_LINE_MAGICS = ("pip", "conda", "mamba", "sx", "system", "sh", "uv")


@dataclass(frozen=True, slots=True)
class Output:
    index: int  # 1-based among the cell's outputs
    text: str
    #: where each line of ``text`` is stored in the file (``()`` for a line not known)
    stored: tuple[StoredLine, ...] = ()


@dataclass(frozen=True, slots=True)
class Cell:
    number: int  # 1-based among all cells, as Jupyter shows them
    kind: str  # code, markdown, raw
    source: str
    outputs: tuple[Output, ...]
    stored: tuple[StoredLine, ...] = ()  # where each source line is in the file


@dataclass(frozen=True, slots=True)
class ShellLine:
    line: int
    command: str


@dataclass(frozen=True, slots=True)
class Notebook:
    cells: tuple[Cell, ...]
    truncated: bool  # more than MAX_CELLS cells


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(v for v in value if isinstance(v, str))
    return ""


def _stored(value: object, positions: Positions | None) -> tuple[str, tuple[StoredLine, ...]]:
    """The text of an output field (a string, or a list of pieces with their newlines) and
    where each of its lines is stored; ``()`` for each line whose place is not known."""
    text = _text(value)
    lines = text.count("\n") + 1
    stored = source_lines(value, positions) if positions is not None and text else ()
    return text, stored if len(stored) == lines else ((),) * lines


def _outputs(raw: object, positions: Positions | None = None) -> tuple[Output, ...]:
    if not isinstance(raw, list):
        return ()
    out: list[Output] = []
    for i, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            continue
        fields = [item.get("text")]
        data = item.get("data")
        if isinstance(data, dict):
            fields += [
                data.get(m) for m in ("text/plain", "text/html", "text/markdown", "text/latex")
            ]
        fields.append(item.get("evalue"))
        traceback = item.get("traceback")
        if isinstance(traceback, list):
            fields += traceback  # one entry a line (an entry may hold several)
        parts = [_stored(v, positions) for v in fields if isinstance(v, (str, list))]
        parts = [(t, lines) for t, lines in parts if t]
        if parts:
            text = "\n".join(t for t, _ in parts)
            stored = tuple(line for _, lines in parts for line in lines)
            out.append(Output(i, text, stored))
    return tuple(out)


def load_notebook(text: str) -> Notebook | str:
    """The notebook in ``text``, or a one-line reason it is not a readable notebook."""
    try:
        doc = decode(text)
    except RecursionError:
        return "JSON nested too deeply"
    except ValueError as exc:
        return f"not valid JSON ({str(exc).splitlines()[0][:120]})"
    if not isinstance(doc, dict):
        return "not a JSON object"
    raw_cells = doc.get("cells")
    if raw_cells is None and isinstance(doc.get("worksheets"), list) and doc["worksheets"]:
        sheet = doc["worksheets"][0]
        raw_cells = sheet.get("cells") if isinstance(sheet, dict) else None
    if not isinstance(raw_cells, list):
        return "no list of cells (not the notebook format)"
    cells: list[Cell] = []
    positions = Positions(text)
    for number, raw in enumerate(raw_cells[:MAX_CELLS], 1):
        if not isinstance(raw, dict):
            continue
        kind = raw.get("cell_type") if isinstance(raw.get("cell_type"), str) else "code"
        value = raw.get("source", raw.get("input"))
        stored = source_lines(value, positions)
        outputs = _outputs(raw.get("outputs"), positions)
        cells.append(Cell(number, str(kind), _text(value), outputs, stored))
    return Notebook(tuple(cells), len(raw_cells) > MAX_CELLS)


def _cell_magic(first: str) -> str:
    words = first.strip()[2:].split()
    return words[0] if words else ""


def python_lines(source: str) -> tuple[str, list[ShellLine]]:
    """``source`` with IPython-only lines neutralised, and the shell commands found."""
    lines = source.split("\n")
    shell: list[ShellLine] = []
    if lines and lines[0].lstrip().startswith("%%"):
        magic = _cell_magic(lines[0])
        if magic in _SHELL_CELLS:
            shell = [ShellLine(i, ln) for i, ln in enumerate(lines[1:], 2) if ln.strip()]
            return "", shell
        if magic not in _PYTHON_CELLS:
            return "", []  # html, javascript, writefile, sql ...: not Python
        lines[0] = ""
    out: list[str] = []
    continued = False
    for number, line in enumerate(lines, 1):
        stripped = line.lstrip()
        indent = line[: len(line) - len(stripped)]
        if continued:
            out.append(indent + "pass" if stripped else "")
            continued = stripped.endswith("\\")
            continue
        assigned = _ASSIGNED_MAGIC.match(line)
        if stripped.startswith(("!", "%")):
            body = stripped[1:].lstrip("%!")
            if stripped.startswith("!") or body.split(" ", 1)[0] in _SHELL_LINE_MAGICS:
                shell.append(ShellLine(number, body.strip()))
            out.append(indent + "pass")
            continued = stripped.endswith("\\")
        elif assigned:
            if assigned.group(2) == "!":
                shell.append(ShellLine(number, assigned.group(3).strip()))
            out.append(assigned.group(1) + "None")
        elif _HELP.match(line) and "?" in line:
            out.append(indent + "pass")
        else:
            out.append(line)
    return "\n".join(out), shell


__all__ = ["MAX_CELLS", "Cell", "Notebook", "Output", "ShellLine", "load_notebook", "python_lines"]
