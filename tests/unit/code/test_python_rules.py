"""CD101-CD143: each Python rule fires on unsafe uses and stays silent on safe ones.

In every positive case the offending call is on the last line; each is also checked written
inside a comment and inside a string, where it must not fire.

Known false negatives (by design, documented in docs/code-scanning.md): values that only exist
at run time (``trust_remote_code=args.trust``, ``from_pretrained(args.model)``), names bound
more than once, and ``**kwargs`` dictionaries built at run time (see test_constants.py for
what constant propagation does follow).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from secplan.model import Severity
from secplan.scanners.code.python import analyze_source

SHA = "0123456789abcdef0123456789abcdef01234567"

POSITIVE: list[tuple[str, str]] = [
    # CD101 pickle family, however imported
    ("CD101", "import pickle\npickle.load(f)"),
    ("CD101", "import pickle as p\np.loads(b)"),
    ("CD101", "from pickle import loads as L\nL(b)"),
    ("CD101", "import cPickle\ncPickle.load(f)"),
    ("CD101", "import dill\ndill.load(f)"),
    ("CD101", "import cloudpickle\ncloudpickle.loads(b)"),
    ("CD101", "import _pickle\n_pickle.Unpickler(f).load()"),
    ("CD101", "pickle.load(f)"),  # notebook style: imported in another cell
    (
        "CD101",
        "try:\n"
        "    import cPickle as pickle\nexcept ImportError:\n    import pickle\npickle.load(f)",
    ),
    ("CD101", "import jsonpickle\njsonpickle.decode(s)"),
    # CD102 joblib
    ("CD102", "import joblib\njoblib.load('m.joblib')"),
    ("CD120", "from langchain_experimental.utilities import PythonREPL\nrepl = PythonREPL()"),
    (
        "CD112",
        "from transformers import AutoModel\ndef load(params):\n"
        "    return AutoModel.from_pretrained(params['model_id'])",
    ),
    (
        "CD121",
        "from kfp import dsl\ndef train(lr: str):\n"
        "    return dsl.ContainerSpec(\n"
        "        image='t:1', command=['sh', '-c'], args=[f'train --lr {lr}'])",
    ),
    (
        "CD120",
        "from langchain.agents import Tool\n"
        "from langchain_experimental.utilities import PythonREPL\n"
        "repl = PythonREPL()\ntools = [Tool(name='py', func=repl.run, description='run')]",
    ),
    (
        "CD121",
        "from airflow.operators.bash import BashOperator\n"
        "t = BashOperator(task_id='b', bash_command='run.sh {{ dag_run.conf[\"table\"] }}')",
    ),
    (
        "CD120",
        "from pydantic import BaseModel\nclass Req(BaseModel):\n    expr: str = 'True'\n"
        "def f(req: Req, row: dict) -> bool:\n    return eval(req.expr, {'__builtins__': {}}, row)",
    ),
    ("CD102", "from autogluon.tabular import TabularPredictor\np = TabularPredictor.load('ag/')"),
    ("CD102", "from pycaret.classification import load_model\nm = load_model('churn')"),
    (
        "CD101",
        "from langchain_community.vectorstores import FAISS\n"
        "db = FAISS.load_local('idx', emb, allow_dangerous_deserialization=True)",
    ),
    ("CD102", "from joblib import load\nload('m.joblib')"),
    ("CD102", "from sklearn.externals import joblib\njoblib.load(p)"),
    # CD103 torch.load
    ("CD103", "import torch\ntorch.load('a.pt')"),
    ("CD103", "from torch import load as L\nL('a.pt', weights_only=False)"),
    ("CD103", "import torch\nWO = False\ntorch.load(p, weights_only=WO)"),
    ("CD103", "import torch\ntorch.hub.load_state_dict_from_url(u)"),
    # CD104 numpy allow_pickle
    ("CD104", "import numpy as np\nnp.load('a.npy', allow_pickle=True)"),
    ("CD104", "from numpy import load\nload(f, None, True)"),
    ("CD104", "import numpy as np\nALLOW = True\nnp.load(f, allow_pickle=ALLOW)"),
    # CD105 pandas
    ("CD105", "import pandas as pd\npd.read_pickle('x.pkl')"),
    ("CD105", "from pandas import read_pickle\nread_pickle(p)"),
    # CD106 yaml
    ("CD106", "import yaml\nyaml.load(f)"),
    ("CD106", "import yaml\nyaml.load(f, Loader=yaml.Loader)"),
    ("CD106", "import yaml\nyaml.unsafe_load(s)"),
    ("CD106", "import yaml\nyaml.full_load(s)"),
    ("CD106", "import yaml\nyaml.load(f, yaml.UnsafeLoader)"),
    ("CD106", "from yaml import load, Loader\nload(f, Loader)"),
    # CD107 keras
    ("CD107", "import keras\nkeras.models.load_model('m.keras', safe_mode=False)"),
    ("CD107", "import tensorflow as tf\ntf.keras.models.load_model(p, safe_mode=False)"),
    ("CD107", "import keras\nkeras.config.enable_unsafe_deserialization()"),
    ("CD107", "from keras.saving import load_model\nload_model(p, None, True, False)"),
    # CD108 marshal, CD109 shelve
    ("CD108", "import marshal\nmarshal.loads(b)"),
    ("CD109", "import shelve\nshelve.open('cache.db')"),
    # CD110 trust_remote_code
    (
        "CD110",
        "from transformers import AutoModel\n"
        "AutoModel.from_pretrained('o/m', trust_remote_code=True)",
    ),
    ("CD110", "from datasets import load_dataset\nload_dataset('o/d', trust_remote_code=True)"),
    (
        "CD110",
        "from transformers import pipeline\n"
        "pipeline(model=m, model_kwargs={'trust_remote_code': True})",
    ),
    ("CD110", "TRUST = True\nAutoTokenizer.from_pretrained(x, trust_remote_code=TRUST)"),
    ("CD110", "from vllm import LLM\nLLM(model=name, trust_remote_code=True)"),
    # CD111 torch.hub
    ("CD111", "import torch\ntorch.hub.load('pytorch/vision', 'resnet50')"),
    ("CD111", "import torch\ntorch.hub.load('pytorch/vision:main', 'resnet50')"),
    ("CD111", "import torch\ntorch.hub.load('owner/repo', 'm', trust_repo=True)"),
    ("CD111", "import torch.hub as h\nh.load('a/b', 'm')"),
    # CD112 unpinned revision
    ("CD112", "from transformers import AutoModel\nAutoModel.from_pretrained('bert-base-uncased')"),
    (
        "CD112",
        "from transformers import AutoModel as M\nM.from_pretrained('org/m', revision='main')",
    ),
    (
        "CD112",
        "from huggingface_hub import hf_hub_download\n"
        "hf_hub_download(repo_id='o/m', filename='w.bin')",
    ),
    (
        "CD112",
        "from huggingface_hub import snapshot_download\nsnapshot_download('o/m', revision='v1.0')",
    ),
    ("CD112", "from datasets import load_dataset\nload_dataset('squad')"),
    (
        "CD112",
        "from sentence_transformers import SentenceTransformer\n"
        "SentenceTransformer('all-MiniLM-L6-v2')",
    ),
    ("CD112", "MODEL = 'org/model'\ntok = AutoTokenizer.from_pretrained(MODEL)"),
    (
        "CD112",
        "import argparse\nfrom transformers import AutoModel\nap = argparse.ArgumentParser()\n"
        "ap.add_argument('--base-model', default='org/model')\nargs = ap.parse_args()\n"
        "AutoModel.from_pretrained(args.base_model)",
    ),
    ("CD112", "from transformers import pipeline\npipeline('text-generation', 'gpt2')"),
    (
        "CD112",
        "import os\nfrom transformers import AutoModel\n"
        "ID = os.environ.get('MODEL_ID', 'org/model')\nAutoModel.from_pretrained(ID)",
    ),
    ("CD112", "import timm\ntimm.create_model('hf-hub:timm/vit_base', pretrained=True)"),
    ("CD112", "import timm\ntimm.create_model('resnet50', pretrained=True)"),
    (
        "CD112",
        "import open_clip\nopen_clip.create_model_and_transforms('ViT-B-32', pretrained='laion2b')",
    ),
    ("CD101", "import mlflow\nmlflow.sklearn.load_model('models:/fraud/Production')"),
    ("CD101", "import mlflow\nmlflow.pyfunc.load_model(f'runs:/{run}/model')"),
    # CD120 eval/exec/compile
    ("CD120", "eval(x)"),
    ("CD120", "exec(f'print({x})')"),
    ("CD120", "compile(src, 'f.py', 'exec')"),
    ("CD120", "from builtins import eval as e\ne(data)"),
    ("CD120", "result = eval(llm_response['content'])"),
    # CD121 shells
    ("CD121", "import os\nos.system(cmd)"),
    ("CD121", "import os\nos.system(f\"bash -c '{cmd}'\")"),
    ("CD121", "import subprocess\nsubprocess.run(['bash', '-c', script])"),
    ("CD120", "import subprocess\nsubprocess.run(['python3', '-c', code], text=True)"),
    (
        "CD121",
        "from ray.job_submission import JobSubmissionClient\n"
        "c.submit_job(entrypoint=f'bash -c \"{cmd}\"')",
    ),
    ("CD121", "import subprocess\nsubprocess.run(cmd, shell=True)"),
    ("CD121", "import subprocess\nsubprocess.Popen(f'tar xf {x}', shell=True)"),
    ("CD121", "import subprocess as sp\nsp.check_output(c, shell=True)"),
    ("CD121", "import os\nos.popen(c)"),
    ("CD121", "import subprocess\nsubprocess.getoutput(c)"),
    # CD122 jinja2
    ("CD122", "import jinja2\njinja2.Template(tok.chat_template)"),
    ("CD122", "from jinja2 import Environment\nenv = Environment()\nenv.from_string(src)"),
    ("CD122", "import jinja2\njinja2.Environment().from_string(tmpl)"),
    (
        "CD122",
        "import jinja2\nclass R:\n    def __init__(self):\n        self.env = jinja2.Environment()"
        "\n    def render(self, t):\n        return self.env.from_string(t)",
    ),
    # CD130 TLS
    ("CD130", "import requests\nrequests.get(u, verify=False)"),
    ("CD130", "import requests\ns = requests.Session()\ns.verify = False"),
    ("CD130", "import httpx\nhttpx.Client(verify=False)"),
    ("CD130", "import ssl\nssl._create_unverified_context()"),
    ("CD130", "import ssl\nssl._create_default_https_context = ssl._create_unverified_context"),
    ("CD130", "import os\nos.environ['CURL_CA_BUNDLE'] = ''"),
    ("CD130", "import urllib3\nurllib3.PoolManager(cert_reqs='CERT_NONE')"),
    ("CD130", "import ssl\nctx = ssl.create_default_context()\nctx.check_hostname = False"),
    ("CD130", "import ssl\nctx.verify_mode = ssl.CERT_NONE"),
    ("CD130", "session.get(u, verify=False)"),
    ("CD130", "import os\nos.environ.setdefault('HF_HUB_DISABLE_SSL_VERIFICATION', '1')"),
    # CD131 plain http
    ("CD131", "import mlflow\nmlflow.set_tracking_uri('http://mlflow.corp:5000')"),
    ("CD131", "import pandas as pd\npd.read_csv('http://data.example.org/t.csv')"),
    ("CD131", "import os\nos.environ['HF_ENDPOINT'] = 'http://mirror.corp'"),
    ("CD131", "import boto3\nboto3.client('s3', endpoint_url='http://minio.corp:9000')"),
    (
        "CD131",
        "from datasets import load_dataset\nload_dataset('csv', data_files='http://x.org/a.csv')",
    ),
    ("CD131", "from openai import OpenAI\nOpenAI(base_url='http://10.0.0.5:8000/v1')"),
    ("CD131", "import mlflow\nURI = 'http://mlflow.corp:5000'\nmlflow.set_tracking_uri(URI)"),
    ("CD131", "import requests\nrequests.get(f'http://{host}/weights.bin')"),
    (
        "CD131",
        "from ray.job_submission import JobSubmissionClient\n"
        "JobSubmissionClient(address='http://ray-head.ml.example.com:8265')",
    ),
    ("CD131", "import requests\nrequests.get('http://10.0.0.7/x')"),  # an address, not a name
    # CD140 debug
    ("CD132", "import grpc\nch = grpc.insecure_channel('triton.prod:8001')"),
    ("CD132", "import grpc\nserver = grpc.server(pool)\nserver.add_insecure_port('[::]:50051')"),
    ("CD132", "import flwr as fl\nfl.server.start_server(server_address='0.0.0.0:8080')"),
    (
        "CD132",
        "import flwr as fl\nfl.client.start_client(server_address='fl.corp-example.org:8080')",
    ),
    (
        "CD130",
        "import tritonclient.http as h\n"
        "h.InferenceServerClient('t.example.org', ssl=True, insecure=True)",
    ),
    ("CD130", "import paho.mqtt.client as mqtt\nc = mqtt.Client()\nc.tls_insecure_set(True)"),
    (
        "CD131",
        "import chromadb\nc = chromadb.HttpClient(host='vectors.corp-example.io', port=8000)",
    ),
    (
        "CD131",
        "from kfp import client\nc = client.Client(host='http://kubeflow.corp-example.com/p')",
    ),
    ("CD141", "from ray import serve\nserve.start(http_options={'host': '0.0.0.0', 'port': 8000})"),
    ("CD140", "from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)"),
    ("CD140", "from flask import Flask\napp = Flask(__name__)\napp.debug = True"),
    ("CD140", "import flask\napp = flask.Flask(__name__)\napp.config['DEBUG'] = True"),
    (
        "CD140",
        "from werkzeug.serving import run_simple\n"
        "run_simple('localhost', 5000, app, use_debugger=True)",
    ),
    # CD141 all interfaces
    ("CD141", "import uvicorn\nuvicorn.run(app, host='0.0.0.0')"),
    ("CD141", "from flask import Flask\napp = Flask(__name__)\napp.run('0.0.0.0')"),
    ("CD141", "import gradio as gr\ndemo.launch(server_name='0.0.0.0')"),
    ("CD141", "from aiohttp import web\nweb.run_app(app, host='0.0.0.0')"),
    ("CD141", "HOST = '0.0.0.0'\nuvicorn.run('main:app', host=HOST, port=8000)"),
    # CD142 gradio share
    ("CD142", "import gradio as gr\ndemo.launch(share=True)"),
    ("CD142", "import gradio as gr\ngr.Interface(f, 'text', 'text').launch(share=True)"),
    # CD143 streamlit
    ("CD143", "import streamlit as st"),
    ("CD143", "from streamlit import write"),
]

NEGATIVE: list[tuple[str, str]] = [
    ("CD101", "import json\njson.load(f)"),
    ("CD101", "import pickle\npickle.dumps(obj)"),
    ("CD101", "import pickle\nclass Restricted(pickle.Unpickler):\n    pass"),
    ("CD101", "from mylib import load\nload(f)"),
    ("CD101", "model.load(f)"),
    ("CD102", "import joblib\njoblib.dump(m, 'x.joblib')"),
    (
        "CD102",
        "import skops.io as sio\nsio.load(p, trusted=['sklearn.linear_model.LogisticRegression'])",
    ),
    ("CD103", "import torch\ntorch.load(p, weights_only=True)"),
    ("CD103", "import torch\ntorch.load(p, **kwargs)"),
    ("CD103", "import torch\ntorch.save(m, p)"),
    ("CD103", "from safetensors.torch import load_file\nload_file(p)"),
    ("CD103", "model.load_state_dict(sd)"),
    ("CD103", "import torch\ntorch.load(p, weights_only=args.weights_only)"),
    ("CD104", "import numpy as np\nnp.load('a.npy')"),
    ("CD104", "import numpy as np\nnp.load(f, allow_pickle=False)"),
    ("CD104", "import numpy as np\nnp.loadtxt(f)"),
    ("CD105", "import pandas as pd\npd.read_parquet(p)"),
    ("CD105", "df.to_pickle(p)"),
    ("CD106", "import yaml\nyaml.safe_load(f)"),
    ("CD106", "import yaml\nyaml.load(f, Loader=yaml.SafeLoader)"),
    ("CD106", "import yaml\nyaml.load(f, Loader=yaml.CSafeLoader)"),
    ("CD106", "import yaml\nyaml.load(f, yaml.BaseLoader)"),
    ("CD106", "import yaml\nfrom yaml import CSafeLoader as Loader\nyaml.load(f, Loader=Loader)"),
    ("CD106", "import yaml\nLoader = yaml.SafeLoader\nyaml.load(f, Loader=Loader)"),
    (
        "CD106",
        "import yaml\ntry:\n    Loader = yaml.CSafeLoader\nexcept AttributeError:\n"
        "    Loader = yaml.SafeLoader\nyaml.load(f, Loader=Loader)",
    ),
    ("CD106", "from ruamel.yaml import YAML\nYAML(typ='safe').load(f)"),
    ("CD107", "import keras\nkeras.models.load_model('m.keras')"),
    ("CD107", "from keras.models import load_model\nload_model(p, safe_mode=True)"),
    ("CD108", "import marshal\nmarshal.dumps(c)"),
    ("CD109", "import dbm\ndbm.open('x')"),
    ("CD110", f"AutoModel.from_pretrained('o/m', trust_remote_code=False, revision='{SHA}')"),
    ("CD110", "AutoModel.from_pretrained(name, trust_remote_code=args.trust_remote_code)"),
    ("CD110", "opts = {'trust_remote_code': False}"),
    ("CD111", "import torch\ntorch.hub.load('pytorch/vision:v0.10.0', 'resnet18')"),
    # a release tag pins the hubconf.py that runs; trust_repo only skips the prompt
    ("CD112", "import timm\ntimm.create_model('hf-hub:timm/vit_base', pretrained=False)"),
    (
        "CD112",
        "import timm\ntimm.create_model('resnet50', pretrained=True, "
        "pretrained_cfg_overlay={'file': 'w/resnet50.safetensors'})",
    ),
    ("CD112", "import open_clip\nopen_clip.create_model('ViT-B-32', pretrained='/w/clip.bin')"),
    (
        "CD112",
        "import os\nfrom transformers import AutoModel\nAutoModel.from_pretrained(os.environ['M'])",
    ),
    ("CD101", "import mlflow\nmlflow.xgboost.load_model('models:/m/1')"),
    ("CD111", "import torch\ntorch.hub.load('owner/repo:v1.0', 'm', trust_repo=True)"),
    ("CD111", f"import torch\ntorch.hub.load('pytorch/vision:{SHA}', 'resnet18')"),
    ("CD111", "import torch\ntorch.hub.load('./hub', 'm', source='local')"),
    ("CD111", "import torch\ntorch.hub.load(repo, 'm')"),
    (
        "CD112",
        f"from transformers import AutoModel\n"
        f"AutoModel.from_pretrained('bert-base-uncased', revision='{SHA}')",
    ),
    ("CD112", "from transformers import AutoModel\nAutoModel.from_pretrained('./models/bert')"),
    (
        "CD112",
        "from transformers import AutoModel\nAutoModel.from_pretrained(args.model_name_or_path)",
    ),
    ("CD112", "from transformers import AutoModel\nAutoModel.from_pretrained('/srv/models/bert')"),
    ("CD112", "from datasets import load_dataset\nload_dataset('csv', data_files='train.csv')"),
    (
        "CD112",
        "from datasets import load_dataset\nload_dataset('json', data_files={'train': 'a.json'})",
    ),
    ("CD112", "AutoModel.from_pretrained('org/m', local_files_only=True)"),
    ("CD112", f"REV = '{SHA}'\nhf_hub_download('o/m', 'f.bin', revision=REV)"),
    ("CD112", "AutoModel.from_pretrained('org/m', **hub_kwargs)"),
    (
        "CD112",
        "from transformers import AutoModel\ndef f(model_path):\n"
        "    AutoModel.from_pretrained(model_path)",
    ),
    (
        "CD112",
        "from transformers import AutoModel\ndef f(args):\n"
        "    AutoModel.from_pretrained(args.output_dir)",
    ),
    (
        "CD112",
        "from transformers import AutoModel\ndef f(model_id, sha):\n"
        "    AutoModel.from_pretrained(model_id, revision=sha)",
    ),
    (
        "CD121",
        "from kfp import dsl\ndef train(lr: str):\n"
        "    return dsl.ContainerSpec(image='t:1', command=['python', 'train.py'], args=[lr])",
    ),
    (
        "CD121",
        "from airflow.operators.bash import BashOperator\n"
        "t = BashOperator(task_id='b', bash_command='feast materialize-incremental {{ ds }}')",
    ),
    (
        "CD101",
        "from langchain_community.vectorstores import FAISS\ndb = FAISS.load_local('idx', emb)",
    ),
    (
        "CD112",
        "import argparse\nfrom transformers import AutoModel\nap = argparse.ArgumentParser()\n"
        "ap.add_argument('--base-model', default='./weights/base')\nargs = ap.parse_args()\n"
        "AutoModel.from_pretrained(args.base_model)",
    ),
    ("CD112", "from transformers import AutoModel\nAutoModel.from_pretrained('models/vit')"),
    ("CD112", "from transformers import AutoModel\nAutoModel.from_pretrained('checkpoints/e3')"),
    ("CD120", "eval('1 + 1')"),
    ("CD120", "model.eval()"),
    ("CD120", "import re\nre.compile(p)"),
    ("CD120", "import torch\ntorch.compile(m)"),
    ("CD120", "import ast\nast.literal_eval(s)"),
    ("CD120", "exec('import math')"),
    ("CD120", "def eval(x):\n    return x\neval(y)"),
    ("CD121", "import subprocess\nsubprocess.run(['ls', '-l'])"),
    # a fixed command, or values quoted for the shell, run nothing from input
    ("CD121", "import os\nos.system('clear')"),
    ("CD121", "import os\nos.system('ray stop')"),
    ("CD121", "import shlex, subprocess\nsubprocess.run(f'gzip -k {shlex.quote(p)}', shell=True)"),
    ("CD121", "import shlex, subprocess\nsubprocess.run('ls ' + shlex.quote(p), shell=True)"),
    ("CD121", "import shlex, subprocess\nsubprocess.run(shlex.join(argv), shell=True)"),
    ("CD121", "import subprocess\nsubprocess.run(['python', '-c', 'print(1)'])"),
    ("CD120", "exec(open('configurator.py').read())"),
    (
        "CD122",
        "from jinja2 import Environment\nfrom jinja2.sandbox import SandboxedEnvironment\n"
        "def a(t):\n    env = SandboxedEnvironment()\n    return env.from_string(t)\n"
        "def b():\n    env = Environment(autoescape=True)\n    return env.from_string('x')",
    ),
    ("CD121", "import subprocess\nsubprocess.run(cmd, shell=False)"),
    ("CD121", "import subprocess\nsubprocess.run(cmd)"),
    ("CD121", "import os\nos.path.join(a, b)"),
    (
        "CD122",
        "from jinja2.sandbox import ImmutableSandboxedEnvironment\n"
        "env = ImmutableSandboxedEnvironment()\nenv.from_string(tok.chat_template)",
    ),
    ("CD122", "import jinja2\njinja2.Template('Hello {{ name }}')"),
    ("CD122", "import jinja2\nenv = jinja2.Environment(loader=L)\nenv.get_template('a.html')"),
    ("CD122", "import jinja2\nenv = jinja2.Environment()\nenv.from_string('{{ x }}')"),
    ("CD122", "other.from_string(t)"),
    ("CD130", "import requests\nrequests.get(u)"),
    ("CD130", "import requests\nrequests.get(u, verify=True)"),
    ("CD130", "import requests\nrequests.get(u, verify='/etc/ssl/ca.pem')"),
    ("CD130", "import ssl\nssl.create_default_context()"),
    ("CD130", "import os\nos.environ['CURL_CA_BUNDLE'] = '/etc/ssl/ca.pem'"),
    ("CD130", "import ssl\nif ctx.verify_mode == ssl.CERT_NONE:\n    raise ValueError"),
    ("CD130", "model.fit(x, verify=False)"),
    ("CD131", "import mlflow\nmlflow.set_tracking_uri('https://mlflow.corp')"),
    ("CD131", "import mlflow\nmlflow.set_tracking_uri('http://localhost:5000')"),
    ("CD131", "import mlflow\nmlflow.set_tracking_uri('http://127.0.0.1:5000')"),
    ("CD131", "print('see http://example.org')"),
    ("CD131", "import pandas as pd\npd.read_csv('https://data.example.org/t.csv')"),
    ("CD131", "url = 'http://example.org'"),
    # no TLS to verify on a plain-HTTP URL (that is CD131's)
    ("CD130", "import requests\nrequests.get('http://data.corp.example/x', verify=False)"),
    # inside the cluster network: compose service names, Kubernetes services, link-local
    ("CD131", "import boto3\nboto3.client('s3', endpoint_url='http://minio:9000')"),
    ("CD131", "import mlflow\nmlflow.set_tracking_uri('http://mlflow.ml.svc.cluster.local')"),
    ("CD131", "import requests\nrequests.get('http://169.254.169.254/latest/meta-data/')"),
    ("CD131", "import os\nos.environ['HF_ENDPOINT'] = 'https://mirror.corp'"),
    ("CD132", "import grpc\nchannel = grpc.insecure_channel('localhost:8001')"),
    (
        "CD132",
        "import flwr as fl\nfl.server.start_server(server_address='0.0.0.0:8080', certificates=c)",
    ),
    (
        "CD132",
        "import flwr as fl\n"
        "fl.client.start_client(server_address='fl.corp-example.org:8080', root_certificates=ca)",
    ),
    ("CD130", "import tritonclient.http as h\nh.InferenceServerClient('t.example.org', ssl=True)"),
    ("CD130", "import paho.mqtt.client as mqtt\nc = mqtt.Client()\nc.tls_insecure_set(False)"),
    ("CD131", "import chromadb\nc = chromadb.HttpClient(host='vectors.corp-example.io', ssl=True)"),
    ("CD131", "import chromadb\nc = chromadb.HttpClient(host='chroma', port=8000)"),
    (
        "CD131",
        "from kfp import client\nc = client.Client(host='https://kubeflow.corp-example.com')",
    ),
    ("CD141", "from ray import serve\nserve.start(http_options={'host': '127.0.0.1'})"),
    (
        "CD132",
        "import grpc\nchannel = grpc.insecure_channel('triton.models.svc.cluster.local:8001')",
    ),
    ("CD132", "import grpc\nserver.add_insecure_port('127.0.0.1:50051')"),
    ("CD140", "from flask import Flask\napp = Flask(__name__)\napp.run(debug=False)"),
    ("CD140", "from flask import Flask\napp = Flask(__name__)\napp.run()"),
    ("CD140", "pipeline.run(debug=True)"),
    ("CD140", "from flask import Flask\napp.run(debug=os.environ.get('DEBUG') == '1')"),
    ("CD141", "import uvicorn\nuvicorn.run(app, host='127.0.0.1')"),
    ("CD141", "import gradio as gr\ndemo.launch(server_name='0.0.0.0', auth=('u', pw))"),
    (
        "CD141",
        "from fastapi import FastAPI, Depends\nfrom fastapi.security import HTTPBearer\n"
        "app = FastAPI()\nuvicorn.run(app, host='0.0.0.0')",
    ),
    (
        "CD141",
        "from fastapi import FastAPI, Depends\napp = FastAPI(dependencies=[Depends(check)])\n"
        "uvicorn.run(app, host='0.0.0.0')",
    ),
    ("CD141", "import socket\ns.bind(('0.0.0.0', 80))"),
    ("CD142", "import gradio as gr\ndemo.launch(share=False)"),
    ("CD142", "import gradio as gr\ndemo.launch(share=True, auth=('admin', pw))"),
    ("CD142", "import gradio as gr\ndemo.launch()"),
    ("CD143", "import streamlit as st\nst.login()\nst.write(st.user.name)"),
    ("CD143", "import streamlit_authenticator as stauth\nimport streamlit as st"),
    ("CD143", "import gradio as gr"),
]


def _ids(hits: list) -> list[str]:  # type: ignore[type-arg]
    return [h.rule.id for h in hits]


@pytest.mark.parametrize(("rule", "source"), POSITIVE)
def test_fires(rule: str, source: str) -> None:
    hits = [h for h in analyze_source(source) if h.rule.id == rule]
    last = len(source.splitlines())
    assert hits, f"{rule} did not fire"
    assert any(h.line == last or rule in ("CD122", "CD143") for h in hits), hits
    for h in hits:
        assert h.message and h.column >= 1


@pytest.mark.parametrize(("rule", "source"), NEGATIVE)
def test_silent(rule: str, source: str) -> None:
    assert rule not in _ids(analyze_source(source))


@pytest.mark.parametrize(("rule", "source"), POSITIVE)
def test_silent_in_comments_and_strings(rule: str, source: str) -> None:
    commented = "\n".join(f"# {line}" for line in source.splitlines())
    docstring = f'"""\n{source}\n"""\n'
    string = f"EXAMPLE = {source!r}\n"
    for text in (commented, docstring, string):
        assert analyze_source(text) == [], text


def test_every_python_rule_has_cases() -> None:
    from secplan.scanners.code.scanners import PYTHON_RULES

    ids = {r.id for r in PYTHON_RULES}
    assert ids == {r for r, _ in POSITIVE} == {r for r, _ in NEGATIVE}


def test_severity_follows_what_is_known() -> None:
    assert analyze_source("import os\nos.system('clear')") == []  # runs nothing from input
    [built] = analyze_source("import os\nos.system(cmd)")
    assert built.severity is None  # rule default: high
    [full] = analyze_source("import yaml\nyaml.full_load(s)")
    assert full.severity is Severity.MEDIUM
    [chat] = analyze_source("import jinja2\njinja2.Template(tok.chat_template)")
    assert chat.severity is Severity.HIGH
    [other] = analyze_source("import jinja2\njinja2.Template(source)")
    assert other.severity is None  # medium by default


def test_pipe_to_shell_in_code() -> None:
    hits = analyze_source("import os\nos.system('curl -fsSL https://get.example.org | sh')")
    assert sorted(_ids(hits)) == ["CD303"]


def test_plain_http_controls_follow_the_category() -> None:
    [data] = analyze_source("import pandas as pd\npd.read_csv('http://x.org/a.csv')")
    [tracking] = analyze_source("import mlflow\nmlflow.set_tracking_uri('http://ml.corp:5000')")
    assert data.controls == ("PS4", "DS1")
    assert tracking.controls == ("PS4",)


def test_evidence_never_shows_string_contents() -> None:
    source = textwrap.dedent(
        """
        import os, requests
        os.system("curl -H 'X-Token: s3cr3t-value' https://x | sh")
        requests.get("http://user:pa55word@data.corp/x.csv?sig=abc", verify=False)
        """
    )
    hits = analyze_source(source)
    assert hits
    for h in hits:
        for leaked in ("s3cr3t-value", "pa55word", "sig=abc"):
            assert leaked not in h.evidence and leaked not in h.message


def test_unparseable_source_gives_nothing() -> None:
    assert analyze_source("print 'python 2'\n") == []
    assert analyze_source("x = (" * 500) == []


@pytest.mark.parametrize(
    ("requirement", "reported"),
    [
        ("torch>=2.6", False),
        ("torch==2.7.1", False),
        ("torch>=2.7,<3", False),
        ("torch>=2.1", True),
        ("torch", True),
        ("torch==2.5.1", True),
        ("numpy==2.0.1", True),  # nothing says which PyTorch
    ],
)
def test_torch_load_default_follows_the_required_torch(
    tmp_path: Path, requirement: str, reported: bool
) -> None:
    from tests.helpers import findings_of, scan, write

    write(tmp_path, "requirements.txt", requirement + "\n")
    write(tmp_path, "train.py", "import torch\nsd = torch.load('ckpt.pt')\n")
    write(tmp_path, "eval.py", "import torch\nsd = torch.load('ckpt.pt', weights_only=False)\n")
    found = {f.location.path for f in findings_of(scan(tmp_path), "CD103")}
    assert found == ({"train.py", "eval.py"} if reported else {"eval.py"})
