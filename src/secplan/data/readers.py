"""Streaming readers for datasets and documents: every one yields batches of records, in
constant memory, within limits.

A record is a tuple of string values, one per field; a reader knows its field names (a CSV
header, the keys of JSON objects, a Parquet schema) and the line where each record starts.
Malformed input (a bad JSON line, a row with too many cells, an oversized field) is counted as
an error with its line, never raised. A UTF-8 byte-order mark at the start of a file is not
part of its first field.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.csv").write_text("name,email\\nAna,ana@mail.pt\\nBo,bo@mail.se\\n")
>>> r = open_reader(d / "a.csv")
>>> [list(b.rows) for b in r.batches()], r.fields
([[('Ana', 'ana@mail.pt'), ('Bo', 'bo@mail.se')]], ['name', 'email'])
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from secplan.deadline import spend
from secplan.errors import TargetError


@dataclass(frozen=True, slots=True)
class Limits:
    """What a reader may consume. ``max_bytes``/``max_records`` of ``None`` mean the whole file."""

    max_bytes: int | None = None
    max_records: int | None = None
    max_field_chars: int = 1 << 20  # a CSV cell or JSON string longer than this is cut
    max_line_bytes: int = 16 << 20  # a JSON Lines line longer than this is an error
    max_fields: int = 4096  # columns of a table, flattened keys of a JSON object
    max_depth: int = 16  # nesting of JSON values
    batch_rows: int = 2000
    max_expanded_bytes: int = 2 << 30  # an xlsx file that unzips to more is refused
    max_sheet_cells: int = 20_000_000  # cells (empty ones included) read from one workbook
    max_json_bytes: int = 64 << 20  # a whole-file JSON array larger than this is refused


@dataclass(slots=True)
class Batch:
    first: int  # index of the first record (0-based)
    rows: list[tuple[str, ...]]
    lines: list[int]  # 1-based line (or row) of each record


@dataclass(slots=True)
class Reader:
    """Iterates a file's records in batches; counters are filled in as it goes."""

    path: Path
    format: str
    limits: Limits
    fields: list[str] = field(default_factory=list)
    records: int = 0
    bytes_read: int = 0
    errors: list[str] = field(default_factory=list)
    truncated: str = ""  # why reading stopped before the end, if it did
    delimiter: str = ","  # of a CSV/TSV file, once reading has started
    _source: Iterator[tuple[int, tuple[str, ...]]] | None = None

    def batches(self) -> Iterator[Batch]:
        source = _SOURCES[self.format](self)
        rows: list[tuple[str, ...]] = []
        lines: list[int] = []
        first = 0
        for line, row in source:
            if self.limits.max_records is not None and self.records >= self.limits.max_records:
                self.truncated = f"stopped after {self.records} records (the limit)"
                break
            rows.append(row)
            lines.append(line)
            self.records += 1
            if len(rows) >= self.limits.batch_rows:
                spend(len(rows))  # the scan's per-file deadline and work budget, if any
                yield Batch(first, rows, lines)
                first, rows, lines = self.records, [], []
        if rows:
            yield Batch(first, rows, lines)

    def error(self, message: str) -> None:
        if len(self.errors) < 20:
            self.errors.append(message)


class _Counting(io.RawIOBase):
    """A binary file that counts what it hands out and stops at a byte limit."""

    def __init__(self, raw: IO[bytes], reader: Reader) -> None:
        self._raw = raw
        self._reader = reader

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self._raw.close()
        super().close()

    def readinto(self, buffer: Any) -> int:
        limit = self._reader.limits.max_bytes
        want = len(buffer)
        if limit is not None:
            want = min(want, limit - self._reader.bytes_read)
            if want <= 0:
                if not self._reader.truncated:
                    self._reader.truncated = f"stopped after {limit} bytes (the limit)"
                return 0
        data = self._raw.read(want)
        buffer[: len(data)] = data
        self._reader.bytes_read += len(data)
        return len(data)


def _binary(reader: Reader) -> io.BufferedReader:
    return io.BufferedReader(_Counting(reader.path.open("rb"), reader), 1 << 20)


def _text(reader: Reader) -> io.TextIOWrapper:
    # utf-8-sig: a leading byte-order mark (spreadsheet programs write one) is not data, or a
    # CSV's first column would be named "\ufeffname" and miss every rule for "name"
    return io.TextIOWrapper(_binary(reader), encoding="utf-8-sig", errors="replace", newline="")


def _delimiter(path: Path, head: str) -> str:
    if path.suffix.lower() in (".tsv", ".tab"):
        return "\t"
    first = head.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv(reader: Reader) -> Iterator[tuple[int, tuple[str, ...]]]:
    lim = reader.limits
    csv.field_size_limit(lim.max_field_chars)
    with _text(reader) as fh:
        head = fh.read(8192)
        if head.endswith("\r"):
            head += fh.read(1)  # keep a CRLF pair together
        rest = _Chain(head, fh)
        reader.delimiter = _delimiter(reader.path, head)
        rows = csv.reader(rest, delimiter=reader.delimiter)
        try:
            header = next(rows)
        except (StopIteration, csv.Error):
            return
        reader.fields = [
            h.strip() or f"column_{i + 1}" for i, h in enumerate(header[: lim.max_fields])
        ]
        width = len(reader.fields)
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as exc:
                reader.error(f"line {rows.line_num}: {exc}")
                continue
            if len(row) > width:  # cells without a column would go unchecked: say so
                limit = (
                    f"over {lim.max_fields}" if len(row) > lim.max_fields else f"header has {width}"
                )
                reader.error(f"line {rows.line_num}: {len(row)} cells, {limit}")
            if len(row) < width:
                row = row + [""] * (width - len(row))
            yield rows.line_num, tuple(row[:width])


class _Chain:
    """Text already read (the sniffed head), then the rest of the file, line by line."""

    def __init__(self, head: str, rest: IO[str]) -> None:
        self._head: str | None = head
        self._rest = rest

    def __iter__(self) -> Iterator[str]:
        head = self._head or ""
        self._head = None
        lines = list(io.StringIO(head, newline=""))  # split as the file itself is split
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += self._rest.readline()
        yield from lines
        yield from self._rest


def _flatten(value: object, prefix: str, out: dict[str, str], lim: Limits, depth: int) -> None:
    if len(out) >= lim.max_fields:
        return
    if depth > lim.max_depth:
        out[prefix or "value"] = "…"
        return
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(v, f"{prefix}.{k}" if prefix else str(k), out, lim, depth + 1)
    elif isinstance(value, list):
        for i, v in enumerate(value[: lim.max_fields]):
            _flatten(v, f"{prefix}[{i}]", out, lim, depth + 1)
    elif value is not None:
        if isinstance(value, str):
            text = value
        elif type(value) is int:
            text = str(value)  # as json.dumps writes it, without its encoder's set-up
        else:
            text = json.dumps(value)
        out[prefix or "value"] = text[: lim.max_field_chars]


def _objects(
    reader: Reader, items: Iterator[tuple[int, object]]
) -> Iterator[tuple[int, tuple[str, ...]]]:
    """Flattened JSON values as rows; the field list grows as new keys appear."""
    index: dict[str, int] = {}
    for line, obj in items:
        flat: dict[str, str] = {}
        _flatten(obj, "", flat, reader.limits, 0)
        for k in flat:
            if k not in index and len(index) < reader.limits.max_fields:
                index[k] = len(index)
                reader.fields.append(k)
        row = [""] * len(index)
        for k, v in flat.items():
            if k in index:
                row[index[k]] = v
        yield line, tuple(row)


def _jsonl_items(reader: Reader) -> Iterator[tuple[int, object]]:
    lim = reader.limits
    with _binary(reader) as fh:
        n = 0
        while True:
            raw = fh.readline(lim.max_line_bytes + 1)
            if not raw:
                return
            n += 1
            if len(raw) > lim.max_line_bytes:
                reader.error(f"line {n}: longer than {lim.max_line_bytes} bytes; skipped")
                while raw and not raw.endswith(b"\n"):
                    raw = fh.readline(lim.max_line_bytes)
                continue
            if not raw.strip():
                continue
            try:
                yield n, json.loads(raw)
            except (ValueError, RecursionError) as exc:
                reader.error(f"line {n}: not JSON ({str(exc)[:80]})")


def _jsonl(reader: Reader) -> Iterator[tuple[int, tuple[str, ...]]]:
    return _objects(reader, _jsonl_items(reader))


def _json_records(reader: Reader) -> Iterator[tuple[int, tuple[str, ...]]]:
    size = reader.path.stat().st_size
    if size > reader.limits.max_json_bytes:
        reader.truncated = (
            f"a {size}-byte JSON document is over {reader.limits.max_json_bytes} bytes"
        )
        return iter(())
    with _binary(reader) as fh:
        try:
            doc = json.loads(fh.read())
        except (ValueError, RecursionError) as exc:
            reader.error(f"not JSON ({str(exc)[:80]})")
            return iter(())
    items = doc if isinstance(doc, list) else [doc]
    return _objects(reader, ((i + 1, v) for i, v in enumerate(items)))


def _lines(reader: Reader) -> Iterator[tuple[int, tuple[str, ...]]]:
    reader.fields = ["text"]
    cap = reader.limits.max_field_chars
    with _text(reader) as fh:
        for n, line in enumerate(fh, 1):
            yield n, (line.rstrip("\r\n")[:cap],)


def _unreadable(reader: Reader, kind: str, exc: BaseException) -> TargetError:
    why = " ".join(str(exc).split())[:200] or type(exc).__name__
    return TargetError(
        f"{reader.path.name}: not a readable {kind} file ({why})",
        "check that the file is complete and really is " + kind,
    )


def _parquet(reader: Reader) -> Iterator[tuple[int, tuple[str, ...]]]:
    try:
        pq = importlib.import_module("pyarrow.parquet")
    except ImportError as exc:
        raise TargetError(
            f"{reader.path.name}: reading Parquet needs pyarrow", "pip install 'secplan[parquet]'"
        ) from exc
    try:  # pyarrow raises many kinds of error on a damaged file: each is a one-line error
        pf = pq.ParquetFile(reader.path)
        reader.fields = [str(n) for n in pf.schema_arrow.names[: reader.limits.max_fields]]
        batches = pf.iter_batches(batch_size=reader.limits.batch_rows, columns=reader.fields)
    except Exception as exc:
        raise _unreadable(reader, "Parquet", exc) from exc
    n = 0
    while True:
        try:
            batch = next(batches, None)
            if batch is None:
                return
            reader.bytes_read += batch.nbytes
            cols = [c.to_pylist() for c in batch.columns]
        except Exception as exc:
            raise _unreadable(reader, "Parquet", exc) from exc
        for i in range(batch.num_rows):
            n += 1
            yield (
                n,
                tuple(
                    "" if c[i] is None else str(c[i])[: reader.limits.max_field_chars] for c in cols
                ),
            )
        if reader.limits.max_bytes is not None and reader.bytes_read >= reader.limits.max_bytes:
            reader.truncated = f"stopped after {reader.bytes_read} bytes (the limit)"
            return


def _xlsx(reader: Reader) -> Iterator[tuple[int, tuple[str, ...]]]:
    try:
        openpyxl = importlib.import_module("openpyxl")
    except ImportError as exc:
        raise TargetError(
            f"{reader.path.name}: reading Excel needs openpyxl", "pip install 'secplan[excel]'"
        ) from exc
    try:
        with zipfile.ZipFile(reader.path) as zf:
            expanded = sum(i.file_size for i in zf.infolist())
        if expanded > reader.limits.max_expanded_bytes:
            reader.truncated = f"the workbook unzips to {expanded} bytes, over the limit"
            return
        wb = openpyxl.load_workbook(reader.path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged zip or workbook XML: one line, never a traceback
        raise _unreadable(reader, "Excel", exc) from exc
    try:
        yield from _sheets(reader, wb)
    except TargetError:
        raise
    except Exception as exc:
        raise _unreadable(reader, "Excel", exc) from exc
    finally:
        wb.close()


def _sheets(reader: Reader, wb: Any) -> Iterator[tuple[int, tuple[str, ...]]]:
    """The rows of every sheet, reading at most ``max_sheet_cells`` cells in all.

    The sheet's declared dimensions are ignored (a 1.5 KB file can declare a million rows by
    sixteen thousand columns, which openpyxl would pad with empty cells); rows are read as
    stored and cut to ``max_fields`` columns."""
    cells = 0
    cap = reader.limits.max_sheet_cells
    for ws in wb.worksheets:
        ws.reset_dimensions()
        first = ws.iter_rows(
            min_row=1, max_row=1, max_col=reader.limits.max_fields, values_only=True
        )
        header = list(next(first, None) or ())
        while header and header[-1] is None:
            header.pop()
        if not header:
            continue
        names = [f"{ws.title}!{h if h is not None else i + 1}" for i, h in enumerate(header)]
        width = len(names)
        start = len(reader.fields)
        reader.fields.extend(names)
        cells += width
        for n, row in enumerate(ws.iter_rows(min_row=2, max_col=width, values_only=True), 2):
            cells += width
            if cells > cap:
                reader.truncated = f"stopped after {cap} cells (the limit)"
                return
            if all(v is None for v in row):
                continue  # an empty row (also the gaps openpyxl fills in) holds no record
            out = ["" if v is None else str(v)[: reader.limits.max_field_chars] for v in row]
            yield n, tuple([""] * start + out + [""] * (width - len(out)))


_SOURCES = {
    "csv": _csv,
    "tsv": _csv,
    "jsonl": _jsonl,
    "json-records": _json_records,
    "text": _lines,
    "parquet": _parquet,
    "xlsx": _xlsx,
}
TABLE_FORMATS = frozenset({"csv", "tsv", "jsonl", "json-records", "parquet", "xlsx"})
_BY_SUFFIX = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json-records",
    ".parquet": "parquet",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
}


def reader_format(path: Path, sniffed: str | None = None) -> str:
    """The reader for a file: from its sniffed format, else its suffix; ``text`` otherwise."""
    if sniffed in _SOURCES:
        return sniffed
    return _BY_SUFFIX.get(path.suffix.lower(), "text")


def open_reader(path: Path, fmt: str | None = None, limits: Limits | None = None) -> Reader:
    return Reader(path=path, format=fmt or reader_format(path), limits=limits or Limits())
