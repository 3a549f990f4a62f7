#!/usr/bin/env bash
set -euo pipefail
JOB_NAME="$1"
ENTRY="${2:-python train/train_ranker.py}"
export RAY_ADDRESS="http://127.0.0.1:8265"
ray job submit --submission-id "$JOB_NAME" --working-dir . -- $ENTRY
