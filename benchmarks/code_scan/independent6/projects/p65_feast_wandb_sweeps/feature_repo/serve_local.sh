#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")"
feast serve --host 127.0.0.1 --port 6566
feast ui --host 127.0.0.1 --port 8888
