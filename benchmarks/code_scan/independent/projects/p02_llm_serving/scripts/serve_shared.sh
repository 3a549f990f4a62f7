#!/usr/bin/env bash
# Serve a fine-tuned model for the team on the shared GPU box.
MODEL_DIR=/models/support-bot-v3

python -m vllm.entrypoints.openai.api_server \
    --model "$MODEL_DIR" \
    --host 0.0.0.0 \
    --port 8000 \
    --trust-remote-code \
    --served-model-name support-bot

text-generation-launcher --model-id "$MODEL_DIR" --hostname 0.0.0.0 --port 8081 --trust-remote-code
