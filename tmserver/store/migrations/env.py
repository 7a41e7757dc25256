"""Alembic environment: runs migrations on the engine tmserver passes in."""

from __future__ import annotations

from alembic import context

from tmserver.store.models import Base

engine = context.config.attributes.get("engine")
if engine is None:
    raise RuntimeError("tmserver migrations run through tmserver.store.db only")

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    context.run_migrations()
