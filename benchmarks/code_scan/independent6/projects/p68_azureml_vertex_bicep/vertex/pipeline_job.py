import os

from google.cloud import aiplatform

aiplatform.init(project="acme-ins-ml", location="europe-west4", staging_bucket="gs://acme-ins-vertex")

job = aiplatform.CustomContainerTrainingJob(
    display_name="claims-encoder",
    container_uri="europe-docker.pkg.dev/acme-ins-ml/train/claims-encoder:latest",
    model_serving_container_image_uri="europe-docker.pkg.dev/vertex-ai/prediction/sklearn-cpu.1-3:latest",
)
model = job.run(
    args=["--data", "gs://acme-ins-vertex/claims/2024-q3", "--epochs", "5"],
    environment_variables={
        "HF_TOKEN": "hf_Lz4xK9pQ2mT7nR3wB8cJ5yF1dH6gZ0sA2e",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "WANDB_API_KEY": os.environ["WANDB_API_KEY"],
    },
    replica_count=1,
    machine_type="n1-standard-8",
)
endpoint = model.deploy(machine_type="n1-standard-4")
