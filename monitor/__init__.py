"""Follow-up Monitor: watch the news for follow-up coverage of claims in baseline documents.

The public surface is what this module names in ``__all__``; the CLI (``monitor``) is a thin
layer over it. A name is imported from its part when first used, so ``import monitor`` (and
``monitor --help``) does not pay for trafilatura or the stance model::

    import monitor

    config = monitor.load_config("config/monitor.toml")
    with monitor.open_store(config) as store:
        judge = monitor.build_judge(config, store)
        summary = monitor.run_cycle(config, store, judge=judge)
        for status in monitor.claim_statuses(store):
            print(status.claim_id, status.status)
"""
from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

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

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

# name -> the module it comes from (imported on first use)
_EXPORTS = {
    # configuration
    "Config": "monitor.config", "load_config": "monitor.config",
    # the database
    "Store": "monitor.store", "open_store": "monitor.store", "StatusSettings": "monitor.store",
    # claims and verdicts (pure stages)
    "Claim": "monitor.judge.claims", "load_claims": "monitor.judge.claims",
    "extract_to_file": "monitor.judge.claims", "Quantity": "monitor.judge.quantities",
    "Judge": "monitor.judge.verdicts", "Verdict": "monitor.judge.verdicts", "load_judge": "monitor.judge.verdicts",
    "extract_article": "monitor.ingest.extract", "parse_feed": "monitor.ingest.feeds",
    # running the monitor
    "build_judge": "monitor.run.judging", "rejudge_articles": "monitor.run.judging",
    "run_cycle": "monitor.run.pipeline", "CycleSummary": "monitor.run.pipeline",
    "check_articles": "monitor.run.check", "read_sources": "monitor.run.check",
    "run_scheduler": "monitor.run.schedule",
    "run_backfill": "monitor.run.backfill", "BackfillFilters": "monitor.run.backfill",
    "BackfillSummary": "monitor.run.backfill",
    # what the database says
    "ClaimStatus": "monitor.status.alerts", "claim_status": "monitor.status.alerts",
    "claim_statuses": "monitor.status.alerts", "claim_timeline": "monitor.status.alerts",
    "Alert": "monitor.status.alerts", "AlertQuery": "monitor.status.alerts", "list_alerts": "monitor.status.alerts",
    "review_alert": "monitor.status.alerts", "stats": "monitor.status.alerts",
    "Transition": "monitor.status.lifecycle", "status_changes": "monitor.status.lifecycle",
    "resolve_claim": "monitor.status.lifecycle", "forecaster_records": "monitor.status.lifecycle",
    "load_feed_health": "monitor.status.health", "export_claims": "monitor.status.export",
    "describe_claim": "monitor.status.describe",
    "build_digest": "monitor.status.digest", "deliver_digest": "monitor.status.digest",
}

__all__ = [
    "BlockedAddressError", "ClaimsError", "ConfigError", "DigestError", "ExtractionError", "FeedError",
    "FetchError", "MonitorError", "StoreError", "VerdictError", "__version__", *_EXPORTS,
]

if TYPE_CHECKING:  # what type checkers and editors see; at run time __getattr__ imports on use
    # ruff: noqa: F401  (re-exported through __all__)
    from .config import Config, load_config
    from .ingest.extract import extract_article
    from .ingest.feeds import parse_feed
    from .judge.claims import Claim, extract_to_file, load_claims
    from .judge.quantities import Quantity
    from .judge.verdicts import Judge, Verdict, load_judge
    from .run.backfill import BackfillFilters, BackfillSummary, run_backfill
    from .run.check import check_articles, read_sources
    from .run.judging import build_judge, rejudge_articles
    from .run.pipeline import CycleSummary, run_cycle
    from .run.schedule import run_scheduler
    from .status.alerts import (
        Alert, AlertQuery, ClaimStatus, claim_status, claim_statuses, claim_timeline, list_alerts, review_alert,
        stats,
    )
    from .status.describe import describe_claim
    from .status.digest import build_digest, deliver_digest
    from .status.export import export_claims
    from .status.health import load_feed_health
    from .status.lifecycle import Transition, forecaster_records, resolve_claim, status_changes
    from .store import StatusSettings, Store, open_store


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'monitor' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # once imported, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
