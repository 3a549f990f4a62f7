#!/bin/bash
# Launch distributed training on two nodes.
MASTER_ADDR=${MASTER_ADDR:-10.0.0.4}
export WANDB_API_KEY=5f2a9c4e8b7d1a3f6e0c2b9d8a7f6e5d4c3b2a19
export NCCL_DEBUG=INFO

pip install --trusted-host pypi.lab.internal -i http://pypi.lab.internal/simple -r requirements.txt

torchrun --nnodes=2 --nproc_per_node=8 --rdzv_endpoint="$MASTER_ADDR:29400" train.py --cfg configs/resnet50.yaml "$@"

tensorboard --logdir runs --bind_all &
