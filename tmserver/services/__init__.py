"""Use cases: build, import/export, suggest, lint, evaluate over a database session.

Each service takes a SQLAlchemy session and explicit parameters (policy comes from the
caller's settings) and returns dataclasses. Services may import every core stage and
the store; never Flask or click, which belong to the edges above.
"""
