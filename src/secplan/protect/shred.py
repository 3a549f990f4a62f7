"""What crypto-shredding may destroy: a key is shredded for a dataset only when the dataset
is known, so that a typo does not destroy a key while the data it meant stays readable, and
the deletion record names something real.

A dataset is known when it is a path holding files encrypted under the key, or the id or a
path of a dataset record in the project's ``.secplan/datasets/`` (its ciphertext may be gone
already). A path whose files are all encrypted under other keys is refused: the key named is
not the one that protects that data.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from secplan.errors import ConfigError
from secplan.governance.records import load_records
from secplan.protect.files import iter_files, key_hint
from secplan.protect.keystore import KeyStore

HINT = "give the dataset's path, or the id of its record in .secplan/datasets/"


def _keys_under(store: KeyStore, path: Path) -> Counter[str]:
    """How many files under ``path`` each key of the store encrypts."""
    found: Counter[str] = Counter()
    for f in iter_files(path, encrypted=True):
        hint = key_hint(f)
        ring = store.find_version(hint) if hint else None
        if ring is not None:
            found[ring[0].name] += 1
    return found


def _record(root: Path, dataset: str) -> str | None:
    for rec in load_records(root).datasets:
        if dataset == rec.id or dataset in rec.paths:
            return rec.file
    return None


def check_dataset(store: KeyStore, dataset: str, key: str, root: Path) -> str:
    """Why ``dataset`` may be shredded by destroying ``key`` (evidence for the deletion
    record); :class:`ConfigError` when it is not a known dataset of that key."""
    store.ring(key)  # the key must exist
    path = Path(dataset)
    keys = _keys_under(store, path) if path.exists() else Counter[str]()
    if keys[key]:
        return f"{keys[key]} file(s) under {dataset} encrypted under key {key}"
    if keys:
        others = ", ".join(repr(k) for k in sorted(keys))
        raise ConfigError(
            f"{dataset}: its files are encrypted under key {others}, not {key!r}",
            "name the key the dataset is encrypted under",
        )
    record = _record(root, dataset)
    if record is not None:
        return f"dataset record {record}"
    if not path.exists():
        raise ConfigError(
            f"dataset {dataset!r}: no such path, and no record in .secplan/datasets/ "
            "has that id or path",
            HINT,
        )
    raise ConfigError(
        f"{dataset}: holds no file encrypted under key {key!r}, and no record in "
        ".secplan/datasets/ names it",
        HINT,
    )


__all__ = ["check_dataset"]
