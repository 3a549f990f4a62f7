"""A YAML loader for hostile files: safe types only, with limits checked before building.

The document is first walked as a stream of parser events (libyaml when available), which
bounds its size, its number of documents, its nesting depth and, against "billion laughs"
expansion, its number of aliases. Only then are plain Python values built, with every mapping
remembering the line it starts on and the line of each of its keys, and every sequence the
line of each item.

>>> docs = load_all("a: 1\\n---\\nkind: Pod\\nspec:\\n  x: [1,\\n   2]\\n")
>>> [d.line for d in docs], docs[1]["kind"], docs[1].key_lines["spec"]
([1, 3], 'Pod', 4)
>>> docs[1]["spec"]["x"].item_lines
(5, 6)
>>> try:
...     load_all("a: &x [1]\\nb: [*x, *x]\\n", limits=YamlLimits(max_aliases=1))
... except YamlLimitError as exc:
...     print(exc)
more than 1 YAML aliases
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import yaml

try:
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # PyYAML without libyaml
    _Base = yaml.SafeLoader


@dataclass(frozen=True, slots=True)
class YamlLimits:
    max_bytes: int = 4 << 20
    max_documents: int = 1_000
    max_depth: int = 64
    max_aliases: int = 100
    max_events: int = 2_000_000
    #: Nodes of the documents with every alias expanded: what a reader walking the values
    #: visits (a few aliases to a large, or aliased, node multiply it).
    max_expanded_nodes: int = 1_000_000


class YamlError(ValueError):
    """The text is not valid YAML; the message names the line where that was noticed."""


class YamlLimitError(YamlError):
    """The YAML text is over one of the :class:`YamlLimits`."""


class YMap(dict[Any, Any]):
    """A mapping from a YAML file, with the 1-based line it starts on and those of its keys."""

    line: int = 0
    key_lines: Mapping[Any, int] = MappingProxyType({})
    #: A template document where template actions insert YAML of their own: what they may
    #: write (``securityContext``, ``resources``, ``*`` for anything), so settings of those
    #: kinds absent from its literal text may be written there.
    injected: frozenset[str] = frozenset()


class YList(list[Any]):
    """A sequence from a YAML file, with the 1-based line it starts on and those of its items."""

    line: int = 0
    item_lines: tuple[int, ...] = ()


class _Loader(_Base):  # type: ignore[misc]
    def construct_yaml_map(self, node: yaml.MappingNode) -> Any:
        data = YMap()
        data.line = node.start_mark.line + 1
        yield data
        data.update(self.construct_mapping(node))
        lines: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node)
            try:
                lines.setdefault(key, key_node.start_mark.line + 1)
            except TypeError:  # an unhashable key: construct_mapping has refused it already
                continue
        data.key_lines = lines

    def construct_yaml_seq(self, node: yaml.SequenceNode) -> Any:
        data = YList()
        data.line = node.start_mark.line + 1
        yield data
        data.extend(self.construct_sequence(node))
        data.item_lines = tuple(item.start_mark.line + 1 for item in node.value)


def _local_tag(loader: _Loader, suffix: str, node: yaml.Node) -> Any:
    """A node with an application's own tag (CloudFormation's ``!Sub``/``!Ref``, GitLab's
    ``!reference``) read as the plain string, list or mapping it is written as."""
    if isinstance(node, yaml.MappingNode):
        return loader.construct_yaml_map(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_yaml_seq(node)
    return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_yaml_seq)
_Loader.add_multi_constructor("!", _local_tag)


def _check(text: str, limits: YamlLimits) -> None:
    depth = documents = aliases = 0
    expanded = 0  # nodes with aliases expanded
    sizes: dict[str, int] = {}  # anchor -> expanded nodes of the node it names
    open_anchors: list[tuple[str | None, int]] = []  # per open collection: anchor, start
    for count, event in enumerate(yaml.parse(text, Loader=_Base)):
        if count >= limits.max_events:
            raise YamlLimitError(f"more than {limits.max_events} YAML events")
        if isinstance(event, yaml.AliasEvent):
            expanded += sizes.get(event.anchor or "", 1)
        elif isinstance(event, yaml.ScalarEvent | yaml.MappingStartEvent | yaml.SequenceStartEvent):
            expanded += 1
            if isinstance(event, yaml.ScalarEvent):
                if event.anchor:
                    sizes[event.anchor] = 1
            else:
                open_anchors.append((event.anchor, expanded))
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent) and open_anchors:
            anchor, start = open_anchors.pop()
            if anchor:
                sizes[anchor] = expanded - start + 1
        if expanded > limits.max_expanded_nodes:
            raise YamlLimitError(
                f"more than {limits.max_expanded_nodes} YAML nodes with aliases expanded"
            )
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > limits.max_documents:
                raise YamlLimitError(f"more than {limits.max_documents} YAML documents")
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            depth += 1
            if depth > limits.max_depth:
                raise YamlLimitError(f"YAML nested deeper than {limits.max_depth} levels")
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > limits.max_aliases:
                raise YamlLimitError(f"more than {limits.max_aliases} YAML aliases")


def load_all(text: str, limits: YamlLimits | None = None) -> list[Any]:
    """Every document of ``text`` as plain values (``YMap``/``YList``/scalars), or an error."""
    lim = limits or YamlLimits()
    if len(text.encode("utf-8", "surrogateescape")) > lim.max_bytes:
        raise YamlLimitError(f"YAML text larger than {lim.max_bytes} bytes")
    try:
        _check(text, lim)
        return list(yaml.load_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise YamlError(f"invalid YAML{where}: {exc.problem or exc.context}") from exc
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as exc:
        if isinstance(exc, YamlError):
            raise
        why = " ".join(str(exc).split())[:200]  # one line: it ends up in a finding
        raise YamlError(f"invalid YAML: {type(exc).__name__}: {why}") from exc


#: A line ``key: value`` (or ``- key: value``) whose plain value holds a further ``: ``,
#: which YAML refuses ("mapping values are not allowed here") but a reader means as text.
_COLON_VALUE = re.compile(r"^(\s*(?:-\s+)?[\w.$-]{1,200}:[ \t]+)([^'\"\s|>&*!#\[{][^\n]*)$")
MAX_REPAIRS = 20


def load_all_lenient(text: str, limits: YamlLimits | None = None) -> tuple[list[Any], str]:
    """Like ``load_all``, but a plain value holding ``: `` is read as quoted text.

    Returns the documents and the first error ("" when the text was valid). Other errors,
    and more than ``MAX_REPAIRS`` such lines, raise ``YamlError`` as ``load_all`` does.

    >>> docs, why = load_all_lenient("run: echo 'x'\\nname: say: hi\\n")
    >>> docs[0]["name"], why
    ('say: hi', 'invalid YAML at line 2: mapping values are not allowed in this context')
    """
    lines = text.split("\n")
    first = ""
    for _ in range(MAX_REPAIRS + 1):
        try:
            return load_all("\n".join(lines), limits), first
        except YamlLimitError:
            raise
        except YamlError as exc:
            cause = exc.__cause__
            mark = getattr(cause, "problem_mark", None)
            problem = str(getattr(cause, "problem", "") or "")
            if mark is None or not problem.startswith("mapping values are not allowed"):
                raise
            m = _COLON_VALUE.match(lines[mark.line]) if mark.line < len(lines) else None
            if m is None:
                raise
            first = first or str(exc)
            value = m.group(2).split(" #", 1)[0].rstrip()
            lines[mark.line] = m.group(1) + "'" + value.replace("'", "''") + "'"
    raise YamlError(first)
