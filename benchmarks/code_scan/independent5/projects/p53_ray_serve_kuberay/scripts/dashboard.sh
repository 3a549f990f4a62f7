#!/usr/bin/env bash
# Forward the dashboard of the training cluster to this laptop only.
set -euo pipefail
kubectl -n recsys port-forward --address 127.0.0.1 svc/raycluster-train-head-svc 8265:8265
