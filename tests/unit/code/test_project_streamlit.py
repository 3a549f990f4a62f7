"""A Streamlit app without authentication (CD143) is reported when the project serves it
on every interface: a script, Procfile or Dockerfile that starts it bound to all interfaces
(Streamlit's default), or a compose service that runs it and publishes it beyond loopback.
An app published on loopback only, or never started by the project, is not.

Known false negatives: an app started through a variable (``streamlit run $APP``) or by a
launcher the project does not spell out.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import findings_of, scan, write

APP = "import streamlit as st\n\nst.write('hello')\n"


def cd143(root: Path) -> list[str]:
    return [f.location.path for f in findings_of(scan(root), "CD143")]


def test_script_on_every_interface(tmp_path: Path) -> None:
    write(tmp_path, "demo/app.py", APP)
    write(tmp_path, "demo/run.sh", "#!/bin/sh\nstreamlit run app.py --server.address 0.0.0.0\n")
    assert cd143(tmp_path) == ["demo/app.py"]


def test_script_on_loopback(tmp_path: Path) -> None:
    write(tmp_path, "demo/app.py", APP)
    write(tmp_path, "demo/run.sh", "#!/bin/sh\nstreamlit run app.py --server.address 127.0.0.1\n")
    assert cd143(tmp_path) == []


def test_never_started(tmp_path: Path) -> None:
    write(tmp_path, "app.py", APP)
    assert cd143(tmp_path) == []


def test_compose_publishes_everywhere(tmp_path: Path) -> None:
    write(tmp_path, "app/ui.py", APP)
    write(
        tmp_path,
        "docker-compose.yml",
        "services:\n  ui:\n    build: .\n    command: streamlit run app/ui.py\n"
        '    ports:\n      - "8501:8501"\n',
    )
    assert cd143(tmp_path) == ["app/ui.py"]


def test_image_published_on_loopback_only(tmp_path: Path) -> None:
    write(tmp_path, "app/streamlit_app.py", APP)
    write(
        tmp_path,
        "Dockerfile",
        'FROM python:3.11.9-slim\nCMD ["streamlit", "run", "app/streamlit_app.py", '
        '"--server.address=0.0.0.0"]\n',
    )
    write(
        tmp_path,
        "docker-compose.yml",
        'services:\n  streamlit:\n    build: .\n    ports:\n      - "127.0.0.1:8501:8501"\n',
    )
    assert cd143(tmp_path) == []


def test_config_keeps_default_on_loopback(tmp_path: Path) -> None:
    write(tmp_path, "app.py", APP)
    write(tmp_path, "Procfile", "web: streamlit run app.py\n")
    write(tmp_path, ".streamlit/config.toml", '[server]\naddress = "localhost"\n')
    assert cd143(tmp_path) == []
    write(tmp_path, ".streamlit/config.toml", '[server]\naddress = "0.0.0.0"\n')
    assert cd143(tmp_path) == ["app.py"]


def test_authenticated_app(tmp_path: Path) -> None:
    write(
        tmp_path,
        "app.py",
        "import streamlit as st\n\nif not st.user.is_logged_in:\n    st.login()\n",
    )
    write(tmp_path, "run.sh", "#!/bin/sh\nstreamlit run app.py --server.address 0.0.0.0\n")
    assert cd143(tmp_path) == []
