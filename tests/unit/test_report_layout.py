"""The plain writer of the terminal summary lays out what the terminal library lays out,
character for character, for every text it accepts; other text goes to the library."""

from __future__ import annotations

import dataclasses
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secplan.model import Location, Severity
from secplan.report.layout import SYMBOLS, Column, Grid, column_widths, is_simple, plain
from secplan.report.table import _render_rich, render_table, summary
from tests.helpers import scan

# words of every length (folding and ellipses), runs of spaces, and the one-cell symbols
ALPHABET = (
    string.ascii_letters + string.digits + string.punctuation + "     " + "".join(sorted(SYMBOLS))
)
TEXT = st.text(alphabet=ALPHABET, max_size=90) | st.sampled_from(
    ["", " ", "x" * 130, "a " * 70, "needs-evidence", "src/models/" + "deep/" * 30 + "m.pkl"]
)
COLUMN = st.builds(
    Column,
    header=st.text(alphabet=string.ascii_letters + " ", max_size=20),
    justify=st.sampled_from(["left", "right"]),
    no_wrap=st.booleans(),
    ratio=st.sampled_from([None, None, 1, 2, 3, 4]),
    overflow=st.sampled_from(["ellipsis", "fold"]),
)


@st.composite
def grids(draw: st.DrawFn) -> Grid:
    columns = tuple(draw(st.lists(COLUMN, min_size=1, max_size=6)))
    rows = draw(st.lists(st.tuples(*(st.tuples(TEXT, st.just("")) for _ in columns)), max_size=6))
    return Grid(draw(TEXT), columns, tuple(rows), expand=draw(st.booleans()))


@settings(max_examples=300, deadline=None)
@given(grid=grids(), width=st.integers(min_value=60, max_value=200))
def test_plain_tables_match_the_terminal_library(grid: Grid, width: int) -> None:
    assert is_simple([grid])
    text = plain([grid], width)
    if text is None:  # a column left without room: the library lays it out
        assert min(column_widths(grid, width - len(grid.columns) + 1)) < 3
    else:
        assert text == _render_rich([grid], color=False, width=width)


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(st.lists(TEXT, max_size=3), max_size=5), width=st.integers(40, 200))
def test_plain_lines_match_the_terminal_library(lines: list[list[str]], width: int) -> None:
    blocks = [tuple((t, "") for t in line) for line in lines]
    assert plain(blocks, width) == _render_rich(blocks, color=False, width=width)


def test_text_the_plain_writer_does_not_measure_goes_to_the_library() -> None:
    for text in ("wide 模型", "tab\there", "e\u0301", "line\nbreak", "nbsp\u00a0x"):
        assert not is_simple([((text, ""),)])
    assert is_simple([(("plain ASCII · and — symbols …", ""),)])


@pytest.mark.parametrize("width", [100, 120, 200])
def test_the_summary_is_the_same_from_both_writers(demo_project: Path, width: int) -> None:
    blocks = summary(scan(demo_project))
    assert is_simple(blocks)
    text = render_table(scan(demo_project), width=width)
    assert text == _render_rich(blocks, color=False, width=width)
    assert "Top findings" in text and "Posture by pillar" in text and "Controls" in text


def test_brackets_in_findings_are_shown_as_written(demo_project: Path) -> None:
    """A file's path or a finding's message is never read as the library's markup: a closing
    tag made it raise, an opening one was swallowed."""
    a = scan(demo_project)
    odd = dataclasses.replace(
        a.report.findings[0],
        severity=Severity.HIGH,
        message="calls [/red] and [bold]os.system[/bold]",
        location=Location(path="models/[/x]/m.ipynb", cell=3),
    )
    a = dataclasses.replace(a, report=dataclasses.replace(a.report, findings=(odd,)))
    for text in (
        render_table(a),
        render_table(a, color=True),
        _render_rich(summary(a), color=False, width=120),
    ):
        assert "calls [/red] and [bold]os.system[/bold]" in text
        assert "models/[/x]/m.ipynb[cell 3]" in text
