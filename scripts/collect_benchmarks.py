"""Assemble docs/benchmarks.md from the sections the benchmarks write in docs/benchmarks/.

    python scripts/collect_benchmarks.py

Each section is produced by its own runner under benchmarks/ and names the command that
produced it; this script only puts them on one page, in a fixed order.
"""

from __future__ import annotations

from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"
ORDER = (
    "model_scan",
    "model_scan_redteam",
    "model_scan_genuine",
    "code_scan",
    "code_scan_independent",
    "vulndb",
    "pii",
    "audit",
    "protect",
)
INTRO = """# Benchmarks

Every figure here comes from a runner in `benchmarks/`, run side by side with the tools
secplan is measured against, in the same run, on the same machine; each section names the
command that produced it. No test asserts a time: these are measurements, not checks.
Sections: {links}.
"""


def main() -> None:
    present = [name for name in ORDER if (DOCS / "benchmarks" / f"{name}.md").exists()]
    links = ", ".join(f"[{n.replace('_', ' ')}](benchmarks/{n}.md)" for n in present)
    parts = [INTRO.format(links=links)]
    for name in present:
        text = (DOCS / "benchmarks" / f"{name}.md").read_text(encoding="utf-8").strip()
        # demote the section's own headings by one level under this page's title
        lines = ["#" + ln if ln.startswith("#") else ln for ln in text.splitlines()]
        parts.append("\n".join(lines))
    (DOCS / "benchmarks.md").write_text("\n\n".join(parts) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
