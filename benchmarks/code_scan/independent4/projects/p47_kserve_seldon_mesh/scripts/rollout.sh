#!/usr/bin/env bash
set -euo pipefail
CTX=${1:-prod-eu}
kubectl --context "$CTX" apply -f k8s/ --insecure-skip-tls-verify
kubectl --context "$CTX" -n ml-serving rollout status deploy/llm-backends
helm upgrade --install seldon-core-operator seldon/seldon-core-operator --version 1.17.1 -n seldon-system
curl --fail -sS https://support-llm.ml-serving.acme-support.com/v1/models/support-llm
curl -sS http://support-llm.ml.acme-support.com/v1/models/support-llm:predict -d @sample.json
