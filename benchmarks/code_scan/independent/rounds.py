"""Point round 1's runner modules at a later round's corpus (rounds 3 onwards).

Each later round scores with the very code of round 1 (this folder): the same label format
and checks, the same matching rules, the same anchors and rule-to-class mapping. Only the
folders differ, and the page's title says which corpus it is and which rounds came before
it. A round's ``_round1.py`` calls :func:`for_round_file` with its own path.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROUND1 = Path(__file__).resolve().parent
REPO = ROUND1.parents[2]

if str(ROUND1) not in sys.path:
    sys.path.insert(0, str(ROUND1))

import labels  # noqa: E402  (round 1's module, found through ROUND1)
import mapping  # noqa: E402


def check_classes(found: list[labels.Label]) -> list[str]:
    """Round 1's checks, plus: every label names one of the thirteen classes."""
    return [
        f"{lb.file}:{lb.line}: unknown class {lb.cls!r}"
        for lb in found
        if lb.cls not in mapping.CLASSES
    ]


def _page(n: int) -> str:
    return "code_scan_independent.md" if n == 1 else f"code_scan_independent{n}.md"


def _earlier(n: int) -> str:
    """The page's sentence on the rounds written before round ``n``."""
    which = "rounds 1 and 2" if n == 3 else f"rounds 1 to {n - 1}"
    links = ", ".join(f"[{_page(i)}]({_page(i)})" for i in range(1, n))
    return (
        f"It was written after {which}\n({links}), without reading them, and was not shown\n"
        "to secplan's authors before this run. The corpus written beside the detectors is "
        "reported apart, in [code_scan.md](code_scan.md)."
    )


def secplan_only(n: int) -> tuple[tuple[str, str], ...]:
    """What round 1's page says of the anchors, and what it says when only secplan ran."""
    cmd = f"python benchmarks/code_scan/independent{n}/run.py --work $WORK"
    return (
        (
            f"Command: `{cmd} --setup\n--osv $ADVISORIES/vulns --semgrep-rules $SEMGREP_RULES`"
            " on CPython",
            f"Command: `{cmd} --tools secplan\n--osv $ADVISORIES/vulns` (secplan alone; the"
            " anchors were not run on this round) on CPython",
        ),
        (
            "Anchors, each in its own virtualenv: ; semgrep with the public semgrep-rules\n"
            "(Python, Bash, Dockerfile, Kubernetes, compose and secrets folders), offline."
            " secplan's",
            "secplan's",
        ),
        (
            "; no\nanchor here has an offline vulnerability database (pip-audit and trivy need"
            " the network), so\nonly secplan is measured on vulnerable dependencies. Each"
            " project directory is scanned on its\nown with every tool's defaults.",
            ". Each\nproject directory is scanned on its own with secplan's defaults.",
        ),
    )


def point_at(n: int, here: Path) -> Any:
    """Round 1's ``labels`` module pointed at round ``n``'s corpus in ``here``; returns the
    function that points round 1's ``run`` module (and its page) there too."""
    labels.CORPUS = here / "projects"
    labels.LABEL_DIR = here / "labels"
    labels.SOURCES = here / "sources.toml"

    def runner() -> ModuleType:
        """Round 1's ``run`` module, pointed at this corpus and this page."""
        import report
        import run

        run.CORPUS = here / "projects"
        run.DEFAULT_OUTPUT = REPO / "docs" / "benchmarks" / _page(n)
        report.HEAD = (
            report.HEAD.replace(
                "# Benchmark: code, configuration and dependency scanning on an independent corpus",
                "# Benchmark: code, configuration and dependency scanning on an independent"
                f" corpus, round {n} (held out)",
            )
            .replace("independent/run.py", f"independent{n}/run.py")
            .replace("independent/labels/", f"independent{n}/labels/")
            .replace("**Corpus: independent.**", f"**Corpus: independent, round {n} (held out).**")
            .replace(
                "The corpus written beside the\ndetectors is reported apart, in "
                "[code_scan.md](code_scan.md).",
                _earlier(n),
            )
        )
        render = report.render
        replacements = secplan_only(n)

        def render_secplan_only(
            labels_: list[labels.Label],
            scored: dict[str, Any],
            variants: dict[str, Any],
            env: dict[str, Any],
        ) -> str:
            """Round 1's page; when no anchor tool ran (``--tools secplan``), without an
            empty "anchors combined" column and with the command that was run."""
            if set(scored) != {"secplan", "anchors combined"}:
                return render(labels_, scored, variants, env)
            text = render(labels_, {"secplan": scored["secplan"]}, variants, env)
            for old, new in replacements:
                text = text.replace(old, new)
            return text

        report.render = render_secplan_only
        return run

    return runner


def for_round_file(path: str) -> tuple[ModuleType, Any, tuple[tuple[str, str], ...], Any]:
    """``(labels, check_classes, SECPLAN_ONLY, runner)`` for the round whose ``_round1.py``
    is at ``path``: the round's number is its folder's (``independentN``)."""
    here = Path(path).resolve().parent
    n = int(here.name.removeprefix("independent"))
    return labels, check_classes, secplan_only(n), point_at(n, here)
