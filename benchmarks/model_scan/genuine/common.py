"""Shared by pin.py, fetch.py and run.py: the manifest, pinned downloads and member reading.

The manifest names published distributions (exact version and sha256) and the members of
each that make the genuine-file set (path and sha256). Nothing here imports, unpickles or
loads a model file: members are read as bytes.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.toml"
DEFAULT_CACHE = Path.home() / ".cache" / "secplan-genuine"
MAX_MEMBER = 256 * 1024 * 1024  # no genuine member we pin is larger; a bigger one is refused


@dataclass(frozen=True)
class Member:
    path: str
    sha256: str
    size: int
    family: str


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    dist: str
    sha256: str
    source: str  # what the package is and why its files are in the set
    members: tuple[Member, ...]

    @property
    def is_sdist(self) -> bool:
        return not self.dist.endswith(".whl")

    @property
    def folder(self) -> str:
        """The package's folder in the set: one per distribution, so versions never collide."""
        return f"{self.name}-{self.version}"


def load_manifest(path: Path = MANIFEST) -> list[Package]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = []
    for p in data["package"]:
        members = tuple(Member(**m) for m in p["member"])
        for m in members:
            _check_member_path(m.path)
        out.append(Package(p["name"], p["version"], p["dist"], p["sha256"], p["source"], members))
    return out


def _check_member_path(name: str) -> None:
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or "\\" in name or not pure.parts:
        raise SystemExit(f"manifest: member path {name!r} must be relative and stay inside")


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _wheel_tags(dist: str) -> list[str]:
    """pip options that select exactly this wheel's tags, whatever machine runs the fetch."""
    parts = dist[: -len(".whl")].split("-")
    py, abi, plat = parts[-3], parts[-2], parts[-1]
    args: list[str] = ["--only-binary", ":all:"]
    if plat != "any":
        for tag in plat.split("."):
            args += ["--platform", tag]
        if py.startswith("cp"):
            args += ["--python-version", py[2:3] + "." + py[3:], "--implementation", "cp"]
        for tag in abi.split("."):
            if tag != "none":
                args += ["--abi", tag]
    return args


def download(
    name: str, version: str, dest: Path, *, dist: str | None, sha256: str | None, sdist: bool
) -> Path:
    """`pip download --no-deps` one distribution into dest; with sha256 given, pip itself
    refuses any other file (hash-checking mode), before anything is unpacked.

    An sdist has its metadata prepared by pip (its build backend runs), as at any
    `pip install`; the hash is verified before that.
    """
    dest.mkdir(parents=True, exist_ok=True)
    if dist and (dest / dist).exists() and sha256 and sha256_file(dest / dist) == sha256:
        return dest / dist
    with tempfile.TemporaryDirectory(dir=dest) as tmp:
        req = f"{name}=={version}"
        if sha256:
            req += f" --hash=sha256:{sha256}"
        reqfile = Path(tmp) / "requirements.txt"
        reqfile.write_text(req + "\n", encoding="utf-8")
        args = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp]
        args += ["-r", str(reqfile)]
        if sdist:
            args += ["--no-binary", ":all:"]
        else:
            args += _wheel_tags(dist) if dist else ["--only-binary", ":all:"]
        if sha256:
            args += ["--require-hashes"]
        proc = subprocess.run(args, capture_output=True, text=True, check=False)
        got = [p for p in Path(tmp).iterdir() if p.name != "requirements.txt"]
        if proc.returncode != 0 or len(got) != 1:
            tail = (proc.stderr.strip().splitlines() or ["no file"])[-1]
            raise SystemExit(f"{req.split()[0]}: pip download failed: {tail}")
        if dist and got[0].name != dist:
            raise SystemExit(f"{name}=={version}: pip chose {got[0].name}, manifest pins {dist}")
        if sha256 and sha256_file(got[0]) != sha256:
            raise SystemExit(f"{got[0].name}: sha256 differs from the manifest's")
        final = dest / got[0].name
        shutil.move(got[0], final)
        return final


def iter_members(dist_file: Path) -> Iterator[tuple[str, int, bytes | None]]:
    """(path, size, bytes-or-None) for every regular file of a wheel or sdist.

    Bytes are read only for files up to MAX_MEMBER; sdist paths lose their top folder.
    """
    if dist_file.suffix == ".whl" or dist_file.suffix == ".zip":
        with zipfile.ZipFile(dist_file) as z:
            for info in z.infolist():
                if info.is_dir():
                    continue
                small = info.file_size <= MAX_MEMBER
                yield info.filename, info.file_size, z.read(info) if small else None
        return
    with tarfile.open(dist_file) as t:
        for m in t:
            if not m.isfile():
                continue
            name = m.name.split("/", 1)[1] if "/" in m.name else m.name
            f = t.extractfile(m) if m.size <= MAX_MEMBER else None
            yield name, m.size, f.read() if f else None


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
        tmp.write(data)
        tmp_path = Path(tmp.name)
    tmp_path.replace(path)
