"""Concordance search indexes: pg_trgm GIN indexes on PostgreSQL, an FTS5 trigram
table on SQLite.

The concordance asks which units contain a word anywhere in the source or the
target (``ILIKE '%word%'``): without an index that is a scan of every unit. On
PostgreSQL the pg_trgm GIN indexes answer ``ILIKE`` directly; the extension is
created in ``public`` (shared by every schema of the database) and its operator
class named with the schema, so a database whose ``search_path`` holds only its
own schema works too. SQLite has no such index type, so an external-content FTS5
table with the trigram tokenizer mirrors the two columns (filled in bulk by the
concordance itself, see below), and the concordance asks it for the ids first.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Rows are indexed in bulk, lazily (``match_queries.concordance`` catches up on the
# ids above ``units_text_state.indexed_max``): a trigger per inserted row made
# imports ten times slower. Deletions and edits of indexed rows must leave the
# table at once (an external-content table needs the old values to forget them).
_SQLITE_TRIGGERS = (
    """CREATE TRIGGER units_text_delete AFTER DELETE ON units
    WHEN old.id <= (SELECT indexed_max FROM units_text_state) BEGIN
        INSERT INTO units_text (units_text, rowid, source, target)
        VALUES ('delete', old.id, old.source, old.target);
        -- the highest id may be handed out again: it must be indexed anew
        UPDATE units_text_state SET indexed_max = old.id - 1
        WHERE indexed_max = old.id;
    END""",
    """CREATE TRIGGER units_text_update AFTER UPDATE OF source, target ON units
    WHEN old.id <= (SELECT indexed_max FROM units_text_state) BEGIN
        INSERT INTO units_text (units_text, rowid, source, target)
        VALUES ('delete', old.id, old.source, old.target);
        INSERT INTO units_text (rowid, source, target)
        VALUES (new.id, new.source, new.target);
    END""",
)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        # two databases upgrading at once must not race on the shared extension
        op.execute("SELECT pg_advisory_xact_lock(727001)")
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
        for column in ("source", "target"):
            op.execute(
                f"CREATE INDEX ix_units_{column}_trgm ON units "
                f"USING gin ({column} public.gin_trgm_ops)"
            )
    elif dialect == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE units_text USING fts5(source, target, "
            "content='units', content_rowid='id', tokenize='trigram')"
        )
        op.execute("CREATE TABLE units_text_state (indexed_max INTEGER NOT NULL)")
        op.execute("INSERT INTO units_text_state (indexed_max) VALUES (0)")
        for trigger in _SQLITE_TRIGGERS:
            op.execute(trigger)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_units_source_trgm")
        op.execute("DROP INDEX IF EXISTS ix_units_target_trgm")
    elif dialect == "sqlite":
        for name in ("delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS units_text_{name}")
        op.execute("DROP TABLE IF EXISTS units_text")
        op.execute("DROP TABLE IF EXISTS units_text_state")
