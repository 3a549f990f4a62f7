"""Raw pickle files: plain pickle, joblib, dill, cloudpickle and legacy PyTorch (non-tar)."""

from __future__ import annotations

from secplan.scanners.modelfile.core import Ctx, Where
from secplan.scanners.modelfile.pickle_ops import Buffer
from secplan.scanners.modelfile.pickles import analyze_pickle


def handle(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    from secplan.scanners.modelfile.dispatch import analyze_bytes

    analyze_pickle(buf, 0, size, where, ctx, analyze_bytes)
