"""``symptom-decoder assess``: from answers to an assessment, or an interview in the terminal."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def assess() -> None:
        """Decode a set of answers (work in progress)."""
        raise typer.Exit(1)
