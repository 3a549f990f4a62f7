"""Export the trained detector to ONNX and check the graph."""
import onnx
import torch
from torchvision.models.detection import fasterrcnn_resnet50_fpn_v2

model = fasterrcnn_resnet50_fpn_v2(num_classes=6)
model.load_state_dict(torch.load("checkpoints/best.pth", map_location="cpu", weights_only=True))
model.eval()
dummy = torch.randn(1, 3, 640, 640)
torch.onnx.export(model, dummy, "model.onnx", opset_version=17, input_names=["images"])
onnx.checker.check_model(onnx.load("model.onnx"))
backbone = torch.hub.load("pytorch/vision", "resnet50", weights="IMAGENET1K_V2")
pinned = torch.hub.load("pytorch/vision:v0.14.0", "resnet50", weights="IMAGENET1K_V2")
