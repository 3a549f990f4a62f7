"""Round-7 causes in dependency scanning: a requirement file that the image installs under a
constraints file, and the pip installs of DVC stages."""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.scanners.deps.image_installs import constrained_requirements
from tests.helpers import scan, write

REQUIREMENTS = "apache-airflow-providers-cncf-kubernetes>=8.0\npapermill==2.6.0\n"


def _unpinned(tmp_path: Path) -> list[tuple[str, int | None]]:
    a = scan(tmp_path)
    return sorted(
        (f.location.path, f.location.line) for f in a.report.findings if f.rule == "DP001"
    )


@pytest.mark.parametrize(
    "run",
    [
        "RUN pip install --no-cache-dir -r /requirements.txt \\\n"
        "    -c https://raw.githubusercontent.com/apache/airflow/constraints-2.10.2/c.txt",
        "RUN pip install -r /requirements.txt --constraint=/constraints/pins.txt",
    ],
)
def test_requirements_installed_under_constraints(tmp_path: Path, run: str) -> None:
    write(tmp_path, "requirements.txt", REQUIREMENTS)
    write(tmp_path, "Dockerfile", f"FROM python:3.11-slim\nCOPY requirements.txt /\n{run}\n")
    assert _unpinned(tmp_path) == []


def test_requirements_installed_without_constraints_stay_reported(tmp_path: Path) -> None:
    write(tmp_path, "requirements.txt", REQUIREMENTS)
    write(
        tmp_path,
        "Dockerfile",
        "FROM python:3.11-slim\nCOPY requirements.txt /\nRUN pip install -r /requirements.txt\n"
        "RUN pip install -r /other.txt -c /constraints.txt\n",
    )
    assert _unpinned(tmp_path) == [("requirements.txt", 1)]


def test_a_dockerfile_elsewhere_does_not_constrain(tmp_path: Path) -> None:
    write(tmp_path, "requirements.txt", REQUIREMENTS)
    write(
        tmp_path,
        "svc/Dockerfile",
        "FROM python:3.11-slim\nRUN pip install -r requirements.txt -c constraints.txt\n",
    )
    assert ("requirements.txt", 1) in _unpinned(tmp_path)


def test_constrained_requirement_names() -> None:
    text = "FROM x\nRUN pip install -rreq/a.txt -c c.txt && pip install -r b.txt\n"
    assert constrained_requirements(text) == {"a.txt"}


RAY_JOB = """\
import ray
from ray.job_submission import JobSubmissionClient

client = JobSubmissionClient("http://127.0.0.1:8265")
client.submit_job(
    entrypoint="python train.py",
    runtime_env={
        "working_dir": ".",
        "pip": ["torch==2.4.1", "scikit-learn"],
    },
)
ray.init(runtime_env={"pip": {"packages": ["pandas==2.2.2", "pyarrow"]}})
ray.init(runtime_env={"env_vars": {"pip": "x"}})
"""


def test_ray_runtime_env_packages_written_in_code(tmp_path: Path) -> None:
    write(tmp_path, "jobs/submit.py", RAY_JOB)
    assert _unpinned(tmp_path) == [("jobs/submit.py", 9), ("jobs/submit.py", 12)]


AIRFLOW_COMPOSE = """\
x-airflow-common: &airflow-common
  image: apache/airflow:2.10.2-python3.11
  environment:
    _PIP_ADDITIONAL_REQUIREMENTS: apache-airflow-providers-cncf-kubernetes papermill==2.6.0
services:
  scheduler:
    <<: *airflow-common
  webserver:
    <<: *airflow-common
    environment:
      _PIP_ADDITIONAL_REQUIREMENTS: ${_PIP_ADDITIONAL_REQUIREMENTS:-}
"""


def test_packages_installed_when_the_airflow_image_starts(tmp_path: Path) -> None:
    write(tmp_path, "docker-compose.yaml", AIRFLOW_COMPOSE)
    assert _unpinned(tmp_path) == [("docker-compose.yaml", 4)]


def test_start_installs_in_an_env_file(tmp_path: Path) -> None:
    write(tmp_path, ".env", "AIRFLOW_UID=50000\n_PIP_ADDITIONAL_REQUIREMENTS=papermill\n")
    assert _unpinned(tmp_path) == [(".env", 2)]
