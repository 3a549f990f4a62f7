#!/usr/bin/env bash
# Run the chat model on a workstation GPU for quick tests.
set -euo pipefail
MODEL=${MODEL:-meta-llama/Llama-3.1-8B-Instruct}
vllm serve "$MODEL" --host 127.0.0.1 --port 8000 --api-key "$VLLM_API_KEY"
