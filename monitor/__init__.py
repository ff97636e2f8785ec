"""Follow-up Monitor: watch the news for follow-up coverage of claims in baseline documents.

The public surface is what this module names in ``__all__``; the CLI (``monitor``) is a thin
layer over it.
"""
import logging

from .config import Config, load_config
from .errors import (
    BlockedAddressError,
    ClaimsError,
    ConfigError,
    DigestError,
    ExtractionError,
    FeedError,
    FetchError,
    MonitorError,
    StoreError,
    VerdictError,
)
from .judge.claims import Claim
from .judge.quantities import Quantity
from .judge.verdicts import Judge, Verdict
from .run.judging import build_judge
from .store import Store

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "BlockedAddressError", "Claim", "ClaimsError", "Config", "ConfigError", "DigestError",
    "ExtractionError", "FeedError", "FetchError", "MonitorError", "Quantity", "Store",
    "StoreError", "VerdictError", "load_config", "__version__",
    "Judge", "Verdict", "build_judge",
]
