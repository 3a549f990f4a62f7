import json
import pickle
import ssl
import urllib.request

import google.auth
import google.auth.transport.requests
import requests
from google.cloud import aiplatform

creds, _ = google.auth.default()
creds.refresh(google.auth.transport.requests.Request())
URL = "https://europe-west4-aiplatform.googleapis.com/v1/projects/acme-ins-ml/locations/europe-west4/endpoints/118224:predict"
body = {"instances": [[0.1, 0.2, 0.3]]}
r = requests.post(URL, json=body, headers={"Authorization": f"Bearer {creds.token}"}, timeout=30)

ctx = ssl._create_unverified_context()
raw = urllib.request.urlopen("https://batch.acme-ins.example.com/results/latest.pkl", context=ctx).read()
results = pickle.loads(raw)

ctx_ok = ssl.create_default_context(cafile="/etc/ssl/acme-root.pem")
meta = json.loads(urllib.request.urlopen("https://batch.acme-ins.example.com/results/latest.json", context=ctx_ok).read())
