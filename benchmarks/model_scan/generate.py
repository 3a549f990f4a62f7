"""Generate the labelled model-scanning corpus: malicious samples with canary payloads, one or
more per bypass class, and realistic benign files written by the real libraries.

Run with a Python that has torch, numpy, scikit-learn, joblib, pandas, dill, cloudpickle,
h5py, onnx, gguf, safetensors and py7zr installed (run.py builds such an environment):

    python benchmarks/model_scan/generate.py CORPUS_DIR [--large-mb 300]

CORPUS_DIR/manifest.json lists every file with its label, class and source. The canary
marker is CORPUS_DIR/CANARY; it must never exist.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from samples_benign import BENIGN, archive_files, gguf_file, large_files
from samples_malicious import MALICIOUS


def _write(root: Path, rel: str, data: bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--large-mb", type=int, default=300, help="size of each large benign file")
    args = ap.parse_args()
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    marker = str(out / "CANARY")
    entries: list[dict[str, object]] = []
    failed: list[str] = []

    def add(rel: str, data: bytes | None, label: str, cls: str, source: str) -> None:
        path = _write(out, rel, data) if data is not None else out / rel
        entries.append(
            {
                "path": rel,
                "label": label,
                "class": cls,
                "source": source,
                "bytes": path.stat().st_size,
            }
        )

    for cls, source, build in MALICIOUS:
        try:
            for name, data in build(marker).items():
                add(f"malicious/{cls}/{name}", data, "malicious", cls, source)
        except Exception:
            failed.append(cls)
            traceback.print_exc()
    small: dict[str, bytes] = {}
    for cls, build_benign in BENIGN:
        try:
            files = build_benign()
        except Exception:
            failed.append(cls)
            traceback.print_exc()
            continue
        small.update(files)
        for name, data in files.items():
            add(f"benign/{cls}/{name}", data, "benign", cls, "written by the library itself")
    for name, data in archive_files(small).items():
        add(f"benign/archives/{name}", data, "benign", "archives", "tarfile / zipfile")
    gguf_file(out / "benign/gguf/chat_model.gguf", 1)
    add("benign/gguf/chat_model.gguf", None, "benign", "gguf", "gguf.GGUFWriter")
    _small_safetensors(out, add)
    if args.large_mb > 0:
        large = out / "large"
        large.mkdir(exist_ok=True)
        large_files(large, args.large_mb)
        for p in sorted(large.iterdir()):
            add(f"large/{p.name}", None, "benign", "large", "written by the library itself")
    (out / "manifest.json").write_text(json.dumps(entries, indent=1), encoding="utf-8")
    print(f"{len(entries)} files in {out}; failed classes: {failed or 'none'}")
    return 1 if failed else 0


def _small_safetensors(out: Path, add: object) -> None:
    import torch
    from safetensors.torch import save

    data = save({"a": torch.zeros(3, 4), "b": torch.ones(7, dtype=torch.bfloat16)})
    add(
        "benign/safetensors/model.safetensors",
        data,
        "benign",
        "safetensors",  # type: ignore[operator]
        "safetensors.torch.save",
    )
    io.BytesIO()


if __name__ == "__main__":
    raise SystemExit(main())
