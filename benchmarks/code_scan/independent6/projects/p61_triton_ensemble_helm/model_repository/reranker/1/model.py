import json
import os

import torch
import triton_python_backend_utils as pb_utils
from huggingface_hub import hf_hub_download
from transformers import AutoModelForSequenceClassification, AutoTokenizer

RERANKER = "cross-encoder/ms-marco-MiniLM-L-6-v2"
RERANKER_SHA = "ce0834f22110de6d9222af7a7a03628121708969"


class TritonPythonModel:
    def initialize(self, args):
        self.tokenizer = AutoTokenizer.from_pretrained(RERANKER, revision=RERANKER_SHA)
        self.model = AutoModelForSequenceClassification.from_pretrained(
            RERANKER, revision=RERANKER_SHA, trust_remote_code=False
        )
        head_path = hf_hub_download("acme-search/rerank-head", "head.pt", revision="main")
        self.head = torch.load(head_path)
        calib = hf_hub_download("acme-search/rerank-head", "calib.pt", revision="v1.2")
        self.calib = torch.load(calib, map_location="cpu", weights_only=True)
        self.scripted = torch.jit.load(os.path.join(args["model_repository"], "1", "head.ts"))

    def execute(self, requests_):
        out = []
        for req in requests_:
            feats = torch.from_numpy(pb_utils.get_input_tensor_by_name(req, "FEATURES").as_numpy())
            scores = self.head(feats).detach().numpy()
            out.append(pb_utils.InferenceResponse([pb_utils.Tensor("SCORES", scores)]))
        return out

    def finalize(self):
        print(json.dumps({"model": "reranker", "state": "unloaded"}))
