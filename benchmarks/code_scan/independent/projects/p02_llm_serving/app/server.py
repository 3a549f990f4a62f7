"""Gateway in front of the model servers."""

import uvicorn
from fastapi import Depends, FastAPI
from fastapi.security import HTTPBearer

bearer = HTTPBearer()
app = FastAPI(dependencies=[Depends(bearer)])


@app.get("/v1/models")
def models():
    return {"data": [{"id": "support-bot"}]}


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=9000)
