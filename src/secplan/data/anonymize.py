"""Anonymizing a dataset file by a policy, into a new file, with a report of what changed and
what was kept.

Detection runs in worker processes; the operators (and the vault, and the pseudonym key) stay
in this process. The input is only read. The output is written to a temporary file, scanned
again with the same detectors (:mod:`secplan.data.residual`), and renamed into place only when
no personal data is left outside the columns the policy keeps; otherwise
:class:`ResidualPersonalData` is raised, the temporary file is removed and nothing is
published.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Executor
from pathlib import Path
from typing import IO, Any

from secplan.data.anon_result import ResidualPersonalData, Result
from secplan.data.cells import Spans, detect_rows, to_spans, to_tuples
from secplan.data.kanon import KAnonMeter
from secplan.data.output import atomic_output, check_output
from secplan.data.policy import Policy, Rule
from secplan.data.readers import Batch, Limits, open_reader, reader_format
from secplan.data.residual import PseudonymNames, Residual
from secplan.data.residual import check_output as rescan
from secplan.data.scan import DetectorSpec, detector_for, ordered
from secplan.data.transforms import Transformer
from secplan.data.utility import ColumnStats
from secplan.errors import TargetError

FORMATS = frozenset({"csv", "tsv", "jsonl", "text"})


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
                    else run.tf.text(value, to_spans(cells[i]))
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


MAX_JSON_DEPTH = 16


def _too_deep(obj: Any) -> bool:
    """Nested past :data:`MAX_JSON_DEPTH`, where neither the anonymizer nor its check look."""
    level: list[Any] = [obj]
    for _ in range(MAX_JSON_DEPTH + 1):
        level = [
            v
            for o in level
            for v in (o.values() if isinstance(o, dict) else o if isinstance(o, list) else ())
        ]
        if not level:
            return False
    return True


def _text_of(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _walk(obj: Any, prefix: str, depth: int) -> Iterator[tuple[str, Any, Any]]:
    """(path, container, key) of every scalar leaf but booleans, to depth 16."""
    if depth > MAX_JSON_DEPTH:
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
) -> list[tuple[Any, list[tuple[str, Spans]]] | None]:
    det = detector_for(spec)
    out: list[tuple[Any, list[tuple[str, Spans]]] | None] = []
    for raw in lines:
        try:
            obj = json.loads(raw)
        except (ValueError, RecursionError):
            out.append(None)
            continue
        if _too_deep(obj):
            out.append(None)
            continue
        found = []
        for path, box, key in _walk({"": obj}, "", 0):
            if _column_rule(policy, path) is None:  # numbers too: a card number, a phone
                found.append((path, to_tuples(det.analyze(_text_of(box[key]), hint=path))))
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
                res.errors.append(
                    f"record {res.rows_in}: not JSON, or nested deeper than {MAX_JSON_DEPTH} "
                    "levels; left out of the output"
                )
                continue
            obj, found = item
            spans = dict(found)
            root = {"": obj}
            for path, box, key in list(_walk(root, "", 0)):
                rule = _column_rule(run.policy, path)
                value = box[key]
                if rule is not None:
                    text = _text_of(value)
                    new = run.tf.column(rule, text, path)
                    if new is None:
                        del box[key]
                    elif new != text:
                        box[key] = new
                elif spans.get(path):
                    box[key] = run.tf.text(_text_of(value), to_spans(spans[path]))
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
            out.write(run.tf.text(row[0], to_spans(cells[0])) + "\n")
            res.rows_out += 1
    del batches


def verify(path: Path, fmt: str, run: _Run, res: Result) -> None:
    """Scan the output at ``path`` again; raise :class:`ResidualPersonalData` when personal
    data is left outside ``keep`` columns, or when part of it cannot be read back."""
    names = PseudonymNames()
    names.update(run.tf.pseudonyms.inserted)
    kept = {c for c, r in run.policy.columns.items() if r.action == "keep"}

    def allowed(column: str) -> bool:
        if fmt == "text":  # column rules do not apply to plain text
            return False
        return column in kept or column.rsplit(".", 1)[-1].split("[", 1)[0] in kept

    found: Residual = rescan(
        path,
        fmt,
        spec=run.spec,
        allowed=allowed,
        pseudonyms=names,
        pool=run.pool,
        limits=run.limits,
        inflight=run.inflight,
    )
    res.verified = True
    res.pseudonym_names = found.pseudonym_names
    res.residual = found.totals()
    res.residual_columns = {c: dict(v) for c, v in found.found.items()}
    res.residual_allowed = {c: dict(v) for c, v in found.allowed.items()}
    if found.unchecked:
        raise ResidualPersonalData(res, f"the output could not be read back ({found.unchecked})")
    if res.residual:
        raise ResidualPersonalData(res, f"personal data left after anonymizing: {found.summary()}")


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

    def before_publish(tmp: Path) -> None:
        res.changed = dict(Counter(tf.changed))
        if check:
            verify(tmp, fmt, run, res)

    with atomic_output(dst, check=before_publish) as out:
        if fmt in ("csv", "tsv"):
            _table(src, fmt, out, run, res)
        elif fmt == "jsonl":
            _jsonl(src, out, run, res)
        else:
            _text(src, out, run, res)
    res.published = True
    if tf.vault is not None:
        tf.vault.commit()
    if run.meter_in is not None and run.meter_out is not None and policy.kanon is not None:
        res.kanon_before = run.meter_in.measure(policy.kanon.k)
        res.kanon_after = run.meter_out.measure(policy.kanon.k)
        short_l = bool(policy.kanon.sensitive) and res.kanon_after.l < policy.kanon.l
        if res.kanon_after.k < policy.kanon.k or short_l:
            res.kanon_needed = run.meter_out.search(policy.kanon.k, policy.kanon.l)
    return res


__all__ = ["FORMATS", "ResidualPersonalData", "Result", "anonymize_file", "verify"]
