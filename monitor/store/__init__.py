"""The SQLite store: schema, migrations and every query."""
from .database import Store, utcnow

__all__ = ["Store", "utcnow"]
