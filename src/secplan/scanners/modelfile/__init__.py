"""The model-file analyzer: malicious code and malformed structure in model files.

Formats are recognised by content: pickle (protocols 0-5), joblib (also compressed), dill,
cloudpickle, PyTorch (zip, TorchScript, legacy tar and raw), NumPy .npy/.npz, Keras .h5 and
.keras, TensorFlow SavedModel, ONNX, GGUF, safetensors, and zip/tar/7z/gzip/bzip2/xz archives.
Nothing is ever loaded, imported or executed: pickles are walked opcode by opcode over
symbols, protobufs with a bounded wire reader, archives through their directories.

>>> import pickle, tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "m.bin").write_bytes(pickle.dumps({"w": [0.5]}))
>>> analyze_file(d / "m.bin", "m.bin")
[]
"""

from secplan.scanners.modelfile.limits import Limits
from secplan.scanners.modelfile.policy import Policy
from secplan.scanners.modelfile.rules import RULES
from secplan.scanners.modelfile.scanner import ModelFileScanner, analyze_file

SCANNERS: tuple[ModelFileScanner, ...] = (ModelFileScanner(),)

__all__ = ["RULES", "SCANNERS", "Limits", "ModelFileScanner", "Policy", "analyze_file"]
