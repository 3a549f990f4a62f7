"""The analyzer's entry point for one file on disk, and which discovered files it takes.

>>> import pickle, tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "m.bin").write_bytes(pickle.dumps({"w": [0.5]}))
>>> analyze_file(d / "m.bin", "m.bin")
[]
"""

from __future__ import annotations

import logging
from pathlib import Path

from secplan.model import Artifact, ArtifactKind, Finding
from secplan.modelfile.context import Where
from secplan.modelfile.dispatch import analyze_path, new_context
from secplan.modelfile.formats import is_config_path
from secplan.modelfile.limits import LimitExceeded, Limits
from secplan.modelfile.policy import Policy
from secplan.modelfile.rules import NOT_VERIFIED

log = logging.getLogger(__name__)
DATA_FORMATS = frozenset({"npy", "npz", "hdf5"})


def analyze_file(
    path: Path, relpath: str, *, allow: tuple[str, ...] = (), limits: Limits | None = None
) -> list[Finding]:
    """Findings for one file on disk (``relpath`` is what locations carry). Never raises on
    hostile content: whatever stops the analysis becomes an MF104 finding."""
    c = new_context(Policy.packaged().with_project(allow), limits or Limits(), path.parent)
    where = Where(relpath, None, path.parent, 0, path.name)
    try:
        analyze_path(path, where, c)
    except LimitExceeded as exc:
        c.sink.add(NOT_VERIFIED, where, f"analysis stopped at a limit: {exc}")
    except OSError as exc:
        c.sink.add(NOT_VERIFIED, where, f"file cannot be read: {exc.strerror or exc}")
    except (RecursionError, MemoryError) as exc:
        c.sink.add(NOT_VERIFIED, where, f"analysis ran out of resources: {type(exc).__name__}")
    except Exception as exc:  # a parser bug must not pass a file as clean
        log.debug("model-file analysis failed on %s", relpath, exc_info=True)
        c.sink.add(
            NOT_VERIFIED,
            where,
            f"analysis failed: {type(exc).__name__}: {exc}",
            evidence="report this file to the secplan maintainers if it is legitimate",
        )
    if c.sink.dropped:
        c.sink.add(NOT_VERIFIED, where, f"{c.sink.dropped} further findings were not recorded")
    return c.sink.findings


def applies(artifact: Artifact) -> bool:
    """Whether discovery's classification makes ``artifact`` a file for the analyzer: model
    files, archives, arrays, and the configuration files model loaders execute."""
    kind = artifact.kind
    return (
        kind in (ArtifactKind.MODEL, ArtifactKind.ARCHIVE)
        or artifact.format in DATA_FORMATS
        or is_config_path(str(artifact.path))
    )
