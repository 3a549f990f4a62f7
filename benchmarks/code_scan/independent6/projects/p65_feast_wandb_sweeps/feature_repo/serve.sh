#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")"
feast apply
feast serve --host 0.0.0.0 --port 6566
