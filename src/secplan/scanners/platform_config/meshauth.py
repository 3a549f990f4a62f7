"""Whether the project configures authentication in its service mesh or gateway, so that a
KServe ``InferenceService`` left at its default exposure (served through the ingress gateway,
which asks for nothing) is not reported as open: an Istio ``AuthorizationPolicy`` or
``RequestAuthentication``, an Authorino ``AuthConfig`` or an Envoy Gateway
``SecurityPolicy`` anywhere in the project's manifests. Their selectors are not matched
against the services: the finding they silence is a low-confidence one, and a project that
writes such policies decides who reaches its services in the mesh.
"""

from __future__ import annotations

import re

from secplan.model import ArtifactKind
from secplan.scanners._base import ScanContext
from secplan.textfile import TooLarge, read_text

MAX_FILES = 5_000
MAX_BYTES = 512 << 10
_POLICY = re.compile(
    r"^[ \t-]*kind:[ \t]*[\"']?(?:AuthorizationPolicy|RequestAuthentication|AuthConfig"
    r"|SecurityPolicy)\b",
    re.MULTILINE,
)
_cache: dict[int, tuple[ScanContext, bool]] = {}


def mesh_authenticates(ctx: ScanContext) -> bool:
    """Whether a manifest of the project declares a mesh or gateway authentication policy
    (read once per scan)."""
    cached = _cache.get(id(ctx))
    if cached is not None and cached[0] is ctx:
        return cached[1]
    found = False
    for artifact in ctx.artifacts[:MAX_FILES]:
        if artifact.kind is not ArtifactKind.DEPLOYMENT or artifact.size > MAX_BYTES:
            continue
        try:
            text = read_text(artifact.path, MAX_BYTES)
        except (TooLarge, OSError, ValueError):
            continue
        if _POLICY.search(text):
            found = True
            break
    if len(_cache) > 16:
        _cache.clear()
    _cache[id(ctx)] = (ctx, found)
    return found
