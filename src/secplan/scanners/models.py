"""First model checks: signatures (MS1), loader risk of the format (MS4), provenance (SC6),
model cards (MS3). The full model-file analyzer plugs in beside these."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import ClassVar

from secplan.governance.records import covering_model
from secplan.model import Artifact, ArtifactKind, ControlId, Location, Rule, Severity
from secplan.model.finding import Confidence, Finding
from secplan.model.rule import atlas, cwe, url
from secplan.scanners._base import ScanContext

C = ControlId

#: The default signature file name of the OpenSSF model-signing format.
SIGNATURE_NAMES = ("model.sig",)
MODEL_CARD_NAMES = ("MODEL_CARD.md", "model_card.md", "MODELCARD.md", "modelcard.md")
PICKLE_FORMATS = frozenset(
    {
        "pickle",
        "joblib",
        "joblib-zlib",
        "joblib-gzip",
        "joblib-bzip2",
        "joblib-xz",
        "joblib-lzma",
        "pytorch-zip",
        "pytorch-tar",
        "pytorch",
        "torchscript",
        "dill",
    }
)

UNSIGNED_MODEL = Rule(
    id="MF001",
    name="unsigned-model",
    title="Model file without a signature",
    severity=Severity.MEDIUM,
    controls=(C("MS1"),),
    summary="A model file is not covered by a signature: there is no `model.sig` (OpenSSF "
    "model-signing bundle) in its directory or any parent directory of the project, and no "
    "`<file>.sig` beside it.",
    rationale="Without a signature nobody can tell whether the model that is deployed is the "
    "one that was trained, reviewed and scanned. Swapping model files is a known supply-chain "
    "attack on ML systems.",
    example="models/classifier.pkl with no models/model.sig.",
    remediation="Sign the model directory (OpenSSF model-signing format, `model.sig`) in the "
    "pipeline that produces it, and verify the signature before loading.",
    references=(
        atlas("AML.M0013"),
        atlas("AML.M0014"),
        cwe(345),
        url("https://github.com/sigstore/model-transparency"),
    ),
)

PICKLE_FORMAT = Rule(
    id="MF002",
    name="code-executing-model-format",
    title="Model stored in a format whose loader can run code",
    severity=Severity.LOW,
    controls=(C("MS4"),),
    summary="The model is stored in a pickle-based format (pickle, joblib, PyTorch checkpoints, "
    "TorchScript): loading it with the usual loader can execute arbitrary code carried by the "
    "file.",
    rationale="A pickle-based model is a program as much as it is data. Even when this file is "
    "benign, every consumer must trust its whole chain of custody, and scanners that try to "
    "tell benign from malicious pickles are bypassed regularly.",
    example="`torch.save(model, 'model.pt')`, `joblib.dump(clf, 'model.joblib')`.",
    remediation="Prefer a format without code execution, such as safetensors for tensors (or "
    "ONNX / skops for classic models); where pickle must stay, load with "
    "`torch.load(weights_only=True)` and verify the file's signature first.",
    references=(cwe(502), atlas("AML.T0010"), url("https://huggingface.co/docs/safetensors")),
)

UNKNOWN_PROVENANCE = Rule(
    id="MF003",
    name="model-without-provenance",
    title="Model of unrecorded origin or licence",
    severity=Severity.MEDIUM,
    controls=(C("SC6"),),
    summary="A model file is not covered by a model record under `.secplan/models/` that names "
    "its source and licence. A raw pickle of plain data (lists and dicts of integers and "
    "strings, at least 16 integers, no class, no float: a pickled list of image indices) is "
    "no model and is not "
    "reported, here or by MF004; MF001 and MF002 still apply to it.",
    rationale="Third-party models carry supply-chain and licence risk: without a record of "
    "where a model came from (hub repository and revision, vendor, internal pipeline) and "
    "under which licence, it cannot be assessed, updated or withdrawn.",
    example="models/bert.bin downloaded by hand, no record of the hub revision.",
    remediation="Add `.secplan/models/<name>.toml` with `path`, `source` (for example "
    "`hf://org/name`), `revision` (a commit hash), `licence` and `owner`.",
    references=(atlas("AML.M0023"), atlas("AML.M0025")),
)

MISSING_MODEL_CARD = Rule(
    id="MF004",
    name="model-without-card",
    title="Model without a model card",
    severity=Severity.LOW,
    controls=(C("MS3"),),
    summary="No model card covers the model: no `MODEL_CARD.md`/`model_card.md` in its "
    "directory or above it, no `README.md` in its own directory, and no `card` in its record.",
    rationale="A model card states intended use, training data, limits and evaluation results. "
    "Explainability, threat modelling and safe reuse all start from it.",
    example="models/classifier.pkl without models/MODEL_CARD.md.",
    remediation="Write a model card beside the model (intended use, data, metrics, limits, "
    'ethical considerations) or point to it with `card = "..."` in the model record.',
    references=(url("https://huggingface.co/docs/hub/model-cards"),),
)


#: A raw pickle up to this size, and this many opcodes, is read to tell plain data from a
#: model; a larger one stays a model.
MAX_PLAIN_PICKLE = 4 << 20
MAX_PLAIN_OPS = 200_000
#: Opcodes that name or build an object of some class (what every model's pickle holds), or
#: hold a floating-point number (weights, even as a plain list).
_MODEL_OPS = frozenset(
    {
        "FLOAT",
        "BINFLOAT",
        "GLOBAL",
        "STACK_GLOBAL",
        "REDUCE",
        "INST",
        "OBJ",
        "NEWOBJ",
        "NEWOBJ_EX",
        "BUILD",
        "EXT1",
        "EXT2",
        "EXT4",
        "PERSID",
        "BINPERSID",
    }
)


_INT_OPS = frozenset({"INT", "BININT", "BININT1", "BININT2", "LONG", "LONG1", "LONG4"})
#: Integers a pickle of plain data holds at least (a list of indices, of ids): a single
#: number or a short record says nothing of what the file is.
MIN_PLAIN_INTS = 16


def plain_data_pickle(path: Path, size: int) -> bool:
    """Whether the raw pickle at ``path`` holds plain Python data only: integers (at least
    :data:`MIN_PLAIN_INTS`), strings, lists and dicts. No opcode names a class or builds an
    object, and no number is a float, so it carries no weights: data (a list of image
    indices), not a model. The opcodes are read with :mod:`pickletools`, never run.

    >>> import pickle, tempfile, os
    >>> with tempfile.NamedTemporaryFile(delete=False) as f:
    ...     _ = f.write(pickle.dumps([*range(0, 900, 7), {"a": "b"}]))
    >>> plain_data_pickle(Path(f.name), os.path.getsize(f.name))
    True
    >>> for value in (Path("x"), {"weights": [0.1, 0.2]}, 1):
    ...     _ = Path(f.name).write_bytes(pickle.dumps(value))
    ...     plain_data_pickle(Path(f.name), os.path.getsize(f.name))
    False
    False
    False
    >>> os.unlink(f.name)
    """
    import pickletools

    if size > MAX_PLAIN_PICKLE:
        return False
    try:
        with path.open("rb") as f:
            data = f.read(MAX_PLAIN_PICKLE + 1)
        ints = 0
        for n, (op, _, _) in enumerate(pickletools.genops(data)):
            if op.name in _MODEL_OPS or n > MAX_PLAIN_OPS:
                return False
            ints += op.name in _INT_OPS
            if op.name == "STOP":
                return ints >= MIN_PLAIN_INTS
    except (OSError, ValueError, EOFError, KeyError, UnicodeDecodeError, OverflowError):
        return False
    return False


def _ancestors(relpath: str) -> Iterator[PurePosixPath]:
    """The directories containing ``relpath``, from its own up to the root (``.``)."""
    parent = PurePosixPath(relpath).parent
    while True:
        yield parent
        if parent == PurePosixPath("."):
            return
        parent = parent.parent


def _exists(root: Path, rel: PurePosixPath | str) -> bool:
    return (root / str(rel)).is_file()


class ModelScanner:
    """Integrity, provenance and documentation of model files."""

    name: ClassVar[str] = "models"
    rules: ClassVar[tuple[Rule, ...]] = (
        UNSIGNED_MODEL,
        PICKLE_FORMAT,
        UNKNOWN_PROVENANCE,
        MISSING_MODEL_CARD,
    )

    def applies_to(self, artifact: Artifact) -> bool:
        return artifact.kind is ArtifactKind.MODEL

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        loc = Location(path=artifact.relpath)
        rel = artifact.relpath
        root = ctx.root if ctx.root.is_dir() else ctx.root.parent
        dirs = list(_ancestors(rel))
        if not _exists(root, rel + ".sig") and not any(
            _exists(root, d / n) for d in dirs for n in SIGNATURE_NAMES
        ):
            yield UNSIGNED_MODEL.at(
                loc,
                "model file is not covered by any signature",
                evidence="no model.sig in " + ", ".join(map(str, dirs)),
            )
        if artifact.format in PICKLE_FORMATS:
            yield PICKLE_FORMAT.at(
                loc,
                f"model stored as {artifact.format}: loading it can run code",
                evidence=f"format {artifact.format}"
                + (" (from file content)" if artifact.sniffed else " (from file name)"),
                confidence=Confidence.HIGH if artifact.sniffed else Confidence.MEDIUM,
            )
        if artifact.format == "pickle" and plain_data_pickle(artifact.path, artifact.size):
            return  # lists and numbers, not a model: no provenance or card to ask for
        record = covering_model(ctx.records, rel)
        if record is None or not record.source or not record.licence:
            missing = (
                "no model record"
                if record is None
                else (
                    "record "
                    + record.file
                    + " lacks "
                    + " and ".join(
                        k
                        for k, v in (("source", record.source), ("licence", record.licence))
                        if not v
                    )
                )
            )
            yield UNKNOWN_PROVENANCE.at(
                loc, "model has no recorded source and licence", evidence=missing
            )
        card_found = record is not None and record.card is not None and _exists(root, record.card)
        if not card_found:
            card_found = any(_exists(root, d / n) for d in dirs for n in MODEL_CARD_NAMES) or (
                dirs[0] != PurePosixPath(".") and _exists(root, dirs[0] / "README.md")
            )
        if not card_found:
            yield MISSING_MODEL_CARD.at(loc, "no model card describes this model")
