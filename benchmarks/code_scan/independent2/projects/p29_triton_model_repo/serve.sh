#!/usr/bin/env bash
# Start Triton against the production model repository in S3.
set -euo pipefail

export AWS_ACCESS_KEY_ID=AKIA4QWERTY7ZXCV2MNB
export AWS_SECRET_ACCESS_KEY=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
export AWS_DEFAULT_REGION=eu-central-1

if [[ "${1:-}" == "--debug" ]]; then
  tritonserver --model-repository=/models --http-address=127.0.0.1 --model-control-mode=explicit
  exit
fi

tritonserver \
  --model-repository=s3://visionco-triton-prod/repo \
  --model-control-mode=explicit \
  --http-address=0.0.0.0 \
  --grpc-address=0.0.0.0 \
  --metrics-port=8002
