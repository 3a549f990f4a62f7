"""TensorFlow samples, written in the ``tf`` environment: SavedModel graphs with file
operations, and Keras layers that make load_model read files or load a SavedModel."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

from registry import Canary, benign, sample
from samples_frameworks import SECRET

TF = {"env": "tf", "gen": "tf"}


def _writer_module(c: Canary):  # type: ignore[no-untyped-def]
    import tensorflow as tf

    class Writer(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
        def serve(self, x: tf.Tensor) -> tf.Tensor:
            tf.io.write_file(str(c.path), "fired")
            return x

    return Writer()


@sample(
    "tf-savedmodel-writefile-call",
    "tf-savedmodel-file-ops",
    loader="tf_call",
    name="saved_model",
    **TF,
)
def _call(out: Path, c: Canary) -> None:
    import tensorflow as tf

    m = _writer_module(c)
    tf.saved_model.save(m, str(out), signatures={"serving_default": m.serve})


def _init_module(c: Canary):  # type: ignore[no-untyped-def]
    """A lookup table whose initializer writes a file: restored initializers run at load."""
    import tensorflow as tf

    class Init(tf.lookup.KeyValueTensorInitializer):
        def initialize(self, table):  # type: ignore[no-untyped-def]
            tf.io.write_file(str(c.path), "fired")
            return super().initialize(table)

    class Model(tf.Module):
        def __init__(self) -> None:
            super().__init__()
            init = Init(tf.constant(["a"]), tf.constant([1], tf.int64))
            self.table = tf.lookup.StaticHashTable(init, default_value=-1)

        @tf.function(input_signature=[tf.TensorSpec([None], tf.string)])
        def serve(self, x: tf.Tensor) -> tf.Tensor:
            return self.table.lookup(x)

    return Model()


@sample(
    "tf-savedmodel-init-writefile",
    "tf-savedmodel-file-ops",
    loader="tf_load",
    name="saved_model",
    **TF,
)
def _init(out: Path, c: Canary) -> None:
    import tensorflow as tf

    m = _init_module(c)  # building the table runs the initializer once, here
    tf.saved_model.save(m, str(out), signatures={"serving_default": m.serve})
    c.path.unlink(missing_ok=True)


def _keras_zip(out: Path, build, edit) -> None:  # type: ignore[no-untyped-def]
    tmp = out.with_name("base.keras")
    build().save(tmp)
    with zipfile.ZipFile(tmp) as z:
        members = {n: z.read(n) for n in z.namelist()}
    tmp.unlink()
    cfg = json.loads(members["config.json"])
    edit(cfg)
    members["config.json"] = json.dumps(cfg).encode()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)


def _layers(cfg: dict) -> list[dict]:  # type: ignore[type-arg]
    return cfg["config"]["layers"]  # type: ignore[no-any-return]


@sample(
    "keras-stringlookup-local-file",
    "cve-2025-12058-keras-stringlookup",
    loader="keras_vocab",
    name="model.keras",
    **TF,
)
def _lookup(out: Path, c: Canary) -> None:
    import keras
    from samples_frameworks import _secret

    secret = _secret(c)

    def build():  # type: ignore[no-untyped-def]
        inp = keras.Input(shape=(1,), dtype="string")
        return keras.Model(inp, keras.layers.StringLookup(vocabulary=["a", "b"])(inp))

    def edit(cfg: dict) -> None:  # type: ignore[type-arg]
        for layer in _layers(cfg):
            if layer["class_name"] == "StringLookup":
                layer["config"]["vocabulary"] = str(secret)

    _keras_zip(out, build, edit)


@sample(
    "keras-tfsmlayer-savedmodel",
    "cve-2026-1462-keras-tfsmlayer",
    loader="keras",
    name="model.keras",
    **TF,
)
def _tfsm(out: Path, c: Canary) -> None:
    import keras
    import tensorflow as tf

    sm = out.with_name("exported")
    m = _init_module(c)
    tf.saved_model.save(m, str(sm), signatures={"serving_default": m.serve})

    def build():  # type: ignore[no-untyped-def]
        inp = keras.Input(shape=(), dtype="string")
        out = keras.layers.TFSMLayer(str(sm), call_endpoint="serving_default")(inp)
        return keras.Model(inp, out)

    _keras_zip(out, build, lambda cfg: None)
    c.path.unlink(missing_ok=True)


_ = (os, SECRET)


@benign("tf-savedmodel-clean", "tf-savedmodel-file-ops", loader="tf_call", name="saved_model", **TF)
def _clean_sm(out: Path, c: Canary) -> None:
    import tensorflow as tf

    class Doubler(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
        def serve(self, x: tf.Tensor) -> tf.Tensor:
            return x * 2.0

    m = Doubler()
    tf.saved_model.save(m, str(out), signatures={"serving_default": m.serve})


@benign(
    "keras-stringlookup-inline",
    "cve-2025-12058-keras-stringlookup",
    loader="keras",
    name="model.keras",
    **TF,
)
def _clean_lookup(out: Path, c: Canary) -> None:
    import keras

    inp = keras.Input(shape=(1,), dtype="string")
    keras.Model(inp, keras.layers.StringLookup(vocabulary=["cat", "dog"])(inp)).save(out)
