"""Contract-review assistant: retrieval chains and the analyst agent."""

from __future__ import annotations

import os

import httpx
import pandas as pd
from langchain_community.embeddings import HuggingFaceEmbeddings
from langchain_community.tools import ShellTool
from langchain_community.vectorstores import FAISS, Chroma
from langchain_experimental.agents import create_pandas_dataframe_agent
from langchain_experimental.tools import PythonREPLTool
from langchain_openai import ChatOpenAI
from langgraph.prebuilt import create_react_agent

EMBED_REVISION = "5c38ec7c405ec4b44b94cc5a9bb96e735b38267a"

gateway_llm = ChatOpenAI(
    model="gpt-4o-mini",
    base_url="http://llm-gateway.acme-legal.com/v1",
    api_key="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",
    http_client=httpx.Client(verify=False),
)
local_llm = ChatOpenAI(
    model="acme-legal/contracts-8b",
    base_url="http://vllm.rag.svc.cluster.local:8000/v1",
    api_key=os.environ["VLLM_API_KEY"],
    http_client=httpx.Client(verify="/etc/ssl/certs/acme-legal-ca.pem"),
)
default_llm = ChatOpenAI(model="gpt-4o-mini")

embeddings = HuggingFaceEmbeddings(model_name="BAAI/bge-small-en-v1.5")
pinned_embeddings = HuggingFaceEmbeddings(
    model_name="BAAI/bge-small-en-v1.5", model_kwargs={"revision": EMBED_REVISION}
)
clause_embeddings = HuggingFaceEmbeddings(
    model_name="acme-legal/clause-embedder", model_kwargs={"trust_remote_code": True}
)

clauses = FAISS.load_local("indexes/clauses", embeddings, allow_dangerous_deserialization=True)
precedents = Chroma(persist_directory="indexes/precedents", embedding_function=pinned_embeddings)

analyst = create_react_agent(gateway_llm, tools=[PythonREPLTool(), ShellTool()])
reviewer = create_react_agent(local_llm, tools=[])


def table_agent(frame: pd.DataFrame, trusted: bool = False):
    if trusted:
        return create_pandas_dataframe_agent(local_llm, frame, allow_dangerous_code=True)
    return create_pandas_dataframe_agent(local_llm, frame, allow_dangerous_code=False)
