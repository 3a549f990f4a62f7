#!/usr/bin/env bash
# Start a Ray head on a bare-metal GPU box (used for quick experiments outside k8s).
set -euo pipefail
ray start --head --port=6379 --dashboard-host=0.0.0.0 --num-gpus=8
