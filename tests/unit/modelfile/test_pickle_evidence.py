"""Exact-callable policy, higher-order arguments, planted methods and index-based verdicts.

Every sample is written opcode by opcode; its payloads are canaries (a command that would
create the test's marker file), and the conftest asserts that none ever ran.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.model import Finding, Severity
from secplan.modelfile.policy import Policy, Verdict
from tests.unit.modelfile.build import P, canary, scan_bytes


def _above_info(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity > Severity.INFO]


def _worst(findings: list[Finding]) -> Severity | None:
    return max((f.severity for f in findings), default=None)


# ------------------------------------------------------------------ family 1: exact names
@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("sklearn.base", "os"),  # indexed: sklearn.base imports os
        ("mylib.utils", "subprocess"),  # unindexed package, module-named leaf
        ("joblib.numpy_pickle", "pickle"),
    ],
)
def test_module_object_through_a_package_is_critical(module: str, name: str) -> None:
    data = P(2).glob(module, name).raw(b"\x85").stop()  # the module object, in a tuple
    findings = scan_bytes(data)
    assert _worst(findings) is Severity.CRITICAL
    assert any("module object" in f.message or "module object" in f.evidence for f in findings)


def test_safe_list_has_no_prefixes() -> None:
    policy = Policy.packaged()
    wild = [p for g in policy.safe for p in g.patterns if "*" in p]
    assert wild == ["__torch__.*"]
    # a name below a formerly wildcarded package is decided by evidence, not by its prefix
    assert policy.classify("sklearn.base", "os").verdict is Verdict.DANGEROUS


def test_reexported_dangerous_callable_is_dangerous() -> None:
    # joblib re-exports nothing dangerous; the stdlib os module re-exports posix.system
    d = Policy.packaged().classify("shutil", "os")
    assert d.verdict is Verdict.DANGEROUS


# ------------------------------------------------------------------ higher-order arguments
def _rebuild_v2(func: bytes, tmp_path: Path) -> bytes:
    p = P(2).glob("torch._tensor", "_rebuild_from_type_v2").raw(b"(")
    p.raw(func).glob("torch", "Tensor").raw(b"(").s(canary(tmp_path)).raw(b"t}tR")
    return p.stop()


def test_computed_func_of_rebuild_from_type_v2_is_critical(tmp_path: Path) -> None:
    # func is the result of an allowed call: nothing in a list vouches for calling it
    computed = P(None).glob("builtins", "dict").raw(b")R").out
    findings = scan_bytes(_rebuild_v2(bytes(computed), tmp_path))
    crit = [f for f in findings if f.severity is Severity.CRITICAL]
    assert crit and "_rebuild_from_type_v2 calls its argument 1" in crit[0].evidence


def test_unknown_func_of_rebuild_from_type_v2_counts_as_called(tmp_path: Path) -> None:
    func = P(None).glob("mylib.hooks", "run").out
    findings = _above_info(scan_bytes(_rebuild_v2(bytes(func), tmp_path)))
    [f] = [f for f in findings if "mylib.hooks.run" in f.message]
    assert f.severity is Severity.HIGH and f.message.startswith("pickle calls")
    assert canary(tmp_path) in f.evidence  # the call is shown with the arguments it gets


def test_gadget_func_of_rebuild_from_type_v2_is_critical(tmp_path: Path) -> None:
    func = P(None).glob("mailcap", "findmatch").out
    findings = scan_bytes(_rebuild_v2(bytes(func), tmp_path))
    assert _worst(findings) is Severity.CRITICAL


def test_reconstructor_verifies_its_class_arguments() -> None:
    data = P(2).glob("copyreg", "_reconstructor").raw(b"(").glob("mylib.models", "Net")
    data.glob("builtins", "object").raw(b"NtR")
    [f] = _above_info(scan_bytes(data.stop()))
    assert "mylib.models.Net" in f.message and f.message.startswith("pickle calls")


def test_plain_tensor_rebuild_stays_clean() -> None:
    data = P(2).glob("torch._tensor", "_rebuild_from_type_v2").raw(b"(")
    data.glob("torch._utils", "_rebuild_tensor_v2").glob("torch.nn.parameter", "Parameter")
    data.raw(b")}tR")
    assert _above_info(scan_bytes(data.stop())) == []


# ------------------------------------------------------------------ planted methods
def _obj() -> P:
    return P(2).glob("collections", "OrderedDict").raw(b")R")


@pytest.mark.parametrize("method", ["__setstate__", "append", "extend", "__setitem__"])
def test_build_planting_a_callable_is_critical(method: str) -> None:
    data = _obj().raw(b"}").s(method).glob("builtins", "str").raw(b"sb")
    findings = scan_bytes(data.stop())
    crit = [f for f in findings if f.severity is Severity.CRITICAL]
    assert crit and f"sets {method}" in crit[0].evidence


def test_planted_setstate_then_build_and_append(tmp_path: Path) -> None:
    data = _obj().raw(b"}").s("__setstate__").glob("builtins", "str").raw(b"sb")
    data.s(canary(tmp_path)).raw(b"b")  # second BUILD calls the planted __setstate__
    evidence = " ".join(f.evidence for f in scan_bytes(data.stop()))
    assert "calls the __setstate__ planted" in evidence
    data = _obj().raw(b"}").s("append").glob("builtins", "str").raw(b"sb")
    data.s(canary(tmp_path)).raw(b"a")
    evidence = " ".join(f.evidence for f in scan_bytes(data.stop()))
    assert "calls the planted append" in evidence


def test_ordinary_build_state_is_not_a_plant() -> None:
    data = _obj().raw(b"}").s("append").s("a literal").s("extend").raw(b"]sb")
    assert not [f for f in scan_bytes(data.stop()) if "plant" in f.message]


# ------------------------------------------------------------------ family 2: evidence
@pytest.mark.parametrize(
    ("module", "name", "sink"),
    [
        ("mailcap", "findmatch", "os.system"),
        ("_osx_support", "_read_output", "os.system"),
        ("lib2to3.pgen2.grammar", "Grammar.loads", "pickle.loads"),
        ("lib2to3.pgen2.pgen", "ParserGenerator.make_label", "builtins.eval"),
    ],
)
def test_callable_whose_source_reaches_a_sink_is_critical_with_its_path(
    tmp_path: Path, module: str, name: str, sink: str
) -> None:
    data = P(4).glob(module, name).raw(b"(").s(canary(tmp_path)).raw(b"tR").stop()
    [f] = [f for f in scan_bytes(data) if f.rule == "MF101"]
    assert f.severity is Severity.CRITICAL
    assert f"{module}.{name}" in f.evidence and sink in f.evidence and " -> " in f.evidence


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("argparse", "Namespace"),
        ("typing", "Any"),
        ("gensim.models.word2vec", "Word2Vec"),
        ("gensim.corpora.dictionary", "Dictionary"),
        ("omegaconf.dictconfig", "DictConfig"),
        ("omegaconf.listconfig", "ListConfig"),
        ("omegaconf.base", "ContainerMetadata"),
        ("numpy.matrixlib.defmatrix", "matrix"),
        ("torch.torch_version", "TorchVersion"),
        ("numpy.random", "__RandomState_ctor"),
        ("numpy.random._pickle", "__bit_generator_ctor"),
        ("sklearn.linear_model._logistic", "LogisticRegression"),
    ],
)
def test_plain_classes_of_known_packages_are_info(module: str, name: str) -> None:
    data = P(2).glob(module, name).raw(b")R").stop()
    findings = scan_bytes(data)
    assert _above_info(findings) == [], [f.evidence for f in findings]


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("sklearn.externals.joblib.numpy_pickle", "NumpyArrayWrapper"),
        ("numpy.core._internal", "_reconstruct"),
    ],
)
def test_old_module_paths_are_not_critical(module: str, name: str) -> None:
    d = Policy.packaged().classify(module, name)
    assert d.verdict is not Verdict.DANGEROUS, d


def test_callable_in_no_index_is_high() -> None:
    data = P(2).glob("mylib.models", "Net").raw(b")R").stop()
    [f] = scan_bytes(data)
    assert f.rule == "MF102" and f.severity is Severity.HIGH
    assert "cannot prove it safe" in f.evidence


def test_name_missing_from_an_indexed_package_is_high() -> None:
    d = Policy.packaged().classify("sklearn.base", "no_such_function_here")
    assert d.verdict is Verdict.UNKNOWN and "not in the indexed source" in d.reason


def test_without_index_everything_unlisted_is_unknown() -> None:
    d = Policy.packaged().without_index().classify("argparse", "Namespace")
    assert d.verdict is Verdict.UNKNOWN


def test_index_carries_its_provenance() -> None:
    index = Policy.packaged().index()
    assert index is not None
    prov = index.provenance
    assert prov["python"] and "build_callable_index.py" in str(prov["command"])
    dists = prov["dists"]
    assert isinstance(dists, dict)
    names = " ".join(dists)
    for pkg in ("numpy", "scipy", "pandas", "scikit_learn", "torch", "transformers", "gensim"):
        assert pkg in names
    assert all(len(str(h)) == 64 for h in dists.values())
