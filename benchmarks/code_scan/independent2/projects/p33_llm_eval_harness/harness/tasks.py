"""Task loaders and scorers."""

from __future__ import annotations

import ast
import pickle
import subprocess
from pathlib import Path

import numpy as np
import yaml
from datasets import load_dataset

MMLU_REVISION = "c30699e8356da336a370243923dbaf21066bb9fe"


def mmlu():
    return load_dataset("cais/mmlu", "all", split="test", revision=MMLU_REVISION)


def gsm8k():
    return load_dataset("openai/gsm8k", "main", split="test")


def choices(sample: dict) -> list[str]:
    return list(ast.literal_eval(sample["choices"]))


def prompts(path: Path) -> dict:
    with path.open() as fh:
        fast = yaml.load(fh, Loader=yaml.CSafeLoader)
    return fast


def cached_logits(path: Path) -> np.ndarray:
    return np.load(path, allow_pickle=False)


def check_program(candidate_program: str, test: str) -> bool:
    """HumanEval-style check of a completion written by the model under test."""
    scope: dict = {}
    exec(compile(candidate_program + "\n" + test, "<candidate>", "exec"), scope)
    return bool(scope.get("passed", False))


def check_program_isolated(program: str) -> bool:
    done = subprocess.run(["python", "-c", program], capture_output=True, timeout=5, check=False)
    return done.returncode == 0


def save(results: dict, out: Path) -> None:
    out.write_bytes(pickle.dumps(results))
