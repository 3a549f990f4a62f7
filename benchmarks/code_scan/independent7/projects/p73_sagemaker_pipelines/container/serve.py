"""Bring-your-own-container server for SageMaker (GET /ping, POST /invocations)."""

import os
import pickle

import flask
import joblib

app = flask.Flask(__name__)
model = joblib.load("/opt/ml/model/model.joblib")


@app.route("/ping", methods=["GET"])
def ping():
    return flask.Response(status=200)


@app.route("/invocations", methods=["POST"])
def invocations():
    if flask.request.content_type == "application/python-pickle":
        rows = pickle.loads(flask.request.data)
    else:
        rows = flask.request.get_json()["instances"]
    return flask.jsonify(model.predict(rows).tolist())


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("SAGEMAKER_BIND_TO_PORT", 8080)), debug=True)
