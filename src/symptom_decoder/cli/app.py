"""The ``symptom-decoder`` command: the Typer app and its command groups, registered here.

Each group lives in its own module (``assess``, ``diary``, ``foods``, ``log``,
``supplements``, ``web``); what they share (``fail``, the unit of work, parsers) is in
``_common`` and ``_foods``. Heavy modules (the engine, SQLAlchemy, matplotlib, the web app)
are imported inside the commands so that ``symptom-decoder --help`` starts fast.
"""

from __future__ import annotations

import sys

import typer

from symptom_decoder.cli import assess, diary, foods, log, report, supplements, web

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


assess.register(app)
assess.register_claims(app)
diary.register(app)
web.register(app)
foods.register(app)
log.register(app)
supplements.register(app)
foods.register_diet(app)
report.register(app)


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
