"""Formats loaders read that discovery used to leave out: joblib's compressed files from before
0.10 (a ``ZF`` header, a zlib stream, and ``*.npy.z`` array files beside the pickle) and
TensorFlow checkpoint meta graphs (``*.meta``, a MetaGraphDef ``import_meta_graph`` loads).
Payloads name the test's canary file, which must never appear."""

from __future__ import annotations

import pickle
import zlib
from pathlib import Path

import pytest

from secplan.model import Severity
from secplan.model.artifact import ArtifactKind
from secplan.modelfile import formats
from secplan.sniff import HEAD_BYTES, classify
from tests.unit.modelfile.build import pb, rules, scan_file, system, worst


def zfile(content: bytes, *, length: int | None = None, wide: bool = False) -> bytes:
    """A file as joblib < 0.10 writes it with compression (0.8.4 wrote a header one space
    wider)."""
    n = len(content) if length is None else length
    header = b"ZF" + f"{n:#x}".encode().ljust(19) + (b" " if wide else b"")
    return header + zlib.compress(content)


WRAPPER = b"joblib.numpy_pickle_compat\nZNDArrayWrapper\n"


def wrapper_pickle(filename: str) -> bytes:
    """A protocol-2 pickle holding one ZNDArrayWrapper naming ``filename``."""
    name = filename.encode()
    state = b"}(X\x08\x00\x00\x00filenameX" + len(name).to_bytes(4, "little") + name + b"u"
    return b"\x80\x02c" + WRAPPER + b")\x81" + state + b"b."


@pytest.mark.parametrize("wide", [False, True])
def test_a_compressed_joblib_pickle_is_analysed(tmp_path: Path, wide: bool) -> None:
    found = scan_file(tmp_path, "model.gz", zfile(system(tmp_path), wide=wide))
    assert worst(found) == int(Severity.CRITICAL) and "MF101" in rules(found)
    clean = scan_file(tmp_path, "clean.gz", zfile(pickle.dumps({"w": [1.0, 2.0]}, protocol=2)))
    assert clean == []


def test_array_files_beside_it_are_followed(tmp_path: Path) -> None:
    (tmp_path / "m.pkl_01.npy.z").write_bytes(zfile(b"\x00" * 800))
    assert scan_file(tmp_path, "m.pkl", zfile(wrapper_pickle("m.pkl_01.npy.z"))) == []
    missing = scan_file(tmp_path, "n.pkl", zfile(wrapper_pickle("n.pkl_01.npy.z")))
    assert rules(missing) == ["MF104"] and "missing" in missing[0].message
    # an array file that holds a pickle is analysed as one, whatever its name
    (tmp_path / "p.pkl_01.npy.z").write_bytes(zfile(system(tmp_path)))
    found = scan_file(tmp_path, "p.pkl", zfile(wrapper_pickle("p.pkl_01.npy.z")))
    assert worst(found) == int(Severity.CRITICAL)


def test_an_array_file_alone_holds_data(tmp_path: Path) -> None:
    assert scan_file(tmp_path, "a.pkl_02.npy.z", zfile(bytes(range(256)) * 4)) == []


@pytest.mark.parametrize(
    "data, rule",
    [
        (zfile(b"\x80\x02K\x01.", length=99), "MF103"),  # length differs from the header
        (zfile(b"\x80\x02K\x01.")[:-3], "MF103"),  # truncated stream
        (zfile(b"\x80\x02K\x01.") + b"junk", "MF103"),
        (zfile(b"\x00" * (80 << 20)), "MF107"),  # expands past the ratio limit
    ],
)
def test_broken_compressed_files_are_findings(tmp_path: Path, data: bytes, rule: str) -> None:
    assert rule in rules(scan_file(tmp_path, "bad.gz", data))


def test_discovery_picks_them_up(tmp_path: Path) -> None:
    data = zfile(pickle.dumps([1], protocol=2))
    kind, label, _ = classify(tmp_path / "x.gz", data[:HEAD_BYTES], len(data))
    assert (kind, label) == (ArtifactKind.MODEL, "joblib-zfile")
    meta = _meta(_graph(("x", "MatMul")))
    for name in ("model.ckpt.meta", ".meta"):
        kind, label, _ = classify(tmp_path / name, meta[:HEAD_BYTES], len(meta))
        assert (kind, label) == (ArtifactKind.MODEL, "tf-metagraph")
    # a text .meta file (as game engines write) is not a model
    text = b"fileFormatVersion: 2\nguid: 0123\n"
    assert classify(tmp_path / "a.png.meta", text, len(text))[0] is not ArtifactKind.MODEL
    assert "joblib-zfile" in {f.name for f in formats.FORMATS}


def _node(name: str, op: str, *inputs: str, const: str | None = None) -> bytes:
    body = pb(1, name.encode()) + pb(2, op.encode())
    body += b"".join(pb(3, i.encode()) for i in inputs)
    if const is not None:
        tensor = pb(8, pb(8, const.encode()))
        body += pb(5, pb(1, b"value") + pb(2, tensor))
    return pb(1, body)


def _graph(*nodes: tuple[str, str]) -> bytes:
    return b"".join(_node(n, o) for n, o in nodes)


def _meta(graph: bytes, saver_filename: str | None = None) -> bytes:
    out = pb(1, pb(1, b"v1")) + pb(2, graph)
    if saver_filename is not None:
        out += pb(3, pb(1, saver_filename.encode()) + pb(2, b"save/control_dependency:0"))
    return out


def test_meta_graph_ops_are_checked(tmp_path: Path) -> None:
    found = scan_file(tmp_path, "a/model.ckpt.meta", _meta(_graph(("cb", "PyFunc"))))
    assert rules(found) == ["MF110"] and found[0].severity is Severity.CRITICAL
    found = scan_file(tmp_path, "b/.meta", _meta(_graph(("r", "ReadFile"), ("x", "MatMul"))))
    assert rules(found) == ["MF110"] and found[0].severity is Severity.HIGH


def _saver(path: str) -> bytes:
    return _node("save/Const", "Const", const=path) + _node(
        "save/SaveV2", "SaveV2", "save/Const", "save/names", "save/slices"
    )


def test_the_savers_own_filename_tensor_is_the_loaders_path(tmp_path: Path) -> None:
    # tf.train.Saver feeds the caller's path into save/Const at save and restore time
    ok = _meta(_saver("model"), saver_filename="save/Const:0")
    assert scan_file(tmp_path, "c/model.ckpt.meta", ok) == []


@pytest.mark.parametrize(
    "path, feed",
    [
        ("/tmp/planted", "save/Const:0"),  # a directory in the default: written without a feed
        ("../x", "save/Const:0"),
        ("model", None),  # no saver names the tensor: nothing feeds it
        ("model", "other:0"),
    ],
)
def test_a_fixed_save_path_is_reported(tmp_path: Path, path: str, feed: str | None) -> None:
    found = scan_file(tmp_path, "d/model.ckpt.meta", _meta(_saver(path), saver_filename=feed))
    assert [(f.rule, f.severity) for f in found] == [("MF110", Severity.CRITICAL)]


def test_a_malformed_meta_graph_is_a_finding(tmp_path: Path) -> None:
    data = _meta(_graph(("x", "MatMul")))
    found = scan_file(tmp_path, "e/model.ckpt.meta", data[:-3])
    assert found and found[0].rule in ("MF103", "MF104")
