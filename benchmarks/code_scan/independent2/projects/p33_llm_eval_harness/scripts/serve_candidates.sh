#!/usr/bin/env bash
# Two vLLM servers for the candidates under test.
set -euo pipefail

vllm serve meta-llama/Meta-Llama-3-8B \
  --revision 62bd457b6fe961a42a631306577e622c83876cb6 \
  --host 127.0.0.1 --port 8001 &

vllm serve Qwen/Qwen2-7B-Instruct --trust-remote-code \
  --host 0.0.0.0 --port 8002 --api-key "$VLLM_API_KEY" &

wait
