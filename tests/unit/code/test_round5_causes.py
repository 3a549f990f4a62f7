"""Round-5 causes: Hub ids pinned to a branch in configuration files, Hub loaders wrapped by
other libraries, cloudpickle behind BentoML, and look-alikes that must stay quiet."""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.scanners.code.python import analyze_source
from secplan.scanners.platform_config.endpoints import revision_lines
from secplan.scanners.platform_config.pycontainers import container_hits
from tests.helpers import findings_of, scan, write

COMMIT = "0123456789abcdef0123456789abcdef01234567"


def found(src: str, rule: str) -> list[int]:
    return [h.line for h in analyze_source(src) if h.rule.id == rule]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("model:\n  name: acme/base-350m\n  revision: main\n", [3]),
        ("align:\n  revision: master\n  model: acme/align\n", [2]),
        ("HF_MODEL_ID: acme/explainer-7b\nHF_MODEL_REVISION: main\n", [2]),
        ('{"model_id": "acme/m", "model_revision": "main"}\n', []),  # one line: no sibling
        ('"encoder": "acme/m",\n"model_revision": "main",\n', [2]),
        # keys the training-configuration check judges with their revision: reported there
        ('"model_id": "acme/m",\n"model_revision": "main",\n', []),
        # a commit, a tag the owner cannot move silently, a path or a neighbour at another depth
        (f"model:\n  name: acme/m\n  revision: {COMMIT}\n", []),
        ("model:\n  name: acme/m\n  revision: v1.2.0\n", []),
        ("model:\n  path: checkpoints/best\n  revision: main\n", []),
        ("model:\n  name: models/base\n  revision: main\n", []),
        ("name: acme/m\nmodel:\n  revision: main\n", []),
        ("git:\n  url: https://github.com/acme/x\n  revision: main\n", []),
    ],
)
def test_branch_revision_in_config(text: str, expected: list[int]) -> None:
    assert [n for n, *_ in revision_lines(text)] == expected


def test_branch_revision_found_in_a_project(tmp_path: Path) -> None:
    write(tmp_path, "params.yaml", "align:\n  model: acme/align-base\n  revision: main\n")
    write(tmp_path, "sft.yaml", "base_model: acme/llama-ft\nbase_revision: main\n")
    write(tmp_path, "train/config.yaml", f"model:\n  name: acme/m\n  revision: {COMMIT}\n")
    hits = findings_of(scan(tmp_path), "CD112")
    assert sorted((f.location.path, f.location.line) for f in hits) == [
        ("params.yaml", 3),
        ("sft.yaml", 2),  # once, though two checks know the key
    ]


@pytest.mark.parametrize(
    "src, expected",
    [
        (
            "from langchain.embeddings import HuggingFaceEmbeddings\n"
            'e = HuggingFaceEmbeddings(model_name="sentence-transformers/all-MiniLM-L6-v2")\n',
            [2],
        ),
        (
            "from langchain_community.embeddings import HuggingFaceEmbeddings\n"
            'e = HuggingFaceEmbeddings(model_name="acme/e5", model_kwargs={"revision": "main"})\n',
            [2],
        ),
        (
            "from langchain_community.embeddings import HuggingFaceEmbeddings\n"
            'e = HuggingFaceEmbeddings(model_name="acme/e5", '
            f'model_kwargs={{"revision": "{COMMIT}", "device": "cpu"}})\n',
            [],
        ),
        (
            "from langchain_community.embeddings import HuggingFaceEmbeddings\n"
            'e = HuggingFaceEmbeddings(model_name="acme/e5", model_kwargs=opts)\n',
            [],
        ),
        (
            "from langchain_huggingface import HuggingFaceEmbeddings\n"
            'e = HuggingFaceEmbeddings(model_name="/srv/models/e5")\n',
            [],
        ),
    ],
)
def test_langchain_embeddings(src: str, expected: list[int]) -> None:
    assert found(src, "CD112") == expected


def test_bentoml_picklable_model() -> None:
    src = (
        "import bentoml\n"
        'labels = bentoml.picklable_model.load_model("labels:latest")\n'
        'onnx = bentoml.onnx.load_model("scorer:latest")\n'
    )
    assert found(src, "CD101") == [2]


_TRAIN = """import yaml
from transformers import AutoModel


def load(path="train/config.yaml"):
    with open(path) as fh:
        return yaml.safe_load(fh)


def build(cfg):
    mcfg = cfg["model"]
    return AutoModel.from_pretrained(
        mcfg["name"], revision=mcfg["revision"], trust_remote_code=mcfg["trust_remote_code"]
    )
"""


@pytest.mark.parametrize(
    "config, expected",
    [
        (
            "model:\n  name: acme/base\n  revision: main\n  trust_remote_code: true\n",
            {("CD112", 13), ("CD110", 13)},
        ),
        (f"model:\n  name: acme/base\n  revision: {COMMIT}\n  trust_remote_code: false\n", set()),
        # keys the file does not hold, and a local path: nothing is claimed
        ("model:\n  id: acme/base\n", set()),
        ("model:\n  name: ./checkpoints/base\n  revision: main\n", set()),
    ],
)
def test_download_configured_in_a_file(
    tmp_path: Path, config: str, expected: set[tuple[str, int]]
) -> None:
    write(tmp_path, "train/config.yaml", config)
    write(tmp_path, "train/train.py", _TRAIN)
    a = scan(tmp_path)
    got = {
        (rule, f.location.line)
        for rule in ("CD110", "CD112")
        for f in findings_of(a, rule)
        if f.location.path == "train/train.py"
    }
    assert got == expected


def test_configured_id_without_revision(tmp_path: Path) -> None:
    write(tmp_path, "params.json", '{"encoder": "acme/item-encoder", "epochs": 5}')
    write(
        tmp_path,
        "train.py",
        "import json\nfrom transformers import AutoModel\n"
        'CFG = json.load(open("params.json"))\n'
        'enc = AutoModel.from_pretrained(CFG["encoder"])\n'
        'other = AutoModel.from_pretrained(CFG["epochs"])\n',
    )
    hits = [(f.location.path, f.location.line) for f in findings_of(scan(tmp_path), "CD112")]
    assert hits == [("train.py", 4)]


def test_config_outside_the_project_is_not_read(tmp_path: Path) -> None:
    write(tmp_path, "cfg.yaml", "model:\n  name: acme/base\n  revision: main\n")
    project = tmp_path / "proj"
    write(project, "t.py", _TRAIN.replace("train/config.yaml", "../cfg.yaml"))
    assert findings_of(scan(project), "CD112") == []


def test_cloudformation_image_from_a_parameter(tmp_path: Path) -> None:
    write(
        tmp_path,
        "cfn/stack.yaml",
        'AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n'
        "  Pinned:\n    Type: String\n    Default: 1234.dkr.ecr.eu-west-1.amazonaws.com/s:1.8.0\n"
        "  Moving:\n    Type: String\n    Default: 1234.dkr.ecr.eu-west-1.amazonaws.com/s:latest\n"
        "  NoDefault:\n    Type: String\n"
        "Resources:\n"
        "  A:\n    Type: AWS::SageMaker::Model\n    Properties:\n"
        "      PrimaryContainer:\n        Image: !Ref Pinned\n"
        "  B:\n    Type: AWS::SageMaker::Model\n    Properties:\n"
        "      PrimaryContainer:\n        Image: !Ref Moving\n"
        "  C:\n    Type: AWS::SageMaker::Model\n    Properties:\n"
        "      PrimaryContainer:\n        Image: !Ref NoDefault\n",
    )
    hits = findings_of(scan(tmp_path), "CF101")
    assert [f.location.line for f in hits] == [21]


@pytest.mark.parametrize(
    "body, fires",
    [
        ('cmd = f"tesseract {shlex.quote(p)} stdout"\n', False),
        ('cmd = "tesseract " + shlex.quote(p)\n', False),
        ('cmd = f"tesseract {p} stdout"\n', True),
        ('cmd = f"tesseract {shlex.quote(p)} {q}"\n', True),
        # bound twice: either value may run
        ('cmd = f"tesseract {shlex.quote(p)}"\n    if q:\n        cmd = f"tesseract {p}"\n', True),
    ],
)
def test_shell_command_quoted_through_a_name(body: str, fires: bool) -> None:
    src = f"import shlex, subprocess\ndef f(p, q):\n    {body}    subprocess.run(cmd, shell=True)\n"
    assert bool(found(src, "CD121")) is fires


def test_documented_fake_contact_in_a_notebook_output(tmp_path: Path) -> None:
    import json

    def nb(text: str) -> str:
        cell = {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {},
            "source": ["print(row)"],
            "outputs": [{"name": "stdout", "output_type": "stream", "text": [text]}],
        }
        return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})

    write(
        tmp_path,
        "fake.ipynb",
        nb("synthetic canary: Jane Doe, jane.doe@example.com, (555) 010-4477"),
    )
    write(
        tmp_path, "real.ipynb", nb("Ana Okafor, ana.okafor@gridlane-energy.com, +1 (617) 839-2204")
    )
    hits = findings_of(scan(tmp_path), "CD302")
    assert {f.location.path for f in hits} == {"real.ipynb"}


@pytest.mark.parametrize(
    "src, expected",
    [
        (
            "from airflow.providers.docker.operators.docker import DockerOperator\n"
            'v = DockerOperator(\n    task_id="v",\n    privileged=True,\n'
            '    network_mode="host",\n)\n',
            [(4, "CF105"), (5, "CF106")],
        ),
        (
            'import docker\nc = docker.from_env()\nc.containers.run("i:1", pid_mode="host")\n',
            [(3, "CF106")],
        ),
        (
            'import docker\ndocker.from_env().containers.create("i:1", privileged=True)\n',
            [(2, "CF105")],
        ),
        # off, another network, or not a container API
        (
            'import docker\nc = docker.from_env()\nc.containers.run("i:1", privileged=False, '
            'network_mode="bridge")\n',
            [],
        ),
        (
            "from airflow.providers.docker.operators.docker import DockerOperator\n"
            'v = DockerOperator(task_id="v", network_mode="container:sidecar")\n',
            [],
        ),
        ('import subprocess\nsubprocess.run(["x"], privileged=True)\n', []),
        ('runner.run(cmd, privileged=True, network_mode="host")\n', []),
    ],
)
def test_container_started_from_python(src: str, expected: list[tuple[int, str]]) -> None:
    assert [(h.line, h.rule.id) for h in container_hits(src)] == expected


@pytest.mark.parametrize(
    "call, expected",
    [
        (
            'Minio(\n    "minio.data.acme-corp.com:9000",\n    access_key=a,\n    secure=False,\n)',
            [5],
        ),
        ('Minio("minio.data.acme-corp.com:9000", a, s, None, False)', [2]),
        # TLS on by default, local or in-cluster names, an address decided at run time
        ('Minio("minio.data.acme-corp.com:9000", access_key=a)', []),
        ('Minio("minio.data.acme-corp.com", secure=True, cert_check=False)', []),
        ('Minio("localhost:9000", secure=False)', []),
        ('Minio("minio:9000", secure=False)', []),
        ('Minio(os.environ["MINIO_ENDPOINT"], secure=False)', []),
    ],
)
def test_minio_without_tls(call: str, expected: list[int]) -> None:
    assert found(f"import os\nfrom minio import Minio\nc = {call}\n", "CD131") == [
        n + 1 for n in expected
    ]


@pytest.mark.parametrize(
    "body, fires",
    [
        ('df = pd.read_parquet("x")\n    return df.eval(cfg["filter_expr"])', True),
        ('data = pd.read_parquet("x")\n    return data.query(cfg.get("filter"))', True),
        ('return train_df.query(request.args["q"])', True),
        ('return pd.eval(cfg["expr"])', True),
        # literals and expressions the module builds, other query/eval methods
        ('return train_df.query("age > 30")', False),
        ('return train_df.query(f"{cfg} > 30")', False),
        ('return session.query(cfg["model"])', False),
        ("return model.eval()", False),
        ('return ast_tool.eval(cfg["expr"])', False),
    ],
)
def test_dataframe_eval_of_configured_expression(body: str, fires: bool) -> None:
    head = "import pandas as pd\nfrom flask import request\n"
    src = f"{head}def f(cfg, train_df, session, model):\n    {body}\n"
    assert bool(found(src, "CD120")) is fires


def test_settings_field_defaults_to_plain_http() -> None:
    src = """from pydantic_settings import BaseSettings

class Settings(BaseSettings):
    qdrant_url: str = "https://qdrant.acme-corp.com:6333"
    llm_gateway_url: str = "http://llm-gateway.acme-corp.com/v1"
    ollama_url: str = "http://ollama:11434"
    local_url: str = "http://localhost:8000"
    docs_url: str = "http://docs.acme-corp.com"
    greeting: str = "http://acme-corp.com"

class Plain:
    gateway_url: str = "http://llm-gateway.acme-corp.com/v1"
"""
    assert found(src, "CD131") == [5]


def test_cloudformation_parameter_default_credential(tmp_path: Path) -> None:
    write(
        tmp_path,
        "cfn/stack.yaml",
        'AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n'
        "  MonitoringDbPassword:\n    Type: String\n    Default: Fr4udMon!tor-2024-pw\n"
        "  ApiKey:\n    Type: String\n    NoEcho: true\n"
        "  AdminPassword:\n    Type: String\n    Default: changeme\n"
        "  DbPasswordSecretName:\n    Type: String\n    Default: prod/db/password\n"
        "  ModelDataUrl:\n    Type: String\n    Default: s3://bucket/model.tar.gz\n"
        "Resources:\n  B:\n    Type: AWS::S3::Bucket\n",
    )
    hits = findings_of(scan(tmp_path), "CD208")
    assert [(f.location.path, f.location.line) for f in hits] == [("cfn/stack.yaml", 5)]
    assert "Fr4udMon" not in hits[0].evidence


_LOADER = (
    "from transformers import AutoModel\n"
    'BACKBONE = "acme-research/tabular-bert"\n'
    "def load(name):\n"
    "    return AutoModel.from_pretrained(\n        name, trust_remote_code=False\n    )\n"
)


@pytest.mark.parametrize(
    "calls, expected",
    [
        ("m = load(BACKBONE)\n", [4]),
        ("m = load(name=BACKBONE)\nn = load(BACKBONE)\n", [4]),
        # callers that disagree, pass a run-time value, or never call it
        ('m = load(BACKBONE)\nn = load("./checkpoints/best")\n', []),
        ("m = load(args.model)\n", []),
        ("", []),
        ("m = load(*names)\n", []),
    ],
)
def test_hub_id_passed_in_by_every_caller(calls: str, expected: list[int]) -> None:
    assert found(_LOADER + calls, "CD112") == expected


def test_container_findings_in_a_project(tmp_path: Path) -> None:
    write(
        tmp_path,
        "dags/pipeline.py",
        "from airflow.providers.docker.operators.docker import DockerOperator\n"
        'v = DockerOperator(task_id="v", image="i:1", privileged=True)\n',
    )
    write(tmp_path, "broken.py", "def f(:\n    privileged=True\n")
    a = scan(tmp_path)
    assert [(f.location.path, f.location.line) for f in findings_of(a, "CF105")] == [
        ("dags/pipeline.py", 2)
    ]
