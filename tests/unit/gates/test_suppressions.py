"""Inline suppressions: ``# secplan: ignore[RULE] -- reason`` on the line or the line above."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from secplan.suppressions import parse_lines
from tests.unit.gates._project import rules_at, scan_report

LOADS = "import pickle\n\n\ndef load(f):\n    return pickle.load(f)\n"


def _project(tmp_path: Path, name: str, files: dict[str, str]) -> Path:
    root = tmp_path / name
    root.mkdir()
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def test_parse_several_rules_reason_and_semicolon_comments() -> None:
    got = parse_lines(
        [
            "x = 1  # secplan: ignore[cd101, CF113] -- trusted input, see ADR-7",
            "; secplan: ignore[CF113] -- ini comment",
            "# secplan: ignore[CD101]",
            "print('secplan: ignore[CD101] -- not a comment')",
        ]
    )
    assert [(s.line, s.rules, s.reason) for s in got] == [
        (1, ("CD101", "CF113"), "trusted input, see ADR-7"),
        (2, ("CF113",), "ini comment"),
        (3, ("CD101",), ""),
    ]


@given(st.lists(st.text(max_size=200), max_size=30))
def test_parse_never_fails_and_every_suppression_names_its_line(lines: list[str]) -> None:
    for s in parse_lines(lines, "f.py"):
        assert 1 <= s.line <= len(lines)
        assert "secplan" in lines[s.line - 1].lower()


def test_reasoned_suppression_on_the_line_or_above_applies_and_counts_as_waived(
    tmp_path: Path,
) -> None:
    plain = _project(tmp_path, "plain", {"app.py": LOADS})
    code, before = scan_report(plain)
    assert ("CD101", 5) in rules_at(before) and code == 1

    same_line = LOADS.replace("pickle.load(f)", "pickle.load(f)  # secplan: ignore[CD101] -- ours")
    above = LOADS.replace(
        "    return", "    # secplan: ignore[CF113,CD101] -- signed upstream\n    return"
    )
    for name, text, line in (("same", same_line, 5), ("above", above, 6)):
        root = _project(tmp_path, name, {"app.py": text})
        _, after = scan_report(root)
        assert ("CD101", line) not in rules_at(after)
        (sup,) = [s for s in after["suppressed"] if s["rule"] == "CD101"]
        assert sup["waiver"] == f"inline:app.py:{line - (name == 'above')}"
        assert sup["reason"] in ("ours", "signed upstream")
        assert after["summary"]["suppressed_inline"] == 1
        ms4 = next(c for c in after["controls"] if c["id"] == "MS4")
        assert sup["waiver"] in ms4["waivers"]
        assert any("waived by inline:" in r for r in ms4["reasons"])


def test_suppression_without_reason_does_not_apply_and_is_reported(tmp_path: Path) -> None:
    text = LOADS.replace("pickle.load(f)", "pickle.load(f)  # secplan: ignore[CD101]")
    root = _project(tmp_path, "bare", {"app.py": text})
    _, report = scan_report(root)
    assert ("CD101", 5) in rules_at(report)
    assert ("EV010", 5) in rules_at(report)
    assert report["suppressed"] == []


def test_unused_suppression_is_reported_and_two_lines_above_is_too_far(tmp_path: Path) -> None:
    text = LOADS.replace("def load", "# secplan: ignore[CD101] -- too far up\ndef load")
    root = _project(tmp_path, "far", {"app.py": text})
    _, report = scan_report(root)
    assert ("CD101", 6) in rules_at(report)
    assert ("EV011", 4) in rules_at(report)


def test_dockerfile_yaml_and_notebook_cells(tmp_path: Path) -> None:
    cell = {
        "cell_type": "code",
        "metadata": {},
        "execution_count": None,
        "outputs": [],
        "source": [
            "import pickle\n",
            "# secplan: ignore[CD101] -- notebook reads its own cache\n",
            "obj = pickle.load(open('cache.pkl', 'rb'))\n",
        ],
    }
    nb = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    docker = "FROM python:3.12\n# secplan: ignore[XX999] -- nothing here\nRUN echo hi\n"
    root = _project(
        tmp_path,
        "mixed",
        {"nb.ipynb": json.dumps(nb, indent=1), "Dockerfile": docker, "k.yaml": "a: 1\n"},
    )
    _, report = scan_report(root)
    nb_sup = [s for s in report["suppressed"] if s["location"]["path"] == "nb.ipynb"]
    assert [s["rule"] for s in nb_sup] == ["CD101"]
    assert nb_sup[0]["waiver"] == "inline:nb.ipynb[cell 1]:2"
    assert not [f for f in report["findings"] if f["rule"] == "CD101"]
    unused = [f for f in report["findings"] if f["rule"] == "EV011"]
    assert [(f["location"]["path"], f["location"]["line"]) for f in unused] == [("Dockerfile", 2)]
    assert "unknown rule XX999" in unused[0]["message"]


def test_sarif_lists_inline_suppression_in_source_with_justification(tmp_path: Path) -> None:
    text = LOADS.replace("pickle.load(f)", "pickle.load(f)  # secplan: ignore[CD101] -- ours")
    root = _project(tmp_path, "sarif", {"app.py": text})
    _, sarif = scan_report(root, fmt="sarif")
    sups = [r["suppressions"] for r in sarif["runs"][0]["results"] if "suppressions" in r]
    assert sups == [
        [
            {
                "kind": "inSource",
                "status": "accepted",
                "justification": "ours",
                "properties": {"suppression": "inline:app.py:5"},
            }
        ]
    ]


def test_json_report_text_is_not_read_for_suppressions(tmp_path: Path) -> None:
    data = json.dumps({"note": "# secplan: ignore[CD101] -- in data"})
    root = _project(tmp_path, "data", {"conf.json": data})
    _, report = scan_report(root)
    assert not [f for f in report["findings"] if f["rule"].startswith("EV01")]


def test_coverage_gaps_are_never_suppressed_inline() -> None:
    from secplan.model import Location
    from secplan.scanners import NOT_VERIFIED
    from secplan.suppressions import apply

    gap = NOT_VERIFIED.at(Location(path="a.py", line=3), "not verified: too large")
    (sup,) = parse_lines(["", "", "x  # secplan: ignore[SX001] -- hide it"], "a.py")
    done = apply([gap], [sup])
    assert done.kept == (gap,) and done.suppressed == ()
    assert [f.rule for f in done.reported] == ["EV011"]


@given(
    st.lists(
        st.lists(
            st.sampled_from(
                ["x = 1\n", "# secplan: ignore[CD101] -- ok\n", "# secplan: ignore[CD1\n", "\n"]
            )
            | st.text(max_size=30),
            max_size=6,
        ),
        max_size=5,
    )
)
def test_notebook_suppressions_point_into_their_cell(sources: list[list[str]]) -> None:
    import tempfile

    from secplan.suppressions import read_suppressions

    nb = {"cells": [{"cell_type": "code", "source": src} for src in sources], "nbformat": 4}
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "n.ipynb"
        path.write_text(json.dumps(nb, indent=1))
        got = read_suppressions(path, "n.ipynb", notebook=True)
    for s in got:
        assert s.cell is not None and 1 <= s.cell <= len(sources)
        lines = "".join(sources[s.cell - 1]).split("\n")
        assert "secplan" in lines[s.line - 1].lower()
        assert s.file_line is not None
