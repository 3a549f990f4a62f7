"""Rules CD120-CD143: code execution on inputs, insecure transport and exposed serving."""

from __future__ import annotations

from secplan.model import ControlId, Rule, Severity
from secplan.model.finding import Confidence
from secplan.model.rule import atlas, cwe, url
from secplan.scanners.code.rules_load import cve

C = ControlId
EXEC = (C("MS6"), C("PS7"))

DYNAMIC_EVAL = Rule(
    id="CD120",
    name="dynamic-code-evaluation",
    title="eval, exec or compile of a non-constant string",
    severity=Severity.HIGH,
    controls=EXEC,
    summary="The built-in `eval`, `exec` or `compile` is called with something other than a "
    "string literal (a variable, an f-string, a concatenation, a model output), or "
    '`subprocess` runs `python -c` on such a value. `exec(open("local.py").read())` of a '
    "project file named by a relative literal path runs like an import and is not reported, "
    "nor is `eval` of a value that a `str.isdigit()`/`isnumeric()`/`isdecimal()` test "
    "dominates (`eval(s) if s.isnumeric() else s`, `if not s.isdigit(): raise ...` before "
    "the call, with no assignment to the value in between): digits evaluate to a number or "
    "a syntax error, never to code. "
    "LangChain's Python REPL utilities and tools (`PythonREPL`, `PythonREPLTool`), which run "
    "the code a model writes, are reported too, as are agents built with "
    "`allow_dangerous_code=True` and LlamaIndex's `PandasQueryEngine`, and so is pandas' "
    "`DataFrame.eval`/`query` "
    "(or `pandas.eval`) of an expression read from configuration or a request "
    '(`df.eval(cfg["filter_expr"])`) or typed into a Streamlit text widget '
    "(`df.query(st.text_input(...))`) or passed as a Kubeflow Pipelines component's run "
    "parameter, not of a literal.",
    rationale="Whatever reaches the argument runs as Python with the process's rights. In ML "
    "code the argument is often model output (agents, generated code), a config value or a "
    "request field, all of which an attacker can shape.",
    example="result = eval(llm_response)",
    remediation="Parse data with `ast.literal_eval`, `json.loads` or a schema; run generated "
    "code only in a sandbox (separate process, container, no credentials).",
    references=(cwe(95), cwe(94)),
)

SHELL_COMMAND = Rule(
    id="CD121",
    name="shell-command-execution",
    title="Command run through a shell",
    severity=Severity.HIGH,
    controls=EXEC,
    summary="Code runs a command built at run time through a shell: `os.system`, `os.popen`, "
    "`subprocess.getoutput`, or a `subprocess` call with `shell=True`; also a `bash -c` / "
    '`sh -c` f-string wherever it goes (a job entrypoint), and `["bash", "-c", script]`. '
    "An Airflow `bash_command` that renders trigger input (`{{ dag_run.conf[...] }}`, "
    "`{{ params.x }}`) is one too, and so is a container spec (Kubeflow `dsl.ContainerSpec`) "
    "with `command=['sh', '-c']` and a script built at run time. A fixed command, and values "
    "passed through `shlex.quote`, are not reported (a fixed command that pipes a download "
    "into a shell is, as CD303).",
    rationale="A shell interprets metacharacters in the command, so any part of it that comes "
    "from input (a file name, a model name, a request) can run further commands.",
    example='os.system(f"tar xf {archive_name}")',
    remediation='Pass an argument list without a shell: `subprocess.run(["tar", "xf", '
    "name], check=True)`; validate anything that reaches a command.",
    references=(cwe(78),),
)

UNSANDBOXED_TEMPLATE = Rule(
    id="CD122",
    name="unsandboxed-template-rendering",
    title="Jinja2 template from data rendered without a sandbox",
    severity=Severity.MEDIUM,
    controls=(C("MS6"), C("PS7"), C("MS4")),
    summary="A non-sandboxed Jinja2 `Environment` (or `jinja2.Template`) compiles a template "
    "that is not a literal, for example a tokenizer's `chat_template` read from a model "
    "repository (high severity when the template comes from a `chat_template`).",
    rationale="Jinja2 templates can reach Python internals (`__class__.__mro__`, `__globals__`) "
    "unless rendered in a sandbox; chat templates ship inside model files, so a model can run "
    "code in the server that formats its prompts (CVE-2024-34359).",
    example="env = jinja2.Environment()\nprompt = env.from_string(tokenizer.chat_template)"
    ".render(messages=msgs)",
    remediation="Render templates that come from models or users with "
    "`jinja2.sandbox.ImmutableSandboxedEnvironment`.",
    references=(
        cwe(1336),
        cwe(94),
        cve("CVE-2024-34359"),
        atlas("AML.T0010"),
        url("https://jinja.palletsprojects.com/en/stable/sandbox/"),
    ),
)

TLS_VERIFICATION_OFF = Rule(
    id="CD130",
    name="tls-verification-disabled",
    title="TLS certificate verification turned off",
    severity=Severity.HIGH,
    controls=(C("PS4"),),
    summary="Code or a client's configuration turns certificate checks off: `verify=False` in "
    "requests/httpx/urllib3/boto3 calls and sessions (also through a `**dict` of options), "
    "`ssl._create_unverified_context`, `ssl.CERT_NONE`, `check_hostname=False`, Kafka "
    "(`ssl_check_hostname=False`, `enable.ssl.certificate.verification=false`, an empty "
    "`ssl.endpoint.identification.algorithm`), Redis/MongoDB/Elasticsearch options and "
    "connection strings (`ssl_cert_reqs=None`, `tlsAllowInvalidCertificates`, "
    "`verify_certs=False`), `insecure-skip-tls-verify` in a kubeconfig, or an empty "
    "`CURL_CA_BUNDLE`/`REQUESTS_CA_BUNDLE`.",
    rationale="Without certificate checks anyone on the network path can impersonate the "
    "server: swap downloaded weights and datasets, read API keys and tokens in transit.",
    example='requests.get(url, verify=False)\nos.environ["CURL_CA_BUNDLE"] = ""',
    remediation="Keep verification on; for a private CA pass its bundle "
    '(`verify="/path/ca.pem"`, `SSL_CERT_FILE`).',
    references=(cwe(295),),
)

PLAINTEXT_URL = Rule(
    id="CD131",
    name="plaintext-http-endpoint",
    title="Model, data or tracking endpoint over plain HTTP",
    severity=Severity.MEDIUM,
    controls=(C("PS4"), C("DS1")),
    summary="A literal `http://` URL (not localhost, link-local or a cluster-local service "
    "name) is passed where models, datasets or experiment data travel: MLflow "
    "tracking/registry URIs, Hub endpoints, dataset and weight downloads, object-store "
    "endpoints, API base URLs and the environment variables that set them; also curl and "
    "wget over plain HTTP, TorchServe `allowed_urls`, service keys of the application's "
    "YAML/TOML/INI/JSON configuration, variables named for a service (`MODEL_STORE`, "
    "`FEATURE_API`) in the environment of pods, compose services, images and `.env` files, "
    "and settings that turn a client's TLS off (KServe's `s3-usehttps: \"0\"`, "
    "`S3_USE_HTTPS=0`, `use_ssl: false`, `Minio(host, secure=False)`, Chroma's `HttpClient` "
    "without `ssl`), a function parameter named for a server with an `http://` default, a "
    "Dask client given a `tcp://` scheduler address, downloads in the commands of an image "
    "built in code (Modal's `run_commands`), command-line options and workflow parameters "
    "named for a service (`--feast_url http://...`, Argo `parameters`), nginx "
    "`proxy_pass http://` to a remote host, a connection string to a remote host that turns "
    "TLS off (`redis.corp:6379,ssl=false`, `?sslmode=disable`), a Spark `spark://` master on "
    "a remote host without `spark.network.crypto.enabled`, `argo server --secure=false`, and "
    "a plain-HTTP parameter named for a service in a Triton `config.pbtxt`. A URL in a "
    "class attribute that the module never reads (`URL = 'http://www.image-net.org/'` "
    "naming a dataset's site) is a label, not an address a client uses, and is not "
    "reported. Data and model URLs also bear on DS1.",
    rationale="Plain HTTP lets anyone on the path read and change what is sent: poisoned "
    "datasets, swapped weights, stolen tracking credentials and experiment data.",
    example='mlflow.set_tracking_uri("http://mlflow.internal:5000")',
    remediation="Use `https://` endpoints (TLS on the tracking server, the object store and any "
    "mirror).",
    references=(cwe(319), atlas("AML.T0010")),
)

PLAINTEXT_GRPC = Rule(
    id="CD132",
    name="plaintext-grpc-channel",
    title="gRPC channel or server port without TLS",
    severity=Severity.MEDIUM,
    controls=(C("PS4"), C("MS6")),
    summary="A gRPC client connects to a host that is not local without TLS "
    "(`grpc.insecure_channel`, `grpc.aio.insecure_channel`, a Triton gRPC client without "
    "`ssl=True`), or a gRPC server opens a port without TLS on all interfaces or a "
    "non-local address (`server.add_insecure_port('[::]:50051')`). Flower federated "
    "learning servers started without `certificates=`, clients without "
    "`root_certificates=`, and `flower-superlink`/`flower-supernode --insecure` are reported "
    "too. Loopback addresses, cluster service names and Unix sockets are not.",
    rationale="Model servers (Triton, TF Serving, custom inference services) speak gRPC; "
    "without TLS the inputs, the predictions and any token in the metadata cross the network "
    "in clear text, and anyone on the path can change them.",
    example='channel = grpc.insecure_channel("triton.prod:8001")\n'
    'server.add_insecure_port("[::]:50051")',
    remediation="Use `grpc.secure_channel(target, grpc.ssl_channel_credentials(...))` and "
    "`server.add_secure_port(address, grpc.ssl_server_credentials(...))` (or `ssl=True` for "
    "Triton clients); keep plaintext ports on 127.0.0.1 behind a TLS-terminating proxy.",
    references=(cwe(319), url("https://grpc.io/docs/guides/auth/")),
)

FLASK_DEBUG = Rule(
    id="CD140",
    name="debug-mode-server",
    title="Web app served in debug mode",
    severity=Severity.HIGH,
    controls=(C("MS6"), C("PS7")),
    summary="A Flask/Dash/Werkzeug app is started with `debug=True` (`app.run(debug=True)`, "
    '`run_simple(use_debugger=True)`, `app.debug = True`, `app.config["DEBUG"] = True`), or a '
    'remote debugger listens on all interfaces (`debugpy.listen(("0.0.0.0", 5678))`).',
    rationale="The Werkzeug debugger gives whoever triggers an error an interactive Python "
    "console in the server; debug mode also leaks source and configuration in tracebacks.",
    example='app.run(host="0.0.0.0", debug=True)',
    remediation="Never enable debug outside a developer's machine; serve with a production "
    "server (gunicorn, uvicorn) and take debug from configuration that defaults to off.",
    references=(cwe(489), cwe(94), url("https://flask.palletsprojects.com/en/stable/debugging/")),
)

BIND_ALL = Rule(
    id="CD141",
    name="server-bound-to-all-interfaces",
    title="Model server bound to all interfaces without authentication",
    severity=Severity.MEDIUM,
    controls=(C("PS5"), C("MS6"), C("PS3")),
    summary="A server (uvicorn, Flask `app.run`, Gradio `launch(server_name=...)`, aiohttp, "
    "waitress, Werkzeug) listens on `0.0.0.0`/`::` and the file shows no authentication "
    "(no `auth=`/`dependencies=`, no auth library or decorator); also a Modal web "
    "endpoint (a public URL) without `requires_proxy_auth=True`, and an ML server or "
    "dashboard that `subprocess` or `os.system` starts on all interfaces without "
    "authentication (`mlflow models serve -h 0.0.0.0`, judged on the command's fixed "
    "words). Where a valid guard policy covers the app (see GD001): an app wrapped in "
    "`GuardMiddleware` asks callers for a token itself and is not reported; one fronted "
    "by `secplan guard serve` is reported at low severity, since whoever reaches its port"
    " directly bypasses the guard.",
    rationale="Listening on every interface makes the model reachable from any network the "
    "host is on; without authentication anyone who can reach it can query, extract or abuse "
    "the model.",
    example='uvicorn.run(app, host="0.0.0.0", port=8000)',
    remediation="Bind to `127.0.0.1` behind an authenticating proxy, or add authentication "
    "(FastAPI security dependencies, Gradio `auth=`), and restrict reachability with network "
    "policy.",
    confidence=Confidence.MEDIUM,
    references=(cwe(1327), cwe(306)),
)

PUBLIC_SHARE = Rule(
    id="CD142",
    name="public-share-link",
    title="Gradio app shared through a public link",
    severity=Severity.HIGH,
    controls=(C("PS5"), C("PS3"), C("MS6")),
    summary="A Gradio app is launched with `share=True` and no `auth=`.",
    rationale="`share=True` opens a public tunnel URL to the app: anyone with the link (they "
    "are guessable and get scanned) uses the model and whatever files and tools the app "
    "exposes.",
    example="demo.launch(share=True)",
    remediation="Drop `share=True`; host the app behind authentication, or at least pass "
    "`auth=` with real credentials.",
    references=(cwe(668), cwe(306), url("https://www.gradio.app/guides/sharing-your-app")),
)

STREAMLIT_NO_AUTH = Rule(
    id="CD143",
    name="streamlit-app-without-auth",
    title="Streamlit app with no authentication",
    severity=Severity.LOW,
    controls=(C("PS3"), C("MS6")),
    summary="A file imports Streamlit and shows no authentication (no `st.login`/`st.user`, "
    "no authenticator library), and the project serves it on every interface: a script, "
    "Procfile or Dockerfile runs `streamlit run` on it bound to all interfaces (Streamlit's "
    "default, unless `--server.address` or `.streamlit/config.toml` says otherwise), or a "
    "compose service runs it and publishes its port beyond loopback. An app the project "
    "serves on loopback only, or never starts, is not reported.",
    rationale="A Streamlit app serves everyone who can reach its port; ML dashboards often "
    "expose data, models and credentials to anyone on the network.",
    example='import streamlit as st\nst.write(predict(st.text_input("x")))',
    remediation="Add authentication (`st.login()` with an identity provider, or an "
    "authenticating proxy) before serving beyond localhost.",
    confidence=Confidence.LOW,
    references=(
        cwe(306),
        url("https://docs.streamlit.io/develop/concepts/connections/authentication"),
    ),
)

RULES: tuple[Rule, ...] = (
    DYNAMIC_EVAL,
    SHELL_COMMAND,
    UNSANDBOXED_TEMPLATE,
    TLS_VERIFICATION_OFF,
    PLAINTEXT_URL,
    PLAINTEXT_GRPC,
    FLASK_DEBUG,
    BIND_ALL,
    PUBLIC_SHARE,
    STREAMLIT_NO_AUTH,
)
