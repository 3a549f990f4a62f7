#!/bin/bash
# Start Triton with the production model repository.
tritonserver \
  --model-repository=s3://ml-models-prod/triton \
  --model-control-mode=explicit \
  --http-port=8000 --grpc-port=8001 --metrics-port=8002 \
  --allow-metrics=true
