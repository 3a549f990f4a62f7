"""The sample registry: each sample is a function that writes one file or folder.

A sample names the technique it implements (an id in techniques.toml), the loader that
must run it (a key of loaders.LOADERS) and the virtual environment that loader runs in
(a key of envs.ENVS). Every payload is a canary: it only creates the file
``canary.path`` under the work directory. Nothing destructive, nothing on the network.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Canary:
    """Where one sample's payload leaves its mark, and payloads that leave it."""

    path: Path

    @property
    def shell(self) -> str:
        """A shell command that creates the marker file."""
        return f"touch {shlex.quote(str(self.path))}"

    @property
    def argv(self) -> list[str]:
        return ["touch", str(self.path)]

    @property
    def py(self) -> str:
        """A Python statement that creates the marker file."""
        return f"open({str(self.path)!r}, 'w').write('fired')"

    @property
    def py_expr(self) -> str:
        """A Python expression that creates the marker file."""
        return f"open({str(self.path)!r}, 'w').write('fired')"


Builder = Callable[[Path, Canary], None]


@dataclass(frozen=True)
class Sample:
    id: str
    technique: str
    label: str  # "malicious" or "benign"
    loader: str
    env: str
    name: str  # file or folder name written under the work directory
    build: Builder
    note: str = ""
    gen: str = "fire"  # the environment that writes the sample

    @property
    def path(self) -> str:
        return f"{self.label}/{self.id}/{self.name}"


SAMPLES: dict[str, Sample] = {}


def sample(
    id: str,
    technique: str,
    *,
    loader: str = "pickle",
    name: str = "model.pkl",
    env: str = "fire",
    label: str = "malicious",
    note: str = "",
    gen: str = "fire",
) -> Callable[[Builder], Builder]:
    """Register a builder as a sample."""

    def wrap(fn: Builder) -> Builder:
        if id in SAMPLES:
            raise ValueError(f"duplicate sample id {id}")
        SAMPLES[id] = Sample(id, technique, label, loader, env, name, fn, note, gen)
        return fn

    return wrap


def benign(id: str, technique: str, **kw: str) -> Callable[[Builder], Builder]:
    return sample(id, technique, label="benign", **kw)
