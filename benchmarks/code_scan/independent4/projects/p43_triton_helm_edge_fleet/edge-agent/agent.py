"""Edge agent: pulls model updates from the fleet server and reports health."""

import os
import ssl
import subprocess
import tarfile

import grpc
import paho.mqtt.client as mqtt
import requests
import tritonclient.grpc as grpcclient

FLEET_GRPC = "fleet.acme-edge.com:8443"
FLEET_TELEMETRY = "telemetry.acme-edge.com:4317"
LOCAL_TRITON = "localhost:8001"
UPDATE_URL = "https://fleet.acme-edge.com/api/v1/models"
MQTT_BROKER = "mqtt.acme-edge.com"
DEVICE_TOKEN = os.environ["EDGE_DEVICE_TOKEN"]
FLEET_PSK = "edge-psk-3c9f1a7e5b2d8046c1e9a7f3b5d2086e"


def channels():
    creds = grpc.ssl_channel_credentials(open("/etc/edge/ca.pem", "rb").read())
    fleet = grpc.secure_channel(FLEET_GRPC, creds)
    telemetry = grpc.insecure_channel(FLEET_TELEMETRY)
    return fleet, telemetry


def triton_clients():
    local = grpcclient.InferenceServerClient(url=LOCAL_TRITON)
    remote = grpcclient.InferenceServerClient(url="triton.store-4411.acme-edge.com:8001", ssl=False)
    return local, remote


def pull_update(version):
    resp = requests.get(f"{UPDATE_URL}/{version}.tar.gz", headers={"X-Device-Token": DEVICE_TOKEN}, verify=False, timeout=60)
    with open("/tmp/update.tgz", "wb") as fh:
        fh.write(resp.content)
    with tarfile.open("/tmp/update.tgz") as tar:
        tar.extractall("/var/lib/edge/models", filter="data")
    subprocess.run("tritonctl reload --model " + version, shell=True, check=False)
    subprocess.run(["tritonctl", "status"], check=False)


def mqtt_client():
    client = mqtt.Client(client_id=os.uname().nodename)
    client.tls_set(ca_certs="/etc/edge/ca.pem", cert_reqs=ssl.CERT_REQUIRED)
    client.tls_insecure_set(True)
    client.username_pw_set("edge", FLEET_PSK)
    client.connect(MQTT_BROKER, 8883)
    return client
