"""Typed SQLAlchemy models of the memory.

``units`` holds one row per distinct entry (``key`` is ``TranslationUnit.key()``), so
identical entries are stored once. ``memory_files`` records which TMX file of the
memories directory was loaded with which content hash, so a stale database is reloaded
and units from a changed file are replaced, while units added through the write API
(``file_id`` NULL) survive. ``memory_state`` is a single-row change counter that
per-process caches (the match index) poll to notice writes by other processes.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import Integer
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column


class Base(DeclarativeBase):
    """Declarative base of every tmserver table."""


class MemoryFile(Base):
    """A TMX file of the memories directory as last loaded."""

    __tablename__ = "memory_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(String(1000), unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    loaded: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class UnitRow(Base):
    """One stored translation unit."""

    __tablename__ = "units"
    __table_args__ = (Index("ix_units_pair", "source_lang", "target_lang"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    source_lang: Mapped[str] = mapped_column(String(35))
    target_lang: Mapped[str] = mapped_column(String(35))
    source: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text)
    source_markup: Mapped[str | None] = mapped_column(Text, nullable=True)
    target_markup: Mapped[str | None] = mapped_column(Text, nullable=True)
    context: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(1000), default="", index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    props: Mapped[str] = mapped_column(Text, default="[]")
    created: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    changed: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    added: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    file_id: Mapped[int | None] = mapped_column(
        ForeignKey("memory_files.id", ondelete="CASCADE"), nullable=True, index=True
    )


class MemoryState(Base):
    """Single row: a counter bumped by every write, and when that happened."""

    __tablename__ = "memory_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    counter: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
