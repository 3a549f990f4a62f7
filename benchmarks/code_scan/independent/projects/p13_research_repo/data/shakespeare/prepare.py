import os
import pickle

import numpy as np
import requests

input_file_path = os.path.join(os.path.dirname(__file__), "input.txt")
if not os.path.exists(input_file_path):
    data_url = "https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt"
    with open(input_file_path, "w") as f:
        f.write(requests.get(data_url, timeout=30).text)

with open(input_file_path) as f:
    data = f.read()
chars = sorted(set(data))
meta = {"vocab_size": len(chars), "itos": dict(enumerate(chars)), "stoi": {c: i for i, c in enumerate(chars)}}
with open(os.path.join(os.path.dirname(__file__), "meta.pkl"), "wb") as f:
    pickle.dump(meta, f)

ids = np.array([meta["stoi"][c] for c in data], dtype=np.uint16)
ids.tofile(os.path.join(os.path.dirname(__file__), "train.bin"))
train = np.memmap(os.path.join(os.path.dirname(__file__), "train.bin"), dtype=np.uint16, mode="r")
