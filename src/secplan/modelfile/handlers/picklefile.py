"""Raw pickle files: plain pickle, joblib, dill, cloudpickle and legacy PyTorch (non-tar)."""

from __future__ import annotations

from secplan.modelfile.buffer import Buffer
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.pickle.streams import analyze_pickle
from secplan.modelfile.registry import register


@register(
    "pickle",
    limits=("max_ops", "max_stack", "max_objects", "max_streams", "max_nesting", "seconds"),
)
def handle(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    analyze_pickle(buf, 0, size, where, ctx)
