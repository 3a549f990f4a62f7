import json
import ssl
import time

import cv2
import numpy as np
import onnxruntime as ort
import paho.mqtt.client as mqtt
import yaml
from flask import Flask, jsonify

with open("/etc/shelfcam/settings.yaml") as fh:
    CFG = yaml.safe_load(fh)

session = ort.InferenceSession("/opt/shelfcam/model.onnx", providers=["CUDAExecutionProvider"])
app = Flask(__name__)
latest: dict = {}


def mqtt_client() -> mqtt.Client:
    c = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"shelfcam-{CFG['store_id']}")
    c.username_pw_set(CFG["mqtt"]["username"], CFG["mqtt"]["password"])
    c.connect(CFG["mqtt"]["host"], CFG["mqtt"]["port"])
    return c


def mqtt_client_tls() -> mqtt.Client:
    c = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
    c.tls_set(ca_certs="/etc/shelfcam/ca.pem", tls_version=ssl.PROTOCOL_TLS_CLIENT)
    c.connect(CFG["mqtt"]["host"], 8883)
    return c


def mqtt_client_lab() -> mqtt.Client:
    c = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
    c.tls_set(cert_reqs=ssl.CERT_NONE)
    c.tls_insecure_set(True)
    c.connect("mqtt-lab.acme-grocer.com", 8883)
    return c


@app.get("/latest")
def get_latest():
    return jsonify(latest)


def loop() -> None:
    cap = cv2.VideoCapture(CFG["camera_url"])
    client = mqtt_client()
    while True:
        ok, frame = cap.read()
        if not ok:
            time.sleep(1)
            continue
        x = cv2.resize(frame, (640, 640)).transpose(2, 0, 1)[None].astype(np.float32) / 255
        boxes = session.run(None, {"images": x})[0]
        latest["gaps"] = int((boxes[..., 4] > 0.5).sum())
        client.publish(f"stores/{CFG['store_id']}/gaps", json.dumps(latest))


if __name__ == "__main__":
    import threading
    threading.Thread(target=loop, daemon=True).start()
    app.run(host=CFG["dashboard"]["host"], port=CFG["dashboard"]["port"], debug=True)
