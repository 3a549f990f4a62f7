"""Protect: encryption at rest with managed keys, key rotation and crypto-shredding (DS1,
SC3), in the age file format."""

from secplan.protect.keystore import KeyRing, KeyState, KeyStore, KeyVersion

__all__ = ["KeyRing", "KeyState", "KeyStore", "KeyVersion"]
