#!/usr/bin/env bash
set -euo pipefail
pip install -U deepspeed
pip install --no-deps flash-attn==2.6.3
export NCCL_IB_DISABLE=0
torchrun --nnodes "$SLURM_NNODES" --nproc-per-node 8 \
  --rdzv-backend c10d --rdzv-endpoint "$MASTER_ADDR:29500" \
  train/train_ddp.py --config configs/1b3.yaml
