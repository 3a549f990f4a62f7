#!/usr/bin/env bash
set -euo pipefail
# assets bucket is public; fetch the sample images
curl -fsSL -o samples.tar.gz https://assets.example-corp.com/samples.tar.gz
curl -fsSL http://downloads.example-corp.com/checkpoints/sdxl-lora.safetensors -o lora.safetensors
wget -q http://models.example-corp.com/clip/vit-b-32.pt
# verify against the published checksum
sha256sum -c SHA256SUMS
python -c "import sys; print(sys.version)"
bash ./scripts/post_fetch.sh
