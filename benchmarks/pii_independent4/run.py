"""Score secplan and Presidio on the fourth independent PII corpus, and write the results page.

    python -m benchmarks.pii_independent4.run --work /path/outside/repo \\
        --presidio-python /path/to/presidio-venv/bin/python \\
        --doc docs/benchmarks/pii_independent4.md

The scoring, the tools' invocations and the page layout are the first independent corpus's
(``benchmarks.pii_independent.run``), imported unchanged, so figures on the four corpora
are computed the same way: the same type mapping, exact and overlap matching, one core, one
fresh command per tool. Only the corpus, the page's title and its description differ. The
page is written only when ``--doc`` is given.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.pii_independent import run as first

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus.jsonl"

TITLE = "# PII detection on a fourth independent corpus"
ABOUT = (
    "secplan's personal-data detectors and Microsoft Presidio on a fourth corpus that the "
    "detectors' authors did not write. **Corpus author: independent** — a writer who read "
    "neither secplan's detectors, word lists and tests nor the frames, names and values of the "
    "earlier PII corpora wrote it from public name statistics, public identifier specifications "
    "and public product, company and place names, in styles the earlier corpora do not have: "
    "e-mail threads with quoted replies and signatures, meeting minutes, Markdown support "
    "tickets, CSV and TSV rows pasted into prose, JSON log lines, legal contracts, academic "
    "author lists and acknowledgements, social media posts, SMS, voicemail transcripts, police "
    "and court reports, classified ads, real-estate listings, clinical notes, school records and "
    "bug reports with stack traces, in fifteen languages, Japanese, Chinese, Korean, Arabic and "
    "Russian among them (`benchmarks/pii_independent4/README.md` gives the labelling policy and "
    "the sources). The scoring code is the first independent corpus's, imported unchanged. "
    "Figures on the corpus written beside the detector are in [pii.md](pii.md), on the earlier "
    "independent corpora in [pii_independent.md](pii_independent.md), "
    "[pii_independent2.md](pii_independent2.md) and [pii_independent3.md](pii_independent3.md)."
)

_report = first.report


def report(
    gold: list[first.Gold],
    runs: list[first.ToolRun],
    command: str,
    corpus: Path,
    presidio_note: str,
    limit: int | None,
) -> str:
    """The first corpus's page with this corpus's title, description and command."""
    page = _report(gold, runs, command, corpus, presidio_note, limit)
    _, sep, rest = page.partition("\nProduced by:\n")
    if not sep:
        raise RuntimeError("the first corpus's page layout changed; update this runner")
    page = f"{TITLE}\n\n{ABOUT}\n\n{sep.lstrip()}{rest}"
    return page.replace("benchmarks.pii_independent.run", "benchmarks.pii_independent4.run")


def main(argv: list[str] | None = None) -> int:
    # the first runner reads its corpus path and page writer from its module at call time
    first.CORPUS = CORPUS
    first.report = report
    try:
        return first.main(argv)
    finally:
        first.report = _report


def later_round(
    corpus: Path, title: str, about: str, module: str
) -> tuple[Callable[..., str], Callable[[list[str] | None], int]]:
    """``(report, main)`` for a later corpus scored the same way: this corpus's page (the first
    corpus's layout) with the later corpus's title, description and command, and a ``main``
    that runs the first runner on the later corpus."""

    def later_report(*args: Any) -> str:
        page = report(*args)
        for old, new in ((TITLE, title), (ABOUT, about)):
            if old not in page:
                raise RuntimeError("the fourth corpus's page layout changed; update this runner")
            page = page.replace(old, new, 1)
        return page.replace("benchmarks.pii_independent4.run", module)

    def later_main(argv: list[str] | None = None) -> int:
        # the first runner reads its corpus path and page writer from its module at call time
        saved = first.CORPUS, first.report
        first.CORPUS, first.report = corpus, later_report
        try:
            return first.main(argv)
        finally:
            first.CORPUS, first.report = saved

    return later_report, later_main


if __name__ == "__main__":
    sys.exit(main())
