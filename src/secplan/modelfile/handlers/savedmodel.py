"""TensorFlow SavedModel graphs (``saved_model.pb`` and its text form ``saved_model.pbtxt``)
and checkpoint meta graphs (``model.ckpt.meta``, a MetaGraphDef that
``tf.train.import_meta_graph`` loads), parsed without TensorFlow.

Every ``NodeDef`` of every meta graph and of every function in its library is checked against
the operation lists in the policy file. Checkpoint and file operations that every SavedModel
holds (``SaveV2``, ``RestoreV2``, ...) take their file name from the loader; the same operation
fed a file name fixed in the model (a ``Const`` node) writes or reads where the model says,
and is reported. ``keras_metadata.pb`` carries Keras layer configs as JSON, which the Keras
checks read; ``fingerprint.pb`` holds only hashes and is checked to be a well-formed protobuf.

The text form is read by a bounded tokenizer for the protobuf text format (no descriptors
needed: only ``node``/``node_def`` messages and their ``name``, ``op``, ``input`` and the
``string_val`` of a ``Const`` are used).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from secplan.model import Severity
from secplan.modelfile.buffer import Buffer
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.formats import METAGRAPH_SUFFIX
from secplan.modelfile.handlers.keras import analyze_config_text
from secplan.modelfile.limits import LimitExceeded
from secplan.modelfile.readers.protowire import Counter, ProtoError, fields, text
from secplan.modelfile.registry import register
from secplan.modelfile.rules import MALFORMED, NOT_VERIFIED, SAVEDMODEL_OP

Span = tuple[int, int]
MAX_TEXT = 256 << 20


@dataclass(slots=True)
class Node:
    scope: str  # "graph" or the function's name
    name: str
    op: str
    inputs: list[str] = field(default_factory=list)
    strings: list[str] = field(default_factory=list)  # a Const's string values


def _sub(buf: Buffer, span: Span, counter: Counter, want: int) -> list[Span]:
    return [
        v
        for n, w, v in fields(buf, span[0], span[1], counter)
        if n == want and w == 2 and isinstance(v, tuple)
    ]


def graph_ops(buf: Buffer, size: int, counter: Counter) -> list[tuple[str, str, str]]:
    """``(function or "graph", node name, op)`` for every node of every meta graph."""
    return [(n.scope, n.name, n.op) for n in graph_nodes(buf, size, counter)]


def graph_nodes(
    buf: Buffer, size: int, counter: Counter, *, meta_graph: bool = False
) -> list[Node]:
    """The nodes of a SavedModel's meta graphs, or of the one MetaGraphDef ``buf`` holds
    (``meta_graph``: a checkpoint's ``.meta`` file)."""
    found: list[Node] = []
    metas = [(0, size)] if meta_graph else _sub(buf, (0, size), counter, 2)
    for meta in metas:
        for graph in _sub(buf, meta, counter, 2):
            for node in _sub(buf, graph, counter, 1):
                found.append(_node(buf, node, counter, "graph"))
            for lib in _sub(buf, graph, counter, 2):
                for fn in _sub(buf, lib, counter, 1):
                    fname = ""
                    for sig in _sub(buf, fn, counter, 1):
                        for n, w, v in fields(buf, sig[0], sig[1], counter):
                            if n == 1 and w == 2 and isinstance(v, tuple):
                                fname = text(buf, v, 512)
                    for node in _sub(buf, fn, counter, 3):
                        found.append(_node(buf, node, counter, fname))
    return found


def saver_feeds(buf: Buffer, size: int, counter: Counter, *, meta_graph: bool = False) -> set[str]:
    """The node names of every meta graph's saver filename tensor (``SaverDef``'s
    ``filename_tensor_name``): ``Saver.save`` and ``Saver.restore`` feed the path into it."""
    names: set[str] = set()
    metas = [(0, size)] if meta_graph else _sub(buf, (0, size), counter, 2)
    for meta in metas:
        for saver in _sub(buf, meta, counter, 3):
            for n, w, v in fields(buf, saver[0], saver[1], counter):
                if n == 1 and w == 2 and isinstance(v, tuple):
                    names.add(text(buf, v, 512).split(":", 1)[0])
    return names


def _node(buf: Buffer, node: Span, counter: Counter, scope: str) -> Node:
    out = Node(scope, "", "")
    for n, w, v in fields(buf, node[0], node[1], counter):
        if w != 2 or not isinstance(v, tuple):
            continue
        if n == 1:
            out.name = text(buf, v, 512)
        elif n == 2:
            out.op = text(buf, v, 512)
        elif n == 3 and len(out.inputs) < 64:
            out.inputs.append(text(buf, v, 512))
        elif n == 5:  # attr: map entry (key 1, AttrValue 2); a Const keeps its tensor in "value"
            out.strings += _const_strings(buf, v, counter)
    return out


def _const_strings(buf: Buffer, entry: Span, counter: Counter) -> list[str]:
    key, value = "", None
    for n, w, v in fields(buf, entry[0], entry[1], counter):
        if n == 1 and w == 2 and isinstance(v, tuple):
            key = text(buf, v, 64)
        elif n == 2 and w == 2 and isinstance(v, tuple):
            value = v
    if key != "value" or value is None:
        return []
    out: list[str] = []
    for tensor in _sub(buf, value, counter, 8):  # AttrValue.tensor
        for n, w, v in fields(buf, tensor[0], tensor[1], counter):
            if n == 8 and w == 2 and isinstance(v, tuple) and len(out) < 16:  # string_val
                out.append(text(buf, v, 1024))
    return out


# --- the protobuf text format -------------------------------------------------------------

_TOKEN = re.compile(
    r'\s+|#[^\n]*|(?P<s>"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')|(?P<p>[{}<>:;,\[\]])'
    r"|(?P<w>[A-Za-z0-9_.+\-/]+)"
)
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)")
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "'": "'", "\\": "\\"}


def _unescape(quoted: str) -> str:
    def one(m: re.Match[str]) -> str:
        e = m.group(1)
        if e[0] == "x":
            return chr(int(e[1:], 16))
        if e[0].isdigit():
            return chr(int(e, 8) & 0xFF)
        return _SIMPLE.get(e, e)

    return _ESCAPE.sub(one, quoted[1:-1])


Message = dict[str, list[object]]


def parse_text(source: str, max_tokens: int) -> Message:
    """A text-format protobuf message as ``name -> [values]`` (nested messages as dicts)."""
    root: Message = {}
    # each open message, with the field name and list state to restore when it closes
    stack: list[tuple[Message, str | None, bool]] = [(root, None, False)]
    pending: str | None = None  # the field whose value comes next
    in_list = last_str = False
    last: list[object] | None = None
    pos = count = 0
    while pos < len(source):
        m = _TOKEN.match(source, pos)
        if m is None:
            raise ProtoError(f"unexpected character {source[pos]!r} at offset {pos}")
        pos = m.end()
        kind, tok = m.lastgroup, m.group(0)
        if kind is None:
            continue
        count += 1
        if count > max_tokens:
            raise LimitExceeded("too many protobuf text tokens")
        msg = stack[-1][0]
        if kind == "p":
            last_str = False
            if tok == "[" and pending is not None:
                in_list = True
            elif tok == "]":
                in_list, pending = False, None
            elif tok in "{<":
                if pending is None or len(stack) > 64:
                    raise ProtoError(f"unexpected {tok!r} at offset {m.start()}")
                child: Message = {}
                msg.setdefault(pending, []).append(child)
                stack.append((child, pending if in_list else None, in_list))
                pending, in_list = None, False
            elif tok in "}>":
                if len(stack) == 1:
                    raise ProtoError(f"unbalanced {tok!r} at offset {m.start()}")
                _, pending, in_list = stack.pop()
            continue
        if pending is None:
            if kind == "s" and last_str and last:  # "a" "b": adjacent strings concatenate
                last[-1] = str(last[-1]) + _unescape(tok)
                continue
            if kind != "w":
                raise ProtoError(f"a value without a field name at offset {m.start()}")
            pending, last_str = tok, False
            continue
        last = msg.setdefault(pending, [])
        last.append(_unescape(tok) if kind == "s" else tok)
        last_str = kind == "s"
        if not in_list:
            pending = None
    if len(stack) != 1:
        raise ProtoError("message not closed at the end of the text")
    return root


def _msgs(msg: Message, name: str) -> list[Message]:
    return [v for v in msg.get(name, []) if isinstance(v, dict)]


def _strs(msg: Message, name: str) -> list[str]:
    return [v for v in msg.get(name, []) if isinstance(v, str)]


def text_nodes(doc: Message) -> list[Node]:
    found: list[Node] = []
    for meta in _msgs(doc, "meta_graphs"):
        for graph in _msgs(meta, "graph_def"):
            found += [_text_node(n, "graph") for n in _msgs(graph, "node")]
            for lib in _msgs(graph, "library"):
                for fn in _msgs(lib, "function"):
                    names = [s for sig in _msgs(fn, "signature") for s in _strs(sig, "name")]
                    scope = names[0] if names else ""
                    found += [_text_node(n, scope) for n in _msgs(fn, "node_def")]
    return found


def text_feeds(doc: Message) -> set[str]:
    """:func:`saver_feeds` of the text form."""
    return {
        name.split(":", 1)[0]
        for meta in _msgs(doc, "meta_graphs")
        for saver in _msgs(meta, "saver_def")
        for name in _strs(saver, "filename_tensor_name")
    }


def _text_node(node: Message, scope: str) -> Node:
    out = Node(scope, "".join(_strs(node, "name")[:1]), "".join(_strs(node, "op")[:1]))
    out.inputs = _strs(node, "input")[:64]
    for attr in _msgs(node, "attr"):
        if _strs(attr, "key")[:1] != ["value"]:
            continue
        for value in _msgs(attr, "value"):
            for tensor in _msgs(value, "tensor"):
                out.strings += _strs(tensor, "string_val")[:16]
    return out


# --- checks -------------------------------------------------------------------------------


def _metadata(buf: Buffer, size: int, where: Where, ctx: Ctx, counter: Counter) -> None:
    for node in _sub(buf, (0, size), counter, 1):
        for n, w, v in fields(buf, node[0], node[1], counter):
            if n == 4 and w == 2 and isinstance(v, tuple):
                blob = text(buf, v, ctx.limits.max_header_bytes)
                if blob.lstrip().startswith("{"):
                    analyze_config_text(blob, where, ctx)


@register("savedmodel", limits=("max_proto_fields", "max_header_bytes"))
def handle(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    counter = Counter(ctx.limits.max_proto_fields)
    name = where.name.lower()
    try:
        if name == "keras_metadata.pb":
            _metadata(buf, size, where, ctx, counter)
            return
        if name == "fingerprint.pb":  # hashes and a version: checked to be a protobuf only
            for _ in fields(buf, 0, size, counter):
                pass
            return
        if name.endswith(".pbtxt"):
            if size > MAX_TEXT:
                ctx.sink.add(NOT_VERIFIED, where, f"SavedModel text of {size:,} bytes not read")
                return
            source = bytes(buf[:size]).decode("utf-8", "replace")
            doc = parse_text(source, ctx.limits.max_proto_fields)
            nodes, feeds = text_nodes(doc), text_feeds(doc)
        else:
            meta = name.endswith(METAGRAPH_SUFFIX)
            nodes = graph_nodes(buf, size, counter, meta_graph=meta)
            feeds = saver_feeds(buf, size, counter, meta_graph=meta)
    except ProtoError as exc:
        ctx.sink.add(MALFORMED, where, f"SavedModel protobuf is malformed: {exc}")
        return
    check_nodes(nodes, where, ctx, feeds)


def _plain_name(path: str) -> bool:
    """A file name with no directory part: the default value of a saver's filename tensor
    (TensorFlow writes "model")."""
    return bool(path) and not any(c in path for c in "/\\\0:") and ".." not in path


def check_nodes(
    nodes: list[Node], where: Where, ctx: Ctx, feeds: frozenset[str] | set[str] = frozenset()
) -> None:
    """Report the operations of ``nodes`` the policy lists, and file operations fed a path
    fixed in the model. A path in the saver's filename tensor (``feeds``) is the one the saver
    replaces with the caller's path at save and restore time; it is reported only when it
    holds a directory part."""
    policy = ctx.policy.section("savedmodel")
    critical, high = set(policy["critical_ops"]), set(policy["high_ops"])
    path_ops: dict[str, int] = dict(policy["path_ops"])
    writes = set(policy["write_ops"])
    consts = {(n.scope, n.name): n.strings for n in nodes if n.op == "Const" and n.strings}
    for n in nodes:
        scope = "the main graph" if n.scope == "graph" else repr(n.scope)
        if n.op in critical or n.op in high:
            crit = n.op in critical
            ctx.sink.add(
                SAVEDMODEL_OP,
                where,
                f"SavedModel uses the {n.op} operation: "
                + (policy["critical_reason"] if crit else policy["high_reason"]),
                evidence=f"node {n.name!r} in {scope}",
                severity=Severity.CRITICAL if crit else Severity.HIGH,
            )
        index = path_ops.get(n.op)
        if index is None or index >= len(n.inputs):
            continue
        source = n.inputs[index].lstrip("^").split(":", 1)[0]
        paths = consts.get((n.scope, source))
        if paths and n.scope == "graph" and source in feeds and all(map(_plain_name, paths)):
            continue
        if paths:
            ctx.sink.add(
                SAVEDMODEL_OP,
                where,
                f"SavedModel's {n.op} operation {policy['path_reason']}",
                evidence=f"node {n.name!r} in {scope}; file {paths[0][:200]!r} "
                f"from the constant {source!r}",
                severity=Severity.CRITICAL if n.op in writes else Severity.HIGH,
            )
