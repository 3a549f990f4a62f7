"""Checks for CD120-CD122: code execution on inputs (eval, shells, Jinja2 templates)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from secplan.model import Severity
from secplan.model.finding import Confidence
from secplan.scanners.code import rules_run as R
from secplan.scanners.code._hit import CallSite, Hit, hit
from secplan.scanners.code._lists import Shell
from secplan.scanners.code.pyguards import numeric_guarded
from secplan.scanners.code.pyindex import (
    MISSING,
    ModuleIndex,
    dotted_text,
    parameter_names,
    stores,
)
from secplan.scanners.code.shell_lines import shell_hits

JINJA_TEMPLATES = frozenset({"jinja2.Template", "jinja2.environment.Template"})
JINJA_ENVS = frozenset({"jinja2.Environment", "jinja2.environment.Environment"})
_EVALUATORS = {"builtins.eval": "eval", "builtins.exec": "exec", "builtins.compile": "compile"}


def check_evaluator(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    func = _EVALUATORS.get(site.qualname or "")
    if func is None or not site.call.args:
        return
    source = site.call.args[0]
    # an attribute's known value is at most a default (a request model's field, a settings
    # object's): what reaches eval at run time may be anything, so only names count as known
    known = not isinstance(source, ast.Attribute) and idx.str_const(source) is not None
    if known or isinstance(source, ast.Constant):
        return
    if func == "exec" and _own_file(idx, source):
        return
    tree = idx.trees.get(site.cell)
    if tree is not None and numeric_guarded(tree, site.call, dotted_text(source)):
        return  # a string of digits only: eval gives a number or a syntax error
    severity = Severity.MEDIUM if func == "compile" else None
    yield hit(
        R.DYNAMIC_EVAL,
        site.call,
        site.cell,
        f"{func}() of a value built at run time runs it as Python",
        f"{func}({_shape(source)})",
        severity=severity,
    )


#: Names of a receiver that hold a pandas DataFrame (``df``, ``train_df``, ``frame``).
_FRAME_NAME = re.compile(r"^(?:df|frame|dataframe)(?:_\w+)?$|_(?:df|frame)$", re.IGNORECASE)


def _frame(idx: ModuleIndex, node: ast.expr) -> bool:
    """A DataFrame: a name that says so, or what a ``pandas.read_*`` call returns."""
    if isinstance(node, ast.Name | ast.Attribute):
        name = node.id if isinstance(node, ast.Name) else node.attr
        if _FRAME_NAME.search(name):
            return True
        node = idx.value_of(node) or node
    return isinstance(node, ast.Call) and (idx.qualname(node.func) or "").startswith(
        ("pandas.read_", "pandas.DataFrame")
    )


def _looked_up(node: ast.expr) -> str | None:
    """The key of a lookup in configuration or request data (``cfg["filter_expr"]``,
    ``request.args.get("q")``), else ``None``."""
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        return str(node.slice.value)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ):
        return str(node.args[0].value)
    return None


def check_frame_eval(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    """``df.eval(cfg["expr"])``, ``df.query(request.args["q"])``, ``pandas.eval(...)`` of an
    expression read from configuration or a request: pandas evaluates it, and with the
    Python engine (or ``@``-references and attribute access) a crafted expression runs code.
    A literal expression, or one the module builds itself, is left alone."""
    func = site.call.func
    is_pandas_eval = site.qualname in (
        "pandas.eval",
        "pandas.DataFrame.eval",
        "pandas.DataFrame.query",
    )
    if not is_pandas_eval and not (
        isinstance(func, ast.Attribute)
        and func.attr in ("eval", "query")
        and _frame(idx, func.value)
    ):
        return
    source = idx.arg(site.call, "expr", 0)
    key = _looked_up(source) if source is not None else None
    typed = _typed_in(idx, source) if source is not None and key is None else None
    if key is None and typed is None and source is not None:
        typed = _run_parameter(idx, site, source)
    if key is None and typed is None:
        return
    method = func.attr if isinstance(func, ast.Attribute) else "eval"
    where = f"read from configuration or a request ({key!r})" if key else f"typed in {typed}"
    if typed and typed.startswith("the run parameter"):
        where = f"given as {typed}"
    yield hit(
        R.DYNAMIC_EVAL,
        site.call,
        site.cell,
        f"DataFrame.{method} of an expression {where}: pandas evaluates it, and a crafted "
        "expression can run code",
        f"{method}(<{key or typed}>)",
        severity=Severity.MEDIUM,
    )


def _run_parameter(idx: ModuleIndex, site: CallSite, node: ast.expr) -> str | None:
    """``"the run parameter <name>"`` when ``node`` is a parameter, never reassigned, of the
    Kubeflow Pipelines component (``@dsl.component``) the call is in: a value whoever
    submits the run chooses."""
    if not isinstance(node, ast.Name):
        return None
    fn = idx.function_at(site.cell, site.call.lineno)
    if fn is None or node.id not in parameter_names(fn):
        return None
    if not any(_is_component(idx, d) for d in fn.decorator_list) or stores(fn, node.id):
        return None
    return f"the run parameter {node.id}"


def _is_component(idx: ModuleIndex, decorator: ast.expr) -> bool:
    func = decorator.func if isinstance(decorator, ast.Call) else decorator
    qn = idx.qualname(func) or ""
    return qn.startswith("kfp.") and qn.endswith(".component")


#: Streamlit widgets whose value is text a visitor of the app types.
_TEXT_WIDGETS = (".text_input", ".text_area", ".chat_input")


def _typed_in(idx: ModuleIndex, node: ast.expr) -> str | None:
    """The web app's text widget (``st.text_input``, ``st.sidebar.text_area``) whose value
    ``node`` is, directly or through a name bound once, else ``None``."""
    if isinstance(node, ast.Name):
        node = idx.value_of(node) or node
    if not isinstance(node, ast.Call):
        return None
    qn = idx.qualname(node.func) or ""
    return qn if qn.startswith("streamlit.") and qn.endswith(_TEXT_WIDGETS) else None


#: Agent tools that run the Python a language model writes, in the agent's own process.
_CODE_TOOLS = frozenset(
    {
        "PythonREPL",
        "PythonREPLTool",
        "PythonAstREPLTool",
    }
)


def _repl_name(idx: ModuleIndex, node: ast.expr) -> bool:
    """``node`` is ``x.run`` (or ``invoke``) of a name bound to a Python REPL utility."""
    if not (isinstance(node, ast.Attribute) and node.attr in ("run", "invoke", "arun")):
        return False
    value = idx.value_of(node.value) if isinstance(node.value, ast.Name) else None
    return (
        isinstance(value, ast.Call)
        and (idx.qualname(value.func) or "").rsplit(".", 1)[-1] in _CODE_TOOLS
    )


def _wired(idx: ModuleIndex) -> bool:
    """Whether the module hands a REPL's ``run`` to a tool (``Tool(func=repl.run)``)."""
    return any(
        kw.arg == "func" and _repl_name(idx, kw.value)
        for call, _ in idx.calls
        for kw in call.keywords
    )


def check_code_tool(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    """LangChain's Python REPL utilities and tools: model-written code run unsandboxed.
    Reported where the REPL becomes an agent's tool, or where it is made when it is not
    wired up in the module."""
    name = (site.qualname or "").rsplit(".", 1)[-1]
    wiring = next(
        (kw.value for kw in site.call.keywords if kw.arg == "func" and _repl_name(idx, kw.value)),
        None,
    )
    if wiring is None and (name not in _CODE_TOOLS or (name == "PythonREPL" and _wired(idx))):
        return
    yield hit(
        R.DYNAMIC_EVAL,
        wiring if wiring is not None else site.call,
        site.cell,
        f"{site.shown} runs Python the model writes, in this process: a prompt injection in "
        "any document or page the agent reads runs code with its credentials",
        f"{site.shown}(...)",
    )


#: Query engines that have a model write pandas code and ``eval`` it (LlamaIndex).
_CODE_ENGINES = frozenset({"PandasQueryEngine"})


def check_dangerous_code(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    """An agent or chain built with ``allow_dangerous_code=True`` (LangChain's pandas, CSV,
    Spark and Python agents refuse to run the code their model writes without it), and
    LlamaIndex's ``PandasQueryEngine``, which evaluates the pandas code its model writes."""
    name = (site.qualname or site.shown).rsplit(".", 1)[-1]
    opted = any(
        kw.arg == "allow_dangerous_code" and idx.const(kw.value) is True
        for kw in site.call.keywords
    )
    if not opted and not (name in _CODE_ENGINES and (site.qualname or "").startswith("llama_")):
        return
    what = "allow_dangerous_code=True" if opted else name
    yield hit(
        R.DYNAMIC_EVAL,
        site.call,
        site.cell,
        f"{site.shown} runs the code its model writes, in this process ({what}): a prompt "
        "injection in the data or question runs code with the process's credentials",
        f"{site.shown}(..., {what})" if opted else f"{site.shown}(...)",
    )


#: Jinja expressions Airflow fills from what whoever triggers a run passes.
_TRIGGER_INPUT = re.compile(r"\{\{[^}]{0,200}?\b(?:dag_run\.conf|params)\b")


def _shell_c(idx: ModuleIndex, node: ast.expr | None) -> bool:
    """``["sh", "-c"]`` (or bash, ...): a command list whose arguments a shell runs."""
    if not isinstance(node, ast.List | ast.Tuple) or len(node.elts) < 2:
        return False
    words = [idx.str_const(e) for e in node.elts]
    first = (words[0] or "").rsplit("/", 1)[-1]
    return first in ("sh", "bash", "dash", "zsh", "ash") and words[-1] == "-c"


def check_templated_command(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    """An Airflow ``bash_command`` that renders trigger input (``{{ dag_run.conf[...] }}``,
    ``{{ params.x }}``) into the shell command line; a container spec (Kubeflow's
    ``dsl.ContainerSpec``, a Kubernetes client's ``V1Container``) whose ``command`` is
    ``sh -c`` and whose script is built at run time (a pipeline parameter in an f-string)."""
    keywords = {kw.arg: kw.value for kw in site.call.keywords if kw.arg}
    args = keywords.get("args")
    if _shell_c(idx, keywords.get("command")) and isinstance(args, ast.List | ast.Tuple):
        script = args.elts[0] if args.elts else None
        if (
            script is not None
            and idx.str_const(script) is None
            and not isinstance(script, ast.Constant)
        ):
            yield hit(
                R.SHELL_COMMAND,
                script,
                site.cell,
                f"{site.shown} runs a script built at run time through sh -c: a parameter "
                "pasted into it can run further commands",
                f"{site.shown}(command=['sh', '-c'], args=[{_shape(script)}])",
            )
    for kw in site.call.keywords:
        if kw.arg != "bash_command":
            continue
        text = idx.str_const(kw.value)
        if text is None and isinstance(kw.value, ast.JoinedStr):
            text = "".join(
                v.value
                for v in kw.value.values
                if isinstance(v, ast.Constant) and isinstance(v.value, str)
            )
        if text and _TRIGGER_INPUT.search(text):
            yield hit(
                R.SHELL_COMMAND,
                kw.value,
                site.cell,
                "the bash command renders trigger input (dag_run.conf / params) into its text: "
                "whoever triggers the DAG chooses the command",
                "bash_command='... {{ dag_run.conf[...] }} ...'",
            )


def _own_file(idx: ModuleIndex, node: ast.expr) -> bool:
    """``open("configurator.py").read()`` / ``Path("x.py").read_text()``: a file of the
    project itself, named by a relative literal path (runs like an import of it)."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return False
    if node.func.attr not in ("read", "read_text"):
        return False
    opener = node.func.value
    if not isinstance(opener, ast.Call) or not opener.args:
        return False
    name = idx.qualname(opener.func) or ""
    if name not in ("open", "builtins.open", "io.open", "pathlib.Path", "pathlib.PurePath"):
        return False
    path = idx.str_const(opener.args[0])
    return (
        path is not None
        and path.endswith(".py")
        and not path.startswith(("/", "~", "\\"))
        and ".." not in path.split("/")
    )


def _shape(node: ast.expr) -> str:
    """A safe description of an argument: its kind and, for names, the name."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return dotted_text(node) or "<attribute>"
    if isinstance(node, ast.JoinedStr):
        return "<f-string>"
    if isinstance(node, ast.Call):
        return "<call result>"
    if isinstance(node, ast.BinOp):
        return "<expression>"
    return "<value>"


def _programs(command: str) -> str:
    """Only the program names of a shell command (never its arguments, which may be secret)."""
    names = []
    for part in re.split(r"[|;&]+", command):
        words = part.split()
        if words:
            names.append(words[0].rsplit("/", 1)[-1][:40])
    return " | ".join(names[:6])


_FORMAT_FIELD = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:[1-9]\d*|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa]")
_BRACE_FIELD = re.compile(r"\{[^{}]*\}")
#: What stands for a part of a command decided at run time, in :func:`command_shape`.
RUN_TIME = "RUNTIME"


def command_shape(idx: ModuleIndex, node: ast.expr) -> str | list[str] | None:
    """A command as written, with each part decided at run time replaced by a placeholder
    word: a constant string, a ``"...%s..." % x`` or ``"...{}...".format(x)`` template, an
    f-string, or a list of arguments (else ``None``)."""
    text = idx.str_const(node)
    if text is not None:
        return text
    if isinstance(node, ast.List | ast.Tuple):
        return [idx.str_const(e) or RUN_TIME for e in node.elts]
    if isinstance(node, ast.JoinedStr):
        return "".join(
            v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else RUN_TIME
            for v in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        left = idx.str_const(node.left)
        return _FORMAT_FIELD.sub(RUN_TIME, left) if left is not None else None
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    ):
        template = idx.str_const(node.func.value)
        return _BRACE_FIELD.sub(RUN_TIME, template) if template is not None else None
    return None


def _started_servers(site: CallSite, command: ast.expr, shape: str | list[str]) -> Iterator[Hit]:
    """An ML server or dashboard the command starts on every interface without
    authentication (``mlflow models serve -h 0.0.0.0``), judged by the command-line engine
    on the command's fixed words."""
    # imported here: the command engine itself uses the code package's lists
    from secplan.scanners.platform_config.commands import check_command
    from secplan.scanners.platform_config.rules import UNAUTHENTICATED_SERVER

    for h in check_command(shape):
        if h.rule.id == UNAUTHENTICATED_SERVER.id:
            yield hit(
                R.BIND_ALL,
                command,
                site.cell,
                f"{site.shown} starts a server: {h.message}",
                f"{site.shown}: {h.evidence}"[:160],
            )
            return


def check_shell(idx: ModuleIndex, site: CallSite, spec: Shell) -> Iterator[Hit]:
    call = site.call
    confidence = None
    started = idx.arg(call, "args", 0) or idx.arg(call, "cmd", 0) or idx.arg(call, "command", 0)
    shape = command_shape(idx, started) if started is not None else None
    if started is not None and shape:
        yield from _started_servers(site, started, shape)
    if not spec.always:
        value = idx.const(idx.arg(call, "shell"))
        if idx.arg(call, "shell") is None or (value is not MISSING and not value):
            return
        if value is MISSING:
            confidence = Confidence.LOW
    command = idx.arg(call, "args", 0) or idx.arg(call, "cmd", 0) or idx.arg(call, "command", 0)
    if command is None:
        return
    text = idx.str_const(command)
    if text is None and isinstance(command, ast.List | ast.Tuple):
        parts = [idx.str_const(e) for e in command.elts]
        known = [p for p in parts if p is not None]
        text = " ".join(known) if len(known) == len(parts) else None
    how = "may run" if confidence is Confidence.LOW else "runs"
    if text is None:
        if _quoted(idx, command):
            return  # every value spliced in is quoted for the shell
        yield hit(
            R.SHELL_COMMAND,
            call,
            site.cell,
            f"{site.shown} {how} a command built at run time through a shell",
            f"{site.shown}({_shape(command)})",
            confidence=confidence,
        )
        return
    # a fixed command runs nothing from input: only a download piped into a shell is reported
    for h in shell_hits(text)[:1]:
        yield hit(
            h.rule,
            call,
            site.cell,
            f"{site.shown} pipes a download straight into an interpreter",
            _programs(text),
        )


#: For each target (``env``, ``self.env``), the Jinja2 environments assigned to it:
#: ``(line, unsafe)``, sandboxed ones with ``unsafe`` false.
JinjaEnvs = dict[str, list[tuple[int, bool]]]


_QUOTERS = frozenset({"shlex.quote", "pipes.quote", "shlex.join"})
_SHELL_C = re.compile(r"^\s*(?:/\S*/)?(?:ba|z|da|k)?sh\s+(?:-\w*\s+)*-\w*c\w*\s")
_PYTHON = re.compile(r"^(?:.*/)?python[\d.]*$")


def _quoted(idx: ModuleIndex, node: ast.expr, depth: int = 0) -> bool:
    """A command whose run-time parts all pass through ``shlex.quote`` (or ``shlex.join``);
    a name bound once (``cmd = f"tool {shlex.quote(p)}"``) is followed to its value."""
    if isinstance(node, ast.Name) and depth < 4:
        value = idx.value_of(node)
        return value is not None and _quoted(idx, value, depth + 1)
    if isinstance(node, ast.Call):
        return idx.qualname(node.func) in _QUOTERS
    if isinstance(node, ast.JoinedStr):
        return all(
            isinstance(v, ast.Constant)
            or (isinstance(v, ast.FormattedValue) and _quoted(idx, v.value))
            for v in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return all(
            idx.str_const(side) is not None or _quoted(idx, side)
            for side in (node.left, node.right)
        )
    return False


def check_shell_string(idx: ModuleIndex, node: ast.JoinedStr, cell: int | None) -> Iterator[Hit]:
    """An f-string that is a ``bash -c`` / ``sh -c`` command with values spliced in, wherever
    it goes (a job entrypoint, a remote command): a value with a quote in it runs as shell."""
    head = node.values[0] if node.values else None
    if not (isinstance(head, ast.Constant) and isinstance(head.value, str)):
        return
    if not _SHELL_C.match(head.value) or _quoted(idx, node):
        return
    if not any(isinstance(v, ast.FormattedValue) for v in node.values):
        return
    yield hit(
        R.SHELL_COMMAND,
        node,
        cell,
        "a shell -c command is built from run-time values",
        f"{head.value.split()[0]} -c <f-string>",
    )


def check_python_c(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    """``subprocess.run(["python", "-c", code])`` with ``code`` not a constant: runs Python
    that arrives at run time (model-written code, user input)."""
    if not (site.qualname or "").startswith(("subprocess.", "os.exec", "os.spawn")):
        return
    command = idx.arg(site.call, "args", 0)
    if not isinstance(command, ast.List | ast.Tuple) or len(command.elts) < 3:
        return
    words = [idx.str_const(e) for e in command.elts]
    for i in range(len(words) - 1):
        if words[i] == "-c" and words[i + 1] is None and i >= 1:
            program = words[0] or _interpreter_name(idx, command.elts[0])
            if _PYTHON.match(program) or program in ("sh", "bash", "/bin/sh", "/bin/bash"):
                yield hit(
                    R.DYNAMIC_EVAL if _PYTHON.match(program) else R.SHELL_COMMAND,
                    site.call,
                    site.cell,
                    f"{site.shown} runs {program} -c on code built at run time",
                    f"{program} -c {_shape(command.elts[i + 1])}",
                )
            return


#: Methods of an image builder in code (Modal's ``Image``) whose strings are shell commands
#: the build runs.
_BUILD_COMMAND_METHODS = frozenset({"run_commands"})


def check_build_commands(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    """``Image...run_commands("curl http://host/x.sh | bash")``: each constant command an
    image built in code runs, judged as the same line of a Dockerfile ``RUN`` would be for
    a download piped into a shell (CD303) and a transfer over plain HTTP (CD131)."""
    func = site.call.func
    if not isinstance(func, ast.Attribute) or func.attr not in _BUILD_COMMAND_METHODS:
        return
    for arg in site.call.args:
        text = idx.str_const(arg)
        if text is None:
            continue
        for h in shell_hits(text, plain_http=True):
            yield hit(h.rule, arg, site.cell, f"{func.attr}: {h.message}", h.evidence)


def _interpreter_name(idx: ModuleIndex, node: ast.expr) -> str:
    """``python`` for ``sys.executable`` (the running interpreter), else ``""``."""
    return "python" if idx.qualname(node) == "sys.executable" else ""


def jinja_envs(idx: ModuleIndex) -> JinjaEnvs:
    """Targets assigned a Jinja2 Environment, sandboxed or not, with the lines."""
    if not any(
        isinstance(c.func, ast.Attribute) and c.func.attr == "from_string" for c, _ in idx.calls
    ):
        return {}
    out: JinjaEnvs = {}
    for target, call in idx.env_candidates:
        name = dotted_text(target)
        qn = idx.qualname(call.func) or ""
        if name and (qn in JINJA_ENVS or qn.endswith("SandboxedEnvironment")):
            out.setdefault(name, []).append((call.lineno, qn in JINJA_ENVS))
    return out


def _unsafe_env(envs: JinjaEnvs, name: str | None, line: int) -> bool:
    """The environment last assigned to ``name`` before ``line`` is not sandboxed (when all
    assignments come later, any unsafe one counts)."""
    found = envs.get(name or "", [])
    before = [e for e in found if e[0] <= line]
    if before:
        return max(before)[1]
    return any(unsafe for _, unsafe in found)


def check_jinja(idx: ModuleIndex, site: CallSite, envs: JinjaEnvs) -> Iterator[Hit]:
    call = site.call
    if site.qualname in JINJA_TEMPLATES:
        source = idx.arg(call, "source", 0)
    elif isinstance(call.func, ast.Attribute) and call.func.attr == "from_string":
        receiver = call.func.value
        unsafe = (
            isinstance(receiver, ast.Call) and idx.qualname(receiver.func) in JINJA_ENVS
        ) or _unsafe_env(envs, dotted_text(receiver), call.lineno)
        if not unsafe:
            return
        source = idx.arg(call, "source", 0)
    else:
        return
    if source is None or idx.str_const(source) is not None:
        return
    chat = "chat_template" in ast.dump(source)
    what = "a model's chat_template" if chat else "a template built at run time"
    yield hit(
        R.UNSANDBOXED_TEMPLATE,
        call,
        site.cell,
        f"{site.shown} compiles {what} outside a Jinja2 sandbox",
        f"{site.shown}({_shape(source)})",
        severity=Severity.HIGH if chat else None,
    )
