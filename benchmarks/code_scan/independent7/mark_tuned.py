"""Mark a round-7 results page as measured after tuning on this round (no longer held out).

    python benchmarks/code_scan/independent7/run.py --work $WORK --tools secplan \\
        --osv $ADVISORIES/vulns --output docs/benchmarks/code_scan_independent7_after.md
    python benchmarks/code_scan/independent7/mark_tuned.py \\
        docs/benchmarks/code_scan_independent7_after.md ["wall and CPU time, load"]

Round 6's step (``../independent6/mark_tuned.py``) with this round's number.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location(
    "mark_tuned_round6", Path(__file__).resolve().parent.parent / "independent6" / "mark_tuned.py"
)
assert _SPEC is not None and _SPEC.loader is not None
_ROUND6 = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_ROUND6)

if __name__ == "__main__":
    sys.exit(_ROUND6.main(sys.argv[1:], 7))
