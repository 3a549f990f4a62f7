"""Integrity checks on one data file (DS5): content that matches its claimed type, text that
decodes, cells that would run as spreadsheet formulas, pickles hidden in data formats, and
malware (bundled YARA rules, ClamAV when installed).

Each problem is an :class:`Issue` carrying the id of the rule that reports it; nothing here
loads, imports or unpickles what it reads.
"""

from __future__ import annotations

import ast
import codecs
import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from secplan.data.malware import clamav_scan, yara_scan
from secplan.data.readers import Limits, open_reader, reader_format
from secplan.sniff import HEAD_BYTES, classify

#: Record formats whose records are read through: formulas (CSV/TSV) and malformed records.
RECORD_FORMATS = frozenset({"csv", "tsv", "jsonl", "json-records"})
_EXT_FORMAT = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".txt": "text",
    ".log": "text",
    ".parquet": "parquet",
    ".npy": "npy",
    ".npz": "npz",
    ".xlsx": "xlsx",
    ".arrow": "arrow",
    ".feather": "arrow",
    ".avro": "avro",
    ".h5": "hdf5",
    ".hdf5": "hdf5",
    ".h5ad": "hdf5",
    ".nc": "hdf5",
    ".sqlite": "sqlite",
    ".db": "sqlite",
    ".orc": "orc",
    ".tfrecord": "tfrecord",
}
DATA_SUFFIXES = frozenset(_EXT_FORMAT) | {".pkl", ".pickle", ".joblib", ".dill"}
_BINARY_MAGIC = {
    "parquet": (b"PAR1",),
    "npy": (b"\x93NUMPY",),
    "npz": (b"PK\x03\x04", b"PK\x05\x06"),
    "xlsx": (b"PK\x03\x04",),
    "arrow": (b"ARROW1",),
    "avro": (b"Obj\x01",),
    "hdf5": (b"\x89HDF\r\n\x1a\n", b"CDF\x01", b"CDF\x02"),
    "sqlite": (b"SQLite format 3\x00",),
    "orc": (b"ORC",),
}
# a call is a word holding a letter, then "(": the look-ahead tries it only where a word
# starts, and never rescans a word or a run of blanks (starting inside every word made the
# check quadratic on one long cell)
_FORMULA = re.compile(
    r"^[\t\r]*(?:=(?!=*$)|[+\-](?=.*?(?:(?<!\w)(?=\w*[A-Za-z_])\w++\s*+\(|\||!))"
    r"|@[A-Za-z_]+\s*\()"
)
_PICKLE_MARKS = (
    b"\x80\x04\x95",
    b"\x80\x05\x95",
    b"\x80\x02c",
    b"\x80\x03c",
    b"\x80\x02}",
    b"\x80\x03}",
)
MAX_NPZ_MEMBERS = 10_000
HDF5_SCAN_BYTES = 64 << 20


@dataclass(frozen=True, slots=True)
class Issue:
    rule: str  # DT301 ... DT307
    message: str
    evidence: str = ""
    line: int | None = None
    offset: int | None = None
    member: str | None = None
    severity: str = ""  # overrides the rule's default when set


def claimed_format(path: Path) -> str:
    return _EXT_FORMAT.get(path.suffix.lower(), "")


_PICKLE_SUFFIXES = (".pkl", ".pickle", ".joblib", ".dill")


def _pickled(path: Path, head: bytes, fmt: str) -> list[Issue]:
    """DT303 for a pickle stream (and DT301 when the name claims a data format)."""
    out: list[Issue] = []
    claim = claimed_format(path)
    if claim:
        message = f"named as {claim} but the content is a Python pickle ({fmt})"
        out.append(Issue("DT301", message, f"first bytes {head[:8].hex()}"))
    hint = "a pickle stream runs code when loaded; see the MF rules for what it would run"
    out.append(
        Issue("DT303", f"contains a pickle stream ({fmt}); {hint}", f"format {fmt}", offset=0)
    )
    return out


def check_type(path: Path, head: bytes, size: int) -> list[Issue]:
    """DT301: the content is not what the name claims (and DT303 when it is a pickle)."""
    claim = claimed_format(path)
    kind, fmt, sniffed = classify(path, head, size)
    pickle = (sniffed and fmt in ("pickle", "joblib")) or fmt.startswith("joblib-")
    if pickle and (claim or path.suffix.lower() in _PICKLE_SUFFIXES):
        return _pickled(path, head, fmt)
    if not claim:
        return []
    first = f"first bytes {head[:8].hex()}"
    if claim in _BINARY_MAGIC:
        if not head.startswith(_BINARY_MAGIC[claim]):
            return [
                Issue(
                    "DT301", f"named as {claim} but lacks its signature", f"{first}; detected {fmt}"
                )
            ]
        if claim == "parquet" and not _parquet_tail(path, size):
            why = "Parquet file without the closing PAR1 footer (truncated or not Parquet)"
            return [Issue("DT301", why, f"size {size}")]
        return []
    textual = claim in ("csv", "tsv", "jsonl", "json", "text")
    if (
        textual
        and sniffed
        and kind.value in ("model", "archive", "unknown")
        and fmt not in ("text", "csv")
    ):
        return [Issue("DT301", f"named as {claim} but the content is {fmt}", first)]
    return []


def _parquet_tail(path: Path, size: int) -> bool:
    if size < 12:
        return False
    with path.open("rb") as fh:
        fh.seek(size - 4)
        return fh.read(4) == b"PAR1"


def check_encoding(path: Path, limits: Limits) -> list[Issue]:
    """DT306: bytes that are not UTF-8, or NUL bytes, in a text data file."""
    dec = codecs.getincrementaldecoder("utf-8")()
    bad: int | None = None
    nul: int | None = None
    pos = 0
    budget = limits.max_bytes
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            if nul is None and (i := chunk.find(b"\x00")) >= 0:
                nul = pos + i
            if bad is None:
                try:
                    dec.decode(chunk)
                except UnicodeDecodeError as exc:
                    bad = pos + exc.start
            pos += len(chunk)
            if (bad is not None and nul is not None) or (budget is not None and pos >= budget):
                break
    out = []
    if bad is not None:
        out.append(
            Issue(
                "DT306",
                "text data that is not valid UTF-8",
                f"first invalid byte at offset {bad}",
                offset=bad,
            )
        )
    if nul is not None:
        out.append(
            Issue(
                "DT306",
                "text data with NUL bytes (binary content, or a different encoding)",
                f"first NUL at offset {nul}",
                offset=nul,
            )
        )
    return out


def check_records(path: Path, limits: Limits) -> list[Issue]:
    """DT302: CSV/TSV cells a spreadsheet would evaluate as formulas; DT307: records the
    reader could not parse (every one is a record a loader would fail on or misread)."""
    fmt = reader_format(path)
    reader = open_reader(path, fmt, limits)
    formulas = fmt in ("csv", "tsv")
    hits: list[tuple[int, str, str]] = []
    total = 0
    for batch in reader.batches():
        for row, line in zip(batch.rows, batch.lines, strict=True):
            for i, cell in enumerate(row):
                if formulas and cell[:1] in "=+-@\t\r" and cell and _FORMULA.match(cell):
                    total += 1
                    if len(hits) < 3:
                        name = reader.fields[i] if i < len(reader.fields) else str(i + 1)
                        hits.append((line, name, cell[:40]))
    out = [Issue("DT307", f"malformed record: {e}", e) for e in reader.errors[:3]]
    if total:
        line, name, _ = hits[0]
        more = "; ".join(f"line {ln} {nm}: {c!r}" for ln, nm, c in hits)
        out.insert(
            0,
            Issue(
                "DT302",
                f"{total} cell(s) start like a spreadsheet formula (first in column {name})",
                more,
                line=line,
            ),
        )
    return out


def npy_object_header(data: bytes) -> bool | None:
    """True when a .npy header declares Python objects (a pickle follows); None if malformed."""
    if not data.startswith(b"\x93NUMPY") or len(data) < 12:
        return None
    major = data[6]
    if major == 1:
        (hlen,), start = struct.unpack("<H", data[8:10]), 10
    elif major in (2, 3):
        (hlen,), start = struct.unpack("<I", data[8:12]), 12
    else:
        return None
    if hlen > 1 << 20 or start + hlen > len(data):
        return None
    try:
        header = ast.literal_eval(data[start : start + hlen].decode("latin-1"))
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    if not isinstance(header, dict):
        return None
    return "O" in repr(header.get("descr", ""))


def check_pickles(path: Path, head: bytes, size: int) -> list[Issue]:
    """DT303: pickles inside NumPy arrays, npz archives and pandas HDF5 stores."""
    fmt = claimed_format(path)
    hint = (
        "a pickle stream runs code when loaded; "
        "see the MF rules (secplan model scan) for what it would run"
    )
    out: list[Issue] = []
    if head.startswith(b"\x93NUMPY"):
        with path.open("rb") as fh:
            obj = npy_object_header(fh.read(min(size, (1 << 20) + 12)))
        if obj:
            out.append(Issue("DT303", "NumPy array of Python objects: its data is a pickle", hint))
    elif fmt == "npz" or (head.startswith(b"PK") and path.suffix.lower() == ".npz"):
        out.extend(_npz(path, hint))
    elif head.startswith(b"\x89HDF\r\n\x1a\n"):
        with path.open("rb") as fh:
            data = fh.read(HDF5_SCAN_BYTES)
        if b"pandas_type" in data and any(m in data for m in _PICKLE_MARKS):
            out.append(Issue("DT303", "pandas HDF5 store with pickled object columns", hint))
    return out


def _npz(path: Path, hint: str) -> list[Issue]:
    out: list[Issue] = []
    try:
        with zipfile.ZipFile(path) as zf:
            for i, info in enumerate(zf.infolist()):
                if i >= MAX_NPZ_MEMBERS:
                    break
                with zf.open(info) as member:
                    data = member.read(1 << 16)
                if data.startswith(b"\x93NUMPY") and npy_object_header(data):
                    out.append(
                        Issue(
                            "DT303",
                            "array of Python objects inside an npz archive: its data is a pickle",
                            hint,
                            member=info.filename,
                        )
                    )
                elif data[:1] == b"\x80" and data[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05"):
                    out.append(
                        Issue("DT303", "pickle inside an npz archive", hint, member=info.filename)
                    )
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        out.append(Issue("DT301", "npz archive that cannot be read as a zip", str(exc)[:120]))
    return out


#: A project's own documents: some YARA rules (install instructions that pipe a download into a
#: shell) do not apply to them.
DOCUMENTS = frozenset({".md", ".markdown", ".rst", ".adoc", ".html", ".htm", ".mdx"})


def check_malware(path: Path) -> list[Issue]:
    """DT304 (YARA) and DT305 (ClamAV); DT310 when a scanner that ran could not finish."""
    out: list[Issue] = []
    document = path.suffix.lower() in DOCUMENTS
    for d in yara_scan(path):
        if d.name == "scan-error":
            out.append(Issue("DT310", "the YARA malware rules could not finish", d.description))
            continue
        if document and not d.documents:
            continue
        out.append(
            Issue(
                "DT304",
                f"matches YARA rule {d.name}: {d.description}",
                f"rule {d.name}",
                offset=d.offset,
                severity=d.severity,
            )
        )
    for d in clamav_scan(path):
        if d.name == "scan-error":
            out.append(Issue("DT310", "the ClamAV scan could not finish", d.description))
            continue
        out.append(Issue("DT305", f"ClamAV detects {d.name}", d.description))
    return out


def check_file(path: Path, *, limits: Limits | None = None, malware: bool = True) -> list[Issue]:
    """Every DS5 check that applies to ``path``."""
    limits = limits or Limits()
    size = path.stat().st_size
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    issues = check_type(path, head, size)
    fmt = reader_format(path)
    pickled = any(i.rule == "DT303" for i in issues)
    if claimed_format(path) in ("csv", "tsv", "jsonl", "json", "text") and not issues:
        encoding = check_encoding(path, limits)
        issues += encoding
        if fmt in RECORD_FORMATS:
            # records broken by an encoding problem already have their finding (DT306)
            issues += [
                i for i in check_records(path, limits) if not (encoding and i.rule == "DT307")
            ]
    if not pickled:
        issues += check_pickles(path, head, size)
    if malware:
        issues += check_malware(path)
    return issues
