"""Initial schema: units, memory files, change counter.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "memory_files",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("path", sa.String(1000), nullable=False, unique=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("loaded", _TZ, nullable=False),
    )
    op.create_table(
        "units",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(40), nullable=False, unique=True),
        sa.Column("source_lang", sa.String(35), nullable=False),
        sa.Column("target_lang", sa.String(35), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("source_markup", sa.Text, nullable=True),
        sa.Column("target_markup", sa.Text, nullable=True),
        sa.Column("context", sa.Text, nullable=False),
        sa.Column("origin", sa.String(1000), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("props", sa.Text, nullable=False),
        sa.Column("created", _TZ, nullable=True),
        sa.Column("changed", _TZ, nullable=True),
        sa.Column("added", _TZ, nullable=False),
        sa.Column(
            "file_id",
            sa.Integer,
            sa.ForeignKey("memory_files.id", ondelete="CASCADE"),
            nullable=True,
        ),
    )
    op.create_index("ix_units_pair", "units", ["source_lang", "target_lang"])
    op.create_index("ix_units_origin", "units", ["origin"])
    op.create_index("ix_units_file_id", "units", ["file_id"])
    op.create_table(
        "memory_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("counter", sa.Integer, nullable=False),
        sa.Column("updated", _TZ, nullable=True),
    )
    op.execute("INSERT INTO memory_state (id, counter) VALUES (1, 0)")


def downgrade() -> None:
    op.drop_table("memory_state")
    op.drop_table("units")
    op.drop_table("memory_files")
