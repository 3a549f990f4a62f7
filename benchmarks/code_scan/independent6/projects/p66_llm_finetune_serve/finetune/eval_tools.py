import json
import re
import subprocess
import sys

from transformers import pipeline

gen = pipeline("text-generation", model="checkpoints/final")
FENCE = re.compile(r"```python\n(.*?)```", re.S)


def run_tool_call(prompt: str) -> str:
    reply = gen(prompt, max_new_tokens=256)[0]["generated_text"]
    for block in FENCE.findall(reply):
        exec(block, {"__name__": "__tool__"})
    return reply


def run_calc(reply: str) -> str:
    expr = reply.split("CALC:")[-1].strip()
    return subprocess.run([sys.executable, "-c", f"print({expr})"], capture_output=True, text=True).stdout


def parse_args(reply: str) -> dict:
    return json.loads(reply.split("ARGS:")[-1])
