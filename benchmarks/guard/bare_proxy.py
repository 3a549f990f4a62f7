"""A pass-through proxy with the same stack as the guard (Starlette on uvicorn, httpx to the
upstream) and no checks at all: what the plumbing alone costs, beside the guard.

Usage: python bare_proxy.py PORT UPSTREAM
"""

from __future__ import annotations

import sys

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

UPSTREAM = sys.argv[2].rstrip("/") if len(sys.argv) > 2 else ""
client = httpx.AsyncClient(timeout=30)


async def forward(request: Request) -> Response:
    body = await request.body()
    r = await client.post(
        UPSTREAM + request.url.path, content=body, headers={"content-type": "application/json"}
    )
    return Response(r.content, r.status_code, media_type="application/json")


app = Starlette(routes=[Route("/{path:path}", forward, methods=["POST"])])

if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
