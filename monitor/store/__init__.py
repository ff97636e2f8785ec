"""The SQLite store: schema and migrations (``schema``), the status views (``views``), every query."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .database import Store, utcnow
from .views import StatusSettings

if TYPE_CHECKING:
    from ..config import Config


def open_store(config: "Config", *, read_only: bool = False) -> Store:
    """The config's database, reading statuses with the config's alert threshold and minimum of
    independent sources (mirrored into the database for the views unless read-only)."""
    return Store(config.database_path, read_only=read_only, settings=StatusSettings(
        alert_threshold=config.verdicts.alert_threshold,
        min_independent_sources=config.verdicts.min_independent_sources))


__all__ = ["StatusSettings", "Store", "open_store", "utcnow"]
