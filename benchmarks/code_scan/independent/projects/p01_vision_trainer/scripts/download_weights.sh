#!/usr/bin/env bash
# Download pretrained weights from the release page.
set -euo pipefail

TAG=${1:-v1.2}
DEST=weights
mkdir -p "$DEST"

curl -fsSL "https://github.com/example-org/vision-trainer/releases/download/${TAG}/resnet50.pt" -o "$DEST/resnet50.pt"
echo "4f0c8a6d2f6c8c1e0d1e7b5a3a9d9e2b6f5c4a3b2c1d0e9f8a7b6c5d4e3f2a1b  $DEST/resnet50.pt" | sha256sum -c -

# mirror inside the lab network, its certificate is self-signed
wget --no-check-certificate -q "https://mirror.lab.internal/weights/${TAG}/yolo.pt" -O "$DEST/yolo.pt"

# install the dataset tool
curl -sSL https://install.datatool.dev/install.sh | bash
