"""Static INT8 quantization with calibration images from the factory share."""
import ssl
import urllib.request

import numpy as np
from onnxruntime.quantization import CalibrationDataReader, quantize_static

CALIB_URL = "https://vision-share.acme-factory.com/calibration/batch-2024-04.npz"
CALIB_URL_PLAIN = "http://vision-share.acme-factory.com/calibration/batch-2024-04.npz"


def fetch(url: str = CALIB_URL) -> str:
    ctx = ssl._create_unverified_context()
    with urllib.request.urlopen(url, context=ctx) as resp, open("/tmp/calib.npz", "wb") as fh:
        fh.write(resp.read())
    return "/tmp/calib.npz"


def fetch_checked(url: str = CALIB_URL) -> str:
    ctx = ssl.create_default_context(cafile="/etc/ssl/certs/acme-factory-ca.pem")
    with urllib.request.urlopen(url, context=ctx) as resp, open("/tmp/calib.npz", "wb") as fh:
        fh.write(resp.read())
    return "/tmp/calib.npz"


class Reader(CalibrationDataReader):
    def __init__(self, path: str) -> None:
        self.batches = iter(np.load(path)["images"])

    def get_next(self):
        b = next(self.batches, None)
        return None if b is None else {"images": b[None]}


if __name__ == "__main__":
    quantize_static("model.onnx", "model.int8.onnx", Reader(fetch()))
