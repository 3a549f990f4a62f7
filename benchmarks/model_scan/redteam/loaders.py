"""Load one sample with its real loader; run by verify.py in a throwaway child process.

    python loaders.py LOADER PATH CANARY

Exit 0: the loader returned; 3: it raised (the message is printed). Whether the payload ran
is decided by verify.py from the canary file, never from this exit code. Loaders whose
technique reads a file instead of running code (ONNX external data) create the canary
themselves when the secret reached the loaded model.
"""

from __future__ import annotations

import json
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path

SECRET = "REDTEAM-SECRET-7f3a"


def _pickle(p: Path, c: Path) -> None:
    with p.open("rb") as f:
        pickle.load(f)


def _pickle_stream(p: Path, c: Path) -> None:
    """Read pickles one after another until the end, as stream readers do."""
    with p.open("rb") as f:
        while f.peek(1) if hasattr(f, "peek") else True:
            pickle.load(f)


def _torch(p: Path, c: Path) -> None:
    import torch

    torch.load(p, weights_only=False, map_location="cpu")


def _torch_weights_only(p: Path, c: Path) -> None:
    import torch

    torch.load(p, weights_only=True, map_location="cpu")


def _torch_jit(p: Path, c: Path) -> None:
    import torch

    torch.jit.load(str(p), map_location="cpu")


def _torch_package(p: Path, c: Path) -> None:
    from torch.package import PackageImporter

    PackageImporter(str(p)).load_pickle("model", "model.pkl")


def _joblib(p: Path, c: Path) -> None:
    import joblib

    joblib.load(p)


def _numpy(p: Path, c: Path) -> None:
    import numpy as np

    obj = np.load(p, allow_pickle=True)
    if hasattr(obj, "files"):
        for key in obj.files:
            obj[key]


def _keras(p: Path, c: Path, safe_mode: bool = True) -> None:
    import keras

    keras.saving.load_model(p, safe_mode=safe_mode)


def _keras_unsafe(p: Path, c: Path) -> None:
    _keras(p, c, safe_mode=False)


def _keras_vocab(p: Path, c: Path) -> None:
    """load_model, then look for the secret file's content in a lookup layer's vocabulary."""
    import keras

    model = keras.saving.load_model(p, safe_mode=True)
    for layer in model.layers:
        if hasattr(layer, "get_vocabulary") and SECRET in " ".join(
            map(str, layer.get_vocabulary())
        ):
            c.write_text("the secret file reached the loaded model")


def _tf_load(p: Path, c: Path) -> None:
    import tensorflow as tf

    tf.saved_model.load(str(p))


def _tf_call(p: Path, c: Path) -> None:
    """Load a SavedModel and call its serving signature once (first inference)."""
    import tensorflow as tf

    tf.saved_model.load(str(p)).signatures["serving_default"](tf.constant([1.0]))


def _onnx(p: Path, c: Path) -> None:
    import onnx

    model = onnx.load(str(p / "model.onnx" if p.is_dir() else p))
    for t in model.graph.initializer:
        if SECRET.encode() in t.raw_data:
            c.write_text("the secret file reached the loaded model")


def _render(template: str) -> None:
    """Render a chat template as llama-cpp-python <= 0.2.71 (and others since) did:
    jinja2.Environment without a sandbox."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.BaseLoader())
    msgs = [{"role": "user", "content": "hello"}]
    env.from_string(template).render(
        messages=msgs, add_generation_prompt=True, bos_token="", eos_token=""
    )


def _gguf_jinja(p: Path, c: Path) -> None:
    from gguf import GGUFReader

    field = GGUFReader(str(p)).fields["tokenizer.chat_template"]
    _render(bytes(field.parts[field.data[0]]).decode())


def _hf_jinja(p: Path, c: Path) -> None:
    _render(json.loads(p.read_text())["chat_template"])


def _hydra(cfg: object) -> None:
    from hydra.utils import instantiate
    from omegaconf import OmegaConf

    instantiate(OmegaConf.create(cfg))


def _hydra_nemo(p: Path, c: Path) -> None:
    """What NeMo's restore_from does with model_config.yaml: instantiate its targets."""
    import tarfile

    import yaml

    with tarfile.open(p) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("model_config.yaml"))
        cfg = yaml.safe_load(tar.extractfile(member).read())  # type: ignore[union-attr]
    _hydra(cfg)


def _hydra_safetensors(p: Path, c: Path) -> None:
    """What the libraries Unit 42 reported do: instantiate a config kept in the metadata."""
    from safetensors import safe_open

    with safe_open(str(p), framework="numpy") as f:
        meta = f.metadata()
    _hydra(json.loads(meta["config"]))


def _hf_config(p: Path, c: Path) -> None:
    from transformers import AutoConfig

    AutoConfig.from_pretrained(str(p), trust_remote_code=True)


def _hf_tokenizer(p: Path, c: Path) -> None:
    from transformers import AutoTokenizer

    AutoTokenizer.from_pretrained(str(p), trust_remote_code=True)


def _sevenzip_pickle(p: Path, c: Path) -> None:
    import tempfile

    import py7zr

    with tempfile.TemporaryDirectory() as tmp, py7zr.SevenZipFile(p) as z:
        z.extractall(tmp)
        for f in sorted(Path(tmp).rglob("*.pkl")):
            _pickle(f, c)


def _tar_extract(p: Path, c: Path) -> None:
    """Unpack a .nemo archive as NeMo's unpack_tarball did: tarfile.extractall, no filter."""
    import tarfile

    dest = Path.cwd() / "extract"
    dest.mkdir()
    with tarfile.open(p) as tar:
        tar.extractall(dest)  # the behaviour under test


def _onnx_resave(p: Path, c: Path) -> None:
    """Load without external data and save again, as conversion and optimisation tools do."""
    import onnx

    model = onnx.load(str(p), load_external_data=False)
    onnx.save_model(model, "resaved.onnx")


def _gguf_named_jinja(p: Path, c: Path) -> None:
    """Render every tokenizer.chat_template* key: llama-cpp-python registers each named
    template (tokenizer.chat_template.<name>) as a chat handler."""
    from gguf import GGUFReader

    for name, field in GGUFReader(str(p)).fields.items():
        if name.startswith("tokenizer.chat_template") and field.data:
            _render(bytes(field.parts[field.data[0]]).decode())


def _hf_template_files(p: Path, c: Path) -> None:
    """Render the chat templates a model folder keeps in files of their own."""
    if (p / "chat_template.jinja").exists():
        _render((p / "chat_template.jinja").read_text())
    if (p / "chat_template.json").exists():
        _render(json.loads((p / "chat_template.json").read_text())["chat_template"])
    for f in sorted((p / "additional_chat_templates").glob("*.jinja")):
        _render(f.read_text())


def _skops_card(p: Path, c: Path) -> None:
    from skops.card import Card

    Card(model=p).get_model()


def _skops_load(p: Path, c: Path) -> None:
    """The documented workflow: list the untrusted types, then load trusting them."""
    import skops.io as sio

    sio.load(p, trusted=sio.get_untrusted_types(file=p))


def _keras_get_file(p: Path, c: Path) -> None:
    """keras.utils.get_file(extract=True) on a local archive (file:// origin), with a fresh
    cache folder in the working folder so that no sample meets another's cached download."""
    import keras

    cache = Path.cwd() / "cache"
    cache.mkdir()  # get_file falls back to a folder under the system temp dir otherwise
    keras.utils.get_file(origin=p.as_uri(), extract=True, cache_dir=str(cache))


def _hf_jinja_named(p: Path, c: Path) -> None:
    """tokenizer_config.json chat_template given as a list of named templates: each one."""
    value = json.loads(p.read_text())["chat_template"]
    for t in value if isinstance(value, list) else [{"template": value}]:
        _render(t["template"])


def _torch_export(p: Path, c: Path) -> None:
    import torch

    torch.export.load(str(p))


def _torch_dcp(p: Path, c: Path) -> None:
    """Load a distributed checkpoint into a state dict with the keys a training script has."""
    import torch
    import torch.distributed.checkpoint as dcp

    dcp.load({"weight": torch.zeros(2, 2), "step": 0}, checkpoint_id=str(p))


def _hf_causal_lm(p: Path, c: Path) -> None:
    from transformers import AutoModelForCausalLM

    AutoModelForCausalLM.from_pretrained(str(p), trust_remote_code=True)


def _hf_feature_extractor(p: Path, c: Path) -> None:
    from transformers import AutoFeatureExtractor

    AutoFeatureExtractor.from_pretrained(str(p), trust_remote_code=True)


def _hf_processor(p: Path, c: Path) -> None:
    from transformers import AutoProcessor

    AutoProcessor.from_pretrained(str(p), trust_remote_code=True)


def _hf_pipeline(p: Path, c: Path) -> None:
    from transformers import pipeline

    pipeline(model=str(p), trust_remote_code=True)


LOADERS: dict[str, Callable[[Path, Path], None]] = {
    "pickle": _pickle,
    "pickle_stream": _pickle_stream,
    "torch": _torch,
    "torch_weights_only": _torch_weights_only,
    "torch_jit": _torch_jit,
    "torch_package": _torch_package,
    "joblib": _joblib,
    "numpy": _numpy,
    "keras": _keras,
    "keras_unsafe": _keras_unsafe,
    "keras_vocab": _keras_vocab,
    "tf_load": _tf_load,
    "tf_call": _tf_call,
    "onnx": _onnx,
    "gguf_jinja": _gguf_jinja,
    "hf_jinja": _hf_jinja,
    "hydra_nemo": _hydra_nemo,
    "hydra_safetensors": _hydra_safetensors,
    "hf_config": _hf_config,
    "hf_tokenizer": _hf_tokenizer,
    "sevenzip_pickle": _sevenzip_pickle,
    "tar_extract": _tar_extract,
    "onnx_resave": _onnx_resave,
    "gguf_named_jinja": _gguf_named_jinja,
    "hf_template_files": _hf_template_files,
    "skops_card": _skops_card,
    "skops_load": _skops_load,
    "keras_get_file": _keras_get_file,
    "torch_export": _torch_export,
    "torch_dcp": _torch_dcp,
    "hf_causal_lm": _hf_causal_lm,
    "hf_feature_extractor": _hf_feature_extractor,
    "hf_processor": _hf_processor,
    "hf_jinja_named": _hf_jinja_named,
    "hf_pipeline": _hf_pipeline,
}

CALLS = {
    "pickle": "pickle.load(f)",
    "pickle_stream": "pickle.load(f) until end of file",
    "torch": "torch.load(f, weights_only=False)",
    "torch_weights_only": "torch.load(f, weights_only=True)",
    "torch_jit": "torch.jit.load(f)",
    "torch_package": "PackageImporter(f).load_pickle(...)",
    "joblib": "joblib.load(f)",
    "numpy": "numpy.load(f, allow_pickle=True)",
    "keras": "keras.saving.load_model(f, safe_mode=True)",
    "keras_unsafe": "keras.saving.load_model(f, safe_mode=False)",
    "keras_vocab": "keras.saving.load_model(f, safe_mode=True), vocabulary read",
    "tf_load": "tf.saved_model.load(dir)",
    "tf_call": "tf.saved_model.load(dir) + first call of serving_default",
    "onnx": "onnx.load(f) (external data)",
    "gguf_jinja": "GGUF chat template rendered by jinja2.Environment (unsandboxed)",
    "hf_jinja": "chat_template rendered by jinja2.Environment (unsandboxed)",
    "hydra_nemo": "hydra.utils.instantiate(model_config.yaml) as NeMo restore",
    "hydra_safetensors": "hydra.utils.instantiate(safetensors metadata config)",
    "hf_config": "AutoConfig.from_pretrained(dir, trust_remote_code=True)",
    "hf_tokenizer": "AutoTokenizer.from_pretrained(dir, trust_remote_code=True)",
    "sevenzip_pickle": "py7zr extract + pickle.load",
    "tar_extract": "tarfile.extractall(dir) without a filter (NeMo unpack_tarball)",
    "onnx_resave": "onnx.load(f, load_external_data=False) + onnx.save_model(...)",
    "gguf_named_jinja": "every GGUF tokenizer.chat_template* rendered by jinja2.Environment",
    "hf_template_files": "chat_template.jinja/.json, additional_chat_templates/ rendered",
    "skops_card": "skops.card.Card(model=f).get_model()",
    "skops_load": "skops.io.load(f, trusted=skops.io.get_untrusted_types(file=f))",
    "keras_get_file": "keras.utils.get_file(origin=file://f, extract=True)",
    "torch_export": "torch.export.load(f)",
    "torch_dcp": "torch.distributed.checkpoint.load(state_dict, checkpoint_id=dir)",
    "hf_causal_lm": "AutoModelForCausalLM.from_pretrained(dir, trust_remote_code=True)",
    "hf_feature_extractor": "AutoFeatureExtractor.from_pretrained(dir, trust_remote_code=True)",
    "hf_processor": "AutoProcessor.from_pretrained(dir, trust_remote_code=True)",
    "hf_jinja_named": "each named chat_template of tokenizer_config.json rendered (unsandboxed)",
    "hf_pipeline": "transformers.pipeline(model=dir, trust_remote_code=True)",
}


def main() -> int:
    loader, path, canary = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    os.environ.setdefault("KERAS_BACKEND", "torch")
    try:
        LOADERS[loader](path, canary)
    except BaseException as exc:  # the loader's own failure is data here
        print(f"{type(exc).__name__}: {str(exc)[:300]}")
        return 3
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
