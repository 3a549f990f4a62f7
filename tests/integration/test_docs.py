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


def _commands(cmd: object, prefix: list[str]) -> list[str]:
    subs = getattr(cmd, "commands", None)
    if subs is None:
        return [" ".join(prefix)]
    out = [" ".join(prefix)] if getattr(cmd, "invoke_without_command", False) else []
    for name, sub in subs.items():
        out += _commands(sub, [*prefix, name])
    return out


def test_every_command_has_a_docs_section() -> None:
    import typer.main

    from secplan.cli.app import app

    text = (DOCS / "commands.md").read_text(encoding="utf-8")
    commands = _commands(typer.main.get_command(app), ["secplan"])
    assert "secplan scan" in commands and "secplan audit verify" in commands
    missing = [c for c in commands if f"## `{c}" not in text]
    assert not missing, f"docs/commands.md lacks: {missing}"


def test_controls_page_is_up_to_date() -> None:
    text = (DOCS / "controls.md").read_text(encoding="utf-8")
    assert text == controls_markdown(load_catalog(), default_registry(plugins=False).rules), (
        "docs/controls.md is stale: run `make docs`"
    )
    for c in load_catalog().controls:
        assert re.search(rf"^### {c.id}\b", text, re.M), c.id
