"""Build the LlamaIndex indexes from the contract store."""

import pickle
from pathlib import Path

import pandas as pd
import requests
import urllib3
from llama_index.core import Settings, SimpleDirectoryReader, StorageContext, VectorStoreIndex, load_index_from_storage
from llama_index.embeddings.huggingface import HuggingFaceEmbedding
from llama_index.experimental.query_engine import PandasQueryEngine
from llama_index.readers.web import SimpleWebPageReader

Settings.embed_model = HuggingFaceEmbedding(model_name="acme-legal/clause-embedder", trust_remote_code=True)
pinned = HuggingFaceEmbedding(model_name="BAAI/bge-small-en-v1.5", revision="5c38ec7c405ec4b44b94cc5a9bb96e735b38267a")

docs = SimpleDirectoryReader("data/contracts", recursive=True).load_data()
web = SimpleWebPageReader(html_to_text=True).load_data(["http://wiki.acme-legal.com/playbooks/nda"])
index = VectorStoreIndex.from_documents(docs + web)
index.storage_context.persist("indexes/contracts")
restored = load_index_from_storage(StorageContext.from_defaults(persist_dir="indexes/contracts"))

with open("indexes/legacy_docstore.pkl", "rb") as fh:
    legacy = pickle.load(fh)

fees = pd.read_csv("data/fee_schedule.csv")
fee_engine = PandasQueryEngine(df=fees, verbose=True)

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
resp = requests.get("https://matters.acme-legal.com/api/export", timeout=30, verify=False)
Path("data/matters.json").write_bytes(resp.content)
