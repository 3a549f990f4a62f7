#!/usr/bin/env bash
set -euo pipefail
python -m vllm.entrypoints.openai.api_server \
  --model acme-support/llama-3-8b-support-merged \
  --host 0.0.0.0 --port 8000
