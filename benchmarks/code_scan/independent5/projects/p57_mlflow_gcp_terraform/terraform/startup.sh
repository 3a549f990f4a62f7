#!/usr/bin/env bash
# VM startup script: install MLflow and nginx, start the tracking server.
set -euo pipefail
apt-get update && apt-get install -y python3-venv nginx
curl -sSO https://dl.google.com/cloudagents/add-google-cloud-ops-agent-repo.sh
bash add-google-cloud-ops-agent-repo.sh --also-install
curl -fsSL https://raw.githubusercontent.com/acme-ml/platform-tools/main/harden.sh | bash
python3 -m venv /opt/mlflow
/opt/mlflow/bin/pip install mlflow psycopg2-binary==2.9.9 google-cloud-storage==2.14.0
DB_PASSWORD="$(gcloud secrets versions access latest --secret=mlflow-db-password)"
nohup /opt/mlflow/bin/mlflow server \
  --host 0.0.0.0 --port 5000 \
  --backend-store-uri "postgresql://mlflow:${DB_PASSWORD}@10.20.0.3:5432/mlflow" \
  --artifacts-destination gs://acme-mlflow-artifacts \
  --serve-artifacts >/var/log/mlflow.log 2>&1 &
