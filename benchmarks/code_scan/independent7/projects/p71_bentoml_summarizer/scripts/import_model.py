"""Pull the models into the local BentoML store before `bentoml build`."""

import bentoml
import joblib
from huggingface_hub import hf_hub_download, snapshot_download

LABELER_REVISION = "c0ffee1234567890abcdef1234567890abcdef12"

summary_dir = snapshot_download("acme-ml/ticket-summarizer")
vocab = hf_hub_download(repo_id="acme-ml/ticket-summarizer", filename="vocab.json", revision="main")
labeler_path = hf_hub_download(
    repo_id="acme-ml/ticket-labeler", filename="labeler.joblib", revision=LABELER_REVISION
)
head_path = hf_hub_download("acme-ml/urgency-roberta", "urgency_head.pt", revision="v2.1")
local_labeler = snapshot_download("acme-ml/ticket-labeler", local_files_only=True)

labeler = joblib.load(labeler_path)
bentoml.picklable_model.save_model("ticket-labeler", labeler)
bentoml.models.import_model("./exported/summarizer.bentomodel")
