"""Engine, session factory and schema management.

SQLite is the zero-configuration default; PostgreSQL is reached through psycopg 3.
Schema changes go through Alembic revisions in ``tmserver/store/migrations`` so a later
release upgrades an existing database instead of asking users to rebuild it.
"""

from __future__ import annotations

from pathlib import Path

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
from tmserver.errors import TMServerError

_MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseUnavailableError(TMServerError):
    """The database cannot be reached or opened."""

    status_code = 503
    exit_code = EXIT_USAGE
    code = "database_unavailable"


def make_engine(url: str) -> Engine:
    """Create an engine for ``url``; ``postgresql://`` URLs use psycopg 3.

    :raises InvalidRequestError: for a URL SQLAlchemy cannot use.
    """
    try:
        parsed = make_url(url)
        if parsed.drivername in {"postgresql", "postgres"}:
            parsed = parsed.set(drivername="postgresql+psycopg")
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed)
        return create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise InvalidRequestError(f"unusable database URL {url!r}: {exc}") from None
    except ImportError as exc:
        raise InvalidRequestError(
            f"database driver missing for {url!r} ({exc}); "
            "install tmserver[postgres] for PostgreSQL"
        ) from None


def _sqlite_engine(url: object) -> Engine:
    database = getattr(url, "database", None)
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30})

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
