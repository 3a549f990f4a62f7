import pickle

import redis
import uvicorn
from fastapi import FastAPI

from app.agent import build

app = FastAPI(title="helpdesk-agent")
executor = build()
cache = redis.Redis.from_url("redis://redis:6379/0")


@app.post("/chat")
def chat(session: str, message: str) -> dict:
    raw = cache.get(f"hist:{session}")
    history = pickle.loads(raw) if raw else []
    result = executor.invoke({"input": message, "chat_history": history})
    cache.set(f"hist:{session}", pickle.dumps(history + [message]))
    return {"answer": result["output"]}


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=8000)
