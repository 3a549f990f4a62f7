"""Serve churn predictions over HTTP (run: uvicorn serve:app)."""

from __future__ import annotations

import math
import pickle

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI(title="churn-predictor")

with open("models/churn.pkl", "rb") as fh:
    MODEL = pickle.load(fh)


class Customer(BaseModel):
    tenure_months: float
    monthly_spend: float
    support_tickets: float


@app.post("/predict")
def predict(customer: Customer) -> dict[str, float]:
    x = [getattr(customer, f) for f in MODEL["features"]]
    z = sum(
        w * (v - m) / s
        for w, v, m, s in zip(MODEL["weights"], x, MODEL["means"], MODEL["stds"], strict=True)
    )
    return {"churn_probability": 1 / (1 + math.exp(-(z + MODEL["bias"])))}


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host="0.0.0.0", port=8000)
