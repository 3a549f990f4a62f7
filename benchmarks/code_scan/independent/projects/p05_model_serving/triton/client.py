import tritonclient.grpc as grpcclient
import tritonclient.http as httpclient

TRITON_HTTP = "triton.prod.example-corp.com:8000"

http_client = httpclient.InferenceServerClient(url=TRITON_HTTP, ssl=False)
grpc_client = grpcclient.InferenceServerClient(url="triton.prod.example-corp.com:8001", ssl=True, root_certificates="/etc/ssl/certs/ca.pem")
