"""Round-7 misses in code: agents built with ``allow_dangerous_code=True``, LlamaIndex's
``PandasQueryEngine``, and a pandas expression given as a Kubeflow component's run
parameter."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import scan, write


def found(root: Path, path: str) -> list[tuple[str, int | None]]:
    a = scan(root)
    return sorted((f.rule, f.location.line) for f in a.report.findings if f.location.path == path)


AGENTS = """\
from langchain_experimental.agents import create_pandas_dataframe_agent
from llama_index.experimental.query_engine import PandasQueryEngine


def table_agent(llm, frame, trusted=False):
    if trusted:
        return create_pandas_dataframe_agent(llm, frame, allow_dangerous_code=True)
    return create_pandas_dataframe_agent(llm, frame, allow_dangerous_code=False)


def engine(frame):
    return PandasQueryEngine(df=frame, verbose=True)


def plain(frame, llm):
    return create_pandas_dataframe_agent(llm, frame)
"""


def test_model_written_code_run_in_process(tmp_path: Path) -> None:
    write(tmp_path, "app/agents.py", AGENTS)
    got = [g for g in found(tmp_path, "app/agents.py") if g[0] == "CD120"]
    assert got == [("CD120", 7), ("CD120", 12)]


COMPONENT = """\
from kfp import dsl


@dsl.component(base_image="python:3.11-slim")
def ingest(source_uri: str, query: str, columns: str):
    import pandas as pd

    frame = pd.read_parquet(source_uri)
    frame = frame.query(query)
    frame = frame.query("amount > 0")
    columns = "a > 1"
    return frame.eval(columns)


def helper(frame, query: str):
    return frame.query(query)
"""


def test_pandas_expression_given_as_a_run_parameter(tmp_path: Path) -> None:
    write(tmp_path, "pipeline.py", COMPONENT)
    got = [g for g in found(tmp_path, "pipeline.py") if g[0] == "CD120"]
    # the literal, the reassigned parameter and a plain function's parameter stay clean
    assert got == [("CD120", 9)]


CHOICE = """\
import os

import bentoml
from ray.job_submission import JobSubmissionClient

REMOTE = "http://summarizer.example.com:3000"
LOCAL = "http://127.0.0.1:3000"
SECURE = "https://summarizer.example.com"
DASHBOARD = "http://ray-head.example.com:8265"
IN_CLUSTER = "http://ray-head-svc.ml.svc.cluster.local:8265"

client = JobSubmissionClient(IN_CLUSTER if os.environ.get("KUBERNETES_SERVICE_HOST") else DASHBOARD)


def replay(remote: bool = True) -> None:
    url = REMOTE if remote else LOCAL
    with bentoml.SyncHTTPClient(url) as c:
        c.call("summarize", text="x")


def safe(remote: bool = True) -> None:
    url = SECURE if remote else LOCAL
    with bentoml.SyncHTTPClient(url) as c:
        c.call("summarize", text="x")


def other(url: str) -> None:
    with bentoml.SyncHTTPClient(url) as c:
        c.call("summarize", text="x")
"""


def test_a_choice_between_addresses_is_judged_branch_by_branch(tmp_path: Path) -> None:
    write(tmp_path, "client.py", CHOICE)
    got = [g for g in found(tmp_path, "client.py") if g[0] == "CD131"]
    # REMOTE and DASHBOARD, each where its URL is written; never the local, https or
    # in-cluster addresses
    assert got == [("CD131", 6), ("CD131", 9)]


HUB = """\
from huggingface_hub import snapshot_download
from llama_index.embeddings.huggingface import HuggingFaceEmbedding
from sentence_transformers import SentenceTransformer

PINNED = "9b2e4c1a7d3f5e6b8c0a1d2e3f4a5b6c7d8e9f01"


def load(name: str = "example-org/product-minilm") -> SentenceTransformer:
    return SentenceTransformer(name, revision=PINNED)


def load_latest(name: str = "example-org/product-minilm") -> SentenceTransformer:
    return SentenceTransformer(name)


def load_local(name: str = "./models/minilm") -> SentenceTransformer:
    return SentenceTransformer(name)


def load_renamed(name: str = "example-org/product-minilm") -> SentenceTransformer:
    name = PINNED_DIR
    return SentenceTransformer(name)


def mirror(name: str) -> str:
    return snapshot_download(name, revision="refs/pr/7")


def mirror_pinned(name: str) -> str:
    return snapshot_download(name, revision=PINNED)


embedder = HuggingFaceEmbedding(model_name="example-org/clause-embedder")
pinned = HuggingFaceEmbedding(model_name="example-org/clause-embedder", revision=PINNED)
PINNED_DIR = "./models"
"""


def test_hub_models_named_by_defaults_refs_and_llama_index(tmp_path: Path) -> None:
    write(tmp_path, "embed.py", HUB)
    got = [g for g in found(tmp_path, "embed.py") if g[0] == "CD112"]
    # the parameter's Hub default, a pull-request ref, LlamaIndex's wrapper
    assert got == [("CD112", 13), ("CD112", 26), ("CD112", 33)]
