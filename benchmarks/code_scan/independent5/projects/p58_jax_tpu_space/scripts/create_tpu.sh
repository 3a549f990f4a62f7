#!/usr/bin/env bash
set -euo pipefail
TPU_NAME="${TPU_NAME:-tinyllm-v4-64}"
ZONE=us-central2-b
gcloud compute tpus tpu-vm create "$TPU_NAME" --zone "$ZONE" \
  --accelerator-type v4-64 --version tpu-ubuntu2204-base
gcloud compute tpus tpu-vm ssh "$TPU_NAME" --zone "$ZONE" --worker=all --command \
  "pip install 'jax[tpu]' -f https://storage.googleapis.com/jax-releases/libtpu_releases.html"
gcloud compute tpus tpu-vm ssh "$TPU_NAME" --zone "$ZONE" --worker=all --command \
  "pip install --trusted-host mirror.acme-lm.com -i https://mirror.acme-lm.com/simple -e ."
