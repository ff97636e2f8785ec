"""Feed documents for tests, in a module of its own (`from conftest import` is ambiguous beside
tests/faults/conftest.py).
"""
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape


def rss(items: Sequence[Mapping[str, str]], title: str = "Test feed") -> bytes:
    """An RSS 2.0 document: one ``<item>`` per mapping of element name (title, link, guid,
    pubDate, description, …) to text, escaped."""
    body = "".join("<item>" + "".join(f"<{tag}>{escape(text)}</{tag}>" for tag, text in item.items()) + "</item>"
                   for item in items)
    return f'<rss version="2.0"><channel><title>{escape(title)}</title>{body}</channel></rss>'.encode()
