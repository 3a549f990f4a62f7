"""Round-7 misses in configuration: a workflow the runner would refuse for a ``key: text:
more`` value is still read, each such value taken as the text its writer meant."""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.engine import Assessment
from secplan.scanners.platform_config.yamlsafe import YamlError, load_all_lenient
from tests.helpers import scan, write


def found(a: Assessment, path: str) -> list[tuple[str, int | None]]:
    return sorted((f.rule, f.location.line) for f in a.report.findings if f.location.path == path)


COLON_WORKFLOW = """\
on:
  pull_request_target:
    types: [labeled]
jobs:
  train:
    runs-on: ubuntu-latest
    env:
      PIP_INDEX_URL: http://pypi.example.com/simple
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - name: Announce
        run: echo "Training for PR: ${{ github.event.pull_request.title }}"
      - name: Announce safely
        env:
          PR_TITLE: ${{ github.event.pull_request.title }}
        run: echo "PR - $PR_TITLE"
      - run: |
          pip install torch transformers
          pip install numpy==2.1.0
      - run: curl -k -fsSL -o eval.jsonl https://data.example.com/eval.jsonl
      - run: curl -fsSL -o eval.jsonl https://data.example.com/eval.jsonl
"""


def test_workflow_with_a_colon_in_a_plain_value_is_still_read(tmp_path: Path) -> None:
    write(tmp_path, ".github/workflows/train.yml", COLON_WORKFLOW)
    got = found(scan(tmp_path), ".github/workflows/train.yml")
    assert ("CF116", None) in got  # the runner refuses the file: still said
    assert ("DP108", 8) in got  # plain-HTTP package index
    assert ("CF128", 12) in got  # pull_request_target checks out the PR's code
    assert ("CF127", 14) in got  # the title expanded into the script
    assert ("DP001", 20) in got  # unpinned pip install
    assert ("CF123", 22) in got  # curl -k
    lines = {line for _, line in got}
    assert not lines & {17, 18, 21, 23}  # the safe look-alikes


def test_valid_workflow_reports_no_parse_problem(tmp_path: Path) -> None:
    text = COLON_WORKFLOW.replace(
        'run: echo "Training for PR: ${{ github.event.pull_request.title }}"',
        'run: echo "Training for PR ${{ github.event.pull_request.title }}"',
    )
    write(tmp_path, ".github/workflows/train.yml", text)
    got = found(scan(tmp_path), ".github/workflows/train.yml")
    assert ("CF116", None) not in got
    assert ("CF127", 14) in got


def test_lenient_load_quotes_only_the_refused_value() -> None:
    docs, why = load_all_lenient("a: 1\nb: say: hi # note\nc: 'it''s'\n")
    assert docs == [{"a": 1, "b": "say: hi", "c": "it's"}]
    assert "line 2" in why
    assert load_all_lenient("a: 1\n") == ([{"a": 1}], "")


@pytest.mark.parametrize("text", ["a: [1\n", "- a: b: c\n  - x\n", "a: 'x': y\n"])
def test_lenient_load_still_refuses_other_errors(text: str) -> None:
    with pytest.raises(YamlError):
        load_all_lenient(text)
