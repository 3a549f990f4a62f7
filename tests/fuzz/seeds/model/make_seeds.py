"""Write the seed corpora of the model-file harnesses (run from the repository root:
``python -m tests.fuzz.seeds.model.make_seeds``). Seeds are benign, small and built by code;
the harnesses also build their own inputs, so these are where other fuzzers start too."""

from __future__ import annotations

import bz2
import gzip
import pickle
import zipfile
from pathlib import Path

from tests.fuzz.test_fuzz_model_archives import make_7z, make_tar, make_zip
from tests.unit.modelfile.build import gguf, pb, safetensors

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


if __name__ == "__main__":
    for group, files in seeds().items():
        (HERE / group).mkdir(exist_ok=True)
        for name, data in files.items():
            (HERE / group / name).write_bytes(data)
