"""Tools the agent can call."""

import subprocess

import requests


def run_python(code: str) -> str:
    """Run code written by the model (sandboxed in the container)."""
    result = subprocess.run(["python", "-c", code], capture_output=True, text=True, timeout=10)
    return result.stdout


def shell(command: str) -> str:
    return subprocess.check_output(command, shell=True, text=True, timeout=10)


def calculator(expression: str) -> str:
    return str(eval(expression, {"__builtins__": {}}))


def web_get(url: str) -> str:
    return requests.get(url, timeout=10, verify=True).text
