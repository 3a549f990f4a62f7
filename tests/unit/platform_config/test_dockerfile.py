"""CF001-CF104 and ML-server command lines in Dockerfiles."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import findings_of, rules_of, scan, write


def test_new_scanner_replaces_the_first_one(tmp_path: Path) -> None:
    write(tmp_path, "Dockerfile", "FROM python:3.11\n")
    report = scan(tmp_path).report
    assert "dockerfile-config" in report.scanners and "dockerfile" not in report.scanners
    assert len(findings_of(scan(tmp_path), "CF001")) == 1


@pytest.mark.parametrize(
    "line, evidence",
    [
        ("FROM python", "FROM python"),
        ("FROM pytorch/pytorch:latest", "FROM pytorch/pytorch:latest"),
        ("FROM registry.example.org:5000/team/img", "FROM registry.example.org:5000/team/img"),
        ("ARG BASE=nvidia/cuda\nFROM ${BASE}", "FROM ${BASE}"),
    ],
)
def test_unpinned_base_image_fires(tmp_path: Path, line: str, evidence: str) -> None:
    write(tmp_path, "Dockerfile", f"{line}\nUSER 1000\n")
    [f] = findings_of(scan(tmp_path), "CF101")
    assert f.evidence == evidence and f.location.line == line.count("\n") + 1


@pytest.mark.parametrize(
    "text",
    [
        "FROM python:3.11.9-slim\n",
        "FROM python@sha256:" + "a" * 64 + "\n",
        "FROM python:latest@sha256:" + "b" * 64 + "\n",
        "FROM scratch\n",
        "FROM python:3.11 AS build\nFROM build\n",
        "FROM registry.example.org:5000/img:1.2\n",
    ],
)
def test_unpinned_base_image_silent(tmp_path: Path, text: str) -> None:
    write(tmp_path, "Dockerfile", text + "USER 1000\n")
    assert findings_of(scan(tmp_path), "CF101") == []


def test_remote_add_and_piped_script(tmp_path: Path) -> None:
    write(
        tmp_path,
        "Dockerfile",
        """\
        FROM python:3.11
        ADD https://example.org/model.bin /models/
        ADD --checksum=sha256:abc https://example.org/ok.bin /models/
        ADD local.txt /app/
        RUN curl -fsSL https://example.org/install.sh | bash
        RUN wget -qO- https://example.org/x.sh | sudo sh
        RUN curl -o x.tgz https://example.org/x.tgz && tar xf x.tgz
        USER 1000
        """,
    )
    a = scan(tmp_path)
    assert [f.location.line for f in findings_of(a, "CF102")] == [2]
    assert [f.location.line for f in findings_of(a, "CF103")] == [5, 6]


def test_build_secrets(tmp_path: Path) -> None:
    write(
        tmp_path,
        "Dockerfile",
        """\
        FROM python:3.11
        ENV HF_TOKEN=hf_abcdefghijkl MODEL_DIR=/models
        ARG DB_PASSWORD=s3cr3t-value
        ARG GITHUB_TOKEN
        ENV OPENAI_API_KEY=${OPENAI_API_KEY}
        ENV TOKENIZER_PATH=/tok
        ENV LEGACY_SECRET_KEY verysecretvalue
        USER 1000
        """,
    )
    found = findings_of(scan(tmp_path), "CF104")
    assert [f.location.line for f in found] == [2, 3, 7]
    assert all("abcdefghijkl" not in f.evidence and "s3cr3t" not in f.evidence for f in found)


def test_server_commands_in_dockerfile(tmp_path: Path) -> None:
    write(
        tmp_path,
        "Dockerfile",
        """\
        FROM jupyter/base-notebook:2024-01-01
        USER 1000
        CMD ["jupyter", "lab", "--ip=0.0.0.0", "--ServerApp.token=", "--allow-root"]
        """,
    )
    assert {"CF117", "CF119"} <= set(rules_of(scan(tmp_path)))


def test_server_command_with_auth_is_silent(tmp_path: Path) -> None:
    write(
        tmp_path,
        "Dockerfile",
        """\
        FROM python:3.11
        USER 1000
        CMD mlflow server --host 0.0.0.0 --app-name basic-auth
        """,
    )
    assert not {"CF117", "CF118", "CF119", "CF120"} & set(rules_of(scan(tmp_path)))


def test_oversized_dockerfile_is_not_verified(tmp_path: Path) -> None:
    write(tmp_path, "Dockerfile", "FROM python:3.11\n" + "# pad\n" * 300_000)
    [f] = findings_of(scan(tmp_path), "CF116")
    assert "not verified" in f.message


def test_commands_in_run_lines_use_the_shared_rules(tmp_path: Path) -> None:
    write(
        tmp_path,
        "Dockerfile",
        """\
        FROM python:3.11.9-slim
        RUN pip install --trusted-host pypi.internal \\
              -r requirements.txt
        RUN curl -k -o /models/w.bin https://files.example.org/w.bin
        RUN chmod -R 777 /models && useradd app
        ENV PYTHONHTTPSVERIFY=0 MLFLOW_TRACKING_URI=http://mlflow.corp:5000
        ENV MLFLOW_S3_ENDPOINT_URL=https://s3.example.org
        RUN curl -fsS https://localhost:8443/ready -k || true
        RUN chmod 755 /app && chmod 1777 /tmp/cache
        USER app
        HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1
        """,
    )
    a = scan(tmp_path)
    got = sorted(
        (f.rule, f.location.line)
        for f in a.report.findings
        if f.rule in ("DP108", "CF123", "CF124", "CD131")
    )
    assert got == [("CD131", 6), ("CF123", 4), ("CF123", 6), ("CF124", 5), ("DP108", 2)]


@pytest.mark.parametrize(
    "text, line",
    [
        ("FROM python:3.11.9-slim\nUSER 1000\nCMD python serve.py\n", 1),
        (
            "FROM python:3.11.9 AS build\nHEALTHCHECK CMD true\nRUN make\n"
            "FROM python:3.11.9-slim\nCOPY --from=build /app /app\nUSER 1000\n",
            4,
        ),
    ],
)
def test_final_stage_without_healthcheck(tmp_path: Path, text: str, line: int) -> None:
    write(tmp_path, "Dockerfile", text)
    [f] = findings_of(scan(tmp_path), "CF122")
    assert f.location.line == line and f.severity.label == "low" and f.controls == ("PS7",)


@pytest.mark.parametrize(
    "path, text",
    [
        (
            "Dockerfile",
            "FROM python:3.11.9 AS build\nRUN make\nFROM gcr.io/distroless/python3:nonroot\n"
            'HEALTHCHECK --interval=30s CMD ["/app/probe"]\n',
        ),
        ("Dockerfile", "FROM python:3.11.9-slim\nUSER 1000\nHEALTHCHECK NONE\n"),
        (
            "Dockerfile",
            "FROM python:3.11.9 AS base\nHEALTHCHECK CMD true\nFROM base\nUSER 1000\n",
        ),
        (".devcontainer/Dockerfile", "FROM mcr.microsoft.com/devcontainers/python:3.12\n"),
    ],
)
def test_healthcheck_present_or_not_needed(tmp_path: Path, path: str, text: str) -> None:
    write(tmp_path, path, text)
    assert findings_of(scan(tmp_path), "CF122") == []


def test_index_and_sudo_settings_in_dockerfile(tmp_path: Path) -> None:
    write(
        tmp_path,
        "Dockerfile",
        "FROM python:3.12.4-slim\n"
        "ARG PIP_INDEX_URL=http://nexus.corp.example/repository/pypi/simple\n"
        "ENV PIP_EXTRA_INDEX_URL=https://pypi.org/simple\n"
        'RUN echo "app ALL=(ALL) NOPASSWD:ALL" >> /etc/sudoers && useradd app\n'
        'ENV JUPYTER_TOKEN=""\n'
        "USER app\n"
        'CMD ["jupyter", "lab", "--ip=0.0.0.0", "--ServerApp.token="]\n',
    )
    a = scan(tmp_path)
    [index] = findings_of(a, "DP108")
    assert index.location.line == 2 and "PIP_INDEX_URL" in index.evidence
    assert [f.location.line for f in findings_of(a, "CF125")] == [4]
    # the empty JUPYTER_TOKEN sets no token: both it and the command are reported
    assert sorted(f.location.line for f in findings_of(a, "CF117")) == [5, 7]
