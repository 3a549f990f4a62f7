"""Raw pickle files: plain pickle, joblib, dill, cloudpickle and legacy PyTorch (non-tar)."""

from __future__ import annotations

from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.pickle.ops import Buffer
from secplan.modelfile.pickle.streams import analyze_pickle


def handle(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    from secplan.modelfile.dispatch import analyze_bytes

    analyze_pickle(buf, 0, size, where, ctx, analyze_bytes)
