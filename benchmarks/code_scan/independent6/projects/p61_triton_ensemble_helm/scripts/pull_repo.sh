#!/usr/bin/env bash
set -euo pipefail
MODEL_BUCKET="${MODEL_BUCKET:?set MODEL_BUCKET}"
aws s3 sync "s3://${MODEL_BUCKET}/triton/qa" ./model_repository --no-verify-ssl
aws s3 sync "s3://${MODEL_BUCKET}/triton/qa-calib" ./calib --ca-bundle /etc/ssl/certs/corp-ca.pem
curl -fsSL -o model_repository/reranker/1/head.ts https://models.acme-ml.example.com/reranker/head.ts
curl -k -fsSL -o model_repository/reranker/1/calib.pt https://models.acme-ml.example.com/reranker/calib.pt
echo "TRITON_TOKEN=${TRITON_TOKEN:-}" > .triton.env
