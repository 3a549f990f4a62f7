#!/usr/bin/env bash
set -euo pipefail
export WANDB_API_KEY=3d9f7a2c1e8b4f6a0d5c9e7b2a4f8c1d6e0b3a9f
export WANDB_BASE_URL=http://wandb.acme-ml.example.com
SWEEP_ID=$(wandb sweep --project churn sweeps/sweep.yaml 2>&1 | awk '/ID:/{print $NF}')
for gpu in 0 1 2 3; do
  CUDA_VISIBLE_DEVICES=$gpu nohup wandb agent "acme-ml/churn/${SWEEP_ID}" &
done
pip install wandb
pip install "lightgbm==4.5.0"
