"""The callable index: what the source code of a callable shows it does when a pickle calls it.

Built offline from source code only (``scripts/build_callable_index.py``: every module of the
standard library and of the major ML packages parsed with :mod:`ast`, nothing imported) and
shipped as versioned data, ``callables.json.gz``, with its provenance (interpreter and
package versions, sha256 of every distribution read, the command that rebuilt it). It is
read lazily: the first look-up that the exact lists of the policy do not answer loads it.

For a name ``module.qualname`` a look-up says one of:

* ``sink``: its arguments reach a code-execution, process, import, deserialization,
  file-write or network sink; ``detail`` is the call path;
* ``class`` / ``function``: defined in an indexed package, and no load-time path reaches a
  sink (for a class: ``__new__``, ``__init__``, ``__setstate__``, ``__setitem__``, ``append``,
  ``extend``, inherited ones included);
* ``higher``: a function that calls one of its arguments (``detail`` names it);
* ``stub``: declared in a package's type stubs for compiled code, body not visible;
* ``module``: a module object (``pkg.mod.os`` is the ``os`` module); ``detail`` names it;
* ``alias``: a re-export of a name the index does not hold (``detail``: the name);
* ``moved``: the package is indexed, the name is not in the indexed version, and a plain
  class of the same name is defined elsewhere in the package (``detail``: where): an old
  module path, as pickles written by older versions of the package hold;
* ``missing``: the package is indexed but the name is not in the indexed version;
* ``unindexed``: no index covers the package.

Re-exports are followed to the definition, whose name is ``resolved``.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from functools import cache
from typing import Any

from secplan._io import read_packaged

MAX_HOPS = 8
MAX_INDEX_BYTES = 64 << 20  # decompressed; the packaged file is far smaller


@dataclass(frozen=True, slots=True)
class Entry:
    """What the callable index says of one name (``kind`` as listed above)."""

    kind: str
    resolved: str
    detail: str = ""
    package: str = ""  # the indexed distribution the name belongs to, with its version


class _Module:
    __slots__ = ("aliases", "classes", "functions", "higher", "sinks", "stubs")

    def __init__(self, raw: dict[str, Any]) -> None:
        self.classes = frozenset(raw.get("c", ()))
        self.functions = frozenset(raw.get("f", ()))
        self.sinks: dict[str, str] = dict(raw.get("s", {}))
        self.higher: dict[str, str] = dict(raw.get("h", {}))
        self.stubs = frozenset(raw.get("i", ()))
        self.aliases: dict[str, str] = dict(raw.get("a", {}))


class CallableIndex:
    """Look-ups in one index document (see the module docstring)."""

    def __init__(
        self,
        doc: dict[str, Any],
        modules: dict[str, str],
        renames: tuple[tuple[str, str], ...] = (),
    ) -> None:
        if doc.get("schema") != 1:
            raise ValueError(f"callable index schema {doc.get('schema')!r} is not supported")
        self._raw = modules  # module -> its entry as JSON text, decoded on first use
        self._mods: dict[str, _Module] = {}
        self.packages: dict[str, str] = dict(doc.get("packages", {}))
        self.provenance = {
            "python": doc.get("python", ""),
            "command": doc.get("command", ""),
            "dists": dict(doc.get("dists", {})),
        }
        self.renames = renames
        self._classes_by_leaf: dict[str, dict[str, str]] = {}

    @staticmethod
    @cache
    def packaged() -> CallableIndex:
        data = read_packaged(__name__, "callables.json.gz")
        raw = zlib.decompressobj(wbits=31).decompress(data, MAX_INDEX_BYTES + 1)
        if len(raw) > MAX_INDEX_BYTES:
            raise ValueError("the callable index is larger than its limit")
        return CallableIndex.from_text(raw.decode("utf-8"))

    @staticmethod
    def from_text(text: str) -> CallableIndex:
        """An index from its file's text: a JSON header line, then one line per module
        (``name<TAB>entry``)."""
        head, _, body = text.partition("\n")
        modules: dict[str, str] = {}
        for line in body.splitlines():
            name, sep, entry = line.partition("\t")
            if sep:
                modules[name] = entry
        return CallableIndex(json.loads(head), modules)

    def with_renames(self, renames: tuple[tuple[str, str], ...]) -> CallableIndex:
        out = CallableIndex.__new__(CallableIndex)
        out._raw, out._mods, out.packages = self._raw, self._mods, self.packages
        out.provenance, out.renames = self.provenance, renames
        out._classes_by_leaf = self._classes_by_leaf
        return out

    def _module(self, name: str) -> _Module | None:
        m = self._mods.get(name)
        if m is None:
            raw = self._raw.get(name)
            if raw is None:
                return None
            m = self._mods[name] = _Module(json.loads(raw))
        return m

    def package(self, module: str) -> str:
        return self.packages.get(module.split(".")[0], "")

    def lookup(self, module: str, name: str) -> Entry:
        e = self._lookup(module, name, 0)
        if e.kind == "missing" and e.package:
            leaf = name.rpartition(".")[2]
            where = self._plain_class(module.split(".")[0], leaf) if leaf[:1].isupper() else None
            if where is not None:
                return Entry("moved", e.resolved, where, e.package)
        return e

    def _plain_class(self, top: str, leaf: str) -> str | None:
        """Where the package ``top`` defines a plain class named ``leaf``, if it does."""
        table = self._classes_by_leaf.get(top)
        if table is None:
            table = {}
            for mod in sorted(self._raw):
                if mod == top or mod.startswith(top + "."):
                    module = self._module(mod)
                    for cls in sorted(module.classes if module is not None else ()):
                        if "." not in cls:
                            table.setdefault(cls, f"{mod}.{cls}")
            self._classes_by_leaf[top] = table
        return table.get(leaf)

    def _split(self, dotted: str) -> tuple[str, str] | None:
        parts = dotted.split(".")
        for i in range(len(parts) - 1, 0, -1):
            mod = ".".join(parts[:i])
            if mod in self._raw:
                return mod, ".".join(parts[i:])
        return None

    def _lookup(self, module: str, name: str, hops: int) -> Entry:
        full = f"{module}.{name}"
        if hops > MAX_HOPS:
            return Entry("missing", full, "re-exports chain too long")
        m = self._module(module)
        if m is None:
            for old, new in self.renames:
                if module == old or module.startswith(old + "."):
                    return self._lookup(new + module[len(old) :], name, hops + 1)
            split = self._split(full)
            if split is not None and split[0] != module:
                # a module path with a class in it ("pkg.mod.Class" as the module)
                return self._lookup(split[0], split[1], hops + 1)
            pkg = self.package(module)
            return Entry("missing" if pkg else "unindexed", full, package=pkg)
        pkg = self.package(module)
        head, _, rest = name.partition(".")
        if name in m.sinks:
            return Entry("sink", full, m.sinks[name], pkg)
        if name in m.higher:
            return Entry("higher", full, m.higher[name], pkg)
        if name in m.classes:
            return Entry("class", full, package=pkg)
        if name in m.functions:
            return Entry("function", full, package=pkg)
        if name in m.stubs or head in m.stubs:
            return Entry("stub", full, package=pkg)
        target = m.aliases.get(head)
        if target is not None:
            if target.startswith("@"):
                target = target[1:]
                if not rest:
                    return Entry("module", full, target, pkg)
                if target in self._raw:
                    return self._lookup(target, rest, hops + 1)
                return Entry("alias", full, f"{target}.{rest}", pkg)
            dotted = f"{target}.{rest}" if rest else target
            split = self._split(dotted)
            if split is None:
                return Entry("alias", full, dotted, pkg)
            return self._lookup(split[0], split[1], hops + 1)
        sub = f"{module}.{head}"
        if sub in self._raw:
            if not rest:
                return Entry("module", full, sub, pkg)
            return self._lookup(sub, rest, hops + 1)
        for old, new in self.renames:
            if module == old or module.startswith(old + "."):
                return self._lookup(new + module[len(old) :], name, hops + 1)
        return Entry("missing", full, package=pkg)
