"""What a request says, per protocol: rows of named features (tabular models), tensors (the
Open Inference Protocol), prompts (LLM routes). Parsing never trusts the body: every shape
is checked, and a body that does not fit its protocol is a :class:`BadRequest`.

>>> p = parse_request("openai-chat", {"messages": [{"role": "user", "content": "hi"}]}, ())
>>> p.prompts
['hi']
>>> parse_request("mlflow-invocations", {"dataframe_split": {"columns": ["a"],
...     "data": [[1.5]]}}, ()).rows
[{'a': 1.5}]
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

#: Nesting depth and element counts a request may reach before it is refused.
MAX_DEPTH = 32
#: OIP datatypes and what their elements must be.
_NUMERIC = {
    "BOOL": bool,
    "UINT8": int,
    "UINT16": int,
    "UINT32": int,
    "UINT64": int,
    "INT8": int,
    "INT16": int,
    "INT32": int,
    "INT64": int,
    "FP16": float,
    "FP32": float,
    "FP64": float,
    "BF16": float,
}


class BadRequest(ValueError):
    """The body does not fit the route's protocol."""


@dataclass(slots=True)
class Parsed:
    rows: list[dict[str, Any]] = field(default_factory=list)
    prompts: list[str] = field(default_factory=list)
    max_tokens: int | None = None
    elements: int = 0


def _flat(data: Any, depth: int = 0) -> list[Any]:
    if depth > MAX_DEPTH:
        raise BadRequest("tensor data nests too deeply")
    if isinstance(data, list):
        out: list[Any] = []
        for x in data:
            if isinstance(x, list):
                out.extend(_flat(x, depth + 1))
            else:
                out.append(x)
        return out
    return [data]


#: The JSON value types each kind of tensor datatype takes.
_KINDS: dict[type, frozenset[type]] = {
    bool: frozenset({bool}),
    float: frozenset({int, float}),
    int: frozenset({int}),
}


def _check_tensor(t: Any) -> tuple[str, list[int], list[Any]]:
    if not isinstance(t, dict):
        raise BadRequest("each input must be an object with name, shape, datatype and data")
    name, shape, dtype, data = t.get("name"), t.get("shape"), t.get("datatype"), t.get("data")
    if not isinstance(name, str) or not isinstance(dtype, str):
        raise BadRequest("an input lacks its name or datatype")
    if not isinstance(shape, list) or not all(
        isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape
    ):
        raise BadRequest(f"input {name[:40]}: shape must be a list of non-negative integers")
    flat = _flat(data)
    if math.prod(shape) != len(flat):
        raise BadRequest(f"input {name[:40]}: shape {shape} does not match {len(flat)} elements")
    if dtype == "BYTES":
        if not all(isinstance(x, str) for x in flat):
            raise BadRequest(f"input {name[:40]}: BYTES data must be strings")
    elif dtype in _NUMERIC:
        # JSON values are exactly these types (a bool is not an int here)
        kinds = _KINDS[_NUMERIC[dtype]]
        for x in flat:
            if type(x) not in kinds:
                raise BadRequest(f"input {name[:40]}: {dtype} data holds {type(x).__name__}")
    else:
        raise BadRequest(f"input {name[:40]}: unknown datatype {dtype[:20]}")
    return name, shape, flat


def _oip(body: dict[str, Any], features: tuple[str, ...]) -> Parsed:
    inputs = body.get("inputs")
    if not isinstance(inputs, list) or not inputs:
        raise BadRequest("an inference request needs a non-empty inputs list")
    tensors = [_check_tensor(t) for t in inputs]
    p = Parsed(elements=sum(len(f) for _, _, f in tensors))
    names = [n for n, _, _ in tensors]
    if len(tensors) == 1 and len(tensors[0][1]) in (1, 2) and features and names[0] not in features:
        _, shape, flat = tensors[0]
        width = shape[-1] if len(shape) == 2 else len(flat)
        if width != len(features):
            raise BadRequest(
                f"input {names[0][:40]} has {width} features, the model takes {len(features)}"
            )
        p.rows = [
            dict(zip(features, flat[i : i + width], strict=True))
            for i in range(0, len(flat), width or 1)
        ]
    elif features:
        columns = {n: f for n, _, f in tensors}
        height = max(len(f) for f in columns.values())
        if any(len(f) != height for f in columns.values()):
            raise BadRequest("feature inputs must all have the same number of rows")
        p.rows = [{n: f[i] for n, f in columns.items()} for i in range(height)]
    for _, _, flat in tensors:
        p.prompts.extend(x for x in flat if isinstance(x, str))
    return p


def _mlflow(body: dict[str, Any], features: tuple[str, ...]) -> Parsed:
    if "dataframe_split" in body:
        split = body["dataframe_split"]
        if not isinstance(split, dict) or not isinstance(split.get("data"), list):
            raise BadRequest("dataframe_split needs columns and data")
        cols = split.get("columns") or list(features)
        if not isinstance(cols, list) or not all(isinstance(c, str) for c in cols):
            raise BadRequest("dataframe_split columns must be strings")
        rows = []
        for r in split["data"]:
            if not isinstance(r, list) or len(r) != len(cols):
                raise BadRequest(f"each dataframe_split row needs {len(cols)} values")
            rows.append(dict(zip(cols, r, strict=True)))
        p = Parsed(rows=rows)
    elif "dataframe_records" in body:
        recs = body["dataframe_records"]
        if not isinstance(recs, list) or not all(isinstance(r, dict) for r in recs):
            raise BadRequest("dataframe_records must be a list of objects")
        p = Parsed(rows=list(recs))
    elif "instances" in body or "inputs" in body:
        data = body.get("instances", body.get("inputs"))
        if isinstance(data, dict):
            cols = {k: v if isinstance(v, list) else [v] for k, v in data.items()}
            height = max((len(v) for v in cols.values()), default=0)
            p = Parsed(
                rows=[
                    {k: v[i] if i < len(v) else None for k, v in cols.items()}
                    for i in range(height)
                ]
            )
        elif isinstance(data, list):
            rows = []
            for r in data:
                if isinstance(r, dict):
                    rows.append(r)
                elif isinstance(r, list) and features and len(r) == len(features):
                    rows.append(dict(zip(features, r, strict=True)))
                elif isinstance(r, str):
                    rows.append({})
                else:
                    raise BadRequest("instances must be objects, or lists as long as the features")
            p = Parsed(rows=rows if any(rows) else [])
            p.prompts = [r for r in data if isinstance(r, str)]
        else:
            raise BadRequest("instances/inputs must be a list or an object")
    else:
        raise BadRequest(
            "an MLflow request needs dataframe_split, dataframe_records, instances or inputs"
        )
    p.elements = sum(len(r) for r in p.rows)
    for r in p.rows:
        p.prompts.extend(v for v in r.values() if isinstance(v, str) and len(v) > 64)
    return p


def _content(c: Any) -> list[str]:
    if isinstance(c, str):
        return [c]
    if isinstance(c, list):
        return [
            str(part.get("text", ""))
            for part in c
            if isinstance(part, dict) and isinstance(part.get("text"), str)
        ]
    if c is None:
        return []
    raise BadRequest("message content must be a string or a list of parts")


def _max_tokens(body: dict[str, Any]) -> int | None:
    for key in ("max_tokens", "max_completion_tokens"):
        v = body.get(key)
        if v is not None:
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                raise BadRequest(f"{key} must be a non-negative integer")
            return v
    return None


def _strings(value: Any, out: list[str], depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise BadRequest("the body nests too deeply")
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, list):
        for v in value:
            _strings(v, out, depth + 1)
    elif isinstance(value, dict):
        for v in value.values():
            _strings(v, out, depth + 1)


def _field(body: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        body = body.get(part) if isinstance(body, dict) else None
    return body


def parse_request(
    protocol: str, body: Any, features: tuple[str, ...], prompt_fields: tuple[str, ...] = ()
) -> Parsed:
    """The rows, prompts and token request in ``body`` (parsed JSON) for ``protocol``."""
    if not isinstance(body, dict):
        raise BadRequest("the body must be a JSON object")
    if protocol == "oip-v2":
        return _oip(body, features)
    if protocol == "mlflow-invocations":
        return _mlflow(body, features)
    p = Parsed(max_tokens=_max_tokens(body))
    if protocol == "openai-chat":
        msgs = body.get("messages")
        if not isinstance(msgs, list) or not msgs:
            raise BadRequest("a chat request needs a non-empty messages list")
        for m in msgs:
            if not isinstance(m, dict):
                raise BadRequest("each message must be an object")
            p.prompts.extend(_content(m.get("content")))
    elif protocol in ("openai-completions", "openai-embeddings"):
        key = "prompt" if protocol == "openai-completions" else "input"
        v = body.get(key)
        if isinstance(v, str):
            p.prompts.append(v)
        elif isinstance(v, list) and all(isinstance(x, str) for x in v):
            p.prompts.extend(v)
        elif not (isinstance(v, list) and all(isinstance(x, int | list) for x in v)):
            raise BadRequest(f"{key} must be a string, a list of strings or token ids")
    else:  # json
        if prompt_fields:
            for f in prompt_fields:
                _strings(_field(body, f), p.prompts)
        else:
            _strings(body, p.prompts)
    return p
