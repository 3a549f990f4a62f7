"""Protect: encryption at rest with managed keys, key rotation and crypto-shredding (DS1,
SC3), in the age file format.

The key store is imported on first use, so that the modules that need no key (signing,
sharing) start without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secplan.protect.keystore import KeyRing, KeyState, KeyStore, KeyVersion

__all__ = ["KeyRing", "KeyState", "KeyStore", "KeyVersion"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from secplan.protect import keystore

        return getattr(keystore, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
