#!/usr/bin/env bash
# One-time setup of an analyst laptop.
set -euo pipefail
python3 -m venv .venv
. .venv/bin/activate
pip install --index-url http://pypi.acme-data.internal.acme-corp.com/simple --trusted-host pypi.acme-data.internal.acme-corp.com acme-dbt-macros==0.9.2
wget --no-check-certificate -O /tmp/snowsql.bash https://sfc-repo.snowflakecomputing.com/snowsql/bootstrap/1.2/linux_x86_64/snowsql-1.2.31-linux_x86_64.bash
pip install --require-hashes -r requirements-dev.lock
dbt deps --project-dir dbt
