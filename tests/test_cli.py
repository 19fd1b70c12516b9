"""Every command has help and is documented in the README; errors read 'Error: …' with a fix."""
from __future__ import annotations

import re

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from conftest import ROOT
from loader.cli import app

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group, prefix=()):
    for name, command in sorted(group.commands.items()):
        path = prefix + (name,)
        if hasattr(command, "commands"):
            yield path, command
            yield from _commands(command, path)
        else:
            yield path, command


COMMANDS = list(_commands(get_command(app)))


@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_command_has_help_and_is_in_the_readme(path, command):
    assert (command.help or "").strip(), f"ogi {' '.join(path)} has no help text"
    assert re.search(rf"ogi {' '.join(path)}\b", README), f"ogi {' '.join(path)} is not in README.md"
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def test_missing_warehouse_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["sql", "report_summary", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert f"Error: no warehouse at {tmp_path / 'none.duckdb'}" in result.output
    assert "ogi load data/samples" in result.output


def test_missing_input_path_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["load", str(tmp_path / "nowhere"), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 1
    assert "Error:" in result.output and "no such file or folder" in result.output


def test_the_command_module_imports_no_database_library():
    """A load's spawned parse workers import loader.cli again before parsing: with SQLAlchemy and alembic
    at its top, each 'ogi load' worker held 77 MB instead of 50 MB."""
    import subprocess
    import sys

    probe = ("import sys, loader.cli; "
             "print(sorted(m for m in ('sqlalchemy', 'alembic', 'duckdb', 'pyarrow') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
