"""Shared plumbing of the CLI: settings on the context, sessions, error → exit code."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click
from sqlalchemy.orm import Session

from tmserver.config import Settings
from tmserver.store.db import ensure_schema
from tmserver.store.db import make_engine
from tmserver.store.db import make_session_factory

pass_settings = click.make_pass_decorator(Settings)


@contextmanager
def open_session(settings: Settings) -> Iterator[Session]:
    """A session in one transaction: committed on success, rolled back on any error.

    An SQLite database gets its schema created or upgraded on the way; a server
    database must have been prepared with ``tmserver init-db``.
    """
    engine = make_engine(
        settings.resolved_database_url(), lock_timeout=settings.db_lock_timeout
    )
    try:
        ensure_schema(engine, create=settings.is_embedded())
        with make_session_factory(engine).begin() as session:
            yield session
    finally:
        engine.dispose()
