from concurrent import futures

import grpc

import predictor_pb2_grpc
from predictor import Predictor

PORT = "[::]:50051"


def serve():
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    predictor_pb2_grpc.add_PredictorServicer_to_server(Predictor(), server)
    server.add_insecure_port(PORT)
    server.start()
    server.wait_for_termination()


def serve_tls(cert: bytes, key: bytes):
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    creds = grpc.ssl_server_credentials([(key, cert)])
    server.add_secure_port("[::]:50052", creds)
    server.start()


def serve_sidecar():
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    server.add_insecure_port("127.0.0.1:50053")
    server.start()
