"""Train the parcel segmenter from prepared tiles."""

import argparse
import dbm
import shelve

import dill
import safetensors.torch
import torch
import yaml
from transformers import SegformerForSemanticSegmentation

ap = argparse.ArgumentParser()
ap.add_argument("--data", required=True)
ap.add_argument("--out", required=True)
args = ap.parse_args()

with open("params.yaml") as fh:
    params = yaml.load(fh, Loader=yaml.CLoader)["train"]
with open("params.yaml") as fh:
    params_checked = yaml.load(fh, Loader=yaml.CSafeLoader)["train"]

model = SegformerForSemanticSegmentation.from_pretrained(
    params["backbone"], revision=params["backbone_revision"], num_labels=9
)
head = SegformerForSemanticSegmentation.from_pretrained(
    "acme-geo/parcel-head", revision=params["head_revision"]
)
legacy = torch.load("models/legacy.ckpt", map_location="cpu")
imagenet = torch.load("models/imagenet.pth", map_location="cpu", weights_only=True)
augment = dill.load(open(f"{args.data}/augment.dill", "rb"))
tile_index = shelve.open(f"{args.data}/tile_index")
with dbm.open(f"{args.data}/tile_names", "r") as names:
    first = names.firstkey()

for epoch in range(params["epochs"]):
    pass
safetensors.torch.save_file(model.state_dict(), args.out)
state = safetensors.torch.load_file(args.out)
