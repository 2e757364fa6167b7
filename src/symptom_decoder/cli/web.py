"""``symptom-decoder serve``: the web app on SQLite (or DATABASE_URL), with uvicorn."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from symptom_decoder.settings import Settings


def startup_problem(settings: Settings) -> str | None:
    """One line naming the setting to fix when the data directory or the database cannot be
    used; None when both work (the schema is then up to date and the key exists)."""
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from symptom_decoder.store.db import make_engine, upgrade
    from symptom_decoder.web.app import secret_key

    where = f"SD_DATA_DIR ({settings.data_dir})"
    fix = "point it at a folder you can write"
    try:
        engine = make_engine(settings.effective_database_url)
    except ArgumentError:
        return ("DATABASE_URL: not a database address this app knows; use "
                "postgresql://user@host/database or leave it unset for SQLite")
    except OSError as exc:
        return f"{where}: cannot be used ({exc.strerror or exc}); {fix}"
    except (SQLAlchemyError, ImportError) as exc:  # an unknown or missing driver
        return (f"DATABASE_URL: cannot be used ({type(exc).__name__}); use "
                "postgresql://user@host/database or leave it unset for SQLite")
    try:
        upgrade(engine)
        secret_key(settings)
    except OSError as exc:
        return f"{where}: cannot be written ({exc.strerror or exc}); {fix}"
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:200]
        if settings.database_url:
            return (f"DATABASE_URL: the database does not answer ({reason}); check that it runs "
                    "and that the address is right")
        return f"{where}: the database there cannot be opened ({reason})"
    finally:
        engine.dispose()
    return None


def port_problem(host: str, port: int) -> str | None:
    """One line when HOST:PORT cannot be listened on (another server holds it), else None.
    It binds the address the workers will bind, but without sharing: even a running copy of
    this server, whose workers share the port with each other, holds it."""
    import socket

    from symptom_decoder.cli._workers import cannot_listen, listening_socket

    try:
        listening_socket(host, port, 1, shared=False).close()
    except socket.gaierror as exc:
        return f"SD_HOST ({host}): not an address this machine knows ({exc.strerror or exc})"
    except OSError as exc:
        return cannot_listen(host, port, exc)
    return None


def engine_note() -> str | None:
    """One line when the engine runs from its Python source (about half the speed), else
    None: after an edit or a pull until ``make`` compiles it again, or without gcc."""
    from symptom_decoder.engine import compiled

    native, why = compiled()
    if native:
        return None
    return (f"The engine runs from its Python source ({why}); `make native` compiles it to "
            "answer about twice as fast.")


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: Annotated[str | None, typer.Option(help="Address to listen on (SD_HOST).")] = None,
        port: Annotated[int | None, typer.Option(help="Port to listen on (SD_PORT).")] = None,
        workers: Annotated[int | None, typer.Option(
            min=1, max=64, help="Worker processes answering on the one port (SD_WORKERS; "
            "default: the number of cores).")] = None,
        dev_http: Annotated[bool, typer.Option(
            "--dev-http", help="Send cookies without the Secure flag, for plain HTTP on a "
            "development host other than localhost. Never use it on the internet.")] = False,
    ) -> None:
        """Start the web app: http://127.0.0.1:8000 by default."""
        import contextlib
        import os

        from symptom_decoder.cli._common import fail
        from symptom_decoder.cli._workers import run as run_workers
        from symptom_decoder.settings import SettingsError, get_settings

        try:
            settings = get_settings()
        except SettingsError as exc:
            raise fail(str(exc).splitlines()) from None
        problem = startup_problem(settings)
        if problem:
            raise fail(problem)
        if dev_http:
            os.environ["SD_DEV_HTTP"] = "1"  # read by every worker process
        count = workers or settings.workers or os.cpu_count() or 1
        where_host = host or settings.host
        where_port = port or settings.port
        proxies = settings.trusted_proxies
        problem = port_problem(where_host, where_port)
        if problem:
            raise fail(problem)
        typer.echo(f"Symptom Decoder is at http://{where_host}:{where_port} with {count} "
                   f"worker{'s' if count > 1 else ''}  (Ctrl+C stops it)")
        note = engine_note()
        if note:
            typer.echo(note)
        with contextlib.suppress(KeyboardInterrupt):
            run_workers("symptom_decoder.web.app:serve_app", factory=True, workers=count,
                        host=where_host, port=where_port, log_level="warning",
                        access_log=False, proxy_headers=bool(proxies),
                        forwarded_allow_ips=proxies or None, server_header=False)
