import os

import requests
import uvicorn
from fastapi import Depends, FastAPI, Header, HTTPException

app = FastAPI()


def require_key(x_api_key: str = Header(...)):
    if x_api_key != os.environ["HEALTH_API_KEY"]:
        raise HTTPException(status_code=401)


@app.get("/health", dependencies=[Depends(require_key)])
def health():
    r = requests.get("http://localhost:8501/_stcore/health", timeout=2)
    return {"streamlit": r.text}


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=8080)
