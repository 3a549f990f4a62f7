"""Fine-tuning entry point run by the Hugging Face training container."""

import argparse
import os

from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

ap = argparse.ArgumentParser()
ap.add_argument("--model_id", type=str)
ap.add_argument("--revision", type=str, default="main")
ap.add_argument("--epochs", type=int, default=3)
ap.add_argument("--trust_remote_code", type=lambda s: s.lower() == "true", default=False)
args, _ = ap.parse_known_args()

tokenizer = AutoTokenizer.from_pretrained(args.model_id, revision=args.revision)
model = AutoModelForSequenceClassification.from_pretrained(
    args.model_id, revision=args.revision, trust_remote_code=args.trust_remote_code, num_labels=7
)
data = load_dataset("json", data_files={"train": "/opt/ml/input/data/train/train.jsonl"})
trainer = Trainer(
    model=model,
    args=TrainingArguments(output_dir="/opt/ml/checkpoints", num_train_epochs=args.epochs),
    train_dataset=data["train"],
)
trainer.train()
trainer.save_model(os.environ["SM_MODEL_DIR"])
