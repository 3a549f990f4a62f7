"""Build the callable index that pickle verdicts are based on, from source code only.

    python scripts/build_callable_index.py DIST [DIST ...] [--stdlib DIR] [--output FILE]

Each DIST is a wheel or an sdist (``pip download --no-deps`` of the package); the running
interpreter's standard library is read from ``--stdlib`` (default: its ``Lib`` directory).
Every ``.py`` and ``.pyi`` file is parsed with :mod:`ast`; nothing is imported or run.

For each public module-level class and function (and each method) the index records what a
pickle that names it makes happen at load time:

* a function: whether its arguments reach a sink (code execution, process, import,
  deserialization, file write, network), through which calls, or whether it calls one of
  its arguments (a higher-order function launders whatever it is given);
* a class: the same for the methods the unpickler runs on it (``__new__``, ``__init__``,
  ``__setstate__``, ``__setitem__``, ``append``, ``extend``), inherited ones included;
  a class none of whose load-time methods reaches a sink is a plain constructor;
* names that are other modules (``import os`` makes ``pkg.mod.os`` the ``os`` module) or
  re-exports of names defined elsewhere.

The analysis is a call-graph walk with a flow-insensitive taint of each function's
parameters (``self`` included: unpickled state is the file's): a call is followed when one
of its arguments is derived from a parameter. It over-approximates (any tainted call to a
sink counts) and under-approximates where Python is dynamic (calls through computed
objects are not followed); a name it does not know stays unknown at scan time.

The output (default ``src/secplan/modelfile/index/callables.json.gz``) is deterministic for
the same inputs and carries its provenance: the interpreter version, each distribution's
name, version and sha256, and this command.
"""

from __future__ import annotations

import argparse
import ast
import gzip
import hashlib
import io
import json
import os
import re
import sys
import sysconfig
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "src" / "secplan" / "modelfile" / "index" / "callables.json.gz"
SCHEMA = 1
MAX_SOURCE = 4 << 20  # bytes of one source file; larger ones are generated tables
LOAD_TIME = ("__new__", "__init__", "__setstate__", "__setitem__", "append", "extend")

# Sinks by kind. A call of one of these with an argument derived from a parameter is where a
# path ends. Exact qualified names; "prefix.*" covers a module's functions.
SINKS: dict[str, tuple[str, ...]] = {
    "code execution": (
        "builtins.eval", "builtins.exec", "builtins.execfile",
        "runpy.run_path", "runpy.run_module", "runpy._run_code", "runpy._run_module_code",
        "code.InteractiveInterpreter", "code.InteractiveConsole", "code.interact",
        "types.FunctionType", "types.CodeType", "types.LambdaType",
        "_xxsubinterpreters.run_string", "_interpreters.run_string", "_interpreters.exec",
        "timeit.timeit", "timeit.Timer", "cProfile.run", "profile.run", "pdb.run",
        "doctest.run_docstring_examples", "jinja2.Template", "numexpr.evaluate",
    ),
    "process": (
        "os.system", "os.popen", "os.execl", "os.execle", "os.execlp", "os.execlpe",
        "os.execv", "os.execve", "os.execvp", "os.execvpe", "os.spawnl", "os.spawnle",
        "os.spawnlp", "os.spawnlpe", "os.spawnv", "os.spawnve", "os.spawnvp", "os.spawnvpe",
        "os.posix_spawn", "os.posix_spawnp", "os.startfile", "posix.system", "nt.system",
        "subprocess.Popen", "subprocess.run", "subprocess.call", "subprocess.check_call",
        "subprocess.check_output", "subprocess.getoutput", "subprocess.getstatusoutput",
        "_posixsubprocess.fork_exec", "pty.spawn", "asyncio.create_subprocess_shell",
        "asyncio.create_subprocess_exec", "commands.getoutput", "platform.popen",
    ),
    "import": (
        "builtins.__import__", "importlib.import_module", "importlib.__import__",
        "importlib.util.spec_from_file_location", "importlib.machinery.SourceFileLoader",
        "importlib.util.module_from_spec", "pkgutil.resolve_name", "pydoc.locate",
        "imp.load_module", "imp.load_source", "zipimport.zipimporter",
        "ctypes.CDLL", "ctypes.cdll.LoadLibrary", "ctypes.PyDLL", "ctypes.LibraryLoader",
        "torch.ops.load_library",
    ),
    "deserialization": (
        "pickle.load", "pickle.loads", "pickle.Unpickler", "pickle._load", "pickle._loads",
        "pickle._Unpickler", "_pickle.load", "_pickle.loads", "_pickle.Unpickler",
        "cPickle.load", "cPickle.loads", "marshal.load", "marshal.loads", "dill.load",
        "dill.loads", "cloudpickle.load", "cloudpickle.loads", "joblib.load", "numpy.load",
        "torch.load", "torch.jit.load", "yaml.load", "yaml.unsafe_load", "yaml.full_load",
        "yaml.load_all", "yaml.unsafe_load_all", "shelve.open", "jsonpickle.decode",
        "pandas.read_pickle", "torch.serialization.load",
    ),
    "file write": (
        "os.remove", "os.unlink", "os.rmdir", "os.removedirs", "os.rename", "os.renames",
        "os.replace", "os.chmod", "os.chown", "os.symlink", "os.link", "os.truncate",
        "os.write", "shutil.rmtree", "shutil.move", "shutil.copy", "shutil.copy2",
        "shutil.copyfile", "shutil.copytree", "numpy.save", "numpy.savez", "numpy.savetxt",
        "torch.save", "torch.from_file", "joblib.dump", "pickle.dump",
    ),
    "network": (
        "socket.socket", "socket.create_connection", "socket.create_server",
        "urllib.request.urlopen", "urllib.request.urlretrieve", "urllib.request.Request",
        "http.client.HTTPConnection", "http.client.HTTPSConnection", "ftplib.FTP",
        "smtplib.SMTP", "telnetlib.Telnet", "webbrowser.open", "requests.get",
        "requests.post", "requests.put", "requests.request", "requests.Session",
        "huggingface_hub.hf_hub_download", "huggingface_hub.snapshot_download",
        "xmlrpc.client.ServerProxy", "imaplib.IMAP4_stream",
    ),
}  # fmt: skip
_SINK = {name: kind for kind, names in SINKS.items() for name in names}
# Introspection that reads an object's metadata and never runs the object: not followed
# (their evals parse the text signatures and string annotations of existing objects).
BARRIERS = frozenset(
    {
        "inspect.signature", "inspect.getfullargspec", "inspect.getargspec",
        "inspect._signature_from_callable", "inspect.Signature.from_callable",
        "typing.get_type_hints",
    }
)  # fmt: skip
_OPENERS = {"builtins.open", "io.open", "_io.open", "codecs.open", "os.open"}
_WRITE_MODE = re.compile(r"[wax+]")


# ---------------------------------------------------------------------------------- sources
def stdlib_sources(root: Path) -> Iterator[tuple[str, bytes]]:
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        top = rel.split("/", 1)[0]
        if top in ("site-packages", "test", "idle_test") or "/test/" in rel or "/tests/" in rel:
            continue
        yield rel, path.read_bytes()


def dist_sources(dist: Path) -> Iterator[tuple[str, bytes]]:
    name = dist.name
    if name.endswith((".whl", ".zip")):
        with zipfile.ZipFile(dist) as zf:
            for info in sorted(zf.infolist(), key=lambda i: i.filename):
                if info.filename.endswith((".py", ".pyi")) and info.file_size <= MAX_SOURCE:
                    yield info.filename, zf.read(info)
        return
    with tarfile.open(dist) as tf:
        for member in sorted(tf.getmembers(), key=lambda m: m.name):
            if not member.isfile() or not member.name.endswith((".py", ".pyi")):
                continue
            if member.size > MAX_SOURCE:
                continue
            parts = member.name.split("/")[1:]  # drop the sdist's top folder
            if parts and parts[0] == "src":
                parts = parts[1:]
            f = tf.extractfile(member)
            if f is not None and parts:
                yield "/".join(parts), f.read()


def module_name(rel: str) -> tuple[str, bool] | None:
    if rel.endswith(".pyi"):
        stem = rel[:-4]
    elif rel.endswith(".py"):
        stem = rel[:-3]
    else:
        return None
    parts = stem.split("/")
    if any(p in ("tests", "test", "testing", "examples", "benchmarks", "docs") for p in parts):
        return None
    if not all(p.isidentifier() for p in parts):
        return None
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


# ---------------------------------------------------------------------------------- parsing
@dataclass
class Func:
    qual: str  # module.qualname
    params: list[str]
    calls: list[tuple[str, bool, str]] = field(default_factory=list)  # callee, tainted, what
    calls_param: str = ""  # the name of a parameter it calls, if any


@dataclass
class Cls:
    qual: str
    bases: list[str]
    methods: dict[str, str] = field(default_factory=dict)  # name -> Func.qual
    stub: bool = False


@dataclass
class Mod:
    name: str
    is_pkg: bool
    stub: bool
    imports: dict[str, str] = field(default_factory=dict)  # local name -> qualified
    module_imports: set[str] = field(default_factory=set)  # local names bound to modules
    defs: dict[str, str] = field(default_factory=dict)  # public local name -> "C"/"F"


def _resolve_relative(mod: Mod, level: int, target: str | None) -> str:
    base = mod.name.split(".")
    if not mod.is_pkg:
        base = base[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    parts = [*base, *(target.split(".") if target else [])]
    return ".".join(p for p in parts if p)


class Parser:
    def __init__(self) -> None:
        self.mods: dict[str, Mod] = {}
        self.funcs: dict[str, Func] = {}
        self.classes: dict[str, Cls] = {}
        self.members: dict[str, list[str]] = {}  # module -> qualified names defined in it

    def add(self, rel: str, source: bytes, *, legacy: bool = False) -> None:
        named = module_name(rel)
        if named is None:
            return
        name, is_pkg = named
        stub = rel.endswith(".pyi")
        if legacy:
            self._add_legacy(name, is_pkg, rel, source)
            return
        if name in self.mods and (stub or not self.mods[name].stub):
            return  # a .py wins over its stub
        try:
            tree = ast.parse(source, filename=rel)
        except (SyntaxError, ValueError, RecursionError):
            return
        mod = Mod(name, is_pkg, stub)
        self.mods[name] = mod
        self.members[name] = []
        self._imports(mod, tree.body)
        _collect_defs(mod, tree.body)
        for node in tree.body:
            self._top(mod, node)

    def _add_legacy(self, name: str, is_pkg: bool, rel: str, source: bytes) -> None:
        """A module of an older release: only the names the current release lacks (old
        pickles name them) are added, analysed in the older module's own context."""
        current = self.mods.get(name)
        if current is not None and current.stub:
            return
        try:
            tree = ast.parse(source, filename=rel)
        except (SyntaxError, ValueError, RecursionError):
            return
        old = Mod(name, is_pkg, False)
        self._imports(old, tree.body)
        _collect_defs(old, tree.body)
        if current is None:
            self.mods[name] = old
            self.members[name] = []
            for node in tree.body:
                self._top(old, node)
            return
        missing = {n for n in old.defs if n not in current.defs and n not in current.imports}
        for node in tree.body:
            defines = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            if defines and node.name in missing:
                current.defs[node.name] = old.defs[node.name]
                self._top(old, node)
        for local, target in old.imports.items():
            if local in missing or (local not in current.imports and local not in current.defs):
                current.imports.setdefault(local, target)
                if local in old.module_imports:
                    current.module_imports.add(local)

    def _imports(self, mod: Mod, body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.asname:
                        mod.imports[a.asname] = a.name
                        mod.module_imports.add(a.asname)
                    else:
                        top = a.name.split(".")[0]
                        mod.imports[top] = top
                        mod.module_imports.add(top)
            elif isinstance(node, ast.ImportFrom):
                src = (
                    _resolve_relative(mod, node.level, node.module)
                    if node.level
                    else (node.module or "")
                )
                for a in node.names:
                    if a.name == "*":
                        continue
                    mod.imports[a.asname or a.name] = f"{src}.{a.name}"
            elif isinstance(node, ast.If | ast.Try):
                inner: list[ast.stmt] = list(node.body)
                if isinstance(node, ast.Try):
                    for h in node.handlers:
                        inner += h.body
                    inner += node.orelse + node.finalbody
                else:
                    inner += node.orelse
                self._imports(mod, inner)

    def _top(self, mod: Mod, node: ast.stmt) -> None:
        if _namedtuple(node):
            assert isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
            cls = Cls(f"{mod.name}.{node.targets[0].id}", [])
            self.classes[cls.qual] = cls
            self.members.setdefault(mod.name, []).append(cls.qual)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            mod.defs[node.name] = "F"
            self._func(mod, node, node.name, None)
        elif isinstance(node, ast.ClassDef):
            mod.defs[node.name] = "C"
            self._class(mod, node, node.name)
        elif isinstance(node, ast.If | ast.Try):
            inner: list[ast.stmt] = list(node.body)
            if isinstance(node, ast.Try):
                for h in node.handlers:
                    inner += h.body
                inner += node.orelse + node.finalbody
            else:
                inner += node.orelse
            for n in inner:
                self._top(mod, n)

    def _class(self, mod: Mod, node: ast.ClassDef, qual: str) -> None:
        bases = [b for b in (self._dotted(mod, e, None) for e in node.bases) if b]
        cls = Cls(f"{mod.name}.{qual}", bases, stub=mod.stub)
        self.classes[cls.qual] = cls
        self.members.setdefault(mod.name, []).append(cls.qual)
        for item in node.body:
            if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                fq = self._func(mod, item, f"{qual}.{item.name}", cls)
                cls.methods[item.name] = fq
            elif isinstance(item, ast.ClassDef):
                self._class(mod, item, f"{qual}.{item.name}")

    def _dotted(self, mod: Mod, e: ast.expr, cls: Cls | None) -> str | None:
        """The qualified name an expression names, when it is a (dotted) name."""
        parts: list[str] = []
        while isinstance(e, ast.Attribute):
            parts.append(e.attr)
            e = e.value
        if not isinstance(e, ast.Name):
            return None
        parts.reverse()
        head = e.id
        if head in ("self", "cls") and cls is not None:
            return ".".join([cls.qual, *parts]) if parts else None
        if head in mod.imports:
            base = mod.imports[head]
        elif head in mod.defs:
            base = f"{mod.name}.{head}"
        else:
            base = f"builtins.{head}"
        return ".".join([base, *parts])

    def _func(
        self, mod: Mod, node: ast.FunctionDef | ast.AsyncFunctionDef, qual: str, cls: Cls | None
    ) -> str:
        a = node.args
        params = [x.arg for x in (*a.posonlyargs, *a.args, *a.kwonlyargs)]
        if a.vararg:
            params.append(a.vararg.arg)
        if a.kwarg:
            params.append(a.kwarg.arg)
        f = Func(f"{mod.name}.{qual}", params)
        self.funcs[f.qual] = f
        self.members.setdefault(mod.name, []).append(f.qual)
        if mod.stub:
            return f.qual
        tainted = set(params)
        # flow-insensitive taint: names bound from expressions that use tainted names
        assigns: list[tuple[list[ast.expr], ast.expr]] = []
        for sub in ast.walk(node):
            if isinstance(sub, ast.Assign):
                assigns.append((sub.targets, sub.value))
            elif isinstance(sub, ast.AugAssign | ast.AnnAssign) and sub.value is not None:
                assigns.append(([sub.target], sub.value))
            elif isinstance(sub, ast.For | ast.AsyncFor | ast.comprehension):
                assigns.append(([sub.target], sub.iter))
            elif isinstance(sub, ast.withitem) and sub.optional_vars is not None:
                assigns.append(([sub.optional_vars], sub.context_expr))
            elif isinstance(sub, ast.NamedExpr):
                assigns.append(([sub.target], sub.value))
        changed = True
        rounds = 0
        while changed and rounds < 8:
            changed, rounds = False, rounds + 1
            for targets, value in assigns:
                if _uses(value, tainted):
                    for t in targets:
                        for n in ast.walk(t):
                            if isinstance(n, ast.Name) and n.id not in tainted:
                                tainted.add(n.id)
                                changed = True
        resolvers = set()
        for sub in ast.walk(node):
            if isinstance(sub, ast.Return) and isinstance(sub.value, ast.Call):
                resolvers.add(id(sub.value))
        for sub in ast.walk(node):
            if not isinstance(sub, ast.Call):
                continue
            fn = sub.func
            if isinstance(fn, ast.Name) and fn.id in params and fn.id not in ("self", "cls"):
                if not f.calls_param:
                    f.calls_param = fn.id
                continue
            callee = self._dotted(mod, fn, cls)
            if callee is None:
                continue
            args = [*sub.args, *(k.value for k in sub.keywords)]
            if callee in _OPENERS:
                mode = _open_mode(sub)
                writes = mode is not None and bool(_WRITE_MODE.search(mode))
                if not writes and (mode is not None or not _uses_any(args[1:2], tainted)):
                    continue
                f.calls.append((callee, _uses_any(args[:2], tainted), "file write"))
                continue
            if callee == "builtins.getattr":
                # a resolver: it hands back (or calls) an attribute its caller names
                if len(sub.args) >= 2 and _uses(sub.args[1], tainted) and id(sub) in resolvers:
                    f.calls.append((callee, True, "attribute named by an argument"))
                continue
            if callee in BARRIERS:
                continue
            if _SINK.get(callee) == "deserialization" and args and _is_dumps(args[0]):
                continue  # loads(dumps(x)): a copy of an object the caller already has
            f.calls.append((callee, _uses_any(args, tainted), ""))
        return f.qual


def _collect_defs(mod: Mod, body: list[ast.stmt]) -> None:
    for node in body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Name | ast.Attribute)
        ):
            # "Alias = Name" (kept for old pickles): a re-export like an import
            target = _plain_dotted(node.value)
            local = node.targets[0].id
            if target is not None and local not in mod.imports:
                head, _, rest = target.partition(".")
                base = mod.imports.get(head)
                if base is not None:
                    mod.imports[local] = f"{base}.{rest}" if rest else base
                elif head in mod.defs:
                    mod.imports[local] = f"{mod.name}.{target}"
        elif _namedtuple(node):
            assert isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
            mod.defs[node.targets[0].id] = "C"
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            mod.defs[node.name] = "F"
        elif isinstance(node, ast.ClassDef):
            mod.defs[node.name] = "C"
        elif isinstance(node, ast.If | ast.Try):
            inner: list[ast.stmt] = list(node.body)
            if isinstance(node, ast.Try):
                for h in node.handlers:
                    inner += h.body
                inner += node.orelse + node.finalbody
            else:
                inner += node.orelse
            _collect_defs(mod, inner)


def _namedtuple(node: ast.stmt) -> bool:
    """``Name = namedtuple("Name", ...)``: a plain tuple class."""
    return (
        isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Call)
        and (_plain_dotted(node.value.func) or "").rsplit(".", 1)[-1] == "namedtuple"
    )


def _is_dumps(e: ast.expr) -> bool:
    return isinstance(e, ast.Call) and (_plain_dotted(e.func) or "").endswith("dumps")


def _plain_dotted(e: ast.expr) -> str | None:
    parts: list[str] = []
    while isinstance(e, ast.Attribute):
        parts.append(e.attr)
        e = e.value
    if not isinstance(e, ast.Name):
        return None
    return ".".join([e.id, *reversed(parts)])


def _uses(e: ast.AST, names: set[str]) -> bool:
    return any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(e))


def _uses_any(es: object, names: set[str]) -> bool:
    assert isinstance(es, list)
    return any(_uses(e, names) for e in es)


def _open_mode(call: ast.Call) -> str | None:
    mode: ast.expr | None = call.args[1] if len(call.args) >= 2 else None
    for k in call.keywords:
        if k.arg == "mode":
            mode = k.value
    if mode is None:
        return ""
    if isinstance(mode, ast.Constant) and isinstance(mode.value, str):
        return mode.value
    return None


# ---------------------------------------------------------------------------------- analysis
class Index:
    def __init__(self, p: Parser) -> None:
        self.p = p
        self._alias_memo: dict[str, str | None] = {}
        self._mro_memo: dict[str, list[str]] = {}

    def resolve(self, name: str, depth: int = 0) -> str | None:
        """Follow re-exports: the qualified name of the function or class ``name`` denotes."""
        if name in self.p.funcs or name in self.p.classes:
            return name
        if depth > 8:
            return None
        if name in self._alias_memo:
            return self._alias_memo[name]
        self._alias_memo[name] = None
        out = None
        mod, _, rest = name, "", ""
        parts = name.split(".")
        for i in range(len(parts) - 1, 0, -1):
            mod, rest = ".".join(parts[:i]), ".".join(parts[i:])
            m = self.p.mods.get(mod)
            if m is None:
                continue
            head, _, tail = rest.partition(".")
            if head in m.imports:
                target = m.imports[head] + (f".{tail}" if tail else "")
                out = self.resolve(target, depth + 1)
            elif head in m.defs:
                out = self.resolve_member(f"{mod}.{head}", tail)
            break
        self._alias_memo[name] = out
        return out

    def resolve_member(self, qual: str, tail: str) -> str | None:
        if not tail:
            return qual if (qual in self.p.funcs or qual in self.p.classes) else None
        cls = self.p.classes.get(qual)
        if cls is None:
            return None
        head, _, rest = tail.partition(".")
        m = self.method(qual, head)
        if m is not None and not rest:
            return m
        inner = f"{qual}.{head}"
        if inner in self.p.classes:
            return self.resolve_member(inner, rest)
        return None

    def mro(self, qual: str) -> list[str]:
        cached = self._mro_memo.get(qual)
        if cached is None:
            cached = self._mro_memo[qual] = self._mro(qual)
        return cached

    def _mro(self, qual: str) -> list[str]:
        out: list[str] = []
        todo = [qual]
        while todo and len(out) < 32:
            q = todo.pop(0)
            r = self.resolve(q)
            if r is None or r in out or r not in self.p.classes:
                continue
            out.append(r)
            todo.extend(self.p.classes[r].bases)
        return out

    def method(self, cls: str, name: str) -> str | None:
        for c in self.mro(cls):
            m = self.p.classes[c].methods.get(name)
            if m is not None:
                return m
        return None

    def sink_of(self, callee: str) -> str | None:
        if callee in _SINK:
            return _SINK[callee]
        r = self.resolve(callee)
        if r is not None and r in _SINK:
            return _SINK[r]
        return None

    def callees(self, callee: str) -> list[str]:
        """Functions a call of ``callee`` runs: the function, or a class's constructor."""
        r = self.resolve(callee)
        if r is None:
            # self.method through the class's bases
            head, _, leaf = callee.rpartition(".")
            if head in self.p.classes:
                m = self.method(head, leaf)
                return [m] if m else []
            return []
        if r in self.p.funcs:
            return [r]
        out = []
        for name in ("__new__", "__init__"):
            m = self.method(r, name)
            if m is not None:
                out.append(m)
        return out

    def reach(self) -> dict[str, list[str]]:
        """Function -> path to a sink (callee names, ending with the sink and its kind)."""
        reach: dict[str, list[str]] = {}
        edges: dict[str, list[str]] = {}
        rev: dict[str, list[str]] = {}
        work: list[str] = []
        for f in self.p.funcs.values():
            for callee, tainted, what in f.calls:
                if not tainted:
                    continue
                kind = what or self.sink_of(callee)
                if kind:
                    if f.qual not in reach:
                        reach[f.qual] = [f"{callee} ({kind})"]
                        work.append(f.qual)
                    continue
                for c in self.callees(callee):
                    if c != f.qual:
                        edges.setdefault(f.qual, []).append(c)
                        rev.setdefault(c, []).append(f.qual)
        while work:
            g = work.pop(0)
            for caller in rev.get(g, ()):
                if caller not in reach:
                    reach[caller] = [g, *reach[g]][:8]
                    work.append(caller)
        return reach


def build(dists: list[Path], stdlib: Path, legacy: tuple[Path, ...] = ()) -> dict[str, object]:
    p = Parser()
    provenance: dict[str, object] = {}
    for rel, src in stdlib_sources(stdlib):
        p.add(rel, src)
    packages: dict[str, str] = {}
    for dist in dists:
        digest = hashlib.sha256(dist.read_bytes()).hexdigest()
        provenance[dist.name] = digest
        label = "-".join(dist.name.split("-")[:2])
        for rel, src in dist_sources(dist):
            named = module_name(rel)
            if named is not None and named[0]:
                packages.setdefault(named[0].split(".")[0], label)
            p.add(rel, src)
    for dist in legacy:
        provenance[dist.name] = hashlib.sha256(dist.read_bytes()).hexdigest()
        for rel, src in dist_sources(dist):
            p.add(rel, src, legacy=True)
    idx = Index(p)
    reach = idx.reach()
    modules: dict[str, dict[str, object]] = {}
    for name in sorted(p.mods):
        m = p.mods[name]
        plain_c: list[str] = []
        plain_f: list[str] = []
        sinks: dict[str, str] = {}
        higher: dict[str, str] = {}
        stubs: list[str] = []
        for q in sorted(set(p.members.get(name, ()))):
            local = q[len(name) + 1 :]
            head = local.split(".")[0]
            if head not in m.defs:
                continue  # belongs to a submodule
            if q in p.classes:
                if p.classes[q].stub:
                    stubs.append(local)
                    continue
                path = _class_path(idx, q, reach)
                if path:
                    sinks[local] = path
                else:
                    plain_c.append(local)
            else:
                f = p.funcs[q]
                if m.stub:
                    stubs.append(local)
                elif q in reach:
                    sinks[local] = " -> ".join([q, *reach[q]])
                elif f.calls_param:
                    higher[local] = f.calls_param
                else:
                    plain_f.append(local)
        aliases = {}
        for local, target in sorted(m.imports.items()):
            if local.startswith("__") or local in m.defs:
                continue
            if local in m.module_imports or target in p.mods:
                aliases[local] = "@" + target
            else:
                aliases[local] = target
        entry: dict[str, object] = {}
        for key, value in (
            ("c", plain_c),
            ("f", plain_f),
            ("s", sinks),
            ("h", higher),
            ("i", stubs),
            ("a", aliases),
        ):
            if value:
                entry[key] = value
        modules[name] = entry
    python = ".".join(map(str, sys.version_info[:3]))
    for name in modules:
        packages.setdefault(name.split(".")[0], f"python-{python}")
    return {"schema": SCHEMA, "dists": provenance, "packages": packages, "modules": modules}


def _class_path(idx: Index, q: str, reach: dict[str, list[str]]) -> str:
    for name in LOAD_TIME:
        m = idx.method(q, name)
        if m is not None and m in reach:
            return " -> ".join([m, *reach[m]])
    return ""


def write(doc: dict[str, object], out: Path, command: str) -> None:
    doc = {
        **doc,
        "python": ".".join(map(str, sys.version_info[:3])),
        "command": command,
    }
    modules = doc.pop("modules")
    assert isinstance(modules, dict)
    lines = [json.dumps(doc, sort_keys=True, separators=(",", ":"))]
    for name in sorted(modules):
        lines.append(name + "\t" + json.dumps(modules[name], sort_keys=True, separators=(",", ":")))
    raw = ("\n".join(lines) + "\n").encode()
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".index-")
    with os.fdopen(fd, "wb") as f:
        f.write(buf.getvalue())
        f.flush()
        os.fsync(f.fileno())
    Path(tmp).replace(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dists", nargs="*", type=Path, help="wheels or sdists to index")
    ap.add_argument(
        "--legacy",
        type=Path,
        action="append",
        default=[],
        help="an older release whose names the current one lacks (old pickles name them)",
    )
    ap.add_argument("--stdlib", type=Path, default=Path(sysconfig.get_paths()["stdlib"]))
    ap.add_argument("--output", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    dists = sorted(args.dists, key=lambda d: d.name)
    legacy = tuple(sorted(args.legacy, key=lambda d: d.name))
    doc = build(dists, args.stdlib, legacy)
    names = " ".join([*(f"--legacy {d.name}" for d in legacy), *(d.name for d in dists)])
    write(doc, args.output, f"python scripts/build_callable_index.py {names}")
    print(f"{len(doc['modules'])} modules from the standard library and {len(dists)} distributions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
