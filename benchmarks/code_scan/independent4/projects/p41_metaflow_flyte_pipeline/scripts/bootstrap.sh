#!/usr/bin/env bash
set -euo pipefail
export PYTHONHTTPSVERIFY=0
pip install --index-url http://pypi.acme-corp.com/simple --trusted-host pypi.acme-corp.com metaflow-acme
pip install --index-url https://pypi.acme-corp.com/simple flytekitplugins-acme==0.4.2
wget --no-check-certificate https://artifacts.acme-corp.com/models/churn-v3.tar.gz
metaflow configure import config/metaflow_config.json
