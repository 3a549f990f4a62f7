import base64
import pickle

import litserve as ls
import torch


class RecsAPI(ls.LitAPI):
    def setup(self, device):
        self.model = torch.load("model/recs.pt", map_location=device, weights_only=False)
        self.emb = torch.load("model/item_emb.pt", map_location=device, weights_only=True)
        self.hub = torch.hub.load("acme-recs/recs-hub", "ranker")
        self.hub_tag = torch.hub.load("acme-recs/recs-hub:v1.4.0", "ranker")
        self.hub_local = torch.hub.load("model/hub", "ranker", source="local")

    def decode_request(self, request):
        if request.get("encoding") == "pickle":
            return pickle.loads(base64.b64decode(request["data"]))
        return torch.tensor(request["user_ids"])

    def predict(self, x):
        return self.model(x)

    def encode_response(self, output):
        return {"items": output.tolist()}


if __name__ == "__main__":
    server = ls.LitServer(RecsAPI(), accelerator="auto")
    server.run(host="0.0.0.0", port=8000)
