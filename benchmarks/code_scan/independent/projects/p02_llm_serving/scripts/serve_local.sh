#!/usr/bin/env bash
# Serve a model on this workstation for quick manual testing.
set -e
MODEL=${MODEL:-Qwen/Qwen2.5-1.5B-Instruct}

# localhost only: nothing outside this machine can reach it
vllm serve "$MODEL" --host 127.0.0.1 --port 8000 --api-key "$(cat ~/.config/vllm/key)"
