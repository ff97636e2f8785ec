"""Reading archives for a back-fill: WARC / WARC.gz files, folders of saved pages, lists of URLs.

``read_source(path)`` yields one ``ArchiveRecord`` per page. A record's ``key`` says where it
is in its source — a WARC record's byte offset (``@1234``), a page's path in its folder, a
URL of a list — and is the same every time the source is read: the back-fill's checkpoint is
keyed on (source, key). Which reader runs is decided by the file itself (a folder; ``WARC/``
or gzip magic; anything else is a list of URLs, one a line, ``#`` for comments).

Errors are records, not exceptions: a record that cannot be read carries an ``error`` and the
reading goes on. A WARC whose compression or framing breaks cannot be read past the break
(nothing says where the next record starts), so it ends with one error record. Records that
are not pages (requests, metadata, images, redirects) carry a ``filtered`` reason.

URLs of a list are fetched by ``fetch_records`` with the project's ``Fetcher``: the SSRF
guard, size cap and timeouts of a poll apply, after the checkpoint said the URL is not done.
"""
from __future__ import annotations

import gzip
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from ..errors import ArchiveError, FetchError
from .fetch import Fetcher

log = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
GZIP_MAGIC = b"\x1f\x8b"


@dataclass
class ArchiveRecord:
    """One page of an archive (or why it is not one)."""

    source: str                    # the source as the checkpoint knows it: its resolved path
    key: str                       # where the record is in its source (see the module docstring)
    url: str | None
    content: bytes | None = None   # None: a URL not fetched yet, or a record that failed
    content_type: str = "text/html"
    encoding: str | None = None
    http_status: int | None = None
    archived_at: str | None = None  # WARC-Date, or the file's modification time (ISO, UTC)
    error: str | None = None       # the record could not be read
    filtered: str | None = None    # the record is not a page, and why
    position: int = 0              # bytes of the source read up to this record (for progress)
    size: int = 0                  # the source's size in bytes

    @property
    def needs_fetch(self) -> bool:
        return self.content is None and self.error is None and self.filtered is None


def source_id(path: Path) -> str:
    """The name a source's checkpoint rows carry: its absolute path."""
    return str(path.resolve())


def read_source(path: Path) -> Iterator[ArchiveRecord]:
    """The records of one source (a WARC file, a folder of pages or a list of URLs)."""
    if path.is_dir():
        return read_folder(path)
    if not path.is_file():
        raise ArchiveError(f"{path}: no such file or folder; give WARC files, folders of .html pages "
                           "or files of URLs")
    with path.open("rb") as stream:
        head = stream.read(5)
    if head.startswith(GZIP_MAGIC) or head == b"WARC/":
        return read_warc(path)
    return read_url_list(path)


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


# -- WARC --------------------------------------------------------------------------------------

def read_warc(path: Path) -> Iterator[ArchiveRecord]:
    """The ``response`` and ``resource`` records of a WARC / WARC.gz file (warcio)."""
    from warcio.archiveiterator import ArchiveIterator

    source, size = source_id(path), path.stat().st_size
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        offset = 0
        try:
            for record in records:
                if record.rec_type not in ("response", "resource"):
                    continue  # requests, warcinfo, metadata: not records of pages
                found = _warc_record(record, source, size)
                # Only after the content is read: asking for the offset reads the record to its end.
                offset = records.get_record_offset()
                found.key, found.position = f"@{offset}", stream.tell()
                yield found
        except Exception as exc:  # warcio raises several kinds for broken framing or gzip
            yield ArchiveRecord(source, f"@{offset}:broken", None, position=size, size=size,
                                error=f"{path}: the archive cannot be read past byte {offset} "
                                      f"({type(exc).__name__}: {exc}); the records before it were read")


def _warc_record(record: object, source: str, size: int) -> ArchiveRecord:
    headers = record.rec_headers  # type: ignore[attr-defined]
    url = headers.get_header("WARC-Target-URI")
    found = ArchiveRecord(source, "", url, archived_at=headers.get_header("WARC-Date"), size=size)
    http = record.http_headers  # type: ignore[attr-defined]
    if http is not None and record.rec_type == "response":  # type: ignore[attr-defined]
        found.http_status = _status(http.get_statuscode())
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = headers.get_header("Content-Type") or ""
    media, _, params = content_type.partition(";")
    found.content_type = media.strip().lower() or "text/html"
    found.encoding = _charset(params)
    if found.http_status is not None and not 200 <= found.http_status < 300:
        return replace(found, filtered=f"HTTP {found.http_status}")
    if found.content_type not in PAGE_TYPES:
        return replace(found, filtered=f"not a page ({found.content_type})")
    try:
        found.content = record.content_stream().read()  # type: ignore[attr-defined]
    except Exception as exc:  # a broken Content-Encoding or chunking of one record
        return replace(found, error=f"{url}: the record's content cannot be read: "
                                    f"{type(exc).__name__}: {exc}")
    return found


def _status(code: str | None) -> int | None:
    try:
        return int(code) if code else None
    except ValueError:
        return None


def _charset(params: str) -> str | None:
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return None


# -- folders of saved pages --------------------------------------------------------------------

def read_folder(folder: Path) -> Iterator[ArchiveRecord]:
    """Every ``.html``/``.htm``/``.xhtml`` (also gzipped: ``.html.gz``) file under ``folder``, in name order."""
    source = source_id(folder)
    pages = sorted(p for p in folder.rglob("*") if p.is_file()
                   and p.name.lower().removesuffix(".gz").endswith(HTML_SUFFIXES))
    sizes = [p.stat().st_size for p in pages]
    total, position = sum(sizes), 0
    for page, page_size in zip(pages, sizes):
        position += page_size
        key = page.relative_to(folder).as_posix()
        found = ArchiveRecord(source, key, page.resolve().as_uri(), position=position, size=total,
                              archived_at=_iso(datetime.fromtimestamp(page.stat().st_mtime, timezone.utc)))
        try:
            content = page.read_bytes()
            found.content = gzip.decompress(content) if page.name.lower().endswith(".gz") else content
        except (OSError, EOFError) as exc:
            found.error = f"{page}: cannot be read: {exc}"
        yield found


# -- lists of URLs ------------------------------------------------------------------------------

def read_url_list(path: Path) -> Iterator[ArchiveRecord]:
    """The URLs of a text file, one a line (blank lines and ``#`` comments skipped, repeats once)."""
    source = source_id(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ArchiveError(f"{path}: cannot be read as a list of URLs ({exc}); give a UTF-8 text file "
                           "with one URL a line, a WARC file or a folder of .html pages") from exc
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        url = line.strip()
        if not url or url.startswith("#") or url in seen:
            continue
        seen.add(url)
        found = ArchiveRecord(source, url, url, position=number, size=len(lines))
        if not url.startswith(("http://", "https://")):
            found.error = f"{path}, line {number}: {url!r} is not an http(s) URL"
        yield found


def fetch_records(records: list[ArchiveRecord], fetcher: Fetcher, workers: int) -> list[ArchiveRecord]:
    """The records with their pages fetched (threads; the fetcher's per-host limit applies); a
    failed fetch becomes the record's error."""
    def fetch(record: ArchiveRecord) -> ArchiveRecord:
        if not record.needs_fetch or record.url is None:
            return record
        try:
            got = fetcher.get(record.url, kind="page")
        except FetchError as exc:
            return replace(record, error=str(exc), http_status=exc.status)
        return replace(record, url=got.final_url, content=got.content, http_status=got.status,
                       content_type=got.content_type or "text/html", encoding=got.encoding,
                       archived_at=_iso(datetime.now(timezone.utc)))

    if not any(r.needs_fetch for r in records):
        return records
    with ThreadPoolExecutor(max(1, workers), thread_name_prefix="backfill-fetch") as pool:
        return list(pool.map(fetch, records))
