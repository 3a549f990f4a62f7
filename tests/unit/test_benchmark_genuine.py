"""The genuine-file benchmark's own pieces: the manifest stays valid as it grows, the family
labels are decided from content, and the anchors' outputs are attributed to the right file.
Nothing here downloads or scans: the set itself is fetched only by the benchmark."""

from __future__ import annotations

import bz2
import gzip
import importlib.util
import io
import json
import pickle
import re
import sys
import tomllib
import zipfile
from pathlib import Path
from types import ModuleType

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

GENUINE = Path(__file__).resolve().parents[2] / "benchmarks" / "model_scan" / "genuine"


def _load(name: str) -> ModuleType:
    if str(GENUINE) not in sys.path:
        sys.path.insert(0, str(GENUINE))  # the scripts import each other by name
    spec = importlib.util.spec_from_file_location(f"genuine_{name}", GENUINE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


common = _load("common")
pin = _load("pin")
tools = _load("tools")

FAMILIES_REQUIRED = {
    "pickle",
    "joblib",
    "joblib-compressed",
    "pytorch-zip",
    "pytorch-legacy",
    "torchscript",
    "numpy-npy",
    "numpy-npz",
    "keras-h5",
    "keras-v3",
    "tf-savedmodel",
    "tflite",
    "onnx",
    "gguf",
    "safetensors",
    "sentencepiece",
    "archive",
}


def test_manifest_is_pinned_and_covers_every_family() -> None:
    packages = common.load_manifest()
    assert len({p.name for p in packages}) >= 50
    members = [(p.folder, m) for p in packages for m in p.members]
    assert len(members) >= 300
    hexdigest = re.compile(r"[0-9a-f]{64}")
    assert all(hexdigest.fullmatch(p.sha256) for p in packages)
    assert all(hexdigest.fullmatch(m.sha256) and m.size > 0 for _, m in members)
    paths = [f"{folder}/{m.path}" for folder, m in members]
    assert len(paths) == len(set(paths))
    assert {m.family for _, m in members} >= FAMILIES_REQUIRED


def test_manifest_rejects_a_member_path_that_escapes(tmp_path: Path) -> None:
    bad = tmp_path / "manifest.toml"
    bad.write_text(
        '[[package]]\nname = "x"\nversion = "1"\ndist = "x-1.tar.gz"\nsha256 = "0"\n'
        'source = "s"\n[[package.member]]\npath = "../evil"\nsha256 = "0"\nsize = 1\n'
        'family = "pickle"\n'
    )
    try:
        common.load_manifest(bad)
    except SystemExit as exc:
        assert "stay inside" in str(exc)
    else:
        raise AssertionError("an escaping member path was accepted")


def _npy(array: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, array)
    return buf.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_family_is_decided_by_content() -> None:
    state = pickle.dumps({"weights": [1.0, 2.0]}, protocol=2)
    assert pin.family("model.bin", state) == "pickle"
    assert pin.family("labels.pkl", pickle.dumps([1, 2], protocol=0)) == "pickle"
    assert pin.family("x.gz", gzip.compress(state)) == "pickle-compressed"
    assert pin.family("x.bz2", bz2.compress(state)) == "pickle-compressed"
    assert pin.family("a.npy", _npy(np.arange(3))) == "numpy-npy"
    assert pin.family("a.npz", _zip({"a.npy": _npy(np.arange(3))})) == "numpy-npz"
    assert pin.family("m.pt", _zip({"m/data.pkl": state, "m/data/0": b"\0"})) == "pytorch-zip"
    scripted = _zip({"m/data.pkl": state, "m/code/__torch__/m.py": b"", "m/constants.pkl": state})
    assert pin.family("m.pt", scripted) == "torchscript"
    legacy = b"\x80\x02" + pin.TORCH_LEGACY_MAGIC + b"."
    assert pin.family("old.pth", legacy) == "pytorch-legacy"
    header = json.dumps({"w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}).encode()
    safetensors = len(header).to_bytes(8, "little") + header + b"\0" * 4
    assert pin.family("m.safetensors", safetensors) == "safetensors"
    assert pin.family("m.gguf", b"GGUF\x03\x00\x00\x00") == "gguf"
    assert pin.family("m.tflite", b"\x1c\x00\x00\x00TFL3\x00\x00") == "tflite"
    assert pin.family("m.onnx", b"\x08\x07\x12\x07pytorch") == "onnx"
    assert pin.family("x/saved_model.pb", b"\x08\x01\x12\x00") == "tf-savedmodel"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=512), st.sampled_from(["m.pkl", "m.npy", "m.gz", "m.onnx", "m"]))
def test_family_never_fails_on_arbitrary_bytes(data: bytes, name: str) -> None:
    assert isinstance(pin.family(name, data), str)


def test_locations_are_attributed_to_the_file_that_holds_them() -> None:
    files = ["p/a.pkl", "p/a.pkl_01.npy", "p/m/saved_model.pb", "p/m/variables/v.index"]
    assert tools._owner(files, "p/a.pkl") == ["p/a.pkl"]
    assert tools._owner(files, "p/a.pkl:data.pkl") == ["p/a.pkl"]
    assert tools._owner(files, "p/a.pkl_01.npy (pos 12)") == ["p/a.pkl_01.npy"]
    assert tools._owner(files, "p/m") == ["p/m/saved_model.pb", "p/m/variables/v.index"]
    assert tools._owner(files, ".") == []


def test_fickling_severity_is_the_worst_of_all_streams(tmp_path: Path) -> None:
    out = tmp_path / "f.json"
    out.write_text(
        json.dumps({"severity": "LIKELY_SAFE"}) + "\n" + json.dumps({"severity": "SUSPICIOUS"})
    )
    assert tools._fickling_severity(out) == "SUSPICIOUS"
    assert tools._fickling_severity(tmp_path / "missing.json") == ""


def test_wheel_tags_select_the_pinned_wheel() -> None:
    args = common._wheel_tags(
        "numpy-2.4.6-cp311-cp311-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl"
    )
    assert args[:2] == ["--only-binary", ":all:"]
    assert args.count("--platform") == 2 and "--python-version" in args and "3.11" in args
    assert common._wheel_tags("resampy-0.4.3-py3-none-any.whl") == ["--only-binary", ":all:"]


def test_modelaudit_issues_and_incomplete_checks_land_on_their_file() -> None:
    files = ["p/a.pkl", "p/b.onnx", "p/c.npy"]
    verdicts = {f: tools.Verdict() for f in files}
    report = {
        "issues": [
            {"severity": "critical", "location": "/s/p/a.pkl (pos 12)"},
            {"severity": "info", "location": "/s/p/c.npy"},
        ],
        "checks": [
            {
                "status": "failed",
                "location": "/s/p/b.onnx",
                "details": {"operational_error": True},
            }
        ],
    }
    tools._modelaudit_report(report, "/s/", files, verdicts)
    assert verdicts["p/a.pkl"].high and verdicts["p/a.pkl"].any
    assert verdicts["p/b.onnx"].error and not verdicts["p/b.onnx"].any
    assert not verdicts["p/c.npy"].any


def test_true_findings_are_shown_and_counted_apart_from_false_alarms() -> None:
    report = _load("report")
    files = {
        p: {"family": "pickle", "package": "a", "size": 10} for p in ("a/g.pkl", "a/f.pkl", "a/c")
    }
    finding = {"rule": "MF101", "severity": "critical", "member": None, "message": "gadget"}
    secplan = {
        "a/g.pkl": {"any": True, "high": True, "error": False, "findings": [finding]},
        "a/f.pkl": {"any": True, "high": False, "error": False, "findings": [finding]},
        "a/c": {"any": False, "high": False, "error": False, "findings": []},
    }
    res = {"files": files, "verdicts": {"secplan": secplan}, "versions": {}, "cores": 2}
    res |= {"packages": 1, "distributions": 1}
    judgements = [
        {"pattern": "a/g.pkl", "benign": True, "true_finding": True, "why": "a real gadget"},
        {"pattern": "a/*", "benign": True, "why": "an unknown class"},
    ]
    page = report.render(res, judgements)
    assert "| secplan | 33.3% (1/3) | 66.7% (2/3) | 0 |" in page
    assert "| secplan, false alarms only | 0.0% (0/3) | 33.3% (1/3) | |" in page
    assert "True finding (a genuine file, a real gadget). a real gadget" in page
    assert "Benign. an unknown class" in page
    judged = tomllib.loads((GENUINE / "judgements.toml").read_text(encoding="utf-8"))
    for j in judged["judgement"]:
        assert j["why"].strip() and isinstance(j["benign"], bool)
        assert set(j) <= {"pattern", "benign", "true_finding", "why"}
