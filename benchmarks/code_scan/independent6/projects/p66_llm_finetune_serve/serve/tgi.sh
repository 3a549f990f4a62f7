#!/usr/bin/env bash
set -euo pipefail
docker run --gpus all --shm-size 1g -p 8080:80 \
  -v "$PWD/data:/data" \
  -e HF_TOKEN=hf_Vw3xK8pQ2mL7nR4tB9cJ5yF1dH6gZ0sA3e \
  ghcr.io/huggingface/text-generation-inference:latest \
  --model-id acme-support/judge-phi3 --trust-remote-code
docker run --gpus all --shm-size 1g -p 127.0.0.1:8081:80 \
  ghcr.io/huggingface/text-generation-inference:2.2.0 \
  --model-id acme-support/llama-3-8b-support-merged --revision 7c1e4a9b2d5f8e0c3a6b9d2f5e8a1c4b7d0e3f6a
