"""MF115 and MF113: configuration that loaders execute (Hydra ``_target_`` in NeMo YAML and
safetensors metadata, Hugging Face ``auto_map``) and chat templates in tokenizer configs.

Payloads are canaries (``touch <tmp>/CANARY``); the conftest asserts none ever ran.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secplan.model import Severity
from secplan.modelfile import analyze_file
from secplan.modelfile.templates import template_findings

from .build import P, canary, rules, safetensors, scan_bytes, scan_file, system, tar_bytes


def _nemo(config: str) -> bytes:
    return tar_bytes([("./model_config.yaml", config.encode(), ""), ("./vocab.txt", b"a", "")])


@pytest.mark.parametrize(
    "config",
    [
        "_target_: builtins.exec\n_args_:\n  - \"open('{c}', 'w')\"\n",
        "_target_: subprocess.run\nargs: ['sh', '-c', '{c}']\n",
        "_target_: builtins.dict\npre:\n  _target_: os.system\n  _args_: ['{c}']\n",
        "enc:\n  _target_: builtins.eval\n  _partial_: true\n  _args_: ['1']\n",
        "a: &x\n  _target_: posix.system\n  _args_: ['{c}']\nb: *x\n",  # an alias, visited once
    ],
)
def test_nemo_hydra_target_is_critical(tmp_path: Path, config: str) -> None:
    found = scan_file(tmp_path, "model.nemo", _nemo(config.replace("{c}", canary(tmp_path))))
    hits = [f for f in found if f.rule == "MF115"]
    assert hits and max(f.severity for f in hits) is Severity.CRITICAL
    assert hits[0].location.member == "./model_config.yaml"


def test_nemo_hydra_known_and_unknown_targets(tmp_path: Path) -> None:
    config = (
        "encoder:\n  _target_: collections.OrderedDict\n"
        "decoder:\n  _target_: nemo.collections.asr.modules.ConvASRDecoder\n  feat_in: 4\n"
    )
    found = scan_file(tmp_path, "m.nemo", _nemo(config))
    assert [(f.rule, f.severity) for f in found] == [("MF115", Severity.MEDIUM)]
    assert "ConvASRDecoder" in found[0].message


def test_yaml_python_tag_is_high(tmp_path: Path) -> None:
    config = f"x: !!python/object/apply:os.system ['{canary(tmp_path)}']\n"
    [f] = scan_file(tmp_path, "m.nemo", _nemo(config))
    assert (f.rule, f.severity) == ("MF115", Severity.HIGH)


def test_plain_yaml_in_archive_is_clean(tmp_path: Path) -> None:
    assert scan_file(tmp_path, "m.nemo", _nemo("sample_rate: 16000\nlabels: [a, b]\n")) == []
    empty = tar_bytes([("./model_config.yaml", b"a: 1\n", ""), ("./model_weights.ckpt", b"", "")])
    assert scan_file(tmp_path, "e.nemo", empty) == []  # an empty member: nothing to load


def _st(metadata: dict[str, str]) -> bytes:
    return safetensors(
        {"__metadata__": metadata, "w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}},
        8,
    )


@pytest.mark.parametrize(
    "config",
    [
        {"_target_": "builtins.exec", "_args_": ["open('{c}', 'w')"]},
        {"encoder": {"_target_": "os.system", "_args_": ["{c}"]}, "dim": 64},
    ],
)
def test_safetensors_metadata_hydra(tmp_path: Path, config: dict[str, object]) -> None:
    text = json.dumps(config).replace("{c}", canary(tmp_path))
    found = scan_file(tmp_path, "m.safetensors", _st({"format": "pt", "config": text}))
    assert [(f.rule, f.severity) for f in found] == [("MF115", Severity.CRITICAL)]
    assert "__metadata__['config']" in found[0].evidence


def test_safetensors_flat_metadata_target(tmp_path: Path) -> None:
    found = scan_file(tmp_path, "m.safetensors", _st({"_target_": "os.system", "x": "1"}))
    assert rules(found) == ["MF115"]


def test_safetensors_ordinary_metadata_is_clean(tmp_path: Path) -> None:
    meta = {"format": "pt", "config": json.dumps({"dim": 64, "note": "_target_ less"})}
    assert scan_file(tmp_path, "m.safetensors", _st(meta)) == []


def test_auto_map_names_the_module_file(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "configuration_tiny.py").write_text(f"import os\nos.system('{canary(tmp_path)}')\n")
    cfg = {"model_type": "tiny", "auto_map": {"AutoConfig": "configuration_tiny.TinyConfig"}}
    (folder / "config.json").write_text(json.dumps(cfg))
    [f] = analyze_file(folder / "config.json", "model/config.json")
    assert (f.rule, f.severity) == ("MF115", Severity.HIGH)
    assert "model/configuration_tiny.py in the model folder" in f.message


def test_auto_map_tokenizer_lists_and_remote_repos(tmp_path: Path) -> None:
    tok = {
        "auto_map": {
            "AutoTokenizer": ["tokenization_tiny.TinyTokenizer", None],
            "AutoModel": "org/other--modeling_x.Model",
        }
    }
    found = scan_file(tmp_path, "tokenizer_config.json", json.dumps(tok).encode())
    assert {f.rule for f in found} == {"MF115"} and len(found) == 2
    assert any("'org/other'" in f.message for f in found)


def test_hf_config_without_code_is_clean(tmp_path: Path) -> None:
    cfg = {"model_type": "bert", "architectures": ["BertModel"], "hidden_size": 8}
    assert scan_file(tmp_path, "config.json", json.dumps(cfg).encode()) == []


def test_tokenizer_config_chat_template(tmp_path: Path) -> None:
    bad = "{{ cycler.__init__.__globals__.os.popen('" + canary(tmp_path) + "').read() }}"
    tok = {"chat_template": bad, "eos_token": "</s>"}
    found = scan_file(tmp_path, "tokenizer_config.json", json.dumps(tok).encode())
    assert rules(found) == ["MF113"] and max(f.severity for f in found) is Severity.CRITICAL
    named = {"chat_template": [{"name": "tool_use", "template": bad}]}
    found = scan_file(tmp_path, "t2/tokenizer_config.json", json.dumps(named).encode())
    assert "'tool_use'" in found[0].message
    found = scan_file(tmp_path, "chat_template.jinja", bad.encode())
    assert rules(found) == ["MF113"]


def test_tokenizer_config_benign_template(tmp_path: Path) -> None:
    chat = "{% for m in messages %}<|{{ m['role'] }}|>{{ m.content }}{% endfor %}"
    tok = {"chat_template": chat, "added_tokens_decoder": {"0": {"content": "<s>"}}}
    assert scan_file(tmp_path, "tokenizer_config.json", json.dumps(tok).encode()) == []


def test_keras_config_json_without_metadata(tmp_path: Path) -> None:
    from .build import std_zip

    cfg = {"module": "os", "class_name": "system", "config": canary(tmp_path)}
    found = scan_file(tmp_path, "m.keras", std_zip({"config.json": json.dumps(cfg).encode()}))
    assert [(f.rule, f.severity) for f in found] == [("MF109", Severity.CRITICAL)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_template_analysis_never_raises(source: str) -> None:
    for severity, what in template_findings(source):
        assert severity in ("critical", "high", "medium") and what


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_config_handlers_never_raise(data: bytes) -> None:
    names = ("config.json", "tokenizer_config.json", "model_config.yaml", "chat_template.jinja")
    for name in names:
        for f in scan_bytes(data, name=name):
            assert f.rule in ("MF103", "MF104", "MF113", "MF115", "MF108", "MF109")


def _legacy_joblib(side: str) -> bytes:
    """As pickle.dumps writes it: every string memoised (BINPUT) after it is pushed."""
    p = P().glob("joblib.numpy_pickle_compat", "NDArrayWrapper").raw(b")\x81}(")
    p.s("filename").raw(b"q\x05").s(side).raw(b"q\x06")
    return p.s("allow_mmap").raw(b"\x89ub").stop()


def _object_npy(payload: bytes) -> bytes:
    header = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }"
    header += " " * (-(10 + len(header) + 1) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + payload


def test_old_joblib_side_file_is_followed(tmp_path: Path) -> None:
    (tmp_path / "model.pkl_01.npy").write_bytes(_object_npy(system(tmp_path)))
    found = scan_file(tmp_path, "model.pkl", _legacy_joblib("model.pkl_01.npy"))
    crit = [f for f in found if f.rule == "MF101"]
    assert crit and crit[0].location.member == "model.pkl_01.npy"


def test_old_joblib_side_file_there_and_clean_leaves_no_finding(tmp_path: Path) -> None:
    """joblib 0.9 files as published (joblib's own test data): the arrays beside the pickle
    are read and found clean, so the reference itself is no finding."""
    header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }"
    header += " " * (-(10 + len(header) + 1) % 64) + "\n"
    numeric = b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode()
    (tmp_path / "model.pkl_01.npy").write_bytes(numeric + b"\x00" * 16)
    (tmp_path / "model.pkl_02.npy").write_bytes(_object_npy(P().s("a").stop()))
    clean = scan_file(tmp_path, "model.pkl", _legacy_joblib("model.pkl_01.npy"))
    assert [f for f in clean if f.severity > Severity.INFO] == []
    assert scan_file(tmp_path, "m2.pkl", _legacy_joblib("model.pkl_02.npy")) == []
    # a name the wrapper takes from the memo (not a literal after "filename") is followed too
    p = P().s("model.pkl_01.npy").raw(b"q\x07").raw(b"0")  # memoised, then popped
    p.glob("joblib.numpy_pickle_compat", "NDArrayWrapper").raw(b")\x81}(")
    p.s("filename").raw(b"h\x07").s("allow_mmap").raw(b"\x89ub")
    (tmp_path / "model.pkl_01.npy").write_bytes(_object_npy(system(tmp_path)))
    found = scan_file(tmp_path, "m3.pkl", p.stop())
    assert any(f.rule == "MF101" and f.location.member == "model.pkl_01.npy" for f in found)


def test_old_joblib_side_file_outside_or_missing(tmp_path: Path) -> None:
    found = scan_file(tmp_path, "a.pkl", _legacy_joblib("../../etc/x.npy"))
    assert any(f.rule == "MF103" and f.severity is Severity.HIGH for f in found)
    found = scan_file(tmp_path, "b.pkl", _legacy_joblib("b.pkl_01.npy"))
    assert any(f.rule == "MF104" and "missing" in f.message for f in found)


def test_yaml_alias_bomb_is_bounded(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 30)]
    lines += ["m:", "  _target_: os.system", "  _args_: [*a29]"]
    found = scan_file(tmp_path, "b.nemo", _nemo("\n".join(lines) + "\n"))
    assert [(f.rule, f.severity) for f in found] == [("MF115", Severity.CRITICAL)]


def test_named_chat_templates_in_their_folder_are_found_by_a_model_scan(tmp_path: Path) -> None:
    from datetime import date

    from secplan.config import Settings
    from secplan.governance.records import Records
    from secplan.model_scan import scan_models

    folder = tmp_path / "model" / "additional_chat_templates"
    folder.mkdir(parents=True)
    bad = "{{ cycler.__init__.__globals__.os.popen('" + canary(tmp_path) + "').read() }}"
    (folder / "tool_use.jinja").write_text(bad)
    (tmp_path / "model" / "notes.jinja").write_text(bad)  # not a chat template's place
    a = scan_models([tmp_path / "model"], Settings(), Records(), as_of=date(2026, 12, 1), jobs=1)
    found = [(f.rule, f.location.path) for f in a.report.findings]
    assert ("MF113", "additional_chat_templates/tool_use.jinja") in found
    assert not any(path.endswith("notes.jinja") for _, path in found)


def test_custom_pipelines_name_the_module_the_pipeline_imports(tmp_path: Path) -> None:
    cfg = {
        "model_type": "tiny",
        "custom_pipelines": {"pair-classification": {"impl": "pair_pipe.PairPipeline"}},
    }
    [f] = scan_file(tmp_path, "config.json", json.dumps(cfg).encode())
    assert (f.rule, f.severity) == ("MF115", Severity.HIGH)
    assert "pair_pipe.py" in f.message and "'pair-classification'" in f.message


def _skops(nodes: list[dict[str, object]]) -> bytes:
    from .build import std_zip

    schema = {
        "__class__": "Pipeline",
        "__module__": "sklearn.pipeline",
        "__loader__": "ObjectNode",
        "content": {"steps": {"__class__": "list", "__module__": "builtins",
                              "__loader__": "ListNode", "content": nodes}},
        "protocol": 2,
        "_skops_version": "0.11.0",
    }  # fmt: skip
    return std_zip({"schema.json": json.dumps(schema).encode()})


@pytest.mark.parametrize(
    ("node", "severity"),
    [
        (
            {
                "__class__": "call",
                "__module__": "sklearn.preprocessing",
                "__loader__": "OperatorFuncNode",
            },
            Severity.CRITICAL,
        ),
        (
            {
                "__class__": "attrgetter",
                "__module__": "_operator",
                "__loader__": "OperatorFuncNode",
            },
            Severity.CRITICAL,
        ),
        (
            {"__class__": "add", "__module__": "sklearn.base", "__loader__": "OperatorFuncNode"},
            Severity.HIGH,
        ),
        (
            {"__class__": "system", "__module__": "os", "__loader__": "FunctionNode"},
            Severity.CRITICAL,
        ),
    ],
)
def test_skops_schema_nodes_are_what_the_loader_imports(
    tmp_path: Path, node: dict[str, object], severity: Severity
) -> None:
    [f] = scan_file(tmp_path, "model.skops", _skops([node]))
    assert (f.rule, f.severity) == ("MF115", severity), f.message


def test_an_ordinary_skops_schema_is_clean(tmp_path: Path) -> None:
    nodes = [
        {"__class__": "add", "__module__": "_operator", "__loader__": "OperatorFuncNode"},
        {"__class__": "LogisticRegression", "__module__": "sklearn.linear_model._logistic",
         "__loader__": "ObjectNode", "content": {"C": {"__class__": "float",
         "__module__": "builtins", "__loader__": "JsonNode", "content": "1.0"}}},
    ]  # fmt: skip
    assert scan_file(tmp_path, "model.skops", _skops(nodes)) == []


@pytest.mark.parametrize("name", ["preprocessor_config.json", "processor_config.json"])
def test_processor_configs_auto_map_is_found(tmp_path: Path, name: str) -> None:
    cfg = {"auto_map": {"AutoProcessor": "processing_tiny.TinyProcessor"}}
    [f] = scan_file(tmp_path, name, json.dumps(cfg).encode())
    assert (f.rule, f.severity) == ("MF115", Severity.HIGH)


def test_custom_generate_module_in_a_model_folder_is_found(tmp_path: Path) -> None:
    from datetime import date

    from secplan.config import Settings
    from secplan.governance.records import Records
    from secplan.model_scan import scan_models

    model = tmp_path / "model"
    (model / "custom_generate").mkdir(parents=True)
    (model / "custom_generate" / "generate.py").write_text(
        f"import os\nos.system('{canary(tmp_path)}')\n"
    )
    (model / "generate.py").write_text("print('a script beside the model, not loaded')\n")
    (model / "config.json").write_text(json.dumps({"model_type": "gpt2"}))
    a = scan_models([model], Settings(), Records(), as_of=date(2026, 12, 1), jobs=1)
    found = [(f.rule, f.location.path) for f in a.report.findings]
    assert found == [("MF115", "custom_generate/generate.py")]


@pytest.mark.parametrize(
    "disguise",
    [
        {"class_name": "Sequential", "config": {"layers": []}},  # shaped like a Keras config
        {"__class__": "Pipeline", "__module__": "sklearn.pipeline", "__loader__": "ObjectNode"},
    ],
)
def test_a_config_shaped_like_another_document_still_has_its_auto_map_read(
    tmp_path: Path, disguise: dict[str, object]
) -> None:
    cfg = {**disguise, "auto_map": {"AutoModel": "modeling_tiny.TinyModel"}}
    found = scan_file(tmp_path, "config.json", json.dumps(cfg).encode())
    assert any(f.rule == "MF115" and "auto_map" in f.message for f in found), found
