#!/bin/sh
# Start the tracking server on the team VM.
export MLFLOW_TRACKING_USERNAME=admin
export MLFLOW_TRACKING_PASSWORD=password1234

mlflow server \
  --backend-store-uri sqlite:///mlflow.db \
  --default-artifact-root ./mlartifacts \
  --host 0.0.0.0 --port 5000 &

# the authenticated instance for the wider org
mlflow server --app-name basic-auth --host 0.0.0.0 --port 5001 --backend-store-uri sqlite:///auth.db &

# personal UI, loopback only
mlflow ui --port 5002
