"""Feeds that feedparser reads must reach the store (issue 15, items 11 and 12).

UTF-16/32 feeds without a byte-order mark or a charset in the Content-Type were refused as
binary; feeds that feedparser recognises as RSS or Atom but whose XML is broken were called
"not an RSS or Atom feed … check the feed address". Each is served from loopback and fetched.
"""
from __future__ import annotations

import pytest

from monitor.errors import FeedError
from monitor.ingest.feeds import fetch_feed, parse_feed
from monitor.ingest.fetch import Fetcher

from faultkit import fetch_settings, http_response, serve_bytes

FEED = ('<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>Новости</title>'
        "<link>https://news.example/</link><description>d</description>"
        "<item><title>Звонок длился полтора часа</title><link>https://news.example/1</link>"
        "<guid>story-1</guid></item></channel></rss>")


def fetched_feed(raw_server, body: bytes, content_type: str = "application/rss+xml"):
    server = raw_server(serve_bytes(http_response(body, headers={"Content-Type": content_type})))
    with Fetcher(fetch_settings()) as fetcher:
        return fetch_feed(fetcher, {"url": server.url("/feed.xml")})


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("declaration", [True, False], ids=["xml-declaration", "no-declaration"])
def test_a_utf16_or_utf32_feed_without_byte_order_mark_or_charset_keeps_its_entry(raw_server, codec: str,
                                                                                    declaration: bool) -> None:
    text = FEED.format(encoding=codec[:6])
    if not declaration:
        text = text.split("?>", 1)[1]
    fetched = fetched_feed(raw_server, text.encode(codec))
    assert fetched.status == "ok", fetched.error
    assert fetched.parsed is not None and fetched.parsed.title == "Новости"
    assert [e.title for e in fetched.parsed.entries] == ["Звонок длился полтора часа"]


def test_a_binary_file_served_as_a_feed_is_still_refused(raw_server) -> None:
    fetched = fetched_feed(raw_server, bytes(range(256)) * 8, "application/xml")
    assert fetched.status == "failed" and "binary (NUL bytes)" in (fetched.error or "")


def test_broken_xml_in_a_recognised_feed_is_named_and_what_could_be_read_is_kept(raw_server) -> None:
    # An undefined entity: feedparser knows this is RSS 2.0 and reads it in its loose mode.
    body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire &nbsp; news</title>'
            b"<item><title>Talks &mdash; resume</title><link>https://news.example/1</link></item>"
            b"</channel></rss>")
    fetched = fetched_feed(raw_server, body)
    assert fetched.status == "ok", fetched.error
    assert fetched.parsed is not None and len(fetched.parsed.entries) == 1
    problem = fetched.parsed.problem or ""
    assert "a malformed RSS 2.0 feed: the XML is not well-formed (<unknown>:1:78: undefined entity)" in problem
    assert "ask the publisher to fix it" in problem and "check the feed address" not in problem


def test_a_recognised_feed_broken_before_its_first_entry_keeps_its_title_and_says_so(raw_server) -> None:
    body = b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire &foo;</title></feed>'
    fetched = fetched_feed(raw_server, body)
    assert fetched.status == "ok", fetched.error
    assert fetched.parsed is not None and fetched.parsed.entries == ()
    assert "a malformed Atom 1.0 feed" in (fetched.parsed.problem or "")
    assert "but that is no entry" in (fetched.parsed.problem or "")


def test_an_html_page_is_still_not_a_feed() -> None:
    with pytest.raises(FeedError, match="not an RSS or Atom feed.*check the feed address"):
        parse_feed(b"<html><body><p>Welcome &nbsp; home</p></body></html>", "https://news.example/")
