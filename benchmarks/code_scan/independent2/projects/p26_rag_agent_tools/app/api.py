"""JSON API used by the chat widget."""

import os

import uvicorn
from fastapi import FastAPI

from app.agent import build_agent

api = FastAPI()


@api.post("/ask")
def ask(payload: dict) -> dict:
    return {"answer": build_agent(None).invoke({"input": payload["q"]})["output"]}


if __name__ == "__main__":
    uvicorn.run(api, host=os.environ.get("API_HOST", "127.0.0.1"), port=8000)
