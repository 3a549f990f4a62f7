"""Configuration that loading libraries execute: Hydra ``_target_`` values, Hugging Face
``auto_map`` remote code, chat templates, and Keras ``config.json`` wherever it is found.

- **Hydra** (``hydra.utils.instantiate``, used by NeMo on restore and by libraries that keep a
  model's configuration in safetensors ``__metadata__``) imports the dotted path of every
  ``_target_`` and calls it with ``_args_`` and the other keys, nested configurations first;
  ``_partial_: true`` returns a ``functools.partial`` the library calls later. Every target is
  classified with the pickle policy, as a pickle global would be.
- **auto_map** in ``config.json`` / ``tokenizer_config.json`` names ``module.Class`` for each
  Auto class; ``from_pretrained(..., trust_remote_code=True)`` imports ``module.py`` from the
  model folder (or, for ``repo--module.Class``, from another repository).
- **Chat templates** (``chat_template`` in ``tokenizer_config.json`` or
  ``chat_template.json``, and ``chat_template.jinja``) go to :mod:`secplan.modelfile.templates`.
- **custom_pipelines** in ``config.json`` names ``module.Class`` per task, which ``pipeline(...,
  trust_remote_code=True)`` imports the same way.
- **skops** ``schema.json`` names the types and functions ``skops.io.load`` imports; an
  ``OperatorFuncNode`` loads ``operator.<__class__>`` whatever its ``__module__`` says.
- A ``config.json`` whose top level is a Keras object (``class_name``) is a Keras model
  configuration, analysed as one with or without the rest of a ``.keras`` archive.

YAML is read with PyYAML's safe loader (what OmegaConf uses); a document that needs Python
tags to load is itself reported. Walks are bounded in nodes and depth and visit a shared node
(a YAML alias) once.
"""

from __future__ import annotations

import json
import reprlib
from collections.abc import Iterator
from pathlib import Path

from secplan.model import Severity
from secplan.modelfile.buffer import Buffer
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.formats import CUSTOM_GENERATE
from secplan.modelfile.handlers.keras import analyze_config_text
from secplan.modelfile.policy import Verdict
from secplan.modelfile.registry import register
from secplan.modelfile.rules import CONFIG_CODE, GGUF_TEMPLATE, MALFORMED, NOT_VERIFIED

#: Largest configuration file read (real ones are kilobytes; tokenizer configs a few MB).
MAX_CONFIG = 16 << 20
MAX_NODES = 1_000_000
MAX_DEPTH = 200
_SHOWN = reprlib.Repr()
_SHOWN.maxlevel, _SHOWN.maxlist, _SHOWN.maxdict, _SHOWN.maxstring = 3, 4, 4, 80


def _objects(doc: object) -> Iterator[tuple[dict[object, object], str]]:
    """Every mapping of ``doc`` with its path; shared nodes (YAML aliases) are visited once."""
    stack: list[tuple[object, str, int]] = [(doc, "$", 0)]
    seen: set[int] = set()
    count = 0
    while stack and count < MAX_NODES:
        node, path, depth = stack.pop()
        if not isinstance(node, (dict, list)) or depth > MAX_DEPTH or id(node) in seen:
            continue
        seen.add(id(node))
        count += 1
        if isinstance(node, dict):
            yield node, path
            stack.extend((v, f"{path}.{k}", depth + 1) for k, v in node.items())
        else:
            stack.extend((v, f"{path}[{i}]", depth + 1) for i, v in enumerate(node))


def _classify(target: str, ctx: Ctx) -> tuple[Verdict, str]:
    """The worst verdict over every way Hydra may split ``target`` into module and name."""
    parts = target.split(".")
    if len(parts) < 2 or not all(p.isidentifier() for p in parts):
        return Verdict.UNKNOWN, "not an importable dotted path"
    found = [
        ctx.policy.classify(".".join(parts[:i]), ".".join(parts[i:])) for i in range(1, len(parts))
    ]
    for verdict in (Verdict.DANGEROUS, Verdict.NESTED, Verdict.RESOLVER, Verdict.SAFE):
        for d in found:
            if d.verdict is verdict:
                return verdict, d.reason
    return Verdict.UNKNOWN, found[-1].reason


def hydra_targets(doc: object, where: Where, ctx: Ctx, source: str) -> None:
    """MF115 for every Hydra ``_target_`` in ``doc`` that is not known safe."""
    for node, path in _objects(doc):
        target = node.get("_target_")
        if not isinstance(target, str):
            continue
        verdict, reason = _classify(target.strip(), ctx)
        if verdict is Verdict.SAFE:
            continue
        how = "returns a partial the library calls later" if node.get("_partial_") else "calls it"
        args = node.get("_args_")
        detail = f"at {path} of {source}; {reason}; hydra.utils.instantiate imports it and {how}"
        if isinstance(args, list) and args:
            detail += f"; _args_ {_SHOWN.repr(args)[:200]}"  # bounded, aliases or not
        bad = verdict is not Verdict.UNKNOWN
        ctx.sink.add(
            CONFIG_CODE,
            where,
            f"Hydra _target_ names {target}"
            + (", a callable that runs code or reaches the system" if bad else ""),
            evidence=detail,
            severity=Severity.CRITICAL if bad else Severity.MEDIUM,
        )


def _text(buf: Buffer, size: int, where: Where, ctx: Ctx) -> str | None:
    limit = min(MAX_CONFIG, ctx.limits.max_header_bytes)
    if size > limit:
        ctx.sink.add(
            NOT_VERIFIED,
            where,
            f"configuration of {size:,} bytes is larger than the {limit:,}-byte limit",
        )
        return None
    return bytes(buf[:size]).decode("utf-8", "replace")


def _json(text: str) -> object:
    """The document, or None when it is not JSON: loaders refuse it too, so it runs nothing
    (and a project's own config.json in another dialect is no finding)."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


@register("yamlconfig", limits=("max_header_bytes",))
def handle_yaml(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    text = _text(buf, size, where, ctx)
    if text is None:
        return
    import yaml  # loaded with the first YAML file: most scans see none

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        docs = list(yaml.load_all(text, Loader=loader))
    except yaml.constructor.ConstructorError as exc:
        tag = getattr(exc, "problem", "") or str(exc)
        severity = Severity.HIGH if "python/" in str(exc) else Severity.MEDIUM
        ctx.sink.add(
            CONFIG_CODE if severity is Severity.HIGH else MALFORMED,
            where,
            "YAML uses tags that only an unsafe loader constructs",
            evidence=f"{tag[:200]}; yaml.unsafe_load and yaml.load(Loader=Loader) import and "
            "call the tagged Python objects",
            severity=severity,
        )
        return
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        ctx.sink.add(MALFORMED, where, f"YAML cannot be parsed: {type(exc).__name__}")
        return
    for doc in docs:
        hydra_targets(doc, where, ctx, where.name or "the YAML file")


@register("hfconfig", limits=("max_header_bytes",))
def handle_json(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    text = _text(buf, size, where, ctx)
    if text is None:
        return
    if where.name.lower().endswith(".py"):
        _custom_generate(where, ctx)
        return
    if where.name.lower().endswith(".jinja"):
        chat_template(text, where.name, where, ctx)
        return
    doc = _json(text)
    if not isinstance(doc, dict):
        return
    # a document's shape never exempts it from the other checks: extra keys cost a loader
    # nothing, so a config.json shaped like a Keras or skops document still has its auto_map read
    if "class_name" in doc and ("config" in doc or "module" in doc):
        analyze_config_text(text, where, ctx)  # a Keras model configuration
    if "__loader__" in doc and "__class__" in doc:
        skops_schema(doc, where, ctx)
    _auto_map(doc.get("auto_map"), where, ctx)
    _custom_pipelines(doc.get("custom_pipelines"), where, ctx)
    template = doc.get("chat_template")
    if isinstance(template, str):
        chat_template(template, "chat_template", where, ctx)
    elif isinstance(template, list):
        for entry in template[:64]:
            if isinstance(entry, dict) and isinstance(entry.get("template"), str):
                name = str(entry.get("name", "?"))[:80]
                chat_template(entry["template"], f"chat_template {name!r}", where, ctx)
    hydra_targets(doc, where, ctx, where.name or "the configuration")


def chat_template(text: str, key: str, where: Where, ctx: Ctx) -> None:
    from secplan.modelfile.templates import template_findings  # loads the template parser

    for severity, what in template_findings(text):
        ctx.sink.add(
            GGUF_TEMPLATE,
            where,
            f"{key} {what}",
            evidence=text[:300],
            severity=Severity[severity.upper()],
        )


def _references(value: object) -> Iterator[tuple[str, str]]:
    if not isinstance(value, dict):
        return
    for auto, ref in list(value.items())[:64]:
        for r in ref if isinstance(ref, list) else [ref]:
            if isinstance(r, str) and r:
                yield str(auto), r


def _auto_map(value: object, where: Where, ctx: Ctx) -> None:
    folder = where.directory if where.depth == 0 else None
    for auto, ref in _references(value):
        repo, _, local = ref.rpartition("--")
        module = local.rsplit(".", 1)[0]
        file = module.replace(".", "/") + ".py"
        if repo:
            why = f"its code is fetched from the repository {repo!r}"
        elif folder is not None and (folder / file).is_file():
            why = f"{_shown(where, file)} in the model folder is imported"
        else:
            why = f"{file} is imported from the model folder or repository"
        ctx.sink.add(
            CONFIG_CODE,
            where,
            f"auto_map makes {auto} run model code: {why}",
            evidence=f"auto_map.{auto} = {ref!r}; from_pretrained(..., trust_remote_code=True) "
            "imports the module and runs its top-level code",
            severity=Severity.HIGH,
        )


def _custom_generate(where: Where, ctx: Ctx) -> None:
    """``custom_generate/generate.py`` in a model folder: transformers imports it (and runs
    its top level) for ``generate(custom_generate=...)`` with ``trust_remote_code``, with no
    configuration naming it."""
    full = f"{where.path}!{where.member}" if where.member else where.path
    if not full.replace("\\", "/").lower().endswith(CUSTOM_GENERATE):
        return
    ctx.sink.add(
        CONFIG_CODE,
        where,
        "the model folder ships custom_generate/generate.py, which transformers imports and "
        "runs for its custom generation",
        evidence="generate(custom_generate=<this model>, trust_remote_code=True) and "
        "from_pretrained(..., trust_remote_code=True) import the module; no auto_map names it",
        severity=Severity.HIGH,
    )


def _custom_pipelines(value: object, where: Where, ctx: Ctx) -> None:
    """``custom_pipelines`` in ``config.json``: ``pipeline(model=..., trust_remote_code=True)``
    imports each task's ``impl`` (``module.Class``) from the model folder."""
    if not isinstance(value, dict):
        return
    for task, entry in list(value.items())[:64]:
        impl = entry.get("impl") if isinstance(entry, dict) else None
        if not isinstance(impl, str) or not impl:
            continue
        file = impl.rsplit(".", 1)[0].replace(".", "/") + ".py"
        ctx.sink.add(
            CONFIG_CODE,
            where,
            f"custom_pipelines makes the {str(task)[:80]!r} pipeline run model code: {file} "
            "is imported from the model folder or repository",
            evidence=f"custom_pipelines.{str(task)[:80]}.impl = {impl[:200]!r}; "
            "pipeline(model=..., trust_remote_code=True) imports the module and runs its "
            "top-level code",
            severity=Severity.HIGH,
        )


#: ``operator`` functions that call, or look up, what their arguments name.
_OPERATOR_CALLERS = frozenset({"call", "methodcaller", "attrgetter", "itemgetter"})


def skops_schema(doc: dict[object, object], where: Where, ctx: Ctx) -> None:
    """The ``schema.json`` of a skops file: every node names a type or function that
    ``skops.io.load`` imports (``__module__`` and ``__class__``), and ``OperatorFuncNode`` takes
    ``getattr(operator, __class__)`` whatever ``__module__`` says (CVE-2025-54412), so the type
    ``get_untrusted_types`` shows a user is not the one loaded."""
    for node, path in _objects(doc):
        cls, module, loader = node.get("__class__"), node.get("__module__"), node.get("__loader__")
        if not isinstance(cls, str) or not isinstance(loader, str):
            continue
        shown = f"{module}.{cls}" if isinstance(module, str) else cls
        if loader == "OperatorFuncNode":
            if cls in _OPERATOR_CALLERS or not cls.isidentifier():
                ctx.sink.add(
                    CONFIG_CODE,
                    where,
                    f"skops OperatorFuncNode loads operator.{cls[:60]}, a function that calls "
                    "or looks up what its arguments name",
                    evidence=f"at {path}: __module__ {str(module)[:80]!r}, __class__ "
                    f"{cls[:80]!r}; skops.io.load takes getattr(operator, __class__)",
                    severity=Severity.CRITICAL,
                )
            elif module not in ("operator", "_operator"):
                ctx.sink.add(
                    CONFIG_CODE,
                    where,
                    f"skops OperatorFuncNode shows the type {shown[:120]} but loads "
                    f"operator.{cls[:60]}",
                    evidence=f"at {path}: get_untrusted_types lists {shown[:120]!r}, while "
                    "skops.io.load takes getattr(operator, __class__) (CVE-2025-54412)",
                    severity=Severity.HIGH,
                )
            continue
        if not isinstance(module, str):
            continue
        verdict, reason = _classify(f"{module}.{cls}", ctx)
        if verdict in (Verdict.DANGEROUS, Verdict.NESTED, Verdict.RESOLVER):
            ctx.sink.add(
                CONFIG_CODE,
                where,
                f"skops file names {shown[:120]}, a callable that runs code or reaches the system",
                evidence=f"at {path} ({loader[:40]}); {reason}; skops.io.load imports it when "
                "the type is trusted",
                severity=Severity.CRITICAL,
            )


def _shown(where: Where, file: str) -> str:
    parent = str(Path(where.path).parent)
    return file if parent in ("", ".") else f"{parent}/{file}"
