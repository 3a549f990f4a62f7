"""The model-file analyzer: malicious code and malformed structure in model files.

Formats are recognised by content: pickle (protocols 0-5), joblib (also compressed), dill,
cloudpickle, PyTorch (zip, TorchScript, legacy tar and raw), NumPy .npy/.npz, Keras .h5 and
.keras, TensorFlow SavedModel, ONNX, GGUF, safetensors, and zip/tar/7z/gzip/bzip2/xz archives.
Nothing is ever loaded, imported or executed: pickles are walked opcode by opcode over
symbols, protobufs with a bounded wire reader, archives through their directories.

The analyzer is a library of its own: :func:`analyze_file` returns
:class:`~secplan.model.Finding` values of its rules (MF101 and up) and needs nothing from the
scanner layer, which only plugs it into ``secplan scan``. Its names load on first use, so
that discovery, which reads the format table (:mod:`secplan.modelfile.formats`), does not pay
for the analyzer.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secplan.modelfile.api import analyze_file, applies
    from secplan.modelfile.limits import Limits
    from secplan.modelfile.policy import Policy
    from secplan.modelfile.rules import RULES

_WHERE = {
    "analyze_file": "api",
    "applies": "api",
    "Limits": "limits",
    "Policy": "policy",
    "RULES": "rules",
}
__all__ = ["RULES", "Limits", "Policy", "analyze_file", "applies"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
