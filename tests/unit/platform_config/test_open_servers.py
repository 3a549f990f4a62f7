"""Servers and UIs without authentication of their own, put on every interface: Feast and
other dashboards started from a command line, compose services publishing a known
unauthenticated UI (Kafka UI, a Gradio app...), Gradio apps launched on ``0.0.0.0`` without
``auth=`` and ``GRADIO_SERVER_NAME``. A loopback publish, an auth option or variable, or
another app's ``auth=`` keeps them quiet or not, as each case says.

Known false negatives: a UI whose image is a private build and whose command names no
known app; authentication configured in a file the command reads.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.scanners.platform_config.commands import check_command, check_env
from tests.helpers import findings_of, line_with, scan, write


@pytest.mark.parametrize(
    "cmd, fires",
    [
        ("feast serve -h 0.0.0.0 -p 6566", True),
        ("feast -c repo serve --host=0.0.0.0", True),
        ("feast ui --host 0.0.0.0", True),
        ("feast serve -h 127.0.0.1", False),
        ("feast serve", False),
        ("feast apply", False),
        ("aim up --host 0.0.0.0", True),
        ("optuna-dashboard sqlite:///db.sqlite3 --host 0.0.0.0", True),
        ("kedro viz --host 0.0.0.0", True),
        ("evidently ui --host 0.0.0.0 --port 8000", True),
        ("voila app.ipynb --Voila.ip=0.0.0.0", True),
        ("llama-server -m m.gguf --host 0.0.0.0 --port 8080", True),
        ("llama-server -m m.gguf --host 0.0.0.0 --api-key-file /run/k", False),
        ("panel serve app.py --address 0.0.0.0", True),
        ("panel serve app.py --address 0.0.0.0 --basic-auth creds.json", False),
        ("celery -A proj flower --address=0.0.0.0", True),
        ("celery -A proj worker", False),
        ("code-server --bind-addr 0.0.0.0:8080 --auth none", True),
        ("code-server --bind-addr 0.0.0.0:8080", False),
        ("marimo edit --host 0.0.0.0 --no-token", True),
        ("marimo edit --host 0.0.0.0", False),
        ("chroma run --host 0.0.0.0", True),
        ("CHROMA_SERVER_AUTHN_PROVIDER=x chroma run --host 0.0.0.0", False),
    ],
)
def test_dashboards_on_every_interface(cmd: str, fires: bool) -> None:
    assert [h.rule.id for h in check_command(cmd)] == (["CF117"] if fires else [])


@pytest.mark.parametrize(
    "name, value, fires",
    [
        ("GRADIO_SERVER_NAME", "0.0.0.0", True),
        ("GRADIO_SERVER_NAME", "127.0.0.1", False),
        ("STREAMLIT_SERVER_ADDRESS", "0.0.0.0", True),
        ("STREAMLIT_SERVER_ADDRESS", "localhost", False),
    ],
)
def test_bind_variables(name: str, value: str, fires: bool) -> None:
    assert bool(check_env(name, value)) is fires


COMPOSE = """\
services:
  kafka-ui:
    image: provectuslabs/kafka-ui:v0.7.2
    ports:
      - "8080:8080"
  kafka-ui-login:
    image: provectuslabs/kafka-ui:v0.7.2
    environment:
      AUTH_TYPE: LOGIN_FORM
    ports:
      - "8081:8080"
  console-local:
    image: docker.redpanda.com/redpandadata/console:v2.4.0
    ports:
      - "127.0.0.1:8082:8080"
  gradio:
    build: .
    command: python app/gradio_app.py
    ports:
      - "7860:7860"
  demo-local:
    build: .
    command: python app/gradio_app.py
    ports:
      - "127.0.0.1:7861:7860"
  web:
    image: nginx:1.27
    ports:
      - "8090:8080"
  feature-server:
    build: ./fs
    command: feast serve -h 0.0.0.0 -p 6566
    ports:
      - "6566:6566"
  feature-local:
    build: ./fs
    command: feast serve -h 0.0.0.0 -p 6566
    ports:
      - "127.0.0.1:6567:6566"
  space:
    build: .
    environment:
      GRADIO_SERVER_NAME: 0.0.0.0
    ports:
      - "127.0.0.1:7862:7860"
"""


def test_compose_open_uis(tmp_path: Path) -> None:
    write(tmp_path, "docker-compose.yml", COMPOSE)
    found = sorted(f.location.line for f in findings_of(scan(tmp_path), "CF117"))
    assert found == sorted(
        [
            line_with(COMPOSE, '"8080:8080"'),
            line_with(COMPOSE, '"7860:7860"'),
            line_with(COMPOSE, "feast serve -h 0.0.0.0 -p 6566"),
        ]
    )


GRADIO_APP = """\
import os

import gradio as gr

demo = gr.Interface(fn=str, inputs="text", outputs="text")
admin = gr.Interface(fn=str, inputs="text", outputs="text")

if os.environ.get("DEMO_LAN") == "1":
    demo.launch(server_name="0.0.0.0", server_port=7860)
else:
    demo.launch(server_name="127.0.0.1", server_port=7860)
admin.launch(server_name="0.0.0.0", server_port=7861, auth=("admin", os.environ["PW"]))
"""


def test_gradio_launch_needs_its_own_auth(tmp_path: Path) -> None:
    write(tmp_path, "app/gradio_app.py", GRADIO_APP)
    found = [f.location.line for f in findings_of(scan(tmp_path), "CD141")]
    assert found == [line_with(GRADIO_APP, 'demo.launch(server_name="0.0.0.0"')]
