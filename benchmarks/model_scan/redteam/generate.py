"""Write every registered sample under WORK/corpus and a manifest.

    python generate.py WORK

Run it in the ``fire`` environment (envs.py): writing real model files needs the libraries.
Payloads are canaries that create WORK/fired/<sample id>; writing must not fire any.
"""

from __future__ import annotations

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
from registry import SAMPLES, Canary  # noqa: E402


def main() -> int:
    work = Path(sys.argv[1]).resolve()
    corpus, fired = work / "corpus", work / "fired"
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.rmtree(fired, ignore_errors=True)
    fired.mkdir(parents=True)
    os.environ["REDTEAM_GENERATING"] = "1"
    manifest = []
    for s in SAMPLES.values():
        out = corpus / s.path
        out.parent.mkdir(parents=True, exist_ok=True)
        entry = {
            k: getattr(s, k) for k in ("id", "technique", "label", "loader", "env", "note", "path")
        }
        try:
            s.build(out, Canary(fired / s.id))
        except Exception as exc:  # a sample that cannot be written is listed, not fatal
            entry["error"] = f"{type(exc).__name__}: {exc}"
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
