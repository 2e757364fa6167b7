"""The diary's documentation says what the commands do: options, commands and JSON keys."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from symptom_decoder.cli import app
from symptom_decoder.diary.cautions import _CAUTIONS

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "diary.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
runner = CliRunner()


def help_of(*command: str) -> str:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_it_documents_every_option_of_diary_log_and_no_other() -> None:
    documented = set(re.findall(r"^\| `(--[a-z-]+)`", DOC, flags=re.MULTILINE))
    offered = set(re.findall(r"(--[a-z][a-z-]+)", help_of("diary", "log"))) - {"--help"}
    assert documented == offered


@pytest.mark.parametrize(
    "line",
    [line for line in README.splitlines() if line.startswith("symptom-decoder ")],
)
def test_it_runs_every_command_the_readme_shows(line: str) -> None:
    words = line.split("#")[0].split()[1:]
    command = [w for w in words if not w.startswith(("-", "[")) and not w[:1].isdigit()][:2]
    usage = help_of(*command)
    for option in (w.strip("[]") for w in words if w.strip("[]").startswith("--")):
        assert option in usage, f"{option} is not an option of {' '.join(command)}"


def test_it_documents_every_caution() -> None:
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", DOC, flags=re.MULTILINE))
    assert documented == set(_CAUTIONS)
