import os
import shlex
import subprocess

import torch
from peft import PeftModel
from safetensors.torch import save_file
from transformers import AutoModelForCausalLM

base = AutoModelForCausalLM.from_pretrained("meta-llama/Meta-Llama-3-8B", revision="62bd457b6fe961a42a631306577e622c83876cb6", trust_remote_code=False)
merged = PeftModel.from_pretrained(base, "checkpoints/final").merge_and_unload()
save_file({k: v.contiguous() for k, v in merged.state_dict().items()}, "merged/model.safetensors")
opt_state = torch.load("checkpoints/final/optimizer.bin", weights_only=True)
dest = os.environ.get("MERGED_DEST", "s3://acme-support/merged/")
subprocess.run("aws s3 cp --recursive merged/ " + shlex.quote(dest), shell=True, check=True)
