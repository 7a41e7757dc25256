"""The web edge: the Flask app factory.

Only this package (and the CLI) reads settings, speaks HTTP or touches Flask.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from tmserver.config import Settings
from tmserver.services.memory import sync_memories
from tmserver.services.memory import tmx_limits
from tmserver.services.suggest import MatchEngine
from tmserver.store.db import ensure_schema
from tmserver.store.db import make_engine
from tmserver.store.db import make_session_factory
from tmserver.store.db import upgrade_schema
from tmserver.web import openapi as api_doc
from tmserver.web.db import AppState
from tmserver.web.db import close_session
from tmserver.web.errors import register_error_handlers
from tmserver.web.lint_api import lint_api
from tmserver.web.meta import meta
from tmserver.web.pretranslate_api import pretranslate_api
from tmserver.web.read_api import PREFIXES
from tmserver.web.read_api import amagama
from tmserver.web.read_api import read_api
from tmserver.web.ui import bp as ui_page
from tmserver.web.wire import add_security_headers
from tmserver.web.wire import refuse_redirect_from_a_resource
from tmserver.web.write_api import write_api


def prepare_embedded(state: AppState) -> None:
    """Create/upgrade the embedded database and load the memories directory into it."""
    upgrade_schema(state.engine)
    with state.session_factory.begin() as session:
        sync_memories(
            session,
            Path(state.settings.memories_dir),
            limits=tmx_limits(state.settings),
        )


def _register_match_api(app: Flask) -> None:
    """Create the match engine, register the read/write/OpenAPI blueprints, warm up."""
    state: AppState = app.extensions["tmserver"]
    cache = Path(state.settings.instance_dir).resolve() / "match-index"
    app.extensions["tmserver_match"] = MatchEngine(
        cache,
        refresh_seconds=state.settings.match_refresh_seconds,
        delta_limit=state.settings.match_delta_limit,
    )
    for prefix in PREFIXES:
        app.register_blueprint(
            amagama, url_prefix=prefix, name=f"amagama{prefix.replace('/', '_')}"
        )
    app.register_blueprint(read_api)
    app.register_blueprint(write_api)
    app.register_blueprint(pretranslate_api)
    app.register_blueprint(api_doc.openapi)
    with state.session_factory() as session:
        app.extensions["tmserver_match"].ensure_fresh(session, force=True)


def create_app(config: Settings | None = None) -> Flask:
    """Build the app. ``config`` defaults to ``Settings.from_env()``."""
    settings = config or Settings.from_env()
    app = Flask(__name__, instance_path=str(Path(settings.instance_dir).resolve()))
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.config["MAX_CONTENT_LENGTH"] = settings.max_upload_bytes
    engine = make_engine(
        settings.resolved_database_url(), lock_timeout=settings.db_lock_timeout
    )
    state = AppState(settings, engine, make_session_factory(engine))
    if settings.is_embedded():
        prepare_embedded(state)
    else:
        ensure_schema(engine, create=False)
    app.extensions["tmserver"] = state
    register_error_handlers(app)
    app.after_request(add_security_headers)
    app.before_request(refuse_redirect_from_a_resource)
    app.teardown_appcontext(close_session)
    app.register_blueprint(meta)
    app.register_blueprint(lint_api)
    _register_match_api(app)
    app.register_blueprint(ui_page)
    return app
