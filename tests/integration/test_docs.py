"""Documentation that is generated from code must not go stale."""

from __future__ import annotations

import re
from pathlib import Path

from secplan.catalog import load_catalog
from secplan.docs import controls_markdown, rules_markdown
from secplan.scanners import default_registry

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_rules_page_is_up_to_date() -> None:
    expected = rules_markdown(default_registry(plugins=False).rules)
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == expected, (
        "docs/rules.md is stale: run `make docs`"
    )


def test_every_command_has_a_docs_page() -> None:
    text = (DOCS / "commands.md").read_text(encoding="utf-8")
    for command in ("secplan scan", "secplan controls", "secplan controls show", "secplan rules"):
        assert f"## `{command}" in text, command


def test_controls_page_is_up_to_date() -> None:
    text = (DOCS / "controls.md").read_text(encoding="utf-8")
    assert text == controls_markdown(load_catalog(), default_registry(plugins=False).rules), (
        "docs/controls.md is stale: run `make docs`"
    )
    for c in load_catalog().controls:
        assert re.search(rf"^### {c.id}\b", text, re.M), c.id
