"""The virtual environments the corpus needs, each under the work directory.

``fire`` writes the samples and loads most of them; the others pin a library at the
version a technique targets (the fixed versions refuse the sample, which is the fix).
The anchors are the other scanners, each in its own environment.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "model_scan_run", Path(__file__).parent.parent / "run.py"
)
assert _spec is not None and _spec.loader is not None
_MAIN_RUN = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _MAIN_RUN
_spec.loader.exec_module(_MAIN_RUN)

FIRE = [
    "torch==2.13.0", "numpy", "joblib", "dill", "cloudpickle", "scikit-learn", "onnx",
    "jinja2", "transformers", "safetensors", "hydra-core", "omegaconf", "h5py", "py7zr",
    "gguf", "pyyaml", "keras",
]  # fmt: skip

# name -> (packages, environment variables); the keras environments borrow PyTorch from
# ``fire`` (a .pth file appends its site-packages) so that each keeps its own Keras.
ENVS: dict[str, tuple[list[str], dict[str, str]]] = {
    "fire": (FIRE, {"KERAS_BACKEND": "torch"}),
    "keras38": (["keras==3.8.0", "h5py", "numpy"], {"KERAS_BACKEND": "torch"}),
    "keras310": (["keras==3.10.0", "h5py", "numpy"], {"KERAS_BACKEND": "torch"}),
    "keras311": (["keras==3.11.2", "h5py", "numpy"], {"KERAS_BACKEND": "torch"}),
    "onnx115": (["onnx==1.15.0", "numpy<2"], {}),
    "tf": (["tensorflow-cpu", "keras==3.11.2", "h5py"], {"KERAS_BACKEND": "tensorflow"}),
    "skops011": (["skops==0.11.0", "scikit-learn", "numpy"], {}),
    "skops012": (["skops==0.12.0", "scikit-learn", "joblib", "numpy"], {}),
    "hydra132": (["hydra-core==1.3.2", "omegaconf", "pyyaml", "safetensors", "numpy"], {}),
}
BORROW_FIRE = ("keras38", "keras310", "keras311")

ANCHORS: dict[str, list[str]] = {
    "modelscan": ["modelscan"],
    "picklescan": ["picklescan"],
    "fickling": ["fickling", "typing_extensions"],
    "modelaudit": ["modelaudit"],
}


def venv(path: Path, packages: list[str]) -> Path:
    """Create (once) a virtual environment with these packages; return its bin folder.
    The same helper the main model-scan benchmark uses."""
    return _MAIN_RUN._venv(path, packages)  # type: ignore[no-any-return]


def site_packages(path: Path) -> Path:
    return next((path / "lib").glob("python3*/site-packages"))


def borrow(path: Path, lender: Path) -> None:
    """Let the environment at ``path`` import what ``lender`` has and it lacks."""
    (site_packages(path) / "zz_borrow.pth").write_text(str(site_packages(lender)) + "\n")


def version(bindir: Path, package: str) -> str:
    p = subprocess.run(
        [bindir / "pip", "show", package], capture_output=True, text=True, check=False
    )
    for line in p.stdout.splitlines():
        if line.startswith("Version:"):
            return line.split(":", 1)[1].strip()
    return "?"
