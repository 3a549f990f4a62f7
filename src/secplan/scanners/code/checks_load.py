"""Checks for CD101-CD112: deserializers, remote-code trust, unpinned hub downloads."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from secplan.model import Severity
from secplan.model.finding import Confidence
from secplan.scanners.code import rules_load as R
from secplan.scanners.code._hit import CallSite, Hit, hit
from secplan.scanners.code._lists import CodeLists, Deserializer, HubDownload
from secplan.scanners.code.checks_net import env_default, env_read
from secplan.scanners.code.pyconfig import config_value
from secplan.scanners.code.pyguards import contradicted
from secplan.scanners.code.pyindex import MISSING, ModuleIndex, argument, parameter_names, stores

_SAFE_YAML = frozenset({"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"})
_FULL_YAML = frozenset({"FullLoader", "CFullLoader"})
_COMMIT = re.compile(r"^[0-9a-f]{40}$")
_SHORT_COMMIT = re.compile(r"^[0-9a-f]{7,40}$")
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.\-]*(?:/[\w.\-]+)?$")
_FILE_SUFFIX = re.compile(
    r"\.(bin|pt|pth|ckpt|safetensors|json|gguf|onnx|h5|pkl|msgpack|model|txt|csv|parquet)$",
    re.IGNORECASE,
)
_TORCH_HUB = frozenset({"torch.hub.load", "torch.hub.list", "torch.hub.help"})
_MESSAGES = {
    "CD101": "{name} deserializes with pickle semantics: untrusted input runs code",
    "CD102": "{name} unpickles the file: a model or dataset from elsewhere runs code",
    "CD105": "{name} unpickles the file: a DataFrame from elsewhere runs code",
    "CD106": "{name} constructs arbitrary Python objects from YAML tags",
    "CD107": "{name} turns Keras safe mode off for every later load",
    "CD108": "{name} builds code objects from its input",
    "CD109": "{name} opens a shelf, whose values are pickles",
}


def check_deserializer(idx: ModuleIndex, site: CallSite, d: Deserializer) -> Iterator[Hit]:
    rule = R.BY_ID[d.rule]
    call, name = site.call, site.shown
    if d.check == "always":
        yield hit(rule, call, site.cell, _MESSAGES[d.rule].format(name=name), f"{name}(...)")
    elif d.check == "torch-weights-only":
        yield from _torch(idx, site)
    elif d.check == "numpy-allow-pickle":
        value = idx.const(idx.arg(call, "allow_pickle", 2))
        if value is not MISSING and bool(value):
            yield hit(
                rule,
                call,
                site.cell,
                f"{name} with allow_pickle=True unpickles object arrays",
                f"{name}(..., allow_pickle=True)",
            )
    elif d.check == "allow-dangerous-deserialization":
        value = idx.const(idx.arg(call, "allow_dangerous_deserialization"))
        if value is not MISSING and bool(value):
            yield hit(
                rule,
                call,
                site.cell,
                f"{name} with allow_dangerous_deserialization=True unpickles the stored index",
                f"{name}(..., allow_dangerous_deserialization=True)",
            )
    elif d.check == "yaml-loader":
        yield from _yaml(idx, site)
    elif d.check == "yaml-full-load":
        yield hit(
            rule,
            call,
            site.cell,
            f"{name} uses FullLoader, which ran code before PyYAML 5.4",
            f"{name}(...)",
            severity=Severity.MEDIUM,
        )
    elif d.check == "keras-safe-mode":
        value = idx.const(idx.arg(call, "safe_mode", 3))
        if value is not MISSING and not value:
            yield hit(
                rule,
                call,
                site.cell,
                f"{name} with safe_mode=False lets Lambda layers run stored bytecode",
                f"{name}(..., safe_mode=False)",
            )


def _torch(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    rule, call, name = R.TORCH_LOAD, site.call, site.shown
    node = idx.arg(call, "weights_only")
    if node is None:
        if idx.open_kwargs(call):
            return  # weights_only may well be in **kwargs
        yield hit(
            rule,
            call,
            site.cell,
            f"{name} without weights_only=True: full unpickling before PyTorch 2.6",
            f"{name}(...)",
            severity=Severity.MEDIUM,
        )
        return
    value = idx.const(node)
    if value is MISSING:
        return  # decided at run time; not judged
    if not value:
        yield hit(
            rule,
            call,
            site.cell,
            f"{name} with weights_only=False unpickles the checkpoint",
            f"{name}(..., weights_only=False)",
        )


def _yaml(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    rule, call, name = R.UNSAFE_YAML_LOAD, site.call, site.shown
    node = idx.arg(call, "Loader", 1)
    if node is None:
        if idx.open_kwargs(call):
            return
        yield hit(
            rule,
            call,
            site.cell,
            f"{name} without a Loader: unsafe on PyYAML < 5.1 (and an error on 6.0)",
            f"{name}(...)",
            severity=Severity.MEDIUM,
        )
        return
    names = [q.rsplit(".", 1)[-1] for q in idx.qualnames(node)]
    if not names:
        return  # a loader computed at run time
    if all(n in _SAFE_YAML or "Safe" in n for n in names):
        return
    if all(n in _FULL_YAML | _SAFE_YAML for n in names):
        yield hit(
            rule,
            call,
            site.cell,
            f"{name} with FullLoader, which ran code before PyYAML 5.4",
            f"{name}(..., Loader={names[0]})",
            severity=Severity.MEDIUM,
        )
        return
    bad = next(n for n in names if n not in _SAFE_YAML)
    yield hit(
        rule,
        call,
        site.cell,
        f"{name} with Loader={bad} constructs arbitrary Python objects",
        f"{name}(..., Loader={bad})",
    )


def check_trust_remote_code(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    node = argument(site.call, "trust_remote_code")
    if node is None:
        return
    value = idx.const(node)
    configured = value is MISSING and config_value(idx, node) is True
    if value is not MISSING and bool(value):
        yield hit(
            R.TRUST_REMOTE_CODE,
            node,
            site.cell,
            f"{site.shown} trusts remote code: Python files from the repository run on load",
            f"{site.shown}(..., trust_remote_code=True)",
        )
    elif configured:
        yield hit(
            R.TRUST_REMOTE_CODE,
            node,
            site.cell,
            f"{site.shown} trusts remote code as the project's configuration file says "
            "(trust_remote_code: true): Python files from the repository run on load",
            f"{site.shown}(..., trust_remote_code=<configured true>)",
        )
    elif value is MISSING and (env := _trusting_env(idx, node)) is not None:
        yield hit(
            R.TRUST_REMOTE_CODE,
            node,
            site.cell,
            f"{site.shown} trusts remote code where {env[0]} is on, and the project's "
            f"configuration ({env[1]}) turns it on: Python files from the repository run on "
            "load",
            f"{site.shown}(..., trust_remote_code=<{env[0]}: true>)",
            confidence=Confidence.MEDIUM,
        )
    elif value is MISSING and _default_on(idx, node):
        yield hit(
            R.TRUST_REMOTE_CODE,
            node,
            site.cell,
            f"{site.shown} trusts remote code unless the configuration turns it off: Python "
            "files from the repository run on load",
            f"{site.shown}(..., trust_remote_code=<lookup, default True>)",
            confidence=Confidence.MEDIUM,
        )


def _trusting_env(idx: ModuleIndex, node: ast.expr) -> tuple[str, str] | None:
    """``(variable, file)`` when ``trust_remote_code`` follows an environment variable
    (``trust = os.environ.get("HF_TRUST_REMOTE_CODE", "false") == "true"``) that the project's
    configuration files set on."""
    if not idx.trusted_env:
        return None
    seen = 0
    todo = [node]
    while todo and seen < MAX_TRUST_NODES:
        current = todo.pop()
        seen += 1
        name = _env_key(idx, current)
        if name is not None and name in idx.trusted_env:
            return name, idx.trusted_env[name]
        if isinstance(current, ast.Name):
            value = idx.value_of(current)
            if value is not None:
                todo.append(value)
        elif isinstance(current, ast.Compare) and not _holds_when_on(idx, current):
            continue  # ``os.environ.get(X) == "false"``: the configured true makes it False
        elif isinstance(current, ast.UnaryOp) and isinstance(current.op, ast.Not):
            continue  # ``not <lookup>``: a variable set on turns it off
        elif isinstance(current, ast.Compare | ast.BoolOp | ast.UnaryOp | ast.Call):
            todo.extend(n for n in ast.iter_child_nodes(current) if isinstance(n, ast.expr))
        elif isinstance(current, ast.Attribute):
            todo.append(current.value)  # ``os.environ.get(X, "0").lower()``
    return None


def _holds_when_on(idx: ModuleIndex, node: ast.Compare) -> bool:
    """Whether a comparison of a lookup with fixed words holds when the variable is set on
    (``true``, ``1``, ``yes``, ``on``); a comparison it cannot read counts as holding."""
    if len(node.ops) != 1:
        return True
    op, right = node.ops[0], node.comparators[0]
    words: list[str] = []
    for side in (right, node.left):
        if isinstance(side, ast.Tuple | ast.List | ast.Set):
            words = [w for e in side.elts if (w := idx.str_const(e)) is not None]
            if len(words) != len(side.elts):
                return True
            break
        word = idx.str_const(side)
        if word is not None:
            words = [word]
            break
    if not words:
        return True
    on = any(w.strip().lower() in _ON for w in words)
    if isinstance(op, ast.Eq | ast.In):
        return on
    if isinstance(op, ast.NotEq | ast.NotIn):
        return not on
    return True


MAX_TRUST_NODES = 64


def _default_on(idx: ModuleIndex, node: ast.expr) -> bool:
    """A lookup whose default is on: ``cfg.get("key", True)``, ``getattr(args, "x", True)``."""
    if not isinstance(node, ast.Call) or len(node.args) < 2 or node.keywords:
        return False
    func = node.func
    getter = (isinstance(func, ast.Attribute) and func.attr == "get" and len(node.args) == 2) or (
        isinstance(func, ast.Name) and func.id == "getattr" and len(node.args) == 3
    )
    default = idx.const(node.args[-1])
    return getter and default is True


#: Environment variables that make Hugging Face's inference containers (SageMaker, TGI)
#: run the code shipped with a model, and the ones that name the model and its revision.
_TRUST_ENV = frozenset({"HF_MODEL_TRUST_REMOTE_CODE", "TRUST_REMOTE_CODE"})
_MODEL_ENV = frozenset({"HF_MODEL_ID", "MODEL_ID"})
_REVISION_ENV = frozenset({"HF_MODEL_REVISION", "REVISION"})
_ON = frozenset({"true", "1", "yes", "on"})
_HUB_REPO = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


def _env_dict_hits(idx: ModuleIndex, node: ast.Dict, cell: int | None) -> Iterator[Hit]:
    """A container's environment written as a dictionary: ``HF_MODEL_TRUST_REMOTE_CODE``
    on, and ``HF_MODEL_ID`` naming a Hub repository without a commit in
    ``HF_MODEL_REVISION``."""
    values: dict[str, tuple[str, ast.expr]] = {}
    for key, value in zip(node.keys, node.values, strict=True):
        name = idx.str_const(key) if key is not None else None
        text = idx.str_const(value)
        if name is not None and text is not None:
            values[name] = (text, value)
    for name in _TRUST_ENV & set(values):
        text, value = values[name]
        if text.strip().lower() in _ON:
            yield hit(
                R.TRUST_REMOTE_CODE,
                value,
                cell,
                f"{name} is on: the inference container runs the code shipped with the model",
                f'"{name}": "{text.strip()}"',
            )
    revision = next((values[n][0] for n in _REVISION_ENV if n in values), None)
    for name in _MODEL_ENV & set(values):
        repo, value = values[name]
        if not _HUB_REPO.match(repo) or (revision is not None and _COMMIT.match(revision)):
            continue
        yield hit(
            R.UNPINNED_REVISION,
            value,
            cell,
            f"{name} names {repo!r} on the Hub without a commit in HF_MODEL_REVISION: the "
            "container loads whatever the repository holds when it starts",
            f'"{name}": "{repo}"',
            severity=Severity.MEDIUM,
        )


def check_trust_dict(idx: ModuleIndex, node: ast.Dict, cell: int | None) -> Iterator[Hit]:
    yield from _env_dict_hits(idx, node, cell)
    for key, value in zip(node.keys, node.values, strict=True):
        if isinstance(key, ast.Constant) and key.value == "trust_remote_code":
            v = idx.const(value)
            if v is not MISSING and bool(v):
                yield hit(
                    R.TRUST_REMOTE_CODE,
                    value,
                    cell,
                    "keyword dictionary sets trust_remote_code=True: repository code runs on load",
                    '{"trust_remote_code": True}',
                )


def check_torch_hub(idx: ModuleIndex, site: CallSite, lists: CodeLists) -> Iterator[Hit]:
    if site.qualname not in _TORCH_HUB:
        return
    call, rule = site.call, R.UNPINNED_TORCH_HUB
    if idx.const(idx.arg(call, "source")) == "local":
        return
    trust = idx.const(idx.arg(call, "trust_repo"))
    repo = idx.str_const(idx.arg(call, "repo_or_dir", 0) or idx.arg(call, "github", 0))
    pinned = repo is not None and re.search(r"[:@]", repo) is not None
    if pinned and re.split(r"[:@]", repo or "", maxsplit=1)[1] not in lists.mutable_refs:
        return  # a release tag or commit: the hubconf.py that runs is the one reviewed
    if trust is True:
        yield hit(
            rule,
            call,
            site.cell,
            f"{site.shown} with trust_repo=True runs the repository's hubconf.py unasked",
            f"{site.shown}({repo or '...'!s}, ..., trust_repo=True)",
        )
        return
    if repo is None:
        return
    ref = re.split(r"[:@]", repo, maxsplit=1)[1] if re.search(r"[:@]", repo) else ""
    if ref and ref not in lists.mutable_refs:
        return
    why = f"the branch {ref!r}" if ref else "no commit or tag"
    yield hit(
        rule,
        call,
        site.cell,
        f"{site.shown} runs hubconf.py of {repo.split(':')[0]!r} at {why}",
        f"{site.shown}({repo!r}, ...)",
    )


#: First parts of a relative path that no Hub repository id has: the Hub's own routes
#: (``huggingface.co/models/...``), and the folders training code writes models to.
LOCAL_FIRST = frozenset(
    {
        "models",
        "datasets",
        "spaces",
        "checkpoints",
        "outputs",
        "output",
        "weights",
        "ckpt",
        "ckpts",
        "artifacts",
        "runs",
        "saved_models",
        "exports",
    }
)


def _looks_local(repo: str) -> bool:
    return (
        repo.startswith((".", "/", "~", "\\"))
        or repo.split("/", 1)[0].lower() in LOCAL_FIRST
        or "\\" in repo
        or repo.count("/") > 1
        or ":" in repo
        or not _HUB_ID.match(repo)
        or bool(_FILE_SUFFIX.search(repo))
    )


def option_default(idx: ModuleIndex, node: ast.expr) -> ast.expr | None:
    """The ``default=`` of the argparse option ``node`` reads (``args.base_model`` from
    ``add_argument("--base-model", default=BASE_MODEL)``), else ``None``."""
    if not isinstance(node, ast.Attribute) or not isinstance(node.value, ast.Name):
        return None
    for call, _ in idx.calls:
        func = call.func
        if not (isinstance(func, ast.Attribute) and func.attr == "add_argument"):
            continue
        names = [a.value for a in call.args if isinstance(a, ast.Constant)]
        longs = [n for n in names if isinstance(n, str) and n.startswith("--")]
        dest = idx.str_const(argument(call, "dest", -1)) if argument(call, "dest", -1) else None
        if dest is None and longs:
            dest = longs[0][2:].replace("-", "_")
        if dest == node.attr:
            return argument(call, "default", -1)
    return None


def hub_spec(lists: CodeLists, site: CallSite) -> HubDownload | None:
    if site.qualname and site.qualname in lists.hub_downloads:
        return lists.hub_downloads[site.qualname]
    func = site.call.func
    if isinstance(func, ast.Attribute):
        return lists.hub_downloads.get("." + func.attr)
    return None


def check_hub_download(
    idx: ModuleIndex, site: CallSite, spec: HubDownload, lists: CodeLists
) -> Iterator[Hit]:
    call = site.call
    node = idx.arg(call, spec.id, spec.position)
    repo = idx.str_const(node)
    if repo is None and spec.name == ".from_pretrained" and "Peft" in site.shown:
        repo = idx.str_const(idx.arg(call, "model_id", 1))
    from_env = False
    if repo is None and node is not None:
        # the id comes from the environment (or a command-line option) with a Hub id as its
        # default: that default is what runs wherever it is not given
        default = env_default(idx, node)
        if default is None:
            default = option_default(idx, node)
        repo = idx.str_const(default) if default is not None else None
        from_env = repo is not None
    if repo is None and node is not None:
        # the id is read from the project's configuration file (``cfg["model"]["name"]``)
        configured = config_value(idx, node)
        repo = configured if isinstance(configured, str) else None
    if repo is None and isinstance(node, ast.Name):
        # a parameter every call of its function gives the same literal id
        repo = _passed_in(idx, node.id)
        from_env = repo is not None
    if repo is None and isinstance(node, ast.Name):
        # a parameter whose default is a Hub id: what loads wherever no caller names another
        repo = _parameter_default(idx, site, node)
        from_env = repo is not None
    if repo is None and node is not None and spec.name != "datasets.load_dataset":
        yield from _run_time_id(idx, site, node, lists)
        return
    if repo is None or _looks_local(repo):
        return
    if spec.name == "datasets.load_dataset" and repo.lower() in lists.local_dataset_builders:
        return
    if idx.const(idx.arg(call, "local_files_only")) is True:
        return
    rev_node = idx.arg(call, "revision")
    model_kwargs = idx.arg(call, "model_kwargs")
    if rev_node is None and model_kwargs is not None:
        # wrappers (LangChain's HuggingFaceEmbeddings) pass the revision on in model_kwargs
        items = idx.dict_items(model_kwargs)
        if items is None or (not items[1] and "revision" not in items[0]):
            return
        rev_node = items[0].get("revision")
    if rev_node is None:
        if idx.open_kwargs(call):
            return
        why = (
            "(the default of an environment variable or option, or the value every caller "
            "passes) without a revision"
            if from_env
            else ("without a revision")
        )
        tree = idx.trees.get(site.cell)
        if (
            isinstance(node, ast.Name)
            and tree is not None
            and contradicted(tree, call, node.id, repo)
        ):
            # ``elif init_from.startswith("gpt2")``: not the default written above
            repo = f"the repository named by {node.id} (a test before the call rules out {repo!r})"
            yield _revision_hit(site, repo, why, Severity.MEDIUM, named=False)
            return
        yield _revision_hit(site, repo, why, Severity.MEDIUM)
        return
    rev = idx.str_const(rev_node)
    configured_rev = rev is None
    if rev is None:
        value = config_value(idx, rev_node)
        rev = value if isinstance(value, str) else None
    if rev is None:
        yield from _defaulted_revision(idx, site, repr(repo), rev_node, lists)
        return
    if _COMMIT.match(rev):
        return
    if configured_rev:
        if rev in lists.mutable_refs and rev_node is not None:
            yield hit(
                R.UNPINNED_REVISION,
                rev_node,
                site.cell,
                f"{site.shown} downloads {repo!r} at the branch {rev!r} (set in the project's "
                "configuration file), not a 40-character commit",
                f"{site.shown}({repo!r}, revision=<configured {rev!r}>)",
                severity=Severity.MEDIUM,
                confidence=Confidence.MEDIUM,
            )
        return
    if _moving_ref(rev, lists):
        yield _revision_hit(site, repo, f"at the moving ref {rev!r}", Severity.MEDIUM)
    else:
        kind = "a short commit" if _SHORT_COMMIT.match(rev) else "a tag or branch"
        yield _revision_hit(site, repo, f"at {kind} {rev!r}", Severity.LOW)


def _parameter_default(idx: ModuleIndex, site: CallSite, node: ast.Name) -> str | None:
    """The literal default of the parameter ``node`` names, of the function the call is in
    (``def load(name="org/model"): return AutoModel.from_pretrained(name)``), when the
    function never assigns the name."""
    fn = idx.function_at(site.cell, site.call.lineno)
    if fn is None or node.id not in parameter_names(fn) or stores(fn, node.id):
        return None
    args = fn.args
    positional = [*args.posonlyargs, *args.args]
    pairs = list(
        zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True)
    )
    pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d]
    default = next((d for a, d in pairs if a.arg == node.id), None)
    return idx.str_const(default) if default is not None else None


def _passed_in(idx: ModuleIndex, name: str) -> str | None:
    """The literal every call in the module passes for parameter ``name`` of a function
    (``load_backbone(BACKBONE)`` for ``def load_backbone(name)``), when ``name`` is bound
    nowhere else, the function is defined once and every call passes the same string."""
    owner = idx.param_positions.get(name)
    if owner is None or idx.bindings.get(name) != 1 or idx.bindings.get(owner[0]) != 1:
        return None
    function, position = owner
    values: set[str] = set()
    for call, _ in idx.calls:
        if not (isinstance(call.func, ast.Name) and call.func.id == function):
            continue
        if any(isinstance(a, ast.Starred) for a in call.args) or idx.open_kwargs(call):
            return None
        given = argument(call, name, position)
        value = idx.str_const(given) if given is not None else None
        if value is None:
            return None
        values.add(value)
    return values.pop() if len(values) == 1 else None


#: Words of a variable that holds a Hub repository id, and words of one that holds a path.
_ID_WORDS = frozenset({"id", "repo", "hub", "name"})
#: ... words that, beside ``model``, name a model fetched by id (``base_model``,
#: ``pretrained_model``, ``hf_model``): the names fine-tuning scripts give a Hub id.
_HUB_MODEL_WORDS = frozenset({"base", "pretrained", "hf"})
_PATH_WORDS = frozenset(
    {"path", "dir", "folder", "ckpt", "checkpoint", "local", "output", "save", "file", "root"}
)


def _run_time_id(
    idx: ModuleIndex, site: CallSite, node: ast.expr, lists: CodeLists
) -> Iterator[Hit]:
    """A download whose repository is named at run time by a variable that says it holds a
    Hub id (``model_id``, ``repo_name``, ``params["hub_model"]``), with no revision and no
    ``local_files_only``: whatever id arrives, the Hub's current files are what loads."""
    if isinstance(node, ast.Subscript):
        key = idx.str_const(node.slice)
        name = key or ""
    elif isinstance(node, ast.Attribute):
        name = node.attr
    elif isinstance(node, ast.Name):
        name = node.id
    else:
        return
    env = _env_key(idx, node)
    if env is not None:
        name = env  # ``mid = os.environ["HF_MODEL_ID"]``: the variable's name says what it holds
    rev_literal = idx.arg(site.call, "revision")
    rev = idx.str_const(rev_literal) if rev_literal is not None else None
    if rev_literal is not None and rev is not None and _moving_ref(rev, lists):
        # whatever repository arrives, a branch or pull-request ref moves
        yield hit(
            R.UNPINNED_REVISION,
            rev_literal,
            site.cell,
            f"{site.shown} downloads the repository named by {name} at {rev!r}, a ref that "
            "moves, not a 40-character commit",
            f"{site.shown}({name}, revision={rev!r})",
            severity=Severity.MEDIUM,
        )
        return
    words = {w for w in re.split(r"[_\W]+|(?<=[a-z])(?=[A-Z])", name.lower()) if w}
    if (
        not words & (_ID_WORDS | _HUB_MODEL_WORDS)
        or words & _PATH_WORDS
        or "model" not in words | {w.removesuffix("s") for w in words}
    ):
        return
    call = site.call
    rev_node = idx.arg(call, "revision")
    if rev_node is not None:
        if idx.str_const(rev_node) is None:
            yield from _defaulted_revision(
                idx, site, f"the Hub repository named by {name}", rev_node, lists
            )
        return
    if idx.open_kwargs(call):
        return
    if idx.const(idx.arg(call, "local_files_only")) is True:
        return
    yield hit(
        R.UNPINNED_REVISION,
        call,
        site.cell,
        f"{site.shown} downloads the Hub repository named by {name} (decided at run time) "
        "without a revision: whatever that repository holds today is what loads",
        f"{site.shown}({name})",
        severity=Severity.LOW,
        confidence=Confidence.LOW,
    )


#: Git refs of a pull request (``refs/pr/7`` on the Hub, ``refs/pull/7/head`` on GitHub).
_PR_REF = re.compile(r"^refs/(?:pr|pull)/\d+(?:/head|/merge)?$")


def _moving_ref(rev: str, lists: CodeLists) -> bool:
    """A branch, or a pull request's ref: what it points at changes."""
    return rev in lists.mutable_refs or bool(_PR_REF.match(rev))


def _env_key(idx: ModuleIndex, node: ast.expr) -> str | None:
    """The environment variable ``node`` reads (``os.environ["HF_MODEL_ID"]``,
    ``os.getenv("BASE_MODEL")``, directly or through names bound once), else ``None``."""
    read = env_read(idx, node)
    if isinstance(read, ast.Call):
        return idx.str_const(argument(read, "key", 0))
    return idx.str_const(read.slice) if read is not None else None


def _defaulted_revision(
    idx: ModuleIndex, site: CallSite, repo: str, rev_node: ast.expr, lists: CodeLists
) -> Iterator[Hit]:
    """A revision read from an environment variable or a command-line option whose default
    is a branch (``revision=os.environ.get("REVISION", "main")``): wherever it is not set,
    the branch's current files load."""
    default = env_default(idx, rev_node)
    if default is None:
        default = option_default(idx, rev_node)
    rev = idx.str_const(default) if default is not None else None
    if rev is None or rev not in lists.mutable_refs:
        return
    yield hit(
        R.UNPINNED_REVISION,
        rev_node,
        site.cell,
        f"{site.shown} downloads {repo} at a revision that defaults to the branch {rev!r} "
        "(where the environment variable or option is not set), not a 40-character commit",
        f"{site.shown}(..., revision=<default {rev!r}>)",
        severity=Severity.MEDIUM,
        confidence=Confidence.MEDIUM,
    )


def _revision_hit(
    site: CallSite, repo: str, why: str, severity: Severity, *, named: bool = True
) -> Hit:
    shown = repr(repo) if named else repo
    return hit(
        R.UNPINNED_REVISION,
        site.call,
        site.cell,
        f"{site.shown} downloads {shown} {why}, not a 40-character commit",
        f"{site.shown}({repo!r})" if named else f"{site.shown}(...)",
        severity=severity,
        confidence=Confidence.HIGH if severity is Severity.MEDIUM else Confidence.MEDIUM,
    )


_OPEN_CLIP = frozenset(
    {
        "open_clip.create_model",
        "open_clip.create_model_and_transforms",
        "open_clip.create_model_from_pretrained",
    }
)


def check_named_weights(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    """timm and open_clip fetch weights by name: an ``hf-hub:`` model name, or an open_clip
    ``pretrained=`` tag, downloads whatever the Hub holds under that name today."""
    call, qn = site.call, site.qualname or ""
    if qn != "timm.create_model" and qn not in _OPEN_CLIP:
        return
    name = idx.str_const(idx.arg(call, "model_name", 0)) or ""
    pretrained = idx.const(idx.arg(call, "pretrained", 1 if qn in _OPEN_CLIP else -1))
    if name.startswith("hf-hub:") and "@" not in name:
        if qn == "timm.create_model" and pretrained is not True:
            return
        yield _revision_hit(site, name, "from the Hub without a revision", Severity.MEDIUM)
    elif (
        qn == "timm.create_model"
        and pretrained is True
        and name
        and idx.arg(call, "pretrained_cfg_overlay") is None
        and idx.arg(call, "checkpoint_path") is None
    ):
        # timm 0.9 and later fetch pretrained weights from the Hub's timm/ repositories
        yield _revision_hit(
            site, name, "by name (from the Hub's timm/ repositories, no commit)", Severity.LOW
        )
    elif qn in _OPEN_CLIP and isinstance(pretrained, str) and not _weights_file(pretrained):
        yield _revision_hit(
            site, f"{name}/{pretrained}", "by its pretrained tag (no commit)", Severity.MEDIUM
        )


def _weights_file(value: str) -> bool:
    return value.startswith((".", "/", "~")) or bool(_FILE_SUFFIX.search(value)) or "/" in value


def check_passed_deserializers(idx: ModuleIndex, lists: CodeLists) -> Iterator[Hit]:
    """``KafkaConsumer(value_deserializer=pickle.loads)``, ``map(pickle.loads, blobs)``,
    ``{"pkl": pickle.loads}``: an unpickling function handed on to be called elsewhere."""
    if not idx.fn_refs:
        return
    for node, cell in idx.fn_refs:
        qn = idx.qualname(node)
        d = lists.deserializers.get(qn or "")
        if d is None or d.check != "always":
            continue
        yield hit(
            R.BY_ID[d.rule],
            node,
            cell,
            f"{qn} is handed on as a function (a deserializer callback or table entry): "
            "whatever it is given is unpickled, and untrusted input runs code",
            f"{qn} (passed as a value)",
        )
