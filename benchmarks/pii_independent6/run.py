"""Score secplan and Presidio on the sixth independent PII corpus, and write the results page.

    python -m benchmarks.pii_independent6.run --work /path/outside/repo \\
        --doc docs/benchmarks/pii_independent6.md

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

TITLE = "# PII detection on a sixth independent corpus (held out)"
ABOUT = (
    "secplan's personal-data detectors on a sixth corpus that the detectors' authors did not "
    "write, measured once, as a held-out test: the figures below are from the first and only "
    "scoring run, and no detector was changed in view of this corpus. **Corpus author: "
    "independent** — a writer who read neither secplan's detectors, word lists and tests nor the "
    "frames, names, values and corpora of the earlier PII benchmarks wrote it from public name "
    "statistics, public identifier specifications and public brand, place, ship, storm and award "
    "names, in styles the earlier corpora do not have: medical referrals, court filings, support "
    "tickets, commit logs and code comments, spreadsheets pasted as text, SMS threads, police and "
    "incident reports, school newsletters, property listings, conference programmes, app store "
    "reviews, dataset cards and log lines, in seventeen languages: German, French, Spanish, "
    "Brazilian Portuguese, Italian, Dutch, Polish, Turkish, Arabic, Chinese, Japanese, Korean, "
    "Russian, Swedish, Danish, Norwegian and English "
    "(`benchmarks/pii_independent6/README.md` gives the labelling policy and the sources). The "
    "scoring code is the first independent corpus's, imported unchanged. Figures on the corpus "
    "written beside the detector are in [pii.md](pii.md), on the earlier independent corpora in "
    "[pii_independent.md](pii_independent.md), [pii_independent2.md](pii_independent2.md), "
    "[pii_independent3.md](pii_independent3.md), [pii_independent4.md](pii_independent4.md) and "
    "[pii_independent5.md](pii_independent5.md)."
)


report, main = fourth.later_round(CORPUS, TITLE, ABOUT, "benchmarks.pii_independent6.run")

if __name__ == "__main__":
    sys.exit(main())
