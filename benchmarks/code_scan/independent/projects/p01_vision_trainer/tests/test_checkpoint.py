import pickle

import torch

from utils.checkpoint import load_cache, dump_cache, load_state_dict_only

FAKE_TOKEN = "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"


def test_roundtrip(tmp_path):
    p = tmp_path / "c.pkl"
    dump_cache({"a": 1}, p)
    assert load_cache(p) == {"a": 1}


def test_state_dict(tmp_path):
    p = tmp_path / "s.pt"
    torch.save({"w": torch.zeros(2)}, p)
    assert load_state_dict_only(p)["w"].shape == (2,)


def test_pickle_protocol():
    assert pickle.HIGHEST_PROTOCOL >= 5
