import subprocess

import yaml
from flask import Flask, jsonify, request
from jinja2 import Environment, Template
from jinja2.sandbox import SandboxedEnvironment

app = Flask(__name__)
app.config["SECRET_KEY"] = "f3b9c1d7e2a84d6b9c0e5f1a7b3d8c2e"


@app.post("/predict")
def predict():
    cfg = yaml.load(request.data, Loader=yaml.UnsafeLoader)
    return jsonify(cfg)


@app.post("/render")
def render():
    tpl = Template(request.json["template"])
    return tpl.render(user=request.json.get("user"))


@app.post("/render-safe")
def render_safe():
    env = SandboxedEnvironment()
    return env.from_string(request.json["template"]).render()


@app.post("/convert")
def convert():
    name = request.args.get("name", "model")
    out = subprocess.run("python convert.py --name " + name, shell=True, capture_output=True, text=True)
    return out.stdout


@app.get("/greeting")
def greeting():
    env = Environment(autoescape=True)
    return env.from_string("Hello {{ name }}").render(name=request.args.get("name", ""))


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000, debug=True)
