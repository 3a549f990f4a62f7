"""Round 6's corpus, scored with round 1's code: ``../independent/rounds.py`` points round
1's modules at this folder and at the round-6 page."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "independent"))

import rounds  # noqa: E402

ROUND = 6
labels = rounds.labels
check_classes = rounds.check_classes
SECPLAN_ONLY = rounds.secplan_only(ROUND)
runner = rounds.point_at(ROUND, HERE)
