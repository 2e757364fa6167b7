"""``symptom-decoder serve``: the web app on SQLite (or DATABASE_URL), with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: Annotated[str | None, typer.Option(help="Address to listen on (SD_HOST).")] = None,
        port: Annotated[int | None, typer.Option(help="Port to listen on (SD_PORT).")] = None,
        dev_http: Annotated[bool, typer.Option(
            "--dev-http", help="Send cookies without the Secure flag, for plain HTTP on a "
            "development host other than localhost. Never use it on the internet.")] = False,
    ) -> None:
        """Start the web app: http://127.0.0.1:8000 by default."""
        import uvicorn

        from symptom_decoder.settings import SettingsError, get_settings
        from symptom_decoder.web.app import create_app

        try:
            settings = get_settings()
        except SettingsError as exc:
            from symptom_decoder.cli._common import fail

            raise fail(str(exc).splitlines()) from None
        application = create_app(settings, secure_cookies=not dev_http)
        where_host = host or settings.host
        where_port = port or settings.port
        typer.echo(f"Symptom Decoder is at http://{where_host}:{where_port}  (Ctrl+C stops it)")
        uvicorn.run(application, host=where_host, port=where_port, log_level="warning",
                    proxy_headers=False, server_header=False)
