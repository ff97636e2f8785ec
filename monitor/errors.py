"""The exception family of Follow-up Monitor.

Every error the project raises on purpose is a ``MonitorError``; third-party errors are
re-raised as one of these with ``from exc`` so callers (and the CLI) catch one family::

    MonitorError
     ├── ConfigError        a config or claims file is missing, unparsable or invalid
     ├── StoreError         the database cannot be opened, migrated or written
     ├── FeedError          a feed could not be fetched or parsed at all
     ├── FetchError         an article page could not be fetched (HTTP, size, type, timeout)
     │    └── BlockedAddressError  the URL resolves to a private/loopback address (SSRF guard)
     ├── ExtractionError    trafilatura found no article text in a page
     ├── ArchiveError       a back-fill source (WARC, folder, URL list) cannot be read at all,
     │                      or the back-fill cannot start (e.g. Dask is not installed)
     ├── ClaimsError        baseline documents or the claims file cannot be turned into claims
     ├── VerdictError       the stance model is missing or a verdict cannot be computed
     └── DigestError        composing or sending the digest email failed
          └── DeliveryUnknown  the connection broke after the message was handed over: the
                               server may have accepted it (the digest is sent again as is)

Messages say what to fix: the file, key, URL or option, and the fix.
"""
from __future__ import annotations


class MonitorError(Exception):
    """Base class of every error Follow-up Monitor raises on purpose."""


class ConfigError(MonitorError):
    """A configuration file is missing, unparsable or invalid.

    ``problems`` holds one message per mistake, each naming the file and key.
    """

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class StoreError(MonitorError):
    """The SQLite database cannot be opened, migrated or written."""


class FeedError(MonitorError):
    """A feed could not be fetched or parsed at all."""


class FetchError(MonitorError):
    """An article page could not be fetched: HTTP error, timeout, size cap, content type.

    ``status`` is the HTTP status when the server answered with an error (404, 503, ...),
    ``retry_after`` the seconds its ``Retry-After`` header asked to wait, if it sent one.
    """

    def __init__(self, message: str, *, status: int | None = None, retry_after: float | None = None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class BlockedAddressError(FetchError):
    """A URL resolves to a private, loopback or link-local address that the config does not allow."""


class ExtractionError(MonitorError):
    """No article text could be extracted from a page."""


class ArchiveError(MonitorError):
    """A back-fill source cannot be read at all, or the back-fill cannot start; one bad record is
    not this (it is counted and reported)."""


class ClaimsError(MonitorError):
    """Baseline documents or the claims file cannot be turned into claims."""


class VerdictError(MonitorError):
    """The stance model is missing or a verdict cannot be computed."""


class DigestError(MonitorError):
    """Composing or sending the digest email failed."""


class DeliveryUnknown(DigestError):
    """The SMTP connection broke after the transaction started and before the server said
    whether it accepted the message: it may have been delivered. The digest is sent again,
    as the same message with the same Message-ID, never re-composed."""
