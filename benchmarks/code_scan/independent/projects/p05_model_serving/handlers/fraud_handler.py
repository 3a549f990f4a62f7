"""TorchServe handler for the fraud model."""

import json
import os
import pickle

import torch
from ts.torch_handler.base_handler import BaseHandler


class FraudHandler(BaseHandler):
    def initialize(self, context):
        props = context.system_properties
        model_dir = props.get("model_dir")
        self.model = torch.jit.load(os.path.join(model_dir, "model.pt"))
        with open(os.path.join(model_dir, "scaler.pkl"), "rb") as f:
            self.scaler = pickle.load(f)
        self.initialized = True

    def preprocess(self, data):
        rows = [json.loads(r.get("body") or r.get("data")) for r in data]
        return torch.tensor(self.scaler.transform(rows), dtype=torch.float32)

    def postprocess(self, out):
        return out.sigmoid().tolist()


class LegacyHandler(BaseHandler):
    def initialize(self, context):
        model_dir = context.system_properties.get("model_dir")
        self.model = torch.load(os.path.join(model_dir, "legacy.pth"))
        self.model.eval()
