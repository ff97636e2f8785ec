"""Exports of the claims and what the monitor found: schema.org ClaimReview JSON-LD, JSON and CSV.

``claim_records(store)`` reads each claim with its status (``alerts.claim_statuses``: open,
confirmed, contradicted, disputed, resolved, overdue) and its evidence: the articles of the
alerts that count toward the status (confirms, contradicts) and the evidence URL of the
resolution, if any. The rest are pure functions from records to text:

* ``claim_review(record)`` — one schema.org ``ClaimReview`` (https://schema.org/ClaimReview)
  for a claim whose status is settled (confirmed, contradicted, disputed, resolved):
  ``claimReviewed`` (the statement), ``author`` (who reviews: an Organization, "Follow-up
  Monitor" unless told otherwise), ``datePublished`` (the day the status was reached),
  ``reviewRating`` (a ``Rating`` from 1 to 5 with ``alternateName`` Confirmed, Contradicted,
  Disputed, Happened or Did not happen, and a ``ratingExplanation``), ``itemReviewed`` (a
  ``Claim``: its ``author`` is the speaker — a Person, or the outlet as an Organization —,
  its ``datePublished`` and ``appearance`` the baseline document), ``citation`` (the evidence
  articles) and ``url`` when a base URL for published reviews is given.
* ``render_export(records, fmt)`` — the ClaimReview document (one ``@context``, the reviews
  in ``@graph``), or every claim as JSON or CSV with status and evidence URLs.

Ratings: confirmed 5, disputed 3, contradicted 1; an event that happened 5, one that did not
1. A forecast with a probability is rated on its Brier score b, 1 + 4·(1 − b): "around 20 %
odds" of an agreement that did not come has b = 0.04 and rates 4.84 — the forecast was good
although the event did not happen, which ``alternateName`` "Did not happen" still says.
"""
from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import tempfile
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import urlsplit

from ..errors import StoreError
from ..store import Store
from .alerts import claim_statuses

log = logging.getLogger(__name__)

FORMATS = ("claimreview", "json", "csv")
SETTLED = ("confirmed", "contradicted", "disputed", "resolved")
REVIEWER = "Follow-up Monitor"
SCHEMA_CONTEXT = "https://schema.org"
BEST_RATING, WORST_RATING = 5, 1
RATINGS = {"confirmed": (5, "Confirmed"), "disputed": (3, "Disputed"), "contradicted": (1, "Contradicted")}
OUTCOME_NAMES = {"happened": "Happened", "did-not-happen": "Did not happen"}
# A speaker named like an institution is an Organization; everyone else a Person.
ORGANIZATION = re.compile(
    r"\b(?:Kremlin|White\s+House|Pentagon|Ministry|Department|Government|Office|Agency|Council|Commission|"
    r"Committee|Parliament|Embassy|Service|Press|News|Bank|Fund|Institute|University|Party|Army|Forces|"
    r"NATO|EU|UN|IMF)\b", re.I)
CSV_COLUMNS = ["claim_id", "kind", "speaker", "source", "status", "status_since", "confirms", "contradicts",
               "discusses", "probability", "resolves_by", "outcome", "resolved_on", "brier", "statement",
               "evidence_urls"]


@dataclass(frozen=True)
class Evidence:
    """An article behind a claim's status: one of its counted alerts, or a resolution's source."""

    url: str
    verdict: str                  # confirms | contradicts | outcome
    title: str | None = None
    published_at: str | None = None
    site: str | None = None


@dataclass(frozen=True)
class ClaimRecord:
    """A claim, where it stands, and why."""

    claim_id: str
    statement: str
    kind: str
    status: str
    quote: str | None = None
    speaker: str | None = None
    source: str | None = None
    active: bool = True
    probability: float | None = None
    resolves_by: str | None = None
    status_since: str | None = None
    confirms: int = 0
    contradicts: int = 0
    discusses: int = 0
    outcome: str | None = None
    resolved_on: str | None = None
    brier: float | None = None
    resolution_method: str | None = None
    document: str | None = None
    document_title: str | None = None
    document_date: str | None = None
    evidence: tuple[Evidence, ...] = ()

    @property
    def evidence_urls(self) -> list[str]:
        return [item.url for item in self.evidence]

    @property
    def settled(self) -> bool:
        return self.status in SETTLED


def claim_records(store: Store, *, today: date | None = None, active_only: bool = False) -> list[ClaimRecord]:
    """Every claim in the database (only active ones, and those with alerts, if asked) with its
    status on ``today`` and its evidence, by id."""
    claims = {row["id"]: row for row in store.lifecycle_claim_rows()}
    evidence: dict[str, list[Evidence]] = {}
    for row in store.claim_timeline_rows():  # in detection order per claim
        if row["counted"] and row["verdict"] in ("confirms", "contradicts") and row["article_url"]:
            evidence.setdefault(row["claim_id"], []).append(Evidence(
                url=row["article_url"], verdict=row["verdict"], title=row["article_title"],
                published_at=row["article_published_at"], site=row["article_site"]))
    records = []
    for status in claim_statuses(store, today=today, active_only=active_only):
        claim = claims.get(status.claim_id, {})
        items = list(evidence.get(status.claim_id, []))
        if status.outcome is not None and status.resolution_evidence_url:
            items.append(Evidence(url=status.resolution_evidence_url, verdict="outcome"))
        unique: dict[str, Evidence] = {}
        for item in items:  # an article that is also the resolution's source is listed once
            unique.setdefault(item.url, item)
        records.append(ClaimRecord(
            claim_id=status.claim_id, statement=status.statement or status.claim_id, kind=status.kind or "fact",
            status=status.status, quote=claim.get("quote") or None, speaker=claim.get("speaker"),
            source=claim.get("source") or claim.get("document_source"), active=status.active,
            probability=claim.get("probability"), resolves_by=status.resolves_by, status_since=status.status_since,
            confirms=status.confirms, contradicts=status.contradicts, discusses=status.discusses,
            outcome=status.outcome, resolved_on=status.resolved_on, brier=status.brier,
            resolution_method=status.resolution_method, document=claim.get("document_path"),
            document_title=claim.get("document_title"),
            document_date=claim.get("document_date") or _first_source_date(claim.get("sources")),
            evidence=tuple(unique.values())))
    return records


def _first_source_date(sources: Any) -> str | None:
    try:
        items = json.loads(sources) if isinstance(sources, str) else sources
    except json.JSONDecodeError:
        return None
    for item in items or []:
        if isinstance(item, dict) and item.get("date"):
            return str(item["date"])
    return None


# -- schema.org ClaimReview --------------------------------------------------------------------

def claim_review(record: ClaimRecord, *, reviewer: str = REVIEWER, base_url: str | None = None) -> dict[str, Any]:
    """The schema.org ClaimReview of a claim with a settled status (``ValueError`` otherwise)."""
    if not record.settled:
        raise ValueError(f"claim {record.claim_id} is {record.status}: only settled claims are reviewed")
    value, name = _rating(record)
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "identifier": record.claim_id,
        "url": f"{base_url.rstrip('/')}/{record.claim_id}" if base_url else None,
        "claimReviewed": record.statement,
        "datePublished": _day(record.resolved_on if record.status == "resolved" else record.status_since),
        "author": {"@type": "Organization", "name": reviewer},
        "reviewRating": {
            "@type": "Rating", "ratingValue": value, "bestRating": BEST_RATING, "worstRating": WORST_RATING,
            "alternateName": name, "ratingExplanation": _explanation(record),
        },
        "itemReviewed": _prune({
            "@type": "Claim",
            "author": _party(record.speaker, record.source),
            "datePublished": _day(record.document_date),
            "text": record.quote,
            "appearance": _appearance(record),
        }),
        "citation": [_prune({"@type": "CreativeWork", "url": item.url, "headline": item.title,
                             "datePublished": _day(item.published_at)}) for item in record.evidence] or None,
    }
    return _prune(review)


def claimreview_document(records: Sequence[ClaimRecord], *, reviewer: str = REVIEWER,
                         base_url: str | None = None) -> dict[str, Any]:
    """One JSON-LD document: the ``@context`` once, a ClaimReview per settled claim in ``@graph``."""
    return {"@context": SCHEMA_CONTEXT,
            "@graph": [claim_review(r, reviewer=reviewer, base_url=base_url) for r in records if r.settled]}


def _rating(record: ClaimRecord) -> tuple[float, str]:
    if record.status != "resolved":
        return RATINGS[record.status]
    name = OUTCOME_NAMES.get(record.outcome or "", "Resolved")
    if record.probability is not None and record.brier is not None:
        return round(WORST_RATING + (BEST_RATING - WORST_RATING) * (1 - record.brier), 2), name
    return (BEST_RATING if record.outcome == "happened" else WORST_RATING), name


def _reports(count: int, verb: str) -> str:
    if count == 0:
        return f"none {verb}"
    return f"{count} report{'s' if count != 1 else ''} {verb}{'s' if count == 1 else ''}"


def _explanation(record: ClaimRecord) -> str:
    if record.status != "resolved":
        first, second = (("confirm", record.confirms), ("contradict", record.contradicts))
        if record.status == "contradicted":
            first, second = second, first
        return f"{_reports(first[1], first[0])} it and {_reports(second[1], second[0])} it.".capitalize()
    outcome = "it happened" if record.outcome == "happened" else "it did not happen"
    when = f" ({record.resolved_on})" if record.resolved_on else ""
    how = " Recorded by hand." if record.resolution_method == "manual" else ""
    if record.probability is not None and record.brier is not None:
        return (f"Forecast at {record.probability:.0%}; {outcome}{when}: Brier score "
                f"{record.brier:.2f} (0 is perfect, 0.25 a coin toss).{how}")
    return f"{outcome.capitalize()}{when}.{how}"


def _party(name: str | None, outlet: str | None) -> dict[str, Any] | None:
    if name:
        return {"@type": "Organization" if ORGANIZATION.search(name) else "Person", "name": name}
    return {"@type": "Organization", "name": outlet} if outlet else None


def _appearance(record: ClaimRecord) -> dict[str, Any] | None:
    if not (record.document_title or record.document):
        return None
    return _prune({"@type": "CreativeWork", "headline": record.document_title or Path(record.document or "").name,
                   "datePublished": _day(record.document_date),
                   "publisher": {"@type": "Organization", "name": record.source} if record.source else None})


def _day(value: str | None) -> str | None:
    """The date part of a stored date or timestamp (schema.org Date), or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None


def _prune(value: dict[str, Any]) -> dict[str, Any]:
    """Leave out properties without a value: JSON-LD has no use for nulls."""
    return {key: item for key, item in value.items() if item is not None}


# -- rendering and writing ---------------------------------------------------------------------

def render_export(records: Sequence[ClaimRecord], fmt: str, *, reviewer: str = REVIEWER,
                  base_url: str | None = None) -> str:
    """The export as text; ``StoreError`` when there is nothing to export (no claims, or for
    ClaimReview no settled claim), so that no empty file is written."""
    if fmt not in FORMATS:
        raise StoreError(f"an export is one of {', '.join(FORMATS)}, not {fmt!r}")
    if not records:
        raise StoreError("the database has no claims to export; run `monitor claims extract` (or `monitor poll`) "
                         "to load config/claims.toml into it first")
    if fmt == "claimreview":
        if base_url is not None:
            parts = urlsplit(base_url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise StoreError(f"--base-url {base_url!r} is not an http(s) URL; give where the reviews are "
                                 "published, e.g. https://factcheck.example/claims")
        document = claimreview_document(records, reviewer=reviewer, base_url=base_url)
        if not document["@graph"]:
            raise StoreError(f"none of the {len(records)} claims has a settled status (confirmed, contradicted, "
                             "disputed or resolved) yet, so there is no ClaimReview to export; `monitor status` "
                             "shows where each claim stands")
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    rows = [_flat(record) for record in records]
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "evidence_urls": " ".join(row["evidence_urls"])})
    return buffer.getvalue()


def _flat(record: ClaimRecord) -> dict[str, Any]:
    row = asdict(record)
    row["evidence_urls"] = record.evidence_urls
    return row


def export_claims(store: Store, fmt: str, *, today: date | None = None, active_only: bool = False,
                  reviewer: str = REVIEWER, base_url: str | None = None) -> tuple[str, int]:
    """The export of the database as text, and how many claims it holds."""
    records = claim_records(store, today=today, active_only=active_only)
    text = render_export(records, fmt, reviewer=reviewer, base_url=base_url)
    count = sum(1 for r in records if r.settled) if fmt == "claimreview" else len(records)
    return text, count


def write_export(path: Path, text: str) -> None:
    """Write the export to ``path`` whole or not at all (a temporary file renamed into place)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(text)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError as exc:
        raise StoreError(f"{path}: cannot write the export ({exc.strerror or exc}); choose another --out") from exc
    log.info("wrote export %s (%d bytes)", path, len(text.encode("utf-8")))
