import json
import shelve
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from PIL import Image


class FolderDataset:
    def __init__(self, root, mean_std=None):
        self.root = Path(root)
        self.items = sorted(self.root.glob("*/*.jpg"))
        self.meta = pd.read_pickle(self.root / "meta.pkl")
        self.mean_std = mean_std

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        img = np.asarray(Image.open(self.items[i]).convert("RGB"), dtype=np.float32)
        return img, self.meta.loc[self.items[i].parent.name, "label"]


def load_split(path):
    with open(path) as f:
        return yaml.safe_load(f)


def load_manifest(path):
    return json.loads(Path(path).read_text())


def load_embeddings(path):
    return np.load(path)


def load_boxes(path):
    return np.load(path, allow_pickle=False)


def open_cache(path):
    return shelve.open(path)


def load_hyp(path):
    with open(path, errors="ignore") as f:
        return yaml.load(f, Loader=yaml.SafeLoader)
