"""The hand triage of `secplan scan` on public ML repositories (benchmarks/real_repos): every
finding has a verdict and a reason, the page shows what the triage file gives, and findings
match the triage by place and message, not by the counts a message carries."""

from __future__ import annotations

import re
from pathlib import Path

from benchmarks.real_repos import run

PAGE = Path(__file__).resolve().parents[2] / "docs" / "benchmarks" / "real_repos.md"


def test_every_finding_is_triaged_with_a_reason_at_a_recorded_commit() -> None:
    data = run.load()
    repos = {str(r["name"]): str(r["commit"]) for r in data["repo"]}  # type: ignore[attr-defined]
    assert len(repos) >= 10
    assert all(re.fullmatch(r"[0-9a-f]{40}", c) for c in repos.values())
    for f in data["finding"]:  # type: ignore[attr-defined]
        assert f["repo"] in repos and f["verdict"] in ("true", "false"), f
        assert len(str(f["reason"])) > 10 and (f["before"] or f["now"]), f


def test_security_relevant_precision_meets_the_target_and_the_page_shows_it() -> None:
    data = run.load()
    current = [f for f in data["finding"] if f["now"]]  # type: ignore[attr-defined]
    result = run.evaluate(data, current)
    now: dict[str, dict[str, object]] = result["now"]  # type: ignore[assignment]
    assert float(now["relevant"]["precision"]) >= 0.9  # type: ignore[arg-type]
    row = f"| **all repositories, now** | {run._cells(now)} |"
    assert row in PAGE.read_text(encoding="utf-8")


def test_record_gaps_and_informational_findings_are_not_security_relevant() -> None:
    assert not run.security_relevant("EV006", "high")
    assert not run.security_relevant("MF003", "medium")
    assert not run.security_relevant("MF104", "info")
    assert run.security_relevant("MF104", "medium") and run.security_relevant("CD103", "medium")


def test_findings_match_by_place_and_message_without_its_counts() -> None:
    def f(message: str) -> dict[str, object]:
        return {"repo": "o/r", "file": "a.txt", "line": 3, "rule": "DP104", "message": message}

    old = run.keyed([f("25 dependencies were not checked"), f("25 dependencies were not checked")])
    new = run.keyed([f("27 dependencies were not checked")])
    assert len(old) == 2 and set(new) < set(old)
    assert run.keyed([f("black is not pinned")]).keys().isdisjoint(new)


def test_the_first_screen_is_taken_as_the_table_report_orders_it() -> None:
    def f(rule: str, severity: str, line: int) -> dict[str, object]:
        return {
            "repo": "o/r",
            "file": "x.py",
            "line": line,
            "rule": rule,
            "severity": severity,
            "confidence": "high",
            "message": rule,
        }

    found = [f("EV006", "high", 0), f("CD103", "medium", 2), f("CD120", "high", 1)]
    found += [f("CD112", "low", n) for n in range(3, 30)]
    top = run.on_first_screen(found)
    assert len(top) == 15 and [t["rule"] for t in top[:3]] == ["CD120", "EV006", "CD103"]
