"""CF001 containers as root; DP001/DP002 requirement pins."""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.scanners.platform import dockerfile_instructions, requirement_lines
from tests.helpers import findings_of, scan, write


@pytest.mark.parametrize(
    "dockerfile, line",
    [
        ("FROM python:3.11\nCMD python app.py\n", 1),
        ("FROM python:3.11\nUSER app\nFROM python:3.11-slim\nCMD x\n", 3),  # last stage counts
        ("FROM python:3.11\nUSER 1000\nUSER root\n", 3),
        ("FROM python:3.11\nUSER 0:0\n", 2),
    ],
)
def test_container_root_fires(tmp_path: Path, dockerfile: str, line: int) -> None:
    write(tmp_path, "Dockerfile", dockerfile)
    [f] = findings_of(scan(tmp_path), "CF001")
    assert f.location.line == line and f.controls == ("PS7", "MS6")


@pytest.mark.parametrize(
    "dockerfile",
    [
        "FROM python:3.11\nRUN useradd app\nUSER app\nCMD x\n",
        "# USER root in a comment\nFROM python:3.11\nUSER 10001\n",
        "FROM python:3.11 AS base\nUSER app\nFROM base\nCMD x\n",  # inherits the stage's user
        "FROM gcr.io/distroless/python3:nonroot\nCMD x\n",
        "FROM python:3.11\nRUN echo \\\n  USER root\nUSER app\n",
    ],
)
def test_container_root_silent(tmp_path: Path, dockerfile: str) -> None:
    write(tmp_path, "Dockerfile", dockerfile)
    assert findings_of(scan(tmp_path), "CF001") == []


def test_dockerfile_continuations_and_comments() -> None:
    ins = list(dockerfile_instructions("FROM a\n# c\nRUN x \\\n  # inner\n  y\nUSER u\n"))
    assert [(i.line, i.keyword, i.args) for i in ins] == [
        (1, "FROM", "a"),
        (3, "RUN", "x y"),
        (6, "USER", "u"),
    ]


def test_unpinned_dependencies(tmp_path: Path) -> None:
    write(
        tmp_path,
        "requirements.txt",
        """
        # comment: torch
        torch==2.1.0 \\
            --hash=sha256:abc
        numpy>=1.24
        pandas
        scipy==1.*
        -r other.txt
        --index-url https://example.org/simple
        git+https://github.com/org/repo@abc#egg=x
        ./local-package
        pkg @ https://example.org/pkg.whl
        torch=1.13.0
        """,
    )
    a = scan(tmp_path)
    unpinned = [(f.location.line, f.evidence) for f in findings_of(a, "DP001")]
    assert unpinned == [(5, "numpy >=1.24"), (6, "pandas any version"), (7, "scipy ==1.*")]
    [bad] = findings_of(a, "DP002")
    assert bad.location.line == 13 and "torch=1.13.0" in bad.evidence


def test_requirement_lines_joins_continuations() -> None:
    assert list(requirement_lines("a==1 \\\n  --hash=sha256:x\n\n# c\nb  # trailing\n")) == [
        (1, "a==1 --hash=sha256:x"),
        (5, "b"),
    ]
