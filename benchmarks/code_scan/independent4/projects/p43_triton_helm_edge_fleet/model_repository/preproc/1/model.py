import json
import pickle

import numpy as np
import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.cfg = json.loads(args["model_config"])
        self.calib = np.load("/models/preproc/calib.npz", allow_pickle=False)

    def execute(self, requests):
        out = []
        for req in requests:
            raw = pb_utils.get_input_tensor_by_name(req, "FRAME_META").as_numpy()[0][0]
            meta = pickle.loads(raw)
            crops = np.zeros((len(meta["boxes"]), 3, 224, 224), dtype=np.float32)
            out.append(pb_utils.InferenceResponse([pb_utils.Tensor("CROPS", crops)]))
        return out
