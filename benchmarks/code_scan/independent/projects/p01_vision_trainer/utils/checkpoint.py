import io
import pickle as pkl
from pathlib import Path

import joblib
import torch

_load = torch.load


def save_checkpoint(model, opt, epoch, path):
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "epoch": epoch}, path)


def load_checkpoint(path, device="cpu"):
    return _load(path, map_location=device)


def load_ema(path):
    with open(path, "rb") as fh:
        buf = io.BytesIO(fh.read())
    return torch.load(buf, weights_only=False)


def load_state_dict_only(path):
    return torch.load(path, weights_only=True, map_location="cpu")


def load_label_encoder(path):
    return joblib.load(path)


def load_cache(path):
    return pkl.loads(Path(path).read_bytes())


def dump_cache(obj, path):
    Path(path).write_bytes(pkl.dumps(obj))
