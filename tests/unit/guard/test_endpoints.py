"""Finding serving endpoints and guards without importing or running anything."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secplan.discovery import discover as walk
from secplan.endpoints import (
    Found,
    compose_found,
    discover,
    kubernetes_found,
    python_found,
    shell_endpoints,
    shell_guards,
    torchserve_config,
)
from secplan.scanners.platform_config.yamlsafe import load_all
from tests.helpers import write
from tests.unit.guard.test_coverage import K8S


def _py(src: str) -> Found:
    return python_found("svc.py", textwrap.dedent(src))


def _kinds(found: Found) -> list[str]:
    return sorted(e.kind for e in found.endpoints)


@pytest.mark.parametrize(
    ("src", "kind"),
    [
        (
            "from flask import Flask\napp = Flask(__name__)\n"
            "@app.route('/predict', methods=['POST'])\ndef p(): ...\n"
            "app.run(host='0.0.0.0', port=5001)\n",
            "flask",
        ),
        (
            "from starlette.applications import Starlette\nimport torch\n"
            "app = Starlette()\n@app.route('/score')\nasync def s(r): ...\n",
            "starlette",
        ),
        (
            "from litestar import Litestar, post\n@post('/v1/generate')\n"
            "async def g() -> str: ...\napp = Litestar([g])\n",
            "litestar",
        ),
        ("import bentoml\n@bentoml.service\nclass Svc:\n    pass\n", "bentoml"),
        ("from ray import serve\n@serve.deployment\nclass M:\n    pass\n", "ray-serve"),
        (
            "import gradio as gr\nfrom transformers import pipeline\np = pipeline('sentiment')\n"
            "gr.Interface(fn=p, inputs='text', outputs='label').launch(share=True)\n",
            "gradio",
        ),
        (
            "import streamlit as st\nimport joblib\nm = joblib.load('m.joblib')\n"
            "st.write(m.predict([[1]]))\n",
            "streamlit",
        ),
        ("import subprocess\nsubprocess.run('mlflow models serve -m runs:/1/m')\n", "mlflow"),
    ],
)
def test_python_model_servers(src: str, kind: str) -> None:
    assert _kinds(_py(src)) == [kind]


def test_flask_details_and_gradio_share_are_public() -> None:
    [e] = _py(
        "from flask import Flask\napp = Flask(__name__)\n@app.post('/predict')\ndef p(): ...\n"
        "app.run(host='0.0.0.0', port=5001)\n"
    ).endpoints
    assert (e.line, e.port, e.public, e.module) == (2, 5001, True, "svc")
    [g] = _py(
        "import gradio as gr\nimport torch\nm = torch.load('m.pt')\n"
        "gr.Interface(fn=m, inputs='text', outputs='text').launch(share=True)\n"
    ).endpoints
    assert g.public


@pytest.mark.parametrize(
    "src",
    [
        # a web app with no model and no inference route
        "from fastapi import FastAPI\napp = FastAPI()\n@app.get('/health')\ndef h(): ...\n",
        # a client calling a hosted model is not a server
        "import openai\nprint(openai.OpenAI().chat.completions.create(model='m', messages=[]))\n",
        # a model in a script, no server
        "import joblib\nprint(joblib.load('m.joblib').predict([[1]]))\n",
        # the words only in a string or a comment
        "# app = FastAPI()  @app.post('/predict')\nDOC = 'vllm serve model'\n",
        "def broken(:\n",
    ],
)
def test_not_endpoints(src: str) -> None:
    assert _py(src).endpoints == ()


def test_notebook_calling_an_api_is_no_endpoint(tmp_path: Path) -> None:
    cells = [
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": 1,
            "source": ["import requests\n", "requests.post('http://api:8080/predict', json=[[1]])"],
        },
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": 2,
            "source": [
                "from fastapi import FastAPI\n",
                "app = FastAPI()\n",
                "@app.post('/predict')\n",
                "def p(): ...\n",
            ],
        },
    ]
    nb = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    write(tmp_path, "explore.ipynb", json.dumps(nb))
    found = walk(tmp_path, root=tmp_path)
    assert discover(found.artifacts).endpoints == ()


def test_compose_servers_ports_and_guards() -> None:
    docs = load_all(
        textwrap.dedent(
            """
            services:
              triton:
                image: nvcr.io/nvidia/tritonserver:24.08-py3
                command: tritonserver --model-repository=/models
                ports: ["127.0.0.1:8000:8000"]
              ollama:
                image: ollama/ollama:0.3.12
                ports: ["11434:11434"]
              vllm:
                image: vllm/vllm-openai:v0.6.3
                command: --model m --host 0.0.0.0 --port 8001
                ports: ["8001:8001"]
              tracking:
                image: ghcr.io/mlflow/mlflow:v2.16.0
                command: mlflow server --host 0.0.0.0
              guard:
                image: secplan
                entrypoint: ["secplan", "guard", "serve"]
                command: ["--upstream", "http://triton:8000", "--policy", "p/guard.toml"]
              web:
                build: .
                command: gunicorn -k uvicorn.workers.UvicornWorker serve:app
            """
        )
    )
    found = compose_found("compose.yaml", docs)
    assert [(e.kind, e.service, e.port, e.public) for e in found.endpoints] == [
        ("triton", "triton", 8000, False),
        ("ollama", "ollama", 11434, True),
        ("vllm", "vllm", 8001, True),
    ]
    [g] = found.guards
    assert (g.service, g.host, g.port, g.policy) == ("guard", "triton", 8000, "p/guard.toml")
    assert found.runners == (("web", "serve", None),)


def test_kubernetes_servers_and_public_services() -> None:
    isvc = "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata: {name: iris}\n"
    public = K8S.replace("spec: {selector", "spec: {type: LoadBalancer, selector")
    docs = load_all(isvc + "---" + textwrap.dedent(public))
    found = kubernetes_found("k8s.yaml", docs)
    assert [(e.kind, e.service, e.port, e.public) for e in found.endpoints] == [
        ("kserve", "iris", None, False),
        ("tgi", "tgi", 8080, True),
    ]
    assert [(g.host, g.port, g.service) for g in found.guards] == [("tgi", 8080, "guard")]


def test_shell_launch_lines(tmp_path: Path) -> None:
    write(
        tmp_path,
        "serve.sh",
        """\
        #!/bin/sh
        set -e
        mlflow models serve -m models:/iris/1 -p 5001 --host 0.0.0.0 &
        torchserve --start --model-store /models \\
            --ncs
        CUDA_VISIBLE_DEVICES=0 vllm serve Qwen/Qwen2.5 --port 9000
        tritonserver --model-repository=/m --http-port 8100
        text-generation-launcher --model-id /m --hostname 0.0.0.0
        echo "vllm serve is started above"
        torchserve --stop
        """,
    )
    found = discover(walk(tmp_path, root=tmp_path).artifacts)
    assert [(e.kind, e.line, e.port, e.public) for e in found.endpoints] == [
        ("mlflow", 3, 5001, True),
        ("torchserve", 4, 8080, False),
        ("vllm", 6, 9000, False),
        ("triton", 7, 8100, False),
        ("tgi", 8, 3000, True),
    ]


def test_hostile_yaml_is_skipped(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    write(tmp_path, "docker-compose.yml", "services:\n  x:\n    image: vllm/vllm-openai\n" + bomb)
    write(tmp_path, "deep.py", "x = " + "[" * 5000 + "]" * 5000 + "\n")
    assert discover(walk(tmp_path, root=tmp_path).artifacts).endpoints == ()


@pytest.mark.parametrize(
    ("line", "audited"),
    [
        ('app = GuardMiddleware(app, build_gate(Path("g/guard.toml"), open_services()))', True),
        ('app.add_middleware(GuardMiddleware, gate=build_gate(Path("g/guard.toml"), None))', False),
        (
            "app.add_middleware(GuardMiddleware, "
            'build_gate(policy=Path("g/guard.toml"), services=None))',
            False,
        ),
    ],
)
def test_guard_middleware(line: str, audited: bool) -> None:
    found = _py(
        "from pathlib import Path\nfrom fastapi import FastAPI\n"
        "from secplan.guard.proxy import GuardMiddleware\n"
        f"app = FastAPI()\n@app.post('/v1/chat/completions')\ndef c(): ...\n{line}\n"
    )
    [g] = found.guards
    assert (g.how, g.line, g.policy, g.audited, g.module) == (
        "middleware",
        7,
        "g/guard.toml",
        audited,
        "svc",
    )


def test_torchserve_config_properties(tmp_path: Path) -> None:
    write(
        tmp_path,
        "serve/config.properties",
        "management_address=http://127.0.0.1:8081\ninference_address=http://0.0.0.0:8443\n",
    )
    write(tmp_path, "app.properties", "server.port=8080\n")
    [e] = discover(walk(tmp_path, root=tmp_path).artifacts).endpoints
    assert (e.path, e.line, e.kind, e.port, e.public) == (
        "serve/config.properties",
        2,
        "torchserve",
        8443,
        True,
    )


_yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "services",
                    "image",
                    "command",
                    "ports",
                    "kind",
                    "spec",
                    "metadata",
                    "name",
                    "template",
                    "containers",
                    "args",
                    "selector",
                    "labels",
                    "type",
                    "entrypoint",
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)
_words = st.lists(
    st.sampled_from(
        [
            "vllm",
            "serve",
            "secplan",
            "guard",
            "--upstream",
            "http://a:1",
            "--port",
            "x",
            "'",
            '"',
            "\\",
            "&&",
            "|",
            "--host",
            "0.0.0.0",
            "torchserve",
            "--start",
            "$(",
            ")",
            "\n",
        ]
    )
    | st.text(max_size=8),
    max_size=12,
).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=st.lists(_yaml_values, max_size=3), text=_words)
def test_parsers_never_raise(docs: list[object], text: str) -> None:
    compose_found("c.yaml", list(docs))
    kubernetes_found("k.yaml", list(docs))
    list(shell_endpoints("s.sh", text))
    list(shell_guards("s.sh", text))
    list(torchserve_config("c.properties", text.replace(" ", "=")))
    python_found("p.py", text)


@pytest.mark.parametrize(
    "doc",
    [
        {"services": {"a": {"ports": 5, "image": "vllm/vllm-openai"}}},
        {"services": {"a": {"ports": "8000:8000", "image": "ollama/ollama"}}},
        {"kind": "Deployment", "spec": {"template": {"spec": {"containers": 5}}}},
        {
            "kind": "Deployment",
            "spec": {"template": {"spec": {"containers": [{"image": "vllm/x", "ports": 5}]}}},
        },
        {"kind": "CronJob", "spec": {"jobTemplate": 5}},
    ],
)
def test_odd_shapes_are_read_as_nothing_published(doc: dict[str, object]) -> None:
    found = compose_found("c.yaml", [doc]) if "services" in doc else kubernetes_found("k", [doc])
    assert all(not e.public for e in found.endpoints)
