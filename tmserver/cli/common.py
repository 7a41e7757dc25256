"""Shared plumbing of the CLI: settings on the context, sessions, error → exit code."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click
from sqlalchemy.orm import Session

from tmserver.config import Settings
from tmserver.errors import EXIT_INTERNAL
from tmserver.errors import TMServerError
from tmserver.store.db import ensure_schema
from tmserver.store.db import make_engine
from tmserver.store.db import make_session_factory

pass_settings = click.make_pass_decorator(Settings)


class TMServerGroup(click.Group):
    """A click group that turns tmserver errors into a message and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TMServerError as error:
            click.secho(f"Error: {error}", fg="red", err=True)
            ctx.exit(error.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception:  # the edge reports what nothing below expected
            traceback.print_exc(file=sys.stderr)
            click.secho("Internal error (see the traceback above).", err=True)
            ctx.exit(EXIT_INTERNAL)


@contextmanager
def open_session(settings: Settings) -> Iterator[Session]:
    """A session in one transaction: committed on success, rolled back on any error.

    An SQLite database gets its schema created or upgraded on the way; a server
    database must have been prepared with ``tmserver init-db``.
    """
    engine = make_engine(settings.resolved_database_url())
    try:
        ensure_schema(engine, create=settings.is_embedded())
        with make_session_factory(engine).begin() as session:
            yield session
    finally:
        engine.dispose()
