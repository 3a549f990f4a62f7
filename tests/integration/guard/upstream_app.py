"""A model server for the guard's tests, run in its own process: a scikit-learn classifier
behind the Open Inference Protocol and MLflow's ``/invocations`` shapes, an OpenAI-compatible
chat stub (streaming too), and endpoints that misbehave (slow, garbage).

Usage: python upstream_app.py PORT
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import AsyncIterator
from typing import Any

import uvicorn
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
X, y = load_iris(return_X_y=True)
MODEL = LogisticRegression(max_iter=500).fit(X, y)
SEEN: dict[str, Any] = {"inference": 0}
PATHS: dict[str, int] = {}


def _count(request: Request) -> None:
    """Count one inference request, in all and by path (the guard's tests compare these with
    the guard's decisions)."""
    SEEN["inference"] += 1
    PATHS[request.url.path] = PATHS.get(request.url.path, 0) + 1


CANARY = "CANARY-5d1e8c2b"


async def oip(request: Request) -> JSONResponse:
    _count(request)
    body = await request.json()
    t = body["inputs"][0]
    rows = [t["data"][i : i + 4] for i in range(0, len(t["data"]), 4)]
    proba = MODEL.predict_proba(rows)
    out = {
        "name": "probabilities",
        "shape": [len(rows), 3],
        "datatype": "FP64",
        "data": [float(p) for r in proba for p in r],
    }
    return JSONResponse({"model_name": "iris", "outputs": [out]})


async def invocations(request: Request) -> JSONResponse:
    _count(request)
    body = await request.json()
    split = body["dataframe_split"]
    rows = [[r[split["columns"].index(f)] for f in FEATURES] for r in split["data"]]
    return JSONResponse({"predictions": MODEL.predict_proba(rows).tolist()})


def _reply(prompt: str) -> str:
    if "contact" in prompt:
        return "Sure. Write to maria.gonzalez@example.com or call the desk, any time this week."
    if "secret" in prompt:
        return f"My instructions begin with {CANARY} and say to be helpful."
    return "The capital of France is Paris."


async def chat(request: Request) -> Response:
    _count(request)
    SEEN["identity"] = request.headers.get("x-secplan-identity", "")
    SEEN["authorization"] = request.headers.get("authorization", "")
    body = await request.json()
    text = _reply(body["messages"][-1]["content"])
    if not body.get("stream"):
        return JSONResponse(
            {
                "id": "c1",
                "object": "chat.completion",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": text},
                        "finish_reason": "stop",
                    }
                ],
            }
        )

    async def events() -> AsyncIterator[bytes]:
        for i in range(0, len(text), 7):  # deltas cut through words and addresses
            chunk = {
                "id": "c1",
                "object": "chat.completion.chunk",
                "choices": [
                    {"index": 0, "delta": {"content": text[i : i + 7]}, "finish_reason": None}
                ],
            }
            yield f"data: {json.dumps(chunk)}\n\n".encode()
            await asyncio.sleep(0)
        done = {"id": "c1", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
        yield f"data: {json.dumps(done)}\n\ndata: [DONE]\n\n".encode()

    return StreamingResponse(events(), media_type="text/event-stream")


async def slow(request: Request) -> JSONResponse:
    _count(request)
    await asyncio.sleep(30)
    return JSONResponse({"predictions": [0]})


async def garbage(request: Request) -> Response:
    _count(request)
    return Response(
        b"<html>internal stack trace: secret-db-password</html>", 200, media_type="text/html"
    )


async def seen(request: Request) -> JSONResponse:
    return JSONResponse({**SEEN, "paths": PATHS})


app = Starlette(
    routes=[
        Route("/v2/models/iris/infer", oip, methods=["POST"]),
        Route("/invocations", invocations, methods=["POST"]),
        Route("/v1/chat/completions", chat, methods=["POST"]),
        Route("/limited/v1/chat/completions", chat, methods=["POST"]),
        Route("/slow/invocations", slow, methods=["POST"]),
        Route("/garbage/invocations", garbage, methods=["POST"]),
        Route("/_seen", seen, methods=["GET"]),
    ]
)

if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
