"""The names the pickle policy file uses (effects of calls, kinds of anomalies), apart from its
schema (:mod:`secplan.modelfile.policy_file`) so that the analyzer reads them without loading
the schema library."""

from __future__ import annotations

from enum import StrEnum

SCHEMA_VERSION = 2


class Effect(StrEnum):
    """What a call does at load time, as far as the symbolic machine follows it."""

    LOAD_ARGUMENT = "load-argument"  # deserializes its bytes argument
    ATTRIBUTE = "attribute"  # getattr(obj, "name")
    IMPORT = "import"  # import_module("mod")
    QUALIFIED_NAME = "qualified-name"  # resolve_name("mod:name")
    TYPE_NAME = "type-name"  # a built-in type by name
    ENCODE = "encode"  # text literal -> bytes literal
    JOBLIB_INLINE_ARRAY = "joblib-inline-array"  # array bytes follow in the file
    JOBLIB_EXTERNAL_ARRAY = "joblib-external-array"  # array in another file


RESOLVING = frozenset({Effect.ATTRIBUTE, Effect.IMPORT, Effect.QUALIFIED_NAME, Effect.TYPE_NAME})
#: What the machine reports beside references (see the [[anomaly]] entries).
ANOMALIES = frozenset(
    {
        "computed-global",
        "computed-callable",
        "computed-payload",
        "build-on-import",
        "method-on-import",
        "method-on-value",
        "ext",
        "joblib-external",
        "joblib-external-outside",
        "planted-method",
        "frame-straddle",
    }
)
#: The one namespace a safe entry may cover with a wildcard: TorchScript class names, which
#: TorchScript's loader resolves against the archive's own compiled code (Python cannot
#: import them).
SAFE_NAMESPACES = ("__torch__.",)
