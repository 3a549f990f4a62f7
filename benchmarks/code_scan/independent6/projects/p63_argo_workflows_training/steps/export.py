import subprocess
import sys

import torch
import yaml
from transformers import AutoModel

cfg = yaml.safe_load(open("/app/export.yaml"))
model = AutoModel.from_pretrained("/tmp/model", local_files_only=True)
model.eval()
scripted = torch.jit.trace(model, example_kwarg_inputs={"input_ids": torch.ones(1, 8, dtype=torch.long)}, strict=False)
scripted.save("/tmp/model.ts")
subprocess.run(["gsutil", "cp", "/tmp/model.ts", cfg["dest"]], check=True)
subprocess.run("gsutil ls gs://acme-ranker/exports/", shell=True, check=True)
print("exported", file=sys.stderr)
