"""Every CLI command, option and config key is documented."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import typer.main

from storyline.cli import app
from storyline.config import Config

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_every_command_and_option_is_documented() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert f"storyline {name}" in text, f"command {name} is not in docs/cli.md"
        for param in command.params:
            for option in param.opts:
                if option.startswith("--") and option != "--help":
                    assert option in text, f"{name} {option} is not in docs/cli.md"


def test_every_config_key_is_documented() -> None:
    text = (DOCS / "config.md").read_text(encoding="utf-8")
    for field in fields(Config):
        assert f"`{field.name}`" in text, f"config key {field.name} is not in docs/config.md"
