"""Python analysis: parse once, index in one walk, run every Python rule over the index.

>>> hits = analyze_source("import yaml\\ncfg = yaml.load(open('c.yml'), Loader=yaml.Loader)\\n")
>>> [(h.rule.id, h.line) for h in hits]
[('CD106', 2)]
>>> analyze_source("# pickle.load(f) in a comment\\ns = 'torch.load(x)'\\n")
[]
"""

from __future__ import annotations

import ast
import gc
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from secplan.scanners.code._hit import CallSite, Hit
from secplan.scanners.code._lists import CodeLists, code_lists
from secplan.scanners.code.checks_expose import EXPOSING_CALLS, check_exposure
from secplan.scanners.code.checks_load import (
    check_deserializer,
    check_hub_download,
    check_named_weights,
    check_passed_deserializers,
    check_torch_hub,
    check_trust_dict,
    check_trust_remote_code,
    hub_spec,
)
from secplan.scanners.code.checks_net import (
    ENDPOINT_EVIDENCE,
    check_assign,
    check_param_defaults,
    check_ref,
    check_serving,
    check_settings_fields,
    check_streamlit,
    check_url_call,
    check_url_dict,
)
from secplan.scanners.code.checks_rpc import GRPC_METHODS, GRPC_PREFIXES, check_grpc
from secplan.scanners.code.checks_run import (
    JinjaEnvs,
    check_build_commands,
    check_code_tool,
    check_dangerous_code,
    check_evaluator,
    check_frame_eval,
    check_jinja,
    check_python_c,
    check_shell,
    check_shell_string,
    check_templated_command,
    jinja_envs,
)
from secplan.scanners.code.checks_tls import (
    SETTING_METHODS,
    TLS_DICT_KEYS,
    check_setting_pair,
    check_tls_assign,
    check_tls_call,
    check_tls_dict,
    check_uri_call,
)
from secplan.scanners.code.pyindex import DICT_KEYS, ModuleIndex, dotted_text, terminal
from secplan.scanners.code.rules_run import PLAINTEXT_URL, SHELL_COMMAND

#: Python files larger than this are not parsed (secrets are still looked for).
MAX_PYTHON_BYTES = 4 << 20


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building syntax trees.

    A tree holds no reference cycles, so collections triggered by its many allocations find
    nothing to free; pausing them makes parsing about a third faster. Reference counting goes
    on as usual, and the collector's previous state is restored.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse(text: str, filename: str = "<source>") -> ast.Module | str:
    """The syntax tree of ``text``, or why it has none (never raises for bad input)."""
    try:
        with warnings.catch_warnings(), cyclic_gc_paused():
            warnings.simplefilter("ignore")  # invalid escapes etc. are the project's business
            return ast.parse(text, filename=filename)
    except SyntaxError as exc:
        return f"not valid Python 3 syntax (line {exc.lineno}: {exc.msg})"
    except (ValueError, RecursionError, MemoryError, OverflowError) as exc:
        return f"cannot be parsed ({type(exc).__name__})"


def new_index(lists: CodeLists | None = None) -> ModuleIndex:
    lists = lists or code_lists()
    qualified = frozenset(n for n in lists.auth_names if "." in n)
    return ModuleIndex(
        conventional=dict(lists.conventional_aliases),
        auth_imports=lists.auth_imports,
        auth_names=frozenset(n for n in lists.auth_names if "." not in n),
        auth_qualnames=qualified,
        auth_attrs=frozenset(q.rsplit(".", 1)[1] for q in qualified),
        dict_keys=DICT_KEYS | TLS_DICT_KEYS,
    )


def _call_hits(
    idx: ModuleIndex, site: CallSite, lists: CodeLists, envs: JinjaEnvs
) -> Iterator[Hit]:
    qn = site.qualname
    if qn is not None:
        spec = lists.deserializers.get(qn)
        if spec is not None:
            yield from check_deserializer(idx, site, spec)
        shell = lists.shells.get(qn)
        if shell is not None:
            yield from check_shell(idx, site, shell)
        if qn.startswith("builtins."):
            yield from check_evaluator(idx, site)
        if qn.startswith(("langchain", "langchain_experimental.")):
            yield from check_code_tool(idx, site)
        if qn.startswith(("subprocess.", "os.")):
            yield from check_python_c(idx, site)
        if qn.startswith("torch.hub."):
            yield from check_torch_hub(idx, site, lists)
        if qn.startswith(("timm.", "open_clip.")):
            yield from check_named_weights(idx, site)
        if qn in EXPOSING_CALLS:
            yield from check_exposure(idx, site)
    hub = hub_spec(lists, site)
    if hub is not None:
        yield from check_hub_download(idx, site, hub, lists)
    if site.call.keywords or (qn or "").startswith("llama_"):
        yield from check_dangerous_code(idx, site)
    if site.call.keywords:
        yield from check_trust_remote_code(idx, site)
        yield from check_templated_command(idx, site)
        yield from check_tls_call(idx, site)
    yield from check_frame_eval(idx, site)
    if site.call.args or site.call.keywords:
        yield from check_uri_call(idx, site)
    yield from check_serving(idx, site)
    yield from check_url_call(idx, site, lists)
    func = site.call.func
    method = func.attr if isinstance(func, ast.Attribute) else ""
    if (qn is not None and qn.startswith(GRPC_PREFIXES)) or method in GRPC_METHODS:
        yield from check_grpc(idx, site)
    if method in SETTING_METHODS:
        yield from check_setting_pair(idx, site)
    if method == "run_commands":
        yield from check_build_commands(idx, site)
    yield from check_jinja(idx, site, envs)


def analyze(idx: ModuleIndex, lists: CodeLists | None = None) -> list[Hit]:
    """Every Python rule over an index; hits sorted by cell, line, column and rule."""
    lists = lists or code_lists()
    envs = jinja_envs(idx)
    hits: list[Hit] = []
    for call, cell in idx.calls:
        qn = idx.qualname(call.func)
        shown = qn or dotted_text(call.func) or terminal(call.func) or "call"
        site = CallSite(call=call, cell=cell, qualname=qn, shown=shown)
        hits.extend(_call_hits(idx, site, lists, envs))
    for node, cell in idx.dicts:
        hits.extend(check_trust_dict(idx, node, cell))
        hits.extend(check_tls_dict(idx, node, cell))
        hits.extend(check_url_dict(idx, node, cell))
    for target, value, cell in idx.assigns:
        hits.extend(check_assign(idx, target, value, cell, lists))
        hits.extend(check_tls_assign(idx, target, value, cell))
    for ref, cell in idx.refs:
        hits.extend(check_ref(idx, ref, cell))
    hits.extend(check_passed_deserializers(idx, lists))
    hits.extend(check_streamlit(idx))
    hits.extend(check_settings_fields(idx))
    hits.extend(check_param_defaults(idx))
    shells = {(h.cell, h.line) for h in hits if h.rule.id == SHELL_COMMAND.id}
    for fstring, where in idx.shell_strings:
        found = check_shell_string(idx, fstring, where)
        hits.extend(h for h in found if (where, h.line) not in shells)
    return _unique(_endpoints_once(hits))


def _endpoints_once(hits: list[Hit]) -> list[Hit]:
    """A constant's plain-HTTP address is reported where it is set only when no call that
    uses it is reported: one finding for one address."""
    used = [
        h.evidence.rstrip("…")
        for h in hits
        if h.rule.id == PLAINTEXT_URL.id and not ENDPOINT_EVIDENCE.match(h.evidence)
    ]
    out = []
    for h in hits:
        m = ENDPOINT_EVIDENCE.match(h.evidence) if h.rule.id == PLAINTEXT_URL.id else None
        if m is not None and any(u and m.group(1).startswith(u) for u in used):
            continue
        out.append(h)
    return out


def _unique(hits: Iterable[Hit]) -> list[Hit]:
    seen: dict[tuple[str, int | None, int, int], Hit] = {}
    for h in hits:
        seen.setdefault((h.rule.id, h.cell, h.line, h.column), h)
    return sorted(seen.values(), key=lambda h: (h.cell or 0, h.line, h.column, h.rule.id))


def analyze_source(text: str) -> list[Hit]:
    """Parse and analyze one module's text; ``[]`` when it does not parse."""
    tree = parse(text)
    if isinstance(tree, str):
        return []
    idx = new_index()
    idx.add(tree)
    return analyze(idx)
