"""Shared fixtures: real SQLite files, the real app and CLI, optional PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine
from sqlalchemy import create_engine
from sqlalchemy import text
from sqlalchemy.orm import Session

from tmserver.config import Settings
from tmserver.store.db import make_engine
from tmserver.store.db import make_session_factory
from tmserver.store.db import upgrade_schema

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
POSTGRES_ENV = "TMSERVER_TEST_POSTGRES_URL"


@pytest.fixture
def shared_data() -> Path:
    """The licensed corpora beside the repository, or a skip where they are absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings for an isolated embedded database with an empty memories directory."""
    memories = tmp_path / "memories"
    memories.mkdir()
    return Settings(instance_dir=str(tmp_path / "instance"), memories_dir=str(memories))


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    """A real SQLite file with the schema at head."""
    engine = make_engine(settings.resolved_database_url())
    upgrade_schema(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the SQLite engine; the test commits what it wants kept."""
    with make_session_factory(engine)() as session:
        yield session


def _postgres_base_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    return url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL schema for one test (fails loudly if unreachable).

    Each test gets its own schema through ``search_path`` so tests never see each
    other's rows; the schema is dropped afterwards.
    """
    base = _postgres_base_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as exc:  # a set-but-unreachable database must fail the suite
        pytest.fail(f"{POSTGRES_ENV}={base} is set but unusable: {exc}")
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """The store's engines: a SQLite file, and PostgreSQL when configured."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'any.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    engine = make_engine(url)
    upgrade_schema(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def app(settings: Settings) -> Flask:
    """The real app on an isolated embedded database."""
    from tmserver.web import create_app

    app = create_app(settings)
    app.testing = True
    return app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client of the real app."""
    return app.test_client()


@pytest.fixture
def runner(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """A CLI runner whose environment points at the isolated settings."""
    monkeypatch.setenv("TMSERVER_INSTANCE_DIR", settings.instance_dir)
    monkeypatch.setenv("TMSERVER_MEMORIES_DIR", settings.memories_dir)
    monkeypatch.delenv("TMSERVER_DATABASE_URL", raising=False)
    return CliRunner()
