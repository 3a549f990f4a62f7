"""The command-line rules, one engine for every place a command appears: shell scripts,
Dockerfile ``RUN``/``CMD``/``ENTRYPOINT``, compose ``command``/``entrypoint``, Kubernetes
``command``/``args``, notebook shell lines and fixed commands in Python code.

A command is parsed by :mod:`.shell` (quotes, pipes, ``&&``, ``;``, substitutions,
``VAR=x``/``sudo``/``exec``/``nohup`` wrappers; ``bash -c``/``eval`` strings are parsed again)
and every simple command is checked for ML servers started unsafely (:mod:`.servers`),
downloads piped into an interpreter, certificate checks turned off, package indexes reached
without TLS, and world-writable permissions. Environment assignments are checked for
variables that turn certificate checks off or point ML tools at plain-HTTP servers.

>>> [h.rule.id for h in check_command("jupyter lab --ip=0.0.0.0 --ServerApp.token='' --allow-root")]
['CF117', 'CF119']
>>> [h.rule.id for h in check_command("curl -fsSL https://get.example.org | sudo -E bash -")]
['CF103']
>>> check_command("curl -s https://api.example.org/v1/x | python3 -c 'import json,sys'")
[]
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Iterator, Sequence

from secplan.model import Confidence
from secplan.scanners.code._lists import code_lists
from secplan.scanners.code.checks_net import (
    address_host,
    is_local_host,
    plain_http_host,
    shown_url,
    tls_env_disables,
)
from secplan.scanners.code.rules_load import UNPINNED_REVISION
from secplan.scanners.code.rules_run import PLAINTEXT_GRPC, PLAINTEXT_URL
from secplan.scanners.deps.rules import INSECURE_INDEX
from secplan.scanners.platform_config.containerrun import CONTAINER_RUN_RULES, container_run_hits
from secplan.scanners.platform_config.permissions import world_writable
from secplan.scanners.platform_config.rules import (
    ALL_INTERFACES,
    MANAGEMENT_API_EXPOSED,
    PASSWORDLESS_SUDO,
    PIPED_SCRIPT,
    REMOTE_CODE_TRUSTED,
    ROOT_NOTEBOOK,
    UNAUTHENTICATED_SERVER,
    UNVERIFIED_TLS_DOWNLOAD,
    WORLD_WRITABLE,
)
from secplan.scanners.platform_config.servers import (
    Hit,
    hub_url_hits,
    model_pin_hits,
    server_hits,
)
from secplan.scanners.platform_config.shell import (
    PLACEHOLDER,
    Command,
    Line,
    assignment,
    parse,
    unwrap,
)
from secplan.scanners.platform_config.tlsflags import tls_off

MAX_COMMAND = 64 << 10
#: Every rule the command engine reports.
COMMAND_RULES = (
    PIPED_SCRIPT,
    UNAUTHENTICATED_SERVER,
    ALL_INTERFACES,
    ROOT_NOTEBOOK,
    MANAGEMENT_API_EXPOSED,
    REMOTE_CODE_TRUSTED,
    UNVERIFIED_TLS_DOWNLOAD,
    WORLD_WRITABLE,
    INSECURE_INDEX,
    PLAINTEXT_URL,
    PASSWORDLESS_SUDO,
    UNPINNED_REVISION,
    PLAINTEXT_GRPC,
    *CONTAINER_RUN_RULES,
)
_SHELLS = frozenset({"sh", "bash", "zsh", "dash", "ksh", "ash", "mksh"})
_SOURCES = frozenset({"source", ".", "eval"})
_SHELL_VALUED = frozenset({"-o", "+o", "-O", "+O", "--rcfile", "--init-file"})
_PYTHON_VALUED = frozenset({"-W", "-X", "-Q"})
_DECLARE = frozenset({"export", "declare", "typeset", "readonly", "local"})
_PIP_INDEX = frozenset(
    {"-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--index", "--default-index"}
)


_PYTHON = re.compile(r"^python(?:\d+(?:\.\d+)*)?$")
_PIP = re.compile(r"^pip(?:\d+(?:\.\d+)*)?$")


def _is_python(program: str) -> bool:
    return bool(_PYTHON.match(program))


def _interpreter(cmd: Command) -> str:
    prog = cmd.program
    if prog in _SHELLS:
        return "shell"
    if _is_python(prog):
        return "python"
    return "source" if prog in _SOURCES else ""


def _operands(args: Sequence[str], valued: frozenset[str]) -> tuple[list[str], set[str]]:
    """Non-option words of an interpreter's arguments, and the short flags it was given."""
    flags: set[str] = set()
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in ("-", "--") or not arg.startswith(("-", "+")) or len(arg) == 1:
            return list(args[i + 1 :] if arg == "--" else args[i:]), flags
        if arg.startswith("-") and not arg.startswith("--"):
            flags.update(arg[1:])
        i += 2 if arg in valued else 1
    return [], flags


def _runs_stdin(cmd: Command) -> bool:
    """Whether an interpreter runs what arrives on its standard input."""
    kind = _interpreter(cmd)
    if kind not in ("shell", "python"):
        return False
    operands, flags = _operands(cmd.argv[1:], _SHELL_VALUED if kind == "shell" else _PYTHON_VALUED)
    if "c" in flags or (kind == "python" and "m" in flags):
        return False
    return not operands or operands[0] == "-" or (kind == "shell" and "s" in flags)


def _downloads(cmd: Command) -> bool:
    """A ``curl``/``wget`` that writes what it fetches to standard output."""
    if cmd.program == "curl":
        return not _curl_to_file(cmd.argv[1:])
    if cmd.program not in ("wget", "wget2"):
        return False
    args = cmd.argv[1:]
    for i, arg in enumerate(args):
        if arg in ("-O", "--output-document") and i + 1 < len(args) and args[i + 1] == "-":
            return True
        if arg in ("--output-document=-", "-O-") or (
            arg.startswith("-") and not arg.startswith("--") and arg.endswith("O-")
        ):
            return True
    return False


def _curl_to_file(args: Sequence[str]) -> bool:
    for i, arg in enumerate(args):
        if arg in ("-o", "--output"):
            return args[i + 1 : i + 2] != ("-",) and list(args[i + 1 : i + 2]) != ["-"]
        if arg in ("-O", "--remote-name", "--remote-name-all"):
            return True
        if arg[:1] == "-" and arg[1:2] != "-" and len(arg) > 2 and ("o" in arg or "O" in arg):
            return True
    return False


def _fetches(line: Line | None) -> bool:
    return line is not None and any(_downloads(c) for c in line.commands())


def _piped(line: Line) -> Iterator[Hit]:
    for pipeline in line.all_pipelines():
        for i, cmd in enumerate(pipeline):
            if not _downloads(cmd):
                continue
            target = next((c for c in pipeline[i + 1 :] if _runs_stdin(c)), None)
            if target is not None:
                yield _pipe_hit(cmd, target)
                break
    for cmd in line.commands():
        if _interpreter(cmd) and any(_fetches(line.substitution(a)) for a in cmd.argv[1:]):
            yield Hit(
                PIPED_SCRIPT,
                "a downloaded script is run straight from a substitution",
                f"{cmd.program} $(curl ...)",
            )


def _pipe_hit(source: Command, target: Command) -> Hit:
    return Hit(
        PIPED_SCRIPT,
        "a downloaded script is piped into an interpreter",
        f"{source.program} ... | {target.program}",
    )


#: Words of an option that names the server a client talks to (``--address``,
#: ``--tracking-uri``, ``--endpoint-url``...).
_SERVER_OPTION = re.compile(r"^--?[\w.-]*(address|uri|url|endpoint|server|host|registry)[\w-]*$")


#: Variables that hold the machine's own name (``$(hostname)`` is read from its substitution).
_OWN_HOST_VARIABLES = re.compile(r"^\$\{?(?:HOSTNAME|HOST|SLURMD_NODENAME|NODE_NAME)\}?$")


def _own_host(url: str, line: Line | None) -> bool:
    """Whether ``url`` names the machine the command runs on: ``http://$(hostname):8000``,
    ``http://${HOSTNAME}:8000``, ``$SLURMD_NODENAME`` (a batch job's own compute node)."""
    authority = url.split("://", 1)[-1].split("/", 1)[0]
    host = authority.rsplit("@", 1)[-1]
    host = host.split(":", 1)[0] if not host.startswith("[") else host
    if _OWN_HOST_VARIABLES.match(host):
        return True
    sub = line.substitution(host) if line is not None else None
    return sub is not None and [c.program for c in sub.commands()][:1] == ["hostname"]


def _shown(url: str) -> str:
    return PLACEHOLDER.sub("$(...)", shown_url(url))


def _plain_download(cmd: Command, line: Line | None = None) -> str:
    """The first ``http://`` URL (not local, not in the cluster) that curl or wget fetches or
    sends to, or that another client is pointed at with a server option (``ray job submit
    --address http://...``); ``""`` when none."""
    args = cmd.argv[1:]
    if cmd.program == "mc" and list(args[:2]) in (["alias", "set"], ["config", "host"]):
        url = next((a for a in args[2:] if "://" in a), "")
        return f"mc alias set {shown_url(url)}" if plain_http_host(url) is not None else ""
    if cmd.program not in ("curl", "wget", "wget2"):
        if cmd.program in _PIP_PROGRAMS or _pip_args(cmd) is not None:
            return ""  # package indexes are DP108's
        for i, arg in enumerate(args):
            name, eq, value = arg.partition("=")
            if not eq:
                value = args[i + 1] if i + 1 < len(args) else ""
            if (
                _SERVER_OPTION.match(name.lower())
                and plain_http_host(value) is not None
                and not _own_host(value, line)
            ):
                return f"{name} {_shown(value)}"
        return ""
    for arg in args:
        for word in (arg, arg.partition("=")[2]):
            if plain_http_host(word) is not None and not _own_host(word, line):
                return f"{cmd.program} {_shown(word)}"
    return ""


_PIP_PROGRAMS = frozenset({"pip", "pip3", "uv", "conda", "mamba", "poetry", "pipenv", "twine"})


def _pip_args(cmd: Command) -> list[str] | None:
    """The arguments of a pip (or ``python -m pip``, ``uv pip``) command, else ``None``."""
    argv = list(cmd.argv)
    prog = cmd.program
    if _is_python(prog) and argv[1:3] == ["-m", "pip"]:
        return argv[3:]
    if prog == "uv" and argv[1:2] == ["pip"]:
        return argv[2:]
    if _PIP.match(prog):
        return argv[1:]
    return None


def _index_problems(args: Sequence[str]) -> Iterator[str]:
    for i, arg in enumerate(args):
        name, eq, value = arg.partition("=")
        if not eq:
            name, value = arg, args[i + 1] if i + 1 < len(args) else ""
        if name == "--trusted-host" and value and not is_local_host(address_host(value)):
            yield f"--trusted-host {value[:80]}"
        elif name in _PIP_INDEX and plain_http_host(value, cluster=False) is not None:
            yield f"{name} {shown_url(value)}"
        elif name in ("global.trusted-host", "install.trusted-host") and value:
            yield f"{name} {value[:80]}"
        elif name in ("global.index-url", "global.extra-index-url") and plain_http_host(
            value, cluster=False
        ):
            yield f"{name} {shown_url(value)}"


def _command_hits(cmd: Command, env: Collection[str], line: Line | None = None) -> Iterator[Hit]:
    for name, value in cmd.assignments:
        yield from check_env(name, value)
    if not cmd.argv:
        return
    if cmd.program in _DECLARE:
        for word in cmd.argv[1:]:
            pair = assignment(word)
            if pair is not None:
                yield from check_env(*pair)
        return
    yield from server_hits(cmd.argv, [*env, *(n for n, _ in cmd.assignments)])
    yield from container_run_hits(cmd.argv)
    why = tls_off(cmd.argv)
    if why:
        yield Hit(UNVERIFIED_TLS_DOWNLOAD, f"{why} fetches without checking certificates", why)
    if cmd.program in ("curl", "wget", "wget2"):
        for arg in cmd.argv[1:]:
            yield from hub_url_hits(arg, cmd.program)
    plain = _plain_download(cmd, line)
    if plain:
        yield Hit(
            PLAINTEXT_URL,
            "transfer over plain HTTP: what arrives (weights, scripts, data) can be read and "
            "replaced on the way",
            plain,
        )
    pip = _pip_args(cmd)
    if pip is not None:
        for problem in _index_problems(pip):
            yield Hit(INSECURE_INDEX, "pip reaches a package index without TLS checks", problem)
    elif not plain:
        yield from _service_options(cmd.argv)
    perms = world_writable(cmd.argv)
    if perms is not None:
        yield perms
    grant = next((w for w in cmd.argv[1:] if _SUDOERS_GRANT.search(w)), None)
    if grant is not None:
        yield Hit(PASSWORDLESS_SUDO, "a sudoers rule grants sudo without a password", grant[:120])


#: Words of a command line read for options naming a service.
MAX_OPTIONS = 200


def _service_options(argv: Sequence[str]) -> Iterator[Hit]:
    """An option named for a service's address (``--feast-url``, ``--tracking_uri``) given a
    plain-HTTP URL on a host outside the machine and the cluster: the program talks to
    that service in clear. Reported once per command."""
    for i, arg in enumerate(argv[:MAX_OPTIONS]):  # a container's args may start with one
        if not arg.startswith("--"):
            continue
        name, eq, value = arg.partition("=")
        if not eq:
            value = argv[i + 1] if i + 1 < len(argv) else ""
        if not value.startswith("http://") or "$" in value or "\x00" in value:
            continue  # a host the shell fills in ($(hostname)): judged by what it holds
        hits = service_url_hits(name.lstrip("-"), value)
        if hits:
            shown = f"{name} {shown_url(value)}"
            yield dataclasses.replace(hits[0], evidence=shown)
            return


_YES = frozenset({"1", "yes", "true", "on"})
_SUDOERS_GRANT = re.compile(r"\bNOPASSWD\s*:")


#: Airflow's setting of the REST API's authentication backends, and the backend that
#: allows every request (``airflow.api.auth.backend.default``).
_AIRFLOW_API_AUTH = frozenset({"AIRFLOW__API__AUTH_BACKENDS", "AIRFLOW__API__AUTH_BACKEND"})
_NO_AUTH_BACKEND = re.compile(r"(^|[\s,])airflow\.api\.auth\.backend\.default\s*($|,)")


def _server_env(name: str, value: str) -> list[Hit]:
    """Settings of ML servers made through their environment: a notebook user given sudo,
    Jupyter's token emptied, Ollama (no authentication of its own) on every interface."""
    plain = value.strip().strip("'\"").strip()
    if name == "GRANT_SUDO" and plain.lower() in _YES:
        return [
            Hit(
                PASSWORDLESS_SUDO,
                "GRANT_SUDO gives the notebook user passwordless sudo",
                f"GRANT_SUDO={plain}",
            )
        ]
    if name in _AIRFLOW_API_AUTH and _NO_AUTH_BACKEND.search(plain):
        return [
            Hit(
                UNAUTHENTICATED_SERVER,
                "the Airflow REST API lets every request in (auth backend `default`): "
                "anyone who reaches the webserver triggers DAGs and reads connections",
                f"{name}={plain[:100]}",
            )
        ]
    if (
        name in ("TS_DISABLE_TOKEN_AUTHORIZATION", "TS_DISABLE_TOKEN_AUTH")
        and plain.lower() in _YES
    ):
        return [
            Hit(
                UNAUTHENTICATED_SERVER,
                "TorchServe token authorization is disabled",
                f"{name}={plain}",
            )
        ]
    if trusts_remote_code(name, plain):
        return [
            Hit(
                REMOTE_CODE_TRUSTED,
                f"{name} is on: the model server runs the code shipped with the model",
                f"{name}={plain}",
            )
        ]
    if name == "JUPYTER_TOKEN" and not plain:
        return [
            Hit(UNAUTHENTICATED_SERVER, "JUPYTER_TOKEN is set empty: no token", "JUPYTER_TOKEN=''")
        ]
    if name in ("GRADIO_SERVER_NAME", "STREAMLIT_SERVER_ADDRESS") and plain in _ANY_HOST - {""}:
        app = "Gradio" if name.startswith("GRADIO") else "Streamlit"
        return [
            Hit(
                UNAUTHENTICATED_SERVER,
                f"{name} puts the {app} app on every interface; no authentication is visible "
                "where it is set",
                f"{name}={plain}",
                confidence=Confidence.LOW,
            )
        ]
    if name == "OLLAMA_HOST" and plain.rsplit(":", 1)[0].removeprefix("http://") in _ANY_HOST:
        return [
            Hit(
                UNAUTHENTICATED_SERVER,
                "Ollama (no authentication of its own) listens on every interface",
                f"OLLAMA_HOST={plain}",
            )
        ]
    return []


_ANY_HOST = frozenset({"0.0.0.0", "[::]", "::", "*", ""})  # noqa: S104 (what we look for)


#: pip's and uv's settings of where packages come from, as environment variables.
_INDEX_ENV = frozenset(
    {
        "PIP_INDEX_URL",
        "PIP_EXTRA_INDEX_URL",
        "PIP_FIND_LINKS",
        "UV_INDEX_URL",
        "UV_INDEX",
        "UV_EXTRA_INDEX_URL",
        "UV_DEFAULT_INDEX",
        "PIP_TRUSTED_HOST",
        "UV_INSECURE_HOST",
    }
)


def _index_env(name: str, value: str) -> list[Hit]:
    plain = value.strip().strip("'\"")
    if name in ("PIP_TRUSTED_HOST", "UV_INSECURE_HOST") and plain:
        hosts = [h for h in plain.split() if not is_local_host(address_host(h))]
        problem = f"{name}={' '.join(hosts)[:80]}" if hosts else ""
    else:
        urls = [u for u in plain.split() if plain_http_host(u, cluster=False) is not None]
        problem = f"{name}={shown_url(urls[0])}" if urls else ""
    if not problem:
        return []
    return [Hit(INSECURE_INDEX, "pip reaches a package index without TLS checks", problem)]


#: Settings, by the end of their name with case and separators dropped, that make a client
#: reach its storage or service without TLS when off: KServe's ``s3-usehttps`` annotation
#: and ``S3_USE_HTTPS``, boto's and django-storages' ``AWS_S3_USE_SSL``, ``use_tls``.
_PLAIN_WHEN_OFF = (
    "usehttps",
    "usessl",
    "usetls",
    "s3secure",
    "miniosecure",
    "connectionsslenabled",  # Hadoop S3A: fs.s3a.connection.ssl.enabled
)
#: ... and that turn its certificate checks off when off (``s3-verifyssl: "0"``,
#: ``S3_VERIFY_SSL=0``, ``ssl_verify: false``) or when on (``insecureSkipVerify: true``).
_VERIFY_WHEN_OFF = ("verifyssl", "sslverify", "verifytls", "tlsverify", "verifycert")
_INSECURE_WHEN_ON = ("insecureskipverify", "skiptlsverify", "tlsinsecure", "sslinsecure")
_SETTING_OFF = frozenset({"0", "false", "no", "off", "n"})
_SETTING_ON = frozenset({"1", "true", "yes", "on", "y"})


def tls_setting_hits(name: str, value: object) -> list[Hit]:
    """Hits for a setting (an environment variable, an annotation, a configuration key)
    that turns a client's TLS, or its certificate checks, off.

    >>> [h.rule.id for h in tls_setting_hits("serving.kserve.io/s3-usehttps", "0")]
    ['CD131']
    >>> [h.rule.id for h in tls_setting_hits("S3_VERIFY_SSL", "0")]
    ['CF123']
    >>> tls_setting_hits("S3_USE_HTTPS", "1"), tls_setting_hits("MAIL_USE_SSL", "False")
    ([], [])
    """
    squashed = re.sub(r"[^a-z0-9]", "", str(name).lower())
    if isinstance(value, bool):
        plain = "true" if value else "false"
    else:
        plain = str(value).strip().strip("'\"").strip().lower()
    shown = f"{name}={value!r}"[:120]
    mail = "mail" in squashed or "smtp" in squashed  # MAIL_USE_SSL=False beside STARTTLS
    if squashed.endswith(_PLAIN_WHEN_OFF) and plain in _SETTING_OFF and not mail:
        return [
            Hit(
                PLAINTEXT_URL,
                f"{name} set to {value!r} makes the client reach its service or storage "
                "over plain HTTP: data and credentials cross the network in clear",
                shown,
            )
        ]
    if (squashed.endswith(_VERIFY_WHEN_OFF) and plain in _SETTING_OFF) or (
        squashed.endswith(_INSECURE_WHEN_ON) and plain in _SETTING_ON
    ):
        return [
            Hit(
                UNVERIFIED_TLS_DOWNLOAD,
                f"{name} set to {value!r} turns certificate checks off",
                shown,
            )
        ]
    return []


def trusts_remote_code(name: str, value: object) -> bool:
    """A setting named ``trust_remote_code`` (``TRUST_REMOTE_CODE``,
    ``HF_MODEL_TRUST_REMOTE_CODE``, ``trustRemoteCode``...) that is on."""
    squashed = re.sub(r"[^a-z0-9]", "", str(name).lower())
    on = value is True or str(value).strip().strip("'\"").strip().lower() in _SETTING_ON
    return squashed.endswith("trustremotecode") and on


def config_setting_hits(name: str, value: object) -> list[Hit]:
    """Hits for a key of a configuration file: TLS or certificate checks off
    (:func:`tls_setting_hits`), or the model's own code trusted (``trust_remote_code:
    true`` in a training or serving configuration)."""
    if trusts_remote_code(name, value):
        return [
            Hit(
                REMOTE_CODE_TRUSTED,
                f"{name} is on: loading the model runs the code shipped with it",
                f"{name}: {value}"[:120],
            )
        ]
    return tls_setting_hits(name, value)


#: Environment variables that name the Hub model a server downloads at start (TGI's
#: ``MODEL_ID``, the Hugging Face inference containers' ``HF_MODEL_ID``), and those that pin
#: its revision.
MODEL_ENV = ("MODEL_ID", "HF_MODEL_ID", "HF_MODEL", "BASE_MODEL", "MODEL_NAME_OR_PATH")
REVISION_ENV = ("REVISION", "HF_MODEL_REVISION", "MODEL_REVISION", "HF_REVISION")


def model_env_hits(env: dict[str, object]) -> list[tuple[str, Hit]]:
    """``(variable, hit)`` for a server's model set in its environment (``MODEL_ID``) with no
    commit in a revision variable beside it.

    >>> [(n, h.rule.id) for n, h in model_env_hits({"MODEL_ID": "org/m"})]
    [('MODEL_ID', 'CD112')]
    >>> model_env_hits({"MODEL_ID": "org/m", "REVISION": "0123456789" * 4})
    []
    """
    revision = next((str(env[k]).strip() for k in REVISION_ENV if env.get(k) is not None), None)
    hits = []
    for name in MODEL_ENV:
        value = env.get(name)
        if isinstance(value, str) and value.strip():
            for hit in model_pin_hits(value.strip().strip("'\""), revision, f"{name} (server)"):
                hits.append((name, hit))
    return hits


#: Words of a variable's name that say it holds the address of a service (``MODEL_STORE``,
#: ``FEATURE_API``, ``S3_ENDPOINT``...); proxies are left out (HTTPS goes through them
#: encrypted).
_SERVICE_ENV_WORDS = frozenset(
    {
        "url",
        "uri",
        "endpoint",
        "host",
        "server",
        "addr",
        "address",
        "api",
        "store",
        "registry",
        "tracking",
        "upstream",
        "backend",
        "service",
        "svc",
        "gateway",
        "webhook",
        "collector",
        "base",
        "storage",
        "artifact",
        "artifacts",
        "db",
        "database",
        "broker",
        "mirror",
        "sink",
        "exporter",
    }
)
_LINK_ENV_WORDS = frozenset(
    {"proxy", "homepage", "docs", "doc", "website", "site", "schema", "repo", "image", "logo"}
)


def service_url_hits(name: str, value: str) -> list[Hit]:
    """A variable whose name says it holds a service's address, set to a plain-HTTP URL on a
    host outside the machine and the cluster."""
    words = set(re.split(r"[_.\-]+", name.lower()))
    if not words & _SERVICE_ENV_WORDS or words & _LINK_ENV_WORDS:
        return []
    url = value.strip().strip("'\"")
    if not plain_http_host(url):  # local, cluster-local, or not written literally
        return []
    return [
        Hit(
            PLAINTEXT_URL,
            f"{name} points at a plain-HTTP service: traffic can be read and changed",
            f"{name}={shown_url(url)}",
        )
    ]


def check_env(name: str, value: str, *, services: bool = False) -> list[Hit]:
    """Hits for setting environment variable ``name`` to ``value`` (a literal).

    ``services``: also any variable whose name says it holds a service's address
    (``MODEL_STORE``, ``FEATURE_API``) set to a plain-HTTP URL, for the environment of the
    application itself (a pod, a compose service, an image, a ``.env`` file); CI jobs and
    one-off commands are judged on the known variables only."""
    server = _server_env(name, value)
    if server:
        return server
    if name in _INDEX_ENV:
        return _index_env(name, value)
    setting = tls_setting_hits(name, value)
    if setting:
        return setting
    lists = code_lists()
    if name in lists.tls_env and tls_env_disables(name, value):
        return [
            Hit(
                UNVERIFIED_TLS_DOWNLOAD,
                f"setting {name} to {value!r} turns certificate checks off",
                f"{name}={value!r}"[:120],
            )
        ]
    category = lists.url_env.get(name)
    host = plain_http_host(value.strip()) if category else None
    if category and host is not None:
        return [
            Hit(
                PLAINTEXT_URL,
                f"{name} points {category} traffic at a plain-HTTP server",
                f"{name}={shown_url(value.strip())}",
            )
        ]
    if services and name not in lists.tls_env and category is None:
        return service_url_hits(name, value)
    return []


#: ``ssh`` options that take a value (the destination is the first other operand).
_SSH_VALUED = frozenset("BbcDEeFIiJLlmOoPpQRSWw")
#: Cloud CLIs whose ``--command`` option is a command line run on a remote machine
#: (``gcloud compute ssh``/``gcloud compute tpus tpu-vm ssh``, ``az ssh``...).
_REMOTE_CLIS = frozenset({"gcloud", "az", "aws", "gcutil"})


def _ssh_command(args: Sequence[str]) -> str | None:
    """The remote command of ``ssh [options] destination command...``."""
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            i += 1
            break
        if not arg.startswith("-") or arg == "-":
            break
        flags = arg[1:]
        valued = next((j for j, c in enumerate(flags) if c in _SSH_VALUED), None)
        i += 2 if valued is not None and valued == len(flags) - 1 else 1
    rest = args[i + 1 :]
    return " ".join(rest) if rest else None


def _remote_command(cmd: Command) -> str | None:
    """The command line that ``ssh host "..."`` or ``gcloud ... ssh --command "..."`` runs
    on another machine: it is checked like a local one."""
    prog, args = cmd.program, cmd.argv[1:]
    if prog == "ssh":
        return _ssh_command(args)
    if prog in _REMOTE_CLIS:
        for i, arg in enumerate(args):
            if arg == "--command" and i + 1 < len(args):
                return args[i + 1]
            if arg.startswith("--command="):
                return arg.partition("=")[2]
    return None


def _nested(cmd: Command) -> str | None:
    """The command string a ``sh -c``/``su -c``/``eval`` runs, or one run on a remote
    machine (``ssh``, ``gcloud ... --command``)."""
    prog, args = cmd.program, cmd.argv[1:]
    if prog == "eval":
        return " ".join(args)
    remote = _remote_command(cmd)
    if remote is not None:
        return remote
    if prog not in _SHELLS and prog not in ("su", "runuser"):
        return None
    for i, arg in enumerate(args):
        if arg.startswith("-") and not arg.startswith("--") and "c" in arg[1:]:
            return args[i + 1] if i + 1 < len(args) else None
    return None


def line_commands(line: Line, depth: int = 0) -> Iterator[Command]:
    """Every simple command of a line, those of the ``sh -c``, ``ssh host "..."`` and
    ``gcloud ... --command`` strings it runs included."""
    for cmd in line.commands():
        yield cmd
        inner = _nested(cmd)
        if inner and depth < 4:
            yield from line_commands(parse(inner[:MAX_COMMAND]), depth + 1)


def check_line(line: Line, env: Collection[str], depth: int = 0) -> list[Hit]:
    """Hits for one parsed command line, nested ``-c`` strings included."""
    hits = list(_piped(line))
    for cmd in line.commands():
        hits.extend(_command_hits(cmd, env, line))
        inner = _nested(cmd)
        if inner and depth < 4:
            hits.extend(check_line(parse(inner[:MAX_COMMAND]), env, depth + 1))
    return hits


def check_command(command: str | Sequence[str], env: Collection[str] = ()) -> list[Hit]:
    """Hits for a shell command line, or an exec-form argv list (Dockerfile JSON form)."""
    if isinstance(command, str):
        return check_line(parse(command[:MAX_COMMAND]), env)
    argv = [str(c)[:MAX_COMMAND] for c in command][:1000]
    return check_line(Line(((unwrap(argv),),)), env)


__all__ = [
    "COMMAND_RULES",
    "MODEL_ENV",
    "REVISION_ENV",
    "Hit",
    "check_command",
    "check_env",
    "check_line",
    "config_setting_hits",
    "line_commands",
    "model_env_hits",
    "service_url_hits",
    "tls_setting_hits",
    "trusts_remote_code",
]
