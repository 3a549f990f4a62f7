"""Findings from pickle streams: every stream in the data, every reference, every call.

A file may hold several streams one after another (PyTorch's legacy format writes five, and a
loader may read on after the first STOP); all are analysed. A stream that breaks off is
reported together with what it would already have run.
"""

from __future__ import annotations

from collections.abc import Iterator

from secplan.model import Severity
from secplan.modelfile.buffer import Buffer
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.pickle.ops import Malformed, Span, read_op
from secplan.modelfile.pickle.plain import plain_stream
from secplan.modelfile.pickle.statecheck import check_instances
from secplan.modelfile.pickle.values import cut
from secplan.modelfile.pickle.vm import (
    Call,
    Lit,
    Machine,
    Nested,
    Ref,
    RefStat,
    StreamResult,
    render,
)
from secplan.modelfile.policy import Verdict
from secplan.modelfile.policy_names import Effect
from secplan.modelfile.rules import (
    DANGEROUS_CALLABLE,
    MALFORMED,
    NOT_VERIFIED,
    UNKNOWN_CALLABLE,
)

TORCH_MAGIC = 0x1950A86A20F9469CFC6C


def walk_streams(
    buf: Buffer, start: int, end: int, ctx: Ctx, *, max_streams: int | None = None
) -> tuple[list[StreamResult], int]:
    """All streams from ``start``: the results and where the last complete one ended."""
    results: list[StreamResult] = []
    pos = start
    limit = max_streams or ctx.limits.max_streams
    while pos < end and len(results) < limit:
        if results:
            try:
                read_op(buf, pos, end)
            except Malformed:
                break  # not a pickle: plain trailing data
        # plain data (most large pickles) is proven so by a cheap first pass; anything else,
        # or anything the pass is unsure of, is run by the symbolic machine
        r = plain_stream(buf, pos, end, ctx.budget)
        if r is None:
            r = Machine(buf, pos, end, ctx.policy, ctx.budget).run()
        results.append(r)
        if r.end is None:
            break
        pos = r.end
        if len(results) == 1 and isinstance(r.value, Lit) and r.value.value == TORCH_MAGIC:
            limit = min(limit, 5)  # legacy PyTorch: magic, version, sys info, object, keys
    return results, pos


def analyze_pickle(
    buf: Buffer,
    start: int,
    end: int,
    where: Where,
    ctx: Ctx,
    *,
    trailing_ok: bool = False,
    quiet_malformed: bool = False,
    side_files: list[str] | None = None,
) -> None:
    """Analyse the pickle data in ``buf[start:end]`` and add its findings; bytes handed to a
    nested loader are analysed through ``ctx.nested``. With ``side_files`` given, the caller
    follows the array files old joblib wrappers name beside the pickle: the names that stay
    in the pickle's directory are collected there instead of reported."""
    results, stop = walk_streams(buf, start, end, ctx)
    legacy = bool(results) and _is_torch_magic(results[0])
    for i, r in enumerate(results):
        report_stream(buf, r, where, ctx, side_files=side_files)
        if r.joblib_arrays:
            _plain_view(buf, r, end, where, ctx)
        if r.failure is not None:
            ctx.sink.add(
                NOT_VERIFIED,
                where,
                f"pickle stream could not be analysed past byte {r.error.offset if r.error else 0}",
                offset=r.error.offset if r.error else None,
                evidence=f"{r.failure}; what came before was analysed",
            )
        elif r.error is not None and not quiet_malformed:
            _malformed(r, i, where, ctx)
        if i == 1 and not legacy and r.end is not None:
            ctx.sink.add(
                MALFORMED,
                where,
                "a second pickle stream follows the first STOP opcode",
                offset=r.start,
                evidence=f"stream 2 spans bytes {r.start}-{r.end}; a loader that reads on "
                "runs it, most scanners stop at the first STOP",
                severity=Severity.HIGH,
            )
    if len(results) >= ctx.limits.max_streams:
        ctx.sink.add(
            NOT_VERIFIED,
            where,
            f"more than {ctx.limits.max_streams} pickle streams; the rest was not analysed",
            offset=stop,
        )
    last = results[-1] if results else None
    if (
        last is not None
        and last.end is not None
        and stop < end
        and not (trailing_ok or legacy or _line_end(buf, stop, end))
    ):
        ctx.sink.add(
            MALFORMED,
            where,
            f"{end - stop} bytes of data follow the end of the pickle stream",
            offset=stop,
            evidence="pickle.load ignores them; a loader that reads further sees them",
        )


def _line_end(buf: Buffer, start: int, end: int) -> bool:
    """Whether the bytes after the stream are only a line ending (as Python 2 era writers
    left after STOP): nothing a loader could read there."""
    return end - start <= 2 and bytes(buf[start:end]) in (b"\n", b"\r\n")


def _is_torch_magic(r: StreamResult) -> bool:
    return isinstance(r.value, Lit) and r.value.value == TORCH_MAGIC


def _plain_view(buf: Buffer, r: StreamResult, end: int, where: Where, ctx: Ctx) -> None:
    """What ``pickle.load`` (rather than joblib) would run on the same bytes."""
    plain = Machine(buf, r.start, end, ctx.policy, ctx.budget, joblib=False).run()
    report_stream(buf, plain, where, ctx, refs_only=True)


def _malformed(r: StreamResult, index: int, where: Where, ctx: Ctx) -> None:
    err = r.error
    assert err is not None
    which = "pickle stream" if index == 0 else f"pickle stream {index + 1}"
    known = (Verdict.SAFE, Verdict.INDEXED)
    ran = sum(1 for s in r.refs.values() if s.ref.decision.verdict not in known)
    ctx.sink.add(
        MALFORMED,
        where,
        f"{which} is malformed: {err.why}",
        offset=err.offset,
        evidence=f"the unpickler fails at byte {err.offset} after running the {r.ops} opcodes "
        f"before it ({len(r.refs)} imports, {ran} of them not known safe)",
    )


def _all(r: StreamResult) -> Iterator[StreamResult]:
    yield r
    for sub in r.sub_results:
        yield from _all(sub)


def report_stream(
    buf: Buffer,
    r: StreamResult,
    where: Where,
    ctx: Ctx,
    *,
    refs_only: bool = False,
    side_files: list[str] | None = None,
) -> None:
    for part in _all(r):
        calls: dict[str, list[Call]] = {}
        for c in part.calls:
            key = c.func.full if isinstance(c.func, Ref) else "<computed>"
            calls.setdefault(key, []).append(c)
        for stat in part.refs.values():
            _report_ref(stat, calls.get(stat.ref.full, []), where, ctx)
        if refs_only:
            continue
        for a in part.anomalies:
            if side_files is not None and a.kind == "joblib-external" and not _escapes(a.detail):
                side_files.append(a.detail)
                continue
            _report_anomaly(a.kind, a.detail, a.offset, where, ctx)
        for n in part.nested:
            _report_nested(buf, n, where, ctx)


def _report_ref(stat: RefStat, calls: list[Call], where: Where, ctx: Ctx) -> None:
    ref, d = stat.ref, stat.ref.decision
    if d.verdict in (Verdict.SAFE, Verdict.RESOLVER, Verdict.NESTED):
        return
    usage = render(calls[0]) if calls else f"{cut(ref.full)} (referenced, not called)"
    parts = [usage, f"via {ref.how}", f"{stat.count}× in stream, called {stat.called}×"]
    if ref.original:
        parts.append(f"written as {cut(ref.original)} (Python 2 name mapped by the unpickler)")
    rule = ctx.policy.state_checks.get(ref.full) if d.verdict is Verdict.DANGEROUS else None
    if rule is not None:
        encoders = frozenset(n for n, e in ctx.policy.effects.items() if e is Effect.ENCODE)
        outcome = check_instances(rule, stat, calls, encoders)
        if outcome.safe:
            ctx.sink.add(
                DANGEROUS_CALLABLE,
                where,
                f"pickle {_verb(stat)} {_name(ref)}, which writes a file from its state; "
                f"{rule.safe_reason}",
                offset=ref.offset,
                evidence="; ".join([*parts, outcome.evidence, rule.reason]),
                severity=rule.severity,
            )
            return
        parts.append(f"state not proven safe: {outcome.evidence}")
    if d.verdict is Verdict.DANGEROUS:
        if d.pattern:
            parts.append(f"path {d.pattern}" if " -> " in d.pattern else f"matches {d.pattern!r}")
        if d.note:
            parts.append(d.note)
        ctx.sink.add(
            DANGEROUS_CALLABLE,
            where,
            f"pickle {_verb(stat)} {_name(ref)}: {d.reason}",
            offset=ref.offset,
            evidence="; ".join(parts),
        )
        return
    target = ref.full
    if d.verdict is Verdict.INDEXED:
        ctx.sink.add(
            UNKNOWN_CALLABLE,
            where,
            f"pickle {_verb(stat)} {_name(ref)}, known from its source code to reach no sink",
            offset=ref.offset,
            evidence="; ".join([*parts, d.reason]),
            severity=Severity.INFO,
        )
        return
    if d.note:
        parts.append(d.note)
    ctx.sink.add(
        UNKNOWN_CALLABLE,
        where,
        f"pickle {_verb(stat)} {_name(ref)}, which cannot be proven safe: review it",
        offset=ref.offset,
        evidence="; ".join([*parts, d.reason]),
        remediation=f"Review {ref.full}. If you trust it, add it to secplan.toml: "
        f'[models] allow = ["{target}"]',
    )


def _verb(stat: RefStat) -> str:
    return "calls" if stat.called else "imports"


def _name(ref: Ref) -> str:
    return f"the module {cut(ref.module)}" if ref.name == "*" else cut(ref.full)


_RULES = {r.id: r for r in (DANGEROUS_CALLABLE, UNKNOWN_CALLABLE)}


def _escapes(name: str) -> bool:
    """Whether a side-file name of an old joblib wrapper can leave the pickle's directory."""
    return "/" in name or "\\" in name or ".." in name


def _report_anomaly(
    kind: str, detail: str, offset: int, where: Where, ctx: Ctx, *, loader: str = ""
) -> None:
    """Report an anomaly with the rule, severity and message the policy gives its kind."""
    evidence = detail
    if kind == "joblib-external":
        escapes = _escapes(detail)
        evidence = f"file {detail!r}" + (" (outside the file's directory)" if escapes else "")
        kind = "joblib-external-outside" if escapes else kind
    report = ctx.policy.anomaly(kind)
    ctx.sink.add(
        _RULES[report.rule],
        where,
        report.message.format(loader=loader),
        offset=offset,
        evidence=evidence,
        severity=report.severity,
    )


def _report_nested(buf: Buffer, n: Nested, where: Where, ctx: Ctx) -> None:
    if n.data is None:
        evidence = "the payload cannot be analysed before it is built"
        _report_anomaly("computed-payload", evidence, n.offset, where, ctx, loader=n.loader)
        return
    if isinstance(n.data, Span):
        data = bytes(buf[n.data.start : n.data.start + n.data.length])
    else:
        data = n.data
    child = where.child(f"<{n.loader} argument at byte {n.offset}>")
    if child.depth > ctx.limits.max_nesting:
        ctx.sink.add(
            NOT_VERIFIED,
            where,
            f"nested payloads deeper than {ctx.limits.max_nesting} levels were not analysed",
            offset=n.offset,
        )
        return
    ctx.nested(data, len(data), child)
