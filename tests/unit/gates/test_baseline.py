"""``--baseline``: only findings new since an earlier report, matched by fingerprint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secplan.baseline import BaselineError, load_baseline
from tests.unit.gates._project import rules_at, scan_report

OLD = "import pickle\n\n\ndef load(f):\n    return pickle.load(f)\n"


def _root(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    root.mkdir()
    (root / "app.py").write_text(OLD)
    return root


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_old_findings_are_baselined_even_when_their_line_moves(tmp_path: Path, fmt: str) -> None:
    root = _root(tmp_path)
    code, first = scan_report(root, fmt=fmt)
    assert code == 1
    base = tmp_path / f"base.{fmt}"
    base.write_text(json.dumps(first))
    # the old call moves down two lines; a new one arrives
    (root / "app.py").write_text(
        "# moved\n\n" + OLD + "\n\ndef more(b):\n    return pickle.loads(b)\n"
    )
    code, report = scan_report(root, baseline=base)
    assert [r for r in rules_at(report) if r[0].startswith("CD1")] == [("CD101", 11)]
    assert report["summary"]["baselined"] >= 1
    assert code == 1
    # nothing new: the exit code follows the new findings only
    (root / "app.py").write_text("# moved\n\n" + OLD)
    code, report = scan_report(root, baseline=base)
    assert not [f for f in report["findings"] if f["severity"] in ("high", "critical")]
    assert code == 0
    # posture still counts every finding: a baseline never makes a control pass
    assert next(c for c in report["controls"] if c["id"] == "MS4")["status"] == "fail"


def test_a_second_copy_of_a_baselined_finding_is_new(tmp_path: Path) -> None:
    root = _root(tmp_path)
    _, first = scan_report(root)
    base = tmp_path / "base.json"
    base.write_text(json.dumps(first))
    (root / "app.py").write_text(OLD + "\n\ndef again(f):\n    return pickle.load(f)\n")
    code, report = scan_report(root, baseline=base)
    assert [r for r in rules_at(report) if r[0] == "CD101"] == [("CD101", 9)]
    assert code == 1


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("{", "not valid JSON"),
        ("[]", "not a JSON object"),
        ('{"schema": "other"}', "neither a secplan JSON report nor SARIF"),
        ('{"schema": "secplan-report", "findings": [{"rule": "X"}]}', "has no 'id'"),
        ('{"version": "2.1.0", "runs": [1]}', "runs[0] is not an object"),
    ],
)
def test_malformed_baseline_is_a_one_line_usage_error(tmp_path: Path, text: str, why: str) -> None:
    p = tmp_path / "b.json"
    p.write_text(text)
    with pytest.raises(BaselineError, match=None) as exc:
        load_baseline(p)
    assert why in exc.value.message and "\n" not in exc.value.message


def test_missing_baseline_fails_before_scanning(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="not a usable baseline"):
        scan_report(_root(tmp_path), baseline=tmp_path / "absent.json")


def test_sarif_results_of_other_tools_are_ignored(tmp_path: Path) -> None:
    doc = {
        "version": "2.1.0",
        "runs": [
            {"results": [{"ruleId": "B301"}, {"partialFingerprints": {"secplanFinding/v1": "ab"}}]}
        ],
    }
    p = tmp_path / "b.sarif"
    p.write_text(json.dumps(doc))
    assert load_baseline(p) == {"ab": 1}


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=8),
        lambda c: (
            st.lists(c, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "schema",
                        "findings",
                        "id",
                        "runs",
                        "results",
                        "version",
                        "partialFingerprints",
                        "secplanFinding/v1",
                        "suppressed",
                    ]
                ),
                c,
                max_size=4,
            )
        ),
        max_leaves=20,
    )
)
def test_any_json_is_a_baseline_or_a_baseline_error(
    tmp_path_factory: pytest.TempPathFactory, doc: object
) -> None:
    p = tmp_path_factory.mktemp("fuzz") / "b.json"
    p.write_text(json.dumps(doc))
    try:
        got = load_baseline(p)
    except BaselineError:
        return
    assert all(isinstance(k, str) and k for k in got)


def test_model_scan_baseline_exit_follows_new_findings(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from secplan.cli.app import app
    from tests.unit.gates.pickles import canary_pickle

    canary = tmp_path / "canary"
    models = tmp_path / "models"
    models.mkdir()
    (models / "a.pkl").write_bytes(canary_pickle(canary))
    base = tmp_path / "base.json"
    args = ["model", "scan", str(models), "--jobs", "1", "--as-of", "2026-12-02"]
    first = CliRunner().invoke(app, [*args, "--format", "json", "--output", str(base)])
    assert first.exit_code == 1
    again = CliRunner().invoke(app, [*args, "--format", "json", "--baseline", str(base)])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["summary"]["baselined"] >= 1
    (models / "b.pkl").write_bytes(canary_pickle(canary))
    new = CliRunner().invoke(app, [*args, "--baseline", str(base)])
    assert new.exit_code == 1
    (tmp_path / "bad.json").write_text("[]")
    bad = CliRunner().invoke(app, [*args, "--baseline", str(tmp_path / "bad.json")])
    assert bad.exit_code == 2
    assert not canary.exists()
