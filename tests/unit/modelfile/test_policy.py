"""The policy file: every entry has a reason; classification rules and their precedence."""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Callable
from fnmatch import fnmatchcase
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import secplan.modelfile
from secplan.errors import CatalogError
from secplan.modelfile import policy_file
from secplan.modelfile.policy import Policy, Verdict
from secplan.modelfile.policy_file import Effect

V = Verdict


def test_every_group_has_a_reason_and_patterns() -> None:
    text = resources.files("secplan.catalog").joinpath("lists/pickle_policy.toml").read_text()
    doc = tomllib.loads(text)
    for key in ("dangerous", "safe", "nested", "resolver"):
        for group in doc[key]:
            assert group["reason"].strip() and group["patterns"], group
    for entry in (*doc["call"], *doc["anomaly"]):
        assert entry["reason"].strip(), entry
    for section in ("keras", "savedmodel", "onnx", "tflite", "aliases", "dotted", "type_names"):
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
        ("sklearn.ensemble._forest", "RandomForestClassifier", V.INDEXED),
        ("sklearn.base", "os", V.DANGEROUS),  # a module object reached through a package
        ("builtins", "frozenset", V.SAFE),
        ("torch.storage", "_load_from_bytes", V.NESTED),
        ("dill._dill", "_load_type", V.RESOLVER),
        ("mylib", "Model", V.UNKNOWN),
        ("sklearn.utils._show_versions", "check_output", V.UNKNOWN),  # not in the index
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


# ------------------------------------------------------------------ the file and its schema

POLICY_TEXT = resources.files("secplan.catalog").joinpath("lists/pickle_policy.toml").read_text()


def _edited(edit: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    doc = tomllib.loads(POLICY_TEXT)
    edit(doc)
    return doc


@pytest.mark.parametrize(
    "edit, says",
    [
        (lambda d: d.update(colour="red"), "colour: Extra inputs are not permitted"),
        (lambda d: d["safe"][0].update(reason=" "), "safe.0.reason"),
        (lambda d: d["dangerous"][0]["patterns"].append("os system"), "dangerous.0.patterns"),
        (lambda d: d["safe"][0]["patterns"].append("os.*"), "'os.*' is listed in"),
        (lambda d: d["nested"][0]["patterns"].append("torch.x.*"), "exact names"),
        (lambda d: d["safe"][0]["patterns"].append("sklearn.*"), "not prefixes: ['sklearn.*']"),
        (
            lambda d: d["higher_order"][1]["callables"].append(
                d["higher_order"][0]["callables"][0]
            ),
            "listed twice",
        ),
        (lambda d: d["index"].pop("module_leaves"), "index.module_leaves"),
        (lambda d: d["call"].pop(4), "resolver dill._dill._load_type has no [[call]] effect"),
        (lambda d: d["call"][0].update(effect="exec"), "call.0.effect"),
        (lambda d: d["call"][0]["callables"].append("builtins.getattr"), "two effects"),
        (lambda d: d["call"][5].pop("codecs"), "codecs are listed for the encode effect"),
        (lambda d: d["anomaly"].pop(), "missing ['joblib-external-outside']"),
        (lambda d: d["anomaly"][0].update(kind="gadget"), "unknown anomaly 'gadget'"),
        (lambda d: d["anomaly"][0].update(message="pickle imports {name} at load"), "{loader}"),
        (lambda d: d["anomaly"][0].update(severity="severe"), "anomaly.0.severity"),
        (lambda d: d.update(schema_version=1), "schema_version"),
        (
            lambda d: d["state_check"][0]["constructors"].append("functools.partial"),
            "constructors must be [[higher_order]]: ['functools.partial']",
        ),
        (lambda d: d["state_check"][0]["no_path"].append("prefix"), "both a name part and a path"),
        (lambda d: d["state_check"][0].update(severity="high"), "state_check.0.severity"),
        (lambda d: d["state_check"].append(d["state_check"][0]), "listed twice in [[state_check]]"),
    ],
)
def test_an_invalid_policy_file_is_refused_with_one_line(
    edit: Callable[[dict[str, Any]], None], says: str
) -> None:
    with pytest.raises(CatalogError) as info:
        policy_file.validate(_edited(edit))
    message = str(info.value)
    assert says in message and "\n" not in message and "pickle_policy.toml" in message


def test_the_packaged_file_is_valid_and_complete() -> None:
    doc = policy_file.parse(POLICY_TEXT)
    assert doc.schema_version == policy_file.SCHEMA_VERSION
    p = Policy.packaged()
    assert p.effect("builtins.getattr") is Effect.ATTRIBUTE
    assert p.effect("pickle.loads") is Effect.LOAD_ARGUMENT
    assert p.effect("joblib.numpy_pickle.NumpyArrayWrapper") is Effect.JOBLIB_INLINE_ARRAY
    assert p.type_names["ListType"] == "list" and "latin-1" in p.codecs
    assert set(p.anomalies) == policy_file.ANOMALIES
    for kind, report in p.anomalies.items():
        assert report.rule in ("MF101", "MF102") and report.reason, kind


def _literals(path: Path) -> set[str]:
    """String constants of a module, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef))
        and n.body
        and isinstance(n.body[0], ast.Expr)
        and isinstance(n.body[0].value, ast.Constant)
    }
    return {
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
    }


def test_no_policy_decision_is_hard_coded_in_the_pickle_analysis() -> None:
    doc = tomllib.loads(POLICY_TEXT)
    names = {n for c in doc["call"] for n in c["callables"]} | set(doc["type_names"]["names"])
    for key in ("dangerous", "safe", "nested", "resolver"):
        names |= {p for g in doc[key] for p in g["patterns"]}
    root = Path(secplan.modelfile.__file__).parent
    for module in [*root.joinpath("pickle").glob("*.py"), root / "policy.py"]:
        assert not names & _literals(module), module.name


def test_every_anomaly_the_machine_reports_has_a_policy_entry() -> None:
    root = Path(secplan.modelfile.__file__).parent / "pickle"
    kinds = set()
    for module in root.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "_anomaly":
                kind = node.args[1]
                assert isinstance(kind, ast.Constant), ast.dump(node)
                kinds.add(kind.value)
    assert kinds and kinds <= policy_file.ANOMALIES


def test_a_policy_file_that_is_not_toml_is_refused() -> None:
    with pytest.raises(CatalogError, match=r"pickle_policy\.toml: .*fix the TOML syntax"):
        policy_file.parse("[[safe]\nreason = 1")


def test_wildcards_match_as_fnmatch_does() -> None:
    """``prefix*`` patterns are matched as prefixes and the others by one expression: every
    group answers as ``fnmatch`` does, pattern by pattern, first match first."""
    p = Policy.packaged().with_project(("pkg.*", "pkg.mod?.X", "a[bc].*", "*.loads"))
    groups = [*p.dangerous, *p.safe, *p.special, p.aliases, p.project]
    patterns = [pat for g in groups if g is not None for pat in g.patterns]
    names = {n for pat in patterns for n in (pat.replace("*", "x.y"), pat.rstrip("*"))}
    names |= {"os", "os.", "osx.system", "pkg", "pkg.", "pkg.mod1.X", "ac.z", "a.loads", ""}
    for g in groups:
        assert g is not None
        for name in names:
            expected = next(
                (q for q in g.patterns if "*" in q or "?" in q or "[" in q if fnmatchcase(name, q)),
                None,
            )
            got = g.match(name)
            if name in g.exact:
                assert got == name
            else:
                assert got == expected, (g.reason, name)
            if name not in g.exact:
                assert g.match(name, wildcards=False) is None


def test_scikit_learn_compiled_losses_are_value_types() -> None:
    """A HistGradientBoosting model pickles its loss as ``CyHalfBinomialLoss()`` (or, with a
    parameter, ``CyPinballLoss(0.3)``): vouched for by name, while another name in the same
    compiled module is not."""
    import struct

    from secplan.model import Severity
    from tests.unit.modelfile.build import P, scan_bytes, worst

    plain = P().glob("sklearn._loss._loss", "CyHalfBinomialLoss").raw(b")R").stop()
    quantile = (
        P()
        .glob("sklearn._loss._loss", "CyPinballLoss")
        .raw(b"G" + struct.pack(">d", 0.3) + b"\x85R")
    ).stop()
    for data in (plain, quantile):
        assert worst(scan_bytes(data)) < int(Severity.MEDIUM)
    other = P().glob("sklearn._loss._loss", "system").raw(b")R").stop()
    assert worst(scan_bytes(other)) >= int(Severity.HIGH)
