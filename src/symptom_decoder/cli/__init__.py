"""The command line, one module per command group: ``app`` builds the ``symptom-decoder``
command from them (the console script is ``symptom_decoder.cli:main``)."""

from symptom_decoder.cli.app import app, main

__all__ = ["app", "main"]
