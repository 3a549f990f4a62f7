"""A minimal Open Inference Protocol server for the overhead benchmark: it answers at once
with three class scores per row, so the measured time is the transport and the guard.

Usage: python upstream.py PORT
"""

from __future__ import annotations

import sys

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def infer(request: Request) -> JSONResponse:
    body = await request.json()
    t = body["inputs"][0]
    n = t["shape"][0]
    data = []
    for i in range(n):
        s = abs(sum(t["data"][i * t["shape"][1] : (i + 1) * t["shape"][1]])) % 1.0
        data += [s / 2, s / 2, 1.0 - s]
    out = {"name": "scores", "shape": [n, 3], "datatype": "FP64", "data": data}
    return JSONResponse({"model_name": "bench", "outputs": [out]})


app = Starlette(routes=[Route("/v2/models/bench/infer", infer, methods=["POST"])])

if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
