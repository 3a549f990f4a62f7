"""GitHub Actions workflows: scripts through the command engine, CF127-CF131."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import findings_of, scan, write

SHA = "0123456789abcdef0123456789abcdef01234567"

RISKY = """\
name: train
on:
  workflow_dispatch:
    inputs:
      config: {description: "config path", default: base.yaml}
      dry: {type: boolean, default: false}
  pull_request_target:
permissions: write-all
env:
  MLFLOW_TRACKING_URI: http://mlflow.corp-example.com
jobs:
  train:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - uses: some-org/setup-tool@v2
      - run: curl -sSL https://install.example.org | python3 -
      - name: deps
        run: |
          pip install -i http://pypi.corp-example.com/simple torch==2.5.1
          pip install pytest-xdist
          huggingface-cli download google/vit-base-patch16-224
      - run: python train.py --config "${{ github.event.inputs.config }}" --dry ${{ inputs.dry }}
      - run: echo "${{ secrets.HF_TOKEN }}"
"""

SAFE = f"""\
name: train
on:
  pull_request:
  issues:
permissions:
  contents: read
env:
  MLFLOW_TRACKING_URI: http://mlflow.ci.svc.cluster.local:5000
jobs:
  train:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: some-org/setup-tool@{SHA}
      - uses: ./.github/actions/local
      - name: safe
        env:
          TITLE: ${{{{ github.event.issue.title }}}}
        run: |
          echo "$TITLE" >> titles.txt
          echo "issue ${{{{ github.event.issue.number }}}}"
          echo "token=${{{{ secrets.HF_TOKEN }}}}" >> "$GITHUB_ENV"
          pip install torch==2.5.1
          huggingface-cli download google/vit-base-patch16-224 --revision {SHA}
"""


def test_risky_workflow(tmp_path: Path) -> None:
    write(tmp_path, ".github/workflows/train.yml", RISKY)
    a = scan(tmp_path)
    lines = RISKY.splitlines()

    def at(rule: str) -> list[str]:
        return sorted(lines[f.location.line - 1].strip() for f in findings_of(a, rule))

    def one(rule: str, start: str) -> None:
        got = at(rule)
        assert len(got) == 1 and got[0].startswith(start), (rule, got)

    one("CF127", "- run: python train.py")  # the boolean input is not text
    one("CF128", "ref: ${{ github.event.pull_request.head.sha")
    one("CF129", "- uses: some-org/setup-tool@v2")
    one("CF130", "permissions: write-all")
    one("CF131", '- run: echo "${{ secrets.HF_TOKEN')
    one("CF103", "- run: curl -sSL")
    one("CD131", "MLFLOW_TRACKING_URI: http://")
    one("DP001", "pip install pytest-xdist")
    one("CD112", "huggingface-cli download")
    assert at("DP108") and at("DP108")[0].startswith("pip install -i http://")


def test_safe_workflow_is_silent(tmp_path: Path) -> None:
    write(tmp_path, ".github/workflows/ci.yml", SAFE)
    found = [
        (f.rule, f.location.line)
        for f in scan(tmp_path).report.findings
        if f.location.path.endswith("ci.yml") and f.rule != "DP104"  # no database here
    ]
    assert found == []


def test_workflow_rules_only_in_workflow_folders(tmp_path: Path) -> None:
    write(tmp_path, "ci/train.yml", RISKY)
    rules = {f.rule for f in scan(tmp_path).report.findings}
    assert not {"CF127", "CF128", "CF129", "CF130", "CF131"} & rules


def test_malformed_workflow_is_one_finding(tmp_path: Path) -> None:
    write(tmp_path, ".github/workflows/bad.yml", "on: [push\njobs: {\n")
    [f] = findings_of(scan(tmp_path), "CF116")
    assert f.location.path.endswith("bad.yml")


GITLAB = """\
stages: [train]
variables:
  MLFLOW_TRACKING_URI: http://mlflow.corp-example.com
train:
  stage: train
  before_script:
    - pip install torch transformers==4.44.2
    - curl -sSL https://get.example.org/setup.sh | bash
  script:
    - huggingface-cli download org/model --local-dir m
    - python train.py
lint:
  script: pip install ruff==0.6.9 && ruff check .
"""


def test_gitlab_ci_scripts(tmp_path: Path) -> None:
    write(tmp_path, ".gitlab-ci.yml", GITLAB)
    found = sorted(
        (f.rule, f.location.line)
        for f in scan(tmp_path).report.findings
        if f.location.path == ".gitlab-ci.yml" and f.location.line
    )
    assert found == [("CD112", 10), ("CD131", 3), ("CF103", 8), ("DP001", 7)]
