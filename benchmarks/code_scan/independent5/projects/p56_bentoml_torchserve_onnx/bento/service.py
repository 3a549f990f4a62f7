"""BentoML service: ONNX Runtime inference for the defect detector."""
import io

import bentoml
import numpy as np
import onnxruntime as ort
from PIL import Image


@bentoml.service(resources={"gpu": 1}, traffic={"timeout": 10})
class DefectDetector:
    def __init__(self) -> None:
        model = bentoml.models.get("defect-detector:latest")
        self.session = ort.InferenceSession(
            model.path_of("model.onnx"), providers=["CUDAExecutionProvider"]
        )
        self.labels = bentoml.picklable_model.load_model("defect-labels:latest")

    @bentoml.api
    def detect(self, image: Image.Image) -> dict:
        x = np.asarray(image.resize((640, 640)), dtype=np.float32)[None].transpose(0, 3, 1, 2) / 255
        boxes = self.session.run(None, {"images": x})[0]
        return {"boxes": boxes.tolist(), "labels": self.labels}

    @bentoml.api
    def detect_npy(self, blob: bytes) -> dict:
        x = np.load(io.BytesIO(blob), allow_pickle=False)
        return {"boxes": self.session.run(None, {"images": x})[0].tolist()}
