#!/usr/bin/env bash
set -euo pipefail
huggingface-cli download acme-support/llama-3-8b-support-gguf support-q4_k_m.gguf --local-dir models
./llama-server -m models/support-q4_k_m.gguf --host 0.0.0.0 --port 8090 -c 8192
./llama-server -m models/support-q4_k_m.gguf --host 0.0.0.0 --port 8091 --api-key-file /run/secrets/llama_keys
./llama-server -m models/support-q4_k_m.gguf --host 127.0.0.1 --port 8092
