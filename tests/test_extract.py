"""monitor.ingest.extract on saved news pages: boilerplate removed, metadata read, canonical URLs and
content hashes stable across copies of one story, any page encoding decoded."""
from __future__ import annotations

from ipaddress import ip_network
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from monitor.config import FetchSettings
from monitor.errors import ExtractionError
from monitor.ingest.extract import canonicalize_url, content_hash, decode_page, extract_article
from monitor.ingest.fetch import Fetcher

PAGES = Path(__file__).parent / "fixtures" / "pages"
HERALD_URL = "https://www.coastalherald.example/news/2025/02/14/harbour-dredging-plan-approved"
RUSSIAN_SENTENCE = "В морском порту Архангельска в четверг начали строительство нового грузового причала"
FRENCH_SENTENCE = "a déclaré le maire, Hélène Garçon, à l'issue de la séance"


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


# -- boilerplate and metadata -----------------------------------------------------------

def test_story_text_keeps_every_paragraph_and_drops_nav_ads_and_comments() -> None:
    article = extract_article(page("story_herald.html"), HERALD_URL)
    assert article.text.startswith("Harbour authority approves dredging plan")
    for kept in ("deepen the port's main shipping channel", "1.2 million cubic metres",
                 "seven votes to two", "challenge it in court", "85 million euros"):
        assert kept in article.text
    for dropped in ("Subscribe for", "Advertisement", "Related stories", "ferry timetable",
                    "seadog77", "Shameful decision", "All rights reserved", "cookies"):
        assert dropped not in article.text


def test_metadata_is_read_from_meta_tags() -> None:
    article = extract_article(page("story_herald.html"), HERALD_URL)
    assert article.title == "Harbour authority approves dredging plan after two-year review"
    assert article.author == "Maria Lindqvist"
    assert article.published_at == "2025-02-14"
    assert article.site == "The Coastal Herald"
    assert article.language == "en"


def test_copyright_year_in_footer_is_not_taken_as_the_publication_date() -> None:
    article = extract_article(page("story_latin1.html"), "https://gazette.example/budget", "iso-8859-1")
    assert article.published_at is None


def test_page_without_article_text_raises_naming_the_url() -> None:
    with pytest.raises(ExtractionError) as caught:
        extract_article(page("index_page.html"), "https://www.coastalherald.example/news")
    message = str(caught.value)
    assert "https://www.coastalherald.example/news" in message
    assert "chars of HTML" in message


def test_control_characters_are_stripped_from_text() -> None:
    html = ("<html><body><article><p>" + "A NUL \x00 byte and a bell \x07 in the story. " * 5
            + "</p></article></body></html>")
    article = extract_article(html.encode("utf-8"), "https://example.com/a")
    assert "\x00" not in article.text and "\x07" not in article.text
    assert "A NUL byte and a bell in the story." in article.text


def test_plain_text_page_passes_through() -> None:
    text = ("Harbour plan approved.\r\n\r\n\r\n\r\nThe channel will be deepened to 14 metres, "
            "the authority said on Thursday after a two-year review.\x00")
    article = extract_article(text.encode("utf-8"), "https://example.com/a.txt", "utf-8", content_type="text/plain")
    assert article.text == ("Harbour plan approved.\n\nThe channel will be deepened to 14 metres, "
                            "the authority said on Thursday after a two-year review.")
    assert article.title is None and article.canonical_url is None
    with pytest.raises(ExtractionError, match="only 5 characters"):
        extract_article(b"Short", "https://example.com/b.txt", content_type="text/plain")


# -- canonical URLs ---------------------------------------------------------------------

@pytest.mark.parametrize("url, canonical", [
    ("HTTPS://WWW.Example.COM:443/News/Story?b=2&a=1#comments", "https://www.example.com/News/Story?a=1&b=2"),
    ("http://example.com:80", "http://example.com/"),
    ("http://example.com:8080/x", "http://example.com:8080/x"),
    ("https://example.com/a?utm_source=rss&utm_medium=feed&utm_campaign=x&id=7", "https://example.com/a?id=7"),
    ("https://example.com/a?fbclid=IwAR0&gclid=Cj0&mc_cid=1&mc_eid=2&igshid=3&ref=home", "https://example.com/a"),
    ("https://example.com/a?UTM_Source=x&page=2", "https://example.com/a?page=2"),
    ("https://example.com/caf%c3%a9?q=a b", "https://example.com/caf%C3%A9?q=a+b"),
    ("http://[2001:DB8::1]:80/x", "http://[2001:db8::1]/x"),
    ("http://Example.com:http/x", "http://example.com:http/x"),
])
def test_canonicalize_url_normalises_and_strips_tracking(url: str, canonical: str) -> None:
    assert canonicalize_url(url) == canonical


@pytest.mark.parametrize("junk", ["", "not a url", "http://[::1", "http://example.com:port/"])
def test_canonicalize_url_never_raises_on_junk(junk: str) -> None:
    assert isinstance(canonicalize_url(junk), str)


def test_canonical_link_is_used_and_its_tracking_params_removed() -> None:
    # The fixture's <link rel=canonical> carries ?utm_source=rss&utm_medium=feed.
    article = extract_article(page("story_herald.html"), HERALD_URL + "?utm_source=twitter")
    assert article.canonical_url == HERALD_URL


def test_og_url_is_used_when_there_is_no_canonical_link() -> None:
    article = extract_article(page("story_syndicated.html"), "https://northseadaily.example/?p=123")
    assert article.canonical_url == "https://northseadaily.example/2025/02/harbour-authority-approves-dredging-plan/"


def _story(head: str) -> bytes:
    body = "<p>" + "The harbour authority approved the dredging plan on Thursday. " * 4 + "</p>"
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>".encode()


def test_relative_canonical_link_is_resolved_against_the_page_url() -> None:
    article = extract_article(_story('<link rel="Canonical" href="/news/harbour?utm_campaign=x">'),
                              "https://example.com/amp/news/harbour")
    assert article.canonical_url == "https://example.com/news/harbour"


def test_canonical_pointing_at_the_home_page_is_ignored() -> None:
    article = extract_article(_story('<link rel="canonical" href="https://example.com/">'),
                              "https://example.com/news/harbour")
    assert article.canonical_url is None


def test_page_without_canonical_has_none() -> None:
    assert extract_article(_story(""), "https://example.com/news/harbour").canonical_url is None


# -- content hash -----------------------------------------------------------------------

def test_syndicated_copies_with_different_boilerplate_share_content_hash() -> None:
    herald = extract_article(page("story_herald.html"), HERALD_URL)
    copy = extract_article(page("story_syndicated.html"), "https://northseadaily.example/2025/02/harbour")
    # The copy has curly quotes, other line breaks and other boilerplate around the same story.
    assert herald.text != copy.text
    assert herald.content_hash == copy.content_hash


def test_copy_without_the_headline_in_its_body_still_shares_content_hash() -> None:
    herald = extract_article(page("story_herald.html"), HERALD_URL)
    headless = page("story_syndicated.html").replace(
        b'<h1 class="entry-title">Harbour authority approves dredging plan after two-year review</h1>', b"")
    copy = extract_article(headless, "https://northseadaily.example/2025/02/harbour")
    assert not copy.text.startswith("Harbour authority")
    assert herald.content_hash == copy.content_hash


def test_content_hash_ignores_case_whitespace_and_punctuation_but_not_words_or_numbers() -> None:
    base = content_hash("The call lasted close to 90 minutes, Peskov said.")
    assert content_hash("  the CALL lasted close to 90 minutes — Peskov said\n") == base
    assert content_hash("The call lasted close to 95 minutes, Peskov said.") != base
    assert content_hash("The call lasted nearly 90 minutes, Peskov said.") != base
    assert len(base) == 64


# -- encodings --------------------------------------------------------------------------

def test_windows_1251_page_is_decoded_from_its_meta_charset() -> None:
    article = extract_article(page("story_cp1251.html"), "https://sevvesti.example/news/1")
    assert RUSSIAN_SENTENCE in article.text
    assert article.title == "В порту Архангельска начали строить новый причал"
    assert article.site == "Северные вести"
    assert article.language == "ru"


def test_windows_1251_page_without_meta_is_decoded_from_the_header_or_by_detection() -> None:
    raw = page("story_cp1251.html")
    bare = raw.replace(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">\n', b"")
    assert bare != raw
    assert RUSSIAN_SENTENCE in decode_page(bare, "windows-1251")
    assert RUSSIAN_SENTENCE in decode_page(bare, None)


def test_server_claiming_utf8_for_a_windows_1251_page_does_not_garble_it() -> None:
    assert RUSSIAN_SENTENCE in decode_page(page("story_cp1251.html"), "utf-8")


def test_latin1_page_is_decoded_from_the_header_or_by_detection() -> None:
    raw = page("story_latin1.html")
    assert FRENCH_SENTENCE in extract_article(raw, "https://gazette.example/budget", "ISO-8859-1").text
    assert FRENCH_SENTENCE in extract_article(raw, "https://gazette.example/budget").text


def test_byte_order_mark_wins_over_a_wrong_declaration() -> None:
    raw = "\ufeff<p>Привет, мир</p>".encode("utf-16-le")
    assert decode_page(raw, "iso-8859-1") == "<p>Привет, мир</p>"


def test_undecodable_bytes_never_raise() -> None:
    noise = bytes(range(256)) * 8
    assert isinstance(decode_page(noise, "no-such-charset"), str)


def test_charset_from_http_header_flows_from_fetch_into_extraction(httpserver: HTTPServer) -> None:
    raw = page("story_cp1251.html").replace(
        b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">\n', b"")
    httpserver.expect_request("/news/1").respond_with_data(raw, content_type="text/html; charset=windows-1251")
    settings = FetchSettings(allow_private_addresses=(ip_network("127.0.0.0/8"), ip_network("::1/128")))
    with Fetcher(settings) as fetcher:
        result = fetcher.get(httpserver.url_for("/news/1"))
    assert result.encoding == "windows-1251"
    article = extract_article(result.content, result.final_url, result.encoding, content_type=result.content_type)
    assert RUSSIAN_SENTENCE in article.text
