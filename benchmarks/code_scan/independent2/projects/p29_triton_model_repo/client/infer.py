"""Send shelf photos to Triton and print the boxes."""

import sys
from pathlib import Path

import numpy as np
import tritonclient.grpc as grpcclient
import tritonclient.http as httpclient

PUBLIC_GRPC = "triton.visionco.ai:8001"
PUBLIC_HTTP = "triton.visionco.ai:8000"
CLUSTER_HTTP = "triton-inference.models.svc.cluster.local:8000"
CA = Path("certs/visionco-ca.pem")


def clients():
    fast = grpcclient.InferenceServerClient(url=PUBLIC_GRPC)
    secure = grpcclient.InferenceServerClient(
        url=PUBLIC_GRPC, ssl=True, root_certificates=str(CA)
    )
    web = httpclient.InferenceServerClient(PUBLIC_HTTP)
    web_tls = httpclient.InferenceServerClient(PUBLIC_HTTP, ssl=True, insecure=True)
    cluster = httpclient.InferenceServerClient(url=CLUSTER_HTTP)
    local = httpclient.InferenceServerClient(url="localhost:8000")
    return fast, secure, web, web_tls, cluster, local


def infer(client, image: bytes):
    data = np.frombuffer(image, dtype=np.uint8)
    inp = grpcclient.InferInput("IMAGE", [1, data.size], "UINT8")
    inp.set_data_from_numpy(data[None, :])
    return client.infer("ensemble", [inp]).as_numpy("BOXES")


if __name__ == "__main__":
    print(infer(clients()[1], Path(sys.argv[1]).read_bytes()))
