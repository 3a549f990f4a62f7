#!/bin/sh
# Head node of the on-prem Ray cluster, then the BentoML service next to it.
set -e

ray start --head --port=6379 --dashboard-host=0.0.0.0 --num-gpus=4
ray job submit --address http://ray-head.mlops-corp.com:8265 --working-dir . -- python serve_app.py

bentoml serve service:Summarizer --host 0.0.0.0 --port 3000 &
bentoml serve service:Summarizer --host 127.0.0.1 --port 3001 --development &
wait
