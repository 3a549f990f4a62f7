"""Trusted structure is followed, not trusted whole: TorchScript code and torch.package
sources (MF116), members of PyTorch-like archives, Keras built-in layers that load files or
wrap PyTorch modules, SavedModel text graphs and checkpoint ops fed a constant path (MF110).

Payloads are canaries; the conftest asserts none ever ran.
"""

from __future__ import annotations

import base64
import json
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secplan.model import Severity
from secplan.modelfile.handlers.savedmodel import parse_text, text_nodes
from secplan.modelfile.limits import LimitExceeded
from secplan.modelfile.readers.protowire import ProtoError

from .build import pb, rules, scan_bytes, scan_file, std_zip, system

CLEAN = pickle.dumps({"w": [0.5]}, protocol=2)


def _script(code: str) -> bytes:
    return std_zip(
        {
            "archive/data.pkl": CLEAN,
            "archive/constants.pkl": CLEAN,
            "archive/code/__torch__/m.py": code.encode(),
            "archive/data/0": b"\x00" * 16,
            "archive/version": b"3\n",
        }
    )


@pytest.mark.parametrize(
    "code, severity",
    [
        ("def __setstate__(self, s):\n  x = torch.from_file('/tmp/x', True, 8)\n", "CRITICAL"),
        ("def f(self):\n  return torch.from_file(path, shared=flag, size=8)\n", "CRITICAL"),
        ("def f(self):\n  return torch.from_file('/etc/hostname', False, 8)\n", "HIGH"),
        ("def f(self, x):\n  torch.save(x, '/tmp/planted')\n", "CRITICAL"),
        ("def f(self, x):\n  return torch.ops.evil_lib.run(x)\n", "HIGH"),
    ],
)
def test_torchscript_code_that_reaches_files(tmp_path: Path, code: str, severity: str) -> None:
    found = scan_file(tmp_path, "m.pt", _script(code))
    hits = [f for f in found if f.rule == "MF116"]
    assert hits and max(f.severity for f in hits) is Severity[severity]
    assert hits[0].location.member == "archive/code/__torch__/m.py"


def test_clean_torchscript_is_not_reported(tmp_path: Path) -> None:
    code = (
        "class M(Module):\n  def forward(self, x: Tensor) -> Tensor:\n"
        "    return torch.relu(torch.matmul(x, self.weight))\n"
    )
    assert scan_file(tmp_path, "m.pt", _script(code)) == []


def test_torch_package_sources_are_code(tmp_path: Path) -> None:
    data = std_zip(
        {
            "model/.data/version": b"6\n",
            "model/.data/extern_modules": b"torch\n",
            "model/mypkg/net.py": b"import os\nos.system('true')\n",
            "model/model.pkl": CLEAN,
        }
    )
    found = scan_file(tmp_path, "m.pt", data)
    crit = [f for f in found if f.rule == "MF116" and f.severity is Severity.CRITICAL]
    assert crit and crit[0].location.member == "model/mypkg/net.py"
    assert any("os.system" in f.message for f in crit)


def test_data_pkl_does_not_hide_other_data_members(tmp_path: Path) -> None:
    """A data.pkl somewhere does not make every /data/ member a tensor storage."""
    data = std_zip(
        {
            "archive/data.pkl": CLEAN,
            "archive/data/0": b"\x00" * 8,
            "bundle/data/model.joblib": system(tmp_path),
            "other/data/0": system(tmp_path),
        }
    )
    found = scan_file(tmp_path, "m.pt", data)
    members = {f.location.member for f in found if f.rule == "MF101"}
    assert members == {"bundle/data/model.joblib", "other/data/0"}


def _keras(layer: dict[str, object]) -> bytes:
    cfg = {
        "module": "keras",
        "class_name": "Sequential",
        "config": {"name": "s", "layers": [layer]},
    }
    return std_zip({"config.json": json.dumps(cfg).encode()})


@pytest.mark.parametrize("cls", ["StringLookup", "IntegerLookup", "TextVectorization"])
def test_keras_lookup_vocabulary_path(tmp_path: Path, cls: str) -> None:
    layer = {"module": "keras.layers", "class_name": cls, "config": {"vocabulary": "/etc/passwd"}}
    [f] = scan_file(tmp_path, "m.keras", _keras(layer))
    assert (f.rule, f.severity) == ("MF109", Severity.HIGH) and "/etc/passwd" in f.message


def test_keras_inline_vocabulary_is_clean(tmp_path: Path) -> None:
    config = {"vocabulary": ["a", "b"]}
    layer = {"module": "keras.layers", "class_name": "StringLookup", "config": config}
    assert scan_file(tmp_path, "m.keras", _keras(layer)) == []


def test_keras_tfsmlayer_path(tmp_path: Path) -> None:
    layer = {"module": "keras.layers", "class_name": "TFSMLayer", "config": {"filepath": "/x"}}
    assert rules(scan_file(tmp_path, "m.keras", _keras(layer))) == ["MF109"]


def test_keras_torch_module_wrapper_pickle(tmp_path: Path) -> None:
    saved = std_zip({"archive/data.pkl": system(tmp_path), "archive/version": b"3\n"})
    blob = base64.b64encode(saved).decode()
    layer = {
        "module": "keras.layers",
        "class_name": "TorchModuleWrapper",
        "config": {"name": "w", "module": blob},
    }
    found = scan_file(tmp_path, "m.keras", _keras(layer))
    assert {"MF101", "MF109"} <= set(rules(found))
    assert any("TorchModuleWrapper module" in (f.location.member or "") for f in found)


PBTXT = """saved_model_schema_version: 1
meta_graphs {
  graph_def {
    node { name: "path" op: "Const"
      attr { key: "value" value { tensor { dtype: DT_STRING string_val: "/tmp/" "planted" } } }
    }
    node { name: "save" op: "SaveV2" input: "path:0" input: "names" input: "slices" }
    node { name: "prefix" op: "Placeholder" }
    node { name: "save_ok" op: "SaveV2" input: "prefix" input: "names" input: "slices" }
    library { function { signature { name: "__inference_f" }
      node_def { name: "w" op: "WriteFile" input: "x" input: "y" } } }
  }
}
"""


def test_savedmodel_text_and_constant_paths(tmp_path: Path) -> None:
    found = scan_file(tmp_path, "m/saved_model.pbtxt", PBTXT.encode())
    crit = [f for f in found if f.severity is Severity.CRITICAL]
    assert [f.rule for f in crit] == ["MF110"] and "'/tmp/planted'" in crit[0].evidence
    assert any("WriteFile" in f.message and "__inference_f" in f.evidence for f in found)
    assert not any("save_ok" in f.evidence for f in found)


def test_savedmodel_binary_constant_path(tmp_path: Path) -> None:
    tensor = pb(8, pb(8, b"/tmp/planted"))
    const = pb(1, b"path") + pb(2, b"Const") + pb(5, pb(1, b"value") + pb(2, tensor))
    save = pb(1, b"save") + pb(2, b"MergeV2Checkpoints") + pb(3, b"prefixes") + pb(3, b"path")
    data = pb(2, pb(2, pb(1, const) + pb(1, save)))
    found = scan_file(tmp_path, "m/saved_model.pb", data)
    assert [(f.rule, f.severity) for f in found] == [("MF110", Severity.CRITICAL)]


def test_pbtxt_parser_is_bounded() -> None:
    doc = parse_text('a { b: "x" c: [1, 2] d < e: "y" > }', 1000)
    assert doc == {"a": [{"b": ["x"], "c": ["1", "2"], "d": [{"e": ["y"]}]}]}
    assert text_nodes(doc) == []
    with pytest.raises(LimitExceeded):
        parse_text("a: 1 " * 100, 50)


@pytest.mark.parametrize("text", ["a { b: 1", "a } ", "{ x }", "a: 'unterminated"])
def test_malformed_pbtxt_is_reported(tmp_path: Path, text: str) -> None:
    found = scan_file(tmp_path, "saved_model.pbtxt", text.encode())
    assert rules(found) == ["MF103"]


def test_savedmodel_fingerprint_is_read(tmp_path: Path) -> None:
    data = pb(1, 123) + pb(3, 456) + pb(6, pb(1, 1))
    assert scan_file(tmp_path, "sm/fingerprint.pb", data) == []
    assert rules(scan_file(tmp_path, "sm2/fingerprint.pb", b"\x0a\xff\x01")) == ["MF103"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:{}<>[],\"\\' \n#1")), max_size=200))
def test_pbtxt_parser_fails_only_cleanly(source: str) -> None:
    try:
        doc = parse_text(source, 10_000)
    except (ProtoError, LimitExceeded):
        return
    assert isinstance(doc, dict)
    text_nodes(doc)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_torchscript_and_package_members_never_raise(code: bytes) -> None:
    for f in scan_bytes(_script(code.decode("latin-1")), name="m.pt"):
        assert f.rule.startswith("MF")
