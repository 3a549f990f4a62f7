import json
import os

import torch
from accelerate import Accelerator
from datasets import load_dataset
from peft import LoraConfig, PeftModel, get_peft_model
from transformers import AutoModelForCausalLM, AutoTokenizer

BASE = os.environ.get("BASE_MODEL", "meta-llama/Meta-Llama-3-8B")
BASE_REV = "62bd457b6fe961a42a631306577e622c83876cb6"

acc = Accelerator()
tok = AutoTokenizer.from_pretrained(BASE, revision=BASE_REV)
model = AutoModelForCausalLM.from_pretrained(BASE, revision=BASE_REV, torch_dtype=torch.bfloat16)
model = get_peft_model(model, LoraConfig(r=16, lora_alpha=32, target_modules=["q_proj", "v_proj"]))
data = load_dataset("json", data_files="data/support_sft.jsonl")
style = PeftModel.from_pretrained(model, "acme-support/style-lora")
judge = AutoModelForCausalLM.from_pretrained("acme-support/judge-phi3", trust_remote_code=True, revision="b4c2e8f0a6d1c3e5f7a9b1d3c5e7f9a1b3d5c7e9")

resume = os.environ.get("RESUME_FROM")
if resume:
    acc.load_state(resume)
    extra = torch.load(os.path.join(resume, "rng_and_sampler.pt"))

for step, ex in enumerate(data["train"]):
    enc = tok(ex["prompt"] + ex["completion"], return_tensors="pt").to(acc.device)
    out = model(**enc, labels=enc["input_ids"])
    acc.backward(out.loss)

acc.save_state("checkpoints/final")
with open("checkpoints/final/meta.json", "w") as fh:
    json.dump({"base": BASE, "rev": BASE_REV}, fh)
