"""Constant propagation in the Python rules: keyword dictionaries splatted into calls, names
bound once anywhere in a module, module objects reached through ``importlib``/``getattr``/
``__import__``, configuration held in constants, dictionaries and class attributes.

Known false negatives: values built at run time (``opts = load_config()``), dictionaries
changed after they are built, names bound more than once anywhere in the module, and
attributes of objects whose class is defined in another module.
"""

from __future__ import annotations

import pytest

from secplan.model import Severity
from secplan.scanners.code.python import analyze_source

FIRES: list[tuple[str, str]] = [
    # keyword dictionaries
    ("CD103", "import torch\nOPTS = {'weights_only': False}\ntorch.load(p, **OPTS)"),
    (
        "CD103",
        "import torch\nOPTS = dict(weights_only=False, map_location='cpu')\n"
        "def load(p):\n    return torch.load(p, **OPTS)",
    ),
    ("CD103", "import torch\nOPTS = {'map_location': 'cpu'}\ntorch.load(p, **OPTS)"),
    ("CD103", "import torch\nBASE = {'map_location': 'cpu'}\ntorch.load(p, **{**BASE})"),
    (
        "CD121",
        "import subprocess\nRUN_OPTS = {'shell': True, 'check': True}\n"
        "subprocess.run(cmd, **RUN_OPTS)",
    ),
    (
        "CD121",
        "import subprocess\ndef go(cmd):\n    opts = dict(shell=True)\n"
        "    subprocess.run(cmd, **opts)",
    ),
    ("CD106", "import yaml\nKW = dict(Loader=yaml.UnsafeLoader)\nyaml.load(f, **KW)"),
    (
        "CD112",
        "from huggingface_hub import hf_hub_download\nKW = {'revision': 'main'}\n"
        "hf_hub_download('o/m', 'f.bin', **KW)",
    ),
    (
        "CD110",
        "from transformers import AutoModel\nKW = dict(trust_remote_code=True)\n"
        "AutoModel.from_pretrained('o/m', **KW)",
    ),
    (
        "CD103",
        "import torch\ndef load_opts():\n    return {'weights_only': False}\n"
        "torch.load(p, **load_opts())",
    ),
    # modules and callables reached indirectly
    ("CD101", "import importlib\nimportlib.import_module('pickle').loads(b)"),
    ("CD101", "import importlib\nmod = importlib.import_module('pickle')\nmod.loads(b)"),
    ("CD101", "from importlib import import_module\nimport_module('dill').load(f)"),
    ("CD101", "import pickle\ngetattr(pickle, 'loads')(b)"),
    ("CD101", "import pickle\nload = getattr(pickle, 'lo' + 'ad')\nobj = load(fh)"),
    (
        "CD101",
        "import pickle\nclass Job:\n    def run(self):\n"
        "        load = getattr(pickle, 'lo' + 'ad')\n        return load(fh)",
    ),
    ("CD101", "import sys\nsys.modules['pickle'].loads(b)"),
    ("CD101", "getattr(__import__('pickle'), 'loads')(b)"),
    ("CD121", "__import__('os').system(cmd)"),
    ("CD120", "def run():\n    runner = eval\n    runner(payload)"),
    ("CD120", "import builtins\ngetattr(builtins, 'eval')(x)"),
    ("CD120", "def run():\n    fn = getattr(__builtins__, 'exec')\n    fn(code)"),
    # endpoints held in constants, configuration and class attributes
    ("CD131", "import requests\nAPI = 'http://models.corp/v1'\nrequests.post(f'{API}/predict')"),
    ("CD131", "import requests\nAPI = 'http://models.corp'\nrequests.post(API + '/predict')"),
    (
        "CD131",
        "import requests\nCONFIG = {'endpoint': 'http://models.corp/v1'}\n"
        "requests.get(CONFIG['endpoint'])",
    ),
    (
        "CD131",
        "import requests\nclass Client:\n    BASE_URL = 'http://inference.corp:8080'\n"
        "    def predict(self, x):\n        return requests.post(self.BASE_URL + '/p', json=x)",
    ),
    (
        "CD131",
        "import requests\nfrom dataclasses import dataclass\n@dataclass\nclass Settings:\n"
        "    model_endpoint: str = 'http://model-server.corp:8080'\nsettings = Settings()\n"
        "requests.post(settings.model_endpoint)",
    ),
    ("CD131", "import requests\ns = requests.Session()\ns.post('http://models.corp/predict')"),
    (
        "CD131",
        "import requests\nURL = 'http://models.corp/predict'\n"
        "with requests.Session() as s:\n    s.post(URL, json=x)",
    ),
    (
        "CD131",
        "import os, mlflow\n"
        "mlflow.set_tracking_uri(os.getenv('MLFLOW_TRACKING_URI', 'http://mlflow.corp:5000'))",
    ),
    (
        "CD131",
        "import pandas as pd\ndef f():\n    url = 'http://data.corp/t.csv'\n"
        "    return pd.read_csv(url)",
    ),
    (
        "CD131",
        "import requests\ndef endpoint():\n    return 'http://models.corp'\n"
        "requests.get(endpoint())",
    ),
    (
        "CD130",
        "import requests\nclass C:\n    VERIFY = False\n    def get(self):\n"
        "        return requests.get(u, verify=self.VERIFY)",
    ),
    (
        "CD140",
        "from flask import Flask\napp = Flask(__name__)\nCFG = {'debug': True}\napp.run(**CFG)",
    ),
    ("CD141", "import ray\nray.init(dashboard_host='0.0.0.0')"),
    # gRPC without TLS
    ("CD132", "import grpc\nchannel = grpc.insecure_channel('triton.prod:8001')"),
    ("CD132", "import grpc\nHOST = 'models.corp:8500'\nchannel = grpc.insecure_channel(HOST)"),
    ("CD132", "import grpc\nch = grpc.aio.insecure_channel(target='10.0.3.7:50051')"),
    ("CD132", "import grpc\nserver = grpc.server(pool)\nserver.add_insecure_port('[::]:50051')"),
    ("CD132", "import grpc\nserver = grpc.server(pool)\nserver.add_insecure_port('0.0.0.0:50051')"),
    ("CD132", "PORT = 50051\nserver.add_insecure_port(f'[::]:{PORT}')"),
    (
        "CD132",
        "import tritonclient.grpc as grpcclient\n"
        "client = grpcclient.InferenceServerClient(url='triton.prod:8001')",
    ),
    (
        "CD131",
        "import tritonclient.http as httpclient\n"
        "client = httpclient.InferenceServerClient(url='triton.prod:8000')",
    ),
]

SILENT: list[tuple[str, str]] = [
    ("CD103", "import torch\nOPTS = {'weights_only': True}\ntorch.load(p, **OPTS)"),
    (
        "CD103",
        "import torch\nOPTS = {'weights_only': False}\nOPTS['weights_only'] = True\n"
        "torch.load(p, **OPTS)",
    ),
    (
        "CD103",
        "import torch\nOPTS = {'weights_only': False}\nOPTS.update(weights_only=True)\n"
        "torch.load(p, **OPTS)",
    ),
    ("CD103", "import torch\ndef load(p, **kw):\n    return torch.load(p, **kw)"),
    (
        "CD103",
        "import torch\nOPTS = {'weights_only': False}\nharden(OPTS)\ntorch.load(p, **OPTS)",
    ),
    (
        "CD121",
        "import subprocess\nOPTS = {'shell': True}\nOPTS, other = {}, 1\n"
        "subprocess.run(cmd, **OPTS)",
    ),
    ("CD103", "import torch\nopts = cfg.load_opts()\ntorch.load(p, **opts)"),
    ("CD121", "import subprocess\nopts = {'shell': False}\nsubprocess.run(cmd, **opts)"),
    ("CD121", "import subprocess\nsubprocess.run(cmd, **{'check': True})"),
    ("CD120", "def a():\n    runner = eval\ndef b():\n    runner = print\n    runner(x)"),
    ("CD120", "def run(runner=eval):\n    runner = print\n    runner(x)"),
    ("CD101", "import importlib\nimportlib.import_module(name).loads(x)"),
    ("CD101", "import pickle\ngetattr(obj, 'load')(f)"),
    ("CD101", "import importlib\nmod = importlib.import_module('json')\nmod.loads(b)"),
    ("CD101", "import pickle\nfor load in (pickle.load, print):\n    pass\nload(x)"),
    ("CD131", "import requests\nAPI = 'https://models.corp/v1'\nrequests.post(f'{API}/predict')"),
    ("CD131", "import requests\ns = requests.Session()\ns.get('http://localhost:8080/health')"),
    (
        "CD131",
        "from fastapi.testclient import TestClient\nclient = TestClient(app, "
        "base_url='http://testserver')\nclient.post('http://testserver/predict', json=x)",
    ),
    (
        "CD131",
        "import requests\nclass C:\n    BASE = 'http://x.corp'\nclass D:\n"
        "    BASE = 'https://y.corp'\nrequests.get(self.BASE)",
    ),
    (
        "CD131",
        "import requests\nclass C:\n    BASE = 'http://x.corp'\n    def __init__(self, base):\n"
        "        self.BASE = base\n    def go(self):\n        requests.get(self.BASE)",
    ),
    ("CD131", "import os, mlflow\nmlflow.set_tracking_uri(os.getenv('MLFLOW_TRACKING_URI'))"),
    (
        "CD131",
        "import os, mlflow\n"
        "mlflow.set_tracking_uri(os.getenv('MLFLOW_TRACKING_URI', 'http://localhost:5000'))",
    ),
    ("CD141", "import ray\nray.init(dashboard_host='127.0.0.1')"),
    ("CD141", "import ray\nray.init(address='auto')"),
    (
        "CD140",
        "from flask import Flask\napp = Flask(__name__)\nCFG = {'debug': False}\napp.run(**CFG)",
    ),
    ("CD132", "import grpc\nchannel = grpc.insecure_channel('localhost:8001')"),
    ("CD132", "import grpc\nchannel = grpc.insecure_channel('127.0.0.1:50051')"),
    ("CD132", "import grpc\nchannel = grpc.insecure_channel('unix:///tmp/model.sock')"),
    ("CD132", "import grpc\nchannel = grpc.insecure_channel(target)"),
    ("CD132", "import grpc\nserver.add_insecure_port('localhost:50051')"),
    ("CD132", "import grpc\nserver.add_insecure_port('127.0.0.1:' + str(port))"),
    ("CD132", "import grpc\nchannel = grpc.secure_channel('models.corp:443', creds)"),
    ("CD132", "import grpc\nserver.add_secure_port('[::]:50051', creds)"),
    (
        "CD132",
        "import tritonclient.grpc as grpcclient\n"
        "client = grpcclient.InferenceServerClient(url='triton.prod:8001', ssl=True)",
    ),
    (
        "CD132",
        "import tritonclient.grpc as grpcclient\n"
        "client = grpcclient.InferenceServerClient(url='localhost:8001')",
    ),
]


def _rules(source: str) -> list[str]:
    return [h.rule.id for h in analyze_source(source)]


@pytest.mark.parametrize(("rule", "source"), FIRES)
def test_fires(rule: str, source: str) -> None:
    assert rule in _rules(source)


@pytest.mark.parametrize(("rule", "source"), SILENT)
def test_silent(rule: str, source: str) -> None:
    assert rule not in _rules(source)


def test_splatted_dictionary_is_judged_like_keywords() -> None:
    [missing] = analyze_source(
        "import torch\nOPTS = {'map_location': 'cpu'}\ntorch.load(p, **OPTS)"
    )
    assert missing.severity is Severity.MEDIUM
    [off] = analyze_source("import torch\nOPTS = {'weights_only': False}\ntorch.load(p, **OPTS)")
    assert off.severity is None and off.line == 3  # the rule's own severity (high)


def test_resolution_is_bounded() -> None:
    """Long chains and cycles finish quickly; only a bounded number of steps is followed."""
    chain = "import pickle\na0 = pickle.loads\n" + "".join(
        f"a{i} = a{i - 1}\n" for i in range(1, 3000)
    )
    assert isinstance(analyze_source(chain + "a2999(b)\n"), list)
    assert [h.rule.id for h in analyze_source(chain + "a3(b)\n")] == ["CD101"]
    cycle = "a = b\nb = a\na(x)\nd = {**e}\ne = {**d}\nimport torch\ntorch.load(p, **d)\n"
    assert analyze_source(cycle) == []  # an unknown dictionary: weights_only may be in it
    nested = "import torch\nd0 = {'weights_only': False}\n" + "".join(
        f"d{i} = {{**d{i - 1}}}\n" for i in range(1, 3000)
    )
    assert isinstance(analyze_source(nested + "torch.load(p, **d2999)\n"), list)
    assert [h.rule.id for h in analyze_source(nested + "torch.load(p, **d3)\n")] == ["CD103"]
