"""Tools the agent may call. Each returns text for the model to read."""

import subprocess

import requests
from langchain.agents import tool

from app import config


@tool
def ping_host(host: str) -> str:
    """Ping a host named by the user and report packet loss."""
    out = subprocess.run(f"ping -c 3 {host}", shell=True, capture_output=True, text=True)
    return out.stdout[-500:]


@tool
def dns_lookup(name: str) -> str:
    """Resolve a DNS name."""
    out = subprocess.run(["dig", "+short", name], capture_output=True, text=True, timeout=10)
    return out.stdout


@tool
def disk_usage(path: str) -> str:
    """Disk usage of a path on the helpdesk box."""
    return subprocess.check_output("du -sh " + path, shell=True, text=True)


@tool
def ticket(ticket_id: str) -> str:
    """Fetch a Jira ticket."""
    r = requests.get(f"{config.JIRA_URL}/issue/{ticket_id}", timeout=10, verify=False)
    return r.text[:2000]


@tool
def service_status(component: str) -> str:
    """Status of an internal component."""
    r = requests.get(config.STATUS_URL, params={"q": component}, timeout=5)
    return r.text


@tool
def calc(expression: str) -> str:
    """Evaluate an arithmetic expression from the conversation."""
    import ast
    return str(ast.literal_eval(expression))


@tool
def quick_math(expression: str) -> str:
    """Arithmetic the model writes."""
    return str(eval(expression))
