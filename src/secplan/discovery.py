"""Discovery: walk a project tree and classify every file, reading only the first bytes.

The walk honours ``.gitignore`` files inside the project root and the configured excludes
(except for ``.env`` files, Streamlit's ``secrets.toml``, Terraform ``.tfvars`` and DVC's
``.dvc/config.local``, which are where secrets sit on disk: they are scanned even when
``.gitignore`` lists them, and marked so), never follows symbolic links (a link could
point outside the project, or loop), and never opens anything but regular files (opening a
FIFO would block forever). Whatever it leaves out is recorded as
:class:`~secplan.model.Skipped`, and whatever it cannot read as
:class:`~secplan.model.ScanError`, so coverage gaps stay visible.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from secplan.errors import ConfigError
from secplan.model.artifact import Artifact, ArtifactKind
from secplan.model.report import ScanError, Skipped
from secplan.pathpatterns import Matcher, compile_lines
from secplan.sniff import HEAD_BYTES, classify

#: Never descended into: version-control internals and secplan's own records.
ALWAYS_SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", ".secplan"})
MAX_DEPTH = 64


@dataclass(frozen=True, slots=True)
class Discovery:
    """The files a walk found, those it left out, and what it could not read."""

    artifacts: tuple[Artifact, ...]
    skipped: tuple[Skipped, ...]
    errors: tuple[ScanError, ...]


@dataclass(slots=True)
class _Walk:
    """The state of one walk of a directory tree."""

    root: Path
    excludes: Matcher
    use_gitignore: bool
    max_files: int
    on_file: Callable[[str], None] | None
    artifacts: list[Artifact]
    skipped: list[Skipped]
    errors: list[ScanError]


def discover(
    target: Path,
    *,
    root: Path | None = None,
    exclude: tuple[str, ...] = (),
    use_gitignore: bool = True,
    max_files: int = 200_000,
    on_file: Callable[[str], None] | None = None,
) -> Discovery:
    """Find and classify the files under ``target`` (a directory or a single file).

    Paths are relative to ``root`` (the project root; by default ``target`` itself, or the
    file's folder), and the ``.gitignore`` files of the folders between ``root`` and
    ``target`` apply as well as those inside. A file named as ``target`` is always read."""
    base = root or (target if target.is_dir() else target.parent)
    excludes = compile_lines(exclude)
    if excludes.errors:
        n, line, why = excludes.errors[0]
        raise ConfigError(
            f"exclude[{n - 1}]: invalid path pattern {line[:80]!r}: {why}",
            "write gitignore-style patterns, like build/ or *.log",
        )
    walk = _Walk(
        root=base,
        excludes=excludes.spec,
        use_gitignore=use_gitignore,
        max_files=max_files,
        on_file=on_file,
        artifacts=[],
        skipped=[],
        errors=[],
    )
    rel = target.relative_to(base).as_posix()
    rel = "" if rel == "." else rel
    if target.is_file():
        _visit_file(walk, target, rel)
    else:
        specs = _ancestor_specs(walk, base, rel) if use_gitignore else []
        _walk_dir(walk, target, rel, specs, rel.count("/") + 1 if rel else 0)
    walk.artifacts.sort(key=lambda a: a.relpath)
    return Discovery(tuple(walk.artifacts), tuple(walk.skipped), tuple(walk.errors))


def _ancestor_specs(walk: _Walk, base: Path, rel: str) -> list[tuple[str, Matcher]]:
    """The ``.gitignore`` files of ``base`` and the folders below it down to (not including)
    the folder ``rel``, which the walk reads itself."""
    specs: list[tuple[str, Matcher]] = []
    if not rel:
        return specs
    parts = rel.split("/")
    for i in range(len(parts)):
        sub = "/".join(parts[:i])
        spec = _load_gitignore(base / sub if sub else base, sub, walk)
        if spec is not None:
            specs.append((sub, spec))
    return specs


def _load_gitignore(directory: Path, rel: str, walk: _Walk) -> Matcher | None:
    path = directory / ".gitignore"
    try:
        st = path.lstat()
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode) or st.st_size > 1 << 20:
        return None
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        walk.errors.append(
            ScanError(
                path=_join(rel, ".gitignore"),
                scanner="discovery",
                message=f"cannot read ({exc.strerror})",
            )
        )
        return None
    compiled = compile_lines(lines)
    for n, line, why in compiled.errors[:10]:
        walk.errors.append(
            ScanError(
                path=_join(rel, ".gitignore"),
                scanner="discovery",
                message=f"line {n}: invalid pattern {line[:80]!r} left out ({why}); "
                "the files it names are scanned",
            )
        )
    return compiled.spec


def _ignored(rel: str, is_dir: bool, specs: list[tuple[str, Matcher]], walk: _Walk) -> str:
    probe = rel + "/" if is_dir else rel
    if walk.excludes.match_file(probe):
        return "excluded by configuration"
    for base, spec in specs:
        sub = probe[len(base) + 1 :] if base else probe
        if spec.match_file(sub):
            return "ignored by .gitignore" if not base else f"ignored by {base}/.gitignore"
    return ""


def _join(rel: str, name: str) -> str:
    return f"{rel}/{name}" if rel else name


def _walk_dir(
    walk: _Walk, directory: Path, rel: str, specs: list[tuple[str, Matcher]], depth: int
) -> None:
    if depth > MAX_DEPTH:
        walk.skipped.append(Skipped(path=rel, reason=f"deeper than {MAX_DEPTH} levels"))
        return
    if walk.use_gitignore:
        spec = _load_gitignore(directory, rel, walk)
        if spec is not None:
            specs = [*specs, (rel, spec)]
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        walk.errors.append(
            ScanError(
                path=rel or ".",
                scanner="discovery",
                message=f"cannot list directory ({exc.strerror})",
            )
        )
        return
    for entry in entries:
        child = _join(rel, entry.name)
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError as exc:
            walk.errors.append(
                ScanError(path=child, scanner="discovery", message=f"cannot stat ({exc.strerror})")
            )
            continue
        if stat.S_ISLNK(st.st_mode):
            walk.skipped.append(Skipped(path=child, reason="symbolic link (not followed)"))
            continue
        is_dir = stat.S_ISDIR(st.st_mode)
        if is_dir and entry.name in ALWAYS_SKIPPED_DIRS:
            continue
        reason = _ignored(child, is_dir, specs, walk)
        ignored_dotenv = (
            reason.startswith("ignored by") and not is_dir and is_secret_store(entry.name, child)
        )
        if reason and not ignored_dotenv:
            walk.skipped.append(Skipped(path=child + ("/" if is_dir else ""), reason=reason))
            continue
        if is_dir:
            _walk_dir(walk, Path(entry.path), child, specs, depth + 1)
        elif stat.S_ISREG(st.st_mode):
            _visit_file(walk, Path(entry.path), child, st, git_ignored=ignored_dotenv)
        else:
            walk.skipped.append(
                Skipped(path=child, reason="not a regular file (device, FIFO or socket)")
            )


def is_dotenv(name: str) -> bool:
    """``.env``, ``.env.local``, ``prod.env``: environment files, where secrets sit on disk."""
    return name.startswith(".env.") or name.endswith(".env")


#: Tools' local (never committed) configuration files, where their credentials are kept:
#: DVC's ``.dvc/config.local`` (remote keys set with ``dvc remote modify --local``).
LOCAL_TOOL_CONFIGS = frozenset({".dvc/config.local"})


def is_secret_store(name: str, rel: str = "") -> bool:
    """Files whose purpose is to hold secrets on disk, out of version control: environment
    files, Streamlit's ``secrets.toml``, Terraform variable files (``*.tfvars``) and tools'
    local configuration (``.dvc/config.local``)."""
    if any(rel == c or rel.endswith("/" + c) for c in LOCAL_TOOL_CONFIGS):
        return True
    return is_dotenv(name) or name == "secrets.toml" or name.endswith(".tfvars")


#: Array files that, inside an importable Python package, are the package's own constants
#: (whisper's mel filterbanks) rather than datasets; the model-file analyzer still reads them.
PACKAGE_ARRAY_FORMATS = frozenset({"npy", "npz"})
PACKAGE_LEVELS = 3


def _in_package(path: Path, rel: str) -> bool:
    """Whether one of the nearest folders above ``path``, inside the project, holds an
    ``__init__.py``."""
    levels = min(PACKAGE_LEVELS, rel.count("/"))
    return any((path.parents[i] / "__init__.py").is_file() for i in range(levels))


def _visit_file(
    walk: _Walk,
    path: Path,
    rel: str,
    st: os.stat_result | None = None,
    *,
    git_ignored: bool = False,
) -> None:
    if len(walk.artifacts) >= walk.max_files:
        walk.skipped.append(Skipped(path=rel, reason=f"over the limit of {walk.max_files} files"))
        return
    if walk.on_file is not None:
        walk.on_file(rel)
    try:
        if st is None:
            st = path.lstat()
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError as exc:
        walk.errors.append(
            ScanError(path=rel, scanner="discovery", message=f"cannot read ({exc.strerror or exc})")
        )
        return
    try:
        kind, fmt, sniffed = classify(path, head, st.st_size)
    except Exception as exc:  # the sniffer reads hostile bytes: a failure costs this file only
        why = " ".join(str(exc).split())[:200]
        walk.errors.append(
            ScanError(
                path=rel,
                scanner="discovery",
                message=f"cannot classify ({type(exc).__name__}: {why})",
            )
        )
        return
    if kind is ArtifactKind.DATASET and fmt in PACKAGE_ARRAY_FORMATS and _in_package(path, rel):
        kind = ArtifactKind.UNKNOWN  # constants a Python package ships and reads, like code
    walk.artifacts.append(
        Artifact(
            path=path,
            relpath=rel,
            kind=kind,
            format=fmt,
            size=st.st_size,
            mode=stat.S_IMODE(st.st_mode),
            sniffed=sniffed,
            git_ignored=git_ignored,
        )
    )
