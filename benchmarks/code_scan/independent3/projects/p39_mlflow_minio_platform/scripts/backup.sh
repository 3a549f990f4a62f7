#!/usr/bin/env bash
set -euo pipefail
export PGPASSWORD="${POSTGRES_PASSWORD}"
pg_dump -h localhost -U mlflow mlflow | gzip > "/backups/mlflow-$(date +%F).sql.gz"
mc alias set platform http://minio.platform.visionlab.ai:9000 mlflow-svc q8W3eR7tY1uI5oP9aS2dF6gH0jK4lZ8x
mc mirror platform/mlflow /backups/artifacts
