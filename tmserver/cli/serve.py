"""``tmserver serve``: the production WSGI server (gunicorn) around the app."""

from __future__ import annotations

from typing import Any

import click
from flask import Flask
from gunicorn.app.base import BaseApplication

from tmserver.cli.common import pass_settings
from tmserver.config import Settings
from tmserver.web import create_app


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    """Runs an app built once in the master and shared by forked workers.

    Preloading means the embedded database is prepared once, and per-process caches
    built at startup are shared copy-on-write between workers.
    """

    def __init__(self, app: Flask, options: dict[str, Any]) -> None:
        self._app = app
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self._app


def _post_fork(_server: Any, worker: Any) -> None:
    # Connections opened in the master must not be shared with forked workers.
    app = worker.app.load()
    app.extensions["tmserver"].engine.dispose(close=False)


@click.command()
@click.option("--host", envvar="TMSERVER_HOST", help="Address to listen on.")
@click.option("--port", envvar="TMSERVER_PORT", type=int, help="Port to listen on.")
@click.option(
    "--workers",
    envvar="TMSERVER_WORKERS",
    type=click.IntRange(1, 64),
    help="Worker processes.",
)
@pass_settings
def serve(
    settings: Settings, host: str | None, port: int | None, workers: int | None
) -> None:
    """Serve the memory over HTTP (default 127.0.0.1:8080)."""
    host = host or settings.host
    port = port or settings.port
    workers = workers or settings.workers
    app = create_app(settings)
    click.echo(f"tmserver listening on http://{host}:{port}/ with {workers} worker(s)")
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "preload_app": True,
        "post_fork": _post_fork,
        "accesslog": "-",
        "timeout": 120,
    }
    _Gunicorn(app, options).run()
