"""Rules CD101-CD112: Python code that deserializes untrusted data or trusts remote code.

Each rule is documented data (what it does, why it matters, an example, the fix and
references); ``secplan rules`` and the rules page are generated from these objects.
"""

from __future__ import annotations

from secplan.model import ControlId, Reference, Rule, Severity
from secplan.model.finding import Confidence
from secplan.model.rule import atlas, cwe, url

C = ControlId
LOAD = (C("MS4"), C("MS1"))
TRUST = (C("MS1"), C("SC6"), C("MS4"))
PIN = (C("MS1"), C("SC6"))


def cve(cve_id: str) -> Reference:
    return Reference(kind="cve", id=cve_id, url=f"https://nvd.nist.gov/vuln/detail/{cve_id}")


_PICKLE_WHY = (
    "A pickle is a program for a small stack machine that may import and call any callable "
    "it names; loading a model, dataset or cache file with it runs whatever its author put in "
    "it. Malicious model files on public hubs use exactly this."
)

UNSAFE_PICKLE_LOAD = Rule(
    id="CD101",
    name="unsafe-pickle-load",
    title="Pickle-family deserialization",
    severity=Severity.HIGH,
    controls=LOAD,
    summary="Code calls `pickle`, `cPickle`, `_pickle`, `dill`, `cloudpickle` or `jsonpickle` "
    "to load data (`load`, `loads`, `Unpickler`, `decode`), however the module was imported; "
    "or loads an MLflow model whose flavour unpickles it (`mlflow.sklearn`, `mlflow.pyfunc`, "
    "`mlflow.pytorch`, `mlflow.langchain`, `mlflow.statsmodels`, `mlflow.pmdarima` "
    "`.load_model`).",
    rationale=_PICKLE_WHY,
    example='import pickle as p\nwith open("model.pkl", "rb") as f:\n    model = p.load(f)',
    remediation="Store models and data in a format without code (safetensors, ONNX, JSON, "
    "Parquet, skops for scikit-learn). Where a pickle cannot be avoided, load only files whose "
    "signature you verified, with an `Unpickler` whose `find_class` allows a short list of "
    "classes.",
    references=(cwe(502), atlas("AML.T0010"), atlas("AML.T0011.000")),
)

JOBLIB_LOAD = Rule(
    id="CD102",
    name="joblib-load",
    title="joblib.load of a file",
    severity=Severity.HIGH,
    controls=LOAD,
    summary="Code calls `joblib.load` (or the old `sklearn.externals.joblib.load`) to load a "
    "model or array file.",
    rationale="joblib files are pickles with NumPy buffers stored beside them: loading one runs "
    "any code it carries. scikit-learn models are usually shared this way.",
    example='clf = joblib.load("clf.joblib")',
    remediation="Share scikit-learn models with skops (`skops.io.load` with a reviewed "
    "`trusted` list) or ONNX; otherwise load only signed, verified files.",
    references=(
        cwe(502),
        atlas("AML.T0010"),
        url("https://joblib.readthedocs.io/en/stable/persistence.html"),
    ),
)

TORCH_LOAD = Rule(
    id="CD103",
    name="torch-load-without-weights-only",
    title="torch.load without weights_only=True",
    severity=Severity.HIGH,
    controls=LOAD,
    summary="Code calls `torch.load` (or `torch.hub.load_state_dict_from_url`) with "
    "`weights_only=False`, or without `weights_only`, which before PyTorch 2.6 means full "
    "unpickling. A call without `weights_only` is not reported when every declaration of "
    "`torch` in the project's dependency files requires 2.6 or later.",
    rationale="A PyTorch checkpoint is a zip holding a pickle. Without `weights_only=True` the "
    "pickle may call anything. Even with it, PyTorch up to 2.5.1 could be made to run code "
    "(CVE-2025-32434), so the PyTorch version matters too.",
    example='state = torch.load("ckpt.pt", weights_only=False)',
    remediation="Pass `weights_only=True` explicitly, require PyTorch >= 2.6, and prefer "
    "safetensors (`safetensors.torch.load_file`) for weights.",
    references=(
        cwe(502),
        atlas("AML.T0010"),
        cve("CVE-2025-32434"),
        url("https://pytorch.org/docs/stable/generated/torch.load.html"),
    ),
)

NUMPY_ALLOW_PICKLE = Rule(
    id="CD104",
    name="numpy-load-allow-pickle",
    title="numpy.load with allow_pickle=True",
    severity=Severity.HIGH,
    controls=LOAD,
    summary="Code calls `numpy.load(..., allow_pickle=True)`, directly or through a "
    "module-level constant.",
    rationale="With `allow_pickle=True`, object arrays in `.npy`/`.npz` files are unpickled, so "
    "an array file can run code (CVE-2019-6446 made this the default until NumPy 1.16.3).",
    example='arr = np.load("features.npy", allow_pickle=True)',
    remediation="Keep the default `allow_pickle=False`; store strings and ragged data in a "
    "format without code (Arrow, Parquet, JSON).",
    references=(cwe(502), cve("CVE-2019-6446"), atlas("AML.T0010")),
)

PANDAS_READ_PICKLE = Rule(
    id="CD105",
    name="pandas-read-pickle",
    title="pandas.read_pickle",
    severity=Severity.HIGH,
    controls=LOAD,
    summary="Code calls `pandas.read_pickle` (directly, through `pd.` or an import alias) to "
    "read a DataFrame or Series from a file or URL.",
    rationale="`read_pickle` is `pickle.load` behind a friendly name (with decompression "
    "first): a DataFrame file from elsewhere can run code when read.",
    example='df = pd.read_pickle("train.pkl.gz")',
    remediation="Exchange DataFrames as Parquet, Feather or CSV.",
    references=(cwe(502), atlas("AML.T0010")),
)

UNSAFE_YAML_LOAD = Rule(
    id="CD106",
    name="unsafe-yaml-load",
    title="YAML loaded with an object-constructing loader",
    severity=Severity.HIGH,
    controls=LOAD,
    summary="Code calls `yaml.load`/`yaml.load_all` without a safe `Loader` (SafeLoader, "
    "CSafeLoader or BaseLoader), or `yaml.unsafe_load`; `yaml.full_load` and FullLoader are "
    "reported at medium severity, as they were exploitable before PyYAML 5.4.",
    rationale="The full and unsafe YAML loaders build arbitrary Python objects from tags such as "
    "`!!python/object/apply:os.system`, so a configuration or model-card file becomes code.",
    example='cfg = yaml.load(open("config.yaml"), Loader=yaml.Loader)',
    remediation="Use `yaml.safe_load` (or `Loader=yaml.SafeLoader`/`CSafeLoader`).",
    references=(
        cwe(502),
        cve("CVE-2017-18342"),
        cve("CVE-2020-1747"),
        cve("CVE-2020-14343"),
    ),
)

KERAS_UNSAFE_MODE = Rule(
    id="CD107",
    name="keras-unsafe-deserialization",
    title="Keras model loaded with safe_mode=False",
    severity=Severity.HIGH,
    controls=LOAD,
    summary="Code calls Keras `load_model(..., safe_mode=False)` (keras, tf.keras, tf_keras) "
    "or `keras.config.enable_unsafe_deserialization()`.",
    rationale="Safe mode stops `Lambda` layers from deserializing Python bytecode stored in the "
    "model; turning it off lets a `.keras` file run code on load. Old Keras versions had "
    "bypasses even in safe mode (CVE-2024-3660, CVE-2025-1550).",
    example='model = keras.models.load_model("m.keras", safe_mode=False)',
    remediation="Keep `safe_mode=True`, replace `Lambda` layers by registered custom layers, and "
    "keep Keras up to date.",
    references=(cwe(502), cwe(94), cve("CVE-2024-3660"), cve("CVE-2025-1550"), atlas("AML.T0010")),
)

MARSHAL_LOAD = Rule(
    id="CD108",
    name="marshal-load",
    title="marshal.load of data",
    severity=Severity.HIGH,
    controls=LOAD,
    summary="Code calls `marshal.load` or `marshal.loads` on a file or bytes, which builds "
    "Python values and code objects.",
    rationale="marshal builds code objects and is documented as not secure against malicious "
    "data; it is a known way to smuggle code into pickles and caches.",
    example="code = marshal.loads(blob)",
    remediation="Use a data-only format (JSON, MessagePack); never load marshal data from "
    "outside the process.",
    references=(cwe(502), url("https://docs.python.org/3/library/marshal.html")),
)

SHELVE_OPEN = Rule(
    id="CD109",
    name="shelve-open",
    title="shelve.open of a shelf",
    severity=Severity.MEDIUM,
    controls=LOAD,
    summary="Code calls `shelve.open` (or the `DbfilenameShelf` class behind it) to open a "
    "persistent dictionary.",
    rationale="A shelf stores every value as a pickle: a shelf file from elsewhere runs code "
    "when its values are read.",
    example='db = shelve.open("cache.db")',
    remediation="Use SQLite or a key-value store with a data-only value format; keep shelves "
    "private to the process that wrote them.",
    confidence=Confidence.MEDIUM,
    references=(cwe(502),),
)

TRUST_REMOTE_CODE = Rule(
    id="CD110",
    name="trust-remote-code",
    title="Remote code trusted on model or dataset load",
    severity=Severity.HIGH,
    controls=TRUST,
    summary="A call passes `trust_remote_code=True` (transformers `from_pretrained`, "
    "`pipeline`, `AutoModel*`, `datasets.load_dataset`, vLLM and others), directly, through a "
    "module constant or in a keyword dictionary; or a value that follows an environment "
    "variable (`HF_TRUST_REMOTE_CODE`) which the project's job, pod, compose or `.env` "
    "configuration sets true.",
    rationale="With remote code trusted, loading a model runs the Python files in its Hub "
    "repository with the caller's rights. Whoever controls that repository, or a later commit "
    "to it, controls the process.",
    example='model = AutoModel.from_pretrained("org/model", trust_remote_code=True)',
    remediation="Prefer models supported natively by the library. If remote code is needed, "
    "review it, pin `revision=` to the reviewed 40-character commit, or vendor the code.",
    references=(
        cwe(94),
        cwe(829),
        atlas("AML.T0010"),
        url("https://huggingface.co/docs/transformers/en/models#custom-models"),
    ),
)

UNPINNED_TORCH_HUB = Rule(
    id="CD111",
    name="unpinned-torch-hub-load",
    title="torch.hub.load of a repository that is not pinned",
    severity=Severity.HIGH,
    controls=TRUST,
    summary="`torch.hub.load` names a GitHub repository without a `:ref` (or with a branch "
    "such as `main`), or passes `trust_repo=True` for such a repository (a release tag or "
    "commit pins the code that runs).",
    rationale="`torch.hub.load` downloads the repository and runs its `hubconf.py`. Without a "
    "fixed commit or tag, every run executes whatever the repository holds at that moment.",
    example='model = torch.hub.load("owner/repo", "resnet50", trust_repo=True)',
    remediation='Pin the repository: `torch.hub.load("owner/repo:<commit>", ...)`, review it, '
    'or load a vendored copy with `source="local"`.',
    references=(
        cwe(494),
        cwe(829),
        atlas("AML.T0010"),
        url("https://pytorch.org/docs/stable/hub.html"),
    ),
)

UNPINNED_REVISION = Rule(
    id="CD112",
    name="unpinned-model-revision",
    title="Hub download without a pinned revision",
    severity=Severity.MEDIUM,
    controls=PIN,
    summary="A Hub download (`from_pretrained`, `pipeline(model=...)`, `hf_hub_download`, "
    "`snapshot_download`, `load_dataset`, `SentenceTransformer`, LangChain's "
    "`HuggingFaceEmbeddings`) of a repository named by a literal id (or one every caller "
    "passes, or one read from the project's YAML/JSON/TOML file the module names) has no "
    "`revision=`, or a revision that is not a 40-character commit hash; "
    "likewise `timm.create_model(name, pretrained=True)` (weights from the Hub's `timm/` "
    "repositories), `huggingface-cli download`, a Hub model served by vLLM, TGI, SGLang or "
    "KServe's Hugging Face server (command lines, manifests, Helm chart values), and a "
    "training or serving configuration's `model_name_or_path`/`base_model`, without a "
    "commit revision; and a configuration's `revision: main` (any branch) beside a Hub "
    "id. An id decided at run time is reported (low) when the variable says it "
    "holds one (`model_id`, `params['hub_model_id']`, `args.base_model`, a name bound to "
    "`os.environ['HF_MODEL_ID']`) and no revision is passed; a revision read from an "
    "environment variable or option whose default is a branch (`os.environ.get('REV', "
    "'main')`) is reported too.",
    rationale="A Hub repository is mutable: without a commit hash the next run may fetch other "
    "weights, other tokenizer files or other remote code than the ones that were reviewed, "
    "scanned and evaluated.",
    example='tok = AutoTokenizer.from_pretrained("bert-base-uncased")',
    remediation='Pass `revision="<40-hex commit>"` (the commit you evaluated); record it in '
    "the model's provenance.",
    confidence=Confidence.MEDIUM,
    references=(
        cwe(494),
        cwe(829),
        atlas("AML.T0010"),
        url("https://huggingface.co/docs/huggingface_hub/guides/download"),
    ),
)

RULES: tuple[Rule, ...] = (
    UNSAFE_PICKLE_LOAD,
    JOBLIB_LOAD,
    TORCH_LOAD,
    NUMPY_ALLOW_PICKLE,
    PANDAS_READ_PICKLE,
    UNSAFE_YAML_LOAD,
    KERAS_UNSAFE_MODE,
    MARSHAL_LOAD,
    SHELVE_OPEN,
    TRUST_REMOTE_CODE,
    UNPINNED_TORCH_HUB,
    UNPINNED_REVISION,
)
BY_ID: dict[str, Rule] = {r.id: r for r in RULES}
