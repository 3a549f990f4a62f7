"""MF108-MF114: Keras, SavedModel, ONNX, GGUF chat templates and safetensors headers.

Known false negatives: without h5py, a Keras .h5 configuration whose JSON keys are written
with escape sequences is not found; GGUF templates that build dunder names at render time
from message content are only caught through their other traits (globals, |attr).
"""

from __future__ import annotations

import base64
import json
import struct
import zipfile
from pathlib import Path

import pytest

from secplan.model import Severity
from secplan.modelfile.handlers import gguf as gguf_handler
from secplan.modelfile.limits import Limits
from tests.unit.modelfile.build import gguf, pb, rules, safetensors, scan_bytes, scan_file

F32 = {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}


def test_valid_safetensors_does_not_fire(tmp_path: Path) -> None:
    header = {
        "a": F32,
        "b": {"dtype": "BF16", "shape": [2, 2], "data_offsets": [8, 16]},
        "__metadata__": {"format": "pt"},
    }
    assert scan_file(tmp_path, "m.safetensors", safetensors(header, 16)) == []


@pytest.mark.parametrize(
    "header, data_len, text",
    [
        ({"a": F32, "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}, 12, "overlaps"),
        ({"a": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}, 8, "shape needs"),
        ({"a": {"dtype": "X9", "shape": [2], "data_offsets": [0, 8]}}, 8, "unknown dtype"),
        ({"a": F32}, 4, "of a 4-byte data area"),
        ({"a": F32}, 64, "bytes after the last tensor"),
        ({"a": {"dtype": "F32", "shape": [2], "data_offsets": [8, 16]}}, 16, "unused bytes"),
    ],
)
def test_malformed_safetensors(tmp_path: Path, header: dict, data_len: int, text: str) -> None:  # type: ignore[type-arg]
    found = scan_file(tmp_path, "m.safetensors", safetensors(header, data_len))
    assert rules(found) == ["MF114"] and any(text in f.message for f in found)
    assert all(f.severity is Severity.HIGH for f in found)


def test_safetensors_duplicate_keys(tmp_path: Path) -> None:
    raw = b'{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "a": {}}'
    data = len(raw).to_bytes(8, "little") + raw + b"\x00" * 8
    [f] = scan_file(tmp_path, "m.safetensors", data)
    assert "duplicate key" in f.message


LLAMA = (
    "{% set ns = namespace(found=false) %}{% for m in messages %}"
    "{{ '<|start|>' + m['role'] + '\\n' + m['content'] | trim + '<|end|>' }}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|start|>assistant' }}{% endif %}"
)


@pytest.mark.parametrize(
    "template, severity",
    [
        ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", Severity.CRITICAL),
        ("{{ (lipsum|attr('__glo' ~ 'bals__'))['os'] }}", Severity.CRITICAL),
        ("{{ ''['__cla' + 'ss__'] }}", Severity.CRITICAL),
        ("{{ joiner() }}{% for x in messages %}{{ x }}{% endfor %}", Severity.HIGH),
        ("{% set g = '__glo' ~ 'bals__' %}{{ lipsum[g]['os'] }}", Severity.CRITICAL),
        ("{{ (joiner|attr('\\x5f\\x5finit\\x5f\\x5f')) }}", Severity.CRITICAL),
        ("{{ messages|map(attribute='__class__')|list }}", Severity.CRITICAL),
        ("{{ '{0.__class__}'.format(messages) }}", Severity.CRITICAL),
        ("{{ ''.mro }}", Severity.CRITICAL),
        ("{% set k = messages[0]['role'] ~ 'x' %}{{ messages[k] }}", Severity.HIGH),
        ("{{ messages|attr(messages[0]['role']) }}", Severity.HIGH),
    ],
)
def test_gguf_template_injection(tmp_path: Path, template: str, severity: Severity) -> None:
    found = scan_file(tmp_path, "m.gguf", gguf([("tokenizer.chat_template", template)]))
    assert rules(found) == ["MF113"] and max(f.severity for f in found) is severity


@pytest.mark.parametrize(
    "template",
    [
        "{# import os; __class__ #}{{ messages }}",  # a comment is not rendered
        "{{ 'never __import__ os' }}{{ messages[0]['content'] }}",  # text, not an attribute
        "{% for m in messages %}{{ messages[loop.index0 - 1]['role'] }}{% endfor %}",
    ],
)
def test_template_text_is_not_a_payload(tmp_path: Path, template: str) -> None:
    assert scan_file(tmp_path, "m.gguf", gguf([("tokenizer.chat_template", template)])) == []


def test_gguf_benign_template_and_metadata(tmp_path: Path) -> None:
    data = gguf([("general.architecture", "llama"), ("tokenizer.chat_template", LLAMA)])
    assert scan_file(tmp_path, "m.gguf", data) == []


def _gguf_with_vocab(tokens: list[bytes], template: str, cut: int = 0) -> bytes:
    """A GGUF v3 header: a vocabulary (an array of strings), then a chat template; ``cut``
    bytes taken off the vocabulary's end."""

    def s(data: bytes) -> bytes:
        return struct.pack("<Q", len(data)) + data

    vocab = s(b"tokenizer.ggml.tokens") + struct.pack("<IIQ", 9, 8, len(tokens))
    vocab += b"".join(s(t) for t in tokens)
    if cut:
        return b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + vocab[:-cut]
    tail = s(b"tokenizer.chat_template") + struct.pack("<I", 8) + s(template.encode())
    return b"GGUF" + struct.pack("<IQQ", 3, 0, 2) + vocab + tail


def test_gguf_vocabulary_is_stepped_over_to_the_template(tmp_path: Path) -> None:
    tokens = [f"tok{i}".encode() * (i % 7) for i in range(5000)]  # empty ones too
    template = "{{ cycler.__init__.__globals__.os.popen('id').read() }}"
    found = scan_file(tmp_path, "m.gguf", _gguf_with_vocab(tokens, template))
    assert rules(found) == ["MF113"] and found[0].severity is Severity.CRITICAL
    assert scan_file(tmp_path, "c.gguf", _gguf_with_vocab(tokens, LLAMA)) == []


@pytest.mark.parametrize("cut", [0, 3, 12, 40])
@pytest.mark.parametrize(
    "tokens",
    [
        [b"ab"] * 3000,  # all short: stepped over whole runs at a time
        [b"x" * (40 if i % 100 == 7 else i % 9) for i in range(3000)],  # a long one now and then
        [b"y" * 31] * 700 + [b"z" * 32] + [b"w"] * 700,  # the longest short string, then one more
    ],
)
def test_gguf_vocabulary_runs_step_over_what_the_loop_steps_over(
    tmp_path: Path, tokens: list[bytes], cut: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _gguf_with_vocab(tokens, "{{ cycler.__init__.__globals__ }}", cut=cut)
    runs = []
    real = gguf_handler._short_strings

    def counted(width: int) -> object:
        def match(buf: object, pos: int, end: int) -> object:
            found = real(width)(buf, pos, end)  # type: ignore[arg-type]
            runs.append(found is not None)
            return found

        return match

    with monkeypatch.context() as m:
        m.setattr(gguf_handler, "_short_strings", counted)
        fast = scan_file(tmp_path, "a.gguf", data)
    assert any(runs)  # runs of short strings were stepped over whole
    with monkeypatch.context() as m:  # every string through the loop over lengths
        m.setattr(gguf_handler, "_short_strings", lambda width: lambda buf, pos, end: None)
        slow = scan_file(tmp_path, "b.gguf", data)
    assert [(f.rule, f.message, f.location.offset) for f in fast] == [
        (f.rule, f.message, f.location.offset) for f in slow
    ]
    assert fast  # the template after the vocabulary, or where the vocabulary breaks


def test_gguf_vocabulary_cut_short_is_malformed_where_it_breaks(tmp_path: Path) -> None:
    tokens = [b"abcdef"] * 3000
    inside = scan_file(tmp_path, "a.gguf", _gguf_with_vocab(tokens, "", cut=3))
    assert [f.message for f in inside] == [
        "GGUF structure is malformed: string of 6 bytes runs past the end of the file"
    ]
    data = _gguf_with_vocab(tokens, "", cut=12)  # the last length cut in half
    found = scan_file(tmp_path, "b.gguf", data)
    assert [f.message for f in found] == [
        f"GGUF structure is malformed: truncated at byte {len(data) - 2}"
    ]
    assert found[0].location.offset == len(data) - 2


def test_gguf_vocabulary_string_over_the_limit_is_not_verified(tmp_path: Path) -> None:
    tokens = [b"a"] * 10 + [b"b" * 5000]
    data = _gguf_with_vocab(tokens, LLAMA)
    found = scan_file(tmp_path, "m.gguf", data, limits=Limits(max_header_bytes=4096))
    assert rules(found) == ["MF104"]
    assert "metadata string of 5,000 bytes" in found[0].message


def test_gguf_vocabulary_blocks_longer_than_the_longest_string_are_read(tmp_path: Path) -> None:
    # each block of strings is longer than the longest string allowed; no string is
    tokens = [b"t" * 100] * 5000
    data = _gguf_with_vocab(tokens, LLAMA)
    assert scan_file(tmp_path, "m.gguf", data, limits=Limits(max_header_bytes=4096)) == []


def test_gguf_vocabulary_length_past_the_buffer_is_malformed_where_it_breaks(
    tmp_path: Path,
) -> None:
    tokens = [b"ab"] * 100
    data = bytearray(_gguf_with_vocab(tokens, LLAMA))
    at = data.index(struct.pack("<Q", 2) + b"ab") + 50 * 10  # the 51st length
    data[at : at + 8] = struct.pack("<Q", 1 << 62)
    found = scan_file(tmp_path, "m.gguf", bytes(data))
    assert [f.message for f in found] == [
        f"GGUF structure is malformed: string of {1 << 62:,} bytes runs past the end of the file"
    ]
    assert found[0].location.offset == at + 8


def test_gguf_truncated_header(tmp_path: Path) -> None:
    data = gguf([("general.name", "x" * 50)])[:-20]
    assert rules(scan_file(tmp_path, "m.gguf", data)) == ["MF103"]
    huge = (
        b"GGUF"
        + (3).to_bytes(4, "little")
        + (0).to_bytes(8, "little")
        + (10**15).to_bytes(8, "little")
    )
    assert rules(scan_file(tmp_path, "h.gguf", huge)) == ["MF103"]


def _node(op: str, domain: str = "", attrs: bytes = b"") -> bytes:
    return pb(1, pb(4, op.encode()) + (pb(7, domain.encode()) if domain else b"") + attrs)


def _external(location: str) -> bytes:
    entry = pb(1, b"location") + pb(2, location.encode())
    return pb(5, pb(8, b"w") + pb(13, entry) + pb(14, 1))


def _onnx(graph: bytes) -> bytes:
    return pb(1, 8) + pb(2, b"test") + pb(7, graph) + pb(8, pb(2, 17))


def test_onnx_external_data_escapes(tmp_path: Path) -> None:
    found = scan_file(tmp_path, "m.onnx", _onnx(_node("Add") + _external("../../etc/passwd")))
    assert rules(found) == ["MF111"] and "../../etc/passwd" in found[0].evidence
    nested = _node("If", attrs=pb(5, pb(1, b"then_branch") + pb(6, _external("/etc/shadow"))))
    assert rules(scan_file(tmp_path, "n.onnx", _onnx(nested))) == ["MF111"]
    ok = _onnx(_node("Add") + _external("weights.bin"))
    assert scan_file(tmp_path, "ok.onnx", ok) == []


def test_onnx_external_data_through_a_link(tmp_path: Path) -> None:
    (tmp_path / "data").symlink_to("/etc")
    found = scan_file(tmp_path, "m.onnx", _onnx(_node("Add") + _external("data/passwd")))
    assert rules(found) == ["MF111"] and "link" in found[0].message


def test_onnx_custom_domains(tmp_path: Path) -> None:
    found = scan_file(tmp_path, "m.onnx", _onnx(_node("Exec", "com.attacker")))
    assert rules(found) == ["MF112"] and found[0].severity is Severity.MEDIUM
    assert scan_file(tmp_path, "ok.onnx", _onnx(_node("Gelu", "com.microsoft"))) == []


def _saved_model(nodes: list[tuple[str, str]], fn_nodes: list[tuple[str, str]] = ()) -> bytes:  # type: ignore[assignment]
    graph = b"".join(pb(1, pb(1, n.encode()) + pb(2, o.encode())) for n, o in nodes)
    if fn_nodes:
        body = b"".join(pb(3, pb(1, n.encode()) + pb(2, o.encode())) for n, o in fn_nodes)
        graph += pb(2, pb(1, pb(1, pb(1, b"__inference_f")) + body))
    return pb(1, 1) + pb(2, pb(2, graph))


def test_savedmodel_dangerous_ops(tmp_path: Path) -> None:
    found = scan_file(
        tmp_path, "saved_model.pb", _saved_model([("r", "ReadFile"), ("x", "MatMul")])
    )
    assert rules(found) == ["MF110"] and found[0].severity is Severity.HIGH
    found = scan_file(tmp_path, "saved_model.pb", _saved_model([], [("cb", "EagerPyFunc")]))
    assert found[0].severity is Severity.CRITICAL and "__inference_f" in found[0].evidence
    clean = _saved_model([("x", "Placeholder"), ("s", "SaveV2"), ("r", "RestoreV2")])
    assert scan_file(tmp_path, "saved_model.pb", clean) == []


def _lambda_config() -> dict[str, object]:
    code = base64.b64encode(b"\xe3\x00os\x00system\x00touch").decode()
    return {
        "class_name": "Sequential",
        "config": {
            "layers": [
                {"class_name": "Dense", "config": {"name": "d", "units": 1}},
                {
                    "class_name": "Lambda",
                    "config": {
                        "name": "lam",
                        "function": [code, None, None],
                        "function_type": "lambda",
                    },
                },
            ]
        },
    }


def _keras_zip(config: dict[str, object]) -> bytes:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("metadata.json", "{}")
        zf.writestr("config.json", json.dumps(config))
        zf.writestr("model.weights.h5", b"")
    return buf.getvalue()


def test_keras_v3_lambda_modules_and_functions(tmp_path: Path) -> None:
    found = scan_file(tmp_path, "m.keras", _keras_zip(_lambda_config()))
    assert rules(found) == ["MF108"] and "system" in found[0].evidence
    fn = {
        "module": "keras",
        "class_name": "Sequential",
        "config": {
            "layers": [
                {
                    "module": "keras.layers",
                    "class_name": "Dense",
                    "config": {
                        "activation": {"module": "os", "class_name": "function", "config": "system"}
                    },
                }
            ]
        },
    }
    [f] = scan_file(tmp_path, "f.keras", _keras_zip(fn))
    assert f.rule == "MF109" and f.severity is Severity.CRITICAL
    custom = {"module": "mylib.layers", "class_name": "Block", "config": {}}
    [g] = scan_file(tmp_path, "c.keras", _keras_zip(custom))
    assert g.rule == "MF109" and g.severity is Severity.MEDIUM
    clean = {
        "module": "keras",
        "class_name": "Sequential",
        "config": {
            "layers": [{"module": "keras.layers", "class_name": "Dense", "config": {"units": 2}}]
        },
    }
    assert scan_file(tmp_path, "ok.keras", _keras_zip(clean)) == []


def test_keras_h5_with_h5py(tmp_path: Path) -> None:
    h5py = pytest.importorskip("h5py")
    path = tmp_path / "m.h5"
    with h5py.File(path, "w") as f:
        f.attrs["model_config"] = json.dumps(_lambda_config())
        f.create_dataset("w", data=[1.0])
    found = scan_file(tmp_path, "m.h5", path.read_bytes())
    assert rules(found) == ["MF108"]


def test_keras_h5_without_h5py(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "h5py", None)
    blob = (
        b"\x89HDF\r\n\x1a\n" + b"\x00" * 64 + json.dumps(_lambda_config()).encode() + b"\x00" * 64
    )
    assert rules(scan_bytes(blob)) == ["MF108"]


def _training_config(metric: dict[str, object]) -> str:
    return json.dumps(
        {
            "loss": "categorical_crossentropy",
            "metrics": [[metric]],
            "optimizer_config": {"class_name": "Adam", "config": {"learning_rate": 0.001}},
        }
    )


def test_keras_h5_compiled_metrics_are_builtin(tmp_path: Path) -> None:
    """model.compile(metrics=["accuracy"]) writes MeanMetricWrapper into training_config (as
    Keras 2 HDF5 models published on PyPI hold it): a Keras class, not a custom object."""
    h5py = pytest.importorskip("h5py")
    wrapper = {
        "class_name": "MeanMetricWrapper",
        "config": {"name": "accuracy", "dtype": "float32", "fn": "categorical_accuracy"},
    }
    path = tmp_path / "m.h5"
    with h5py.File(path, "w") as f:
        f.attrs["model_config"] = json.dumps({"class_name": "Sequential", "config": {}})
        f.attrs["training_config"] = _training_config(wrapper)
    assert scan_file(tmp_path, "m.h5", path.read_bytes()) == []
    # a metric the config imports from elsewhere is still reported
    outside = {
        **wrapper,
        "config": {"fn": {"module": "os", "class_name": "function", "config": "system"}},
    }
    with h5py.File(path, "w") as f:
        f.attrs["training_config"] = _training_config(outside)
    [f] = scan_file(tmp_path, "m.h5", path.read_bytes())
    assert f.rule == "MF109" and f.severity is Severity.CRITICAL
    custom = {"class_name": "MyScore", "config": {}}
    with h5py.File(path, "w") as f:
        f.attrs["training_config"] = _training_config(custom)
    [g] = scan_file(tmp_path, "m.h5", path.read_bytes())
    assert g.rule == "MF109" and "'MyScore'" in g.message


def _crfsuite(size: int | None = None, offset: int = 48) -> bytes:
    body = b"FEAT" + bytes(60)
    total = 48 + len(body)
    head = struct.pack("<4sI4sI3I5I", b"lCRF", size or total, b"FOMC", 100, 1, 2, 3, *[offset] * 5)
    return head + body


def test_crfsuite_and_ggml_models_are_data(tmp_path: Path) -> None:
    """CRFsuite models (PyThaiNLP) and GGML weights (whisper.cpp's Silero VAD): numbers and
    names read by C loaders, recognised rather than reported as unknown."""
    assert scan_file(tmp_path, "tagger.model", _crfsuite()) == []
    [f] = scan_file(tmp_path, "bad.model", _crfsuite(size=5))
    assert f.rule == "MF103" and "size" in f.message
    [g] = scan_file(tmp_path, "far.model", _crfsuite(offset=1 << 30))
    assert g.rule == "MF103" and "outside" in g.message
    assert scan_file(tmp_path, "vad.bin", b"lmgg" + struct.pack("<I", 10) + bytes(64)) == []
    assert rules(scan_file(tmp_path, "other.bin", b"lmgx" + bytes(64))) == ["MF104"]


def _coreml_weights(blobs: list[bytes], *, cut: int = 0) -> bytes:
    out = bytearray(struct.pack("<II", len(blobs), 2) + bytes(56))
    for blob in blobs:
        offset = len(out) + 64
        out += struct.pack("<IIQQ", 0xDEADBEEF, 2, len(blob), offset) + bytes(40) + blob
        out += bytes(-len(out) % 64)
    return bytes(out[: len(out) - cut])


def test_coreml_models_and_weights(tmp_path: Path) -> None:
    """An .mlpackage as coremltools writes it (basic-pitch's): the model protobuf and its
    weight file are analysed; custom classes the application must supply are reported."""
    layer = pb(1, b"conv") + pb(2, b"x") + pb(3, b"y")
    plain = pb(1, 4) + pb(500, pb(1, layer))
    assert scan_file(tmp_path, "pkg/model.mlmodel", plain) == []
    weights = _coreml_weights([b"\x01" * 100, b"\x02" * 64])
    assert scan_file(tmp_path, "pkg/weights/weight.bin", weights) == []
    [f] = scan_file(tmp_path, "pkg/bad/weight.bin", _coreml_weights([b"\x01" * 100], cut=70))
    assert f.rule == "MF103" and "blob chain" in f.message
    custom_layer = pb(1, b"mine") + pb(500, pb(10, b"AcmeLayer"))
    nested = pb(1, 4) + pb(202, pb(1, pb(500, pb(1, layer) + pb(1, custom_layer))))
    [g] = scan_file(tmp_path, "n.mlmodel", nested)
    assert g.rule == "MF112" and "'AcmeLayer'" in g.message
    [h] = scan_file(tmp_path, "c.mlmodel", pb(1, 4) + pb(555, pb(10, b"AcmeModel")))
    assert h.rule == "MF112" and "'AcmeModel'" in h.message
    [i] = scan_file(tmp_path, "l.mlmodel", pb(1, 4) + pb(556, pb(1, pb(1, b"other.mlmodelc"))))
    assert i.rule == "MF104" and "links" in i.message
    assert rules(scan_file(tmp_path, "x.mlmodel", b"\x0a\xff\xff")) == ["MF103"]


def test_marshal_data_is_walked_never_unmarshalled(tmp_path: Path) -> None:
    """snownlp's models: gzip-compressed marshal dicts. Plain data passes; a code object (which
    the application might run) is not verified; broken data is malformed."""
    import gzip
    import marshal

    model = {"total": 1234.5, "d": {"neg": {"bad": 3, "worse": 2**70}}, "ws": [("a", None)] * 50}
    data = marshal.dumps(model, 2)
    assert scan_file(tmp_path, "model.marshal", data) == []
    assert scan_file(tmp_path, "sentiment.marshal", gzip.compress(data)) == []
    carrier = marshal.dumps({"model": [1, 2, 3] * 40, "hook": compile("x = 1", "m", "exec")})
    [f] = scan_file(tmp_path, "code.marshal", gzip.compress(carrier))
    assert f.rule == "MF104" and "code object" in f.message and f.location.member
    [g] = scan_file(tmp_path, "cut.marshal", data[:-3])
    assert g.rule == "MF103" and "truncated" in g.message
    [h] = scan_file(tmp_path, "more.marshal", data + b"N")
    assert h.rule == "MF103" and "follow the marshal value" in h.message
    deep = b"[\x01\x00\x00\x00" * 2100 + b"N"
    [i] = scan_file(tmp_path, "deep.marshal", deep)
    assert i.rule == "MF103" and "deeper" in i.message
    # a dict at the start of arbitrary bytes is not taken for marshal data
    assert rules(scan_file(tmp_path, "blob.gz", gzip.compress(b"{" + bytes(range(256)) * 8)))
    assert scan_bytes(b"{not marshal}\n" * 40, name="notes") == []
