"""Precision and recall of secplan and the anchor tools on the round-7 independent corpus.

    python benchmarks/code_scan/independent7/run.py --work DIR --setup \\
        --osv ADVISORY_DB/vulns --semgrep-rules SEMGREP_RULES \\
        [--tools secplan,bandit,...] [--output docs/benchmarks/code_scan_independent7.md]

The options, the anchors and their pinned versions, the matching and the page are round 1's
(``../independent/run.py``, imported here); this corpus's projects and labels are scored.
"""

from __future__ import annotations

import sys

import _round1


def main() -> int:
    return int(_round1.runner().main())


if __name__ == "__main__":
    sys.exit(main())
