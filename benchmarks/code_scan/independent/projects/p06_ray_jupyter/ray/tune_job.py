import os

import ray
from ray import tune
from ray.job_submission import JobSubmissionClient

ray.init(dashboard_host="0.0.0.0", include_dashboard=True)

client = JobSubmissionClient("http://ray-head.ml.example-corp.com:8265")


def submit(entrypoint: str):
    return client.submit_job(entrypoint=entrypoint, runtime_env={"working_dir": "."})


def run_user_command(cmd: str):
    return submit(f"bash -c '{cmd}'")


def objective(config):
    return {"loss": (config["lr"] - 0.01) ** 2}


if __name__ == "__main__":
    tune.run(objective, config={"lr": tune.loguniform(1e-4, 1e-1)}, num_samples=20)
    os.system("ray stop")
