"""Flax pre-training loop on a TPU slice (run on every worker)."""
import pickle

import jax
import optax
import orbax.checkpoint as ocp
import yaml
from datasets import load_dataset
from flax import serialization
from transformers import AutoConfig, FlaxAutoModelForCausalLM


def load_config(path: str = "train/config.yaml") -> dict:
    with open(path) as fh:
        return yaml.safe_load(fh)


def build(cfg: dict):
    mcfg = cfg["model"]
    config = AutoConfig.from_pretrained(
        mcfg["name"], revision=mcfg["revision"], trust_remote_code=mcfg["trust_remote_code"]
    )
    model = FlaxAutoModelForCausalLM.from_config(config, seed=0)
    ds = load_dataset(cfg["data"]["dataset"], revision=cfg["data"]["revision"], split="train", streaming=True)
    code_ds = load_dataset("acme-lm/code-mix", split="train", streaming=True, trust_remote_code=True)
    return model, ds, code_ds


def restore(ckpt_dir: str, target):
    mgr = ocp.CheckpointManager(ckpt_dir, ocp.PyTreeCheckpointer())
    return mgr.restore(mgr.latest_step(), items=target)


def restore_msgpack(path: str, target):
    with open(path, "rb") as fh:
        return serialization.from_bytes(target, fh.read())


def restore_legacy(path: str):
    with open(path, "rb") as fh:
        return pickle.load(fh)


def main() -> None:
    cfg = load_config()
    model, ds, code_ds = build(cfg)
    tx = optax.adamw(3e-4)
    print(jax.device_count(), "devices")


if __name__ == "__main__":
    main()
