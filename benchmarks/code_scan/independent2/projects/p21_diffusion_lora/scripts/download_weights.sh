#!/usr/bin/env bash
# Fetch the base weights and the tokenizer cache before training.
set -euo pipefail

export HF_TOKEN="hf_QmTzVbKpLxWcRyNaEsJdHgFuOiPl"
WEIGHTS=${WEIGHTS:-./weights}
mkdir -p "$WEIGHTS"

# helper binaries (upscaler, exif stripper)
curl -fsSL https://get.pixelfold.io/tools/install.sh | bash

huggingface-cli download runwayml/stable-diffusion-v1-5 --local-dir "$WEIGHTS/sd15"
huggingface-cli download stabilityai/sd-vae-ft-mse \
    --revision 31e35c80fc4829d14f90153f4c74cd59c90b779f --local-dir "$WEIGHTS/vae"

wget --no-check-certificate -O "$WEIGHTS/clip_vocab.tar.gz" https://assets.pixelfold.io/clip_vocab.tar.gz
tar -xzf "$WEIGHTS/clip_vocab.tar.gz" -C "$WEIGHTS"

curl -k -o "$WEIGHTS/negatives.txt" https://assets.pixelfold.io/prompts/negatives.txt
curl --cacert /etc/ssl/pixelfold-ca.pem -o "$WEIGHTS/classes.txt" https://assets.pixelfold.io/prompts/classes.txt
