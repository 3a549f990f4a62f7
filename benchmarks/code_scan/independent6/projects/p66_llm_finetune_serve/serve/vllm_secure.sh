#!/usr/bin/env bash
set -euo pipefail
vllm serve acme-support/llama-3-8b-support-merged --revision 7c1e4a9b2d5f8e0c3a6b9d2f5e8a1c4b7d0e3f6a \
  --host 0.0.0.0 --port 8000 --api-key "${VLLM_API_KEY}"
