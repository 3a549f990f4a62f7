#!/usr/bin/env bash
set -euo pipefail
tritonserver \
  --model-repository=/models \
  --model-control-mode=explicit \
  --http-restricted-api=model-repository,shared-memory:triton-admin-key=${TRITON_ADMIN_KEY} \
  --grpc-restricted-protocol=model-repository,shared-memory:triton-admin-key=${TRITON_ADMIN_KEY}
