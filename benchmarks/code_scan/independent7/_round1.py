"""Load round 1's runner modules and point them at the round-7 corpus.

Round 7 scores with the very code of round 1 (``../independent/``): the same label format
and checks, the same matching rules, the same anchors and rule-to-class mapping. Only the
folders differ, and the page's title says which corpus it is.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
ROUND1 = HERE.parent / "independent"
REPO = HERE.parents[2]
OUTPUT = REPO / "docs" / "benchmarks" / "code_scan_independent7.md"

if str(ROUND1) not in sys.path:
    sys.path.insert(0, str(ROUND1))

import labels  # noqa: E402  (round 1's module, found through ROUND1)
import mapping  # noqa: E402

labels.CORPUS = HERE / "projects"
labels.LABEL_DIR = HERE / "labels"
labels.SOURCES = HERE / "sources.toml"


def check_classes(found: list[labels.Label]) -> list[str]:
    """Round 1's checks, plus: every label names one of the thirteen classes."""
    return [
        f"{lb.file}:{lb.line}: unknown class {lb.cls!r}"
        for lb in found
        if lb.cls not in mapping.CLASSES
    ]


def runner() -> ModuleType:
    """Round 1's ``run`` module, pointed at this corpus and this page."""
    import report
    import run

    run.CORPUS = HERE / "projects"
    run.DEFAULT_OUTPUT = OUTPUT
    report.HEAD = (
        report.HEAD.replace(
            "# Benchmark: code, configuration and dependency scanning on an independent corpus",
            "# Benchmark: code, configuration and dependency scanning on an independent corpus,"
            " round 7 (held out)",
        )
        .replace("independent/run.py", "independent7/run.py")
        .replace("independent/labels/", "independent7/labels/")
        .replace("**Corpus: independent.**", "**Corpus: independent, round 7 (held out).**")
        .replace(
            "The corpus written beside the\ndetectors is reported apart, in "
            "[code_scan.md](code_scan.md).",
            "It was written after rounds 1 to 6\n"
            "([code_scan_independent.md](code_scan_independent.md),"
            " [code_scan_independent2.md](code_scan_independent2.md),"
            " [code_scan_independent3.md](code_scan_independent3.md),"
            " [code_scan_independent4.md](code_scan_independent4.md),"
            " [code_scan_independent5.md](code_scan_independent5.md),"
            " [code_scan_independent6.md](code_scan_independent6.md)), without reading them, and"
            " was not shown\nto secplan's authors before this run. The corpus written beside the"
            " detectors is reported apart, in [code_scan.md](code_scan.md).",
        )
    )
    render = report.render

    def render_secplan_only(
        labels_: list[labels.Label],
        scored: dict[str, Any],
        variants: dict[str, Any],
        env: dict[str, Any],
    ) -> str:
        """Round 1's page; when no anchor tool ran (``--tools secplan``), without an empty
        "anchors combined" column and with the command that was run."""
        if set(scored) != {"secplan", "anchors combined"}:
            return render(labels_, scored, variants, env)
        text = render(labels_, {"secplan": scored["secplan"]}, variants, env)
        for old, new in SECPLAN_ONLY:
            text = text.replace(old, new)
        return text

    report.render = render_secplan_only
    return run


SECPLAN_ONLY = (
    (
        """Command: `python benchmarks/code_scan/independent7/run.py --work $WORK --setup
--osv $ADVISORIES/vulns --semgrep-rules $SEMGREP_RULES` on CPython""",
        """Command: `python benchmarks/code_scan/independent7/run.py --work $WORK --tools secplan
--osv $ADVISORIES/vulns` (secplan alone; the anchors were not run on this round) on CPython""",
    ),
    (
        """Anchors, each in its own virtualenv: ; semgrep with the public semgrep-rules
(Python, Bash, Dockerfile, Kubernetes, compose and secrets folders), offline. secplan's""",
        "secplan's",
    ),
    (
        """; no
anchor here has an offline vulnerability database (pip-audit and trivy need the network), so
only secplan is measured on vulnerable dependencies. Each project directory is scanned on its
own with every tool's defaults.""",
        """. Each
project directory is scanned on its own with secplan's defaults.""",
    ),
)
