"""Score secplan and Presidio on the fifth independent PII corpus, and write the results page.

    python -m benchmarks.pii_independent5.run --work /path/outside/repo \\
        --doc docs/benchmarks/pii_independent5.md

The scoring, the tools' invocations and the page layout are the first independent corpus's
(``benchmarks.pii_independent.run``), imported unchanged through the fourth corpus's runner,
so figures on all the independent corpora are computed the same way. Only the corpus, the
page's title and its description differ. The page is written only when ``--doc`` is given.
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.pii_independent4 import run as fourth

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus.jsonl"

TITLE = "# PII detection on a fifth independent corpus (held out)"
ABOUT = (
    "secplan's personal-data detectors on a fifth corpus that the detectors' authors did not "
    "write, measured once, as a held-out test: the figures below are from the first and only "
    "scoring run, and no detector was changed in view of this corpus. **Corpus author: "
    "independent** — a writer who read neither secplan's detectors, word lists and tests nor the "
    "frames, names, values and corpora of the earlier PII benchmarks wrote it from public name "
    "statistics, public identifier specifications and public brand, place, ship, storm and award "
    "names, in styles the earlier corpora do not have: Slack, Teams, WhatsApp, Zalo and LINE "
    "chat exports, CVs and interview feedback, insurance claims, bank call notes, boarding passes "
    "and bookings, obituaries and genealogy, news interviews, grade appeals and thesis "
    "committees, visa and tax forms, order and return messages, dating profiles, reviews and "
    "forum posts, code review comments and commit messages, calendar invites, CRM exports, "
    "podcast subtitles and wiki pages, in thirteen languages: Czech, Romanian, Hungarian, "
    "Finnish, Indonesian, Vietnamese, Swahili, Greek, Hebrew, Hindi, Thai, Ukrainian and English "
    "(`benchmarks/pii_independent5/README.md` gives the labelling policy and the sources). The "
    "scoring code is the first independent corpus's, imported unchanged. Figures on the corpus "
    "written beside the detector are in [pii.md](pii.md), on the earlier independent corpora in "
    "[pii_independent.md](pii_independent.md), [pii_independent2.md](pii_independent2.md), "
    "[pii_independent3.md](pii_independent3.md) and [pii_independent4.md](pii_independent4.md)."
)


report, main = fourth.later_round(CORPUS, TITLE, ABOUT, "benchmarks.pii_independent5.run")

if __name__ == "__main__":
    sys.exit(main())
