"""Python: client options that turn certificate checks off (spread dictionaries, Kafka,
Redis, MongoDB, Elasticsearch), plain-HTTP servers named in dictionaries and keyword
arguments, and modules reached through one-line import helpers."""

from __future__ import annotations

import pytest

from secplan.scanners.code.python import analyze_source


def found(src: str) -> list[tuple[int, str]]:
    return [(h.line, h.rule.id) for h in analyze_source(src)]


@pytest.mark.parametrize(
    "src, expected",
    [
        # a dictionary of options spread into the call: reported where verify is set
        (
            'import requests\nOPTS = {"timeout": 30, "verify": False}\n'
            "def f(u):\n    return requests.get(u, **OPTS)\n",
            [(2, "CD130")],
        ),
        (
            "import requests\nOPTS = dict(timeout=3, verify=False)\ns = requests.Session()\n"
            's.request("GET", u, **OPTS)\n',
            [(2, "CD130")],
        ),
        (
            "import requests\nclass Api:\n    KW = {'verify': False}\n"
            "    def get(self, u):\n        return requests.get(u, **self.KW)\n",
            [(3, "CD130")],
        ),
        (
            "import httpx\nBASE = {'timeout': 5}\nKW = {**BASE, 'verify': False}\n"
            "httpx.Client(**KW)\n",
            [(3, "CD130")],
        ),
        ("import boto3\ns3 = boto3.client('s3', verify=False)\n", [(2, "CD130")]),
        # set on the instance in __init__, spread in a method
        (
            "import requests\nclass Api:\n    def __init__(self):\n"
            "        self.kw = {'timeout': 5, 'verify': False}\n"
            "    def get(self, u):\n        return requests.get(u, **self.kw)\n",
            [(4, "CD130")],
        ),
        (
            "import subprocess\nclass Runner:\n    def __init__(self):\n"
            "        self.opts = dict(shell=True, check=True)\n"
            "    def run(self, c):\n        return subprocess.run(c, **self.opts)\n",
            [(6, "CD121")],
        ),
        (
            "import functools, requests\nget = functools.partial(requests.get, verify=False)\n",
            [(2, "CD130")],
        ),
        # verify= from a setting in a file that silences the warning unverified requests give
        (
            "import os, requests, urllib3\nurllib3.disable_warnings()\n"
            "VERIFY = os.getenv('VERIFY_SSL', 'false') == 'true'\nrequests.get(u, verify=VERIFY)\n",
            [(4, "CD130")],
        ),
        (
            "import requests, warnings\nfrom urllib3.exceptions import InsecureRequestWarning\n"
            "warnings.simplefilter('ignore', InsecureRequestWarning)\n"
            "requests.post(u, verify=cfg.verify_tls)\n",
            [(4, "CD130")],
        ),
        # look-alikes: a CA bundle, checks on, an options dict nobody spreads, a mutated dict
        (
            "import requests\nOPTS = {'verify': '/etc/ssl/ca.pem'}\nrequests.get(u, **OPTS)\n",
            [],
        ),
        ("import requests\nOPTS = {'verify': True}\nrequests.get(u, **OPTS)\n", []),
        ("FLAGS = {'verify': False, 'dry_run': True}\n", []),
        (
            "import requests\nOPTS = {'verify': False}\nOPTS['verify'] = CA\n"
            "requests.get(u, **OPTS)\n",
            [],
        ),
        ("model.fit(x, verify=False)\n", []),
        # an instance attribute set twice is unknown
        (
            "import requests\nclass Api:\n    def __init__(self, ca):\n"
            "        self.kw = {'verify': False}\n        self.kw = {'verify': ca}\n"
            "    def get(self, u):\n        return requests.get(u, **self.kw)\n",
            [],
        ),
        # a setting without silenced warnings; a CA bundle with them
        ("import requests\nrequests.get(u, verify=cfg.verify_tls)\n", []),
        (
            "import os, requests, urllib3, certifi\nurllib3.disable_warnings()\n"
            "CA = os.environ.get('CA_BUNDLE', '/etc/ssl/ca.pem')\nrequests.get(u, verify=CA)\n"
            "requests.get(u, verify=certifi.where())\nrequests.get(u, verify=cfg.ca_bundle)\n"
            "requests.get(u, verify=True)\n",
            [],
        ),
    ],
)
def test_spread_options(src: str, expected: list[tuple[int, str]]) -> None:
    assert found(src) == expected


@pytest.mark.parametrize(
    "src, expected",
    [
        (
            "from kafka import KafkaConsumer\nc = KafkaConsumer('t',\n"
            "    security_protocol='SASL_SSL',\n    ssl_check_hostname=False)\n",
            [(4, "CD130")],
        ),
        (
            "import ssl\nfrom kafka import KafkaProducer\n"
            "KafkaProducer(ssl_cert_reqs=ssl.CERT_NONE)\n",
            [(3, "CD130")],
        ),
        (
            "from confluent_kafka import Producer\nCONF = {\n    'bootstrap.servers': 'b:9093',\n"
            "    'enable.ssl.certificate.verification': False,\n}\nProducer(CONF)\n",
            [(4, "CD130")],
        ),
        ("CONF = {'enable.ssl.certificate.verification': 'false'}\n", [(1, "CD130")]),
        ("CONF = {'ssl.endpoint.identification.algorithm': 'none'}\n", [(1, "CD130")]),
        ("CONF = {'ssl.endpoint.identification.algorithm': ''}\n", [(1, "CD130")]),
        ("import redis\nr = redis.Redis(host='r', ssl_cert_reqs=None)\n", [(2, "CD130")]),
        ("import redis\nr = redis.Redis(host='r', ssl_cert_reqs='none')\n", [(2, "CD130")]),
        (
            "import pymongo\nm = pymongo.MongoClient(uri, tlsAllowInvalidCertificates=True)\n",
            [(2, "CD130")],
        ),
        (
            "from elasticsearch import Elasticsearch\nes = Elasticsearch(h, verify_certs=False)\n",
            [(2, "CD130")],
        ),
        (
            "import ssl, websocket\n"
            "websocket.create_connection(u, sslopt={'cert_reqs': ssl.CERT_NONE})\n",
            [(2, "CD130")],
        ),
        ("import ldap3, ssl\ntls = ldap3.Tls(validate=ssl.CERT_NONE)\n", [(2, "CD130")]),
        (
            "import kubernetes\ncfg = kubernetes.client.Configuration()\ncfg.verify_ssl = False\n",
            [(3, "CD130")],
        ),
        ("conf = {}\nconf['enable.ssl.certificate.verification'] = 'false'\n", [(2, "CD130")]),
        # connection strings: reported where written, once
        (
            "import pymongo\nURI = 'mongodb://db.acme.net/?tls=true&tlsAllowInvalidCertificates=true'"
            "\nc = pymongo.MongoClient(URI)\n",
            [(2, "CD130")],
        ),
        (
            "import redis\nr = redis.from_url('rediss://c.acme.net:6380/0?ssl_cert_reqs=none')\n",
            [(2, "CD130")],
        ),
        (
            "from neo4j import GraphDatabase\nd = GraphDatabase.driver('neo4j+ssc://g.acme.net')\n",
            [(2, "CD130")],
        ),
        # look-alikes: checks on, a CA file, redis with its default (required), https
        ("from kafka import KafkaConsumer\nKafkaConsumer('t', ssl_check_hostname=True)\n", []),
        ("CONF = {'enable.ssl.certificate.verification': 'true'}\n", []),
        ("CONF = {'ssl.endpoint.identification.algorithm': 'https'}\n", []),
        ("import redis\nr = redis.Redis(host='r', ssl=True, ssl_cert_reqs='required')\n", []),
        ("import pymongo\nm = pymongo.MongoClient(uri, tlsAllowInvalidCertificates=False)\n", []),
        ("import pymongo\nm = pymongo.MongoClient(uri, tlsCAFile='/etc/ca.pem')\n", []),
        ("CONF = {'ssl_cert_reqs': None}\n", []),
        ("URI = 'mongodb://db.acme.net/?tls=true&tlsCAFile=/etc/ca.pem'\n", []),
        ("from neo4j import GraphDatabase\nd = GraphDatabase.driver('neo4j+s://g.acme.net')\n", []),
        ("import kubernetes\ncfg = kubernetes.client.Configuration()\ncfg.verify_ssl = True\n", []),
        ("import ldap3, ssl\ntls = ldap3.Tls(validate=ssl.CERT_REQUIRED)\n", []),
    ],
)
def test_client_tls_off(src: str, expected: list[tuple[int, str]]) -> None:
    assert found(src) == expected


@pytest.mark.parametrize(
    "src, expected",
    [
        (
            'SR = {\n    "url": "http://schema-registry.acme-mobility.net:8081",\n'
            '    "basic.auth.user.info": "u:p",\n}\n',
            [(2, "CD131")],
        ),
        ('C = {"schema.registry.url": "http://sr.example-corp.net"}\n', [(1, "CD131")]),
        ('client = Client(baseUrl="http://api.example-corp.net/v1")\n', [(1, "CD131")]),
        ('tracker(server_url="http://10.20.0.4:5000")\n', [(1, "CD131")]),
        # look-alikes: compose and cluster names, loopback, https, links in metadata
        ('SR = {"url": "http://schema-registry:8081"}\n', []),
        ('SR = {"url": "http://sr.kafka.svc.cluster.local:8081"}\n', []),
        ('SR = {"url": "http://localhost:8081"}\n', []),
        ('SR = {"url": "https://sr.example-corp.net"}\n', []),
        (
            'LIC = {"name": "Apache-2.0", "url": "http://www.apache.org/licenses/LICENSE-2.0"}\n',
            [],
        ),
        ('META = {"homepage": "http://acme-corp.net", "docs_url": "http://docs.acme.net"}\n', []),
        ('app = FastAPI(contact={"name": "ML", "url": "http://team.acme-corp.net"})\n', []),
        ('C = {"url": HOST}\n', []),
        ('card = Card(image_url="http://cdn.acme-corp.net/logo.png")\n', []),
        ('ui = {"avatar_url": "http://cdn.acme-corp.net/a.png"}\n', []),
    ],
)
def test_plain_http_in_options(src: str, expected: list[tuple[int, str]]) -> None:
    assert found(src) == expected


@pytest.mark.parametrize(
    "src, expected",
    [
        (
            "import importlib\ndef _codec(name):\n    return importlib.import_module(name)\n"
            "data = _codec('pickle').loads(blob)\n",
            [(4, "CD101")],
        ),
        (
            "import importlib\ndef _fn(mod, attr):\n"
            "    return getattr(importlib.import_module(mod), attr)\n"
            "_fn('pickle', 'loads')(blob)\n",
            [(4, "CD101")],
        ),
        (
            "import importlib\nclass Codec:\n    def _mod(self, name):\n"
            "        return importlib.import_module(name)\n"
            "    def read(self, b):\n        return self._mod(name='pickle').loads(b)\n",
            [(6, "CD101")],
        ),
        ("__import__('pickle').loads(blob)\n", [(1, "CD101")]),
        (
            "import importlib\ngetattr(importlib.import_module('pickle'), 'loads')(blob)\n",
            [(2, "CD101")],
        ),
        # look-alikes: a safe module through the same helper, a helper of two statements,
        # a helper the module defines twice, a name passed at run time
        (
            "import importlib\ndef _codec(name):\n    return importlib.import_module(name)\n"
            "_codec('json').loads(blob)\n",
            [],
        ),
        (
            "import importlib\ndef _codec(name):\n    return importlib.import_module(name)\n"
            "_codec(fmt).loads(blob)\n",
            [],
        ),
        (
            "import importlib\ndef _codec(name):\n    return importlib.import_module(name)\n"
            "def _codec(name):\n    return SAFE[name]\n_codec('pickle').loads(blob)\n",
            [],
        ),
    ],
)
def test_import_helpers(src: str, expected: list[tuple[int, str]]) -> None:
    assert found(src) == expected


@pytest.mark.parametrize(
    "src, expected",
    [
        (
            "import pickle\nfrom kafka import KafkaConsumer\n"
            "c = KafkaConsumer('t', value_deserializer=pickle.loads)\n",
            [(3, "CD101")],
        ),
        (
            "import pickle, json\nCODECS = {'pkl': pickle.loads, 'json': json.loads}\n",
            [(2, "CD101")],
        ),
        ("import dill\nobjs = list(map(dill.loads, blobs))\n", [(2, "CD101")]),
        ("from pickle import loads\nq = Queue(deserializer=loads)\n", [(2, "CD101")]),
        ("import pandas as pd\nframes = map(pd.read_pickle, paths)\n", [(2, "CD105")]),
        # a name for it is judged where it is called, once; safe decoders stay silent
        ("import pickle\nfor load in (pickle.load, print):\n    pass\n", []),
        ("import pickle\nfn = pickle.loads\nfn(b)\n", [(3, "CD101")]),
        ("import json\nc = KafkaConsumer('t', value_deserializer=json.loads)\n", []),
        ("import torch\nds = Folder(root, loader=torch.load)\n", []),
        ("import yaml\ncfg = parse(f, loader=yaml.safe_load)\n", []),
    ],
)
def test_deserializers_handed_on(src: str, expected: list[tuple[int, str]]) -> None:
    assert found(src) == expected
