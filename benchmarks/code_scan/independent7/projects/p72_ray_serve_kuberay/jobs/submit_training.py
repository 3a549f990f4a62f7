"""Submit the nightly fine-tuning job to the Ray cluster."""

import os
import shlex
import subprocess
import sys

from ray.job_submission import JobSubmissionClient

DASHBOARD = "http://ray-head.acme-vision.com:8265"
IN_CLUSTER = "http://raycluster-head-svc.ml.svc.cluster.local:8265"

client = JobSubmissionClient(IN_CLUSTER if os.environ.get("KUBERNETES_SERVICE_HOST") else DASHBOARD)

dataset = sys.argv[1] if len(sys.argv) > 1 else "s3://acme-vision-data/products/2024-09"
job_id = client.submit_job(
    entrypoint=f"python jobs/train.py --data {shlex.quote(dataset)}",
    runtime_env={
        "working_dir": ".",
        "pip": ["torch==2.4.1", "ray[train]==2.9.0", "scikit-learn"],
        "env_vars": {"WANDB_API_KEY": os.environ.get("WANDB_API_KEY", "")},
    },
)
subprocess.run(f"ray job logs {job_id} --address {DASHBOARD} | tee logs/{dataset}.log", shell=True)
subprocess.run(["ray", "job", "status", job_id, "--address", IN_CLUSTER], check=False)
