"""Where the shared data sets live (FNC-1, the extraction pages), for bench/ and tests/.

``$MONITOR_SHARED_DATA`` if set, else ``shared/data`` beside the repository (``../shared/data``
from its root), so nothing depends on one machine's absolute paths.
"""
from __future__ import annotations

import os
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent


def shared_data_dir() -> Path:
    """The shared data folder: ``$MONITOR_SHARED_DATA``, else ``<repository>/../shared/data``."""
    return Path(os.environ.get("MONITOR_SHARED_DATA") or REPOSITORY.parent / "shared" / "data")
