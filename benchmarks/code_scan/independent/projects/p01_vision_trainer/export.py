"""Export a trained checkpoint to ONNX and TorchScript."""

import subprocess
import sys

import torch

from utils.checkpoint import load_state_dict_only


def export_onnx(model, path, opset=17):
    x = torch.zeros(1, 3, 224, 224)
    torch.onnx.export(model, x, path, opset_version=opset)


def simplify(path):
    subprocess.run(f"onnxsim {path} {path}", shell=True, check=True)


def check(path):
    subprocess.run([sys.executable, "-m", "onnxruntime.tools.check_onnx_model_mobile_usability", path], check=True)


def main(weights, out):
    model = torch.jit.load(weights)
    export_onnx(model, out)
    simplify(out)
    check(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
