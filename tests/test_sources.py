"""Independent sources: near-duplicate groups (MinHash + LSH), sites, and a claim's status by them."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from alert_rows import add_alert, add_article, add_claim
from monitor.status.alerts import claim_status, claim_statuses, claim_timeline
from monitor.cli import cli
from monitor.status.lifecycle import replayed_statuses
from monitor.ingest.sources import SourceIndex, shingles, signature, signature_bytes, signature_from_bytes, site_of
from monitor.store import StatusSettings, Store
from test_pipeline import STORIES, page, serve, serve_feed
from monitor.run.pipeline import run_cycle

WIRE = " ".join(STORIES["call"][1])
OTHER_REPORT = " ".join(STORIES["borders"][1])
# The same wire story as two other sites run it: their own credit line, dateline, related links.
COPY_A = "MOSCOW (Partner Daily) — " + WIRE + " Distributed by Example Wire. Related: Markets slip; Rail strike."
COPY_B = "Updated 14 February 2025. " + WIRE + " Reporting by Anna Example; editing by John Example. Share this."
# A different report of the same event, written by another newsroom.
OWN_REPORT = ("Vladimir Putin and Donald Trump talked on the phone for about an hour and a half, the Kremlin "
              "said, in the first such conversation announced publicly since the inauguration. Both sides "
              "described the exchange as useful and said aides would now prepare an in-person meeting.")


# -- pure functions and the LSH index ------------------------------------------------------------

def test_shingles_are_case_and_punctuation_free_word_5_grams():
    assert shingles("One, two THREE four five six.") == {"one two three four five", "two three four five six"}
    assert shingles("Too short") == {"too short"} and shingles("") == set()


def test_a_signature_survives_its_blob_and_estimates_similarity():
    copy, other = signature(COPY_A), signature(OTHER_REPORT)
    restored = signature_from_bytes(signature_bytes(copy))
    assert restored.jaccard(copy) == 1.0 and len(signature_bytes(copy)) == 4 * 128
    assert copy.jaccard(signature(COPY_B)) > 0.6 > 0.1 > copy.jaccard(other)
    assert signature("  ...  ") is None


def test_syndicated_copies_join_the_first_articles_group_and_other_reports_do_not():
    index = SourceIndex()
    for article_id, text in [(1, WIRE), (2, OTHER_REPORT)]:
        grouping = index.group_for(article_id, signature(text))
        index.add(article_id, grouping.group, signature(text))
    assert index.group_for(3, signature(COPY_A)).group == 1
    assert index.group_for(4, signature(COPY_B)).group == 1
    assert index.group_for(5, signature(OWN_REPORT)).group == 5
    assert index.group_for(6, None).group == 6  # no words: a group of its own


def test_grouping_is_stable_when_articles_are_indexed_again_or_rebuilt_from_blobs():
    index = SourceIndex()
    rows = []
    for article_id, text in [(1, WIRE), (2, COPY_A), (3, OWN_REPORT), (4, COPY_B)]:
        minhash = signature(text)
        group = index.group_for(article_id, minhash).group
        index.add(article_id, group, minhash)
        rows.append((article_id, group, signature_bytes(minhash)))
    assert [group for _, group, _ in rows] == [1, 1, 3, 1]
    for _ in range(2):  # re-saving an article (a rerun) replaces its entry, never adds one
        for article_id, group, blob in rows:
            assert index.group_for(article_id, signature_from_bytes(blob)).group == group
            index.add(article_id, group, signature_from_bytes(blob))
    assert len(index) == 4
    rebuilt = SourceIndex.from_rows(rows)
    assert [rebuilt.group_for(a, signature_from_bytes(b)).group for a, _, b in rows] == [1, 1, 3, 1]


def test_site_is_the_host_without_www_else_the_site_name():
    assert site_of("https://www.Reuters.com/world/x") == "reuters.com"
    assert site_of("https://apnews.com/a") == "apnews.com"
    assert site_of(None, "Example Wire") == "example wire"


# -- the poll cycle records groups --------------------------------------------------------------

def test_the_poll_cycle_groups_a_copy_that_adds_news_with_its_original_and_reruns_change_nothing(
        server, tmp_path, make_config):  # noqa: F811
    news = ("Late on Thursday the Kremlin added that the two presidents would speak again within a week, "
            "according to a statement published on its website.",)
    serve(server, "/wire/call", page("call", "wire"))
    serve(server, "/partner/call-copy", page("call", "partner", added=news))
    serve(server, "/wire/borders", page("borders", "wire"))
    feed1 = serve_feed(server, "/wire.xml", ("Call", "/wire/call"), ("Borders", "/wire/borders"))
    feed2 = serve_feed(server, "/partner.xml", ("Call copy", "/partner/call-copy"))
    with Store(tmp_path / "monitor.db") as store:
        assert run_cycle(make_config([feed1]), store, extract_workers=0).articles_new == 2
        config = make_config([feed1, feed2])  # the partner's feed comes later
        assert run_cycle(config, store, extract_workers=0).articles_new == 1
        call = store.article_by_canonical_url(server.url_for("/wire/call"))
        copy = store.article_by_canonical_url(server.url_for("/partner/call-copy"))
        borders = store.article_by_canonical_url(server.url_for("/wire/borders"))
        # the copy adds news, so it is an article of its own, judged on its own; but one story
        assert copy["status"] == "ok" and "speak again" in copy["text"]
        assert (call["source_group"], copy["source_group"], borders["source_group"]) == (
            call["id"], call["id"], borders["id"])
        assert call["source_site"] == "127.0.0.1" and len(call["minhash"]) == 512
        before = [(a["id"], a["source_group"]) for a in store.query("select * from articles order by id")]
        run_cycle(config, store, force=True, extract_workers=0)
        after = [(a["id"], a["source_group"]) for a in store.query("select * from articles order by id")]
        assert after == before


# -- a claim's status by independent sources ----------------------------------------------------

@pytest.fixture
def store(store):
    add_claim(store, "call")  # two independent sources settle it (the default)
    return store


def article(store: Store, url: str, group: int | None = None) -> int:
    article_id = add_article(store, url, source_site=site_of(url))
    store.set_article_source(article_id, source_group=group or article_id, source_site=site_of(url), minhash=None)
    return article_id


def confirm(store: Store, article_id: int, minute: int, verdict: str = "confirms") -> int:
    return add_alert(store, "call", article_id, verdict, detected_at=f"2025-02-15T10:{minute:02d}:00+00:00")


def test_syndicated_copies_on_many_sites_count_once_and_a_different_report_twice(store):
    wire = article(store, "https://wire.example/call")
    copies = [article(store, f"https://site{n}.example/call", group=wire) for n in range(3)]
    for minute, article_id in enumerate([wire, *copies]):
        confirm(store, article_id, minute)
    status = claim_status(store, "call")
    assert (status.status, status.confirms, status.confirming_sources) == ("reported-once", 4, 1)
    confirm(store, article(store, "https://other.example/own-report"), 10)
    status = claim_status(store, "call")
    assert (status.status, status.confirms, status.confirming_sources) == ("confirmed", 5, 2)


def test_two_articles_of_one_site_count_once(store):
    first = article(store, "https://www.wire.example/call")
    second = article(store, "https://wire.example/call-update")  # another story, the same site
    confirm(store, first, 1)
    confirm(store, second, 2)
    status = claim_status(store, "call")
    assert (status.status, status.confirms, status.confirming_sources) == ("reported-once", 2, 1)


def test_contradictions_and_disputes_need_enough_sources_too(store):
    contradicting = [article(store, f"https://c{n}.example/a") for n in range(2)]
    confirm(store, contradicting[0], 1, "contradicts")
    assert claim_status(store, "call").status == "reported-once"
    confirm(store, article(store, "https://k.example/a"), 2)  # one confirm, one contradiction
    assert claim_status(store, "call").status == "reported-once"
    confirm(store, contradicting[1], 3, "contradicts")
    status = claim_status(store, "call")
    assert (status.status, status.contradicting_sources, status.confirming_sources) == ("disputed", 2, 1)


def test_the_threshold_is_the_setting_and_the_timeline_steps_through_reported_once(store):
    confirm(store, article(store, "https://a.example/x"), 1)
    confirm(store, article(store, "https://b.example/y"), 2)
    steps = claim_timeline(store, "call")
    assert [(s.status, s.previous_status) for s in steps] == [("reported-once", "open"),
                                                               ("confirmed", "reported-once")]
    store.use_settings(StatusSettings(0.6, 3))
    assert claim_status(store, "call").status == "reported-once"
    store.use_settings(StatusSettings(0.6, 1))
    assert claim_status(store, "call").status == "confirmed"


def test_the_replayed_history_ends_where_the_view_is(store):
    wire = article(store, "https://wire.example/call")
    confirm(store, wire, 1)
    confirm(store, article(store, "https://copy.example/call", group=wire), 2)
    add_claim(store, "other")
    add_alert(store, "other", wire, "contradicts", detected_at="2025-02-15T11:00:00+00:00")
    add_alert(store, "other", article(store, "https://b.example/z"), "contradicts",
              detected_at="2025-02-15T11:05:00+00:00")
    views = {s.claim_id: s.status for s in claim_statuses(store)}
    assert views == {"call": "reported-once", "other": "contradicted"}
    assert replayed_statuses(store) == views


def test_monitor_status_shows_independent_source_counts(tmp_path):
    config = tmp_path / "monitor.toml"
    config.write_text('[database]\npath = "monitor.db"\n', encoding="utf-8")  # default: 2 sources
    with Store(tmp_path / "monitor.db") as store:
        add_claim(store, "call")
        wire = article(store, "https://wire.example/call")
        confirm(store, wire, 1)
        confirm(store, article(store, "https://copy.example/call", group=wire), 2)
    result = CliRunner().invoke(cli, ["-c", str(config), "status", "--format", "json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)
    assert (row["status"], row["confirms"], row["confirming_sources"], row["contradicting_sources"]) == (
        "reported-once", 2, 1, 0)


def test_a_kept_index_reads_only_new_signatures_and_is_rebuilt_for_a_replaced_file():
    from monitor.ingest.sources import index_for

    blobs = {n: signature_bytes(signature(text)) for n, text in enumerate([WIRE, OTHER_REPORT, OWN_REPORT], 1)}
    asked: list[int] = []

    def stored(after_id):
        asked.append(after_id)
        return [(n, n, blob) for n, blob in blobs.items() if n > after_id]

    first = index_for("/db/one", stored, 3)
    again = index_for("/db/one", stored, 3)
    assert again is first and len(first) == 3 and asked == [0, 3]
    replaced = index_for("/db/one", stored, 1)  # fewer articles than seen: another file now
    assert replaced is not first and len(replaced) == 3 and asked == [0, 3, 0]


def test_articles_stored_before_grouping_count_as_sources_of_their_own(store):
    # rows from before migration m_independent_sources: no group, no site recorded
    old = [add_article(store, f"https://old{n}.example/story") for n in range(2)]
    assert [store.article_source(a)["source_group"] for a in old] == [None, None]
    confirm(store, old[0], 1)
    assert claim_status(store, "call").status == "reported-once"
    confirm(store, old[1], 2)
    status = claim_status(store, "call")
    assert (status.status, status.confirming_sources) == ("confirmed", 2)


def test_the_backfill_groups_articles_stored_before_independent_sources(tmp_path):
    from monitor.run.poll import backfill_sources

    with Store(tmp_path / "monitor.db") as store:
        wire = add_article(store, "https://www.wire.example/call", text=WIRE)
        copy = add_article(store, "https://partner.example/call", text=COPY_A)
        dup = add_article(store, "https://mirror.example/call", text=None, status="duplicate", duplicate_of=copy)
        other = add_article(store, "https://other.example/own", text=OWN_REPORT)
        assert backfill_sources(store) == 4  # as on a database from before it
        rows = {r["id"]: r for r in store.query("select id, source_group, source_site, minhash from articles")}
        assert [rows[a]["source_group"] for a in (wire, copy, dup, other)] == [wire, wire, wire, other]
        assert rows[wire]["source_site"] == "wire.example" and rows[dup]["minhash"] is None
        assert backfill_sources(store) == 0  # a second run changes nothing
        assert {r["id"]: r for r in store.query("select id, source_group, source_site, minhash from articles")} == rows
