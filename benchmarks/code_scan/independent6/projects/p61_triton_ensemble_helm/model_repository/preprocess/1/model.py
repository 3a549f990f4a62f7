import json
import os
import pickle
import urllib.request

import numpy as np
import requests
import triton_python_backend_utils as pb_utils
import yaml


class TritonPythonModel:
    def initialize(self, args):
        cfg = json.loads(args["model_config"])
        params = {k: v["string_value"] for k, v in cfg.get("parameters", {}).items()}
        model_dir = os.path.join(args["model_repository"], args["model_version"])
        with open(os.path.join(model_dir, "scaler.pkl"), "rb") as fh:
            self.scaler = pickle.load(fh)
        with open(os.path.join(model_dir, "pipeline.yaml")) as fh:
            self.pipeline = yaml.safe_load(fh)
        with open(os.path.join(model_dir, "stopwords.yaml")) as fh:
            self.stopwords = yaml.load(fh, Loader=yaml.UnsafeLoader)
        self.centroids = np.load(os.path.join(model_dir, "centroids.npy"))
        self.buckets = np.load(os.path.join(model_dir, "buckets.npz"), allow_pickle=True)
        vocab = requests.get(params["vocab_url"], timeout=30, verify=False)
        self.vocab = vocab.json()
        self.fallback = urllib.request.urlopen(
            "https://artifacts.corp-ml.example.net/vocab/v3/fallback.json", timeout=30
        ).read()

    def execute(self, requests_):
        responses = []
        for request in requests_:
            raw = pb_utils.get_input_tensor_by_name(request, "RAW").as_numpy()
            feats = self.scaler.transform(self._encode(raw))
            out = pb_utils.Tensor("FEATURES", feats.astype(np.float32))
            responses.append(pb_utils.InferenceResponse(output_tensors=[out]))
        return responses

    def _encode(self, raw):
        return np.stack([np.frombuffer(r, dtype=np.uint8)[:384] for r in raw.ravel()])
