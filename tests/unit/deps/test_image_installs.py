"""Packages installed by a Dockerfile's RUN pip lines: pins and known vulnerabilities, each
at the physical line that names the package."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from secplan.scanners.deps.image_installs import parse_image_installs
from tests.helpers import findings_of, scan, write

DOCKERFILE = """\
FROM python:3.12.4-slim
RUN pip install --no-cache-dir -r requirements.txt
RUN pip install --no-cache-dir captum xgboost==2.1.1
RUN pip install --trusted-host nexus.corp.example \\
      deepspeed \\
      flash-attn==2.6.3 \\
      git+https://github.com/org/tool.git \\
      git+https://github.com/org/pinned.git@0123456789abcdef0123456789abcdef01234567 \\
      ./local-wheel.whl "${EXTRA}"
RUN conda install -y numpy
USER 1000
"""


def test_unpinned_image_installs_are_reported_line_by_line(tmp_path: Path) -> None:
    write(tmp_path, "Dockerfile", DOCKERFILE)
    write(tmp_path, "requirements.txt", "numpy==2.0.1\n")
    got = sorted((f.location.line, f.evidence) for f in findings_of(scan(tmp_path), "DP001"))
    assert got == [
        (3, "captum any version"),
        (5, "deepspeed any version"),
        (7, "git+https://github.com/org/tool.git any version"),  # a VCS URL without a commit
    ]


def test_pinned_image_installs_are_looked_up(tmp_path: Path, osv_db: Path) -> None:
    write(tmp_path, "Dockerfile", "FROM python:3.12.4-slim\nRUN pip install torch==2.5.1\n")
    found = findings_of(scan(tmp_path), "DP101")
    assert found and all(f.location.line == 2 for f in found)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_parses_without_error(text: str) -> None:
    parsed = parse_image_installs(text, "Dockerfile")
    assert all(d.location.line is not None and d.location.line >= 1 for d in parsed.deps)


def test_pdm_lock_pins_and_is_looked_up(tmp_path: Path, osv_db: Path) -> None:
    write(
        tmp_path,
        "pyproject.toml",
        '[project]\nname = "svc"\ndependencies = ["torch>=2"]\n[tool.pdm]\ndistribution = false\n',
    )
    write(
        tmp_path,
        "pdm.lock",
        '[metadata]\ngroups = ["default"]\n\n[[package]]\nname = "torch"\nversion = "2.5.1"\n',
    )
    a = scan(tmp_path)
    assert findings_of(a, "DP001") == []  # the lock file pins the range
    assert [f.location.path for f in findings_of(a, "DP101")] == ["pdm.lock"]


WORKFLOW = """\
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: pip install .["dev"] ${{ matrix.numpy-requirement }} torch==${{ matrix.torch }}+cpu
      - run: pip install black black[jupyter] flake8==7.1.1
"""


def test_workflow_expressions_are_not_packages_and_a_package_counts_once(tmp_path: Path) -> None:
    write(tmp_path, ".github/workflows/ci.yml", WORKFLOW)
    got = sorted((f.location.line, f.evidence) for f in findings_of(scan(tmp_path), "DP001"))
    assert got == [(7, "black any version")]
