"""tmserver: a translation memory for English ↔ Bosnian/Croatian/Serbian announcements.

Nothing is imported here on purpose, so that ``import tmserver.build.segment`` stays
light and the pure core never drags in Flask, SQLAlchemy or click.
"""

__version__ = "0.1.0"
