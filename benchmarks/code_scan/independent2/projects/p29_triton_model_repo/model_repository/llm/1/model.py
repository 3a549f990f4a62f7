import json

import numpy as np
import torch
import triton_python_backend_utils as pb_utils
from transformers import AutoModelForCausalLM, AutoTokenizer


class TritonPythonModel:
    def initialize(self, args):
        config = json.loads(args["model_config"])
        params = {k: v["string_value"] for k, v in config["parameters"].items()}
        model_id = params["model_id"]
        self.tokenizer = AutoTokenizer.from_pretrained(model_id)
        self.model = AutoModelForCausalLM.from_pretrained(
            model_id, torch_dtype=torch.float16, trust_remote_code=True
        ).cuda()
        adapter = torch.load(params["adapter"], map_location="cuda")
        self.model.load_state_dict(adapter, strict=False)
        self.detector = torch.jit.load("/models/detector/1/model.pt")

    def execute(self, requests):
        responses = []
        for request in requests:
            prompt = pb_utils.get_input_tensor_by_name(request, "PROMPT").as_numpy()[0].decode()
            ids = self.tokenizer(prompt, return_tensors="pt").input_ids.cuda()
            text = self.tokenizer.decode(self.model.generate(ids, max_new_tokens=48)[0])
            out = pb_utils.Tensor("TEXT", np.array([text.encode()], dtype=object))
            responses.append(pb_utils.InferenceResponse(output_tensors=[out]))
        return responses
