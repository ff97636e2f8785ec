"""Back-fill (``monitor backfill``): real WARC files written with warcio, folders of pages and a
URL list served on loopback, into real SQLite files; origin and publication dates, verdicts as
a poll gives them, exactly-once reruns and resumed interruptions, bad records, filters, the CLI."""
from __future__ import annotations

import dataclasses
import gzip
import io
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from werkzeug import Request, Response

from monitor.cli import cli
from monitor.judge.claims import load_claims
from monitor.judge.verdicts import load_judge
from monitor.run.backfill import BackfillFilters, BackfillSummary, run_backfill
from monitor.store import Store

REPO = Path(__file__).resolve().parents[1]
PAGES = Path(__file__).parent / "fixtures" / "backfill"
CLAIMS = REPO / "config" / "claims.toml"
DATE = "2025-03-01T12:00:00Z"  # when the crawler fetched the pages (not when they were published)


def html(name: str) -> bytes:
    return (PAGES / f"{name}.html").read_bytes()


def write_warc(path: Path, records: list[tuple[str, bytes | None, str]], *, compress: bool = True) -> Path:
    """A WARC of ``(url, body, kind)``: kind "page" (200 text/html), "404", "request", "image",
    or "broken" (a response whose Content-Encoding gzip body is not gzip)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)
        for url, body, kind in records:
            if kind == "request":
                headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "wire.example")], is_http_request=True)
                record = writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=headers)
            else:
                status = "404 Not Found" if kind == "404" else "200 OK"
                media = "image/png" if kind == "image" else "text/html; charset=utf-8"
                fields = [("Content-Type", media)]
                if kind == "broken":
                    fields.append(("Content-Encoding", "gzip"))
                headers = StatusAndHeaders(status, fields, protocol="HTTP/1.1")
                record = writer.create_warc_record(url, "response", payload=io.BytesIO(body or b"x"),
                                                   http_headers=headers, warc_headers_dict={"WARC-Date": DATE})
            writer.write_record(record)
    return path


def news_warc(path: Path, **kwargs: Any) -> Path:
    return write_warc(path, [
        ("https://wire.example/news/call", None, "request"),
        ("https://wire.example/news/call", html("call_wire"), "page"),
        ("https://wire.example/logo.png", b"\x89PNG", "image"),
        ("https://partner.example/world/call", html("call_partner"), "page"),
        ("https://wire.example/news/gone", b"not here", "404"),
        ("https://wire.example/news/exchange", html("exchange"), "page"),
        ("https://wire.example/news/weather", html("weather"), "page"),
    ], **kwargs)


@pytest.fixture
def config(make_config: Any) -> Any:
    return make_config(extra=f'[verdicts]\nclaims_file = "{CLAIMS}"\n')


def backfill(config: Any, store: Store, *sources: Path, **kwargs: Any) -> BackfillSummary:
    kwargs.setdefault("workers", 0)
    return run_backfill(config, store, list(sources), **kwargs)


def rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """What a back-fill leaves in the database, without the times of the run."""
    return {
        "articles": [tuple(r.values()) for r in store.query(
            "select id, canonical_url, url, status, duplicate_of, title, published_at, language, content_hash,"
            " origin, origin_source, source_group, source_site, judged_at is not null as judged"
            " from articles order by id")],
        "alerts": [tuple(r.values()) for r in store.query(
            "select claim_id, article_id, verdict, confidence, evidence, detected_at from alerts order by id")],
        "checkpoint": [tuple(r.values()) for r in store.query(
            "select source, record, url, status, reason, article_id from backfill_records order by source, record")],
    }


def test_warc_pages_are_stored_with_their_origin_and_publication_date_and_judged_as_a_poll_would(
        tmp_path, store, config):
    warc = news_warc(tmp_path / "news.warc.gz")
    summary = backfill(config, store, warc)

    assert (summary.records, summary.stored, summary.duplicates, summary.failed) == (6, 2, 1, 0)
    assert dict(summary.filtered) == {"not-a-page": 2, "prefilter": 1}
    articles = {a["canonical_url"]: a for a in store.query("select * from articles")}
    assert set(articles) == {"https://wire.example/news/call", "https://partner.example/world/call",
                             "https://wire.example/news/exchange"}
    call = articles["https://wire.example/news/call"]
    assert (call["status"], call["origin"], call["origin_source"]) == ("ok", "backfill", str(warc.resolve()))
    assert call["published_at"] == "2025-02-13"  # the page's own date, not the crawl's or the run's
    copy = articles["https://partner.example/world/call"]
    assert (copy["status"], copy["duplicate_of"]) == ("duplicate", call["id"])
    assert copy["source_group"] == call["source_group"] and copy["source_site"] == "partner.example"

    # The verdicts are the judge's on the stored article, dated by publication.
    judge = load_judge([c for c in load_claims(CLAIMS) if c.active], threshold=config.verdicts.alert_threshold,
                       max_candidates=config.verdicts.max_candidates)
    for article in (call, articles["https://wire.example/news/exchange"]):
        expected = {(v.claim_id, v.verdict, round(v.confidence, 4))
                    for v in judge.judge(article["title"], article["text"], article["published_at"])}
        got = {(a["claim_id"], a["verdict"], a["confidence"]) for a in store.query(
            "select * from alerts where article_id = ?", [article["id"]])}
        assert got == expected
    assert ("call-lasted-90-minutes", "confirms") in {
        (a["claim_id"], a["verdict"]) for a in store.query("select * from alerts where article_id = ?", [call["id"]])}
    assert {a["detected_at"][:10] for a in store.query("select * from alerts")} <= {"2025-02-13", "2025-02-14"}
    assert summary.alerts_new == next(store.query("select count(*) as n from alerts"))["n"] > 0
    assert next(store.query("select kind, status from runs order by id desc")) == {"kind": "backfill", "status": "ok"}


def test_a_rerun_on_the_same_sources_stores_nothing_twice(tmp_path, store, config):
    warc = news_warc(tmp_path / "news.warc.gz")
    backfill(config, store, warc)
    before = rows(store)
    again = backfill(config, store, warc)
    assert (again.records, again.skipped_done, again.stored, again.alerts_new) == (6, 6, 0, 0)
    assert rows(store) == before


class Stop(Exception):
    pass


def test_an_interrupted_backfill_resumed_gives_the_rows_of_an_uninterrupted_one(tmp_path, config):
    warc = news_warc(tmp_path / "news.warc.gz")
    with Store(tmp_path / "whole.db") as whole:
        backfill(config, whole, warc, batch_size=1)
        expected = rows(whole)

    def stop_after(batches: int) -> Any:
        def progress(report: Any) -> None:
            if report.handled >= batches:
                raise Stop
        return progress

    with Store(tmp_path / "resumed.db") as resumed:
        for batches in (1, 3):  # killed twice at different points, then left to finish
            with pytest.raises(Stop):
                backfill(config, resumed, warc, batch_size=1, progress=stop_after(batches))
        final = backfill(config, resumed, warc, batch_size=1)
        assert final.skipped_done == 4
        assert rows(resumed) == expected
        statuses = [r["status"] for r in resumed.query("select status from runs order by id")]
        assert statuses == ["failed", "failed", "ok"]


def checked_off(database: Path) -> int:
    """Records a back-fill has committed as done (read from another process, as a user would)."""
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("select count(*) from backfill_records").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


@pytest.mark.slow
def test_a_backfill_killed_with_sigkill_reruns_to_the_rows_of_an_uninterrupted_one(tmp_path, make_config, server):
    """No handler runs on SIGKILL: what was committed stays, what was not is redone, nothing twice."""
    names = ["call_wire", "exchange", "call_partner", "weather", "call_german", "call_wire"]
    reached, release = threading.Event(), threading.Event()

    def hanging_once(request: Request) -> Response:
        if not reached.is_set():  # the first fetch of record 3 hangs until the back-fill is killed
            reached.set()
            release.wait(30)
        return Response(html(names[3]), content_type="text/html")

    for n, name in enumerate(names):
        if n != 3:
            server.expect_request(f"/page/{n}").respond_with_data(html(name), content_type="text/html")
    server.expect_request("/page/3").respond_with_handler(hanging_once)
    urls = tmp_path / "urls.txt"
    urls.write_text("".join(f"{server.url_for(f'/page/{n}')}\n" for n in range(len(names))))
    config = make_config(extra=f'[verdicts]\nclaims_file = "{CLAIMS}"\n', timeout=60)
    command = [sys.executable, "-m", "monitor", "-c", str(config.path), "backfill", "--workers", "0",
               "--batch-size", "1", str(urls)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    killed = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert reached.wait(60), "the back-fill never fetched the hanging page"
        assert checked_off(config.database_path) == 2  # records 0 and 1 committed, 2 judged but not written
        killed.send_signal(signal.SIGKILL)
        assert killed.wait(10) == -signal.SIGKILL
    finally:
        release.set()
        if killed.poll() is None:
            killed.kill()

    with Store(config.database_path) as resumed:
        final = backfill(config, resumed, urls)
        assert (final.skipped_done, final.records) == (2, len(names))
        with Store(tmp_path / "whole.db") as whole:
            backfill(config, whole, urls)
            assert rows(resumed) == rows(whole) and rows(whole)["alerts"]
        runs = [(r["kind"], r["status"]) for r in resumed.query("select kind, status from runs order by id")]
        assert runs == [("backfill", "interrupted"), ("backfill", "ok")]


def test_a_bad_record_or_a_broken_archive_is_counted_and_reported_not_fatal(tmp_path, store, config):
    stub = b"<html><head><title>Putin and Trump spoke for 90 minutes, Kremlin says</title></head><body></body></html>"
    bad_page = write_warc(tmp_path / "bad-page.warc", [
        ("https://wire.example/news/stub", stub, "page"),
        ("https://wire.example/news/call", html("call_wire"), "page"),
    ], compress=False)
    whole = news_warc(tmp_path / "whole.warc.gz").read_bytes()
    cut = whole.index(b"\x1f\x8b", 400)  # the start of a gzip member after the first page's
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(whole[:cut] + b"\x1f\x8b\x08\x00 garbage where a record should be" + whole[cut:])

    summary = backfill(config, store, bad_page, broken)
    assert (summary.failed, summary.stored, summary.duplicates) == (2, 1, 1)
    failures = [r["reason"] for r in store.query("select * from backfill_records where status = 'failed'")]
    assert any("no article text" in reason for reason in failures)
    assert any("cannot be read past byte" in reason for reason in failures)
    assert len(summary.errors) == 2
    assert next(store.query("select status from runs order by id desc"))["status"] == "partial"
    # Failed records are done too; --retry-failed tries them again.
    assert backfill(config, store, bad_page, broken).skipped_done == summary.records
    assert backfill(config, store, bad_page, broken, retry_failed=True).failed == 2


def test_a_folder_of_saved_pages_uses_the_addresses_the_pages_declare(tmp_path, store, config):
    folder = tmp_path / "saved"
    (folder / "feb").mkdir(parents=True)
    (folder / "feb" / "call.html").write_bytes(html("call_wire"))
    (folder / "exchange.html.gz").write_bytes(gzip.compress(html("exchange")))
    (folder / "notes.txt").write_text("not a page")

    summary = backfill(config, store, folder)
    assert (summary.records, summary.stored) == (2, 2)
    assert {(r["record"], r["url"]) for r in store.query("select * from backfill_records")} == {
        ("feb/call.html", "https://wire.example/news/call"), ("exchange.html.gz", "https://wire.example/news/exchange")}
    assert {a["origin_source"] for a in store.query("select origin_source from articles")} == {str(folder.resolve())}


def test_a_list_of_urls_is_fetched_with_the_guarded_fetcher(tmp_path, store, config, server):
    server.expect_request("/news/call").respond_with_data(html("call_wire"), content_type="text/html")
    server.expect_request("/news/gone").respond_with_data("gone", status=404)
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# follow-up coverage\n{server.url_for('/news/call')}\n\n{server.url_for('/news/gone')}\n"
                    f"{server.url_for('/news/call')}\nftp://example.org/file\n")

    summary = backfill(config, store, urls)
    assert (summary.records, summary.stored, summary.failed) == (3, 1, 2)
    # The page declares its canonical address; the fetched URL is where it was read.
    assert [r["url"] for r in store.query("select url from articles")] == [server.url_for("/news/call")]

    # Loopback is refused unless the config allows it, as for a poll.
    guarded = dataclasses.replace(config, fetch=dataclasses.replace(config.fetch, allow_private_addresses=()))
    with Store(tmp_path / "guarded.db") as other:
        refused = backfill(guarded, other, urls)
        assert refused.stored == 0 and any("private" in e or "loopback" in e for e in refused.errors)


def test_filters_by_date_site_and_language_and_the_prefilter_are_counted(tmp_path, store, config):
    warc = write_warc(tmp_path / "mixed.warc.gz", [
        ("https://wire.example/news/call", html("call_wire"), "page"),
        ("https://wire.example/news/exchange", html("exchange"), "page"),
        ("https://zeitung.example/welt/call", html("call_german"), "page"),
        ("https://partner.example/world/call", html("call_partner"), "page"),
        ("https://wire.example/news/weather", html("weather"), "page"),
    ])
    summary = backfill(config, store, warc, filters=BackfillFilters(
        since="2025-02-14", sites=("wire.example", "zeitung.example"), languages=("en",)))
    assert dict(summary.filtered) == {"date": 1, "site": 1, "language": 1, "prefilter": 1}
    assert summary.stored == 1
    assert [a["canonical_url"] for a in store.query("select canonical_url from articles")] == [
        "https://wire.example/news/exchange"]
    # Without the pre-filter the unrelated page is extracted and stored (it gets no alerts).
    with Store(tmp_path / "all.db") as everything:
        unfiltered = backfill(config, everything, warc, filters=BackfillFilters(prefilter=False))
        assert (unfiltered.filtered_total, unfiltered.stored, unfiltered.duplicates) == (0, 3, 2)


def test_the_command_reports_progress_and_a_summary(tmp_path, config, monkeypatch):
    warc = news_warc(tmp_path / "news.warc.gz")
    config_path = tmp_path / "config" / "monitor.toml"
    result = CliRunner().invoke(cli, ["-c", str(config_path), "backfill", "--workers", "0", str(warc)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith(
        "Back-fill: 6 records read, 0 skipped as done, 3 filtered (2 not-a-page, 1 prefilter), 2 stored, "
        "1 duplicates, 0 failed · alerts: ")
    assert "records/s" in result.stderr and "ETA" in result.stderr
    again = CliRunner().invoke(cli, ["-c", str(config_path), "backfill", "--workers", "0", str(warc)])
    assert "6 skipped as done" in again.stdout and "0 stored" in again.stdout
    missing = CliRunner().invoke(cli, ["-c", str(config_path), "backfill", str(tmp_path / "nope.warc")])
    assert missing.exit_code == 2 and "does not exist" in missing.output


def scale_out_archive(tmp_path: Path) -> Path:
    return write_warc(tmp_path / "scale.warc.gz", [
        ("https://wire.example/news/call", html("call_wire"), "page"),
        ("https://partner.example/world/call", html("call_partner"), "page"),
        ("https://wire.example/news/gone", b"not here", "404"),
        ("https://wire.example/news/exchange", html("exchange"), "page"),
        ("https://wire.example/news/weather", html("weather"), "page"),
        ("https://zeitung.example/welt/call", html("call_german"), "page"),
    ])


@pytest.mark.slow
def test_a_local_process_pool_gives_exactly_the_rows_of_one_process(tmp_path, config):
    warc = scale_out_archive(tmp_path)
    with Store(tmp_path / "one.db") as one, Store(tmp_path / "pool.db") as pool:
        backfill(config, one, warc, batch_size=2)
        backfill(config, pool, warc, batch_size=2, workers=2)
        assert rows(pool) == rows(one) and rows(one)["alerts"]


@pytest.mark.slow
def test_a_dask_local_cluster_of_two_workers_gives_exactly_the_rows_of_one_process(tmp_path, config):
    pytest.importorskip("dask.distributed")
    warc = scale_out_archive(tmp_path)
    with Store(tmp_path / "one.db") as one, Store(tmp_path / "dask.db") as cluster:
        backfill(config, one, warc, batch_size=2)
        summary = backfill(config, cluster, warc, batch_size=2, dask="local:2")
        assert rows(cluster) == rows(one) and summary.stored == 2


def test_without_dask_installed_the_error_says_how_to_get_it(tmp_path, store, config, monkeypatch):
    import sys

    from monitor.errors import ArchiveError

    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # as if the extra were not installed
    with pytest.raises(ArchiveError, match=r"follow-up-monitor\[dask\]"):
        backfill(config, store, scale_out_archive(tmp_path), dask="local:2")
