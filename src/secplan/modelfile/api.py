"""The analyzer's entry point for one file on disk, and which discovered files it takes.

>>> import pickle, tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "m.bin").write_bytes(pickle.dumps({"w": [0.5]}))
>>> analyze_file(d / "m.bin", "m.bin")
[]
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from secplan.model import Artifact, ArtifactKind, Finding
from secplan.modelfile.buffer import Buffer
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.dispatch import analyze, analyze_path, new_context
from secplan.modelfile.formats import is_config_path
from secplan.modelfile.isolation import logger
from secplan.modelfile.limits import LimitExceeded, Limits
from secplan.modelfile.policy import Policy
from secplan.modelfile.rules import NOT_VERIFIED

DATA_FORMATS = frozenset({"npy", "npz", "hdf5"})


def analyze_file(
    path: Path, relpath: str, *, allow: tuple[str, ...] = (), limits: Limits | None = None
) -> list[Finding]:
    """Findings for one file on disk (``relpath`` is what locations carry). Never raises on
    hostile content: whatever stops the analysis becomes an MF104 finding."""
    where = Where(relpath, None, path.parent, 0, path.name)
    return _findings(where, allow, limits, lambda c: analyze_path(path, where, c))


def analyze_buffer(
    data: Buffer,
    size: int,
    relpath: str,
    *,
    name: str,
    directory: Path | None = None,
    allow: tuple[str, ...] = (),
    limits: Limits | None = None,
) -> list[Finding]:
    """Findings for content already in memory (``bytes`` or a memory map of ``size`` bytes),
    the same as :func:`analyze_file` gives for a file of that content called ``name`` in
    ``directory`` (where side files are looked up; None: there are none). Saves writing a
    copy of content that is already held privately.

    >>> import pickle
    >>> data = pickle.dumps({"w": [0.5]})
    >>> analyze_buffer(data, len(data), "m.bin", name="m.bin")
    []
    """
    where = Where(relpath, None, directory, 0, name)

    def run(c: Ctx) -> None:
        if size == 0:
            c.sink.add(NOT_VERIFIED, where, "the file is empty")
        else:
            analyze(data, size, where, c, top=True)

    return _findings(where, allow, limits, run)


def _findings(
    where: Where, allow: tuple[str, ...], limits: Limits | None, run: Callable[[Ctx], None]
) -> list[Finding]:
    c = new_context(Policy.packaged().with_project(allow), limits or Limits(), where.directory)
    try:
        run(c)
    except LimitExceeded as exc:
        c.sink.add(NOT_VERIFIED, where, f"analysis stopped at a limit: {exc}")
    except OSError as exc:
        c.sink.add(NOT_VERIFIED, where, f"file cannot be read: {exc.strerror or exc}")
    except (RecursionError, MemoryError) as exc:
        c.sink.add(NOT_VERIFIED, where, f"analysis ran out of resources: {type(exc).__name__}")
    except Exception as exc:  # a parser bug must not pass a file as clean
        logger(__name__).debug("model-file analysis failed on %s", where.path, exc_info=True)
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
