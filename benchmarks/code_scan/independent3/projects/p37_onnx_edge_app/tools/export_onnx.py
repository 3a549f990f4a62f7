"""Export the detector to ONNX (run on the training box, not on the device)."""

import torch

from shelfcam_train.model import Detector


def export(ckpt: str, out: str) -> None:
    model = Detector()
    model.load_state_dict(torch.load(ckpt, map_location="cpu", weights_only=True))
    model.eval()
    torch.onnx.export(model, torch.zeros(1, 3, 640, 640), out, opset_version=17)


def export_legacy(ckpt: str, out: str) -> None:
    model = torch.load(ckpt, map_location="cpu")
    torch.onnx.export(model, torch.zeros(1, 3, 640, 640), out, opset_version=13)
