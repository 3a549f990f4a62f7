"""Keras models: the ``model_config`` attribute of .h5/.hdf5 files and ``config.json`` of .keras
archives. Only configuration is read; no model is built and no layer is deserialized.

HDF5 attributes are read with h5py when it is installed (attributes only). Without it, a
bounded reader finds JSON objects that name a ``class_name`` in the raw file; it is exact for
files written by Keras, which stores the configuration as one contiguous string.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator

from secplan.model import Severity
from secplan.modelfile.buffer import Buffer, file_view
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.limits import LimitExceeded
from secplan.modelfile.policy import Verdict
from secplan.modelfile.registry import register
from secplan.modelfile.rules import KERAS_CUSTOM, KERAS_LAMBDA, MALFORMED, NOT_VERIFIED

MAX_NODES = 2_000_000
MAX_DEPTH = 256
_PRINTABLE = re.compile(rb"[\x20-\x7e]{3,}")
_CONFIG_ATTRS = ("model_config", "training_config")
_RAW_KEY = re.compile(rb'\{\s*"class_name"\s*:')


def _h5_attrs(buf: Buffer, size: int) -> list[str] | None:
    try:
        import h5py  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        return None
    fh = file_view(buf, size)
    texts = []
    with h5py.File(fh, "r") as f:
        for name in _CONFIG_ATTRS:
            if name in f.attrs:
                v = f.attrs[name]
                texts.append(v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v))
    return texts


FIRST_WINDOW = 1 << 16  # bytes decoded first for a configuration found in the raw file


def _raw_configs(buf: Buffer, size: int, ctx: Ctx) -> list[str]:
    """JSON objects starting with ``{"class_name":`` anywhere in the file (bounded).

    Each candidate is decoded in a window that grows only while the JSON is cut by it, and
    all windows together may decode a few times the file's size: a file full of the key
    (each a candidate that fails late) is not verified rather than searched in quadratic time.
    """
    out: list[str] = []
    decoder = json.JSONDecoder()
    allowance = [4 * size + (16 << 20)]
    pos = 0
    while len(out) < 64:
        hit = buf.find(b'"class_name"', pos, size)
        if hit < 0:
            break
        ctx.budget.check_time()
        pos = hit + 12
        start = max(0, hit - 16)
        m = _RAW_KEY.search(bytes(buf[start : start + 32]))
        if m is None:
            continue
        found = _decode_at(buf, start + m.start(), size, decoder, allowance, ctx)
        if found is None:
            continue
        text, length = found
        out.append(text)
        pos = max(pos, start + m.start() + length)
    return out


def _decode_at(
    buf: Buffer, at: int, size: int, decoder: json.JSONDecoder, allowance: list[int], ctx: Ctx
) -> tuple[str, int] | None:
    """The JSON value at ``at`` and the bytes it spans, or None when there is none."""
    limit = min(size - at, ctx.limits.max_header_bytes)
    window = min(FIRST_WINDOW, limit)
    while True:
        allowance[0] -= window
        if allowance[0] < 0:
            raise LimitExceeded("searching the raw file for Keras configurations took too long")
        raw = bytes(buf[at : at + window])
        text = raw.decode("utf-8", "replace")
        try:
            _, end = decoder.raw_decode(text)
        except json.JSONDecodeError as exc:
            cut = exc.pos >= len(text) - 1 or exc.msg.startswith("Unterminated string")
            if not cut or window >= limit:
                return None
            window = min(limit, window * 8)
            ctx.budget.check_time()
            continue
        except (ValueError, RecursionError):
            return None
        return text[:end], len(text[:end].encode("utf-8", "replace"))


@register("hdf5", limits=("max_header_bytes",))
def handle_hdf5(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    texts: list[str] | None
    try:
        texts = _h5_attrs(buf, size)
    except Exception as exc:  # h5py raises OSError, KeyError, ... on malformed files
        ctx.sink.add(
            MALFORMED,
            where,
            f"HDF5 file cannot be opened: {type(exc).__name__}",
            evidence="Keras cannot load it either; the raw configuration was searched",
        )
        texts = None
    if texts is None:
        texts = _raw_configs(buf, size, ctx)
    for text in texts:
        analyze_config_text(text, where, ctx)


def analyze_config_bytes(data: bytes, where: Where, ctx: Ctx) -> None:
    analyze_config_text(data.decode("utf-8", "replace"), where, ctx)


def analyze_config_text(text: str, where: Where, ctx: Ctx) -> None:
    if len(text) > ctx.limits.max_header_bytes:
        ctx.sink.add(NOT_VERIFIED, where, "Keras configuration larger than the limit")
        return
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as exc:
        ctx.sink.add(MALFORMED, where, f"Keras configuration is not valid JSON: {exc}")
        return
    for node, path in _objects(doc):
        _check(node, path, where, ctx)


def _objects(doc: object) -> Iterator[tuple[dict[str, object], str]]:
    stack: list[tuple[object, str, int]] = [(doc, "$", 0)]
    count = 0
    while stack and count < MAX_NODES:
        node, path, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH:
            continue
        if isinstance(node, dict):
            if "class_name" in node:
                yield node, path
            for k, v in node.items():
                stack.append((v, f"{path}.{k}", depth + 1))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                stack.append((v, f"{path}[{i}]", depth + 1))


def _strings(blob: object) -> str:
    if not isinstance(blob, str):
        return ""
    try:
        raw = base64.b64decode(blob, validate=False)
    except ValueError:
        return ""
    words = [w.decode() for w in _PRINTABLE.findall(raw)[:40]]
    return ", ".join(dict.fromkeys(words))


def _check(node: dict[str, object], path: str, where: Where, ctx: Ctx) -> None:
    keras = ctx.policy.section("keras")
    cls = str(node.get("class_name"))
    module = node.get("module")
    config = node.get("config")
    layer = config.get("name") if isinstance(config, dict) else None
    label = f"{cls} layer {layer!r}" if layer else cls
    if cls in keras.get("code_classes", ()):
        _lambda(node, label, path, where, ctx)
        return
    if cls == "function" and isinstance(module, str) and isinstance(config, str):
        _function(module, config, path, where, ctx)
        return
    if isinstance(config, dict):
        _builtin_payload(cls, config, label, path, where, ctx)
    if isinstance(module, str):
        builtin = any(module == m or module.startswith(m + ".") for m in keras["builtin_modules"])
        if not builtin:
            d = ctx.policy.classify(module, cls)
            severity = Severity.CRITICAL if d.verdict is Verdict.DANGEROUS else None
            ctx.sink.add(
                KERAS_CUSTOM,
                where,
                f"Keras configuration imports {module}.{cls}",
                evidence=f"at {path}; {d.reason}",
                severity=severity,
            )
        return
    registered = node.get("registered_name")
    if cls not in keras["builtin_classes"] or (isinstance(registered, str) and ">" in registered):
        ctx.sink.add(
            KERAS_CUSTOM,
            where,
            f"Keras configuration uses the custom object {cls!r}",
            evidence=f"at {path}" + (f"; registered as {registered!r}" if registered else ""),
        )


#: Built-in layers that read a file named in their configuration when the model is loaded.
_FILE_READERS = {
    "StringLookup": "vocabulary",
    "IntegerLookup": "vocabulary",
    "TextVectorization": "vocabulary",
    "TFSMLayer": "filepath",
}
MAX_WRAPPED = 256 << 20


def _builtin_payload(
    cls: str, config: dict[str, object], label: str, path: str, where: Where, ctx: Ctx
) -> None:
    """Built-in layers are not trusted whole: what they load from their configuration is
    followed (a wrapped PyTorch module) or reported (a file read at load time)."""
    key = _FILE_READERS.get(cls)
    value = config.get(key) if key else None
    if key and isinstance(value, str) and value:
        what = "a SavedModel" if cls == "TFSMLayer" else "its vocabulary"
        ctx.sink.add(
            KERAS_CUSTOM,
            where,
            f"Keras {label} loads {what} from the path {value[:200]!r}",
            evidence=f"at {path}.config.{key}; the file (or URL) is read when the model is "
            "loaded, even with safe_mode=True in vulnerable Keras versions "
            + ("(CVE-2026-1462)" if cls == "TFSMLayer" else "(CVE-2025-12058)"),
            severity=Severity.HIGH,
        )
    if cls == "TorchModuleWrapper" and isinstance(config.get("module"), str):
        blob = str(config["module"])
        if len(blob) > MAX_WRAPPED:
            ctx.sink.add(NOT_VERIFIED, where, f"Keras {label}: wrapped module too large")
            return
        try:
            raw = base64.b64decode(blob, validate=False)
        except ValueError:
            ctx.sink.add(MALFORMED, where, f"Keras {label}: wrapped module is not base64")
            return
        ctx.sink.add(
            KERAS_CUSTOM,
            where,
            f"Keras {label} carries a serialized PyTorch module",
            evidence=f"at {path}.config.module; loading calls torch.load on it "
            "(its pickle was analysed)",
            severity=Severity.HIGH,
        )
        child = where.child(f"<{cls} module>")
        if not ctx.nested(raw, len(raw), child):
            ctx.sink.add(NOT_VERIFIED, child, "wrapped module's format is not recognised")


def _lambda(node: dict[str, object], label: str, path: str, where: Where, ctx: Ctx) -> None:
    config = node.get("config")
    conf = config if isinstance(config, dict) else {}
    fn = conf.get("function", conf.get("code"))
    if isinstance(fn, dict):
        fn = fn.get("config", fn)
    payload = fn[0] if isinstance(fn, list) and fn else fn
    kind = conf.get("function_type", "lambda" if isinstance(fn, list) else "")
    names = _strings(payload)
    detail = f"at {path}; function type {kind or 'unknown'}"
    if names:
        detail += f"; strings in the bytecode: {names}"
    elif isinstance(payload, str):
        detail += f"; function {payload[:80]!r}"
    ctx.sink.add(KERAS_LAMBDA, where, f"Keras {label} carries Python code", evidence=detail)


def _function(module: str, name: str, path: str, where: Where, ctx: Ctx) -> None:
    keras = ctx.policy.section("keras")
    if any(module == m or module.startswith(m + ".") for m in keras["builtin_modules"]):
        return
    d = ctx.policy.classify(module, name)
    ctx.sink.add(
        KERAS_CUSTOM,
        where,
        f"Keras configuration calls the function {module}.{name}",
        evidence=f"at {path}; {d.reason}",
        severity=Severity.CRITICAL if d.verdict is Verdict.DANGEROUS else None,
    )
