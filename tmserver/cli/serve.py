"""``tmserver serve``: the production WSGI server (gunicorn) around the app.

Thread workers (``TMSERVER_WORKERS`` × ``TMSERVER_THREADS``) so a slow client holds
a thread, not a process; a request line long enough for the documented longest query;
gunicorn's own refusals answered with the JSON error body (see gunicorn_worker.py).
"""

from __future__ import annotations

from typing import Any

import click
from flask import Flask
from gunicorn.app.base import BaseApplication

from tmserver.cli.common import pass_settings
from tmserver.cli.gunicorn_worker import JSONErrorThreadWorker
from tmserver.cli.gunicorn_worker import allow_request_line
from tmserver.cli.gunicorn_worker import request_line_limit
from tmserver.config import Settings
from tmserver.errors import InvalidRequestError
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


def check_token(token: str) -> None:
    """Refuse a token a client cannot send: HTTP header values are Latin-1 text, so
    only printable ASCII travels the same through every client and proxy.

    :raises InvalidRequestError: for a token with other characters or blanks.
    """
    if token and not all(" " < char < "\x7f" for char in token):
        raise InvalidRequestError(
            "TMSERVER_API_TOKEN must be printable ASCII without spaces "
            "(HTTP clients cannot send other characters in a header reliably)"
        )


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
    check_token(settings.api_token)
    app = create_app(settings)
    click.echo(
        f"tmserver listening on http://{host}:{port}/ with {workers} worker(s) "
        f"of {settings.threads} thread(s)"
    )
    line_limit = request_line_limit(settings.max_query_chars)
    allow_request_line(line_limit)
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": JSONErrorThreadWorker,
        "threads": settings.threads,
        "preload_app": True,
        "post_fork": _post_fork,
        "accesslog": "-",
        "timeout": 120,
        "limit_request_line": line_limit,
    }
    _Gunicorn(app, options).run()
