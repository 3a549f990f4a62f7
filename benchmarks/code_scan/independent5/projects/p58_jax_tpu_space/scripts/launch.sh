#!/usr/bin/env bash
# Start training on every worker of the slice, inside the training container.
set -euo pipefail
TPU_NAME="${TPU_NAME:-tinyllm-v4-64}"
ZONE=us-central2-b
export WANDB_API_KEY=4f1e9c2b7a3d8e6f0b5c1a9d2e7f3b8c4a6d0e1f
gcloud compute tpus tpu-vm ssh "$TPU_NAME" --zone "$ZONE" --worker=all --command \
  "docker run --rm --privileged --net=host -v /dev:/dev -e WANDB_API_KEY=\$WANDB_API_KEY us-docker.pkg.dev/acme-lm/train/tinyllm:0.2.0 python3 train/train.py"
