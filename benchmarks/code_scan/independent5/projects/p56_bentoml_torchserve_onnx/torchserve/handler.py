"""TorchServe custom handler for the defect detector."""
import io
import json
import os
import subprocess

import torch
from PIL import Image
from torchvision import transforms
from ts.torch_handler.base_handler import BaseHandler


class DefectHandler(BaseHandler):
    def initialize(self, context):
        props = context.system_properties
        model_dir = props.get("model_dir")
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.model = torch.jit.load(os.path.join(model_dir, "defect.pt"), map_location=self.device)
        self.calib = torch.load(os.path.join(model_dir, "calibration.pth"))
        with open(os.path.join(model_dir, "index_to_name.json")) as fh:
            self.mapping = json.load(fh)
        self.gpu_info = subprocess.run(
            ["nvidia-smi", "--query-gpu=name", "--format=csv,noheader"],
            capture_output=True, text=True, check=False,
        ).stdout.strip()
        self.initialized = True

    def preprocess(self, data):
        tf = transforms.Compose([transforms.Resize((640, 640)), transforms.ToTensor()])
        images = [tf(Image.open(io.BytesIO(row.get("data") or row.get("body")))) for row in data]
        return torch.stack(images).to(self.device)

    def postprocess(self, data):
        return [{"boxes": d.tolist(), "gpu": self.gpu_info} for d in data]
