"""Anonymizing a dataset file by a policy, into a new file, with a report of what changed and
what was kept.

Detection runs in worker processes; the operators (and the vault, and the pseudonym key) stay
in this process. Output is written atomically and the input is only read. Afterwards the
output is scanned again, and every remaining span of a type the policy covers is counted
(pseudonyms of names, realistic by design, are counted apart).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from secplan.data.kanon import KAnonMeter, Measure
from secplan.data.output import atomic_output, check_output
from secplan.data.policy import Policy, Rule
from secplan.data.readers import Batch, Limits, open_reader, reader_format
from secplan.data.scan import DetectorSpec, detector_for, ordered
from secplan.data.spans import Span
from secplan.data.transforms import Transformer
from secplan.data.utility import ColumnStats
from secplan.errors import TargetError

FORMATS = frozenset({"csv", "tsv", "jsonl", "text"})
_Spans = list[tuple[int, int, str, float]]


@dataclass(slots=True)
class Result:
    """What an anonymization did; ``as_json`` is the before/after report."""

    input: str
    output: str
    format: str
    rows_in: int = 0
    rows_out: int = 0
    columns_in: list[str] = field(default_factory=list)
    columns_out: list[str] = field(default_factory=list)
    changed: dict[str, int] = field(default_factory=dict)
    before: dict[str, ColumnStats] = field(default_factory=dict)
    after: dict[str, ColumnStats] = field(default_factory=dict)
    residual: dict[str, int] = field(default_factory=dict)
    pseudonym_names: int = 0
    touched: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    kanon_before: Measure | None = None
    kanon_after: Measure | None = None
    kanon_needed: Measure | None = None

    def as_json(self) -> dict[str, Any]:
        untouched = {
            c: self.before[c].summary()
            for c in self.columns_out
            if c in self.before and c in self.after and c not in self.touched
        }
        types = {
            c: {
                "before": self.before[c].kind,
                "after": self.after[c].kind if c in self.after else "dropped",
            }
            for c in self.columns_in
            if c in self.before
        }
        return {
            "input": self.input,
            "output": self.output,
            "format": self.format,
            "rows": {"before": self.rows_in, "after": self.rows_out},
            "columns": {
                "before": self.columns_in,
                "after": self.columns_out,
                "dropped": [c for c in self.columns_in if c not in self.columns_out],
            },
            "changed": dict(sorted(self.changed.items())),
            "column_types": types,
            "untouched_columns": untouched,
            "residual": dict(sorted(self.residual.items())),
            "pseudonym_names": self.pseudonym_names,
            "errors": self.errors,
            "kanon": {
                "before": self.kanon_before.as_json() if self.kanon_before else None,
                "after": self.kanon_after.as_json() if self.kanon_after else None,
                "needed": self.kanon_needed.as_json() if self.kanon_needed else None,
            },
        }


def _to_tuples(spans: list[Span]) -> _Spans:
    return [(s.start, s.end, s.label, s.score) for s in spans]


def detect_rows(
    batch: Batch, fields: tuple[str, ...], skip: tuple[bool, ...], spec: DetectorSpec
) -> list[list[_Spans]]:
    """Spans per cell (empty for skipped columns); runs in a worker."""
    det = detector_for(spec)
    memo: dict[tuple[int, str], _Spans] = {}
    out: list[list[_Spans]] = []
    for row in batch.rows:
        cells: list[_Spans] = []
        for i, value in enumerate(row):
            if i >= len(skip) or skip[i] or not value.strip():
                cells.append([])
                continue
            key = (i, value)
            if key not in memo:
                found = _to_tuples(det.analyze(value, hint=fields[i] if i < len(fields) else ""))
                if len(memo) < 8192:
                    memo[key] = found
                cells.append(found)
            else:
                cells.append(memo[key])
        out.append(cells)
    return out


def _spans(t: _Spans) -> list[Span]:
    return [Span(a, b, c, d) for a, b, c, d in t]


def _column_rule(policy: Policy, name: str) -> Rule | None:
    if name in policy.columns:
        return policy.columns[name]
    leaf = name.rsplit(".", 1)[-1].split("[", 1)[0]
    return policy.columns.get(leaf)


class _Run:
    def __init__(
        self,
        policy: Policy,
        tf: Transformer,
        spec: DetectorSpec,
        pool: Executor | None,
        limits: Limits,
    ) -> None:
        self.policy = policy
        self.tf = tf
        self.spec = spec
        self.pool = pool
        self.limits = limits
        self.inflight = 2 * getattr(pool, "_max_workers", 1) + 1
        k = policy.kanon
        self.meter_in = KAnonMeter(k.quasi_identifiers, k.sensitive) if k else None
        self.meter_out = KAnonMeter(k.quasi_identifiers, k.sensitive) if k else None


def _measure(meter: KAnonMeter | None, names: list[str], row: list[str]) -> None:
    if meter is None:
        return
    index = {n: i for i, n in enumerate(names)}
    qi = tuple(row[index[q]] if q in index and index[q] < len(row) else "" for q in meter.quasi)
    sens = tuple(
        row[index[s]] if s in index and index[s] < len(row) else "" for s in meter.sensitive
    )
    meter.add(qi, sens)


def _table(src: Path, fmt: str, out: IO[str], run: _Run, res: Result) -> None:
    reader = open_reader(src, fmt, run.limits)
    batches = reader.batches()
    first = next(batches, None)
    fields = list(reader.fields)
    rules = [_column_rule(run.policy, f) for f in fields]
    keep = [r is None or r.action != "drop" for r in rules]
    skip = tuple(r is not None for r in rules)
    writer = csv.writer(out, delimiter=reader.delimiter, lineterminator="\n")
    res.columns_in = fields
    res.columns_out = [f for f, k in zip(fields, keep, strict=True) if k]
    writer.writerow(res.columns_out)
    res.before = {f: ColumnStats() for f in fields}
    res.after = {f: ColumnStats() for f in res.columns_out}

    def work() -> Iterator[tuple[object, ...]]:
        if first is not None:
            yield (first, tuple(fields), skip, run.spec)
        for b in batches:
            yield (b, tuple(fields), skip, run.spec)

    def batches_again() -> Iterator[Batch]:
        if first is not None:
            yield first
        yield from batches

    source = batches_again()
    for found in ordered(run.pool, detect_rows, work(), run.inflight):
        batch = next(source)
        for row, cells in zip(batch.rows, found, strict=True):
            res.rows_in += 1
            _measure(run.meter_in, fields, list(row))
            new: list[str] = []
            for i, value in enumerate(row[: len(fields)]):
                res.before[fields[i]].add(value)
                rule = rules[i]
                v = (
                    run.tf.column(rule, value, fields[i])
                    if rule is not None
                    else run.tf.text(value, _spans(cells[i]))
                )
                if v != value:
                    res.touched.add(fields[i])
                if v is None:
                    continue
                res.after[fields[i]].add(v)
                new.append(v)
            writer.writerow(new)
            _measure(run.meter_out, res.columns_out, new)
            res.rows_out += 1
    res.errors.extend(reader.errors)
    if reader.truncated:
        raise TargetError(
            f"{src.name}: {reader.truncated}", "anonymize whole files only; raise the limits"
        )


def _walk(obj: Any, prefix: str, depth: int) -> Iterator[tuple[str, Any, Any]]:
    """(path, container, key) of every scalar leaf, to depth 16."""
    if depth > 16:
        return
    items = (
        obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, list) else ()
    )
    for k, v in items:
        path = f"{prefix}[{k}]" if isinstance(obj, list) else f"{prefix}.{k}" if prefix else str(k)
        if isinstance(v, dict | list):
            yield from _walk(v, path, depth + 1)
        elif v is not None and not isinstance(v, bool):
            yield path, obj, k


def detect_json(
    lines: list[bytes], spec: DetectorSpec, policy: Policy
) -> list[tuple[Any, list[tuple[str, _Spans]]] | None]:
    det = detector_for(spec)
    out: list[tuple[Any, list[tuple[str, _Spans]]] | None] = []
    for raw in lines:
        try:
            obj = json.loads(raw)
        except (ValueError, RecursionError):
            out.append(None)
            continue
        found = []
        for path, box, key in _walk({"": obj}, "", 0):
            v = box[key]
            if isinstance(v, str) and _column_rule(policy, path) is None:
                found.append((path, _to_tuples(det.analyze(v, hint=path))))
        out.append((obj, found))
    return out


def _jsonl(src: Path, out: IO[str], run: _Run, res: Result) -> None:
    def chunks() -> Iterator[tuple[object, ...]]:
        with src.open("rb") as fh:
            batch: list[bytes] = []
            for line in iter(lambda: fh.readline(run.limits.max_line_bytes + 1), b""):
                if line.strip():
                    batch.append(line)
                if len(batch) >= run.limits.batch_rows:
                    yield (batch, run.spec, run.policy)
                    batch = []
            if batch:
                yield (batch, run.spec, run.policy)

    for results in ordered(run.pool, detect_json, chunks(), run.inflight):
        for item in results:
            res.rows_in += 1
            if item is None:
                res.errors.append(f"record {res.rows_in}: not JSON; left out of the output")
                continue
            obj, found = item
            spans = dict(found)
            root = {"": obj}
            for path, box, key in list(_walk(root, "", 0)):
                rule = _column_rule(run.policy, path)
                value = box[key]
                if rule is not None:
                    text = value if isinstance(value, str) else json.dumps(value)
                    new = run.tf.column(rule, text, path)
                    if new is None:
                        del box[key]
                    elif new != text:
                        box[key] = new
                elif spans.get(path):
                    box[key] = run.tf.text(value, _spans(spans[path]))
            out.write(json.dumps(root.get(""), ensure_ascii=False) + "\n")
            res.rows_out += 1


def _text(src: Path, out: IO[str], run: _Run, res: Result) -> None:
    reader = open_reader(src, "text", run.limits)
    batches = list_batches = reader.batches()
    pending: list[Batch] = []

    def work() -> Iterator[tuple[object, ...]]:
        for b in list_batches:
            pending.append(b)
            yield (b, ("text",), (False,), run.spec)

    for found in ordered(run.pool, detect_rows, work(), run.inflight):
        batch = pending.pop(0)
        for row, cells in zip(batch.rows, found, strict=True):
            res.rows_in += 1
            out.write(run.tf.text(row[0], _spans(cells[0])) + "\n")
            res.rows_out += 1
    del batches


def residual_batch(
    batch: Batch, fields: tuple[str, ...], skip: tuple[bool, ...], spec: DetectorSpec
) -> list[tuple[str, str]]:
    """(entity, text of PERSON spans) for what a re-scan finds; runs in a worker."""
    found = detect_rows(batch, fields, skip, spec)
    out: list[tuple[str, str]] = []
    for row, cells in zip(batch.rows, found, strict=True):
        for value, spans in zip(row, cells, strict=False):
            out.extend((label, value[a:b] if label == "PERSON" else "") for a, b, label, _ in spans)
    return out


def verify(dst: Path, fmt: str, run: _Run, res: Result) -> None:
    """Scan the output again; count spans of covered types (pseudonym names apart)."""
    reader = open_reader(dst, "text" if fmt == "text" else fmt, run.limits)
    inserted = run.tf.pseudonyms.inserted

    def work() -> Iterator[tuple[object, ...]]:
        for b in reader.batches():
            fields = tuple(reader.fields)
            skip = tuple(
                (r := _column_rule(run.policy, f)) is not None and r.action == "keep"
                for f in fields
            )
            yield (b, fields, skip, run.spec)

    residual: Counter[str] = Counter()
    for found in ordered(run.pool, residual_batch, work(), run.inflight):
        for label, text in found:
            if run.policy.for_entity(label) is None:
                continue
            if label == "PERSON" and (text in inserted or _pseudonym_like(text, inserted)):
                res.pseudonym_names += 1
            else:
                residual[label] += 1
    res.residual = dict(residual)


def _pseudonym_like(text: str, inserted: set[str]) -> bool:
    """Part of an inserted pseudonym (a name split across tokens by the detector)."""
    return any(text in name for name in inserted) if len(inserted) < 5000 else False


def anonymize_file(
    src: Path,
    dst: Path,
    policy: Policy,
    tf: Transformer,
    *,
    spec: DetectorSpec | None = None,
    pool: Executor | None = None,
    limits: Limits | None = None,
    overwrite: bool = False,
    check: bool = True,
) -> Result:
    """Write the anonymized ``src`` to ``dst`` (atomically) and report what changed."""
    fmt = reader_format(src)
    if fmt not in FORMATS:
        raise TargetError(
            f"{src.name}: cannot anonymize {fmt} files yet", "convert it to CSV or JSON Lines first"
        )
    check_output(src, dst, overwrite=overwrite)
    spec = spec or DetectorSpec(threshold=policy.threshold)
    run = _Run(policy, tf, spec, pool, limits or Limits())
    res = Result(input=src.name, output=dst.name, format=fmt)
    with atomic_output(dst) as out:
        text_out = out
        if fmt in ("csv", "tsv"):
            _table(src, fmt, text_out, run, res)
        elif fmt == "jsonl":
            _jsonl(src, text_out, run, res)
        else:
            _text(src, text_out, run, res)
    if tf.vault is not None:
        tf.vault.commit()
    if check:
        verify(dst, fmt, run, res)
    res.changed = dict(Counter(tf.changed))
    if run.meter_in is not None and run.meter_out is not None and policy.kanon is not None:
        res.kanon_before = run.meter_in.measure(policy.kanon.k)
        res.kanon_after = run.meter_out.measure(policy.kanon.k)
        short_l = bool(policy.kanon.sensitive) and res.kanon_after.l < policy.kanon.l
        if res.kanon_after.k < policy.kanon.k or short_l:
            res.kanon_needed = run.meter_out.search(policy.kanon.k, policy.kanon.l)
    return res
