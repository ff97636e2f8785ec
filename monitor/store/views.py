"""The status views: the one definition of a claim's status, in SQL.

``claim_timeline`` replays each claim's alerts in detection order and says the status after
each one; ``claim_status`` is the last step of that replay, overruled by a resolution that
stands, else by the claim's deadline:

    open          no counted confirm or contradict yet (only "discusses", or nothing)
    reported-once counted confirms or contradicts, but from fewer independent sources than
                  ``min_independent_sources`` (syndicated copies and one site count once)
    confirmed     confirms from at least ``min_independent_sources`` independent sources,
                  no counted contradict
    contradicted  the same for contradicts
    disputed      counted evidence both ways, one side from enough independent sources
    resolved      a forecast or scheduled event has an outcome that stands: a person's
                  resolution outranks automatic ones, else the latest counts; one read from an
                  alert reviewed wrong, or withdrawn by the evidence re-check, does not stand
    overdue       a forecast or scheduled event (or a claim with a probability) whose
                  ``resolves_by`` date has passed with no resolution

An alert *counts* when its confidence reaches the threshold (``credible_confidence`` in
``monitor_settings``, 0.6 if unset) and no person has reviewed it wrong; one the evidence
re-check withdrew reads ``unrelated`` from its withdrawal on. An alert adds an
independent source when no earlier counted alert of the same claim and verdict came from an
article of the same group of near-duplicates or the same site.

The SQL is written once, as templates with holes (``Holes``), and rendered:

* into the views (``create_views``), for sqlite3, Datasette and anyone querying by hand: the
  threshold and minimum from ``monitor_settings``, today from ``date('now')``, every alert;
* into parameterised queries for the Python readers (``Store.claim_status_rows``,
  ``claim_timeline_rows``, ``claim_history_rows``), which can also fix *today*, the settings (a
  read-only database cannot mirror them) and moments ``as_of``: the status as the database
  knew it then (alerts detected, reviews, resolutions and withdrawals recorded by then), which
  is how the lifecycle replays history. Every row carries the ``as_of`` it describes (null:
  now, everything recorded).

Views are derived objects, not migrations: ``create_views`` (re)creates them after the
migrations, whenever their stored SQL differs from this file's.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils


@dataclass(frozen=True)
class StatusSettings:
    """The settings a status depends on; None: what ``monitor_settings`` says (else the default)."""

    alert_threshold: float | None = None          # from this confidence on an alert counts (0.6)
    min_independent_sources: int | None = None    # sources that confirm or contradict a claim (2)


@dataclass(frozen=True)
class Holes:
    """SQL for the templates' holes (see the module doc). ``moments`` is a subquery of
    ``as_of`` moments (null: everything recorded); every row is computed once per moment, on
    the earlier of ``today`` and the moment's date. ``one_claim``: for the claim ``:claim_id``
    only (an equality, so SQLite uses the claim index)."""

    threshold: str
    min_sources: str
    today: str
    moments: str
    one_claim: bool = False

    def fill(self) -> dict[str, str]:
        only = (lambda column: f"{column} = :claim_id") if self.one_claim else (lambda column: "1")
        return {"threshold": self.threshold, "min_sources": self.min_sources, "moments": self.moments,
                "day": f"coalesce(min(date(mo.as_of), {self.today}), {self.today})",
                "alert_of_claim": only("a.claim_id"), "resolution_of_claim": only("r.claim_id"),
                "the_claim": only("c.id")}


_PARAMETERS = {"threshold": ":threshold", "min_sources": ":min_sources", "today": ":today"}
# The views: settings from the database, today's date, everything recorded.
VIEW_HOLES = Holes(threshold="null", min_sources="null", today="date('now')", moments="(select null as as_of)")
# The Python readers: named parameters (None for a setting or :as_of: the database's, everything) ...
QUERY_HOLES = Holes(**_PARAMETERS, moments="(select :as_of as as_of)")
CLAIM_QUERY_HOLES = Holes(**_PARAMETERS, moments="(select :as_of as as_of)", one_claim=True)
# ... and one claim at many moments (:moments, a JSON list of timestamps), for the lifecycle's replay.
CLAIM_HISTORY_HOLES = Holes(**_PARAMETERS, moments="(select value as as_of from json_each(:moments))", one_claim=True)

_TIMELINE = """
with settings as (
  select coalesce({threshold}, (select cast(value as real) from monitor_settings
                                where key = 'credible_confidence'), 0.6) as threshold,
         coalesce({min_sources}, (select cast(value as integer) from monitor_settings
                                  where key = 'min_independent_sources'), 2) as min_sources
),
alerts_then as (
  -- the alerts detected by as_of, saying what they said then: one the re-check withdrew later
  -- (verdict 'unrelated' now) still had its verdict and confidence before it was withdrawn
  select mo.as_of, a.*,
         (a.withdrawn_at is not null and mo.as_of is not null
          and datetime(a.withdrawn_at) > datetime(mo.as_of)) as withdrawn_later
  from alerts a, {moments} mo
  where {alert_of_claim}
    and (mo.as_of is null or datetime(a.detected_at) <= datetime(mo.as_of))
),
marked as (
  select a.as_of, a.id as alert_id, a.claim_id, a.article_id, a.detected_at,
         case when a.withdrawn_later then a.withdrawn_verdict else a.verdict end as verdict,
         case when a.withdrawn_later then a.withdrawn_confidence else a.confidence end as confidence,
         a.review, a.evidence, datetime(a.detected_at) as detected_utc,
         (coalesce(case when a.withdrawn_later then a.withdrawn_confidence else a.confidence end, 0)
            >= settings.threshold
          -- a review counts from when it was made (one with no time, always)
          and not (coalesce(a.review, '') = 'wrong'
                   and (a.as_of is null or a.reviewed_at is null
                        or datetime(a.reviewed_at) <= datetime(a.as_of)))) as counted,
         coalesce(ar.source_group, ar.duplicate_of, ar.id) as source_group,
         coalesce(ar.source_site, ar.canonical_url) as source_site
  from alerts_then a join articles ar on ar.id = a.article_id, settings
),
sourced as (
  -- a new independent source: the first counted alert of its verdict from its group of
  -- near-duplicates, and the first from its site
  select m.*,
         (m.counted and m.verdict in ('confirms', 'contradicts')
          and row_number() over (partition by claim_id, as_of, verdict, counted, source_group
                                 order by detected_utc, alert_id) = 1
          and row_number() over (partition by claim_id, as_of, verdict, counted, source_site
                                 order by detected_utc, alert_id) = 1) as new_source
  from marked m
),
running as (
  select sourced.*,
         row_number() over claim_order as step,
         count(*) over (partition by claim_id, as_of) as steps,
         sum(counted and verdict = 'confirms') over claim_order as confirms,
         sum(counted and verdict = 'contradicts') over claim_order as contradicts,
         sum(counted and verdict = 'discusses') over claim_order as discusses,
         sum(new_source and verdict = 'confirms') over claim_order as confirming_sources,
         sum(new_source and verdict = 'contradicts') over claim_order as contradicting_sources
  from sourced
  window claim_order as (partition by claim_id, as_of order by detected_utc, alert_id
                         rows between unbounded preceding and current row)
),
with_status as (
  select running.*,
         case when (confirming_sources >= settings.min_sources and contradicting_sources > 0)
                or (contradicting_sources >= settings.min_sources and confirming_sources > 0) then 'disputed'
              when contradicting_sources >= settings.min_sources then 'contradicted'
              when confirming_sources >= settings.min_sources then 'confirmed'
              when confirming_sources + contradicting_sources > 0 then 'reported-once'
              else 'open' end as status
  from running, settings
),
with_change as (
  select with_status.*,
         coalesce(lag(status) over (partition by claim_id, as_of order by step), 'open') as previous_status
  from with_status
)
select as_of, claim_id, step, steps, alert_id, article_id, detected_at, verdict, confidence, review,
       counted, confirms, contradicts, discusses, previous_status, status,
       status != previous_status as changed,
       max(case when status != previous_status then detected_at end)
         over (partition by claim_id, as_of) as last_change_at,
       source_group, source_site, new_source, confirming_sources, contradicting_sources
from with_change
"""

_STANDING_RESOLUTIONS = """
select mo.as_of, r.id as resolution_id, r.claim_id, r.outcome, r.resolved_on, r.recorded_at, r.brier, r.method,
       r.evidence_url, r.note,
       row_number() over (partition by r.claim_id, mo.as_of
                          order by r.method = 'manual' desc, coalesce(r.recorded_at, r.resolved_on) desc,
                                   r.id desc) as rank
from resolutions r left join alerts a on a.id = r.alert_id, {moments} mo
where {resolution_of_claim}
  and (mo.as_of is null or datetime(coalesce(r.recorded_at, r.resolved_on)) <= datetime(mo.as_of))
  -- one read from an alert a person marked wrong, or that the re-check withdrew, does not stand
  and not (coalesce(a.review, '') = 'wrong'
           and (mo.as_of is null or a.reviewed_at is null or datetime(a.reviewed_at) <= datetime(mo.as_of)))
  and not (a.withdrawn_at is not null
           and (mo.as_of is null or datetime(a.withdrawn_at) <= datetime(mo.as_of)))
"""

_STATUS = """
with timeline as ({timeline}),
-- materialized: computed once, not once per claim and moment they are joined to
last_step as materialized (
  select * from timeline where step = steps
),
latest_resolution as materialized ({resolutions}),
claim_deadline as (
  -- a claim that waits for an outcome falls overdue on the day after its resolves_by date
  select c.id as claim_id, resolvable,
         case when resolvable then date(substr(c.resolves_by, 1, 10), '+1 day') || 'T00:00:00+00:00'
              end as deadline_at
  from (select c.*, (c.kind in ('forecast', 'event') or c.probability is not null) as resolvable
        from claims c where {the_claim}) c
)
select mo.as_of, c.id as claim_id,
       case when r.outcome is not null then 'resolved'
            when date(d.deadline_at) <= {day} then 'overdue'
            else coalesce(t.status, 'open') end as status,
       coalesce(t.status, 'open') as evidence_status,
       coalesce(t.confirms, 0) as confirms,
       coalesce(t.contradicts, 0) as contradicts,
       coalesce(t.discusses, 0) as discusses,
       coalesce(t.steps, 0) as alerts,
       t.detected_at as last_alert_at,
       case when r.outcome is not null then coalesce(r.resolved_on, r.recorded_at)
            when date(d.deadline_at) <= {day} then d.deadline_at
            else t.last_change_at end as status_since,
       r.outcome, r.resolved_on, r.brier,
       c.kind, c.active, c.statement, c.resolves_by,
       r.method as resolution_method, r.evidence_url as resolution_evidence_url, r.note as resolution_note,
       r.resolution_id, d.resolvable, d.deadline_at,
       coalesce(t.confirming_sources, 0) as confirming_sources,
       coalesce(t.contradicting_sources, 0) as contradicting_sources
from claims c join {moments} mo
left join last_step t on t.claim_id = c.id and t.as_of is mo.as_of
left join latest_resolution r on r.claim_id = c.id and r.as_of is mo.as_of and r.rank = 1
left join claim_deadline d on d.claim_id = c.id
where {the_claim}
"""


def timeline_sql(holes: Holes) -> str:
    """The claim_timeline select with its holes filled."""
    return _TIMELINE.format(**holes.fill())


def status_sql(holes: Holes) -> str:
    """The claim_status select with its holes filled."""
    return _STATUS.format(timeline=timeline_sql(holes), resolutions=_STANDING_RESOLUTIONS.format(**holes.fill()),
                          **holes.fill())


VIEWS = {
    "claim_timeline": timeline_sql(VIEW_HOLES),
    "claim_status": status_sql(VIEW_HOLES),
}


def _stale_views(db: sqlite_utils.Database) -> dict[str, str]:
    """The views whose stored SQL is not ``VIEWS``' (as SQLite keeps it), with their definition."""
    stored = dict(db.execute("select name, sql from sqlite_master where type = 'view'").fetchall())
    wanted = {name: f"CREATE VIEW {name} as\n{sql.strip()}" for name, sql in VIEWS.items()}
    return {name: sql for name, sql in wanted.items() if stored.get(name) != sql}


def create_views(db: sqlite_utils.Database) -> bool:
    """(Re)create the views whose stored SQL differs from ``VIEWS``; True if any changed."""
    if not _stale_views(db):
        return False
    with db.atomic():
        for name in VIEWS:
            db.execute(f"drop view if exists {name}")
        for sql in _stale_views(db).values():
            db.execute(sql)
    return True


def views_current(db: sqlite_utils.Database) -> bool:
    """Whether the database's views are this file's (a read-only store cannot fix them)."""
    return not _stale_views(db)
