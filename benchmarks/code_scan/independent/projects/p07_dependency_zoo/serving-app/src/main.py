from fastapi import Depends, FastAPI
from fastapi.security import APIKeyHeader

api_key = APIKeyHeader(name="X-API-Key")
app = FastAPI()


@app.post("/predict", dependencies=[Depends(api_key)])
def predict(features: dict):
    return {"churn": 0.12}
