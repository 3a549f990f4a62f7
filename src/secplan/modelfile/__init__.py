"""The model-file analyzer: malicious code and malformed structure in model files.

Formats are recognised by content: pickle (protocols 0-5), joblib (also compressed), dill,
cloudpickle, PyTorch (zip, TorchScript, legacy tar and raw), NumPy .npy/.npz, Keras .h5 and
.keras, TensorFlow SavedModel, ONNX, GGUF, safetensors, and zip/tar/7z/gzip/bzip2/xz archives.
Nothing is ever loaded, imported or executed: pickles are walked opcode by opcode over
symbols, protobufs with a bounded wire reader, archives through their directories.

The analyzer is a library of its own: it returns :class:`~secplan.model.Finding` values of its
rules (MF101 and up) and needs nothing from the scanner layer, which only plugs it into
``secplan scan``.

>>> import pickle, tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "m.bin").write_bytes(pickle.dumps({"w": [0.5]}))
>>> analyze_file(d / "m.bin", "m.bin")
[]
"""

from secplan.modelfile.api import analyze_file, applies
from secplan.modelfile.limits import Limits
from secplan.modelfile.policy import Policy
from secplan.modelfile.rules import RULES

__all__ = ["RULES", "Limits", "Policy", "analyze_file", "applies"]
