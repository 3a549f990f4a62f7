"""Transcribe call recordings with Whisper and align words with a CTC model."""
import argparse
import glob
import json
import os

import whisper
import yaml
from transformers import AutoModelForCTC, AutoProcessor


def load_params() -> dict:
    with open("params.yaml") as fh:
        return yaml.load(fh, Loader=yaml.SafeLoader)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--in", dest="inp")
    ap.add_argument("--out")
    args = ap.parse_args()
    params = load_params()
    asr = whisper.load_model(params["whisper"]["model"])
    proc = AutoProcessor.from_pretrained(params["align"]["model"], revision=params["align"]["revision"])
    aligner = AutoModelForCTC.from_pretrained(
        params["align"]["model"], revision=params["align"]["revision"], trust_remote_code=True
    )
    diar = AutoModelForCTC.from_pretrained("acme-asr/diarization-lite", trust_remote_code=False)
    os.makedirs(args.out, exist_ok=True)
    for path in sorted(glob.glob(os.path.join(args.inp, "*.wav"))):
        text = asr.transcribe(path, language=params["whisper"]["language"])["text"]
        with open(os.path.join(args.out, os.path.basename(path) + ".json"), "w") as fh:
            json.dump({"audio": path, "text": text}, fh)


if __name__ == "__main__":
    main()
