"""What a project's code shows it does: serves models, trains them, downloads pre-trained
ones, calls a cloud AI service, loads public datasets. Read from the syntax tree of Python
files and notebook cells (never imported or run), and from the commands and manifests of
containers and deployments.

These are signs, not proof: a file that only mentions a library in a string or a comment
shows nothing, and code that reaches a library through indirection is missed.

>>> signs("from sklearn.svm import SVC\\nSVC().fit(X, y)")
frozenset({'training'})
>>> sorted(signs("import boto3\\nboto3.client('bedrock-runtime')"))
['cloud_ai']
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from secplan.model.artifact import Artifact, ArtifactKind
from secplan.textfile import TooLarge, read_text

MAX_CODE_BYTES = 2 << 20

SERVING = "serving"
TRAINING = "training"
PRETRAINED = "pretrained"
CLOUD_AI = "cloud_ai"
PUBLIC_DATA = "public_data"

#: Top-level modules whose import means the code serves requests (a model endpoint or demo).
SERVING_MODULES = frozenset(
    {
        "fastapi",
        "flask",
        "gradio",
        "streamlit",
        "bentoml",
        "litserve",
        "sanic",
        "tornado",
        "aiohttp",
        "starlette",
        "mlserver",
        "kserve",
        "tritonclient",
        "vllm",
        "ray.serve",
        "torchserve",
        "ts",
        "uvicorn",
        "gunicorn",
        "django",
    }
)
_SERVE_COMMANDS = re.compile(
    r"\b(uvicorn|gunicorn|torchserve|tritonserver|vllm\s+serve|vllm\.entrypoints|"
    r"mlflow\s+models\s+serve|bentoml\s+serve|streamlit\s+run|text-generation-launcher|"
    r"ollama\s+serve|llama-server)\b"
    r"|^[ \t]*kind:\s*[\"']?(InferenceService|ServingRuntime|ClusterServingRuntime|InferenceGraph|"
    r"SeldonDeployment|RayService)\b",
    re.MULTILINE,
)
#: Libraries that train models; one of them imported, and a training call, is training code.
TRAINING_MODULES = frozenset(
    {
        "torch",
        "tensorflow",
        "keras",
        "sklearn",
        "xgboost",
        "lightgbm",
        "catboost",
        "jax",
        "flax",
        "optax",
        "transformers",
        "pytorch_lightning",
        "lightning",
        "accelerate",
        "trl",
        "peft",
        "deepspeed",
        "statsmodels",
        "mlx",
    }
)
#: Method names that train: ``model.fit(X, y)``, ``loss.backward()``.
TRAINING_METHODS = frozenset({"fit", "partial_fit", "train_on_batch", "backward", "fit_generator"})
TRAINING_CALLS = frozenset({"xgboost.train", "lightgbm.train", "catboost.train"})
#: Calls that fetch a model trained by someone else.
PRETRAINED_CALLS = frozenset(
    {
        "huggingface_hub.hf_hub_download",
        "huggingface_hub.snapshot_download",
        "torch.hub.load",
        "torch.hub.load_state_dict_from_url",
        "transformers.pipeline",
        "sentence_transformers.SentenceTransformer",
        "open_clip.create_model_and_transforms",
        "spacy.load",
        "timm.create_model",
        "diffusers.DiffusionPipeline",
        "ultralytics.YOLO",
    }
)
PRETRAINED_PREFIXES = (
    "keras.applications.",
    "tensorflow.keras.applications.",
    "torchvision.models.",
)
#: Modules of cloud AI services (hosted models, AI APIs).
CLOUD_AI_MODULES = frozenset(
    {
        "openai",
        "anthropic",
        "google.generativeai",
        "google.genai",
        "vertexai",
        "google.cloud.aiplatform",
        "cohere",
        "mistralai",
        "groq",
        "together",
        "replicate",
        "litellm",
        "langchain_openai",
        "langchain_anthropic",
        "langchain_google_genai",
        "langchain_google_vertexai",
        "langchain_aws",
        "azure.ai.inference",
        "azure.ai.ml",
        "azure.ai.openai",
    }
)
#: boto3 clients of AWS AI services.
CLOUD_AI_CLIENTS = frozenset(
    {
        "bedrock",
        "bedrock-runtime",
        "bedrock-agent-runtime",
        "sagemaker-runtime",
        "comprehend",
        "rekognition",
        "textract",
        "translate",
        "transcribe",
        "polly",
    }
)
PUBLIC_DATA_CALLS = frozenset(
    {
        "datasets.load_dataset",
        "tensorflow_datasets.load",
        "tensorflow_datasets.builder",
        "kagglehub.dataset_download",
        "openml.datasets.get_dataset",
    }
)
PUBLIC_DATA_PREFIXES = (
    "sklearn.datasets.fetch_",
    "sklearn.datasets.load_",
    "torchvision.datasets.",
    "torchtext.datasets.",
    "torchaudio.datasets.",
    "keras.datasets.",
    "tensorflow.keras.datasets.",
)
_MAX_NODES = 500_000


@dataclass(frozen=True, slots=True)
class CodeFacts:
    """Files (relative paths) showing each sign."""

    found: tuple[tuple[str, tuple[str, ...]], ...]

    def files(self, sign: str) -> tuple[str, ...]:
        return dict(self.found).get(sign, ())


def _aliases(tree: ast.AST) -> dict[str, str]:
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.asname:
                    names[a.asname] = a.name
                else:
                    top = a.name.split(".")[0]
                    names[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                names[a.asname or a.name] = f"{node.module}.{a.name}"
    return names


def dotted(node: ast.expr) -> str:
    """``a.b.c`` for a name or attribute chain, ``f().g`` through calls; ``""`` otherwise."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Call):
        parts.append(dotted(node.func) + "()")
    elif isinstance(node, ast.Name):
        parts.append(node.id)
    else:
        return ""
    return ".".join(reversed(parts))


def _qualname(node: ast.expr, aliases: dict[str, str]) -> str:
    text = dotted(node)
    head, _, rest = text.partition(".")
    full = aliases.get(head)
    if full is None:
        return text
    return f"{full}.{rest}" if rest else full


def _imported(aliases: dict[str, str], modules: frozenset[str]) -> bool:
    return any(
        m in modules or m.split(".")[0] in modules or ".".join(m.split(".")[:2]) in modules
        for m in aliases.values()
    )


def _call_signs(call: ast.Call, aliases: dict[str, str], trains: bool) -> Iterator[str]:
    name = _qualname(call.func, aliases)
    attr = call.func.attr if isinstance(call.func, ast.Attribute) else ""
    last = name.rsplit(".", 1)[-1]
    if name in TRAINING_CALLS or (
        trains and (attr in TRAINING_METHODS or last.endswith("Trainer"))
    ):
        yield TRAINING
    if (
        attr == "from_pretrained"
        or name in PRETRAINED_CALLS
        or name.startswith(PRETRAINED_PREFIXES)
    ):
        yield PRETRAINED
    if name in PUBLIC_DATA_CALLS or name.startswith(PUBLIC_DATA_PREFIXES):
        yield PUBLIC_DATA
    if attr == "client" and call.args:
        first = call.args[0]
        if isinstance(first, ast.Constant) and first.value in CLOUD_AI_CLIENTS:
            yield CLOUD_AI


def tree_signs(tree: ast.AST) -> frozenset[str]:
    """Signs shown by one parsed module (or the joined cells of a notebook)."""
    aliases = _aliases(tree)
    out: set[str] = set()
    if _imported(aliases, SERVING_MODULES):
        out.add(SERVING)
    if _imported(aliases, CLOUD_AI_MODULES):
        out.add(CLOUD_AI)
    trains = _imported(aliases, TRAINING_MODULES)
    for n, node in enumerate(ast.walk(tree)):
        if n > _MAX_NODES:
            break
        if isinstance(node, ast.Call):
            out.update(_call_signs(node, aliases, trains))
    return frozenset(out)


def signs(source: str) -> frozenset[str]:
    """Signs shown by Python ``source``; nothing when it does not parse."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return frozenset()
    return tree_signs(tree)


def _notebook_source(text: str) -> str:
    try:
        from secplan.scanners.code.notebook import Notebook, load_notebook, python_lines
    except ImportError:  # the code scanners are not installed
        return ""
    nb = load_notebook(text)
    if not isinstance(nb, Notebook):
        return ""
    cells = []
    for cell in nb.cells:
        if cell.kind == "code":
            code, _ = python_lines(cell.source)
            cells.append(code if _parses(code) else "")
    return "\n".join(cells)


def _parses(code: str) -> bool:
    try:
        ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _file_signs(a: Artifact) -> frozenset[str]:
    try:
        text = read_text(a.path, MAX_CODE_BYTES)
    except (OSError, TooLarge):
        return frozenset()
    if a.kind is ArtifactKind.CODE and a.format == "python":
        return signs(text)
    if a.kind is ArtifactKind.NOTEBOOK:
        return signs(_notebook_source(text))
    return frozenset({SERVING}) if _SERVE_COMMANDS.search(text) else frozenset()


_READ_KINDS = (
    ArtifactKind.CODE,
    ArtifactKind.NOTEBOOK,
    ArtifactKind.CONTAINER,
    ArtifactKind.DEPLOYMENT,
)


def code_facts(artifacts: Iterable[Artifact]) -> CodeFacts:
    """The signs of every code, notebook, container and deployment file (up to 2 MiB each)."""
    found: dict[str, list[str]] = {}
    for a in artifacts:
        if a.format == "torchserve-mar":  # a model archive made for TorchServe
            found.setdefault(SERVING, []).append(a.relpath)
        if a.kind not in _READ_KINDS or a.size > MAX_CODE_BYTES:
            continue
        for sign in sorted(_file_signs(a)):
            found.setdefault(sign, []).append(a.relpath)
    return CodeFacts(tuple((k, tuple(v)) for k, v in sorted(found.items())))
