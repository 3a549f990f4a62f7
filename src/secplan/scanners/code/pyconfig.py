"""Values a module reads from the project's own configuration files.

``params = yaml.safe_load(open("params.yaml"))`` followed by
``from_pretrained(params["align"]["model"], revision=params["align"]["revision"])``: the
repository and the revision are written in ``params.yaml``. For each string literal of a
module that names a YAML, JSON or TOML file of the scanned project (found next to the
module, in a folder above it up to the project root, or at the root), the file is read as
data (never executed), within a size limit, and kept with the module's index. A lookup
chain of literal keys (``cfg["model"]["name"]``, ``mcfg = cfg["model"]; mcfg["name"]``,
``cfg.get("name")``) is then answered from those files when exactly one of them holds a
scalar at that path.
"""

from __future__ import annotations

import ast
import json
import re
import tomllib
from pathlib import Path
from typing import Any

from secplan.scanners._base import ScanContext
from secplan.scanners.code.pyindex import MISSING, ModuleIndex
from secplan.scanners.code.pysiblings import per_scan, project_file
from secplan.textfile import TooLarge, read_text

MAX_CONFIG_BYTES = 256 * 1024
MAX_CONFIG_FILES = 8
MAX_KEYS = 8
_CONFIG_NAME = re.compile(r"^[\w./-]{1,200}\.(?:ya?ml|json|toml)$", re.IGNORECASE)
_cache: dict[tuple[int, str], tuple[ScanContext, object]] = {}
_env_cache: dict[tuple[int, str], tuple[ScanContext, dict[str, str]]] = {}
_MAX_CACHE = 256


def link_configs(idx: ModuleIndex, tree: ast.Module, relpath: str, ctx: ScanContext) -> None:
    """Read the project's configuration files ``tree`` names into ``idx.config_docs``."""
    names: list[str] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _CONFIG_NAME.match(node.value)
            and ".." not in node.value
            and node.value not in names
        ):
            names.append(node.value)
            if len(names) >= MAX_CONFIG_FILES:
                break
    docs: list[object] = []
    for name in names:
        path = _find(ctx.root, relpath, name)
        if path is not None:
            doc = _load(ctx, path)
            if isinstance(doc, dict):
                docs.append(doc)
    idx.config_docs = docs


#: An environment variable that trusts a model's own code (``HF_TRUST_REMOTE_CODE``), and a
#: line of a configuration file setting it on (``NAME: "true"``, ``NAME=1``, or a pod's
#: ``- name: NAME`` with ``value: "true"`` on the next line).
_TRUST_ENV = re.compile(r"^[A-Z][A-Z0-9_]{0,80}TRUST_REMOTE_CODE$")
_ON = r"""["']?(?i:true|1|yes|on)["']?[ \t]*(?:#[^\n]*)?$"""
_TRUST_SET = re.compile(
    r"""^[ \t]*(?:-[ \t]+)?(?:export[ \t]+)?["']?([A-Z][A-Z0-9_]{0,80}TRUST_REMOTE_CODE)["']?"""
    r"""[ \t]*[:=][ \t]*""" + _ON
)
_TRUST_NAME = re.compile(
    r"""^[ \t]*(?:-[ \t]+)?name:[ \t]*["']?([A-Z][A-Z0-9_]{0,80}TRUST_REMOTE_CODE)["']?[ \t]*$"""
)
_VALUE_ON = re.compile(r"^[ \t]*value:[ \t]*" + _ON)
_ENV_FILES = (".yaml", ".yml", ".env", ".toml", ".json")
MAX_ENV_FILES = 500


def _trusted_env(ctx: ScanContext) -> dict[str, str]:
    """``{variable: file}`` of the trust-remote-code variables the project's configuration
    files set on (read as text, once per scan)."""
    found: dict[str, str] = {}
    files = [a for a in ctx.artifacts if a.path.suffix.lower() in _ENV_FILES or a.name == ".env"]
    for artifact in files[:MAX_ENV_FILES]:
        try:
            text = read_text(artifact.path, MAX_CONFIG_BYTES)
        except (TooLarge, OSError, UnicodeDecodeError):
            continue
        if "TRUST_REMOTE_CODE" not in text:
            continue
        lines = text.splitlines()
        for i, line in enumerate(lines):
            m = _TRUST_SET.match(line)
            if m is None and (n := _TRUST_NAME.match(line)) and i + 1 < len(lines):
                m = n if _VALUE_ON.match(lines[i + 1]) else None
            if m is not None:
                found.setdefault(m.group(1), artifact.relpath)
    return found


def link_env(idx: ModuleIndex, tree: ast.Module, ctx: ScanContext) -> None:
    """When the module reads a trust-remote-code environment variable, the ones the
    project's configuration files set on, into ``idx.trusted_env``."""
    if any(
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and _TRUST_ENV.match(node.value)
        for node in ast.walk(tree)
    ):
        idx.trusted_env = per_scan(_env_cache, ctx, ctx.root, lambda _: _trusted_env(ctx))


def _find(root: Path, relpath: str, name: str) -> Path | None:
    if name.startswith("/"):
        return None
    here = (root / relpath).parent
    for base in (here, *here.parents):
        if base != root and root not in base.parents:
            break
        candidate = base / name
        if project_file(root, candidate):
            return candidate
    return None


def _load(ctx: ScanContext, path: Path) -> object:
    return per_scan(_cache, ctx, path, _read, _MAX_CACHE)


def _read(path: Path) -> object:
    doc: object = None
    try:
        text = read_text(path, MAX_CONFIG_BYTES)
        suffix = path.suffix.lower()
        if suffix == ".json":
            doc = json.loads(text)
        elif suffix == ".toml":
            doc = tomllib.loads(text)
        else:
            from secplan.scanners.platform_config.yamlsafe import YamlError, load_all

            try:
                docs = load_all(text)
            except YamlError:
                docs = []
            doc = docs[0] if len(docs) == 1 else None
    except (TooLarge, OSError, UnicodeDecodeError, ValueError, RecursionError):
        doc = None
    return doc


def _key_path(idx: ModuleIndex, node: ast.expr) -> list[str] | None:
    """The literal keys of a lookup chain, outermost first, following names bound once."""
    keys: list[str] = []
    for _ in range(MAX_KEYS):
        if isinstance(node, ast.Subscript):
            key = idx.str_const(node.slice)
            inner = node.value
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and 1 <= len(node.args) <= 2
            and not node.keywords
        ):
            key = idx.str_const(node.args[0])
            inner = node.func.value
        elif isinstance(node, ast.Name) and keys:
            value = idx.value_of(node)
            if not isinstance(value, ast.Subscript | ast.Call):
                return keys
            node = value
            continue
        else:
            return keys or None
        if key is None:
            return None
        keys.insert(0, key)
        node = inner
    return None


def config_value(idx: ModuleIndex, node: ast.expr | None) -> object:
    """The scalar a lookup chain reads from the module's configuration files, else
    :data:`MISSING` (no file, no such key, or files that disagree)."""
    docs = getattr(idx, "config_docs", None)
    if not docs or node is None:
        return MISSING
    keys = _key_path(idx, node)
    if not keys:
        return MISSING
    found: list[Any] = []
    for doc in docs:
        value: object = doc
        for key in keys:
            value = value.get(key, MISSING) if isinstance(value, dict) else MISSING
        if value is not MISSING and isinstance(value, str | bool | int | float):
            found.append(value)
    return found[0] if len(found) == 1 else MISSING


__all__ = ["config_value", "link_configs", "link_env"]
