"""Small caches used by the notebooks to avoid re-tokenising."""

import dill
import marshal
import shelve
from pathlib import Path

from safetensors.numpy import load_file, save_file

CACHE = Path.home() / ".cache" / "intent"


def tokens(name: str):
    with shelve.open(str(CACHE / "tokens")) as db:
        return db.get(name)


def features(name: str):
    with open(CACHE / f"{name}.dill", "rb") as fh:
        return dill.load(fh)


def compiled_rule(name: str):
    with open(CACHE / f"{name}.marshal", "rb") as fh:
        return marshal.loads(fh.read())


def embeddings(name: str):
    return load_file(str(CACHE / f"{name}.safetensors"))


def save_embeddings(name: str, arrays) -> None:
    save_file(arrays, str(CACHE / f"{name}.safetensors"))


def save_features(name: str, obj) -> None:
    with open(CACHE / f"{name}.dill", "wb") as fh:
        dill.dump(obj, fh)
