"""A claim described for people: the claims file's slots and sources, the database's status and latest alerts."""
from __future__ import annotations

import json

from ..errors import StoreError
from ..judge.claims import Claim
from ..judge.quantities import describe_quantity
from ..store import Store
from .alerts import ClaimStatus, claim_status


def describe_claim(claim: Claim, store: Store | None) -> str:
    """What `monitor claims show` prints: the claim's quote, slots and sources, and, if there is
    a database (``store``), its status and latest alerts."""
    state = ("active" if claim.active else "inactive") + (", reviewed" if claim.reviewed else "")
    lines = [f"{claim.id}  ({claim.kind}, {state})", f"Statement:  {claim.statement}"]
    if claim.quote:
        lines.append(f"Quote:      “{claim.quote}”")
    said = claim.speaker or "(the outlet)"
    lines.append(f"Said by:    {said}" + (f", in {claim.source}" if claim.source else "")
                 + (f" — {claim.document}" if claim.document else ""))
    for label, value in (("Subject", claim.subject), ("Entities", ", ".join(claim.entities)),
                         ("Quantities", "; ".join(describe_quantity(q) for q in claim.quantities)),
                         ("Probability", f"{claim.probability:.0%}" if claim.probability is not None else None),
                         ("Event date", claim.event_date), ("Resolves by", claim.resolves_by),
                         ("Note", claim.note)):
        if value:
            lines.append(f"{label + ':':<12}{value}")
    for key, value in claim.slots.items():
        lines.append(f"  {key}: {json.dumps(value, ensure_ascii=False, default=str)}")
    if claim.sources:
        lines.append(f"Sources ({len(claim.sources)}):")
        for source in claim.sources:
            who = f"{source['speaker']}: " if source.get("speaker") else ""
            lines.append(f"  - {source.get('document', '?')}" + (f" ({source['date']})" if source.get("date") else "")
                         + f": {who}“{source.get('quote', '')}”")
    if store is None:
        lines.append("Status:     no database yet, so no alerts yet (run `monitor poll`)")
    else:
        try:
            status: ClaimStatus | None = claim_status(store, claim.id)
        except StoreError:
            status = None  # not mirrored into the database yet
        alerts = store.latest_alerts(claim.id)
        if status is not None:
            lines.append(f"Status:     {status.status} — {status.confirms} confirm, {status.contradicts} contradict, "
                         f"{status.discusses} discuss" + (f"; outcome {status.outcome}" if status.outcome else ""))
        else:
            lines.append("Status:     not in the database yet (run `monitor claims extract` or `monitor poll`)")
        if alerts:
            lines.append("Latest alerts:")
            for alert in alerts:
                lines.append(f"  {alert['detected_at']}  {alert['verdict']} {alert['confidence']:.2f}  "
                             f"“{alert['evidence']}” — {alert['article_title']} <{alert['article_url']}>")
        else:
            lines.append("Latest alerts: no alerts yet")
    return "\n".join(lines)
