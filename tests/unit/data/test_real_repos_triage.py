"""The hand triage of DT findings on public repositories: well-formed, and its precision
recomputed the way the benchmark runner does."""

from __future__ import annotations

from benchmarks.pii import real_repos as rr


def test_every_finding_has_a_verdict_a_reason_and_a_known_repository() -> None:
    data = rr.load()
    repos = {r["name"] for r in data["repo"]}
    assert len(repos) >= 10 and all(len(r["commit"]) == 40 for r in data["repo"])
    keys = set()
    for f in data["finding"]:
        assert f["repo"] in repos
        assert f["verdict"] in ("true", "false") and len(f["reason"]) > 10
        assert f["before"] or f["now"]
        keys.add(rr.key_of(f))
    assert len(keys) == len(data["finding"])  # one verdict per finding


def test_precision_counts_judged_findings_only() -> None:
    p = rr.precision(["true", "false", "true", "unknown"])
    assert p == {"findings": 4, "true": 2, "false": 1, "unknown": 1, "precision": 0.667}
    assert rr.precision([])["precision"] is None


def test_entity_of_a_message() -> None:
    assert rr.entity_of("3 PERSON value(s) in 2 line(s)") == "PERSON"
    assert rr.entity_of("EMAIL_ADDRESS in 1 column(s): a (3 of 4 cells)") == "EMAIL_ADDRESS"
