"""KServe transformer: prompt templating and image pre-processing before the predictor."""

import argparse

import dill
import jinja2
import kserve
import torch
from jinja2.sandbox import SandboxedEnvironment
from transformers import AutoConfig

PREDICTOR = "http://support-llm-predictor.ml-serving.svc.cluster.local/v1/models/support-llm:predict"
SANDBOX = SandboxedEnvironment()

preproc = torch.hub.load("acme-support/vision-utils", "letterbox")
preproc_tagged = torch.hub.load("acme-support/vision-utils:v1.2.0", "letterbox")
preproc_local = torch.hub.load("/opt/hub/vision-utils", "letterbox", source="local")
cfg = AutoConfig.from_pretrained("acme-support/support-llm-7b", revision="5e1a9c3f7b2d8064a1e9c7f3b5d2086e4c1a9f7b", trust_remote_code=True)


class PromptTransformer(kserve.Model):
    def __init__(self, name, predictor_host):
        super().__init__(name)
        self.predictor_host = predictor_host
        with open("/mnt/models/tokenizer_state.dill", "rb") as fh:
            self.state = dill.load(fh)
        self.ready = True

    def preprocess(self, payload, headers=None):
        tmpl = payload.get("template", "{{ question }}")
        prompt = jinja2.Template(tmpl).render(question=payload["question"])
        safe_prompt = SANDBOX.from_string(tmpl).render(question=payload["question"])
        return {"instances": [{"prompt": prompt, "alt": safe_prompt}]}


if __name__ == "__main__":
    ap = argparse.ArgumentParser(parents=[kserve.model_server.parser])
    ap.add_argument("--predictor_host", default=PREDICTOR)
    args, _ = ap.parse_known_args()
    kserve.ModelServer().start([PromptTransformer("support-llm", args.predictor_host)])
