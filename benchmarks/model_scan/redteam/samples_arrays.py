"""NumPy and joblib samples: object arrays (an embedded pickle) reached by np.load with
allow_pickle and by joblib, including headers and references that hide them."""

from __future__ import annotations

import pickle
import zipfile
from pathlib import Path

from _pk import Reduce
from registry import Canary, sample


def _obj_array(c: Canary):  # type: ignore[no-untyped-def]
    import numpy as np

    arr = np.empty(1, dtype=object)
    arr[0] = Reduce(exec, c.py)
    return arr


def _npy_bytes(header: dict[str, object], payload: bytes, version: int = 1) -> bytes:
    import numpy as np

    h = repr(header).encode("latin1")
    pre = len(np.lib.format.MAGIC_PREFIX) + 2 + (2 if version == 1 else 4)
    h += b" " * ((64 - (pre + len(h) + 1) % 64) % 64) + b"\n"
    size = len(h).to_bytes(2 if version == 1 else 4, "little")
    return np.lib.format.MAGIC_PREFIX + bytes([version, 0]) + size + h + payload


@sample("npy-object-array", "numpy-allow-pickle", loader="numpy", name="embeddings.npy")
def _npy(out: Path, c: Canary) -> None:
    import numpy as np

    np.save(out, _obj_array(c), allow_pickle=True)


@sample("npz-object-array", "numpy-allow-pickle", loader="numpy", name="arrays.npz")
def _npz(out: Path, c: Canary) -> None:
    import numpy as np

    np.savez(out, weights=np.zeros(3), meta=_obj_array(c))


@sample("npz-compressed-object", "numpy-allow-pickle", loader="numpy", name="arrays.npz")
def _npz_c(out: Path, c: Canary) -> None:
    import numpy as np

    np.savez_compressed(out, weights=np.zeros(3), meta=_obj_array(c))


@sample("npy-structured-object-field", "numpy-dtype-hides-object", loader="numpy", name="table.npy")
def _npy_struct(out: Path, c: Canary) -> None:
    header = {"descr": [("id", "<i8"), ("blob", "|O")], "fortran_order": False, "shape": (1,)}
    out.write_bytes(_npy_bytes(header, pickle.dumps(Reduce(exec, c.py), protocol=3)))


@sample("npy-subarray-object", "numpy-dtype-hides-object", loader="numpy", name="table.npy")
def _npy_sub(out: Path, c: Canary) -> None:
    header = {"descr": [("x", "|O", (2,))], "fortran_order": False, "shape": (1,)}
    out.write_bytes(_npy_bytes(header, pickle.dumps(Reduce(exec, c.py), protocol=3)))


@sample("npy-v3-header-object", "numpy-allow-pickle", loader="numpy", name="vectors.npy")
def _npy_v3(out: Path, c: Canary) -> None:
    header = {"descr": "|O", "fortran_order": False, "shape": (1,)}
    out.write_bytes(_npy_bytes(header, pickle.dumps(Reduce(exec, c.py), protocol=3), version=3))


@sample("npz-member-without-npy-suffix", "numpy-allow-pickle", loader="numpy", name="arrays.npz")
def _npz_name(out: Path, c: Canary) -> None:
    import io

    import numpy as np

    buf = io.BytesIO()
    np.save(buf, _obj_array(c), allow_pickle=True)
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("weights.npy", np.lib.format.MAGIC_PREFIX[:0] + _plain_npy())
        z.writestr("meta", buf.getvalue())


def _plain_npy() -> bytes:
    import io

    import numpy as np

    buf = io.BytesIO()
    np.save(buf, np.zeros(3))
    return buf.getvalue()


@sample("joblib-reduce", "joblib-pickle", loader="joblib", name="model.joblib")
def _joblib(out: Path, c: Canary) -> None:
    import joblib

    joblib.dump({"model": Reduce(exec, c.py)}, out)


for _ext, _comp in (("z", "zlib"), ("gz", "gzip"), ("bz2", "bz2"), ("xz", "xz"), ("lzma", "lzma")):

    def _compressed(out: Path, c: Canary, comp: str = _comp) -> None:
        import joblib

        joblib.dump({"model": Reduce(exec, c.py)}, out, compress=(comp, 3))

    sample(f"joblib-{_comp}", "joblib-compressed", loader="joblib", name=f"model.joblib.{_ext}")(
        _compressed
    )


@sample("joblib-object-array", "joblib-object-array", loader="joblib", name="model.joblib")
def _joblib_arr(out: Path, c: Canary) -> None:
    import joblib
    import numpy as np

    joblib.dump({"coef": np.zeros(4), "classes": _obj_array(c)}, out)


@sample(
    "joblib-legacy-external-npy", "joblib-legacy-ndarraywrapper", loader="joblib", name="model.pkl"
)
def _joblib_legacy(out: Path, c: Canary) -> None:
    import numpy as np
    from joblib.numpy_pickle_compat import NDArrayWrapper

    side = out.with_name(out.name + "_01.npy")
    np.save(side, _obj_array(c), allow_pickle=True)
    wrapper = NDArrayWrapper(side.name, np.ndarray, allow_mmap=False)
    out.write_bytes(pickle.dumps({"coef": wrapper}, protocol=2))
