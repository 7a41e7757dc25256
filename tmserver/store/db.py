"""Engine, session factory and schema management.

SQLite is the zero-configuration default; PostgreSQL is reached through psycopg 3.
Schema changes go through Alembic revisions in ``tmserver/store/migrations`` so a later
release upgrades an existing database instead of asking users to rebuild it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy import create_engine
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.exc import NoSuchModuleError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm import sessionmaker

from tmserver.errors import EXIT_USAGE
from tmserver.errors import InvalidRequestError
from tmserver.errors import MemoryBusyError
from tmserver.errors import TMServerError

_MIGRATIONS = Path(__file__).with_name("migrations")
#: Seconds a writer waits for another writer's lock before giving up (the default of
#: ``TMSERVER_DB_LOCK_TIMEOUT``).
DEFAULT_LOCK_TIMEOUT = 30
#: PostgreSQL: lock_not_available, raised when ``lock_timeout`` runs out.
_PG_LOCK_NOT_AVAILABLE = "55P03"
BUSY_MESSAGE = (
    "the memory is busy: another import or write is running; nothing was written, "
    "try again later"
)


class DatabaseUnavailableError(TMServerError):
    """The database cannot be reached or opened."""

    status_code = 503
    exit_code = EXIT_USAGE
    code = "database_unavailable"


def make_engine(url: str, *, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> Engine:
    """Create an engine for ``url``; ``postgresql://`` URLs use psycopg 3.

    A statement that waits longer than ``lock_timeout`` seconds for another writer's
    lock raises :class:`MemoryBusyError` (on both databases), so a second writer
    queues for a bounded time and then fails cleanly instead of with a driver error.

    :raises InvalidRequestError: for a URL SQLAlchemy cannot use.
    """
    try:
        parsed = make_url(url)
        if parsed.drivername in {"postgresql", "postgres"}:
            parsed = parsed.set(drivername="postgresql+psycopg")
        if parsed.get_backend_name() == "sqlite":
            engine = _sqlite_engine(parsed, lock_timeout)
        else:
            engine = _postgres_engine(parsed, lock_timeout)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise InvalidRequestError(f"unusable database URL {url!r}: {exc}") from None
    except ImportError as exc:
        raise InvalidRequestError(
            f"database driver missing for {url!r} ({exc}); "
            "install tmserver[postgres] for PostgreSQL"
        ) from None
    event.listen(engine, "handle_error", _busy_is_memory_busy)
    return engine


def _busy_is_memory_busy(context: Any) -> None:
    """Turn "database is locked" (SQLite) and lock_timeout (PostgreSQL) into
    :class:`MemoryBusyError`; every other driver error passes unchanged."""
    if is_lock_wait_error(context.original_exception):
        raise MemoryBusyError(BUSY_MESSAGE) from None


def is_lock_wait_error(error: BaseException) -> bool:
    """Whether a driver error means "another writer holds the lock"."""
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(error, sqlite3.OperationalError) and code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return getattr(error, "sqlstate", None) == _PG_LOCK_NOT_AVAILABLE


def _postgres_engine(url: object, lock_timeout: float) -> Engine:
    engine = create_engine(url, pool_pre_ping=True)
    milliseconds = max(1, int(lock_timeout * 1000))

    @event.listens_for(engine, "connect")
    def _lock_timeout(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = {milliseconds}")
        dbapi_connection.commit()

    return engine


def _sqlite_engine(url: object, lock_timeout: float) -> Engine:
    database = getattr(url, "database", None)
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    # The driver's timeout is SQLite's busy timeout: how long a writer waits.
    engine = create_engine(url, connect_args={"timeout": float(lock_timeout)})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # WAL lets readers (the web workers) go on while an import writes.
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded attributes after commit (callers get dataclasses)."""
    return sessionmaker(engine, expire_on_commit=False)


def _alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade_schema(engine: Engine) -> None:
    """Create the schema, or upgrade an existing one, to the newest revision.

    :raises DatabaseUnavailableError: when the database cannot be opened.
    """
    try:
        command.upgrade(_alembic_config(engine), "head")
    except OperationalError as exc:
        raise DatabaseUnavailableError(
            f"cannot open the database: {exc.orig}"
        ) from None


def ensure_schema(engine: Engine, *, create: bool) -> None:
    """Create or upgrade the schema (``create``), or check it is at the head.

    :raises DatabaseUnavailableError: the database is unreachable or its schema is
        missing or older than this release (the message says to run init-db).
    """
    if create:
        upgrade_schema(engine)
        return
    try:
        current = schema_revision(engine)
    except OperationalError as exc:
        raise DatabaseUnavailableError(
            f"cannot open the database: {exc.orig}"
        ) from None
    if current != head_revision():
        raise DatabaseUnavailableError(
            f"the database schema is at revision {current or 'none'}, this release "
            f"needs {head_revision()}: run `tmserver init-db`"
        )


def schema_revision(engine: Engine) -> str | None:
    """The Alembic revision the database is at (None: no schema yet)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The newest revision this release knows."""
    return str(ScriptDirectory.from_config(_alembic_config()).get_current_head())
