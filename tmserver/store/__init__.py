"""Storage layer: SQLAlchemy 2.x models, engine/session factory and queries.

Functions here take a ``Session`` first; the caller (a request or a CLI command) owns
its lifecycle. Callers above this layer get ``tmserver.units`` dataclasses, never
ORM rows.
"""
