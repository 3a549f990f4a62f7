"""Output rules: personal data and secrets redacted (streamed responses too), scores rounded
or cut to the top k or to the label, responses validated against a JSON schema, and a
system-prompt canary that must never come back.

>>> r = Redactor(pii=True, secrets=False)
>>> r.text("write to maria.g@mail.es today")
'write to [EMAIL_ADDRESS] today'
>>> shape_scores([[0.1234, 0.8766]], digits=2, top_k=None, label_only=False)
[[0.12, 0.88]]
>>> shape_scores([[0.1, 0.7, 0.2]], digits=None, top_k=None, label_only=True)
[1]
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secplan.data.detect import Detector
    from secplan.data.spans import Span

#: Characters of streamed text held back so that a value split across chunks is still whole
#: when it is checked.
HOLD_BACK = 96
#: Keys of API responses that hold identifiers and metadata, never model-written text.
_META = frozenset(
    {
        "id",
        "object",
        "model",
        "role",
        "finish_reason",
        "name",
        "datatype",
        "system_fingerprint",
        "model_name",
        "model_version",
        "type",
    }
)


@lru_cache(maxsize=4)
def _detector(pii: bool, secrets: bool) -> Detector:
    from secplan.data.detect import DEFAULT_ENTITIES, Detector
    from secplan.data.spans import Entity

    wanted = set(DEFAULT_ENTITIES) if pii else set()
    if secrets:
        wanted.add(Entity.API_KEY)
    elif Entity.API_KEY in wanted:
        wanted.discard(Entity.API_KEY)
    return Detector(entities=frozenset(wanted), secrets=secrets)


@dataclass(frozen=True, slots=True)
class Redactor:
    pii: bool = True
    secrets: bool = True

    @property
    def active(self) -> bool:
        return self.pii or self.secrets

    def spans(self, text: str) -> list[Span]:
        if not self.active or len(text) < 6:
            return []
        return _detector(self.pii, self.secrets).analyze(text)

    def text(self, text: str) -> str:
        return _apply(text, self.spans(text))


def _apply(text: str, spans: list[Span]) -> str:
    for s in sorted(spans, key=lambda s: s.start, reverse=True):
        text = text[: s.start] + f"[{s.label}]" + text[s.end :]
    return text


def redact_json(value: Any, r: Redactor, found: list[str], key: str = "") -> Any:
    """``value`` with every model-written string redacted; labels found go to ``found``."""
    if isinstance(value, str):
        if key in _META:
            return value
        spans = r.spans(value)
        found.extend(str(s.label) for s in spans)
        return _apply(value, spans) if spans else value
    if isinstance(value, list):
        return [redact_json(v, r, found, key) for v in value]
    if isinstance(value, dict):
        return {k: redact_json(v, r, found, k) for k, v in value.items()}
    return value


def strings_of(value: Any, out: list[str]) -> list[str]:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, list):
        for v in value:
            strings_of(v, out)
    elif isinstance(value, dict):
        for v in value.values():
            strings_of(v, out)
    return out


def _is_scores(row: Any) -> bool:
    return (
        isinstance(row, list)
        and bool(row)
        and all(isinstance(x, float | int) and not isinstance(x, bool) for x in row)
    )


def shape_scores(rows: Any, *, digits: int | None, top_k: int | None, label_only: bool) -> Any:
    """Rows of scores rounded, cut to their ``top_k`` (the others zeroed) or to the index of
    the best; anything else unchanged."""
    if isinstance(rows, float) and digits is not None:
        return round(rows, digits)
    if not isinstance(rows, list):
        return rows
    out: list[Any] = []
    for row in rows:
        if _is_scores(row):
            if label_only:
                out.append(max(range(len(row)), key=row.__getitem__))
                continue
            if top_k is not None and top_k < len(row):
                keep = set(sorted(range(len(row)), key=row.__getitem__, reverse=True)[:top_k])
                row = [x if i in keep else 0.0 for i, x in enumerate(row)]
            if digits is not None:
                row = [round(float(x), digits) if isinstance(x, float) else x for x in row]
            out.append(row)
        elif isinstance(row, float) and digits is not None:
            out.append(round(row, digits))
        else:
            out.append(
                shape_scores(row, digits=digits, top_k=top_k, label_only=label_only)
                if isinstance(row, list)
                else row
            )
    return out


def shape_oip(
    body: dict[str, Any], *, digits: int | None, top_k: int | None, label_only: bool
) -> dict[str, Any]:
    """An OIP response's float outputs shaped; a [N, C] output becomes [N] labels."""
    outs = body.get("outputs")
    if not isinstance(outs, list):
        return body
    shaped = []
    for o in outs:
        if not isinstance(o, dict) or o.get("datatype") not in ("FP16", "FP32", "FP64", "BF16"):
            shaped.append(o)
            continue
        shape, data = o.get("shape"), o.get("data")
        if not isinstance(shape, list) or not isinstance(data, list):
            shaped.append(o)
            continue
        flat = (
            [x for x in data if isinstance(x, float | int)]
            if data and not isinstance(data[0], list)
            else [x for r in data for x in (r if isinstance(r, list) else [r])]
        )
        width = shape[-1] if len(shape) == 2 and isinstance(shape[-1], int) else len(flat)
        rows = [flat[i : i + width] for i in range(0, len(flat), width or 1)]
        rows = shape_scores(rows, digits=digits, top_k=top_k, label_only=label_only)
        if label_only:
            shaped.append({**o, "shape": [len(rows)], "datatype": "INT64", "data": rows})
        else:
            shaped.append({**o, "data": [x for r in rows for x in r]})
    return {**body, "outputs": shaped}


@dataclass(slots=True)
class StreamFilter:
    """Redacts an SSE stream of OpenAI chunks: events are cut at blank lines whatever the
    network chunking, and the text of the deltas is held back by :data:`HOLD_BACK`
    characters so that a value split across deltas is redacted whole."""

    redactor: Redactor
    canary: str | None = None
    buffer: bytes = b""
    pending: str = ""
    template: dict[str, Any] | None = None
    found: list[str] = field(default_factory=list)
    leaked: bool = False
    #: The end of the text already sent, so a canary cut in two by a release is still seen.
    sent_tail: str = ""

    def feed(self, chunk: bytes) -> bytes:
        self.buffer += chunk
        out: list[bytes] = []
        while True:
            cut = _event_end(self.buffer)
            if cut is None:
                break
            event, self.buffer = self.buffer[: cut[0]], self.buffer[cut[1] :]
            out.append(self._event(event))
        return b"".join(out)

    def close(self) -> bytes:
        tail = self._event(self.buffer) if self.buffer.strip() else b""
        self.buffer = b""
        return self._flush() + tail

    def _emit(self, text: str) -> bytes:
        if not text or self.template is None:
            return b""
        doc = json.loads(json.dumps(self.template))
        choice = doc["choices"][0]
        if "delta" in choice:
            choice["delta"] = {"content": text}
        else:
            choice["text"] = text
        choice["finish_reason"] = None
        return b"data: " + json.dumps(doc, ensure_ascii=False).encode() + b"\n\n"

    def _release(self, final: bool) -> bytes:
        text = self.pending
        if self.canary and self.canary in self.sent_tail + text:
            self.leaked = True
        spans = self.redactor.spans(text)
        cut = len(text) if final else max(0, len(text) - HOLD_BACK)
        for s in spans:
            if s.start < cut < s.end:
                cut = s.start
        done = [s for s in spans if s.end <= cut]
        self.found.extend(str(s.label) for s in done)
        self.pending = text[cut:]
        if self.canary:
            self.sent_tail = (self.sent_tail + text[:cut])[-len(self.canary) :]
        return self._emit(_apply(text[:cut], done))

    def _flush(self) -> bytes:
        return self._release(final=True) if self.pending else b""

    def _event(self, raw: bytes) -> bytes:
        lines = raw.decode("utf-8", "replace").splitlines()
        data = "\n".join(ln[5:].lstrip(" ") for ln in lines if ln.startswith("data:"))
        if not data:
            return raw + b"\n\n"
        if data.strip() == "[DONE]":
            return self._flush() + b"data: [DONE]\n\n"
        try:
            doc = json.loads(data)
            choice = doc["choices"][0]
        except (ValueError, KeyError, IndexError, TypeError):
            raise StreamError("the upstream sent an event that is not a JSON chunk") from None
        holder = choice.get("delta") if isinstance(choice.get("delta"), dict) else choice
        text = holder.get("content") if "delta" in choice else holder.get("text")
        if isinstance(text, str) and text:
            self.template = doc
            self.pending += text
            if "delta" in choice:
                holder["content"] = ""
            else:
                choice["text"] = ""
        if choice.get("finish_reason"):
            head = self._flush()
            return head + b"data: " + json.dumps(doc, ensure_ascii=False).encode() + b"\n\n"
        released = self._release(final=False) if len(self.pending) > HOLD_BACK else b""
        if isinstance(text, str) and text:
            return released  # the text goes out with a later event
        return released + b"data: " + json.dumps(doc, ensure_ascii=False).encode() + b"\n\n"


class StreamError(ValueError):
    """The upstream's stream is not what the route's protocol sends."""


def _event_end(buf: bytes) -> tuple[int, int] | None:
    best: tuple[int, int] | None = None
    for sep in (b"\n\n", b"\r\n\r\n", b"\r\r"):
        i = buf.find(sep)
        if i >= 0 and (best is None or i < best[0]):
            best = (i, i + len(sep))
    return best
