#!/usr/bin/env bash
set -euo pipefail
PGPASSWORD="$(cat /run/secrets/pg_password)" pg_dump -h db -U mlflow mlflow > "backup-$(date +%F).sql"
aws s3 cp "backup-$(date +%F).sql" s3://ml-backups/mlflow/ --no-verify-ssl
curl --insecure -X POST https://hooks.internal.example-corp.com/backup-done
