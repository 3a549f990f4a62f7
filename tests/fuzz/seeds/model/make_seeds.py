"""Write the seed corpora of the model-file harnesses (run from the repository root:
``python -m tests.fuzz.seeds.model.make_seeds``). Seeds are benign, small and built by code;
the harnesses also build their own inputs, so these are where other fuzzers start too.

It also writes, as replayed regression cases, one input of each kind that once broke the
analyzer's promise (a crash, a hang, a memory blow-up, a bypass); their payloads are canaries."""

from __future__ import annotations

import bz2
import gzip
import pickle
import zipfile
from pathlib import Path

from tests.fuzz._model_harness import CANARY, REGRESSIONS
from tests.fuzz.test_fuzz_model_archives import make_7z, make_tar, make_zip
from tests.unit.modelfile.build import P, gguf, pb, safetensors

HERE = Path(__file__).parent


def seeds() -> dict[str, dict[str, bytes]]:
    obj = {"w": [0.5, 1, "x", b"y", None], "n": list(range(20))}
    pickles = {f"p{p}.pkl": pickle.dumps(obj, protocol=p) for p in range(6)}
    members = [("archive/data.pkl", pickles["p2.pkl"]), ("archive/version", b"3")]
    archives = {
        "torch.pt": make_zip(members, zipfile.ZIP_STORED),
        "deflate.zip": make_zip(members, zipfile.ZIP_DEFLATED),
        "lzma.zip": make_zip(members, zipfile.ZIP_LZMA),
        "pax.tar": make_tar(members, 2, {"comment": "seed"}, "w"),
        "m.tar.gz": make_tar(members, 1, {}, "w:gz"),
        "m.7z": make_7z(members),
        "m.pkl.gz": gzip.compress(pickles["p4.pkl"]),
        "m.pkl.bz2": bz2.compress(pickles["p4.pkl"]),
    }
    header = {"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}
    npy = b"\x93NUMPY\x01\x00v\x00{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }"
    formats = {
        "m.safetensors": safetensors(header, 8),
        "m.gguf": gguf([("general.name", "seed"), ("tokenizer.chat_template", "{{ x }}")]),
        "m.onnx": pb(1, 8) + pb(8, pb(2, 13)) + pb(7, pb(1, pb(4, b"Relu"))),
        "w.npy": npy + b" " * (128 - len(npy) - 1) + b"\n" + b"\x00" * 8,
        "saved_model.pb": pb(2, pb(2, pb(1, pb(1, b"n") + pb(2, b"MatMul")))),
    }
    return {"pickle": pickles, "archives": archives, "model-formats": formats}


def known_failures() -> dict[str, dict[str, bytes]]:
    """One input per kind of failure the analyzer once had (see the unit regression tests in
    ``tests/unit/modelfile/test_robustness.py`` for what each must now give)."""
    import struct
    import tarfile

    from tests.unit.modelfile.test_robustness import BAD_LZMA, _hand_zip, _joblib_wrapper

    system = P(2).call("os", "system", f"touch {CANARY}").stop()
    big = (1 << (8 * 2000 - 2)).to_bytes(2000, "little")
    long4 = P(2).glob("os", "system").raw(b"(\x8b" + struct.pack("<i", 2000) + big + b"tR").stop()
    encode = b"c_codecs\nencode\n(V\\u0100\nVlatin1\ntR." + system
    dotted = P(2).glob("os", ".".join(["path.os"] * 20_000) + ".system").raw(b")R").stop()
    longname = tarfile.TarInfo("././@LongLink")
    longname.type, longname.size = tarfile.GNUTYPE_LONGNAME, 8 << 30
    return {
        "pickle": {
            "encode-latin1--w.bin": encode,
            "dtype-digits--w.joblib": _joblib_wrapper("<f" + "9" * 5000),
            "long4-evidence--w.pkl": long4,
            "dotted-global--w.pkl": dotted,
        },
        "archives": {
            "lzma-bypass--model.pt": _hand_zip(
                [
                    ("archive/bad.bin", BAD_LZMA, 14, 100),
                    ("archive/data.pkl", system, 0, len(system)),
                ]
            ),
            "bzip2-bomb--w.pkl.bz2": bz2.compress(b"\x00" * (256 << 20), 9),
            "pax-digits--m.tar": make_tar(
                [("a.pkl", system)], tarfile.PAX_FORMAT, {"comment": "1" * 200_000}, "w"
            ),
            "gnu-longname--m.tar": longname.tobuf(tarfile.GNU_FORMAT) + b"\x00" * 1024,
        },
        "model-formats": {
            "keras-raw--m.h5": b"\x89HDF\r\n\x1a\n" + b"\x00" * 56 + b'{"class_name": [' * 20_000,
        },
    }


if __name__ == "__main__":
    for group, files in known_failures().items():
        (REGRESSIONS / group).mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (REGRESSIONS / group / name).write_bytes(data)
    for group, files in seeds().items():
        (HERE / group).mkdir(exist_ok=True)
        for name, data in files.items():
            (HERE / group / name).write_bytes(data)
