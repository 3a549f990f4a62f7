"""Python cases of the code-scanning benchmark: (imports, code) pairs per class.

Positives are unsafe uses; negatives are safe uses of the same APIs and look-alikes. Each
pair is rendered in several contexts (module level, function, method, main guard), and every
positive is also rendered inside a comment and a docstring, where it must not count. A few
positives are deliberately hard (aliases through ``getattr`` or local variables): they show
what a name-resolving scanner without data flow misses.
"""

from __future__ import annotations

SHA = "8f3c2b1a9e7d6c5b4a39281706f5e4d3c2b1a090"

Pair = tuple[str, str]

DESERIALIZATION_POS: list[Pair] = [
    ("import pickle", "model = pickle.load(open('model.pkl', 'rb'))"),
    ("import pickle as pkl", "obj = pkl.loads(payload)"),
    ("from pickle import load", "clf = load(fh)"),
    ("from pickle import loads as unpack", "state = unpack(blob)"),
    ("import _pickle", "data = _pickle.Unpickler(fh).load()"),
    ("import dill", "fn = dill.load(open('fn.dill', 'rb'))"),
    ("import dill as dl", "session = dl.loads(raw)"),
    ("import cloudpickle", "policy = cloudpickle.loads(msg)"),
    ("import joblib", "clf = joblib.load('classifier.joblib')"),
    ("from joblib import load as jl", "pipe = jl(path)"),
    ("from sklearn.externals import joblib", "m = joblib.load(p)"),
    ("import torch", "ckpt = torch.load('ckpt.pt')"),
    ("import torch", "sd = torch.load(path, map_location='cpu', weights_only=False)"),
    ("from torch import load as tload", "m = tload(f)"),
    ("import torch", "sd = torch.hub.load_state_dict_from_url(url)"),
    ("import numpy as np", "arr = np.load('feats.npy', allow_pickle=True)"),
    ("import numpy", "z = numpy.load(path, None, True)"),
    ("import pandas as pd", "df = pd.read_pickle('train.pkl.gz')"),
    ("from pandas import read_pickle", "df = read_pickle(src)"),
    ("import yaml", "cfg = yaml.load(open('config.yaml'))"),
    ("import yaml", "cfg = yaml.load(text, Loader=yaml.Loader)"),
    ("import yaml", "cfg = yaml.unsafe_load(stream)"),
    ("import yaml", "docs = list(yaml.load_all(fh, Loader=yaml.UnsafeLoader))"),
    ("from yaml import load, FullLoader", "cfg = load(fh, Loader=FullLoader)"),
    ("import keras", "m = keras.models.load_model('m.keras', safe_mode=False)"),
    ("import tensorflow as tf", "m = tf.keras.models.load_model(p, safe_mode=False)"),
    ("import keras", "keras.config.enable_unsafe_deserialization()"),
    ("import marshal", "code = marshal.loads(blob)"),
    ("import shelve", "db = shelve.open('cache.db')"),
    ("import jsonpickle", "obj = jsonpickle.decode(doc)"),
    ("import pickle", "load = getattr(pickle, 'lo' + 'ad')\nobj = load(fh)"),  # hard
    ("import pickle", "with open(p, 'rb') as f:\n    obj = pickle.Unpickler(f).load()"),
    ("import dill, base64", "fn = dill.loads(base64.b64decode(s))"),
    ("import torch, io", "sd = torch.load(io.BytesIO(blob), map_location=device)"),
    ("import numpy as np", "d = np.load(path, allow_pickle=True).item()"),
    ("import yaml", "c = yaml.load(stream, yaml.FullLoader)"),
    ("import joblib", "m = joblib.load(filename=path)"),
]

DESERIALIZATION_NEG: list[Pair] = [
    ("import json", "cfg = json.load(open('config.json'))"),
    ("import pickle", "blob = pickle.dumps(model)"),
    ("import pickle", "pickle.dump(model, open('m.pkl', 'wb'))"),
    ("import joblib", "joblib.dump(clf, 'clf.joblib')"),
    ("import torch", "sd = torch.load('ckpt.pt', weights_only=True)"),
    ("import torch", "torch.save(model.state_dict(), 'ckpt.pt')"),
    ("from safetensors.torch import load_file", "sd = load_file('model.safetensors')"),
    ("import numpy as np", "arr = np.load('feats.npy')"),
    ("import numpy as np", "arr = np.load('feats.npy', allow_pickle=False)"),
    ("import numpy as np", "arr = np.loadtxt('feats.csv', delimiter=',')"),
    ("import pandas as pd", "df = pd.read_parquet('train.parquet')"),
    ("import pandas as pd", "df.to_pickle('out.pkl')"),
    ("import yaml", "cfg = yaml.safe_load(open('config.yaml'))"),
    ("import yaml", "cfg = yaml.load(fh, Loader=yaml.SafeLoader)"),
    ("import yaml", "cfg = yaml.load(fh, Loader=yaml.CSafeLoader)"),
    ("from yaml import CSafeLoader as Loader, load", "cfg = load(fh, Loader=Loader)"),
    ("import keras", "m = keras.models.load_model('m.keras')"),
    ("import keras", "m = keras.saving.load_model('m.keras', safe_mode=True)"),
    ("import marshal", "blob = marshal.dumps(code)"),
    ("import skops.io as sio", "m = sio.load('m.skops', trusted=['sklearn.svm.SVC'])"),
    ("", "model.load_state_dict(state)"),
    ("from mypkg.io import load", "cfg = load('settings.toml')"),
    ("import pickle", "class Restricted(pickle.Unpickler):\n    pass"),
    ("import onnxruntime as ort", "sess = ort.InferenceSession('model.onnx')"),
]

REMOTE_POS: list[Pair] = [
    (
        "from transformers import AutoModelForCausalLM",
        "m = AutoModelForCausalLM.from_pretrained('org/llm', trust_remote_code=True)",
    ),
    (
        "from transformers import AutoTokenizer as Tok",
        f"t = Tok.from_pretrained('org/llm', revision='{SHA}', trust_remote_code=True)",
    ),
    (
        "import transformers",
        "cfg = transformers.AutoConfig.from_pretrained(name, trust_remote_code=True)",
    ),
    (
        "from transformers import pipeline",
        "p = pipeline('text-generation', model=m, trust_remote_code=True)",
    ),
    (
        "from transformers import pipeline",
        "p = pipeline(model=m, model_kwargs={'trust_remote_code': True})",
    ),
    ("from datasets import load_dataset", "ds = load_dataset(repo, trust_remote_code=True)"),
    ("from vllm import LLM", "llm = LLM(model=path, trust_remote_code=True)"),
    ("TRUST = True", "m = AutoModel.from_pretrained(path, trust_remote_code=TRUST)"),
    (
        "from sentence_transformers import SentenceTransformer",
        "st = SentenceTransformer(p, trust_remote_code=True)",
    ),
    ("import torch", "m = torch.hub.load('ultralytics/yolov5', 'yolov5s')"),
    ("import torch", "m = torch.hub.load('pytorch/vision:main', 'resnet50', weights='DEFAULT')"),
    ("import torch", "m = torch.hub.load('facebookresearch/dino', 'dino', trust_repo=True)"),
    ("import torch.hub as hub", "m = hub.load('snakers4/silero-vad', 'silero_vad')"),
    ("from torch import hub", "entry = hub.list('pytorch/vision')"),
    (
        "from transformers import AutoModel",
        "kw = {'pretrained_model_name_or_path': p, 'trust_remote_code': True}\n"
        "m = AutoModel.from_pretrained(**kw)",
    ),
]

REMOTE_NEG: list[Pair] = [
    (
        "from transformers import AutoModel",
        f"m = AutoModel.from_pretrained('org/m', revision='{SHA}', trust_remote_code=False)",
    ),
    (
        "from transformers import AutoModel",
        "m = AutoModel.from_pretrained(p, trust_remote_code=args.trust)",
    ),
    ("", "opts = {'trust_remote_code': False}"),
    ("import torch", "m = torch.hub.load('pytorch/vision:v0.10.0', 'resnet18')"),
    ("import torch", "m = torch.hub.load('facebookresearch/dino:v2', 'dino', trust_repo=True)"),
    ("import torch", f"m = torch.hub.load('pytorch/vision:{SHA}', 'resnet18')"),
    ("import torch", "m = torch.hub.load('./hubconf_dir', 'm', source='local')"),
    ("import torch", "m = torch.hub.load(repo, entry)"),
    ("", "remote_code_allowed = False"),
    ("import torchvision", "m = torchvision.models.resnet50(weights='DEFAULT')"),
]

REVISION_POS: list[Pair] = [
    ("from transformers import AutoModel", "m = AutoModel.from_pretrained('bert-base-uncased')"),
    (
        "from transformers import AutoTokenizer",
        "t = AutoTokenizer.from_pretrained('org/model', revision='main')",
    ),
    (
        "import transformers as tr",
        "m = tr.AutoModelForSequenceClassification.from_pretrained('distilbert/x')",
    ),
    ("from transformers import pipeline", "clf = pipeline('sentiment-analysis', model='org/sst2')"),
    ("from transformers import pipeline", "gen = pipeline('text-generation', 'gpt2')"),
    (
        "from huggingface_hub import hf_hub_download",
        "p = hf_hub_download(repo_id='org/m', filename='w.safetensors')",
    ),
    (
        "from huggingface_hub import snapshot_download",
        "d = snapshot_download('org/m', revision='v1.0')",
    ),
    (
        "import huggingface_hub as hh",
        "d = hh.snapshot_download(repo_id='org/data', repo_type='dataset')",
    ),
    ("from datasets import load_dataset", "ds = load_dataset('squad')"),
    ("from datasets import load_dataset", "ds = load_dataset('org/corpus', split='train')"),
    (
        "from sentence_transformers import SentenceTransformer",
        "emb = SentenceTransformer('all-MiniLM-L6-v2')",
    ),
    ("from diffusers import DiffusionPipeline", "p = DiffusionPipeline.from_pretrained('org/sd')"),
    ("MODEL_ID = 'org/classifier'", "m = AutoModel.from_pretrained(MODEL_ID)"),
    ("from peft import PeftModel", "m = PeftModel.from_pretrained(base, 'org/lora-adapter')"),
    (
        "from transformers import AutoProcessor",
        "p = AutoProcessor.from_pretrained('openai/whisper-small')",
    ),
    (
        "from transformers import BlipForConditionalGeneration as B",
        "m = B.from_pretrained('Salesforce/blip-image-captioning-base')",
    ),
    (
        "from huggingface_hub import hf_hub_download",
        "p = hf_hub_download('TheBloke/Llama-2-7B-GGUF', 'llama-2-7b.Q4_K_M.gguf')",
    ),
]

REVISION_NEG: list[Pair] = [
    (
        "from transformers import AutoModel",
        f"m = AutoModel.from_pretrained('bert-base-uncased', revision='{SHA}')",
    ),
    ("from transformers import AutoModel", "m = AutoModel.from_pretrained('./models/bert')"),
    (
        "from transformers import AutoModel",
        "m = AutoModel.from_pretrained('/srv/models/bert-base')",
    ),
    (
        "from transformers import AutoModel",
        "m = AutoModel.from_pretrained(args.model_name_or_path)",
    ),
    (
        "from transformers import AutoModel",
        "m = AutoModel.from_pretrained('org/m', local_files_only=True)",
    ),
    ("from datasets import load_dataset", "ds = load_dataset('csv', data_files='train.csv')"),
    (
        "from datasets import load_dataset",
        "ds = load_dataset('json', data_files={'train': 'a.jsonl'})",
    ),
    ("from datasets import load_dataset", "ds = load_dataset('imagefolder', data_dir='imgs')"),
    (
        "from huggingface_hub import hf_hub_download",
        f"p = hf_hub_download('org/m', 'w.bin', revision='{SHA}')",
    ),
    ("", "model.save_pretrained('out/model')"),
    ("from transformers import pipeline", "clf = pipeline('sentiment-analysis')"),
    (
        "from transformers import AutoModel",
        "m = AutoModel.from_pretrained(model_dir, **hub_kwargs)",
    ),
]

EXEC_POS: list[Pair] = [
    ("", "result = eval(expression)"),
    ("", "exec(generated_code, namespace)"),
    ("", "value = eval(llm_output['content'])"),
    ("", "exec(f'x = {user_value}')"),
    ("", "code = compile(source, '<llm>', 'exec')"),
    ("from builtins import eval as evaluate", "evaluate(cell)"),
    ("import os", "os.system(cmd)"),
    ("import os", "os.system(f'tar xzf {archive}')"),
    ("import os", "out = os.popen('ls ' + folder).read()"),
    ("import subprocess", "subprocess.run(['python', '-c', generated], check=True)"),
    ("import subprocess", "subprocess.run(cmd, shell=True, check=True)"),
    ("import subprocess", "subprocess.call('wget ' + url, shell=True)"),
    ("import subprocess as sp", "out = sp.check_output(f'git -C {d} log', shell=True)"),
    ("from subprocess import Popen", "p = Popen(command, shell=True)"),
    ("import subprocess", "out = subprocess.getoutput(command)"),
    ("import asyncio", "proc = asyncio.create_subprocess_shell(cmd)"),
    ("", "runner = eval\nrunner(payload)"),  # hard: local alias of a builtin
    ("import subprocess", "subprocess.run(f'python {script}', shell=True)"),
    ("import os", "os.system('pip install ' + pkg)"),
]

EXEC_NEG: list[Pair] = [
    ("", "value = eval('2 ** 10')"),
    ("", "model.eval()"),
    ("import re", "pattern = re.compile(expr)"),
    ("import torch", "model = torch.compile(model)"),
    ("import ast", "value = ast.literal_eval(text)"),
    ("", "exec('import math')"),
    ("import os", "os.system('nvidia-smi')"),  # a fixed command runs nothing from input
    ("import shlex, subprocess", "subprocess.run(f'gzip -k {shlex.quote(p)}', shell=True)"),
    ("import subprocess", "subprocess.run(['tar', 'xzf', archive], check=True)"),
    ("import subprocess", "subprocess.run(cmd, shell=False)"),
    ("import subprocess", "subprocess.check_output(['git', 'log'])"),
    ("import os", "path = os.path.join(root, name)"),
    ("import shlex", "args = shlex.split(command)"),
    ("", "def evaluate(x):\n    return x\nevaluate(cell)"),
]

TEMPLATE_POS: list[Pair] = [
    ("import jinja2", "prompt = jinja2.Template(tokenizer.chat_template).render(messages=msgs)"),
    ("from jinja2 import Template", "out = Template(template_text).render(**ctx)"),
    (
        "from jinja2 import Environment",
        "env = Environment()\nt = env.from_string(tok.chat_template)",
    ),
    ("import jinja2", "t = jinja2.Environment(trim_blocks=True).from_string(chat_template)"),
    (
        "import jinja2",
        "env = jinja2.Environment(loader=jinja2.BaseLoader())\nt = env.from_string(src)",
    ),
    (
        "from jinja2 import Environment as Env",
        "e = Env()\nrendered = e.from_string(cfg['chat_template'])",
    ),
    (
        "from jinja2 import Environment, BaseLoader",
        "t = Environment(loader=BaseLoader).from_string(tokenizer.chat_template)",
    ),
]

TEMPLATE_NEG: list[Pair] = [
    (
        "from jinja2.sandbox import ImmutableSandboxedEnvironment",
        "env = ImmutableSandboxedEnvironment()\nt = env.from_string(tok.chat_template)",
    ),
    (
        "from jinja2.sandbox import SandboxedEnvironment",
        "t = SandboxedEnvironment().from_string(src)",
    ),
    ("import jinja2", "t = jinja2.Template('Hello {{ name }}!')"),
    (
        "import jinja2",
        "env = jinja2.Environment(loader=jinja2.FileSystemLoader('t'))\n"
        "t = env.get_template('a.j2')",
    ),
    ("import jinja2", "env = jinja2.Environment()\nt = env.from_string('{{ x }}')"),
    ("", "t = renderer.from_string(text)"),
    ("import string", "s = string.Template(text).substitute(ctx)"),
]

TLS_POS: list[Pair] = [
    ("import requests", "r = requests.get(url, verify=False)"),
    ("import requests", "r = requests.post(api, json=body, verify=False, timeout=10)"),
    ("import requests", "s = requests.Session()\ns.verify = False"),
    ("import httpx", "client = httpx.Client(verify=False)"),
    ("import httpx", "r = httpx.get(url, verify=False)"),
    ("import ssl", "ctx = ssl._create_unverified_context()"),
    ("import ssl", "ssl._create_default_https_context = ssl._create_unverified_context"),
    ("import ssl", "ctx = ssl.create_default_context()\nctx.check_hostname = False"),
    ("import ssl", "ctx.verify_mode = ssl.CERT_NONE"),
    ("import urllib3", "http = urllib3.PoolManager(cert_reqs='CERT_NONE')"),
    ("import os", "os.environ['CURL_CA_BUNDLE'] = ''"),
    ("import os", "os.environ['HF_HUB_DISABLE_SSL_VERIFICATION'] = '1'"),
    ("", "r = session.get(url, verify=False)"),
    ("import aiohttp", "conn = aiohttp.TCPConnector(ssl=False)"),
    ("import requests", "r = requests.request('GET', url, verify=False)"),
    ("import httpx", "c = httpx.AsyncClient(verify=False)"),
    (
        "import ssl, urllib.request",
        "r = urllib.request.urlopen(url, context=ssl._create_unverified_context())",
    ),
]

TLS_NEG: list[Pair] = [
    ("import requests", "r = requests.get(url, timeout=10)"),
    ("import requests", "r = requests.get(url, verify=True)"),
    ("import requests", "r = requests.get(url, verify='/etc/ssl/certs/ca.pem')"),
    ("import ssl", "ctx = ssl.create_default_context()"),
    ("import ssl", "ctx.verify_mode = ssl.CERT_REQUIRED"),
    ("import ssl", "if ctx.verify_mode == ssl.CERT_NONE:\n    raise RuntimeError('insecure')"),
    ("import os", "os.environ['REQUESTS_CA_BUNDLE'] = '/etc/ssl/certs/ca.pem'"),
    ("", "model.fit(x, y, verify=False)"),
    ("", "verify = False"),
]

HTTP_POS: list[Pair] = [
    ("import mlflow", "mlflow.set_tracking_uri('http://mlflow.internal:5000')"),
    ("import mlflow", "mlflow.set_registry_uri('http://registry.corp:5000')"),
    ("TRACKING = 'http://10.1.2.3:5000'\nimport mlflow", "mlflow.set_tracking_uri(TRACKING)"),
    ("import os", "os.environ['MLFLOW_TRACKING_URI'] = 'http://mlflow.corp:5000'"),
    ("import os", "os.environ['HF_ENDPOINT'] = 'http://hf-mirror.corp'"),
    ("import pandas as pd", "df = pd.read_csv('http://data.corp/train.csv')"),
    ("import urllib.request", "urllib.request.urlretrieve('http://files.corp/w.bin', 'w.bin')"),
    (
        "from datasets import load_dataset",
        "ds = load_dataset('csv', data_files='http://data.corp/a.csv')",
    ),
    ("import boto3", "s3 = boto3.client('s3', endpoint_url='http://minio.corp:9000')"),
    ("from openai import OpenAI", "client = OpenAI(base_url='http://llm.corp:8000/v1')"),
    ("import keras", "p = keras.utils.get_file('d.zip', origin='http://data.corp/d.zip')"),
    (
        "import torch",
        "sd = torch.hub.load_state_dict_from_url('http://weights.corp/r50.pth', weights_only=True)",
    ),
    ("import requests", "r = requests.get(f'http://{host}/model.bin')"),
    ("from mlflow import MlflowClient", "c = MlflowClient(tracking_uri='http://mlflow.corp:5000')"),
    ("import requests", "r = requests.post('http://inference.corp/predict', json=x)"),
    ("import wget", "wget.download('http://files.corp/model.bin')"),
    ("import mlflow", "mlflow.set_tracking_uri(uri='http://mlflow.corp')"),
]

HTTP_NEG: list[Pair] = [
    ("import mlflow", "mlflow.set_tracking_uri('https://mlflow.internal')"),
    ("import mlflow", "mlflow.set_tracking_uri('http://localhost:5000')"),
    ("import mlflow", "mlflow.set_tracking_uri('http://127.0.0.1:5000')"),
    ("import pandas as pd", "df = pd.read_csv('https://data.corp/train.csv')"),
    ("", "print('docs at http://example.org/guide')"),
    ("import logging", "logging.info('fetched http://example.org')"),
    ("", "HOMEPAGE = 'http://example.org'"),
    ("import os", "os.environ['HF_ENDPOINT'] = 'https://hf-mirror.corp'"),
    ("from openai import OpenAI", "client = OpenAI(base_url='http://localhost:8000/v1')"),
    ("import mlflow", "mlflow.set_tracking_uri('file:./mlruns')"),
    # inside the cluster network: a compose service name, a Kubernetes service, link-local
    ("import boto3", "s3 = boto3.client('s3', endpoint_url='http://minio:9000')"),
    ("import mlflow", "mlflow.set_tracking_uri('http://mlflow.mlops.svc.cluster.local')"),
    ("import requests", "r = requests.get('http://169.254.169.254/latest/meta-data/')"),
]

SERVING_POS: list[Pair] = [
    ("from flask import Flask\napp = Flask(__name__)", "app.run(debug=True)"),
    ("from flask import Flask\napp = Flask(__name__)", "app.run(host='0.0.0.0', port=8080)"),
    ("import flask\napp = flask.Flask(__name__)", "app.config['DEBUG'] = True"),
    ("from flask import Flask\napp = Flask(__name__)", "app.debug = True"),
    (
        "from werkzeug.serving import run_simple",
        "run_simple('localhost', 5000, app, use_debugger=True)",
    ),
    ("import uvicorn", "uvicorn.run(app, host='0.0.0.0', port=8000)"),
    ("import uvicorn", "uvicorn.run('serve:app', host='0.0.0.0', reload=False)"),
    ("import gradio as gr", "demo.launch(share=True)"),
    (
        "import gradio as gr",
        "gr.Interface(fn=predict, inputs='text', outputs='text').launch(share=True)",
    ),
    ("import gradio as gr", "demo.launch(server_name='0.0.0.0', server_port=7860)"),
    ("import gradio as gr", "demo.queue().launch(server_name='0.0.0.0')"),
    ("from aiohttp import web", "web.run_app(app, host='0.0.0.0')"),
    (
        "import streamlit as st",
        "st.title('Model demo')\nst.write(model.predict([st.text_input('x')]))",
    ),
    ("HOST = '0.0.0.0'\nimport uvicorn", "uvicorn.run(app, host=HOST)"),
    ("from flask import Flask\napp = Flask(__name__)", "app.run(host='0.0.0.0', debug=True)"),
    ("import gradio as gr", "iface.launch(share=True, debug=True)"),
]

SERVING_NEG: list[Pair] = [
    ("from flask import Flask\napp = Flask(__name__)", "app.run(debug=False)"),
    ("from flask import Flask\napp = Flask(__name__)", "app.run()"),
    ("import uvicorn", "uvicorn.run(app, host='127.0.0.1', port=8000)"),
    ("import gradio as gr", "demo.launch()"),
    ("import gradio as gr", "demo.launch(share=False)"),
    ("import gradio as gr", "demo.launch(server_name='0.0.0.0', auth=(user, password))"),
    ("import gradio as gr", "demo.launch(share=True, auth=check_login)"),
    (
        "from fastapi import FastAPI, Depends\n"
        "from fastapi.security import HTTPBearer\nimport uvicorn",
        "app = FastAPI(dependencies=[Depends(HTTPBearer())])\nuvicorn.run(app, host='0.0.0.0')",
    ),
    (
        "import streamlit as st",
        "if not st.user.is_logged_in:\n    st.login()\nst.write('hello')",
    ),
    ("", "pipeline.run(debug=True)"),
    ("import socket", "sock.bind(('0.0.0.0', 9000))"),
]

CLASSES: dict[str, tuple[list[Pair], list[Pair]]] = {
    "unsafe-deserialization": (DESERIALIZATION_POS, DESERIALIZATION_NEG),
    "remote-code-trust": (REMOTE_POS, REMOTE_NEG),
    "unpinned-model-revision": (REVISION_POS, REVISION_NEG),
    "code-execution": (EXEC_POS, EXEC_NEG),
    "chat-template-injection": (TEMPLATE_POS, TEMPLATE_NEG),
    "tls-verification-off": (TLS_POS, TLS_NEG),
    "plaintext-ml-endpoint": (HTTP_POS, HTTP_NEG),
    "ml-serving-exposure": (SERVING_POS, SERVING_NEG),
}
