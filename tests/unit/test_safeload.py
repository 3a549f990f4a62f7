"""safe_load: a load policy applied before the real loader runs, and the loaders it guards.

Malicious files are generated here; their payload only creates a canary file, and every test
that refuses one asserts the canary was never created and the loader never called.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import sys
import threading
import zipfile
from pathlib import Path
from typing import Any, Literal, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import secplan
from secplan.safeload import (
    LoadPolicy,
    LoadRefused,
    Verdict,
    VerdictCache,
    digest_of,
    guarded_loads,
    register_loader,
    safe_load,
    source_of,
)

OFF = LoadPolicy(audit="off", cache=False)


class Recorder:
    """A loader that records each call and returns the bytes it was handed."""

    def __init__(self) -> None:
        self.calls: list[bytes] = []
        self.lock = threading.Lock()

    def __call__(self, f: io.BytesIO, **kw: Any) -> bytes:
        data = f.read()
        with self.lock:
            self.calls.append(data)
        return data


@pytest.fixture
def recorder() -> Recorder:
    r = Recorder()
    register_loader("recording", r)
    return r


class _Canary:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return (exec, (f"open({str(self.path)!r}, 'w').close()",))


def malicious(tmp_path: Path, name: str = "evil.pkl") -> tuple[Path, Path]:
    canary = tmp_path / "canary-fired"
    p = tmp_path / name
    p.write_bytes(pickle.dumps({"weights": [1.0], "x": _Canary(canary)}))
    return p, canary


def benign(tmp_path: Path, name: str = "good.pkl") -> Path:
    p = tmp_path / name
    p.write_bytes(pickle.dumps({"weights": [0.5, 1.5]}))
    return p


@pytest.fixture(autouse=True)
def _own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / "home"))


def test_benign_file_loads_with_the_real_pickle_loader(tmp_path: Path) -> None:
    assert safe_load(benign(tmp_path), "pickle", policy=OFF) == {"weights": [0.5, 1.5]}


def test_malicious_pickle_is_refused_and_no_loader_runs(tmp_path: Path, recorder: Recorder) -> None:
    evil, canary = malicious(tmp_path)
    with pytest.raises(LoadRefused) as exc:
        safe_load(evil, "recording", policy=OFF)
    assert any("critical" in r for r in exc.value.reasons), exc.value.reasons
    assert isinstance(exc.value, secplan.SecplanError)
    assert recorder.calls == []
    with pytest.raises(LoadRefused):
        safe_load(evil, "pickle", policy=OFF)
    assert not canary.exists()


def test_threshold_is_configurable(tmp_path: Path, recorder: Recorder) -> None:
    odd = tmp_path / "odd.pkl"
    odd.write_bytes(UNKNOWN_IMPORT)
    assert safe_load(odd, "recording", policy=LoadPolicy(fail_on="critical", audit="off"))
    with pytest.raises(LoadRefused):
        safe_load(odd, "recording", policy=LoadPolicy(fail_on="low", audit="off"))
    assert len(recorder.calls) == 1
    with pytest.raises(secplan.ConfigError, match="fail_on"):
        LoadPolicy(fail_on="nonsense")


#: a protocol-2 pickle that imports an unknown module's callable and never calls it
UNKNOWN_IMPORT = b"\x80\x02cacme_private_lib\nhelper\nq\x00."


def test_unknown_loader_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(secplan.ConfigError, match="unknown loader"):
        safe_load(benign(tmp_path), "nope", policy=OFF)


@pytest.mark.parametrize("digest", ["sha256", "blake3"])
def test_verdict_follows_the_content_not_the_path_or_mtime(
    tmp_path: Path, recorder: Recorder, digest: Literal["sha256", "blake3"]
) -> None:
    if digest == "blake3":
        pytest.importorskip("blake3", reason="blake3 is optional: pip install blake3")
    p = benign(tmp_path, "model.pkl")
    policy = LoadPolicy(audit="off", cache=True, digest=digest)
    assert safe_load(p, "recording", policy=policy) == p.read_bytes()
    st_before = p.stat()
    evil, canary = malicious(tmp_path)
    p.write_bytes(evil.read_bytes())
    os.utime(p, ns=(st_before.st_atime_ns, st_before.st_mtime_ns))
    with pytest.raises(LoadRefused):
        safe_load(p, "recording", policy=policy)
    assert len(recorder.calls) == 1
    assert not canary.exists()
    stored = (tmp_path / "home" / "safe-load" / "verdicts.json").read_text()
    assert "model.pkl" not in stored and str(tmp_path) not in stored


def test_verdict_cache_is_bounded_and_survives_a_reload(tmp_path: Path) -> None:
    f = tmp_path / "v.json"
    c = VerdictCache(f, max_entries=3)
    for i in range(5):
        c.put(f"k{i}", Verdict(True, ()))
    assert len(c) == 3
    again = VerdictCache(f, max_entries=3)
    assert again.get("k0") is None
    assert again.get("k4") == Verdict(True, ())
    f.write_text("{not json")
    assert VerdictCache(f).get("k4") is None  # an unreadable cache is ignored, not trusted


def _cache_file(tmp_path: Path) -> Path:
    return tmp_path / "home" / "safe-load" / "verdicts.json"


def test_forged_cache_entries_are_ignored(tmp_path: Path, recorder: Recorder) -> None:
    policy = LoadPolicy(audit="off", cache=True)
    good = benign(tmp_path)
    safe_load(good, "recording", policy=policy)
    stored = json.loads(_cache_file(tmp_path).read_text())
    ((key, entry),) = stored["verdicts"].items()
    evil, canary = malicious(tmp_path)
    evil_key = f"{digest_of(evil.read_bytes())}:{policy.fingerprint(None)}"
    for forged in (
        {"allowed": True, "reasons": []},  # no MAC: written without the key
        {"allowed": True, "reasons": [], "mac": "0" * 64},  # a made-up MAC
        entry,  # the good file's authentic entry, moved to the evil file's digest
    ):
        stored["verdicts"] = {key: entry, evil_key: forged}
        _cache_file(tmp_path).write_text(json.dumps(stored))
        secplan.safeload._DISK.clear()  # a new process reads the file afresh
        with pytest.raises(LoadRefused):
            safe_load(evil, "recording", policy=policy)
        assert safe_load(good, "recording", policy=policy)  # the authentic entry still counts
    assert not canary.exists()
    assert len(recorder.calls) == 4


def test_a_cache_copied_from_another_home_is_not_trusted(
    tmp_path: Path, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = LoadPolicy(audit="off", cache=True)
    good = benign(tmp_path)
    safe_load(good, "recording", policy=policy)
    theirs = json.loads(_cache_file(tmp_path).read_text())
    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / "other"))
    c = VerdictCache(tmp_path / "other" / "safe-load" / "verdicts.json")
    c.put("unrelated", Verdict(True, ()))  # creates the other home's own key
    (c.path or Path()).write_text(json.dumps(theirs))
    (key,) = theirs["verdicts"]
    assert VerdictCache(c.path).get(key) is None
    key_file = tmp_path / "home" / "safe-load" / VerdictCache.KEY_NAME
    assert key_file.stat().st_mode & 0o777 == 0o600 and len(key_file.read_bytes()) == 32


@pytest.mark.parametrize("digest", ["sha256", "blake3"])
def test_the_content_digest_is_recorded(
    tmp_path: Path, digest: Literal["sha256", "blake3"]
) -> None:
    if digest == "blake3":
        pytest.importorskip("blake3", reason="blake3 is optional: pip install blake3")
    evil, canary = malicious(tmp_path)
    content = evil.read_bytes()
    with pytest.raises(LoadRefused) as exc:
        safe_load(evil, "pickle", policy=LoadPolicy(audit="off", cache=False, digest=digest))
    assert exc.value.digest == digest_of(content, digest)
    if digest == "sha256":
        assert exc.value.digest == "sha256:" + hashlib.sha256(content).hexdigest()
        assert exc.value.sha256 == hashlib.sha256(content).hexdigest()
    else:
        assert exc.value.digest.startswith("blake3:") and exc.value.sha256 == ""
    with pytest.raises(secplan.ConfigError, match="digest"):
        LoadPolicy(digest=cast(Any, "md5"))
    assert not canary.exists()


def test_without_blake3_the_digest_is_sha256(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "blake3", None)  # the package is not installed
    content = b"some bytes"
    assert digest_of(content) == "sha256:" + hashlib.sha256(content).hexdigest()
    good = benign(tmp_path)
    assert safe_load(good, "pickle", policy=OFF) == {"weights": [0.5, 1.5]}
    with pytest.raises(secplan.ConfigError, match="blake3"):
        safe_load(good, "pickle", policy=LoadPolicy(audit="off", cache=False, digest="blake3"))


@pytest.mark.parametrize("declared", [1, 5 << 20], ids=["grew", "shrank"])
def test_a_file_that_changes_size_while_read_is_hashed_as_read(
    tmp_path: Path, declared: int
) -> None:
    """The buffer is sized from fstat; content past it, or short of it, is still exactly
    what is hashed and returned."""
    data = os.urandom(3 * (1 << 20) + 5)
    sized = tmp_path / "sized"
    sized.write_bytes(b"x" * declared)
    with sized.open("rb") as other:

        class Changing(io.BytesIO):
            def fileno(self) -> int:
                return other.fileno()

        got, digest = secplan.safeload._read_hashing(Changing(data), 1 << 30, "f")
    assert bytes(got) == data and digest == digest_of(data)


@pytest.mark.parametrize("algorithm", ["blake3", "sha256"])
@pytest.mark.parametrize("kernel_fails_after", [None, 0, 2], ids=["kernel", "buffer", "switch"])
def test_the_copy_is_hashed_chunk_by_chunk_beside_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    algorithm: str,
    kernel_fails_after: int | None,
) -> None:
    """The kernel copies the file in chunks while a thread hashes each copied chunk; where
    the kernel cannot copy (from the first chunk, or part way), the rest goes through a
    buffer. Either way the content and its digest are exactly the file's."""
    pytest.importorskip("blake3") if algorithm == "blake3" else None
    data = os.urandom(10 * 4096 + 7)
    path = tmp_path / "m.bin"
    path.write_bytes(data)
    monkeypatch.setattr(secplan.safeload, "_COPY_CHUNK", 4096)
    real, calls = os.sendfile, []

    def sendfile(out_fd: int, in_fd: int, offset: int, count: int) -> int:
        calls.append(count)
        if kernel_fails_after is not None and len(calls) > kernel_fails_after:
            raise OSError(22, "Invalid argument")
        return real(out_fd, in_fd, offset, count)

    monkeypatch.setattr(os, "sendfile", sendfile)
    with path.open("rb", buffering=0) as fh:
        fh.seek(5)
        got, digest = secplan.safeload._read_hashing(fh, 1 << 30, "f", algorithm)
        assert fh.tell() == len(data)
    assert bytes(got) == data[5:] and digest == digest_of(data[5:], algorithm)
    assert len(calls) == (11 if kernel_fails_after is None else kernel_fails_after + 1)


def test_a_buffered_file_is_copied_from_where_its_reader_stands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A buffered reader has read ahead of its position: the kernel copies from the
    position the reader reports, and the reader is left after the bytes copied."""
    monkeypatch.setattr(secplan.safeload, "_COPY_CHUNK", 4096)
    data = os.urandom(5 * 4096 + 3)
    (tmp_path / "m.bin").write_bytes(data)
    with (tmp_path / "m.bin").open("rb") as fh:
        assert fh.read(5) == data[:5]
        got, digest = secplan.safeload._read_hashing(fh, 1 << 30, "f")
        assert fh.read() == b""
    assert bytes(got) == data[5:] and digest == digest_of(data[5:])


def test_a_wrapped_file_is_read_through_its_wrapper(tmp_path: Path) -> None:
    """A file whose descriptor is not its content (a gzip file's is the compressed file) is
    copied through its own reads, never by the kernel from the descriptor."""
    import gzip

    data = os.urandom(50_000)
    path = tmp_path / "m.gz"
    path.write_bytes(gzip.compress(data))
    with gzip.open(path, "rb") as fh:
        got, digest = secplan.safeload._read_hashing(cast(io.BufferedReader, fh), 1 << 30, "f")
    assert bytes(got) == data and digest == digest_of(data)


@pytest.mark.parametrize("size", [3 * 4096, 4096], ids=["chunks", "one chunk"])
def test_the_hash_runs_in_its_own_thread_when_there_is_a_copy_to_overlap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    threads: set[str] = set()
    real = secplan.safeload._hasher

    class Watched:
        def __init__(self, name: str) -> None:
            self.h = real(name)
            self.name = self.h.name

        def update(self, data: Any) -> None:
            threads.add(threading.current_thread().name)
            self.h.update(data)

        def hexdigest(self) -> str:
            return str(self.h.hexdigest())

    monkeypatch.setattr(secplan.safeload, "_hasher", Watched)
    monkeypatch.setattr(secplan.safeload, "_COPY_CHUNK", 4096)
    data = os.urandom(size)
    (tmp_path / "m.bin").write_bytes(data)
    with (tmp_path / "m.bin").open("rb", buffering=0) as fh:
        got, digest = secplan.safeload._read_hashing(fh, 1 << 30, "f")
    seen = set(threads)
    assert bytes(got) == data and digest == digest_of(data)
    assert seen == ({"secplan-hash"} if size > 4096 else {threading.current_thread().name})


@pytest.mark.parametrize("chunk", [4096, 1 << 20], ids=["beside", "after"])
def test_a_failing_hash_fails_the_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    class Broken:
        name = "broken"

        def update(self, data: object) -> None:
            raise MemoryError("no room")

    path = tmp_path / "m.bin"
    path.write_bytes(b"x" * 10_000)
    monkeypatch.setattr(secplan.safeload, "_hasher", lambda name: Broken())
    monkeypatch.setattr(secplan.safeload, "_COPY_CHUNK", chunk)
    with path.open("rb", buffering=0) as fh, pytest.raises(MemoryError, match="no room"):
        secplan.safeload._read_hashing(fh, 1 << 30, "f")


def test_sources_off_the_allowed_list_are_refused(tmp_path: Path, recorder: Recorder) -> None:
    ok_dir, other = tmp_path / "approved", tmp_path / "elsewhere"
    ok_dir.mkdir()
    other.mkdir()
    policy = LoadPolicy(audit="off", cache=False, allowed_sources=(str(ok_dir), "hf://good-org"))
    assert safe_load(benign(ok_dir), "recording", policy=policy)
    with pytest.raises(LoadRefused, match="not on the allowed list"):
        safe_load(benign(other), "recording", policy=policy)
    with pytest.raises(LoadRefused):
        safe_load(benign(other), "recording", policy=policy, source="hf://good-org-evil/m")
    assert safe_load(benign(other), "recording", policy=policy, source="hf://good-org/m")
    assert len(recorder.calls) == 2


def test_hugging_face_cache_paths_count_as_their_organisation(tmp_path: Path) -> None:
    snap = tmp_path / "hub" / "models--acme--bert" / "snapshots" / "abc"
    snap.mkdir(parents=True)
    assert source_of(benign(snap)) == "hf://acme/bert"


class _BrokenServices:
    def audit(self, *a: object, **kw: object) -> None:
        raise RuntimeError("database is read-only")


def test_required_audit_never_fails_open(tmp_path: Path, recorder: Recorder) -> None:
    broken = cast("Any", _BrokenServices())
    policy = LoadPolicy(audit="required", cache=False)
    with pytest.raises(LoadRefused, match="requires auditing"):
        safe_load(benign(tmp_path), "recording", policy=policy, services=broken)
    assert recorder.calls == []
    # best effort: the load goes ahead, the failure is logged
    loose = LoadPolicy(audit="if-available", cache=False)
    assert safe_load(benign(tmp_path), "recording", policy=loose, services=broken)


def test_the_default_audit_trail_records_each_load(tmp_path: Path, recorder: Recorder) -> None:
    """Without ``services=``, secplan's own state is opened (in a thread, while the file is
    read) and every load, allowed or refused, is recorded before the loader runs."""
    from secplan.services import open_services

    policy = LoadPolicy(audit="required", cache=False)
    good = benign(tmp_path)
    evil, canary = malicious(tmp_path)
    safe_load(good, "recording", policy=policy)
    with pytest.raises(LoadRefused):
        safe_load(evil, "recording", policy=policy)
    svc = open_services()
    events = list(svc.trail.events(action="model.load"))
    svc.close()
    assert [(e.resource, e.outcome) for e in events] == [
        (str(good), "allowed"),
        (str(evil), "denied"),
    ]
    assert len(recorder.calls) == 1 and not canary.exists()
    assert not secplan.safeload._OPENING  # the thread that opened them is done


def test_with_a_local_trail_a_load_is_recorded_without_opening_the_services(
    tmp_path: Path, recorder: Recorder
) -> None:
    """Where the local SQLite trail exists, the record is appended to it directly (the same
    chain, checked by ``verify``), before the loader runs, and the services stay closed."""
    from secplan import paths
    from secplan.audit.keys import trusted_verifiers
    from secplan.audit.verify import verify
    from secplan.services import open_services

    open_services().close()  # the database exists
    policy = LoadPolicy(audit="required", cache=False)
    good = benign(tmp_path)

    def loader(f: io.BytesIO) -> list[str]:
        svc = open_services()  # the record is there before the loader runs
        try:
            return [e.outcome for e in svc.trail.events(resource=str(good))]
        finally:
            svc.close()

    register_loader("records-first", loader)
    assert safe_load(good, "records-first", policy=policy) == ["allowed"]
    assert paths.home() not in secplan.safeload._SERVICES
    assert paths.home() not in secplan.safeload._OPENING
    svc = open_services()
    try:
        assert verify(svc.trail, trusted_verifiers()).ok
    finally:
        svc.close()


def test_every_load_is_audited_allowed_or_refused(tmp_path: Path, recorder: Recorder) -> None:
    from secplan.services import open_services

    svc = open_services()
    policy = LoadPolicy(audit="required", cache=False)
    good = benign(tmp_path)
    evil, canary = malicious(tmp_path)
    safe_load(good, "recording", policy=policy, services=svc)
    with pytest.raises(LoadRefused):
        safe_load(evil, "recording", policy=policy, services=svc)
    events = list(svc.trail.events(action="model.load"))
    assert [(e.resource, e.outcome) for e in events] == [
        (str(good), "allowed"),
        (str(evil), "denied"),
    ]
    assert "critical" in events[1].details
    assert digest_of(evil.read_bytes()) in events[1].details
    with pytest.raises(LoadRefused, match="max_bytes"):
        safe_load(good, "recording", policy=LoadPolicy(max_bytes=4), services=svc)
    last = list(svc.trail.events(action="model.load"))
    assert len(last) == 3 and last[-1].outcome == "denied" and "max_bytes" in last[-1].details
    assert len(recorder.calls) == 1
    assert not canary.exists()
    svc.close()


def test_signature_policy(tmp_path: Path, recorder: Recorder) -> None:
    pytest.importorskip("model_signing")
    from secplan.protect.signing import sign
    from tests.unit.protect.test_signing import keypair

    priv, pub = keypair(tmp_path)
    _, other_pub = keypair(tmp_path, "other")
    m = benign(tmp_path, "model.pkl")
    policy = LoadPolicy(audit="off", cache=False, require_signature=True, trusted_keys=(pub,))
    with pytest.raises(LoadRefused, match="requires one"):
        safe_load(m, "recording", policy=policy)
    sign(m, priv)
    assert safe_load(m, "recording", policy=policy) == m.read_bytes()
    untrusted = LoadPolicy(audit="off", require_signature=True, trusted_keys=(other_pub,))
    with pytest.raises(LoadRefused, match="not signed by any trusted key"):
        safe_load(m, "recording", policy=untrusted)
    m.write_bytes(pickle.dumps({"weights": [9.9]}))
    with pytest.raises(LoadRefused, match="content changed since signing"):
        safe_load(m, "recording", policy=policy)
    assert len(recorder.calls) == 1


def test_guarded_loads_patch_and_restore(tmp_path: Path) -> None:
    original_load, original_loads = pickle.load, pickle.loads
    evil, canary = malicious(tmp_path)
    with guarded_loads(OFF):
        assert pickle.load is not original_load
        with pytest.raises(LoadRefused):
            pickle.loads(evil.read_bytes())
        with evil.open("rb") as fh, pytest.raises(LoadRefused):
            pickle.load(fh)
        assert pickle.loads(pickle.dumps([1, 2])) == [1, 2]
        with guarded_loads(OFF):  # nested
            assert pickle.loads(pickle.dumps("x")) == "x"
        assert pickle.load is not original_load  # still guarded by the outer block
    assert (pickle.load, pickle.loads) == (original_load, original_loads)
    with pytest.raises(ZeroDivisionError), guarded_loads(OFF):
        _ = 1 / 0
    assert (pickle.load, pickle.loads) == (original_load, original_loads)
    assert not canary.exists()


def test_guarded_numpy_load_checks_only_pickled_arrays(tmp_path: Path) -> None:
    np = pytest.importorskip("numpy")
    arr = tmp_path / "a.npy"
    np.save(arr, np.arange(3))
    evil, canary = malicious(tmp_path, "evil.npy")
    with guarded_loads(OFF):
        assert list(np.load(arr)) == [0, 1, 2]
        with pytest.raises(LoadRefused):
            np.load(evil, allow_pickle=True)
    assert not canary.exists()


def test_torch_checkpoints(tmp_path: Path) -> None:
    torch = pytest.importorskip("torch", reason="torch is optional: pip install torch==2.13.0")
    good = tmp_path / "good.pt"
    torch.save({"w": torch.ones(2)}, good)
    assert safe_load(good, "torch", policy=OFF)["w"].tolist() == [1.0, 1.0]
    evil = tmp_path / "evil.pt"
    canary = tmp_path / "canary-fired"
    torch.save({"w": torch.ones(2), "x": _Canary(canary)}, evil)
    with pytest.raises(LoadRefused):
        safe_load(evil, "torch", policy=OFF, weights_only=False)
    with guarded_loads(OFF), pytest.raises(LoadRefused):
        torch.load(evil, weights_only=False)
    assert not canary.exists()


def test_a_cached_torch_checkpoint_replaced_in_place_is_refused(tmp_path: Path) -> None:
    torch = pytest.importorskip("torch", reason="torch is optional: pip install torch==2.13.0")
    p = tmp_path / "model.pt"
    torch.save({"w": torch.ones(2)}, p)
    policy = LoadPolicy(audit="off", cache=True)
    for _ in range(2):  # the second load is a cached verdict
        assert safe_load(p, "torch", policy=policy, weights_only=False)["w"].tolist() == [1, 1]
    before = p.stat()
    canary = tmp_path / "canary-fired"
    torch.save({"w": torch.ones(2), "x": _Canary(canary)}, p)
    os.utime(p, ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(LoadRefused):
        safe_load(p, "torch", policy=policy, weights_only=False)
    assert not canary.exists()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_load_or_are_refused(tmp_path: Path, data: bytes) -> None:
    rec = Recorder()
    register_loader("recording-fuzz", rec)
    p = tmp_path / "fuzz.pkl"
    p.write_bytes(data)
    try:
        assert safe_load(p, "recording-fuzz", policy=OFF) == data
    except LoadRefused as exc:
        assert exc.reasons and rec.calls == []


def test_the_canary_is_live(tmp_path: Path) -> None:
    """The fixtures would fire if loaded unchecked, so 'never fired' above means something."""
    evil, canary = malicious(tmp_path)
    pickle.loads(evil.read_bytes())  # the point of this test
    assert canary.exists()


def test_joblib_files(tmp_path: Path) -> None:
    joblib = pytest.importorskip("joblib")
    good, evil = tmp_path / "good.joblib", tmp_path / "evil.joblib"
    canary = tmp_path / "canary-fired"
    joblib.dump({"coef": [1, 2]}, good)
    joblib.dump({"coef": [1, 2], "x": _Canary(canary)}, evil)
    assert safe_load(good, "joblib", policy=OFF) == {"coef": [1, 2]}
    with pytest.raises(LoadRefused):
        safe_load(evil, "joblib", policy=OFF)
    with guarded_loads(OFF):
        assert joblib.load(good) == {"coef": [1, 2]}
        with pytest.raises(LoadRefused):
            joblib.load(evil)
    assert not canary.exists()


def test_guard_applies_in_other_threads_while_active(tmp_path: Path) -> None:
    evil, canary = malicious(tmp_path)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            pickle.loads(evil.read_bytes())
        except LoadRefused as exc:
            errors.append(exc)

    with guarded_loads(OFF):
        t = threading.Thread(target=worker)
        t.start()
        t.join()
    assert len(errors) == 1
    assert not canary.exists()


def test_guarded_legacy_torch_format_is_checked_once(tmp_path: Path) -> None:
    """torch's legacy format calls ``pickle.load`` itself; inside a verified load that inner
    call must reach the real pickle, not be checked (and refused) again."""
    torch = pytest.importorskip("torch", reason="torch is optional: pip install torch==2.13.0")
    legacy = tmp_path / "legacy.pt"
    torch.save({"w": torch.zeros(3)}, legacy, _use_new_zipfile_serialization=False)
    with guarded_loads(LoadPolicy(audit="off", cache=False, allowed_sources=(str(tmp_path),))):
        assert torch.load(legacy, weights_only=False)["w"].tolist() == [0.0, 0.0, 0.0]


@settings(max_examples=60, deadline=None)
@given(
    st.binary(max_size=300),
    st.lists(
        st.tuples(st.sampled_from(["read", "readline", "seek", "readinto"]), st.integers(-1, 400))
    ),
)
def test_verified_view_reads_like_bytesio(data: bytes, ops: list[tuple[str, int]]) -> None:
    from secplan.safeload import _Verified

    ours, ref = _Verified(bytearray(data)), io.BytesIO(data)
    for op, n in ops:
        if op == "seek":
            assert ours.seek(max(n, 0)) == ref.seek(max(n, 0))
        elif op == "readinto":
            a, b = bytearray(max(n, 0)), bytearray(max(n, 0))
            assert ours.readinto(a) == ref.readinto(b)
            assert a == b
        else:
            assert getattr(ours, op)(n) == getattr(ref, op)(n)
        assert ours.tell() == ref.tell()


def test_the_analyzer_on_memory_finds_what_it_finds_on_a_file(tmp_path: Path) -> None:
    """safe_load analyzes the private bytes in memory instead of a copy on disk: the findings
    must be the ones the file gives."""
    from secplan.modelfile.api import analyze_buffer, analyze_file

    evil, _ = malicious(tmp_path)
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("archive/data.pkl", evil.read_bytes())
    samples = {
        "evil.pkl": evil.read_bytes(),
        "odd.pkl": UNKNOWN_IMPORT,
        "model.pt": zipped.getvalue(),
        "empty.bin": b"",
        "noise.bin": bytes(range(256)) * 4,
        "polyglot.pkl": evil.read_bytes() + zipped.getvalue(),
    }
    for name, content in samples.items():
        d = tmp_path / name.replace(".", "-")
        d.mkdir()
        (d / name).write_bytes(content)

        def seen(findings: list[Any]) -> list[tuple[str, int, str]]:
            return sorted((f.rule, int(f.severity), f.message) for f in findings)

        on_disk = seen(analyze_file(d / name, name))
        in_memory = seen(analyze_buffer(content, len(content), name, name=name, directory=d))
        assert in_memory == on_disk, name
        if name != "noise.bin":
            assert on_disk, name  # each sample but the noise gives findings


def test_loaders_that_want_a_path_get_a_private_copy(tmp_path: Path) -> None:
    seen: list[tuple[Path, bytes]] = []

    def by_path(p: Path, **kw: Any) -> str:
        seen.append((p, p.read_bytes()))
        return "loaded"

    register_loader("by-path", by_path, wants_path=True)
    good = benign(tmp_path)
    policy = LoadPolicy(audit="off", cache=True)
    for _ in range(2):  # a cold verdict, then a cached one
        assert safe_load(good, "by-path", policy=policy) == "loaded"
    assert [data for _, data in seen] == [good.read_bytes()] * 2
    for p, _ in seen:
        assert p.parent != good.parent and not p.parent.exists()  # removed after the load


@pytest.mark.skipif(not hasattr(os, "memfd_create"), reason="no in-memory files here")
def test_the_checked_bytes_are_sealed_against_any_change(tmp_path: Path) -> None:
    """A regular file is read into an in-memory file sealed once hashed: nobody, this process
    included, can write, grow or shrink it, so a loader that maps it gets the hashed bytes."""
    import fcntl

    data = os.urandom(3 * (1 << 20) + 7)
    p = tmp_path / "m.bin"
    p.write_bytes(data)
    with p.open("rb", buffering=0) as f:
        got, digest = secplan.safeload._read_hashing(f, 1 << 30, "m.bin")
    try:
        assert isinstance(got, secplan.safeload._Sealed)
        assert bytes(got) == data and digest == digest_of(data)
        seals = fcntl.fcntl(got.fd, fcntl.F_GET_SEALS)
        for seal in (fcntl.F_SEAL_WRITE, fcntl.F_SEAL_GROW, fcntl.F_SEAL_SHRINK, fcntl.F_SEAL_SEAL):
            assert seals & seal
        with pytest.raises(PermissionError):
            os.pwrite(got.fd, b"changed", 0)
        with pytest.raises(PermissionError):
            os.ftruncate(got.fd, 1)
        with open(f"/proc/self/fd/{got.fd}", "rb") as again:  # what a loader opening it sees
            assert again.read() == data
        fd = got.fd
    finally:
        secplan.safeload._release(got)
    with pytest.raises(OSError):
        os.fstat(fd)  # closed with the content


def test_torch_maps_the_sealed_copy_and_gets_what_torch_load_gets(tmp_path: Path) -> None:
    torch = pytest.importorskip("torch", reason="torch is optional: pip install torch==2.13.0")
    p = tmp_path / "ckpt.pt"
    state = {"w": torch.rand(1000), "b": torch.arange(7)}
    torch.save(state, p)
    mapped: list[str] = []
    real = secplan.safeload._LOADERS["torch"]

    def spy(path: str, **kw: Any) -> Any:
        mapped.append(path)
        return real.sealed(path, **kw)  # type: ignore[misc]

    secplan.safeload._LOADERS["torch"] = secplan.safeload._Entry(real.fn, False, spy)
    try:
        got = safe_load(p, "torch", policy=OFF)
        unmapped = safe_load(p, "torch", policy=OFF, mmap=False)  # the caller's choice holds
    finally:
        secplan.safeload._LOADERS["torch"] = real
    assert len(mapped) == (1 if hasattr(os, "memfd_create") else 0)
    for loaded in (got, unmapped):
        assert set(loaded) == {"w", "b"}
        assert all(torch.equal(loaded[k], state[k]) for k in state)
    p.write_bytes(b"changed after the load")  # the tensors do not follow the file
    assert torch.equal(got["w"], state["w"])
