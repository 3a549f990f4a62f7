"""Properties: the scanners never raise on arbitrary text or notebook JSON, and never run it."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secplan.config import Settings
from secplan.governance.records import Records
from secplan.model import Artifact, ArtifactKind
from secplan.scanners._base import ScanContext
from secplan.scanners.code import SCANNERS, find_secrets
from secplan.scanners.code.notebook import load_notebook, python_lines
from secplan.scanners.code.pii import BasicPiiDetector
from secplan.scanners.code.python import analyze_source
from secplan.scanners.code.shell_lines import unpinned_packages
from tests.helpers import findings_of, scan, write

FRAGMENTS = [
    "import pickle as p",
    "p.load(f)",
    "torch.load(x, weights_only=False)",
    "yaml.load(s, Loader=L)",
    "from_pretrained('a/b', trust_remote_code=True)",
    "eval(x)",
    "os.system(c)",
    "!pip install x",
    "%%bash",
    "%time",
    "x = !ls",
    "def f(",
    '"""',
    "'",
    "    ",
    "\\",
    "hf_",
    "sk-proj-",
    "-----BEGIN PRIVATE KEY-----",
    "password = '",
    "postgres://u:",
    "eyJhbGciOi.eyJ",
    "http://",
    "\x00",
    "(" * 50,
]

source_text = st.lists(
    st.one_of(st.text(max_size=40), st.sampled_from(FRAGMENTS)), max_size=25
).map("\n".join)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["cells", "source", "outputs", "cell_type", "text", "data", "x"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=30,
)


def _ctx(root: Path) -> ScanContext:
    return ScanContext(root=root, settings=Settings(), records=Records(), as_of=date(2026, 12, 2))


@given(source_text)
def test_text_functions_never_raise(text: str) -> None:
    analyze_source(text)
    find_secrets(text)
    find_secrets(text, bare_values=True)
    code, _ = python_lines(text)
    assert code.count("\n") <= text.count("\n")
    list(BasicPiiDetector().find(text))
    unpinned_packages(text)
    load_notebook(text)


@given(json_values)
def test_notebook_loader_never_raises(doc: object) -> None:
    load_notebook(json.dumps(doc))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=source_text, doc=json_values)
def test_scanners_never_raise(tmp_path: Path, text: str, doc: object) -> None:
    files = {
        "a.py": (ArtifactKind.CODE, "python", text),
        "b.yaml": (ArtifactKind.CONFIG, "yaml", text),
        "c.ipynb": (ArtifactKind.NOTEBOOK, "ipynb", json.dumps(doc)),
        "d.ipynb": (ArtifactKind.NOTEBOOK, "ipynb", text),
        "e.ipynb": (
            ArtifactKind.NOTEBOOK,
            "ipynb",
            json.dumps({"cells": [{"cell_type": "code", "source": text, "outputs": [doc]}]}),
        ),
    }
    for name, (kind, fmt, content) in files.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8", errors="surrogateescape")
        art = Artifact(
            path=path, relpath=name, kind=kind, format=fmt, size=path.stat().st_size, mode=0o644
        )
        for scanner in SCANNERS:
            if scanner.applies_to(art):
                for finding in scanner.scan(art, _ctx(tmp_path)):
                    assert finding.rule and finding.location.path == name


CANARY_CODE = """
import os, pickle
open(os.path.join({tmp!r}, "CANARY"), "w").write("ran")
class P:
    def __reduce__(self):
        return (os.system, ("touch " + os.path.join({tmp!r}, "CANARY"),))
pickle.loads(pickle.dumps(P()))
"""


def test_scanned_code_is_never_run(tmp_path: Path) -> None:
    project = tmp_path / "project"
    source = CANARY_CODE.format(tmp=str(tmp_path))
    write(project, "evil.py", source)
    cell = {"cell_type": "code", "source": source, "outputs": [], "metadata": {}}
    write(project, "evil.ipynb", json.dumps({"nbformat": 4, "cells": [cell]}))
    a = scan(project)
    assert not os.path.exists(tmp_path / "CANARY")
    assert {f.location.path for f in findings_of(a, "CD101")} == {"evil.py", "evil.ipynb"}


def test_oversized_python_is_not_verified_but_searched_for_secrets(
    tmp_path: Path, monkeypatch: object
) -> None:
    from secplan.scanners.code import scanners

    monkeypatch.setattr(scanners, "MAX_PYTHON_BYTES", 50)  # type: ignore[attr-defined]
    write(tmp_path, "big.py", "import pickle\npickle.load(f)\n" + "x = 1\n" * 20)
    a = scan(tmp_path)
    [nv] = findings_of(a, "SX001")
    assert "larger than 50 bytes" in nv.message
    assert not findings_of(a, "CD101")


def test_python_2_file_is_not_verified(tmp_path: Path) -> None:
    write(tmp_path, "old.py", "print 'hello'\n")
    [nv] = findings_of(scan(tmp_path), "SX001")
    assert "not valid Python 3 syntax (line 1" in nv.message
