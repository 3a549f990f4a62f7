"""``python -m secplan``."""

from secplan.cli import main

main()
