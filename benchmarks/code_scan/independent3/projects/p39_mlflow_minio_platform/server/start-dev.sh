#!/usr/bin/env bash
# Quick MLflow for a single workstation.
set -euo pipefail
mlflow server --backend-store-uri sqlite:///mlflow.db --default-artifact-root ./mlruns \
  --host 0.0.0.0 --port 5000 &
mlflow ui --host 127.0.0.1 --port 5050 &
wait
