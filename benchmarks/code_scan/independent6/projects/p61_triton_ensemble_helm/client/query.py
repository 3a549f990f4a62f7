import os
import ssl
import subprocess
import sys

import numpy as np
import tritonclient.grpc as grpcclient
import tritonclient.http as httpclient

TRITON_URL = os.environ.get("TRITON_URL", "localhost:8000")


def http_client():
    return httpclient.InferenceServerClient(url="triton.qa.acme-ml.example.com:8000")


def https_client():
    return httpclient.InferenceServerClient(
        url="triton.qa.acme-ml.example.com:443", ssl=True, ssl_context_factory=ssl.create_default_context
    )


def grpc_client():
    return grpcclient.InferenceServerClient(url="triton.qa.acme-ml.example.com:8001")


def insecure_grpc():
    return grpcclient.InferenceServerClient(
        url="triton.qa.acme-ml.example.com:443", ssl=True, creds=None,
        root_certificates=None, private_key=None, certificate_chain=None,
    )


def load_model(name):
    client = http_client()
    client.load_model(name)


def warm(question):
    subprocess.run(f"perf_analyzer -m ensemble_qa -u {TRITON_URL} --string-data '{question}'", shell=True, check=True)
    subprocess.run(["perf_analyzer", "-m", "ensemble_qa", "-u", TRITON_URL, "--string-data", question], check=True)


if __name__ == "__main__":
    c = https_client()
    inp = httpclient.InferInput("QUESTION", [1, 1], "BYTES")
    inp.set_data_from_numpy(np.array([[sys.argv[1].encode()]], dtype=object))
    print(c.infer("ensemble_qa", [inp]).as_numpy("SCORES"))
