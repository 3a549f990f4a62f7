"""Fuzzing the "archives" group: zip (stored, deflate, bzip2, LZMA; PyTorch layout), tar
(ustar, GNU, pax with generated headers), 7z, and gzip/bzip2/xz/lzma streams, nested, built
from generated members and mutated (see ``_model_harness.py``)."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import pickle
import tarfile
import warnings
import zipfile

from hypothesis import strategies as st

from tests.fuzz._model_harness import CANARY, fuzz, pick, seed_files


class _Payload:
    def __reduce__(self) -> tuple[object, ...]:
        import os

        return (os.system, (f"touch {CANARY}",))


PAYLOAD = pickle.dumps(_Payload(), protocol=2)
member_data = st.one_of(
    st.just(PAYLOAD),
    pick([pickle.dumps({"w": [1.5] * 20}, protocol=p) for p in (2, 4)]),
    st.binary(max_size=200),
    pick([b"\x00" * 5000, b"3", b"little"]),
)
member_names = st.sampled_from(
    ["archive/data.pkl", "archive/data/0", "archive/version", "a/b.pkl", "config.json",
     "model.pt", "../x.pkl", "/abs.pkl", "w.npy", "inner.zip", "inner.tar", "d/", "x.gz"]
)  # fmt: skip
members = st.lists(st.tuples(member_names, member_data), min_size=1, max_size=6)
ZIP_METHODS = [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]


def make_zip(items: list[tuple[str, bytes]], method: int) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w", compression=method) as zf:
        warnings.simplefilter("ignore")  # repeated names are part of what is fuzzed
        for name, data in items:
            zf.writestr(name, data)
    return buf.getvalue()


def make_tar(items: list[tuple[str, bytes]], fmt: int, pax: dict[str, str], mode: str) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode, format=fmt) as tf:  # type: ignore[call-overload]
        for i, (name, data) in enumerate(items):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            if fmt == tarfile.PAX_FORMAT and i == 0:
                info.pax_headers = pax
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def make_7z(items: list[tuple[str, bytes]]) -> bytes:
    try:
        import py7zr
    except ImportError:
        return make_zip(items, zipfile.ZIP_STORED)
    buf = io.BytesIO()
    with py7zr.SevenZipFile(buf, "w") as z:
        for name, data in items:
            if not name.endswith("/") and ".." not in name:
                z.writestr(data, name.lstrip("/"))
    return buf.getvalue()


STREAMS = {
    "gz": gzip.compress,
    "bz2": bz2.compress,
    "xz": lzma.compress,
    "lzma": lambda d: lzma.compress(d, format=lzma.FORMAT_ALONE),
}
pax_headers = st.dictionaries(
    st.sampled_from(["path", "comment", "hdrcharset", "GNU.sparse.map", "size", "mtime", "x"]),
    st.one_of(st.text(max_size=30), st.integers(0, 1 << 40).map(str), st.just("1" * 70)),
    max_size=3,
)


@st.composite
def archives(draw: st.DrawFn, depth: int = 0) -> tuple[str, bytes]:
    items = draw(members)
    if depth < 2 and draw(st.booleans()):
        inner_name, inner = draw(archives(depth + 1))
        items.append(("inner/" + inner_name, inner))
    kind = draw(st.sampled_from(["zip", "torch", "tar", "tgz", "7z", "stream", "npz"]))
    if kind == "zip":
        return "m.zip", make_zip(items, draw(st.sampled_from(ZIP_METHODS)))
    if kind == "torch":
        items = [("archive/data.pkl", draw(member_data)), *items]
        return "model.pt", make_zip(items, draw(st.sampled_from(ZIP_METHODS)))
    if kind in ("tar", "tgz"):
        fmt = draw(st.sampled_from([tarfile.USTAR_FORMAT, tarfile.GNU_FORMAT, tarfile.PAX_FORMAT]))
        mode = "w:gz" if kind == "tgz" else "w"
        try:
            data = make_tar(items, fmt, draw(pax_headers), mode)
        except (ValueError, UnicodeError):  # a name the format cannot hold
            data = make_tar(items[:1], tarfile.PAX_FORMAT, {}, mode)
        return ("m.tar.gz" if kind == "tgz" else "m.tar"), data
    if kind == "7z":
        return "m.7z", make_7z(items)
    if kind == "npz":
        return "w.npz", make_zip([(f"{n}.npy", d) for n, d in items], zipfile.ZIP_DEFLATED)
    suffix = draw(st.sampled_from(sorted(STREAMS)))
    return f"m.pkl.{suffix}", STREAMS[suffix](items[0][1])


files = st.one_of(archives(), pick(seed_files("archives") or [("m.zip", b"PK")]))


def test_fuzz_model_archives() -> None:
    assert fuzz("archives", files) > 0
    assert not CANARY.exists()
