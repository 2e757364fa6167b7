"""The ``symptom-decoder`` command: thin wrappers that parse, call one service and render.

Heavy modules (the engine, SQLAlchemy, matplotlib, the web app) are imported inside the
commands so that ``symptom-decoder --help`` starts fast.
"""

from __future__ import annotations

import sys

import typer

app = typer.Typer(
    name="symptom-decoder",
    help="Explains night-time leg cramps in pregnancy: danger signs first, then what may "
    "be behind them and what can help. It points and explains; it never diagnoses.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="Show the version and exit."),
) -> None:
    """Explains night-time leg cramps in pregnancy. It points and explains; it never diagnoses."""
    if version:
        from symptom_decoder import __version__

        typer.echo(__version__)
        raise typer.Exit(0)


def fail(lines: list[str] | str, code: int = 2) -> typer.Exit:
    """Print each problem on its own line to standard error and return the exit to raise."""
    for line in [lines] if isinstance(lines, str) else lines:
        typer.echo(line, err=True)
    return typer.Exit(code)


from symptom_decoder import cli_assess, cli_diary, cli_web  # noqa: E402

cli_assess.register(app)
cli_assess.register_claims(app)
cli_diary.register(app)
cli_web.register(app)

from symptom_decoder import cli_foods  # noqa: E402

cli_foods.register(app)

from symptom_decoder import cli_report  # noqa: E402

cli_report.register(app)


def main() -> None:
    from symptom_decoder.errors import SettingsError

    try:
        app()
    except SettingsError as exc:
        typer.echo(str(exc), err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("\nStopped. Nothing was saved.", err=True)
        sys.exit(130)
