"""Write every registered sample under WORK/corpus and a manifest.

    python generate.py WORK [--gen ENV]

Run it in the environment named by --gen (default ``fire``, see envs.py): writing real model
files needs the libraries. ``--gen fire`` starts the corpus afresh; another environment
(``tf``) adds its own samples to it. Payloads are canaries that create
WORK/fired/<sample id>; writing must not fire any.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import samples_arrays  # noqa: E402,F401  (registers samples)
import samples_benign  # noqa: E402,F401
import samples_chains  # noqa: E402,F401
import samples_configs  # noqa: E402,F401
import samples_containers  # noqa: E402,F401
import samples_frameworks  # noqa: E402,F401
import samples_gadgets  # noqa: E402,F401
import samples_opcodes  # noqa: E402,F401
import samples_round3  # noqa: E402,F401
import samples_round4  # noqa: E402,F401
import samples_tf  # noqa: E402,F401
from registry import SAMPLES, Canary  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("work", type=Path)
    ap.add_argument("--gen", default="fire")
    ap.add_argument("--missing", default="", help="record --gen samples as not written, why")
    args = ap.parse_args()
    work = args.work.resolve()
    corpus, fired = work / "corpus", work / "fired"
    known = work / "manifest.json"
    old = json.loads(known.read_text()) if args.gen != "fire" and known.exists() else []
    if args.gen == "fire":
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(fired, ignore_errors=True)
    fired.mkdir(parents=True, exist_ok=True)
    os.environ["REDTEAM_GENERATING"] = "1"
    mine = [s for s in SAMPLES.values() if s.gen == args.gen]
    manifest = [e for e in old if e["id"] not in {s.id for s in mine}]
    for s in mine:
        out = corpus / s.path
        out.parent.mkdir(parents=True, exist_ok=True)
        entry = {
            k: getattr(s, k) for k in ("id", "technique", "label", "loader", "env", "note", "path")
        }
        try:
            if args.missing:
                raise RuntimeError(args.missing)
            s.build(out, Canary(fired / s.id))
        except Exception as exc:  # a sample that cannot be written is listed, not fatal
            entry["error"] = f"{type(exc).__name__}: {exc}"
            if not args.missing:
                traceback.print_exc()
        manifest.append(entry)
        print(s.path, entry.get("error", "ok"), flush=True)
    leaked = sorted(p.name for p in fired.iterdir())
    if leaked:
        print(f"payloads fired while writing: {leaked}", file=sys.stderr)
        return 1
    (work / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
