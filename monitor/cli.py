"""The ``monitor`` command: a thin layer over the Python API.

Each command loads the config, opens the store, calls one function, and turns the project's
own errors into a ``ClickException`` (exit code 1) with the error's message. Commands that
list things share ``--format table|json|ndjson|csv``.
"""
from __future__ import annotations

import csv
import functools
import io
import json
import logging
import sys
from pathlib import Path
from typing import Any, Callable, Iterable

import click
from tabulate import tabulate

from .config import DEFAULT_CONFIG_PATH, Config, load_config, starter_config
from .errors import ConfigError, MonitorError
from .store import Store, open_store

FORMATS = ("table", "json", "ndjson", "csv")


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a ``MonitorError`` into a clean one-paragraph message and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except MonitorError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


def format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                        help="output format")(func)


def emit_rows(rows: Iterable[dict[str, Any]], fmt: str, columns: list[str] | None = None,
              max_width: int | None = 60) -> None:
    """Print rows as an aligned table, a JSON array, newline-delimited JSON or CSV."""
    rows = list(rows)
    if columns is None:
        columns = list(rows[0]) if rows else []
    rows = [{c: row.get(c) for c in columns} for row in rows]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
    elif fmt == "ndjson":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buffer.getvalue(), nl=False)
    else:
        def cell(value: Any) -> Any:
            text = "" if value is None else str(value).replace("\n", " ")
            return text if max_width is None or len(text) <= max_width else text[: max_width - 1] + "…"

        click.echo(tabulate([[cell(r[c]) for c in columns] for r in rows], headers=columns))


class Context:
    """What every command gets: the config path, and config/store opened on first use."""

    def __init__(self, config_path: Path):
        self.config_path = config_path
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.config_path)
        return self._config

    def store(self, read_only: bool = False) -> Store:
        """The config's database, which reads statuses with the config's settings (``open_store``)."""
        return open_store(self.config, read_only=read_only)


pass_context = click.make_pass_decorator(Context)


@click.group()
@click.version_option(package_name="follow-up-monitor")
@click.option("-c", "--config", "config_path", type=click.Path(path_type=Path), default=DEFAULT_CONFIG_PATH,
              show_default=True, envvar="MONITOR_CONFIG", help="config file")
@click.option("-v", "--verbose", count=True, help="log more (-v info, -vv debug) to stderr")
@click.pass_context
def cli(ctx: click.Context, config_path: Path, verbose: int) -> None:
    """Follow-up Monitor: watch the news for follow-up coverage of baseline claims."""
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logging.basicConfig(level=level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    ctx.obj = Context(config_path)


@cli.command()
@click.option("--force", is_flag=True, help="overwrite an existing config file")
@pass_context
@handle_errors
def init(context: Context, force: bool) -> None:
    """Write a commented starter config file."""
    path = context.config_path
    if path.exists() and not force:
        raise ConfigError(f"{path} already exists; use --force to overwrite it")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(starter_config(), encoding="utf-8")
    click.echo(f"Wrote {path}; add your feeds, then run `monitor poll`.")


@cli.command("check-config")
@click.option("--docs", type=click.Path(file_okay=False, path_type=Path), default=Path("baseline_docs"),
              show_default=True, help="folder of baseline documents to check too (when it exists)")
@pass_context
@handle_errors
def check_config(context: Context, docs: Path) -> None:
    """Validate the config file, the claims file it names and the baseline documents, and print
    what they set up.

    A baseline document without front matter, or with front matter the reader does not
    recognise, is reported with what was assumed (exit status 0: extraction still works)."""
    from .judge.claims import load_claims, read_documents

    config = context.config
    claims_file = config.verdicts.claims_file
    if claims_file.exists():
        # A claims file that does not load would stop verdicts at the first poll: say so now.
        claims = load_claims(claims_file)
        found = f"{sum(1 for c in claims if c.active)} active claims in {claims_file}"
    else:
        found = f"no claims file yet ({claims_file}; `monitor claims extract` writes it)"
    click.echo(f"{context.config_path}: OK — database {config.database_path}, {len(config.feeds)} feeds, {found}")
    if docs.is_dir():
        documents, errors = read_documents(docs)
        for error in errors:
            click.echo(f"error: {error}")
        warnings = [w for d in documents for w in d.warnings]
        for warning in warnings:
            click.echo(f"warning: {warning}")
        click.echo(f"{docs}: {len(documents)} baseline documents, {len(warnings)} "
                   f"warning{'' if len(warnings) == 1 else 's'}, {len(errors)} unreadable")


@cli.command()
@click.option("--dry-run", is_flag=True, help="print the digest instead of sending it; nothing is marked")
@click.option("--eml", "eml_path", type=click.Path(dir_okay=False, path_type=Path),
              help="write the digest to this .eml file instead of sending it; nothing is marked")
@click.option("--to", "to_address", metavar="ADDRESS",
              help="send a test digest to this address only; nothing is marked")
@pass_context
@handle_errors
def digest(context: Context, dry_run: bool, eml_path: Path | None, to_address: str | None) -> None:
    """Send the digest of alerts not mailed yet (single-shot; safe beside `monitor run`)."""
    from .status.digest import deliver_digest, describe_message

    config = context.config
    with context.store() as store:
        if dry_run or eml_path:
            message = deliver_digest(config, store, dry_run=True).message
            if message is not None and eml_path:
                eml_path.write_bytes(bytes(message))
                click.echo(f"Wrote {eml_path}: {message['Subject']} (nothing sent, nothing marked)")
            elif message is not None:
                click.echo(describe_message(message), nl=False)
            return
        if to_address:
            result = deliver_digest(config, store, test_recipient=to_address)
            click.echo(f"Sent a test digest with {len(result.alert_ids)} alerts to {to_address} "
                       "(nothing marked)")
            return
        result = deliver_digest(config, store)
    if result.status == "empty":
        click.echo("Nothing new since the last digest; nothing sent.")
    else:
        refused = f"; refused: {', '.join(result.refused)}" if result.refused else ""
        for digest_id in result.resent:
            click.echo(f"Sent digest #{digest_id} again, as the same message: the SMTP server never confirmed "
                       "it last time")
        again = (" again, as the same message: the SMTP server never confirmed it last time"
                 if result.status == "resent" else "")
        click.echo(f"Sent digest #{result.digest_id}{again} with {len(result.alert_ids)} alerts to "
                   f"{', '.join(result.recipients)}{refused}")


@cli.command()
@pass_context
@handle_errors
def run(context: Context) -> None:
    """Poll feeds as they fall due and send the daily digest, until SIGINT/SIGTERM.

    One `monitor run` per database (a second one exits 1). Logs go to stderr, one JSON
    object per line. On SIGINT/SIGTERM the article in hand is stored, the run is recorded
    and the command exits 0.
    """
    from .run.schedule import run_scheduler, use_json_logs

    use_json_logs(min(logging.getLogger().getEffectiveLevel(), logging.INFO))
    run_scheduler(context.config)


# -- alerts, status, stats, serve -----------------------------------------------------------
# Exit codes of these commands: 0 success (also when nothing matches), 1 an error (the
# message says what to fix), 2 a usage mistake (unknown option, a value that does not parse).

ALERT_COLUMNS = ["id", "detected_at", "claim_id", "verdict", "confidence", "review", "site", "article_title",
                 "evidence", "article_url"]
STATUS_COLUMNS = ["claim_id", "status", "confirms", "contradicts", "discusses", "confirming_sources",
                  "contradicting_sources", "alerts", "status_since",
                  "last_alert_at", "outcome", "brier"]
TIMELINE_COLUMNS = ["step", "at", "status", "changed", "verdict", "confidence", "counted", "review",
                    "alert_id", "article_title", "outcome", "brier"]


class WhenParam(click.ParamType):
    """A date or time: ISO (``2025-02-14``, ``2025-02-14T10:00+01:00``) or words (``7 days ago``)."""

    name = "DATE"

    def __init__(self, end_of_day: bool = False):
        self.end_of_day = end_of_day

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from .status.alerts import parse_when

        if not isinstance(value, str):
            return value
        try:
            return parse_when(value, end_of_day=self.end_of_day)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class DayParam(click.ParamType):
    """A calendar date written YYYY-MM-DD (nothing else: an outcome's date is a record, not a guess)."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        import datetime as dt

        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-03-12", param, ctx)


def _alert_filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    from .status.alerts import VERDICTS

    options: list[Callable[[Callable[..., Any]], Callable[..., Any]]] = [
        click.option("--claim", "claims", multiple=True, metavar="CLAIM_ID", help="only this claim (repeatable)"),
        click.option("--verdict", "verdicts", multiple=True, type=click.Choice(VERDICTS),
                     help="only this verdict (repeatable)"),
        click.option("--since", type=WhenParam(), help="detected at or after: 2025-02-14, \"7 days ago\""),
        click.option("--until", type=WhenParam(end_of_day=True),
                     help="detected before; a plain date includes that day"),
        click.option("--feed", metavar="NAME_OR_URL", help="only articles from this feed"),
        click.option("--site", metavar="SITE", help="only articles from this site (name or host, e.g. bbc.co.uk)"),
        click.option("--min-confidence", type=click.FloatRange(0, 1), help="only alerts this confident"),
        click.option("--search", metavar="TEXT", help="full-text search of evidence and article title/text"),
        click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
                     help="show at most this many"),
        format_option,
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _list_alerts(context: Context, fmt: str, **filters: Any) -> None:
    from dataclasses import asdict, fields

    from .status.alerts import Alert, AlertQuery, list_alerts

    query = AlertQuery(claims=tuple(filters["claims"]), verdicts=tuple(filters["verdicts"]),
                       since=filters["since"], until=filters["until"], feed=filters["feed"],
                       site=filters["site"], min_confidence=filters["min_confidence"],
                       search=filters["search"], limit=filters["limit"])
    with context.store() as store:
        alerts = [asdict(alert) for alert in list_alerts(store, query)]
    if fmt == "csv":
        for alert in alerts:  # CSV cells are text: keep the comparison as the JSON it was stored as
            if alert["values_compared"] is not None:
                alert["values_compared"] = json.dumps(alert["values_compared"], ensure_ascii=False)
    emit_rows(alerts, fmt, columns=ALERT_COLUMNS if fmt == "table" else [f.name for f in fields(Alert)],
              max_width=50)


@cli.group(invoke_without_command=True)
@_alert_filter_options
@pass_context
@click.pass_context
@handle_errors
def alerts(ctx: click.Context, context: Context, fmt: str, **filters: Any) -> None:
    """List alerts, newest first (or review one: `monitor alerts review ID --wrong`).

    Filters combine; dates are ISO (2025-02-14) or words ("7 days ago"). Exit codes: 0
    success, also when nothing matches; 1 error; 2 usage mistake.
    """
    if ctx.invoked_subcommand is None:
        _list_alerts(context, fmt, **filters)


@alerts.command("list")
@_alert_filter_options
@pass_context
@handle_errors
def alerts_list(context: Context, fmt: str, **filters: Any) -> None:
    """List alerts, newest first (the same as `monitor alerts`)."""
    _list_alerts(context, fmt, **filters)


@alerts.command("review")
@click.argument("alert_id", type=int)
@click.option("--right", "review", flag_value="right", help="the verdict was right")
@click.option("--wrong", "review", flag_value="wrong",
              help="the verdict was wrong: the alert stops counting toward its claim's status")
@click.option("--clear", "review", flag_value="clear", help="forget an earlier review")
@click.option("--note", help="why (kept with the review)")
@pass_context
@handle_errors
def alerts_review(context: Context, alert_id: int, review: str | None, note: str | None) -> None:
    """Record whether alert ALERT_ID was right or wrong."""
    from .status.alerts import claim_status, review_alert

    if review is None:
        raise click.UsageError("say --right, --wrong or --clear")
    with context.store() as store:
        alert = review_alert(store, alert_id, None if review == "clear" else review, note)
        status = claim_status(store, alert.claim_id)
    done = "cleared the review of" if review == "clear" else f"marked {review}:"
    click.echo(f"Alert {alert.id} {done} {alert.claim_id} {alert.verdict} in \"{alert.article_title}\"; "
               f"claim status now {status.status}")


@cli.command()
@click.argument("claim_id", required=False)
@click.option("--all", "show_all", is_flag=True, help="include inactive claims without alerts")
@click.option("--changes", is_flag=True,
              help="the status changes (open → confirmed, … → resolved, → overdue) with the alerts that caused "
                   "them, then repeats of settled verdicts as counts")
@click.option("--since", type=WhenParam(), help="with --changes: only changes at or after this (\"7 days ago\")")
@format_option
@pass_context
@handle_errors
def status(context: Context, claim_id: str | None, show_all: bool, changes: bool, since: Any, fmt: str) -> None:
    """One line per tracked claim: status, counted alerts by verdict, last change.

    Statuses: open, confirmed, contradicted, disputed, resolved, and overdue (a forecast or
    event past its resolves_by date with no outcome; `monitor claims resolve` records one).
    With CLAIM_ID: that claim's timeline, the status after each alert. With --changes: the
    transitions (of CLAIM_ID only, if given). Exit codes: 0 success; 1 error (e.g. no such
    claim); 2 usage mistake.
    """
    from dataclasses import asdict, fields

    from .status.alerts import (
        ClaimStatus,
        TimelineStep,
        claim_status,
        claim_statuses,
        claim_timeline,
    )

    if since is not None and not changes:
        raise click.UsageError("--since goes with --changes")
    with context.store() as store:
        if changes:
            from .status.lifecycle import changes as status_history

            if claim_id is not None:
                claim_status(store, claim_id)  # an unknown claim is an error, not an empty list
            transitions, repeats = status_history(store, since)
            transitions = [t for t in transitions if claim_id is None or t.claim_id == claim_id]
            repeats = [r for r in repeats if claim_id is None or r.claim_id == claim_id]
            _emit_changes(transitions, repeats, fmt, since)
            return
        if claim_id is not None:
            rows = [asdict(step) for step in claim_timeline(store, claim_id)]
            columns = TIMELINE_COLUMNS if fmt == "table" else [f.name for f in fields(TimelineStep)]
        else:
            rows = [asdict(s) for s in claim_statuses(store, active_only=not show_all)]
            columns = STATUS_COLUMNS if fmt == "table" else [f.name for f in fields(ClaimStatus)]
    emit_rows(rows, fmt, columns=columns)


def _emit_changes(transitions: list[Any], repeats: list[Any], fmt: str, since: Any) -> None:
    """`monitor status --changes`: the transitions first, then the collapsed repeats."""
    from .status.lifecycle import repeat_rows, transition_rows

    changes, repeated = transition_rows(transitions), repeat_rows(repeats)
    if fmt == "json":
        click.echo(json.dumps({"transitions": changes, "repeats": repeated}, indent=2, ensure_ascii=False))
    elif fmt in ("ndjson", "csv"):
        rows = [{"type": "transition", **row} for row in changes] + [{"type": "repeats", **row} for row in repeated]
        emit_rows(rows, fmt, columns=["type", "at", "claim_id", "old_status", "new_status", "cause", "alert_ids",
                                      "verdict", "count", "description", "first_at", "last_at"])
    else:
        when = f" since {since.isoformat(timespec='seconds')}" if since is not None else ""
        if changes:
            emit_rows(changes, "table", columns=["at", "claim_id", "old_status", "new_status", "cause",
                                                 "alert_ids"])
        else:
            click.echo(f"No status changes{when}.")
        if repeated:
            click.echo(f"\nRepeats of a settled verdict{when} (`monitor alerts --claim ID` lists them):")
            for row in repeated:
                click.echo(f"  {row['claim_id']}: {row['description']}")


@cli.command()
@click.option("--forecasters", is_flag=True,
              help="each speaker's forecasts instead: how many resolved, happened, overdue, mean Brier score")
@format_option
@pass_context
@handle_errors
def stats(context: Context, forecasters: bool, fmt: str) -> None:
    """Verdict accuracy on reviewed alerts, claims by status, alerts by verdict, articles, feeds.

    With --forecasters: a track record per speaker — forecasts, resolved, happened, overdue,
    pending, and the mean Brier score (p − outcome)² of the resolved ones with a probability
    (0 is perfect, 0.25 what always saying 50 % earns).
    """
    from .status.alerts import stats as compute_stats

    with context.store() as store:
        if forecasters:
            from dataclasses import asdict

            from .status.lifecycle import forecaster_records

            emit_rows([asdict(r) for r in forecaster_records(store)], fmt,
                      columns=["speaker", "forecasts", "resolved", "happened", "overdue", "pending", "scored",
                               "mean_brier"])
            return
        report = compute_stats(store)
    emit_rows(report.rows(), fmt, columns=["measure", "group", "count", "accuracy"])


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["claimreview", "json", "csv"]), default="claimreview",
              show_default=True,
              help="claimreview: schema.org ClaimReview JSON-LD of the settled claims; json, csv: every claim "
                   "with status and evidence URLs")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="write to this file (whole or not at all) instead of standard output")
@click.option("--reviewer", default="Follow-up Monitor", show_default=True,
              help="ClaimReview author: the organisation that publishes the reviews")
@click.option("--base-url", metavar="URL", help="ClaimReview url: URL/<claim id>, where the reviews are published")
@click.option("--all", "show_all", is_flag=True,
              help="include inactive claims without alerts (opinions, claims switched off), as `monitor status --all`")
@pass_context
@handle_errors
def export(context: Context, fmt: str, out: Path | None, reviewer: str, base_url: str | None,
           show_all: bool) -> None:
    """Export the claims: schema.org ClaimReview JSON-LD, or JSON/CSV with status and evidence.

    Exit codes: 0 written; 1 nothing to export (no claims, or no settled claim for
    ClaimReview) or the file cannot be written — no file is written then; 2 usage mistake.
    """
    from .errors import StoreError
    from .status.export import export_claims, write_export

    database = context.config.database_path
    if not Path(database).exists():
        raise StoreError(f"{database}: no database here yet, so nothing to export; run `monitor poll` first")
    with context.store() as store:
        text, count = export_claims(store, fmt, active_only=not show_all, reviewer=reviewer, base_url=base_url)
    if out is None:
        click.echo(text, nl=False)
        return
    write_export(out, text)
    click.echo(f"Wrote {out}: {count} {'claim reviews' if fmt == 'claimreview' else 'claims'} ({fmt}).")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="address to listen on; anything but loopback exposes the database to the network")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True, help="port to listen on")
@click.option("--allow-write", is_flag=True,
              help="enable the canned write queries (reviewing alerts); read-only otherwise")
@pass_context
@handle_errors
def serve(context: Context, host: str, port: int, allow_write: bool) -> None:
    """Browse and query the database in Datasette (read-only unless --allow-write)."""
    from . import web

    # brings the schema and the mirrored settings up to date before Datasette reads them
    context.store().close()
    if not web.is_loopback(host):
        click.echo(f"Warning: listening on {host}: anyone who can reach this machine can read the database.",
                   err=True)
    address = f"[{host}]" if ":" in host else host
    click.echo(f"Serving {context.config.database_path} at http://{address}:{port}/-/claims "
               f"({'writable' if allow_write else 'read-only'}); Ctrl-C stops.")
    web.serve(context.config.database_path, host=host, port=port, allow_write=allow_write)


# -- poll and articles ----------------------------------------------------------------------
# `monitor poll` exit codes: 0 the cycle ran (some feeds or articles may have failed; they are
# recorded and retried), 1 a config or database error, 2 there were feeds to poll and every
# one of them failed (the network or the config is likely wrong, not one site).

ARTICLE_COLUMNS = ["id", "published_at", "fetched_at", "site", "title", "status", "error", "url"]


def _build_judge(config: Config, store: Store) -> Any:
    """The judge over the claims file's active claims, or None when it has none (poll then only ingests)."""
    from .run.judging import build_judge

    return build_judge(config, store)


class _ProgressBars:
    """One click progress bar per stage of the cycle (feeds, then articles)."""

    def __init__(self) -> None:
        self.stage: str | None = None
        self.bar: Any = None
        self.shown = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.close()
            self.stage, self.shown = stage, 0
            if total:
                self.bar = click.progressbar(length=total, label=f"{stage:<8}", show_pos=True)
                self.bar.__enter__()
        if self.bar is not None and done > self.shown:
            self.bar.update(done - self.shown)
            self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@cli.command()
@click.option("--force", is_flag=True, help="poll every configured feed, also those not due yet")
@pass_context
@click.pass_context
@handle_errors
def poll(ctx: click.Context, context: Context, force: bool) -> None:
    """Poll the due feeds once: store new articles and judge them against the claims.

    Ends with a one-line summary. Exit codes: 0 the cycle ran (failed feeds and articles are
    recorded and retried); 1 config or database error (with a broken claims file or stance
    model the articles are still stored, and judged by the first poll after the fix);
    2 every due feed failed.
    """
    from .errors import ClaimsError, VerdictError
    from .run.pipeline import run_cycle

    config = context.config
    bars = _ProgressBars() if sys.stdout.isatty() else None
    with context.store() as store:
        try:
            judge, judge_error = _build_judge(config, store), None
        except (ClaimsError, VerdictError) as exc:
            # Feeds roll items off: ingest now, judge later (unjudged articles wait in the store).
            judge, judge_error = None, exc
            click.echo(f"Error: {exc}\nPolling without verdicts: new articles are stored and will be judged "
                       "by the first poll after this is fixed.", err=True)
        try:
            summary = run_cycle(config, store, judge=judge, force=force, progress=bars)
        finally:
            if bars is not None:
                bars.close()
    click.echo(summary.line())
    if judge_error is not None:
        ctx.exit(1)
    if summary.nothing_polled:
        ctx.exit(2)


@cli.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...",
                type=click.Path(exists=True, path_type=Path))
@click.option("--since", type=DayParam(), help="only pages published on or after this day (YYYY-MM-DD)")
@click.option("--until", type=DayParam(), help="only pages published on or before this day (YYYY-MM-DD)")
@click.option("--site", "sites", multiple=True, metavar="HOST",
              help="only pages of this site (repeatable; bbc.co.uk also takes www.bbc.co.uk)")
@click.option("--language", "languages", multiple=True, metavar="CODE",
              help="only pages in this language, e.g. en (repeatable; pages that declare none are kept)")
@click.option("--no-prefilter", is_flag=True,
              help="extract every page, also those that share too few words with every claim")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="local worker processes [default: one per CPU; 0: in this process]")
@click.option("--dask", metavar="ADDRESS",
              help="run extraction and judging on Dask: a scheduler address, or local:N for N local workers")
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True,
              help="records per worker task")
@click.option("--retry-failed", is_flag=True, help="try the records that failed in earlier runs again")
@pass_context
@handle_errors
def backfill(context: Context, sources: tuple[Path, ...], since: Any, until: Any, sites: tuple[str, ...],
             languages: tuple[str, ...], no_prefilter: bool, workers: int | None, dask: str | None,
             batch_size: int, retry_failed: bool) -> None:
    """Judge an archive against the claims: WARC / WARC.gz files, folders of .html pages, files of URLs.

    Each page goes through the poll's stages (extraction, copies and independent sources,
    verdicts, alerts) and is stored marked with its origin, dated by its own publication date.
    Stopped at any moment and run again on the same sources, it skips what is done and stores
    nothing twice. Progress goes to stderr; a summary ends the run. Exit codes: 0 done (failed
    records are counted and listed), 1 an error.
    """
    from .run.backfill import BackfillFilters, run_backfill

    filters = BackfillFilters(since=since.isoformat() if since else None,
                              until=until.isoformat() if until else None,
                              sites=tuple(s.lower().removeprefix("www.") for s in sites),
                              languages=tuple(code.lower() for code in languages), prefilter=not no_prefilter)
    with context.store() as store:
        summary = run_backfill(context.config, store, sources, filters=filters, workers=workers, dask=dask,
                               batch_size=batch_size, retry_failed=retry_failed, progress=_BackfillProgress())
    click.echo("", err=True)
    for error in summary.errors[:10]:
        click.echo(f"failed: {error}", err=True)
    if len(summary.errors) > 10:
        click.echo(f"failed: … and {len(summary.errors) - 10} more (table backfill_records, status 'failed')",
                   err=True)
    click.echo(summary.line())


class _BackfillProgress:
    """A one-line progress report on stderr: records, records/s, share of the sources and ETA."""

    def __init__(self, every: float = 0.5):
        self.every, self.last = every, 0.0

    def __call__(self, progress: Any) -> None:
        import time

        now = time.monotonic()
        if now - self.last < self.every:
            return
        self.last = now
        eta = "?" if progress.eta_seconds is None else f"{int(progress.eta_seconds) // 60}m{int(progress.eta_seconds) % 60:02d}s"
        click.echo(f"\rbackfill: {progress.handled} records · {progress.per_second:.1f} records/s · "
                   f"{progress.fraction:.0%} · ETA {eta}   ", err=True, nl=False)


@cli.command()
@click.option("--status", type=click.Choice(["ok", "failed", "duplicate"]), help="only articles with this status")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="show at most this many")
@format_option
@pass_context
@handle_errors
def articles(context: Context, status: str | None, limit: int, fmt: str) -> None:
    """List stored articles, newest first (failed ones with their error)."""
    with context.store(read_only=True) as store:
        rows = store.articles(limit=limit, status=status)
    emit_rows(rows, fmt, columns=ARTICLE_COLUMNS if fmt == "table" else None)


FEED_COLUMNS = ["name", "url", "health", "last_error", "since", "last_success", "detail"]


@cli.command()
@format_option
@pass_context
@handle_errors
def feeds(context: Context, fmt: str) -> None:
    """Feed health: one line per configured feed, worst first.

    ok, failing ([polling] failing_after failed polls in a row), silent (no new entries for
    longer than its usual rhythm: 3 × its median gap between entries, at least 2 days) or
    recovered (worked again after failing), with the last error, since when, the last success.
    """
    from .status.health import load_feed_health

    with context.store(read_only=True) as store:
        rows = [h.row() for h in load_feed_health(context.config, store)]
    emit_rows(rows, fmt, columns=FEED_COLUMNS)


# -- check ---------------------------------------------------------------------------------

CHECK_COLUMNS = ["source", "claim_id", "verdict", "confidence", "evidence", "claim_value", "article_value"]


@cli.command()
@click.argument("sources", nargs=-1, required=True, metavar="URL-OR-FILE...")
@click.option("--claims", "claims_file", type=click.Path(dir_okay=False, path_type=Path),
              help="claims file to check against (default: [verdicts] claims_file of the config)")
@click.option("--all", "show_all", is_flag=True, help="also show verdicts below the alert threshold")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="output format (json: one object per article and claim)")
@pass_context
@handle_errors
def check(context: Context, sources: tuple[str, ...], claims_file: Path | None, show_all: bool, fmt: str) -> None:
    """Judge articles (URLs, .html or .txt files) against the claims; nothing is stored.

    Prints each (article, claim) verdict with its evidence sentence and the values compared.
    Works without a database, and without a config file when --claims is given.
    """
    from .config import FetchSettings, VerdictSettings
    from .judge.claims import load_claims
    from .judge.verdicts import load_judge
    from .run.check import check_articles, read_sources

    if claims_file is None or context.config_path.exists():
        config = context.config
        fetch_settings, verdict_settings = config.fetch, config.verdicts
    else:
        fetch_settings, verdict_settings = FetchSettings(), VerdictSettings()
    claims = [c for c in load_claims(claims_file or verdict_settings.claims_file) if c.active]
    if not claims:
        raise ConfigError(f"{claims_file or verdict_settings.claims_file}: no active claims to check against; "
                          "set active = true on the claims to track")
    judge = load_judge(claims, threshold=verdict_settings.alert_threshold,
                       max_candidates=verdict_settings.max_candidates)
    rows = check_articles(read_sources(sources, fetch_settings), judge, include_all=show_all)
    if fmt == "json":
        emit_rows(rows, "json")
    elif rows:
        emit_rows(rows, "table", columns=CHECK_COLUMNS + (["alert"] if show_all else []))
    else:
        click.echo(f"No verdicts: none of the {len(sources)} articles bears on an active claim "
                   f"at confidence {verdict_settings.alert_threshold} or more.")


@cli.command()
@click.option("--workdir", type=click.Path(file_okay=False, path_type=Path),
              help="folder for the demo's config and database (default: a fresh temporary folder)")
@click.option("--keep", is_flag=True, help="keep the temporary folder afterwards (a --workdir is always kept)")
@handle_errors
def demo(workdir: Path | None, keep: bool) -> None:
    """Run the whole pipeline offline on the bundled news archive (needs no config file)."""
    import shutil
    import tempfile

    from .demo import run_demo

    remove = workdir is None and not keep
    folder = Path(tempfile.mkdtemp(prefix="monitor-demo-")) if workdir is None else workdir
    try:
        run_demo(folder, echo=click.echo)
    finally:
        if remove:
            shutil.rmtree(folder, ignore_errors=True)
            click.echo(f"\nRemoved the work folder {folder} (use --keep to look at its database).")
    if not remove:
        click.echo(f"\nThe demo's config and database are in {folder}; e.g. "
                   f"`monitor -c {folder / 'config' / 'monitor.toml'} status`.")


# -- monitor claims (claims engineer) ------------------------------------------------------

CLAIM_COLUMNS = ["id", "kind", "active", "speaker", "statement"]
CLAIM_FIELDS = ["id", "kind", "active", "reviewed", "speaker", "source", "document", "statement", "quote",
                "subject", "entities", "quantities", "probability", "event_date", "resolves_by", "sources",
                "inactive_because"]


def _claims_file(context: Context, override: Path | None) -> Path:
    """--file, else the config's [verdicts] claims_file, else config/claims.toml."""
    if override is not None:
        return override
    if context.config_path.exists():
        return context.config.verdicts.claims_file
    return Path("config/claims.toml")


def _claims_file_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--file", "claims_file", type=click.Path(dir_okay=False, path_type=Path),
                        help="claims file (default: [verdicts] claims_file of the config, "
                             "else config/claims.toml)")(func)


@cli.group()
def claims() -> None:
    """Baseline claims: extract them from documents into the reviewed claims file, list, show, resolve."""


@claims.command("extract")
@click.option("--docs", type=click.Path(file_okay=False, path_type=Path), default=Path("baseline_docs"),
              show_default=True, help="folder of baseline documents (.txt/.md with front matter)")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="claims file to write (default: [verdicts] claims_file of the config, else config/claims.toml)")
@click.option("--rules-only", is_flag=True, help="keep the rules' kinds: no second reading by the kind reader")
@pass_context
@handle_errors
def claims_extract(context: Context, docs: Path, out: Path | None, rules_only: bool) -> None:
    """Extract claims from the baseline documents and merge them into the claims file.

    Reviewed edits and ids in an existing file are kept (see the file's header). Documents that
    cannot be read (empty, binary) are reported and skipped. The kind reader (a fine-tuned
    encoder) reads each new claim again: what is tracked and its kind. When a config file exists,
    the database is updated to mirror the file.
    """
    from .judge.claims import KINDS, extract_to_file

    out = _claims_file(context, out)
    report = extract_to_file(docs, out, rules_only=rules_only)
    for error in report.errors:
        click.echo(f"skipped: {error}", err=True)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    rows = [{"document": name, **counts, "total": sum(counts.values())}
            for name, counts in report.per_document.items()]
    if rows:
        emit_rows(rows, "table", columns=["document", *KINDS, "total"])
    active = sum(1 for c in report.claims if c.active)
    click.echo(f"Wrote {out}: {len(report.claims)} claims ({active} active, {report.new} new) from "
               f"{len(report.documents)} documents in {report.seconds:.2f} s.")
    if context.config_path.exists():
        with context.store() as store:
            store.sync_documents(report.documents)
            synced = store.sync_claims(report.claims)
        click.echo(f"Database {context.config.database_path}: {synced['changed']} claims updated, "
                   f"{synced['deactivated']} set inactive.")


def _claim_row(claim: Any) -> dict[str, Any]:
    from .judge.quantities import describe_quantity

    row = {name: getattr(claim, name) for name in CLAIM_FIELDS if name != "inactive_because"}
    row["quantities"] = [describe_quantity(q) for q in claim.quantities]
    row["inactive_because"] = "" if claim.active else (
        claim.slots.get("inactive_because") or claim.note or "switched off in the claims file")
    return row


@claims.command("list")
@click.option("--all", "show_all", is_flag=True, help="include inactive claims (opinions, switched off)")
@_claims_file_option
@format_option
@pass_context
@handle_errors
def claims_list(context: Context, show_all: bool, claims_file: Path | None, fmt: str) -> None:
    """List the claims of the claims file (active ones unless --all)."""
    from .judge.claims import load_claims

    claims = [c for c in load_claims(_claims_file(context, claims_file)) if show_all or c.active]
    rows = [_claim_row(c) for c in claims]
    table = CLAIM_COLUMNS + (["inactive_because"] if show_all else [])
    emit_rows(rows, fmt, columns=table if fmt == "table" else CLAIM_FIELDS)


@claims.command("show")
@click.argument("claim_id")
@_claims_file_option
@pass_context
@handle_errors
def claims_show(context: Context, claim_id: str, claims_file: Path | None) -> None:
    """Show one claim: quote, slots, sources, and its status and latest alerts if there is a database."""
    import difflib

    from .errors import ClaimsError
    from .judge.claims import load_claims
    from .status.describe import describe_claim

    path = _claims_file(context, claims_file)
    claims = {c.id: c for c in load_claims(path)}
    claim = claims.get(claim_id)
    if claim is None:
        close = difflib.get_close_matches(claim_id, list(claims), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `monitor claims list --all` lists them"
        raise ClaimsError(f"{path}: no claim {claim_id!r}{hint}")
    database = context.config.database_path if context.config_path.exists() else None
    if database is None or not Path(database).exists():
        click.echo(describe_claim(claim, None))
    else:
        with context.store(read_only=True) as store:
            click.echo(describe_claim(claim, store))


@claims.command("resolve")
@click.argument("claim_id")
@click.option("--outcome", required=True, type=click.Choice(["happened", "did-not-happen"]),
              help="what became of the forecast or event")
@click.option("--date", "resolved_on", required=True, type=DayParam(),
              help="when it happened, or when it was clear it would not")
@click.option("--evidence", metavar="URL", help="the article that reports the outcome")
@click.option("--note", help="why (kept with the resolution)")
@pass_context
@handle_errors
def claims_resolve(context: Context, claim_id: str, outcome: str, resolved_on: Any, evidence: str | None,
                   note: str | None) -> None:
    """Record the outcome of a forecast or scheduled event by hand (e.g. an overdue one).

    Stored like an automatic resolution (method "manual"), with the Brier score for a
    forecast with a probability; it outranks automatic resolutions (of several by hand, the
    latest counts).
    Exit codes: 0 recorded; 1 nothing recorded (unknown claim, not a forecast or event, a
    date after today, an evidence URL that is not http(s)); 2 an outcome or date that does
    not parse.
    """
    from .status.lifecycle import resolve_claim

    with context.store() as store:
        recorded = resolve_claim(store, claim_id, outcome, resolved_on, evidence_url=evidence, note=note)
    brier = f"; Brier score {recorded.brier:g} (forecast at {recorded.probability:.0%})" \
        if recorded.brier is not None and recorded.probability is not None else ""
    click.echo(f"Resolved {recorded.claim_id}: {recorded.outcome} on {recorded.resolved_on}{brier}; "
               f"status {recorded.previous_status} → resolved.")


def main() -> None:
    cli(prog_name="monitor")
