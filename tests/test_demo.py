"""The offline demo: the bundled archive is well-formed and agrees with expected.toml, the
demo server serves it with conditional GET, and ``run_demo`` / ``monitor demo`` store every
article once and add nothing on a second poll.

(Whether each article gets the verdicts expected.toml names is tested with the verdicts.)
"""
from __future__ import annotations

import re
import tempfile
import tomllib
from datetime import datetime
from email.utils import format_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator

import feedparser
import httpx
import pytest
from click.testing import CliRunner

from monitor.cli import cli
from monitor.demo import (
    ARCHIVE, FEED_NAMES, PLACEHOLDER, WIDTH, DemoResult, demo_claims_file, run_demo, serve_archive,
)
from monitor.errors import ConfigError
from monitor.ingest.extract import extract_article
from monitor.store import Store

EXPECTED = tomllib.loads((ARCHIVE / "expected.toml").read_text(encoding="utf-8"))
ARTICLES = EXPECTED["article"]
FEEDS = EXPECTED["feed"]
PAGES = sorted(ARCHIVE.glob("articles/*/*.html"))

# The fixed seed claim ids of the team brief; the archive must bear on each of them.
FIXED_CLAIM_IDS = {
    "call-lasted-90-minutes", "first-call-february-12", "summit-agreement-odds-20-percent",
    "us-aid-300bn-may-fall-to-100bn", "europe-to-shoulder-200bn", "ceasefire-30-day",
    "prisoner-exchange-discussed", "putin-invited-trump-to-moscow", "kellogg-to-meet-zelensky",
    "bessent-kyiv-minerals-deal", "hegseth-no-return-to-pre-2014-borders",
}
VERDICTS = {"confirms", "contradicts", "discusses"}
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                 "track", "wbr"}


def page_file(path: str) -> Path:
    return ARCHIVE / "articles" / path.lstrip("/")


def page_html(path: Path, base: str = "http://127.0.0.1:8000") -> bytes:
    return path.read_text(encoding="utf-8").replace(PLACEHOLDER, base).encode("utf-8")


def words(text: str) -> str:
    return " ".join(text.split())


class TagBalance(HTMLParser):
    """Records tags that are closed out of order or never closed, and the <head> metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.tags: set[str] = set()
        self.classes: set[str] = set()
        self.ids: set[str] = set()
        self._in_title = False
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.add(tag)
        self.classes.update(values.get("class", "").split())
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "meta":
            key = values.get("property") or values.get("name")
            if key:
                self.meta.setdefault(key, values.get("content", ""))
        if tag == "link" and "rel" in values:
            self.links[values["rel"]] = values.get("href", "")
        if tag == "title":
            self._in_title = True
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def parse_page(path: Path) -> TagBalance:
    parser = TagBalance()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


@pytest.fixture(scope="module")
def extracted() -> dict[str, Any]:
    """Every page as the pipeline's extractor sees it, keyed by URL path."""
    return {f"/{p.parent.name}/{p.name}": extract_article(page_html(p), f"http://127.0.0.1:8000/{p.name}")
            for p in PAGES}


# -- the archive ------------------------------------------------------------------------------

def test_archive_has_enough_pages_and_every_page_has_an_expected_entry() -> None:
    assert len(PAGES) >= 24
    expected_paths = [a["path"] for a in ARTICLES]
    assert len(expected_paths) == len(set(expected_paths)), "an article is listed twice in expected.toml"
    assert sorted(expected_paths) == sorted(f"/{p.parent.name}/{p.name}" for p in PAGES)
    assert len({p.parent.name for p in PAGES}) >= 4, "pages should come from several outlets"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_page_is_well_formed_with_head_metadata_and_boilerplate(page: Path) -> None:
    parsed = parse_page(page)
    assert parsed.problems == [], parsed.problems[:3]
    assert parsed.stack == [], f"never closed: {parsed.stack}"
    for key in ("description", "author", "og:title", "og:description", "og:url", "og:site_name",
                "article:published_time"):
        assert parsed.meta.get(key), f"missing <meta> {key}"
    path = f"/{page.parent.name}/{page.name}"
    assert parsed.links["canonical"] == PLACEHOLDER + path
    assert parsed.meta["og:url"] == PLACEHOLDER + path
    assert parsed.title.strip()
    published = datetime.fromisoformat(parsed.meta["article:published_time"])
    assert datetime(2025, 2, 1).date() <= published.date() <= datetime(2025, 9, 30).date()
    # the boilerplate a real news page has around its story
    assert {"nav", "footer", "article"} <= parsed.tags
    assert any("cookie" in name or "consent" in name or name.startswith("cc-") for name in parsed.classes | parsed.ids)
    assert any("ad-slot" == name for name in parsed.classes)
    assert "comments" in parsed.ids | parsed.classes
    page_text = page.read_text(encoding="utf-8")
    assert 2 <= len(re.findall(r'class="(?:comment|cl-comment|st-comment|post|response)"', page_text)) <= 3


def test_expected_entries_are_precise(extracted: dict[str, Any]) -> None:
    by_path = {a["path"]: a for a in ARTICLES}
    seen_claims: set[str] = set()
    for article in ARTICLES:
        where = article["path"]
        assert article["why"].strip(), where
        assert article["outlet"], where
        claims = article.get("claims", [])
        if article.get("unrelated"):
            assert not claims, f"{where}: an unrelated page lists claims"
            continue
        assert claims, f"{where}: neither unrelated nor bearing on a claim"
        text = words(extracted[where].text)
        for claim in claims:
            assert claim["id"] in FIXED_CLAIM_IDS, f"{where}: {claim['id']} is not a fixed seed id"
            assert claim["verdict"] in VERDICTS, where
            assert words(claim["evidence"]) in text, f"{where}: evidence sentence not in the extracted text"
            if "resolution" in claim:
                assert claim["resolution"] in {"happened", "did-not-happen"}, where
                datetime.fromisoformat(claim["resolved_on"])
            seen_claims.add(claim["id"])
        if "duplicate_of" in article:
            assert article["duplicate_of"] in by_path, where
            assert article["claims"] == by_path[article["duplicate_of"]]["claims"]
    assert seen_claims == FIXED_CLAIM_IDS, f"no article bears on {FIXED_CLAIM_IDS - seen_claims}"


def test_archive_has_a_spread_of_stances() -> None:
    verdicts = [c["verdict"] for a in ARTICLES for c in a.get("claims", [])]
    assert verdicts.count("confirms") >= 5
    assert verdicts.count("contradicts") >= 3
    assert verdicts.count("discusses") >= 3
    outcomes = {c["resolution"] for a in ARTICLES for c in a.get("claims", []) if "resolution" in c}
    assert outcomes == {"happened", "did-not-happen"}
    assert sum(1 for a in ARTICLES if a.get("unrelated")) >= 5


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["path"])
def test_story_length_and_metadata_survive_extraction(article: dict[str, Any], extracted: dict[str, Any]) -> None:
    result = extracted[article["path"]]
    assert 250 <= len(result.text.split()) <= 720  # the story, plus at most a headline line
    assert result.title == article["title"]
    assert result.published_at is not None and result.published_at[:10] == article["published"][:10]
    # comments and related-story lists are boilerplate: none of it in the extracted text
    assert "Related stories" not in result.text and "Reply" not in result.text


def test_syndicated_copy_extracts_to_the_same_text(extracted: dict[str, Any]) -> None:
    copies = [a for a in ARTICLES if "duplicate_of" in a]
    assert len(copies) == 1
    copy, original = copies[0], copies[0]["duplicate_of"]
    assert page_file(copy["path"]).read_bytes() != page_file(original).read_bytes()
    assert page_file(copy["path"]).parent != page_file(original).parent, "a copy on another outlet"
    assert extracted[copy["path"]].text == extracted[original].text
    assert extracted[copy["path"]].content_hash == extracted[original].content_hash


def test_feeds_parse_and_together_list_every_article() -> None:
    assert len(FEEDS) >= 3
    assert sorted(f["path"] for f in FEEDS) == sorted(f"/feeds/{p.name}" for p in (ARCHIVE / "feeds").iterdir())
    base = "http://127.0.0.1:8000"
    listed: list[str] = []
    tracked = 0
    for feed in FEEDS:
        parsed = feedparser.parse(page_html(ARCHIVE / feed["path"].lstrip("/"), base))
        assert parsed.version == {"rss": "rss20", "atom": "atom10"}[feed["format"]], feed["path"]
        assert bool(parsed.bozo) == feed["malformed"], (feed["path"], parsed.get("bozo_exception"))
        assert parsed.entries, feed["path"]
        links = [e.link for e in parsed.entries]
        assert all(link.startswith(base + "/") for link in links)
        tracked += sum("utm_source=" in link for link in links)
        paths = [link[len(base):].split("?")[0] for link in links]
        assert paths == feed["articles"], feed["path"]
        listed += paths
    assert set(listed) == {a["path"] for a in ARTICLES}
    assert len(listed) > len(set(listed)), "some article should appear in two feeds"
    assert tracked == 1
    assert {f["format"] for f in FEEDS} == {"rss", "atom"}
    assert sum(f["malformed"] for f in FEEDS) == 1


def test_shipped_claims_copy_matches_the_reviewed_claims_file() -> None:
    """The package ships a copy of config/claims.toml for non-editable installs; it must not drift."""
    reviewed = Path(__file__).resolve().parent.parent / "config" / "claims.toml"
    if not reviewed.is_file():
        pytest.skip("not a checkout: there is no config/claims.toml to compare with")
    assert (ARCHIVE / "claims.toml").read_bytes() == reviewed.read_bytes(), (
        "monitor/demo_archive/claims.toml is stale: copy config/claims.toml over it")
    assert demo_claims_file() == reviewed


def test_demo_claims_file_falls_back_to_the_shipped_copy_outside_a_checkout(tmp_path: Path) -> None:
    assert demo_claims_file(tmp_path) == ARCHIVE / "claims.toml"
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "claims.toml").write_text("", encoding="utf-8")
    assert demo_claims_file(tmp_path) == tmp_path / "config" / "claims.toml"


def test_every_feed_file_has_a_display_name() -> None:
    assert set(FEED_NAMES) == {p.name for p in (ARCHIVE / "feeds").iterdir()}


# -- the demo server ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server() -> Iterator[Any]:
    with serve_archive() as running:
        yield running


def test_server_serves_feeds_and_pages_with_the_base_filled_in(server: Any) -> None:
    assert server.base_url.startswith("http://127.0.0.1:")
    assert len(server.feed_urls) == len(FEEDS)
    with httpx.Client() as client:
        for url in server.feed_urls:
            response = client.get(url)
            assert response.status_code == 200
            assert response.headers["content-type"] in {"application/rss+xml; charset=utf-8",
                                                         "application/atom+xml; charset=utf-8"}
            assert PLACEHOLDER not in response.text and server.base_url + "/" in response.text
        page = client.get(server.url(ARTICLES[0]["path"]) + "?utm_source=newsletter&utm_medium=email")
        assert page.status_code == 200
        assert page.headers["content-type"] == "text/html; charset=utf-8"
        assert f'<link rel="canonical" href="{server.url(ARTICLES[0]["path"])}">' in page.text
        head = client.head(server.url(ARTICLES[0]["path"]))
        assert head.status_code == 200 and head.content == b""
        assert int(head.headers["content-length"]) == len(page.content)
        for missing in ("/feeds/nope.xml", "/balticwire/nope.html", "/expected.toml", "/feeds/../expected.toml",
                        "/%2e%2e/%2e%2e/etc/passwd", "/"):
            assert client.get(server.base_url + missing).status_code == 404, missing


def test_server_answers_conditional_gets_with_304(server: Any) -> None:
    feed_url = server.feed_urls[0]
    with httpx.Client() as client:
        first = client.get(feed_url)
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        assert client.get(feed_url, headers={"If-None-Match": etag}).status_code == 304
        assert client.get(feed_url, headers={"If-None-Match": f'"other", W/{etag}'}).status_code == 304
        assert client.get(feed_url, headers={"If-Modified-Since": modified}).status_code == 304
        # a different ETag wins over a matching date; an older date gets the feed again
        assert client.get(feed_url, headers={"If-None-Match": '"stale"',
                                             "If-Modified-Since": modified}).status_code == 200
        older = format_datetime(datetime(2024, 1, 1).astimezone(), usegmt=False)
        assert client.get(feed_url, headers={"If-Modified-Since": older}).status_code == 200
        not_modified = client.get(feed_url, headers={"If-None-Match": etag})
        assert not_modified.content == b"" and not_modified.headers["etag"] == etag
        page_url = server.url(ARTICLES[0]["path"])
        page_etag = client.get(page_url).headers["etag"]
        assert client.get(page_url, headers={"If-None-Match": page_etag}).status_code == 304
    statuses = [r.status for r in server.requests if r.path == feed_url[len(server.base_url):]]
    assert statuses.count(304) >= 4


def test_a_folder_that_is_not_an_archive_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not a demo archive"):
        serve_archive(tmp_path)


# -- the demo run ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[DemoResult, list[str]]:
    lines: list[str] = []
    workdir = tmp_path_factory.mktemp("demo")
    # extract in-process: starting extraction processes costs more than 27 pages on 2 cores
    result = run_demo(workdir, echo=lambda text: lines.extend(str(text).split("\n")), extract_workers=0)
    return result, lines


def test_run_demo_stores_every_article_once(demo_run: tuple[DemoResult, list[str]]) -> None:
    result, _ = demo_run
    assert result.database_path == result.workdir / "monitor.db"
    assert (result.workdir / "config" / "claims.toml").is_file()
    assert result.first.errors == []
    assert result.first.feeds_polled == len(FEEDS) and result.first.feeds_failed == 0
    with Store(result.database_path, read_only=True) as store:
        rows = list(store.query("select id, canonical_url, status, duplicate_of from articles"))
    base = result.config_path.read_text(encoding="utf-8").split('url = "')[1].split("/feeds/")[0]
    by_path = {row["canonical_url"][len(base):]: row for row in rows}
    assert sorted(by_path) == sorted(a["path"] for a in ARTICLES), "every page once, tracking parameters gone"
    assert len(rows) == len(ARTICLES)
    copies = [a for a in ARTICLES if "duplicate_of" in a]
    paired = {a["path"] for a in copies} | {a["duplicate_of"] for a in copies}
    for row_path, row in by_path.items():
        if row_path not in paired:
            assert row["status"] == "ok" and row["duplicate_of"] is None, row_path
    for copy in copies:
        # A copy and its original polled in the same cycle: whichever page finished extraction
        # first is stored as the original (extraction runs in parallel), the other as its copy.
        pair = sorted((by_path[copy["path"]], by_path[copy["duplicate_of"]]), key=lambda r: r["status"] != "ok")
        original, duplicate = pair
        assert (original["status"], original["duplicate_of"]) == ("ok", None), copy["path"]
        assert (duplicate["status"], duplicate["duplicate_of"]) == ("duplicate", original["id"]), copy["path"]
    assert result.first.articles_new == len(ARTICLES) - len(copies)
    # every feed entry beyond the first sighting of a page counts as a duplicate, the copy too
    entries = sum(len(f["articles"]) for f in FEEDS)
    assert result.first.articles_duplicate == entries - result.first.articles_new
    assert result.first.alerts_new > 0 and len(result.alerts) == result.first.alerts_new
    pages = [r for r in result.first_requests if not r.path.startswith("/feeds/")]
    assert sorted(r.path for r in pages) == sorted(a["path"] for a in ARTICLES), "each page fetched once"


def test_second_poll_adds_nothing_and_gets_304s(demo_run: tuple[DemoResult, list[str]]) -> None:
    result, _ = demo_run
    second = result.second
    assert (second.feeds_polled, second.feeds_not_modified, second.feeds_failed) == (len(FEEDS), len(FEEDS), 0)
    assert (second.articles_new, second.articles_duplicate, second.articles_failed, second.alerts_new) == (0, 0, 0, 0)
    assert [r.status for r in result.second_requests] == [304] * len(FEEDS)
    with Store(result.database_path, read_only=True) as store:
        counts = next(iter(store.query(
            "select (select count(*) from articles) as articles, (select count(*) from alerts) as alerts,"
            " (select count(*) from feed_entries) as entries")))
    assert counts == {"articles": len(ARTICLES), "alerts": len(result.alerts),
                      "entries": sum(len(f["articles"]) for f in FEEDS)}


def test_demo_output_is_readable_in_100_columns(demo_run: tuple[DemoResult, list[str]]) -> None:
    result, lines = demo_run
    assert max(len(line) for line in lines) <= WIDTH
    text = "\n".join(lines)
    flat = " ".join(text.split())
    for summary in (result.first, result.second):
        assert f"articles: {summary.articles_new} new, {summary.articles_duplicate} duplicate" in flat
    assert "Claims with alerts" in text
    assert f"Articles stored ({len(ARTICLES)})" in text and f"Alerts ({len(result.alerts)})" in text
    assert "copy of #" in text
    assert f"{len(FEEDS)} feeds 304 Not Modified" in text
    for alert in result.alerts:
        assert alert.claim_id in text
    for article in ARTICLES:
        assert article["title"][:30] in text


def test_run_demo_refuses_a_folder_with_a_database(tmp_path: Path) -> None:
    (tmp_path / "monitor.db").write_bytes(b"")
    with pytest.raises(ConfigError, match="already holds a demo database"):
        run_demo(tmp_path, echo=lambda text: None)


@pytest.mark.slow
def test_monitor_demo_command_runs_without_a_config_file_in_a_temporary_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no config/monitor.toml here
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    assert "Second poll" in result.output and "feeds 304 Not Modified" in result.output
    folder = Path(re.search(r"^Work folder: (\S+)", result.output, re.M).group(1))  # type: ignore[union-attr]
    assert folder.parent == tmp_path / "tmp"
    assert f"Removed the work folder {folder}" in result.output
    assert not folder.exists()


def test_monitor_demo_command_refuses_a_used_work_folder(tmp_path: Path) -> None:
    (tmp_path / "monitor.db").write_bytes(b"")
    result = CliRunner().invoke(cli, ["demo", "--workdir", str(tmp_path)])
    assert result.exit_code == 1
    assert "already holds a demo database" in result.output
    assert (tmp_path / "monitor.db").exists(), "a --workdir is never removed"
    assert "config and database are in" not in result.output
