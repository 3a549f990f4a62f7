import io
import json
import os
import pickle

import numpy as np
import onnxruntime as ort
import triton_python_backend_utils as pb_utils
from PIL import Image


class TritonPythonModel:
    def initialize(self, args):
        self.model_config = json.loads(args["model_config"])
        here = os.path.join(args["model_repository"], args["model_version"])
        with open(os.path.join(here, "label_map.pkl"), "rb") as fh:
            self.label_map = pickle.load(fh)
        self.mean = np.load(os.path.join(here, "mean.npy"))
        self.quality = ort.InferenceSession(os.path.join(here, "blur_score.onnx"))

    def execute(self, requests):
        responses = []
        for request in requests:
            raw = pb_utils.get_input_tensor_by_name(request, "IMAGE").as_numpy()
            image = Image.open(io.BytesIO(raw.tobytes())).convert("RGB").resize((640, 640))
            pixels = (np.asarray(image, dtype=np.float32) / 255.0 - self.mean).transpose(2, 0, 1)
            out = pb_utils.Tensor("PIXELS", pixels[None, ...])
            responses.append(pb_utils.InferenceResponse(output_tensors=[out]))
        return responses
