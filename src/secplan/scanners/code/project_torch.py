"""Whether the project's own dependency files guarantee PyTorch 2.6 or later, where
``torch.load`` defaults to ``weights_only=True``: then a call that leaves the argument out
does not unpickle, and CD103 reports only an explicit ``weights_only=False``."""

from __future__ import annotations

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from secplan.scanners._base import ScanContext

SAFE_DEFAULT = Version("2.6")
#: Releases before 2.6 that a range must exclude to guarantee the safe default.
_OLD = ("2.5.1", "2.4.1", "2.2.2", "2.0.1", "1.13.1", "1.8.0")
_cache: dict[int, tuple[ScanContext, bool]] = {}


def torch_loads_weights_only(ctx: ScanContext) -> bool:
    """Every declaration of ``torch`` in the project's dependency files (there is at least
    one) pins or requires 2.6 or later."""
    cached = _cache.get(id(ctx))
    if cached is not None and cached[0] is ctx:
        return cached[1]
    from secplan.scanners.deps.files import collect  # the deps package imports this one

    files, _ = collect(ctx.root, ctx.artifacts)
    specs = [d for f in files for d in f.deps if d.key == "torch"]
    result = bool(specs) and all(_new_enough(d.version, d.specifier) for d in specs)
    if len(_cache) > 16:
        _cache.clear()
    _cache[id(ctx)] = (ctx, result)
    return result


def _new_enough(version: str | None, specifier: str) -> bool:
    try:
        if version is not None:
            return Version(version) >= SAFE_DEFAULT
        spec = SpecifierSet(specifier)
    except (InvalidVersion, InvalidSpecifier):
        return False
    return bool(str(spec)) and not any(spec.contains(old, prereleases=True) for old in _OLD)


__all__ = ["SAFE_DEFAULT", "torch_loads_weights_only"]
