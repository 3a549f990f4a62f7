"""The ``secplan`` command line: thin commands over the library."""

from secplan.cli.app import app, main

__all__ = ["app", "main"]
