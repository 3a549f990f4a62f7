"""Container component: copy the raw export and clean it."""

import os
import shlex
import subprocess
import sys

import yaml


def fetch(src: str, dst: str) -> None:
    # gsutil is faster than the Python client for large exports
    subprocess.run(f"gsutil -m cp -r {src} {dst}", shell=True, check=True)


def fetch_safe(src: str, dst: str) -> None:
    subprocess.run(["gsutil", "-m", "cp", "-r", src, dst], check=True)


def unpack(archive: str) -> None:
    os.system("tar -xzf " + shlex.quote(archive) + " -C /data")


def sample(path: str, frac: str) -> None:
    os.system(f"python -m tools.sample --in {path} --frac {frac}")


def load_schema(path: str) -> dict:
    with open(path) as fh:
        return yaml.load(fh, Loader=yaml.Loader)


def load_rules(path: str) -> dict:
    with open(path) as fh:
        return yaml.safe_load(fh)


if __name__ == "__main__":
    fetch(sys.argv[1], "/data/raw")
    schema = load_schema(sys.argv[2])
