"""Write the validated snapshots of the packaged data files.

    python scripts/snapshot_data.py          # rewrite src/secplan/catalog/snapshots/*.json
    python scripts/snapshot_data.py --check  # exit 1 when a snapshot is missing or stale

Run it after editing ``controls.toml``, ``frameworks.toml`` or ``lists/pickle_policy.toml``:
each file is validated with its schema and the result written beside it as JSON, with the
SHA-256 of the text. A stale snapshot is never used (the file is validated at run time
instead), so forgetting this costs start-up time, not correctness.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from secplan._io import atomic_write
from secplan._snapshot import FOLDER, SOURCES, read_source, render, validate

OUT = Path(__file__).resolve().parent.parent / "src" / "secplan" / "catalog" / FOLDER


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale snapshots")
    args = parser.parse_args()
    stale = []
    for source, (name, _, _) in SOURCES.items():
        text = read_source(source)
        wanted = render(source, text, validate(source, text))
        path = OUT / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == wanted:
            continue
        stale.append(name)
        if not args.check:
            OUT.mkdir(parents=True, exist_ok=True)
            atomic_write(path, wanted)
            print(f"wrote {path.relative_to(OUT.parents[3])}")
    if args.check and stale:
        print("stale snapshots: " + ", ".join(stale) + " (run scripts/snapshot_data.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
