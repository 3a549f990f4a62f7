"""HTTP API of the policy assistant."""
import secrets

import uvicorn
from fastapi import Depends, FastAPI, Header, HTTPException
from langchain.embeddings import HuggingFaceEmbeddings
from langchain.vectorstores import FAISS, Qdrant
from pydantic import BaseModel
from qdrant_client import QdrantClient

from app.agent import answer_with_tools
from app.settings import settings

app = FastAPI(title="policy-assistant")
emb = HuggingFaceEmbeddings(model_name="sentence-transformers/all-MiniLM-L6-v2")

qdrant = QdrantClient(url=settings.qdrant_url, api_key=settings.qdrant_api_key)
legacy_qdrant = QdrantClient(
    url="http://qdrant-legacy.acme-corp.com:6333",
    api_key="qd-7f2b9c4e1a8d3f6b0e5c2a9d7f1b4e8c",
)
store = Qdrant(client=qdrant, collection_name="policies", embeddings=emb)
archive = FAISS.load_local("/data/faiss/archive", emb, allow_dangerous_deserialization=True)


def require_key(x_api_key: str = Header(default="")) -> None:
    if not any(secrets.compare_digest(x_api_key, k) for k in settings.api_keys):
        raise HTTPException(status_code=401)


class Question(BaseModel):
    text: str


@app.post("/ask", dependencies=[Depends(require_key)])
def ask(q: Question) -> dict:
    docs = store.similarity_search(q.text, k=4) + archive.similarity_search(q.text, k=2)
    return answer_with_tools(q.text, docs)


if __name__ == "__main__":
    uvicorn.run("app.main:app", host="0.0.0.0", port=8080)
