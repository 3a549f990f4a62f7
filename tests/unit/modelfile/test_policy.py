"""The policy file: every entry has a reason; classification rules and their precedence."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from secplan.modelfile.policy import Policy, Verdict

V = Verdict


def test_every_group_has_a_reason_and_patterns() -> None:
    text = resources.files("secplan.catalog").joinpath("lists/pickle_policy.toml").read_text()
    doc = tomllib.loads(text)
    for key in ("dangerous", "safe", "nested", "resolver"):
        for group in doc[key]:
            assert group["reason"].strip() and group["patterns"], group
    for section in ("keras", "savedmodel", "onnx", "aliases"):
        assert doc[section]


@pytest.mark.parametrize(
    "module, name, verdict",
    [
        ("os", "system", V.DANGEROUS),
        ("posix", "system", V.DANGEROUS),
        ("nt", "system", V.DANGEROUS),
        ("subprocess", "Popen", V.DANGEROUS),
        ("builtins", "getattr", V.DANGEROUS),
        ("builtins", "__import__", V.DANGEROUS),
        ("pkgutil", "resolve_name", V.DANGEROUS),
        ("operator", "attrgetter", V.DANGEROUS),
        ("runpy", "_run_code", V.DANGEROUS),
        ("torch.utils.collect_env", "run", V.DANGEROUS),
        ("multiprocessing.util", "spawnv_passfds", V.DANGEROUS),
        ("mlflow.projects.backend.local", "_run_entry_point", V.DANGEROUS),
        ("pandas", "read_csv", V.DANGEROUS),
        ("numpy.testing._private.utils", "runstring", V.DANGEROUS),
        ("torch.hub", "load", V.DANGEROUS),
        ("pip", "main", V.DANGEROUS),
        ("webbrowser", "open", V.DANGEROUS),
        ("torch._utils", "_rebuild_tensor_v2", V.SAFE),
        ("torch", "FloatStorage", V.SAFE),
        ("collections", "OrderedDict", V.SAFE),
        ("numpy.core.multiarray", "_reconstruct", V.SAFE),
        ("sklearn.ensemble._forest", "RandomForestClassifier", V.SAFE),
        ("builtins", "frozenset", V.SAFE),
        ("torch.storage", "_load_from_bytes", V.NESTED),
        ("dill._dill", "_load_type", V.RESOLVER),
        ("mylib", "Model", V.UNKNOWN),
        ("sklearn.utils._show_versions", "check_output", V.UNKNOWN),  # alias under a wildcard
        ("torch.nn.modules.module", "Module.__init__.__globals__", V.DANGEROUS),
        ("torch.nn.modules.module", "torch.hub.load", V.DANGEROUS),
        ("sklearn.base", "BaseEstimator.fit", V.UNKNOWN),  # dotted: exact entries only
    ],
)
def test_classification(module: str, name: str, verdict: Verdict) -> None:
    assert Policy.packaged().classify(module, name).verdict is verdict


def test_project_entries_extend_but_never_override_dangerous() -> None:
    p = Policy.packaged().with_project(("mylib.*", "os.system"))
    assert p.classify("mylib.models", "Net").verdict is V.SAFE
    d = p.classify("os", "system")
    assert d.verdict is V.DANGEROUS and "cannot be allowlisted" in d.note
    assert Policy.packaged().classify("mylib.models", "Net").verdict is V.UNKNOWN
