"""The callable index: built from source with ast (never imported), looked up by name."""

from __future__ import annotations

import gzip
import importlib.util
import sys
import zipfile
from pathlib import Path
from types import ModuleType

from hypothesis import given, settings
from hypothesis import strategies as st

from secplan.modelfile.index import CallableIndex

ROOT = Path(__file__).resolve().parents[3]


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_callable_index", ROOT / "scripts" / "build_callable_index.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


SOURCES = {
    "toypkg/__init__.py": "from .models import Plain as Plain\nfrom . import helpers\n",
    "toypkg/models.py": (
        "import os\nimport pickle\nfrom subprocess import check_output\n"
        "class Plain:\n"
        "    def __init__(self, n):\n        self.n = n\n"
        "class Loader:\n"
        "    def __setstate__(self, state):\n        self.obj = _load(state['blob'])\n"
        "class Child(Loader):\n    pass\n"
        "def _load(blob):\n    return pickle.loads(blob)\n"
        "def apply(func, args):\n    return func(*args)\n"
        "def writes(path, text):\n    with open(path, 'w') as f:\n        f.write(text)\n"
        "def reads(path):\n    with open(path) as f:\n        return f.read()\n"
        "def resolver(obj, name):\n    return getattr(obj, name)\n"
        "def run(cmd):\n    return helper_run(cmd)\n"
        "def helper_run(cmd):\n    os.system(cmd)\n"
        "def fixed():\n    os.system('true')\n"
    ),
    "toypkg/helpers.py": "def broken(:\n",  # a syntax error is skipped, not fatal
}


def _index(tmp_path: Path) -> CallableIndex:
    builder = _builder()
    wheel = tmp_path / "toypkg-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for name, text in SOURCES.items():
            zf.writestr(name, text)
    stdlib = tmp_path / "stdlib"
    stdlib.mkdir()
    (stdlib / "os.py").write_text("def system(cmd):\n    pass\n")
    doc = builder.build([wheel], stdlib)
    out = tmp_path / "index.json.gz"
    builder.write(doc, out, "python scripts/build_callable_index.py toypkg-1.0-py3-none-any.whl")
    return CallableIndex.from_text(gzip.decompress(out.read_bytes()).decode())


def test_verdicts_of_a_built_index(tmp_path: Path) -> None:
    idx = _index(tmp_path)
    assert idx.lookup("toypkg.models", "Plain").kind == "class"
    e = idx.lookup("toypkg", "Plain")  # a re-export, followed to its definition
    assert e.kind == "class" and e.resolved == "toypkg.models.Plain"
    loader = idx.lookup("toypkg.models", "Child")  # inherited __setstate__
    assert loader.kind == "sink" and "pickle.loads (deserialization)" in loader.detail
    assert "toypkg.models._load" in loader.detail
    run = idx.lookup("toypkg.models", "run")
    assert run.kind == "sink" and run.detail.endswith("os.system (process)")
    assert "toypkg.models.helper_run" in run.detail
    assert idx.lookup("toypkg.models", "writes").kind == "sink"
    assert idx.lookup("toypkg.models", "resolver").kind == "sink"
    assert idx.lookup("toypkg.models", "reads").kind == "function"
    assert idx.lookup("toypkg.models", "fixed").kind == "function"  # a constant command
    assert idx.lookup("toypkg.models", "apply").kind == "higher"
    assert idx.lookup("toypkg.models", "os").kind == "module"
    assert idx.lookup("toypkg.models", "pickle").detail == "pickle"
    alias = idx.lookup("toypkg.models", "check_output")
    assert alias.kind == "alias" and alias.detail == "subprocess.check_output"
    assert idx.lookup("toypkg.models", "Nope").kind == "missing"
    moved = idx.lookup("toypkg.old.models", "Plain")  # an old module path of a plain class
    assert moved.kind == "moved" and moved.detail == "toypkg.models.Plain"
    assert idx.lookup("toypkg.old.models", "Loader").kind == "missing"  # not a plain class
    assert idx.lookup("toypkg.models", "Nope").package == "toypkg-1.0"
    assert idx.lookup("otherpkg.x", "Y").kind == "unindexed"


def test_provenance_names_every_input(tmp_path: Path) -> None:
    idx = _index(tmp_path)
    assert list(idx.provenance["dists"]) == ["toypkg-1.0-py3-none-any.whl"]  # type: ignore[call-overload]
    assert "build_callable_index.py" in str(idx.provenance["command"])


def test_the_build_is_deterministic(tmp_path: Path) -> None:
    builder = _builder()
    wheel = tmp_path / "toypkg-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for name, text in SOURCES.items():
            zf.writestr(name, text)
    stdlib = tmp_path / "stdlib"
    stdlib.mkdir()
    outs = []
    for i in range(2):
        out = tmp_path / f"i{i}.json.gz"
        builder.write(builder.build([wheel], stdlib), out, "cmd")
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcos._*@ \x00", max_size=40), st.text(alphabet="abcos._*@", max_size=40))
def test_lookups_never_raise(module: str, name: str) -> None:
    idx = CallableIndex.packaged()
    e = idx.lookup(module, name)
    assert e.kind in {
        "sink",
        "class",
        "function",
        "higher",
        "stub",
        "module",
        "alias",
        "missing",
        "moved",
        "unindexed",
    }


def test_packaged_index_is_loaded_once() -> None:
    assert CallableIndex.packaged() is CallableIndex.packaged()
