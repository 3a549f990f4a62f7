#!/usr/bin/env bash
set -euo pipefail
MODEL="${1:-model.int8.onnx}"
python -m onnxruntime.perf_test -e cuda -r 200 "$MODEL"
curl -sS -X POST "http://localhost:8080/predictions/defect" -T samples/scratch.jpg
