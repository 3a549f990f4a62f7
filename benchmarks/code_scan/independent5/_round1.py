"""Round 5's corpus, scored with round 1's code: ``../independent/rounds.py`` points round
1's modules at this folder and at the round-5 page."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "independent"))
from rounds import for_round_file

labels, check_classes, SECPLAN_ONLY, runner = for_round_file(__file__)
