"""Turning fetched page bytes into an article record: decoding, trafilatura, canonical URL, hash.

Pure functions, no I/O: ``fetch.py`` gets the bytes, this module gets the text out of them.
``extract_article`` runs named steps, each failing with an ``ExtractionError`` that says
which step and why (never a silent ``None``)::

    decode     bytes -> str: BOM, UTF-16/32 by its NULs, valid UTF-8, declared charset,
               <meta charset>, charset_normalizer when those fail or read as mojibake
    parse      str -> lxml tree (trafilatura's loader, which copes with broken HTML)
    metadata   title, author, date, site from trafilatura; canonical URL and language
               from the page's own <link rel=canonical> / og:url and <html lang>
    body       trafilatura's main-text extraction, precision first, then its balanced mode
    check      enough text left? control characters stripped, content hash computed

``canonicalize_url`` and ``content_hash`` are the two keys that make storage idempotent:
the store's articles are unique by canonical URL, and syndicated copies of one story on
different sites share a content hash.
"""
from __future__ import annotations

import codecs
import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import trafilatura
from charset_normalizer import from_bytes
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.settings import Document
from w3lib.url import canonicalize_url as w3lib_canonicalize_url
from w3lib.url import url_query_cleaner

from ..errors import ExtractionError

logger = logging.getLogger(__name__)

# Query parameters that only say where a click came from; they are removed so that one
# article reached from several feeds, newsletters or social posts has one canonical URL.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid",
    "_ga", "_gl", "ref", "ref_src", "ref_url", "cmpid", "ocid", "smid", "smtyp", "spm", "sr_share",
    "at_medium", "at_campaign", "wt_mc", "wt.mc_id", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id",
})
TRACKING_PREFIXES = ("utm_",)
DEFAULT_PORTS = {"http": 80, "https": 443}

# Fewer characters than this after extraction is a teaser, a paywall stub or a page of
# links, not an article worth judging claims against.
MIN_ARTICLE_CHARS = 100

# How far into the page a <meta charset> is looked for (the HTML standard says 1024 bytes;
# real pages put long <script>s first, so look a little further).
META_SNIFF_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.IGNORECASE)
# C0/C1 control characters except tab and newline; NUL bytes in stored text break tools downstream.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass
class ExtractedArticle:
    """The article text and metadata of one page."""

    text: str
    title: str | None
    author: str | None
    published_at: str | None   # ISO date (YYYY-MM-DD)
    site: str | None
    language: str | None       # declared primary language subtag ("en", "ru"), if the page says
    canonical_url: str | None  # from <link rel=canonical> / og:url, canonicalised
    content_hash: str          # see content_hash(); equal for syndicated copies


# -- URLs ------------------------------------------------------------------------------

def canonicalize_url(url: str) -> str:
    """One spelling per resource: lower-case scheme and host, no default port, no fragment,
    no tracking parameters (utm_*, fbclid, gclid, ...), query arguments sorted.

    Never raises: a URL that w3lib cannot parse keeps the rest of its spelling.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
        netloc = host if port is None or DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    except ValueError:  # a port that is not a number: keep the address as written
        netloc = parts.netloc.rsplit("@", 1)[-1].lower()
    if parts.username or parts.password:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
    url = urlunsplit((scheme, netloc, parts.path or ("/" if netloc else ""), parts.query, ""))
    names = {pair.split("=", 1)[0] for pair in parts.query.split("&") if pair}
    tracking = [n for n in names if n.lower() in TRACKING_PARAMS or n.lower().startswith(TRACKING_PREFIXES)]
    if tracking:
        url = url_query_cleaner(url, tracking, remove=True, unique=False)
    try:
        return w3lib_canonicalize_url(url)
    except ValueError:
        # e.g. a port that is not a number: no fetch will succeed, and the fetch says why;
        # here the URL only needs a stable spelling.
        return url


def _declared_canonical(tree: HtmlElement, page_url: str) -> str | None:
    """The page's own claim of its canonical address, if usable."""
    candidates = [link.get("href", "") for link in tree.iter("link")
                  if "canonical" in (link.get("rel") or "").lower().split()]
    candidates += [meta.get("content", "") for meta in tree.iter("meta")
                   if (meta.get("property") or meta.get("name") or "").lower() == "og:url"]
    page = urlsplit(page_url)
    for href in candidates:
        href = str(href).strip()
        if not href:
            continue
        absolute = urljoin(page_url, href)
        target = urlsplit(absolute)
        if target.scheme not in ("http", "https") or not target.hostname:
            continue
        # A canonical pointing at the site's home page from an article is a known CMS bug;
        # trusting it would merge every article of the site into one stored row.
        if target.path in ("", "/") and page.path not in ("", "/"):
            logger.debug("ignoring home-page canonical %s declared by %s", absolute, page_url)
            continue
        return canonicalize_url(absolute)
    return None


def _declared_language(tree: HtmlElement) -> str | None:
    """The primary language subtag the page declares (<html lang>, Content-Language, og:locale)."""
    values = tree.xpath('/html/@lang | /html/@xml:lang | //head/meta[translate(@http-equiv, '
                        '"CONTENT-LANGUAGE", "content-language")="content-language"]/@content'
                        ' | //head/meta[@property="og:locale"]/@content',
                        namespaces={"xml": "http://www.w3.org/XML/1998/namespace"})
    for value in values:
        primary = re.split(r"[-_,;\s]", str(value).strip(), maxsplit=1)[0].lower()
        if primary.isalpha() and 2 <= len(primary) <= 3:
            return primary
    return None


# -- text ------------------------------------------------------------------------------

def content_hash(text: str) -> str:
    """SHA-256 of the text with case, whitespace, punctuation and Unicode forms normalised,
    so that copies of one story differing in quotes, dashes, spacing or case hash equal."""
    normalised = unicodedata.normalize("NFKC", text).casefold()
    # Punctuation and symbols become spaces: ’ vs ', “ vs ", — vs - must not matter.
    kept = "".join(" " if unicodedata.category(ch)[0] in "PSZC" else ch for ch in normalised)
    return hashlib.sha256(" ".join(kept.split()).encode("utf-8")).hexdigest()


def clean_text(text: str) -> str:
    """Strip NUL and other control characters, normalise line ends, drop runs of blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_CHARS.sub("", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def _clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(_CONTROL_CHARS.sub(" ", value).split())
    return value or None


def _codec(label: str | None) -> str | None:
    """Python's codec name for a charset label, or None if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    # Browsers read pages labelled latin-1 or ASCII as windows-1252 (the HTML standard's
    # rule), and so do the pages' authors: curly quotes in 0x80-0x9F are common.
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _try_decode(content: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return content.decode(codec)
    except UnicodeDecodeError:
        if codec == "cp1252":  # five bytes are undefined in cp1252 but fine in latin-1
            return content.decode("latin-1")
        return None


# The legacy encodings still met on news sites, for charset_normalizer to choose among when a
# page's declaration is missing or wrong (left free, it picks exotic code pages for short text).
WEB_ENCODINGS = ["cp1252", "cp1250", "cp1251", "koi8_r", "iso8859_2", "iso8859_7", "cp1253", "cp1254",
                 "cp1257", "iso8859_15", "cp1255", "cp1256", "iso8859_5", "shift_jis", "euc_jp", "gb18030",
                 "big5", "euc_kr"]
_XML_ENCODING = re.compile(rb"""\A\s*<\?xml[^>]*?encoding\s*=\s*["']([a-zA-Z0-9_:.\-]+)""")
# Japanese mixes kanji and kana within a word, as Korean text may hanja and hangul: one script here.
_EAST_ASIAN_SCRIPTS = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "HALFWIDTH", "FULLWIDTH", "IDEOGRAPHIC"})
_EAST_ASIAN = "EAST-ASIAN"
# Non-ASCII signs that legitimately touch letters; with quotation marks and dashes (by category).
_PLAIN_SYMBOLS = frozenset("\u00b7\u00ad\u00bf\u00a1\u2026\u00b0\u00a9\u00ae\u2122\u20ac\u00a3\u00a7\u2022\u00a0\u02bc")
_QUOTES_AND_DASHES = frozenset({"Pi", "Pf", "Ps", "Pe", "Pd"})
# Superscripts and fractions are "word" characters to the re module, yet in running text they
# are the classic trace of mojibake ("trwa³a"): they count as symbols here.
_FRACTIONS = "\u00b2\u00b3\u00b9\u00bc-\u00be"
_LETTER = rf"[^\W\d_{_FRACTIONS}]"
_SYMBOL = rf"(?:[^\x00-\x7f\w\s\u3000-\u303f\uff00-\uffef]|[{_FRACTIONS}])"   # CJK punctuation is plain
_SYMBOL_AT_LETTER = re.compile(rf"(?<={_LETTER}){_SYMBOL}|{_SYMBOL}(?={_LETTER})")
_WORD_RUN = re.compile(r"[^\W\d_]+(?:[^\s<>\"'=/]+[^\W\d_]+)*")


def utf16_32_codec(head: bytes) -> str | None:
    """The UTF-16/32 codec of text without a byte-order mark, from where its NUL bytes fall.

    Mostly-ASCII markup in UTF-16-LE is ``<\\0r\\0s\\0s\\0``: every other byte is NUL, at odd
    offsets (even offsets for big-endian; three of four for UTF-32). This is the XML standard's
    appendix F detection made tolerant of a document that starts without ``<?xml``.
    """
    sample = head[:256]
    sample = sample[:len(sample) - len(sample) % 4]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    zeros = [sum(1 for i in range(offset, len(sample), 4) if sample[i] == 0) / (len(sample) // 4)
             for offset in range(4)]
    # UTF-32 of the Basic Multilingual Plane: two NULs in every four bytes, always.
    if zeros[2] > 0.9 and zeros[3] > 0.9 and zeros[0] < 0.5:
        return "utf-32-le"
    if zeros[0] > 0.9 and zeros[1] > 0.9 and zeros[3] < 0.5:
        return "utf-32-be"
    # UTF-16: the ASCII characters' NULs on one side only (none at all on the other, where
    # even Cyrillic or Greek letters have a non-zero byte).
    if min(zeros[1], zeros[3]) > 0.3 and max(zeros[0], zeros[2]) < 0.05:
        return "utf-16-le"
    if min(zeros[0], zeros[2]) > 0.3 and max(zeros[1], zeros[3]) < 0.05:
        return "utf-16-be"
    return None


def mojibake_signs(text: str) -> int:
    """How many places in ``text`` look like bytes decoded with the wrong charset.

    Only places where a non-ASCII character is involved count (so "iPhone" or "e-mail" cost
    nothing, and every candidate decoding scores them alike): a symbol or control character
    touching a letter ("trwa³a", "¶rodę", "CafÃ©"), a lower-case letter followed by an
    upper-case one ("лТЕНМЕ": KOI8-R read as windows-1251), letters of two scripts in one word.
    Quotation marks, dashes, apostrophes and the usual signs (° © € …) are not signs.
    """
    signs = sum(1 for symbol in _SYMBOL_AT_LETTER.findall(text)
                if symbol not in _PLAIN_SYMBOLS and unicodedata.category(symbol) not in _QUOTES_AND_DASHES)
    for word in _WORD_RUN.findall(text):
        if word.isascii():
            continue
        scripts = set()
        for i, ch in enumerate(word):
            if ch.isalpha():
                script = "LATIN" if ch.isascii() else unicodedata.name(ch, "?").split(" ", 1)[0]
                scripts.add(_EAST_ASIAN if script in _EAST_ASIAN_SCRIPTS else script)
                if i and word[i - 1].islower() and ch.isupper() and not (ch.isascii() and word[i - 1].isascii()):
                    signs += 1
        if len(scripts) > 1:
            signs += 1
    return signs


def decode_text(content: bytes, declared_encoding: str | None = None) -> tuple[str, str]:
    """Decode page or feed bytes; returns the text and the codec used. Never raises.

    In order: a byte-order mark; UTF-16/32 recognised by its NUL bytes; UTF-8 when the bytes
    are valid UTF-8 and not plain ASCII (legacy text is practically never valid UTF-8, so a
    page declared Latin-1 that is valid UTF-8 is UTF-8: "Café", not "CafÃ©"); then the charset
    the server declared and the page's own ``<meta charset>`` or ``<?xml encoding>``. A
    declaration that does not decode the bytes, or decodes them to text with signs of
    mojibake (``mojibake_signs``), loses to charset_normalizer's choice among the legacy
    web encodings, when that choice reads cleaner; windows-1252 wins ties, as in browsers.
    """
    for bom, bom_codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                           (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                           (codecs.BOM_UTF16_BE, "utf-16")):
        if content.startswith(bom):
            decoded = _try_decode(content, bom_codec)
            if decoded is not None:
                return decoded, bom_codec
    wide = utf16_32_codec(content[:META_SNIFF_BYTES])
    if wide is not None:
        decoded = _try_decode(content, wide)
        if decoded is not None:
            return decoded, wide
    if not content.isascii():
        decoded = _try_decode(content, "utf-8")
        if decoded is not None:
            return decoded, "utf-8"
        mostly = _mostly_utf8(content)
        if mostly is not None:
            return mostly, "utf-8"
    head = content[:META_SNIFF_BYTES]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    meta = match.group(1).decode("ascii", "replace") if match else None
    declared: tuple[str, str] | None = None
    for label in (declared_encoding, meta):
        codec = _codec(label)
        # A page that says UTF-16 in its ASCII-readable <meta> cannot really be UTF-16.
        if codec is None or codec.startswith(("utf-16", "utf-32")):
            continue
        decoded = _try_decode(content, codec)
        if decoded is not None:
            declared = (decoded, codec)
            break
    if declared is not None and (content.isascii() or mojibake_signs(declared[0]) == 0):
        return declared
    guessed = _guess(content)
    if guessed is not None and (declared is None or mojibake_signs(guessed[0]) < mojibake_signs(declared[0])):
        logger.debug("charset guessed as %s (declared %s, meta %s)", guessed[1], declared_encoding, meta)
        return guessed
    if declared is not None:
        return declared
    return content.decode("utf-8", errors="replace"), "utf-8"


def _mostly_utf8(content: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a truncated character, one pasted Latin-1 quote): the
    text with replacement characters, when valid UTF-8 sequences outnumber the broken ones
    twenty to one; None otherwise (legacy bytes are rarely valid UTF-8 at all)."""
    text = content.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - content.decode("utf-8", errors="ignore").count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return text if broken and multibyte >= 20 * broken else None


def _guess(content: bytes) -> tuple[str, str] | None:
    """charset_normalizer's reading among ``WEB_ENCODINGS`` with the fewest signs of mojibake;
    among equals, the most common on the web (windows-1252 first), then its own ranking."""
    readings = []
    for rank, match in enumerate(from_bytes(content, cp_isolation=WEB_ENCODINGS)):
        text = str(match)
        prior = WEB_ENCODINGS.index(match.encoding) if match.encoding in WEB_ENCODINGS else len(WEB_ENCODINGS)
        readings.append((mojibake_signs(text), prior if prior == 0 else 1, rank, text, match.encoding))
    if not readings:
        return None
    signs, _, _, text, encoding = min(readings)
    return text, encoding


def decode_page(content: bytes, declared_encoding: str | None = None) -> str:
    """The text of page bytes (see ``decode_text``); never raises on odd encodings."""
    return decode_text(content, declared_encoding)[0]


def _strip_leading_title(text: str, title: str | None) -> str:
    """The body without a first line repeating the headline: some templates put the <h1>
    inside the article and some outside, and copies of a story must still hash equal."""
    if title:
        first, _, rest = text.partition("\n")
        if content_hash(first) == content_hash(title):
            return rest
    return text


# -- the extraction steps --------------------------------------------------------------

def _parse(html: str, url: str) -> HtmlElement:
    tree = trafilatura.load_html(html)
    if tree is None:
        raise ExtractionError(f"parse: {url} is not HTML that can be parsed ({len(html):,} characters)")
    return tree


def _body(tree: HtmlElement, url: str) -> Document | None:
    """trafilatura's text and metadata; precision first (no comments, no link lists), and the
    balanced mode only when precision finds nothing worth keeping."""
    document = None
    for favor_precision in (True, False):
        result = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_tables=True,
            favor_precision=favor_precision,
            # No "extensive" date search: it turns "© 2025" in a footer into 2025-01-01.
            # Only dates the page states as such (meta tags, <time>, URL) are used.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
        document = result if isinstance(result, Document) else None  # a dict only with as_dict=True
        if document is not None and len(clean_text(document.text or "")) >= MIN_ARTICLE_CHARS:
            return document
    return document


def extract_article(content: bytes, url: str, encoding: str | None = None, *,
                    content_type: str = "text/html") -> ExtractedArticle:
    """Extract the main text and metadata of a fetched page.

    ``encoding`` is the charset the server declared; ``content_type`` the media type
    (``text/plain`` pages are taken as they are). Raises ``ExtractionError`` when no
    article text is found.
    """
    text = decode_page(content, encoding)
    if content_type == "text/plain":
        body = clean_text(text)
        if len(body) < MIN_ARTICLE_CHARS:
            raise ExtractionError(f"check: {url} is a text page of only {len(body)} characters, "
                                  f"fewer than the {MIN_ARTICLE_CHARS} an article needs")
        return ExtractedArticle(body, None, None, None, None, None, None, content_hash(body))

    tree = _parse(text, url)
    canonical = _declared_canonical(tree, url)
    language = _declared_language(tree)
    try:
        document = _body(tree, url)
    except (ValueError, TypeError, RecursionError, etree.LxmlError) as exc:
        # trafilatura catches most of its own failures; a pathological page can still break
        # lxml underneath it, and one bad page must not stop a poll cycle.
        raise ExtractionError(f"body: trafilatura failed on {url}: {type(exc).__name__}: {exc}") from exc
    body = clean_text(document.text or "") if document is not None else ""
    if document is None or len(body) < MIN_ARTICLE_CHARS:
        found = f"only {len(body)} characters of text" if body else "no article text"
        raise ExtractionError(
            f"check: {found} found in {url} ({len(text):,} chars of HTML); it may be an index "
            f"page, a paywall or a page built by JavaScript")
    title = _clean_field(document.title)
    logger.debug("extracted %d characters from %s", len(body), url)
    return ExtractedArticle(
        text=body,
        title=title,
        author=_clean_field(document.author),
        published_at=document.date,
        site=_clean_field(document.sitename) or _clean_field(document.hostname),
        language=document.language or language,
        canonical_url=canonical,
        content_hash=content_hash(_strip_leading_title(body, title)),
    )
