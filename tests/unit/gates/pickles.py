"""A malicious pickle whose payload is a harmless canary: it would create a file if loaded."""

from __future__ import annotations

import pickle
from pathlib import Path


class _Canary:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.path), "w"))  # loading would create the canary file


def canary_pickle(path: Path) -> bytes:
    return pickle.dumps(_Canary(path), protocol=4)
