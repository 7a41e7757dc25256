"""Per-request database sessions (the request owns the session's lifecycle)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask import g
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from sqlalchemy.orm import sessionmaker

from tmserver.config import Settings


@dataclass
class AppState:
    """What create_app builds once and every request shares."""

    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]


def app_state() -> AppState:
    """The tmserver state of the current app."""
    return current_app.extensions["tmserver"]


def get_session() -> Session:
    """The request's session, opened on first use."""
    if "tm_session" not in g:
        g.tm_session = app_state().session_factory()
    return g.tm_session


def close_session(_exc: BaseException | None = None) -> None:
    """Close the request's session, rolling back anything uncommitted."""
    session = g.pop("tm_session", None)
    if session is not None:
        session.close()
