"""The claim lifecycle: status changes as events, repeats collapsed, resolutions by hand, track records.

A claim's status is derived on read (the ``claim_status`` view, ``monitor/store/views.py``);
this module never stores one either, nor decides one: it asks the same SQL for the status as
the database knew it at each moment something happened to a claim (``as_of``), in the order
the monitor learned it, and reports each *change* of status as a ``Transition`` with the
alerts that caused it:

    alert arrives      (``detected_at``)   a counted confirm or contradict can change the status
    alert reviewed     (``reviewed_at``)   a counted alert marked wrong stops counting: the
                                           status flips back, and a resolution read from it goes
    alert withdrawn    (``withdrawn_at``)  the evidence re-check found its article removed or
                                           changed: the alert stops counting, and so does a
                                           resolution read from it
    resolution         (``recorded_at``)   automatic (read from an alert) or by hand: resolved
    deadline passes    (day after ``resolves_by``, up to ``today``): overdue

The views judge the present (an alert reviewed wrong never counted); asked ``as_of`` a moment
they judge what was known then (it counted until the review), so a wrong verdict shows as two
transitions, there and back. The last status of the replay is the one ``alerts.claim_statuses``
gives, by construction, which the tests check. Further alerts that only repeat a settled verdict (a fifth confirming report of
a confirmed claim) are not transitions; ``collapsed_repeats`` counts them per claim, for
``monitor status --changes`` and the digest ("+7 more confirming reports").

A person resolves a forecast or scheduled event with ``resolve_claim`` (``monitor claims
resolve``): a row in ``resolutions`` with method ``manual`` and, for a forecast with a
probability p, the Brier score (p − outcome)², as the verdict stage records automatic ones.
``forecaster_records`` turns resolved forecasts into each speaker's track record.
"""
from __future__ import annotations

import difflib
import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timezone
from itertools import groupby
from typing import Any, Iterable
from urllib.parse import urlsplit

from ..errors import StoreError
from ..store import Store
from .alerts import claim_status, claim_statuses, today_utc

log = logging.getLogger(__name__)

OUTCOMES = ("happened", "did-not-happen")
# The statuses a verdict has already settled: one more report with that verdict changes nothing.
SETTLED_BY = {"confirms": ("confirmed", "disputed"), "contradicts": ("contradicted", "disputed")}
REPORT_WORDS = {"confirms": "confirming", "contradicts": "contradicting"}


@dataclass(frozen=True)
class Transition:
    """A claim's status changed: when (UTC), from what to what, and the alerts that caused it."""

    claim_id: str
    at: str
    old_status: str
    new_status: str
    alert_ids: tuple[int, ...]  # arrived, reviewed wrong, or resolved it; () for a deadline or a manual resolution
    cause: str                  # alert, review, automatic resolution, manual resolution, deadline ("+" joins)


@dataclass(frozen=True)
class Repeats:
    """Alerts of one claim that only repeated its settled verdict, collapsed into a count."""

    claim_id: str
    verdict: str                # confirms | contradicts
    status: str                 # the claim's status when the last of them arrived
    alert_ids: tuple[int, ...]
    first_at: str
    last_at: str

    @property
    def count(self) -> int:
        return len(self.alert_ids)

    def describe(self) -> str:
        """``+7 more confirming reports``."""
        return f"+{self.count} more {REPORT_WORDS[self.verdict]} report{'s' if self.count != 1 else ''}"


@dataclass(frozen=True)
class ManualResolution:
    """What ``resolve_claim`` recorded."""

    id: int
    claim_id: str
    outcome: str
    resolved_on: str
    probability: float | None
    brier: float | None
    evidence_url: str | None
    note: str | None
    recorded_at: str
    previous_status: str


@dataclass(frozen=True)
class ForecasterRecord:
    """One speaker's forecasts and how they turned out: a track record."""

    speaker: str
    forecasts: int
    resolved: int
    happened: int
    overdue: int
    pending: int                # neither resolved nor overdue
    scored: int                 # resolved forecasts with a probability: the Brier mean's count
    mean_brier: float | None    # 0 perfect, 0.25 a coin toss's, 1 certain and wrong


# -- status changes ----------------------------------------------------------------------------

def changes(store: Store, since: datetime | None = None, *, today: date | None = None
            ) -> tuple[list[Transition], list[Repeats]]:
    """``status_changes`` and ``collapsed_repeats`` from one replay of the history (what the
    CLI and the digest show together)."""
    transitions, repeats, _ = _replay(store, today or today_utc(), since)
    return [t for _, t in transitions], _collapse(repeats)


def status_changes(store: Store, since: datetime | None = None, *, today: date | None = None) -> list[Transition]:
    """Every change of a claim's status (at or after ``since``), oldest first; see the module doc."""
    return changes(store, since, today=today)[0]


def collapsed_repeats(store: Store, since: datetime | None = None, *, today: date | None = None) -> list[Repeats]:
    """Alerts (detected at or after ``since``) that only repeated a claim's settled verdict,
    one ``Repeats`` per claim and verdict, by claim id. Alerts later reviewed wrong are left
    out: they are not reports of anything."""
    return changes(store, since, today=today)[1]


def _collapse(repeats: Iterable[_Repeat]) -> list[Repeats]:
    grouped: dict[tuple[str, str], list[_Repeat]] = defaultdict(list)
    for repeat in repeats:
        grouped[(repeat.claim_id, repeat.verdict)].append(repeat)
    return [Repeats(claim_id=claim_id, verdict=verdict, status=items[-1].status,
                    alert_ids=tuple(r.alert_id for r in items), first_at=_text(items[0].at),
                    last_at=_text(items[-1].at))
            for (claim_id, verdict), items in sorted(grouped.items())]


def replayed_statuses(store: Store, *, today: date | None = None) -> dict[str, str]:
    """Each claim's status at the end of the replay (equal to ``claim_statuses``; for checks)."""
    _, _, final = _replay(store, today or today_utc())
    return final


@dataclass(frozen=True)
class _Event:
    at: datetime
    kind: str                   # alert | review | recheck (alert withdrawn) | resolution | withdrawal | deadline
    alert_id: int | None = None
    verdict: str | None = None
    resolution_id: int | None = None
    method: str | None = None


@dataclass(frozen=True)
class _Repeat:
    claim_id: str
    verdict: str
    status: str
    alert_id: int
    at: datetime


@dataclass(frozen=True)
class _Known:
    """A claim as the database knew it at one moment: the status, the status its alerts alone
    give, the alerts that counted toward a verdict, and the resolution that stood."""

    status: str = "open"
    evidence: str = "open"
    counting: frozenset[int] = frozenset()
    resolution_id: int | None = None

    @classmethod
    def history(cls, store: Store, claim_id: str, instants: list[tuple[datetime, bool]], today: date
                ) -> dict[datetime, "_Known"]:
        """The claim as the database knew it at each instant (``(moment, boundary)``, in order;
        a boundary is an instant where something besides an alert arrived: a review, a
        resolution, a withdrawal, the deadline).

        The views' SQL is asked (in one query) at each boundary and at the last instant of each
        run of arrivals between boundaries. Within a run nothing but alerts arrive, so the
        timeline as of its last instant gives each arrival's evidence status and counted
        alerts, under the resolution and deadline that stood at the run's start.
        """
        asked = [moment for i, (moment, boundary) in enumerate(instants)
                 if boundary or i + 1 == len(instants) or instants[i + 1][1]]
        texts = {_text(moment): moment for moment in asked}
        statuses, steps = store.claim_history_rows(claim_id, texts, today=today)
        status_at = {texts[row["as_of"]]: row for row in statuses}
        steps_at: dict[datetime, list[dict[str, Any]]] = defaultdict(list)
        for step in sorted(steps, key=lambda row: row["step"]):
            steps_at[texts[step["as_of"]]].append(step)

        def counted(rows: Iterable[dict[str, Any]]) -> frozenset[int]:
            return frozenset(row["alert_id"] for row in rows if row["counted"] and row["verdict"] in SETTLED_BY)

        known: dict[datetime, _Known] = {}
        standing: dict[str, Any] | None = None   # the status row at the last boundary
        run: list[datetime] = []
        for i, (moment, boundary) in enumerate(instants):
            if boundary:
                standing = status_at[moment]
                known[moment] = cls(standing["status"], standing["evidence_status"], counted(steps_at[moment]),
                                    standing["resolution_id"])
            else:
                run.append(moment)
            if run and (i + 1 == len(instants) or instants[i + 1][1]):
                overruled = standing is not None and standing["status"] != standing["evidence_status"]
                timeline, done, evidence, counting = steps_at[run[-1]], 0, "open", set()
                for arrival in run:  # the timeline's steps up to each arrival, in order
                    while done < len(timeline) and (_parse_time(timeline[done]["detected_at"]) or arrival) <= arrival:
                        evidence = timeline[done]["status"]
                        counting |= counted(timeline[done:done + 1])
                        done += 1
                    known[arrival] = cls(standing["status"] if overruled else evidence,  # type: ignore[index]
                                         evidence, frozenset(counting), standing["resolution_id"] if standing else None)
                run = []
        return known

    def caused_by(self, event: _Event, before: "_Known") -> bool:
        """Whether the event changed what the status is made of (from ``before`` to this)."""
        if event.kind == "alert":
            return event.alert_id in self.counting and event.alert_id not in before.counting
        if event.kind in ("review", "recheck"):  # an alert stops counting
            return event.alert_id in before.counting and event.alert_id not in self.counting
        if event.kind == "resolution":
            return event.resolution_id == self.resolution_id != before.resolution_id
        if event.kind == "withdrawal":
            return event.resolution_id == before.resolution_id != self.resolution_id
        return True  # the deadline


def _events(store: Store, today: date) -> dict[str, list[_Event]]:
    """What happened to each claim, as far as the database recorded when: alerts detected,
    reviews (wrong), resolutions recorded and withdrawn, deadlines passed (up to ``today``)."""
    events: dict[str, list[_Event]] = defaultdict(list)
    for row in store.alert_history_rows():
        detected = _parse_time(row["detected_at"])
        if detected is None:
            log.warning("alert %s of claim %s has no readable detected_at (%r); left out of the history",
                        row["alert_id"], row["claim_id"], row["detected_at"])
            continue
        events[row["claim_id"]].append(_Event(detected, "alert", alert_id=row["alert_id"], verdict=row["verdict"]))
        reviewed = _parse_time(row["reviewed_at"]) if row["review"] == "wrong" else None
        if reviewed is not None:
            events[row["claim_id"]].append(_Event(reviewed, "review", alert_id=row["alert_id"]))
        withdrawn = _parse_time(row["withdrawn_at"])
        if withdrawn is not None:  # the evidence re-check found the article removed or changed
            events[row["claim_id"]].append(_Event(withdrawn, "recheck", alert_id=row["alert_id"]))
    for row in store.lifecycle_resolution_rows():
        recorded = _parse_time(row["recorded_at"]) or _parse_time(row["resolved_on"])
        if recorded is None:
            log.warning("resolution %s of claim %s has no readable date; left out of the history",
                        row["id"], row["claim_id"])
            continue
        events[row["claim_id"]].append(_Event(recorded, "resolution", alert_id=row["alert_id"],
                                              resolution_id=row["id"], method=row["method"]))
        # a resolution read from an alert that a person marked wrong, or that the evidence
        # re-check withdrew, stops standing from the review or the withdrawal on
        withdrawals = [(_parse_time(row["alert_reviewed_at"]), "review")] if row["alert_review"] == "wrong" else []
        withdrawals += [(_parse_time(row["alert_withdrawn_at"]), "recheck")] if row["alert_withdrawn_at"] else []
        timed = [(when, why) for when, why in withdrawals if when is not None]
        if timed:
            when, why = min(timed)
            events[row["claim_id"]].append(_Event(when, "withdrawal", alert_id=row["alert_id"],
                                                  resolution_id=row["id"], method=why))
    for row in store.claim_status_rows(today=today):
        deadline = _parse_time(row["deadline_at"])
        if deadline is not None and deadline.date() <= today:
            events[row["claim_id"]].append(_Event(deadline, "deadline"))
    return events


def _replay(store: Store, today: date, since: datetime | None = None
            ) -> tuple[list[tuple[datetime, Transition]], list[_Repeat], dict[str, str]]:
    """Replay every claim's events in order: (time, transition) pairs and repeats at or after
    ``since``, and each claim's final status. The status at each moment is the views' (asked
    ``as_of`` that moment); what happened at one instant is one change at most."""
    since = _aware(since) if since is not None else None
    reviewed_wrong = {row["alert_id"] for row in store.alert_history_rows() if row["review"] == "wrong"}
    transitions: list[tuple[datetime, Transition]] = []
    repeats: list[_Repeat] = []
    final: dict[str, str] = {}
    for claim_id, claim_events in _events(store, today).items():
        claim_events.sort(key=lambda e: e.at)
        moments = [(moment, list(group)) for moment, group in groupby(claim_events, key=lambda e: e.at)]
        known = _Known.history(store, claim_id, [(moment, any(e.kind != "alert" for e in group))
                                                 for moment, group in moments], today)
        earlier = [moment for moment, _ in moments if since is not None and moment < since]
        before = known[earlier[-1]] if earlier else _Known()
        for moment, group in moments[len(earlier):]:
            after = known[moment]
            effective = [event for event in group if after.caused_by(event, before)]
            if after.status != before.status:
                transitions.append((moment, Transition(
                    claim_id=claim_id, at=_text(moment), old_status=before.status, new_status=after.status,
                    alert_ids=tuple(sorted({e.alert_id for e in effective if e.alert_id is not None})),
                    cause="+".join(dict.fromkeys(_cause(e) for e in effective)))))
            else:
                # one more report of a verdict the alerts had already settled
                repeats += [_Repeat(claim_id, event.verdict, after.status, event.alert_id, event.at)
                            for event in effective
                            if event.kind == "alert" and event.alert_id is not None and event.verdict in SETTLED_BY
                            and event.alert_id not in reviewed_wrong and before.evidence in SETTLED_BY[event.verdict]]
            before = after
        final[claim_id] = before.status
    transitions.sort(key=lambda pair: (pair[0], pair[1].claim_id))
    repeats.sort(key=lambda r: (r.at, r.claim_id))
    return transitions, repeats, final


def _cause(event: _Event) -> str:
    if event.kind == "resolution":
        return f"{event.method or 'automatic'} resolution"
    if event.kind == "withdrawal":
        return event.method or "review"  # a person's review, or the evidence re-check
    return event.kind


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _parse_time(text: Any) -> datetime | None:
    """A stored timestamp (ISO, any offset, or a plain date = its first UTC instant) as UTC."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(str(text).strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return _aware(moment).astimezone(timezone.utc)


def _text(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


# -- resolving by hand -------------------------------------------------------------------------

def resolve_claim(store: Store, claim_id: str, outcome: str, resolved_on: date | str, *,
                  evidence_url: str | None = None, note: str | None = None,
                  today: date | None = None) -> ManualResolution:
    """Record a person's resolution of a forecast or scheduled event (method ``manual``).

    A person's resolution outranks automatic ones (re-scoring cannot overturn it), and of
    several by hand the latest counts, so this also corrects an earlier one. ``StoreError``, and nothing written, for an unknown claim, a claim that
    is not a forecast or event, an unknown outcome, a date that is not YYYY-MM-DD or lies
    after ``today``, or an evidence URL that is not http(s).
    """
    from ..judge.verdicts.forecasts import (
        brier_score,  # the one definition of the score
    )

    today = today or today_utc()
    rows = store.lifecycle_claim_rows(claim_id)
    if not rows:
        known = [row["id"] for row in store.lifecycle_claim_rows()]
        close = difflib.get_close_matches(claim_id, known, n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise StoreError(f"there is no claim {claim_id!r} in the database{hint}; `monitor claims list --all` "
                         "lists the claim ids")
    claim = rows[0]
    if not claim_status(store, claim_id, today=today).resolvable:
        raise StoreError(f"claim {claim_id!r} is a {claim['kind']}, not a forecast or scheduled event, so it has "
                         "no outcome to record; alerts confirm or contradict it (`monitor alerts review` "
                         "corrects a wrong one)")
    if outcome not in OUTCOMES:
        raise StoreError(f"the outcome is one of {', '.join(OUTCOMES)}, not {outcome!r}")
    day = _parse_day(resolved_on)
    if day > today:
        raise StoreError(f"the outcome date {day.isoformat()} is after today ({today.isoformat()}); "
                         "record an outcome once it is known")
    if evidence_url is not None:
        parts = urlsplit(evidence_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise StoreError(f"the evidence {evidence_url!r} is not an http(s) URL; give the article's address, "
                             "e.g. https://example.org/news/summit-ends")
    before = claim_status(store, claim_id, today=today).status
    probability = claim["probability"]
    brier = round(brier_score(probability, outcome == "happened"), 4) if probability is not None else None
    row = store.record_resolution(claim_id, outcome=outcome, resolved_on=day.isoformat(), method="manual",
                                  brier=brier, evidence_url=evidence_url, note=note)
    log.info("claim %s resolved by hand: %s on %s (Brier %s; was %s)", claim_id, outcome, day, brier, before)
    return ManualResolution(id=row["id"], claim_id=claim_id, outcome=outcome, resolved_on=row["resolved_on"],
                            probability=probability, brier=brier, evidence_url=evidence_url, note=note,
                            recorded_at=row["recorded_at"], previous_status=before)


def _parse_day(value: date | str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise StoreError(f"the outcome date {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-03-12") from None


# -- track records -----------------------------------------------------------------------------

def forecaster_records(store: Store, *, today: date | None = None) -> list[ForecasterRecord]:
    """Each speaker's forecasts (claims of kind forecast, or with a probability; active ones,
    and inactive ones that were resolved): how many resolved, happened, are overdue, and the
    mean Brier score of those with a probability. By speaker; the outlet when none is named."""
    statuses = {s.claim_id: s for s in claim_statuses(store, today=today)}
    by_speaker: dict[str, list[tuple[dict[str, Any], Any]]] = defaultdict(list)
    for claim in store.lifecycle_claim_rows():
        if claim["kind"] != "forecast" and claim["probability"] is None:
            continue
        status = statuses[claim["id"]]
        if not claim["active"] and status.outcome is None:
            continue
        by_speaker[claim["speaker"] or claim["source"] or "(unattributed)"].append((claim, status))
    records = []
    for speaker, items in sorted(by_speaker.items(), key=lambda item: item[0].lower()):
        scores = [status.brier for _, status in items if status.outcome is not None and status.brier is not None]
        records.append(ForecasterRecord(
            speaker=speaker, forecasts=len(items),
            resolved=sum(1 for _, s in items if s.outcome is not None),
            happened=sum(1 for _, s in items if s.outcome == "happened"),
            overdue=sum(1 for _, s in items if s.status == "overdue"),
            pending=sum(1 for _, s in items if s.outcome is None and s.status != "overdue"),
            scored=len(scores), mean_brier=round(sum(scores) / len(scores), 4) if scores else None))
    return records


def transition_rows(transitions: Iterable[Transition]) -> list[dict[str, Any]]:
    """Transitions as flat rows for ``emit_rows`` (alert ids as a space-separated list)."""
    return [{"at": t.at, "claim_id": t.claim_id, "old_status": t.old_status, "new_status": t.new_status,
             "cause": t.cause, "alert_ids": " ".join(str(i) for i in t.alert_ids)} for t in transitions]


def repeat_rows(repeats: Iterable[Repeats]) -> list[dict[str, Any]]:
    """Collapsed repeats as flat rows for ``emit_rows``."""
    return [{"claim_id": r.claim_id, "verdict": r.verdict, "count": r.count, "description": r.describe(),
             "first_at": r.first_at, "last_at": r.last_at, "alert_ids": " ".join(str(i) for i in r.alert_ids)}
            for r in repeats]
