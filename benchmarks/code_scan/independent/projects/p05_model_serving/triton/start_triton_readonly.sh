#!/bin/bash
# Read-only Triton: models are fixed at start, no load/unload API.
tritonserver --model-repository=/models --model-control-mode=none --http-restricted-api=model-repository,shared-memory:admin-key=${TRITON_ADMIN_KEY}
