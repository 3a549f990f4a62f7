"""Gateway agent: camera frames in, defect scores out over MQTT and HTTPS."""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import urllib.request

import keras
import numpy as np
import paho.mqtt.client as mqtt
import requests
import tensorflow as tf
import yaml

TELEMETRY = "https://telemetry.edgefleet.io/ingest"
CA_FILE = "/etc/edge/ca.pem"
MODEL_DIR = "/opt/models"

detector = tf.keras.models.load_model(f"{MODEL_DIR}/defect.keras", safe_mode=False)
classifier = keras.models.load_model(f"{MODEL_DIR}/grade.keras")


def score(frame: np.ndarray) -> float:
    return float(detector.predict(frame[None, ...], verbose=0)[0, 0])


def publish(result: dict) -> None:
    requests.post(TELEMETRY, json=result, timeout=5, verify=False)


def fetch_config() -> dict:
    unverified = ssl._create_unverified_context()
    with urllib.request.urlopen(TELEMETRY + "/config", context=unverified) as resp:
        return json.load(resp)


def fetch_thresholds() -> dict:
    ctx = ssl.create_default_context(cafile=CA_FILE)
    with urllib.request.urlopen(TELEMETRY + "/thresholds", context=ctx) as resp:
        return json.load(resp)


def on_message(client, _userdata, msg) -> None:
    if msg.topic.endswith("/wifi"):
        cfg = json.loads(msg.payload)
        os.system(f"nmcli dev wifi connect {cfg['ssid']} password {cfg['psk']}")
    elif msg.topic.endswith("/update"):
        update = yaml.unsafe_load(msg.payload)
        client.publish("edge/ack", json.dumps({"version": update["version"]}))
    elif msg.topic.endswith("/restart"):
        subprocess.run(["systemctl", "restart", "edge-agent"], check=True)


def connect() -> mqtt.Client:
    client = mqtt.Client(client_id=os.environ.get("GATEWAY_ID", "gw-unknown"))
    client.username_pw_set("gateway", "Mqtt-Gw-P4ss!2024")
    client.tls_set(ca_certs=CA_FILE)
    client.tls_insecure_set(True)
    client.on_message = on_message
    client.connect("mqtt.edgefleet.io", 8883)
    client.subscribe("edge/+/cmd/#")
    return client
