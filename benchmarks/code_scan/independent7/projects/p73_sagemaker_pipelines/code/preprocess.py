"""Processing job: pull raw exports, clean them, split train/validation."""

import argparse
import json
import subprocess

import pandas as pd
import yaml

ap = argparse.ArgumentParser()
ap.add_argument("--input", default="/opt/ml/processing/input")
ap.add_argument("--export-prefix", default="s3://acme-churn-data/exports/")
ap.add_argument("--rules", default="/opt/ml/processing/input/rules.yaml")
args = ap.parse_args()

subprocess.check_call(f"aws s3 sync {args.export_prefix} {args.input}/exports", shell=True)
subprocess.check_call(["aws", "s3", "cp", "--recursive", args.export_prefix, args.input])

with open(args.rules) as fh:
    rules = yaml.unsafe_load(fh)
with open(args.rules) as fh:
    checked = yaml.load(fh, Loader=yaml.SafeLoader)

frame = pd.read_csv(f"{args.input}/exports/tickets.csv")
frame = frame.query(rules.get("keep", "index >= 0"))
meta = json.load(open(f"{args.input}/exports/meta.json"))
frame.sample(frac=0.9, random_state=0).to_json("/opt/ml/processing/train/train.jsonl", orient="records", lines=True)
