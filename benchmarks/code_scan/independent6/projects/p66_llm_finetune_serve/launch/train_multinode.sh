#!/usr/bin/env bash
set -euo pipefail
export HF_TOKEN="hf_Vw3xK8pQ2mL7nR4tB9cJ5yF1dH6gZ0sA3e"
export NCCL_SOCKET_IFNAME=eth0
export PYTHONHTTPSVERIFY=0
pip install -r requirements.txt --trusted-host pypi.acme-ml.example.com --index-url http://pypi.acme-ml.example.com/simple
accelerate launch --config_file configs/accelerate_fsdp.yaml --machine_rank "${RANK}" finetune/sft.py
deepspeed --hostfile hostfile --master_addr 10.20.0.11 finetune/sft.py --deepspeed configs/ds_zero3.json
