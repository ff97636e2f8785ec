"""Text survives a wrong charset declaration, and right declarations stay right (issue 15, item 8).

Pages and feeds are served from loopback with a Content-Type charset that is wrong (or right),
fetched, and decoded; the article or entry must read as written. The wrong cases are the ones
met on news sites: legacy bytes declared UTF-8, UTF-8 declared Latin-1, one Cyrillic code page
declared as another.

Measured (pages below, through fetch and extraction): on main 1 of the 12 wrong cases read as
written (cp1251 declared UTF-8), now 12 of 12; the 13 right or undeclared cases read as written
before and after. Two more wrong cases are beyond this detector and are not claimed: Turkish
windows-1254 declared UTF-8 reads as windows-1252 ("Görüþmeler"), and Czech windows-1250
declared ISO-8859-1 keeps the declaration ("témìø"): both readings are plausible Latin text,
and telling them apart needs a language model.
"""
from __future__ import annotations

import pytest

from monitor.ingest.extract import extract_article
from monitor.ingest.feeds import fetch_feed
from monitor.ingest.fetch import Fetcher

from faultkit import fetch_settings, http_response, serve_bytes

TEXTS = {
    "fr": "Il a déjà dit que l'été serait chaud à Paris, où les élèves étaient déçus par la réforme.",
    "de": "Die Gespräche über Zölle würden nächste Woche fortgesetzt, sagte der Minister in Köln.",
    "es": "El señor Muñoz explicó que la reunión se celebrará en León el próximo año.",
    "ru": "Звонок длился почти полтора часа, сообщили в Кремле после переговоров.",
    "pl": "Rozmowa trwała prawie półtorej godziny, poinformował Kreml w środę wieczorem.",
    "cz": "Jednání trvalo téměř půldruhé hodiny, uvedl mluvčí ministerstva ve středu.",
    "el": "Η συνομιλία διήρκεσε σχεδόν μιάμιση ώρα, ανακοίνωσε το γραφείο του πρωθυπουργού.",
    "tr": "Görüşmeler Ankara’da yeniden başladı ve üç saat sürdü, dedi bakan.",
    "ja": "首脳会談は約九十分続いたと政府関係者が明らかにした。",
}

# (language, the bytes' real charset, the charset the server declares)
WRONG = [
    ("fr", "latin-1", "utf-8"), ("es", "cp1252", "utf-8"), ("ru", "cp1251", "utf-8"),
    ("pl", "iso8859-2", "utf-8"), ("el", "iso8859-7", "utf-8"), ("de", "cp1252", "utf-8"),
    ("fr", "utf-8", "iso-8859-1"), ("de", "utf-8", "windows-1252"), ("ru", "utf-8", "windows-1251"),
    ("ru", "koi8-r", "windows-1251"), ("cz", "utf-8", "iso-8859-1"), ("ja", "utf-8", "shift_jis"),
]
RIGHT = [
    ("fr", "latin-1", "iso-8859-1"), ("de", "cp1252", "windows-1252"), ("es", "utf-8", "utf-8"),
    ("ru", "cp1251", "windows-1251"), ("ru", "koi8-r", "koi8-r"), ("pl", "iso8859-2", "iso-8859-2"),
    ("cz", "cp1250", "windows-1250"), ("el", "iso8859-7", "iso-8859-7"), ("tr", "cp1254", "windows-1254"),
    ("ja", "shift_jis", "shift_jis"), ("ja", "euc-jp", "euc-jp"), ("ru", "utf-8", None), ("fr", "cp1252", None),
]


def page(language: str, charset: str) -> bytes:
    """An article of six paragraphs, each carrying the language's sentence, in ``charset``."""
    paragraphs = "".join(f"<p>{n}. {TEXTS[language]} Paragraph {n} of the report goes on.</p>" for n in range(6))
    return f"<html><head><title>Report</title></head><body><article>{paragraphs}</article></body></html>".encode(
        charset)


def served_article(raw_server, body: bytes, declared: str | None) -> str:
    content_type = "text/html" + (f"; charset={declared}" if declared else "")
    server = raw_server(serve_bytes(http_response(body, headers={"Content-Type": content_type})))
    with Fetcher(fetch_settings()) as fetcher:
        fetched = fetcher.get(server.url("/story"))
    return extract_article(fetched.content, fetched.final_url, fetched.encoding).text


@pytest.mark.parametrize("language, charset, declared", WRONG, ids=[f"{l}-{c}-declared-{d}" for l, c, d in WRONG])
def test_a_page_with_a_wrong_charset_declaration_reads_as_written(raw_server, language, charset, declared) -> None:
    assert TEXTS[language] in served_article(raw_server, page(language, charset), declared)


@pytest.mark.parametrize("language, charset, declared", RIGHT, ids=[f"{l}-{c}-declared-{d}" for l, c, d in RIGHT])
def test_a_page_with_a_right_or_no_declaration_still_reads_as_written(raw_server, language, charset,
                                                                      declared) -> None:
    assert TEXTS[language] in served_article(raw_server, page(language, charset), declared)


@pytest.mark.parametrize("language, charset, declared", [("ru", "cp1251", "utf-8"), ("fr", "utf-8", "iso-8859-1"),
                                                         ("fr", "latin-1", "utf-8")])
def test_a_feed_with_a_wrong_charset_declaration_keeps_its_titles_readable(raw_server, language, charset,
                                                                           declared) -> None:
    title = TEXTS[language].split(",")[0]
    feed = (f'<?xml version="1.0" encoding="{declared}"?><rss version="2.0"><channel><title>{title}</title>'
            f"<item><title>{title}</title><link>https://news.example/1</link></item></channel></rss>").encode(charset)
    server = raw_server(serve_bytes(http_response(feed, headers={
        "Content-Type": f"application/rss+xml; charset={declared}"})))
    with Fetcher(fetch_settings()) as fetcher:
        fetched = fetch_feed(fetcher, {"url": server.url("/feed.xml")})
    assert fetched.status == "ok", fetched.error
    assert fetched.parsed is not None
    assert fetched.parsed.title == title
    assert [e.title for e in fetched.parsed.entries] == [title]


def test_a_utf8_page_with_one_broken_byte_stays_utf8(raw_server) -> None:
    # A stray Latin-1 byte in a UTF-8 page must cost one character, not the whole page's accents.
    body = page("fr", "utf-8").replace(b"</article>", b"<p>Fin \xe9.</p></article>")
    assert TEXTS["fr"] in served_article(raw_server, body, "utf-8")
