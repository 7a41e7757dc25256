"""The store: the memory in a database (SQLAlchemy 2.x models, engine, queries).

Takes translation units and gives them back as ``tmserver.units`` dataclasses; SQLite
by default, PostgreSQL for scale. It may import the base modules and the core stages'
dataclasses; never services or an edge.

Functions here take a ``Session`` first; the caller (a request or a CLI command) owns
its lifecycle. Callers above this layer get ``tmserver.units`` dataclasses, never
ORM rows.
"""
