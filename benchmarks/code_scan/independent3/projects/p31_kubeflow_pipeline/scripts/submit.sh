#!/usr/bin/env bash
set -euo pipefail
PKG=${1:-churn.yaml}
KFP_ENDPOINT=${KFP_ENDPOINT:-https://kubeflow.analytics.acme-retail.com/pipeline}
TOKEN=$(gcloud auth print-identity-token)
curl -sk -H "Authorization: Bearer ${TOKEN}" \
  -F "uploadfile=@${PKG}" "${KFP_ENDPOINT}/apis/v2beta1/pipelines/upload"
curl -s --cacert /etc/ssl/certs/acme-root.pem "${KFP_ENDPOINT}/apis/v2beta1/healthz"
