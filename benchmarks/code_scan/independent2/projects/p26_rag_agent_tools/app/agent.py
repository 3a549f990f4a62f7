"""The agent: retrieval over the knowledge base plus tools the model may call."""

from __future__ import annotations

import ast
import os
import pickle
import subprocess

import chromadb
import pandas as pd
import requests
from jinja2 import Environment
from jinja2.sandbox import SandboxedEnvironment
from langchain.agents import AgentExecutor, Tool, create_react_agent
from langchain_community.vectorstores import FAISS, Chroma
from langchain_experimental.utilities import PythonREPL
from langchain_openai import ChatOpenAI
from sentence_transformers import SentenceTransformer
from transformers import AutoModelForCausalLM

INDEX_DIR = "index/faiss"
WEAVIATE_URL = "http://weaviate:8080"
EMBEDDER = "BAAI/bge-small-en-v1.5"

llm = ChatOpenAI(
    model="gpt-4o-mini",
    temperature=0,
    api_key="sk-proj-Xq7vN2mR9tL4wK8pJ3sZ6yH1cB5fD0gA",
)
embedder = SentenceTransformer(EMBEDDER)
reranker = SentenceTransformer(EMBEDDER, revision="5c38ec7c405ec4b44b94cc5a9bb96e735b38267a")
local_llm = AutoModelForCausalLM.from_pretrained(
    "microsoft/Phi-3-mini-4k-instruct",
    revision="0a67737cc96d2554230f90338b163bc6380a2a85",
    trust_remote_code=True,
)

vectorstore = FAISS.load_local(INDEX_DIR, embedder, allow_dangerous_deserialization=True)
with open("index/docstore.pkl", "rb") as fh:
    docstore = pickle.load(fh)
archive = Chroma(
    client=chromadb.HttpClient(host="vectors.ragco.io", port=8000, ssl=False),
    collection_name="tickets-2023",
)


def calculator(expression: str) -> str:
    """Arithmetic the model asks for."""
    return str(eval(expression))


def parse_list(text: str) -> list:
    return list(ast.literal_eval(text))


def analyst(generated_code: str) -> str:
    """Run the pandas snippet the model wrote against the tickets table."""
    df = pd.read_parquet("data/tickets.parquet")
    scope = {"pd": pd, "df": df}
    exec(generated_code, scope)
    return str(scope.get("result"))


def shell(command: str) -> str:
    """Operators only: run a diagnostic command chosen by the model."""
    done = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=30)
    return done.stdout[-4000:]


def fetch(url: str) -> str:
    return requests.get(url, timeout=15, verify=False).text[:8000]


def render_answer(user_template: str, answer: str) -> str:
    return Environment().from_string(user_template).render(answer=answer)


def render_preview(user_template: str, answer: str) -> str:
    return SandboxedEnvironment().from_string(user_template).render(answer=answer)


python_repl = PythonREPL()
TOOLS = [
    Tool(name="calculator", func=calculator, description="evaluate arithmetic"),
    Tool(name="python", func=python_repl.run, description="run Python code"),
    Tool(name="analyst", func=analyst, description="pandas over the tickets table"),
    Tool(name="shell", func=shell, description="run a shell command"),
    Tool(name="fetch", func=fetch, description="fetch a web page"),
]


def build_agent(prompt) -> AgentExecutor:
    agent = create_react_agent(llm, TOOLS, prompt)
    return AgentExecutor(agent=agent, tools=TOOLS, max_iterations=int(os.environ.get("MAX_STEPS", "6")))
