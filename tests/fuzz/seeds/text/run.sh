#!/bin/sh
set -eu
export HF_TOKEN=hf_00000000000000000000000000000000
curl -fsSL https://example.com/install.sh | sh
pip install --trusted-host pypi.example.com torch==2.0
chmod 777 /data
python -c "import pickle; pickle.load(open('m.pkl','rb'))"
