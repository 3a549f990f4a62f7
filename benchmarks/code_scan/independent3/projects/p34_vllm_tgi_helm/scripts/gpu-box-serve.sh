#!/usr/bin/env bash
# Shared GPU box in the lab: serve the summariser for the whole team.
export HF_TOKEN=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
docker run --gpus all --shm-size 1g -p 8080:80 -v /srv/models:/data \
  ghcr.io/huggingface/text-generation-inference:2.3.1 \
  --model-id acme-labs/summarizer-7b --trust-remote-code
python -m vllm.entrypoints.openai.api_server --model acme-labs/chat-13b --host 0.0.0.0 --port 8001
