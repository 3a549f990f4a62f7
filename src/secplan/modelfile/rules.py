"""The rules of the model-file analyzer (MF101 and up)."""

from __future__ import annotations

from secplan.model import ControlId, Rule, Severity
from secplan.model.finding import Confidence
from secplan.model.rule import atlas, cwe, url

C = ControlId

DANGEROUS_CALLABLE = Rule(
    id="MF101",
    name="dangerous-pickle-callable",
    title="Pickle-based model file imports or calls a dangerous callable",
    severity=Severity.CRITICAL,
    controls=(C("MS4"), C("SC6")),
    summary="The pickle stream of a model file (pickle, joblib, PyTorch, NumPy object array, "
    "dill, cloudpickle) references a callable on the dangerous list — process, file or network "
    "access, code evaluation, import machinery, attribute indirection, nested loaders — or "
    "computes the callable it calls at load time. The opcode stream is walked symbolically; "
    "nothing is unpickled.",
    rationale="Unpickling calls whatever the stream names. A model file that references "
    "`os.system`, `builtins.exec`, `importlib.import_module` or `pickle.loads` runs the "
    "attacker's code on every machine that loads it, with the loader's privileges.",
    example="`posix.system('curl … | sh')` reached through `STACK_GLOBAL` + `REDUCE` in "
    "`archive/data.pkl` of a PyTorch checkpoint.",
    remediation="Do not load the file. Obtain the model from its original publisher, verify "
    "its signature, and prefer a format without code execution (safetensors, ONNX); load "
    "PyTorch checkpoints with `torch.load(weights_only=True)`.",
    references=(
        cwe(502),
        atlas("AML.T0010"),
        atlas("AML.T0011"),
        url("https://docs.python.org/3/library/pickle.html#restricting-globals"),
    ),
)

UNKNOWN_CALLABLE = Rule(
    id="MF102",
    name="unknown-pickle-callable",
    title="Pickle-based model file references a callable that cannot be proven safe",
    severity=Severity.HIGH,
    controls=(C("MS4"),),
    summary="The pickle stream references a callable that is neither on the exact allowlist "
    "(tensor and array reconstruction, value types) nor known dangerous. Its verdict comes "
    "from a callable index built offline from the source code of the standard library and "
    "the major ML packages: a callable in no index (or not in the indexed version of its "
    "package, or one that calls its own arguments) cannot be proven safe and is high; a plain "
    "class of an indexed package, or a function whose arguments reach no sink, is info. "
    "Callables whose source passes their arguments to a sink are MF101.",
    rationale="An allowlist is the only defence that does not need to know every gadget in "
    "advance: research has found more than a hundred exploitable functions in common ML "
    "libraries that denylists miss. Where the source code shows what a callable does, the "
    "verdict follows the evidence; where it does not, the callable needs a human decision.",
    example="`mylib.layers.CustomBlock` in a pickled model.",
    remediation="Review the callable. If it is part of your own code or a library you trust, "
    'allow it in secplan.toml: `[models] allow = ["module.Name"]` (or `"module.*"`).',
    confidence=Confidence.MEDIUM,
    references=(cwe(502), atlas("AML.T0010"), url("https://arxiv.org/abs/2508.19774")),
)

MALFORMED = Rule(
    id="MF103",
    name="malformed-model-file",
    title="Model file is malformed in a way its loader accepts",
    severity=Severity.MEDIUM,
    controls=(C("MS4"), C("MS1")),
    summary="The file breaks its format in a way that real loaders tolerate but scanners often "
    "do not: bad zip CRCs, local and central member names that differ, data before or after "
    "the archive, several candidates for the member PyTorch loads, a second pickle stream "
    "after STOP, a stream that is truncated after code already ran, a file valid as two "
    "formats at once. High when the irregularity can hide content from other tools.",
    rationale="Differences between a scanner's parser and the loader's are the most common way "
    "past model scanners (the nullifAI models, the 2025 picklescan zero-days). A legitimate "
    "writer never produces these files.",
    example="A PyTorch zip whose `data.pkl` has a wrong CRC: Python's zipfile refuses it, "
    "`torch.load` runs it.",
    remediation="Treat the file as hostile until its origin is verified; re-export it from "
    "the source with the framework's own writer.",
    references=(cwe(20), atlas("AML.T0010"), url("https://arxiv.org/abs/2508.19774")),
)

NOT_VERIFIED = Rule(
    id="MF104",
    name="model-not-verified",
    title="Model file could not be fully analysed",
    severity=Severity.MEDIUM,
    controls=(C("MS4"),),
    summary="secplan could not analyse the whole file: its format is unknown or unsupported, "
    "it is encrypted, it uses a compression secplan cannot read here, or it is beyond a size, "
    "depth, member-count or time limit. It is reported, never passed as clean.",
    rationale="A scanner that skips what it cannot read reports a partial scan as a clean one; "
    "attackers pick exactly the formats and sizes that scanners skip.",
    example="A 7z archive when the py7zr package is not installed.",
    remediation="Convert the model to a format secplan reads, install the optional library "
    "named in the finding, or raise the limit; otherwise review the file by hand.",
    references=(atlas("AML.T0010"),),
)

ARCHIVE_TRAVERSAL = Rule(
    id="MF105",
    name="archive-path-traversal",
    title="Archive member escapes the extraction directory",
    severity=Severity.HIGH,
    controls=(C("MS4"), C("DS5")),
    summary="A zip, tar or 7z member name is absolute, contains `..` components or a drive "
    "letter, so extracting the archive writes outside the target directory.",
    rationale="Model bundles are extracted by training and serving pipelines; a member named "
    "`../../.bashrc` overwrites files of the user who extracts it (zip slip).",
    example="`../../home/user/.ssh/authorized_keys` inside model.tar.gz.",
    remediation="Do not extract the archive; rebuild it with relative member names.",
    references=(cwe(22), url("https://security.snyk.io/research/zip-slip-vulnerability")),
)

ARCHIVE_LINK = Rule(
    id="MF106",
    name="archive-link",
    title="Archive contains a symbolic or hard link",
    severity=Severity.HIGH,
    controls=(C("MS4"), C("DS5")),
    summary="A tar or zip member is a symbolic or hard link. Extracted, it can point anywhere, "
    "and a later member written through it lands outside the extraction directory.",
    rationale="Links in model archives are never needed and are a classic way to read or "
    "overwrite files during extraction.",
    example="`weights -> /etc` followed by `weights/passwd`.",
    remediation="Rebuild the archive without links.",
    references=(cwe(59), cwe(22)),
)

ARCHIVE_BOMB = Rule(
    id="MF107",
    name="archive-bomb",
    title="Archive exceeds member-count, size, ratio or nesting limits",
    severity=Severity.HIGH,
    controls=(C("MS4"), C("DS5")),
    summary="An archive declares more members, more uncompressed bytes, a higher compression "
    "ratio or deeper nesting than any model bundle needs.",
    rationale="Decompression bombs exhaust disk and memory of the pipeline that opens them, "
    "and push scanners past their limits so that the rest of the file goes unchecked.",
    example="A 42 kB zip that declares 4 GB of members.",
    remediation="Do not extract the archive; ask the publisher for the model files themselves.",
    references=(cwe(409),),
)

KERAS_LAMBDA = Rule(
    id="MF108",
    name="keras-lambda-layer",
    title="Keras model carries code in a Lambda layer",
    severity=Severity.HIGH,
    controls=(C("MS4"),),
    summary="The model configuration of a Keras file (.h5/.hdf5 `model_config` attribute or "
    "`config.json` of a .keras archive) contains a Lambda layer with serialized Python "
    "bytecode or a function reference, which runs when the model is loaded or called.",
    rationale="Lambda layers are the Keras equivalent of a pickle payload: the marshalled "
    "bytecode runs with the loader's privileges (CVE-2024-3660).",
    example='`{"class_name": "Lambda", "config": {"function": ["4wEAAAAA…", null, null]}}`',
    remediation="Replace the Lambda layer with a registered custom layer whose code you ship "
    "and review, and load with `safe_mode=True`.",
    references=(cwe(94), url("https://nvd.nist.gov/vuln/detail/CVE-2024-3660")),
)

KERAS_CUSTOM = Rule(
    id="MF109",
    name="keras-custom-object",
    title="Keras model references custom objects or outside modules",
    severity=Severity.MEDIUM,
    controls=(C("MS4"),),
    summary="The Keras configuration names classes that are not part of Keras, or a `module` "
    "outside Keras; loading imports that module and calls the class. Dangerous modules "
    "(os, subprocess, builtins, ...) raise it to critical.",
    rationale="Keras 3 deserializes objects by module and class name; a configuration that "
    "names `os` and `system` turns loading into a call.",
    example='`{"module": "os", "class_name": "system", "config": "id"}`',
    remediation="Review the custom objects; register the ones you trust explicitly with "
    "`custom_objects=` and load with `safe_mode=True`.",
    references=(cwe(94), cwe(502)),
)

SAVEDMODEL_OP = Rule(
    id="MF110",
    name="savedmodel-dangerous-op",
    title="TensorFlow SavedModel graph uses file-system or Python-call operations",
    severity=Severity.HIGH,
    controls=(C("MS4"),),
    summary="`saved_model.pb` (parsed without TensorFlow) contains operations that read or "
    "write files, list directories, reach the network, or call back into Python "
    "(PyFunc/EagerPyFunc, critical), in its graph or its function library. A TensorFlow Lite "
    "model that runs the same TensorFlow operations as Flex operators is reported alike.",
    rationale="A graph is code: `ReadFile` + `WriteFile` exfiltrate or plant files whenever "
    "the model serves a request, and Python-call ops run whatever is registered.",
    example="`WriteFile` in `__inference_serving_default_123`.",
    remediation="Re-export the model without I/O operations in the serving graph, or serve it "
    "in a sandbox without file-system and network access.",
    references=(cwe(94), url("https://github.com/tensorflow/tensorflow/blob/master/SECURITY.md")),
)

ONNX_EXTERNAL = Rule(
    id="MF111",
    name="onnx-external-data-escape",
    title="ONNX external data points outside the model directory",
    severity=Severity.HIGH,
    controls=(C("MS4"), C("DS5")),
    summary="A tensor of the ONNX model keeps its data in an external file whose `location` is "
    "absolute or climbs out of the model's directory with `..`, in the main graph, a nested "
    "graph (If/Loop/Scan) or a function.",
    rationale="Loading the model reads the named file into a tensor (CVE-2024-27318, "
    "CVE-2022-25882): any file the serving process can read can leak through its outputs.",
    example='`external_data {key: "location" value: "../../../../etc/shadow"}`',
    remediation="Keep external data files beside the model with plain relative names.",
    references=(cwe(22), url("https://nvd.nist.gov/vuln/detail/CVE-2024-27318")),
)

ONNX_DOMAIN = Rule(
    id="MF112",
    name="onnx-custom-domain",
    title="ONNX model uses operators from a custom domain",
    severity=Severity.MEDIUM,
    controls=(C("MS4"),),
    summary="Nodes of the ONNX graph (or its functions and nested graphs) use operator domains "
    "that neither the ONNX standard nor ONNX Runtime define; running the model needs a "
    "custom-operator library. Likewise a TensorFlow Lite model whose custom operators are "
    "neither TensorFlow Lite's nor MediaPipe's own, and a Core ML model with a custom model "
    "or custom layers: the application must supply their implementation.",
    rationale="Custom operators are native code loaded into the serving process; the model "
    "only works with a shared library whose origin must be trusted as well.",
    example='`domain: "com.attacker.ops"`, op_type `Exec`.',
    remediation="Make sure the custom-op library comes from a trusted, reviewed source, or "
    "re-export the model with standard operators.",
    references=(cwe(829),),
)

GGUF_TEMPLATE = Rule(
    id="MF113",
    name="gguf-template-injection",
    title="Chat template contains a template-injection payload",
    severity=Severity.CRITICAL,
    controls=(C("MS4"),),
    summary="A chat template in the GGUF metadata (`tokenizer.chat_template…`) or in "
    "`tokenizer_config.json` is parsed by Jinja's own parser (never rendered) and checked "
    "with the sandbox's rules: it reads attributes the sandbox refuses (`__class__`, "
    "`__globals__`, `__subclasses__`, `mro`, ...) directly, through the `attr`/`map` filters "
    "or through a subscript (Jinja turns a failed `x[key]` into `getattr`), subscripts with "
    "keys built at render time, or uses the `cycler`/`joiner`/`lipsum` globals.",
    rationale="Runtimes that render chat templates without a sandbox execute such payloads on "
    "the first prompt (CVE-2024-34359 in llama-cpp-python).",
    example="`{{ cycler.__init__.__globals__.os.popen('id').read() }}`",
    remediation="Do not load the model; replace its chat template with a reviewed one and "
    "render templates only in a sandboxed Jinja2 environment.",
    references=(cwe(1336), url("https://nvd.nist.gov/vuln/detail/CVE-2024-34359")),
)

SAFETENSORS_MALFORMED = Rule(
    id="MF114",
    name="safetensors-malformed",
    title="safetensors file has an inconsistent header",
    severity=Severity.HIGH,
    controls=(C("MS1"), C("DS5")),
    summary="The safetensors header is oversized, not valid JSON, has duplicate names, unknown "
    "dtypes, offsets outside the data area, overlapping or non-contiguous tensors, or shapes "
    "that do not match their byte ranges.",
    rationale="safetensors is chosen because it is simple to validate; a header that fails "
    "validation was written by something other than the reference writer and may exploit "
    "parsers of other loaders or hide data between tensors.",
    example='`"data_offsets": [0, 4096]` for a tensor of shape [2] and dtype F32.',
    remediation="Re-export the tensors with the safetensors library and verify the file's "
    "signature.",
    references=(cwe(20), url("https://github.com/huggingface/safetensors")),
)

CONFIG_CODE = Rule(
    id="MF115",
    name="loader-config-runs-code",
    title="Model configuration makes the loader import and call code",
    severity=Severity.HIGH,
    controls=(C("MS4"), C("SC6")),
    summary="Configuration shipped with a model names code that the loading library runs: a "
    "Hydra `_target_` (with `_args_`, `_partial_`) in a NeMo archive's YAML or in safetensors "
    "`__metadata__`, which `hydra.utils.instantiate` imports and calls, or a Hugging Face "
    "`auto_map` entry in `config.json`/`tokenizer_config.json` that points at a `.py` file "
    "of the model folder, which `trust_remote_code=True` imports (and `custom_pipelines` "
    "entries, which `pipeline(..., trust_remote_code=True)` imports, and a "
    "`custom_generate/generate.py` shipped in the folder), or a skops "
    "`schema.json` node that names a callable reaching the system, or an `OperatorFuncNode` "
    "that loads `operator.<name>` under another type's name (CVE-2025-54412). Critical when "
    "the target "
    "is a callable that runs commands, evaluates code or writes files; medium when it is a "
    "callable secplan cannot classify.",
    rationale="The configuration is code by another name: `_target_: os.system` runs a "
    "command on `instantiate` (NeMo CVE-2025-23304, the 2026 safetensors-metadata research), "
    "and an `auto_map` module runs whatever it contains on import.",
    example='`encoder: {_target_: builtins.exec, _args_: ["import os; ..."]}` in '
    "`model_config.yaml` of a `.nemo` archive.",
    remediation="Do not load the model with the library that instantiates its configuration; "
    "review the named module or callable, pin a reviewed revision, and load without "
    "`trust_remote_code`.",
    references=(
        cwe(94),
        cwe(502),
        url("https://nvd.nist.gov/vuln/detail/CVE-2025-23304"),
        url("https://huggingface.co/docs/transformers/en/custom_models"),
    ),
)

MODEL_CODE = Rule(
    id="MF116",
    name="code-in-model-file",
    title="Model archive carries code its loader runs",
    severity=Severity.HIGH,
    controls=(C("MS4"), C("SC6")),
    summary="The archive holds code that loading it runs: the Python sources of a "
    "`torch.package` archive (PackageImporter executes them; critical), TorchScript `code/` "
    "that calls file or process operations (`torch.from_file(..., shared=True)`, "
    "`torch.ops` file or process ops, `open`, `os`/`subprocess`), or a Keras layer that wraps "
    "a serialized PyTorch module. Clean TorchScript (tensor arithmetic only) is not reported.",
    rationale="`torch.load` hands TorchScript archives to `torch.jit.load`, which runs their "
    "`__setstate__` code, and `torch.package` imports its packaged modules: a model file that "
    "carries code runs it with the loader's privileges (CVE-2025-32434).",
    example="`torch.from_file('/home/user/.bashrc', True, 64)` in `archive/code/__torch__.py`.",
    remediation="Do not load the archive; obtain plain weights (safetensors) and the model "
    "code from a reviewed source.",
    references=(
        cwe(94),
        url("https://nvd.nist.gov/vuln/detail/CVE-2025-32434"),
        url("https://pytorch.org/docs/stable/package.html"),
    ),
)

RULES: tuple[Rule, ...] = (
    DANGEROUS_CALLABLE,
    UNKNOWN_CALLABLE,
    MALFORMED,
    NOT_VERIFIED,
    ARCHIVE_TRAVERSAL,
    ARCHIVE_LINK,
    ARCHIVE_BOMB,
    KERAS_LAMBDA,
    KERAS_CUSTOM,
    SAVEDMODEL_OP,
    ONNX_EXTERNAL,
    ONNX_DOMAIN,
    GGUF_TEMPLATE,
    SAFETENSORS_MALFORMED,
    CONFIG_CODE,
    MODEL_CODE,
)
