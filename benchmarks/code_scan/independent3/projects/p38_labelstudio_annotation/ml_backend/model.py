import os

import torch
from label_studio_ml.model import LabelStudioMLBase
from label_studio_ml.utils import get_image_local_path
from transformers import AutoImageProcessor, AutoModelForObjectDetection
from PIL import Image

MODEL_DIR = os.environ.get("MODEL_DIR", "/models")
DETR = "claims-vision/damage-detr"
DETR_REV = "c1d0e5a7b2f94e8d6a3c0b9f7e5d2a1c4b8f6e3d"


class DamageDetector(LabelStudioMLBase):
    def setup(self):
        self.processor = AutoImageProcessor.from_pretrained(DETR, revision=DETR_REV)
        self.model = AutoModelForObjectDetection.from_pretrained(DETR, revision=DETR_REV)
        self.backbone = AutoModelForObjectDetection.from_pretrained(
            "claims-vision/damage-detr-large", trust_remote_code=True
        )
        self.head = torch.load(os.path.join(MODEL_DIR, "damage.bin"))

    def predict(self, tasks, **kwargs):
        out = []
        for task in tasks:
            path = get_image_local_path(
                task["data"]["image"],
                label_studio_host=os.environ["LABEL_STUDIO_URL"],
                label_studio_access_token=os.environ["LABEL_STUDIO_API_KEY"],
            )
            image = Image.open(path)
            inputs = self.processor(images=image, return_tensors="pt")
            out.append(self.model(**inputs))
        return out

    def fit(self, event, data, **kwargs):
        torch.save(self.model.state_dict(), os.path.join(MODEL_DIR, "finetuned.pt"))
