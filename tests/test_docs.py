"""The docs stay honest: every command and every setting is documented, the public surface is curated."""
from pathlib import Path

import click
import pytest

import monitor
from monitor.cli import cli
from monitor.config import SETTINGS

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def all_commands(group: click.Group, prefix: str = "monitor") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        found.append((f"{prefix} {name}", command))
        if isinstance(command, click.Group):
            found += all_commands(command, f"{prefix} {name}")
    return found


@pytest.mark.parametrize("name,command", all_commands(cli), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_has_help_and_a_readme_entry(name, command):
    assert command.help, f"{name} has no help text"
    assert f"`{name}" in README, f"{name} is not described in README.md"


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: f"{s.section}.{s.key}")
def test_every_setting_is_in_the_readme(setting):
    assert f"`{setting.section}.{setting.key}`" in README


def test_readme_quick_start_is_exactly_two_commands_and_ci_runs_the_test_one():
    quick_start = README.split("## Quick start", 1)[1].split("```console", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in quick_start.strip().splitlines()]
    assert commands == ["make demo", "make test"]
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text()
    assert "make test" in ci


def test_public_surface_is_what_all_names():
    for name in monitor.__all__:
        assert hasattr(monitor, name), name
